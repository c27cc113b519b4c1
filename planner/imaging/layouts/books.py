"""Collection layouts: one new arrival with its cover, and a list of two to six books."""

from __future__ import annotations

import math

from planner.imaging.canvas import COVER_ASPECT, Canvas, split_cols
from planner.imaging.contrast import rgb
from planner.imaging.layouts.base import Cover, Layout, LayoutError, LayoutInput
from planner.imaging.layouts.frame import chip, flow, footer, header, tint
from planner.imaging.sizes import Box

MAX_COVERS = 6


def _book_text(c: Canvas, data: LayoutInput, area: Box, align: str) -> None:
    """Kicker, title, author, call number chip and an optional line of summary."""
    on = [c.bg]
    kick = chip(
        c,
        "kicker",
        data.kicker or data.label_text("kicker.new_arrival"),
        area[0],
        area[1],
        area[2],
        c.accent,
        align=align,
    )
    # Room for what follows the title, so a long title cannot push the call number out.
    needs = (6 if data.author or data.subtitle else 0) + (7 if data.call_number else 0)
    needs += 4.2 * len(data.details)
    reserve = min(c.px(needs), round((area[3] - kick[3]) * 0.6))
    title = c.text(
        "title",
        data.title,
        (area[0], kick[3] + c.px(2.5), area[2], area[3] - reserve),
        max_size=7 if c.shape != "wide" else 6,
        min_size=2.6,
        align=align,
        on=on,
        prefer=[c.primary],
    )
    y = flow(c, title, 1.5)
    author = data.author or data.subtitle
    if author:
        by = c.text(
            "author",
            author,
            (area[0], y, area[2], area[3]),
            font="body",
            max_size=3.6,
            min_size=2,
            max_lines=2,
            align=align,
            on=on,
        )
        y = flow(c, by, 2.5)
    if data.call_number and area[3] - y > c.px(5):
        label = data.label_text("call_number", number=data.call_number)
        box = chip(c, "call_number", label, area[0], y, area[2], c.primary, 2.4, align, upper=False)
        y = box[3] + c.px(2.5)
    extra = "\n".join(data.details)
    if extra and area[3] - y > c.px(3):
        c.text(
            "details",
            extra,
            (area[0], y, area[2], area[3]),
            font="body",
            max_size=2.8,
            min_size=1.8,
            align=align,
            on=on,
        )
    c.align_group(["kicker", "title", "author", "call_number", "details"], area, "middle")


def compose_new_arrival(c: Canvas, data: LayoutInput) -> None:
    """The cover large on a light tint of the brand colour, with title, author and call number."""
    top = header(c, [c.bg])
    bottom = footer(c, c.primary)
    body = (c.safe[0], top + c.px(3.5), c.safe[2], bottom - c.px(3.5))
    bw, bh = body[2] - body[0], body[3] - body[1]
    if c.shape in ("wide", "square"):
        cover_w = min(round(bh * COVER_ASPECT), round(bw * (0.36 if c.shape == "wide" else 0.44)))
        cover_box, text_box = split_cols(body, cover_w / bw, c.px(5))
        c.cover(data.image, data.title, data.author, cover_box, align="left")
        _book_text(c, data, text_box, "left")
        return
    share = 0.46 if c.shape == "tall" else 0.5
    cover_h = round(bh * share)
    cover = c.cover(
        data.image, data.title, data.author, (body[0], body[1], body[2], body[1] + cover_h)
    )
    _book_text(c, data, (body[0], cover[3] + c.px(4), body[2], body[3]), "center")


new_arrival = Layout(
    "new_arrival", compose_new_arrival, lambda b: tint(rgb(b.palette.primary), 0.1)
)


def _grid(n: int, area: Box, gap: int, caption: int) -> tuple[int, int, int]:
    """(columns, cover width, cover height) that make the covers as large as possible."""
    width, height = area[2] - area[0], area[3] - area[1]
    best = (1, 0, 0)
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        cell_w = (width - (cols - 1) * gap) / cols
        cell_h = (height - (rows - 1) * gap) / rows - caption
        h = min(cell_h, cell_w / COVER_ASPECT)
        if h > best[2]:
            best = (cols, round(h * COVER_ASPECT), round(h))
    return best


def _covers(data: LayoutInput) -> list[Cover]:
    covers = list(data.covers)
    if not covers and data.image is not None:
        covers = [Cover(data.title, data.author, data.image)]
    if not covers:
        raise LayoutError("book_list_empty")
    if len(covers) > MAX_COVERS:
        raise LayoutError("book_list_many", limit=MAX_COVERS)
    return covers


def compose_book_list(c: Canvas, data: LayoutInput) -> None:
    """Two to six covers in the grid that shows them largest, captioned, under a heading."""
    covers = _covers(data)
    top = header(c, [c.primary])
    bottom = footer(c, c.secondary)
    body = (c.safe[0], top + c.px(3), c.safe[2], bottom - c.px(3))
    if c.shape == "wide":
        head, grid = split_cols(body, 0.36, c.px(4))
    else:
        share = {"square": 0.3, "portrait": 0.28, "tall": 0.26}[c.shape]
        cut = body[1] + round((body[3] - body[1]) * share)
        head, grid = (body[0], body[1], body[2], cut), (body[0], cut + c.px(3), body[2], body[3])
    kick = chip(
        c,
        "kicker",
        data.kicker or data.label_text("kicker.book_list"),
        head[0],
        head[1],
        head[2],
        c.accent,
    )
    reserve = round((head[3] - kick[3]) * (0.3 if data.subtitle else 0))
    title = c.text(
        "title",
        data.title,
        (head[0], kick[3] + c.px(2), head[2], head[3] - reserve),
        max_size=6,
        min_size=2.4,
        on=[c.primary],
    )
    if data.subtitle:
        c.text(
            "subtitle",
            data.subtitle,
            (head[0], flow(c, title, 1.5), head[2], head[3]),
            font="body",
            max_size=3,
            min_size=1.8,
            on=[c.primary],
        )

    gap = c.px(2.5)
    caption = c.px(5.4)
    cols, cw, ch = _grid(len(covers), grid, gap, caption)
    if cw < c.px(9):  # too small to read a caption under it: let the covers have the room
        caption = 0
        cols, cw, ch = _grid(len(covers), grid, gap, 0)
    rows = math.ceil(len(covers) / cols)
    block_h = rows * (ch + caption) + (rows - 1) * gap
    y = grid[1] + (grid[3] - grid[1] - block_h) // 2
    for r in range(rows):
        row = covers[r * cols : (r + 1) * cols]
        row_w = len(row) * cw + (len(row) - 1) * gap
        x = grid[0] + (grid[2] - grid[0] - row_w) // 2
        for offset, book in enumerate(row):
            index = r * cols + offset + 1
            placed = c.cover(book.image, book.title, book.author, (x, y, x + cw, y + ch))
            if caption:
                c.text(
                    f"caption_{index}",
                    book.title,
                    (x, placed[3] + c.px(0.9), x + cw, placed[3] + caption),
                    font="body",
                    max_size=1.9,
                    min_size=1.35,
                    max_lines=2,
                    spacing=1.05,
                    align="center",
                    on=[c.primary],
                )
            x += cw + gap
        y += ch + caption + gap


book_list = Layout("book_list", compose_book_list, lambda b: b.palette.primary)
