"""Card layouts: a recommendation or quote, a notice (hours, closures) and a statistic."""

from __future__ import annotations

from planner.imaging.canvas import COVER_ASPECT, Canvas, split_cols
from planner.imaging.contrast import rgb
from planner.imaging.layouts.base import Layout, LayoutInput
from planner.imaging.layouts.frame import chip, flow, footer, header, shade, tint
from planner.imaging.sizes import Box


def _quote_mark(c: Canvas, x: int, y: int, size: int, colour: tuple[int, int, int]) -> Box:
    """An opening quotation mark drawn as two shapes (a decoration, not text)."""
    r = size // 4
    for i in range(2):
        cx = x + r + i * (2 * r + size // 8)
        cy = y + size - r
        c.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        c.draw.polygon([(cx - r, cy), (cx + r // 3, y), (cx + r, y + size // 6)], fill=colour)
    return (x, y, x + 4 * r + size // 8, y + size)


def compose_quote_card(c: Canvas, data: LayoutInput) -> None:
    """A quotation or a librarian's recommendation, with the book's cover when given."""
    top = header(c, [c.primary])
    bottom = footer(c, c.secondary)
    body = (c.safe[0], top + c.px(3.5), c.safe[2], bottom - c.px(3.5))
    cover = data.image or (data.covers[0].image if data.covers else None)
    book = data.covers[0] if data.covers else None
    has_cover = cover is not None or book is not None
    text_area = body
    if has_cover:
        title = book.title if book else data.title
        author = book.author if book else data.author
        bw, bh = body[2] - body[0], body[3] - body[1]
        if c.shape == "wide":
            cw = min(round(bh * COVER_ASPECT), round(bw * 0.3))
            text_area, cover_area = split_cols(body, 1 - cw / bw, c.px(5))
            c.cover(cover, title, author, cover_area, align="right")
        else:
            ch = round(bh * (0.3 if c.shape != "tall" else 0.34))
            cover_area = (body[0], body[3] - ch, body[2], body[3])
            c.cover(cover, title, author, cover_area, align="right")
            text_area = (body[0], body[1], body[2], body[3] - ch - c.px(3))
    mark = _quote_mark(c, text_area[0], text_area[1], c.px(8), shade(c.secondary, c.primary, 0.85))
    kicker = data.kicker or data.label_text("kicker.quote_card")
    kick = chip(c, "kicker", kicker, mark[2] + c.px(3), text_area[1], text_area[2], c.accent)
    quote_top = max(mark[3], kick[3]) + c.px(3)
    attribution = data.attribution or data.author
    reserve = c.px(10) if attribution else 0
    quote_area = (text_area[0], quote_top, text_area[2], text_area[3])
    quote = c.text(
        "quote",
        data.quote or data.title,
        (text_area[0], quote_top, text_area[2], text_area[3] - reserve),
        font="body",
        max_size=6.2 if c.shape == "wide" else 8,
        min_size=2.4,
        spacing=1.2,
        on=[c.primary],
    )
    if attribution:
        c.text(
            "attribution",
            f"— {attribution}",
            (text_area[0], flow(c, quote, 2.5), text_area[2], text_area[3]),
            max_size=3.2,
            min_size=1.8,
            max_lines=2,
            on=[c.primary],
            prefer=[c.secondary],
        )
    c.align_group(["quote", "attribution"], quote_area, "middle")


quote_card = Layout("quote_card", compose_quote_card, lambda b: b.palette.primary)


def _notice_icon(c: Canvas, box: Box) -> None:
    """A round 'i' sign in the accent colour."""
    c.ellipse(box, c.accent)
    d = box[2] - box[0]
    cx = box[0] + d // 2
    w = max(2, d // 9)
    c.ellipse((cx - w, box[1] + d * 22 // 100 - w, cx + w, box[1] + d * 22 // 100 + w), c.bg)
    c.rect((cx - w, box[1] + d * 38 // 100, cx + w, box[1] + d * 80 // 100), c.bg)


def _rows(c: Canvas, rows: list[tuple[str, str]], area: Box, on: list) -> int:
    """Label / value rows with hairlines between them; returns the y below the table."""
    if not rows:
        return area[1]
    grow = 1.2 if c.shape == "tall" else 1.0
    height = min(c.px(7.5 * grow), (area[3] - area[1]) // len(rows))
    line = shade(c.primary, c.bg, 0.25)
    y = area[1]
    label_w = round((area[2] - area[0]) * 0.55)
    for i, (label, value) in enumerate(rows, start=1):
        cell = (area[0], y, area[2], y + height)
        c.text(
            f"row_{i}_label",
            label,
            (cell[0], cell[1], cell[0] + label_w, cell[3]),
            font="body",
            max_size=3.1 * grow,
            min_size=1.6,
            max_lines=1,
            valign="middle",
            on=on,
        )
        c.text(
            f"row_{i}_value",
            value,
            (cell[0] + label_w + c.px(1), cell[1], cell[2], cell[3]),
            max_size=3.1 * grow,
            min_size=1.6,
            max_lines=1,
            align="right",
            valign="middle",
            on=on,
            prefer=[c.primary],
        )
        if i < len(rows):
            c.rect((cell[0], cell[3] - max(1, c.px(0.15)), cell[2], cell[3]), line)
        y += height
    return y


def compose_notice(c: Canvas, data: LayoutInput) -> None:
    """Opening hours or a closure: a sign, a heading and a clear table of times."""
    stripe = c.px(1.8)
    c.rect((0, 0, stripe, c.h), c.accent)
    top = header(c, [c.bg])
    bottom = footer(c, c.primary, left_edge=stripe)
    body = (c.safe[0], top + c.px(3.5), c.safe[2], bottom - c.px(3.5))
    if c.shape == "wide":
        head, table = split_cols(body, 0.46, c.px(5))
    else:
        share = {"square": 0.42, "portrait": 0.4, "tall": 0.36}[c.shape] if data.rows else 0.6
        cut = body[1] + round((body[3] - body[1]) * share)
        head, table = (body[0], body[1], body[2], cut), (body[0], cut + c.px(2.5), body[2], body[3])
    icon = c.px(7)
    _notice_icon(c, (head[0], head[1], head[0] + icon, head[1] + icon))
    kick = chip(
        c,
        "kicker",
        data.kicker or data.label_text("kicker.notice"),
        head[0] + icon + c.px(2.5),
        head[1] + (icon - c.px(2.2 * 1.35 + 1.6)) // 2,
        head[2],
        c.accent,
    )
    y = max(kick[3], head[1] + icon) + c.px(2.5)
    reserve = round((head[3] - y) * (0.3 if data.subtitle else 0))
    title = c.text(
        "title",
        data.title,
        (head[0], y, head[2], head[3] - reserve),
        max_size=6,
        min_size=2.4,
        on=[c.bg],
        prefer=[c.primary],
    )
    if data.subtitle:
        c.text(
            "subtitle",
            data.subtitle,
            (head[0], flow(c, title, 1.5), head[2], head[3]),
            font="body",
            max_size=3.2,
            min_size=1.8,
            on=[c.bg],
        )
    end = _rows(c, data.rows, table, [c.bg])
    notes = "\n".join(data.details)
    if notes and table[3] - end > c.px(4):
        c.text(
            "details",
            notes,
            (table[0], end + c.px(2.5), table[2], table[3]),
            font="body",
            max_size=2.8,
            min_size=1.7,
            on=[c.bg],
        )


notice = Layout("notice", compose_notice, lambda b: tint(rgb(b.palette.secondary), 0.12))


def _bars(c: Canvas, area: Box, colour: tuple[int, int, int]) -> None:
    """A small rising bar chart, the card's only decoration."""
    n = 5
    gap = max(2, (area[2] - area[0]) // 18)
    w = (area[2] - area[0] - (n - 1) * gap) // n
    for i in range(n):
        h = round((area[3] - area[1]) * (0.35 + 0.65 * (i + 1) / n))
        x = area[0] + i * (w + gap)
        c.rect((x, area[3] - h, x + w, area[3]), colour, radius=max(1, w // 6))


def compose_statistic(c: Canvas, data: LayoutInput) -> None:
    """One big number and what it counts, e.g. '1.250' 'pengunjung bulan ini'."""
    top = header(c, [c.primary])
    bottom = footer(c, c.secondary)
    body = (c.safe[0], top + c.px(3.5), c.safe[2], bottom - c.px(3.5))
    number = data.number or data.title
    label = data.label or (data.subtitle if data.number else "")
    period = data.subtitle if data.label else ""
    bar_colour = shade(c.secondary, c.primary, 0.3)
    kick = chip(
        c,
        "kicker",
        data.kicker or data.label_text("kicker.statistic"),
        body[0],
        body[1],
        body[2],
        c.accent,
    )
    if c.shape == "wide":
        left, right = split_cols((body[0], kick[3] + c.px(2), body[2], body[3]), 0.5, c.px(4))
        _bars(c, (right[2] - c.px(16), right[3] - c.px(11), right[2], right[3]), bar_colour)
        c.text(
            "number",
            number,
            left,
            max_size=26,
            min_size=5,
            max_lines=1,
            valign="middle",
            on=[c.primary],
            prefer=[c.secondary],
        )
        text_area = (right[0], right[1], right[2], right[3] - c.px(12))
        align = "left"
    else:
        chart = (body[2] - c.px(18), body[3] - c.px(13), body[2], body[3])
        _bars(c, chart, bar_colour)
        share = {"square": 0.42, "portrait": 0.4, "tall": 0.34}[c.shape]
        cut = kick[3] + c.px(2) + round((body[3] - kick[3]) * share)
        num = c.text(
            "number",
            number,
            (body[0], kick[3] + c.px(2), body[2], cut),
            max_size=30,
            min_size=5,
            max_lines=1,
            valign="bottom",
            on=[c.primary],
            prefer=[c.secondary],
        )
        text_area = (body[0], flow(c, num, 2), body[2], chart[1] - c.px(2))
        group_area = (body[0], body[1], body[2], chart[1] - c.px(2))
        align = "left"
    label_fit = c.text(
        "label",
        label,
        text_area,
        max_size=5.4,
        min_size=2.2,
        max_lines=3,
        align=align,
        on=[c.primary],
    )
    rest = (text_area[0], flow(c, label_fit, 2), text_area[2], text_area[3])
    lines = "\n".join(x for x in [period, *data.details] if x)
    if lines and rest[3] - rest[1] > c.px(3):
        c.text(
            "details",
            lines,
            rest,
            font="body",
            max_size=3.2,
            min_size=1.8,
            align=align,
            on=[c.primary],
            prefer=[c.secondary],
        )
    if c.shape == "wide":
        c.align_group(["label", "details"], text_area, "middle")
    else:
        c.align_group(["kicker", "number", "label", "details"], group_area, "middle")


statistic = Layout("statistic", compose_statistic, lambda b: b.palette.primary)
