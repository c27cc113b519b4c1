// The "while typing" count under a compose text area, by the server's rules
// (planner/validation.py): X by twitter-text's weighting (URLs with a known top-level domain
// weigh 23, an emoji sequence 2, CJK 2), a ticked "as thread" checked part by part.
export default function(component) {
  const { data, parentElement } = component;
  // Streamlit calls this again on every rerun with the same parent: keep one counter there.
  for (const old of parentElement.querySelectorAll('[data-testid="plannerLiveCount"]')) {
    old.remove();
  }
  const out = document.createElement("div");
  out.style.cssText = "font-size:0.8rem;color:#555";
  out.setAttribute("data-testid", "plannerLiveCount");
  parentElement.appendChild(out);
  const cfg = data.twitter;
  const urls = new RegExp(
    String.raw`(?:https?:\/\/)?(?:[\p{L}\p{N}_-]+\.)+(?:${data.tlds})(?:\/[^\s]*[^\s.,!?;:'")\]]|\/)?`,
    "giu",
  );
  const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const weightOf = (code) => {
    for (const r of cfg.ranges) if (code >= r.start && code <= r.end) return r.weight;
    return cfg.default_weight;
  };
  const count = (raw) => {
    const text = raw.normalize("NFC");
    if (data.graphemes) return [...segmenter.segment(text)].length;  // Bluesky
    if (!data.weighted) return [...text].length;
    let total = 0;
    const rest = text.replace(urls, () => {
      total += cfg.transformed_url_length * cfg.scale;
      return "";
    });
    for (const { segment } of segmenter.segment(rest)) {
      if (emoji.test(segment)) { total += cfg.default_weight; continue; }
      for (const ch of segment) total += weightOf(ch.codePointAt(0));
    }
    return Math.floor(total / cfg.scale);
  };
  // planner.validation.thread_parts: split between words, keep line breaks, number "(1/3)".
  const threadParts = (text) => {
    if (count(text) <= data.limit) return [text];
    const budget = data.limit - " (99/99)".length;
    const words = text.replaceAll("\n", " \n ").split(" ");
    const parts = [];
    let current = "";
    for (const word of words) {
      const candidate = current && word !== "\n" ? `${current} ${word}` : current + word;
      if (current && count(candidate.trim()) > budget) {
        parts.push(current.trim());
        current = word === "\n" ? "" : word;
        continue;
      }
      current = candidate;
    }
    if (current.trim()) parts.push(current.trim());
    return parts.map((p, i) => `${p.replaceAll(" \n ", "\n")} (${i + 1}/${parts.length})`);
  };
  const show = (text) => {
    const n = count(text);
    const number = (value) => value.toLocaleString(data.locale);
    let over = n > data.limit;
    let note = "";
    if (data.thread && over) {
      const parts = threadParts(text);
      over = parts.some((part) => count(part) > data.limit);
      note = ` · ${data.thread_label.replace("{parts}", number(parts.length))}`;
    }
    out.textContent = `${data.prefix} ${number(n)}/${number(data.limit)}${note}`;
    out.style.color = over ? "#c0392b" : "#555";
    out.dataset.over = over ? "1" : "0";
  };
  const onInput = (event) => {
    const area = event.target;
    if (area && area.tagName === "TEXTAREA" && area.getAttribute("aria-label") === data.label) {
      show(area.value);
    }
  };
  document.addEventListener("input", onInput, true);
  const first = document.querySelector(`textarea[aria-label="${CSS.escape(data.label)}"]`);
  show(first ? first.value : data.text);
  return () => {
    document.removeEventListener("input", onInput, true);
    out.remove();
  };
}
