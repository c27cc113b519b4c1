"""Layouts: each draws one kind of post image on a canvas of any size preset.

A layout returns the boxes its text occupies so tests can check that nothing leaves the
safe area; composition is computed from the canvas proportions (side by side when wide,
stacked when square or tall), never scaled from one size.
"""

from __future__ import annotations

from planner.imaging.canvas import Drawn
from planner.imaging.inputs import open_image
from planner.imaging.layouts.base import TEXT_FIELDS, Cover, Layout, LayoutError, LayoutInput
from planner.imaging.layouts.books import book_list, new_arrival
from planner.imaging.layouts.cards import notice, quote_card, statistic
from planner.imaging.layouts.event import children, event_poster

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (event_poster, new_arrival, book_list, quote_card, children, notice, statistic)
}


def layout_named(name: str) -> Layout:
    """The layout called `name`, or a ValueError listing the known ones."""
    try:
        return LAYOUTS[name]
    except KeyError as exc:
        raise ValueError(f"unknown layout {name!r}; choose one of {', '.join(LAYOUTS)}") from exc


__all__ = [
    "LAYOUTS",
    "TEXT_FIELDS",
    "Cover",
    "Drawn",
    "Layout",
    "LayoutError",
    "LayoutInput",
    "layout_named",
    "open_image",
]
