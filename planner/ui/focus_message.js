// Moves keyboard focus to a message that just appeared (e.g. "scheduled" after "Jadwalkan"),
// so a keyboard or screen-reader user is not thrown back to the top of the page when the form
// clears. Waits briefly for Streamlit to draw the message. Draws nothing.
export default function (component) {
  const { data } = component;
  if (!data || !data.text) return;
  // The message was written as Markdown; compare the words a person reads.
  const words = data.text.replace(/[*_`\\]/g, "");
  let tries = 0;
  const look = () => {
    for (const alert of document.querySelectorAll('[data-testid="stAlert"]')) {
      if (alert.textContent.includes(words)) {
        alert.setAttribute("tabindex", "-1");
        alert.setAttribute("role", "status");
        alert.focus();
        return;
      }
    }
    if (++tries < 50) setTimeout(look, 100);
  };
  look();
}
