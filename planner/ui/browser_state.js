// Keeps the browser in step with the server: the signed session cookie (set at sign-in,
// cleared at sign-out) and the document's language (WCAG 3.1.1: <html lang> is the
// interface language, not Streamlit's default "en"). Draws nothing.
export default function (component) {
  const { data } = component;
  if (data.lang) document.documentElement.lang = data.lang;
  const name = data.cookie_name;
  if (!name) return;
  if (data.clear) {
    document.cookie = `${name}=; Path=/; Max-Age=0; SameSite=Strict`;
  } else if (data.cookie) {
    const secure = data.secure ? "; Secure" : "";
    document.cookie =
      `${name}=${data.cookie}; Path=/; Max-Age=${data.max_age}; SameSite=Strict${secure}`;
  }
}
