"""Accessibility helpers every page shares: a visible focus ring and focus moved to news.

Both are tiny components drawing nothing, as the page-language script in signin.py is: the
stylesheet goes into the page's <head> once, and focus moves only when a message asks for it.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import streamlit as st

from planner.ui.runtime import tr

_HERE = Path(__file__).parent
_CSS = (_HERE / "access.css").read_text(encoding="utf-8")
_styles = st.components.v2.component(
    "planner_access_styles", js=(_HERE / "access_styles.js").read_text(encoding="utf-8")
)
_focus = st.components.v2.component(
    "planner_focus_message", js=(_HERE / "focus_message.js").read_text(encoding="utf-8")
)
FOCUS_KEY = "planner_focus_message"


def described(chart: alt.TopLevelMixin, title: str) -> alt.TopLevelMixin:
    """The chart with a text alternative: Vega puts it on the SVG as its aria-label."""
    return chart.properties(description=tr("a11y.chart", title=title))


def styles() -> None:
    """The app-wide focus ring (WCAG 2.4.7)."""
    _styles(key="planner_access_styles", data={"css": _CSS})


def announce(text: str) -> None:
    """Ask for focus to move to the message saying `text` on the next run that shows it."""
    st.session_state[FOCUS_KEY] = text


def move_focus() -> None:
    """Move focus to the message `announce` named, once."""
    if text := st.session_state.pop(FOCUS_KEY, None):
        # A fresh key per message: the script runs again even for the same words.
        st.session_state["planner_focus_n"] = st.session_state.get("planner_focus_n", 0) + 1
        _focus(key=f"focus_{st.session_state['planner_focus_n']}", data={"text": text})
