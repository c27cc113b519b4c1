"""axe-core (vendored under tests/vendor/axe-core, MPL-2.0) run inside a Playwright page.

`violations(page)` returns the critical and serious WCAG 2.0/2.1 A and AA violations caused by
the app's own content, one readable line each; Streamlit's own markup is allowed only where
listed below, and only inside the element it concerns.
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (rule, the element the violation must sit in). Streamlit 1.67's sectioned sidebar navigation
# puts a <div> straight inside its <ul> (list) and so its <li> lose their list (listitem). It
# is Streamlit's markup, not ours (docs/accessibility.md); any other list problem still fails.
STREAMLIT_OWN = {
    ("list", '[data-testid="stSidebarNav"]'),
    ("listitem", '[data-testid="stSidebarNav"]'),
}
_RUN = """async (args) => {
  const [tags, allowed] = args;
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const out = [];
  for (const v of result.violations) {
    if (!['critical', 'serious'].includes(v.impact)) continue;
    for (const node of v.nodes) {
      const target = Array.isArray(node.target[0]) ? node.target[0][0] : node.target[0];
      const element = document.querySelector(target);
      const excused = allowed.some(([rule, inside]) =>
        rule === v.id && element && element.closest(inside));
      if (!excused) out.push(`${v.impact} ${v.id}: ${node.html.slice(0, 140)}`);
    }
  }
  return out;
}"""


def violations(page) -> list[str]:
    """The app's own critical/serious violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS)
    return page.evaluate(_RUN, [TAGS, [list(pair) for pair in STREAMLIT_OWN]])
