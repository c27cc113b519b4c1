"""Pieces every layout shares: the header (logo and name), the footer band, chips, badges."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from planner.imaging.canvas import Canvas, inset
from planner.imaging.contrast import RGB, blend
from planner.imaging.layouts.base import LayoutInput
from planner.imaging.sizes import Box
from planner.imaging.text import Align, FittedText


def header_height(c: Canvas) -> int:
    """How tall the logo-and-name row is."""
    return c.px(7 if c.shape != "wide" else 8)


def header(c: Canvas, on: Sequence[RGB], area: Box | None = None) -> int:
    """Logo and library name along the top of `area` (default the safe area); returns its bottom."""
    left, top, right, _ = area or c.safe
    side = header_height(c)
    logo = c.logo((left, top, left + side, top + side))
    x = logo[2] + c.px(1.8) if logo else left
    c.text(
        "library",
        c.brand.name,
        (x, top, right, top + side),
        max_size=3.1,
        min_size=1.7,
        max_lines=2,
        spacing=1.05,
        valign="middle",
        on=on,
    )
    return top + side


def footer(c: Canvas, band: RGB, left_edge: int = 0) -> int:
    """The footer band (address · website · handles) right of `left_edge`; returns its top."""
    text = c.brand.footer_text()
    if not text:
        return c.safe[3]
    height = c.px(5.2 if c.shape in ("square", "wide") else 6.4)
    top = c.safe[3] - height
    # On a story the band stops where the platform's reply bar begins; elsewhere it bleeds.
    end = c.h if c.shape != "tall" else c.safe[3] + c.size.margin
    c.rect((left_edge, top, c.w, end), band)
    area = (max(c.safe[0], left_edge + c.px(3)), top, c.safe[2], c.safe[3])
    c.text(
        "footer",
        text,
        inset(area, 0, c.px(0.9)),
        font="body",
        max_size=2.1,
        min_size=1.45,
        max_lines=2,
        spacing=1.1,
        valign="middle",
        on=[band],
    )
    return top


def chip(
    c: Canvas,
    name: str,
    text: str,
    x: int,
    y: int,
    right: int,
    fill: RGB,
    size: float = 2.2,
    align: Align = "left",
    upper: bool = True,
) -> Box:
    """A label on a rounded colour block (e.g. 'KOLEKSI BARU'); returns the block's box."""
    pad_x, pad_y = c.px(1.6), c.px(0.8)
    height = c.px(size * 1.35)
    c.text(
        name,
        text.upper() if upper else text,
        (x + pad_x, y + pad_y, right - pad_x, y + pad_y + height),
        max_size=size,
        min_size=1.4,
        max_lines=1,
        align=align,
        valign="middle",
        on=[fill],
        backdrop=(pad_x, pad_y, c.px(0.8)),
    )
    return c.extent(name)


def date_badge(c: Canvas, data: LayoutInput, box: Box, fill: RGB) -> bool:
    """Day number over month on a colour block; False (nothing drawn) without a day."""
    if not data.day:
        return False
    c.rect(box, fill, radius=c.px(1.2))
    inner = inset(box, c.px(1), c.px(0.8))
    split = inner[1] + round((inner[3] - inner[1]) * 0.64)
    height = box[3] - box[1]
    c.text(
        "badge_day",
        data.day,
        (inner[0], inner[1], inner[2], split),
        max_size=height * 0.62 / c.u,
        min_size=2,
        max_lines=1,
        align="center",
        valign="bottom",
        on=[fill],
    )
    c.text(
        "badge_month",
        data.month.upper(),
        (inner[0], split, inner[2], inner[3]),
        max_size=height * 0.2 / c.u,
        min_size=1.2,
        max_lines=1,
        align="center",
        valign="top",
        on=[fill],
    )
    return True


def when_line(data: LayoutInput) -> str:
    """'Sabtu, 5 Desember 2026 · 09.00 WIB', or the subtitle when no date is given."""
    return " · ".join(x for x in (data.date, data.time) if x) or data.subtitle


def event_details(data: LayoutInput) -> str:
    """Place, speaker, audience and any extra lines, one per line."""
    speaker = data.label_text("with", speaker=data.speaker) if data.speaker else ""
    lines = [data.place, speaker, data.audience, *data.details]
    if not (data.date or data.time) and data.subtitle and not data.day:
        lines = [x for x in lines if x != data.subtitle]
    return "\n".join(x for x in lines if x)


def flow(c: Canvas, fitted: FittedText, gap: float) -> int:
    """The y just below a fitted text plus a gap (in units); where the next element starts."""
    if fitted.empty:
        return fitted.area[1]
    return fitted.box[3] + c.px(gap)


def seeded(text: str, salt: str = "") -> int:
    """A stable number from text, so decorations differ per post but never between renders."""
    return int.from_bytes(hashlib.sha256(f"{salt}|{text}".encode()).digest()[:8], "big")


def tint(colour: RGB, amount: float) -> RGB:
    """`colour` mixed into white (amount 0 = white, 1 = the colour)."""
    return blend(colour, (255, 255, 255), amount)


def shade(colour: RGB, over: RGB, amount: float) -> RGB:
    """`colour` laid over `over` at `amount` opacity (a flat, cheap stand-in for transparency)."""
    return blend(colour, over, amount)
