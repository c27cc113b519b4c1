export default function(component) {
  const { data, parentElement } = component;
  const out = document.createElement("div");
  out.style.cssText = "font-size:0.8rem;color:#555";
  out.setAttribute("data-testid", "plannerLiveCount");
  parentElement.appendChild(out);
  const cfg = data.twitter;
  const urls = /https?:\/\/\S+|\b[\w-]+(\.[\w-]+)*\.(com|id|org|net)\b\S*/gi;
  const pictographic = /\p{Extended_Pictographic}/u;
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const weightOf = (code) => {
    for (const r of cfg.ranges) if (code >= r.start && code <= r.end) return r.weight;
    return cfg.default_weight;
  };
  const count = (text) => {
    if (!data.weighted) return [...text].length;
    let total = 0;
    const rest = text.replace(urls, () => {
      total += cfg.transformed_url_length * cfg.scale;
      return "";
    });
    for (const { segment } of segmenter.segment(rest)) {
      if (pictographic.test(segment)) { total += cfg.default_weight; continue; }
      for (const ch of segment) total += weightOf(ch.codePointAt(0));
    }
    return Math.floor(total / cfg.scale);
  };
  const show = (text) => {
    const n = count(text);
    const number = (value) => value.toLocaleString(data.locale);
    out.textContent = `${data.prefix} ${number(n)}/${number(data.limit)}`;
    out.style.color = n > data.limit ? "#c0392b" : "#555";
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
  return () => document.removeEventListener("input", onInput, true);
}
