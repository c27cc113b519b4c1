// Puts the app-wide accessibility stylesheet (access.css) into the page once and keeps it
// current. st.html drops a lone <style> in Streamlit 1.67, so a script adds it. Draws nothing.
export default function (component) {
  const { data } = component;
  if (!data || !data.css) return;
  let sheet = document.getElementById("planner-access-styles");
  if (!sheet) {
    sheet = document.createElement("style");
    sheet.id = "planner-access-styles";
    document.head.appendChild(sheet);
  }
  if (sheet.textContent !== data.css) sheet.textContent = data.css;
}
