"""Event layouts: the general event poster and the playful children's programme."""

from __future__ import annotations

import random
from functools import lru_cache

from PIL import Image, ImageDraw

from planner.imaging.canvas import Canvas, Placement, inset, split_cols
from planner.imaging.contrast import WHITE, rgb
from planner.imaging.inputs import fitted
from planner.imaging.layouts.base import Layout, LayoutInput
from planner.imaging.layouts.frame import (
    chip,
    date_badge,
    event_details,
    flow,
    footer,
    header,
    header_height,
    seeded,
    shade,
    when_line,
)
from planner.imaging.sizes import Box
from planner.imaging.text import Align, VAlign

# Share of the body height a photo takes in stacked compositions, by shape.
_PHOTO_SHARE = {"square": 0.5, "portrait": 0.52, "tall": 0.54}


def _details_block(
    c: Canvas, data: LayoutInput, box: Box, on: list, prefer: list, valign: VAlign = "top"
) -> None:
    """The when-line in the heading font, then place, speaker and audience, as one group."""
    grow = 1.25 if c.shape == "tall" else 1.0
    when = c.text(
        "when",
        when_line(data),
        box,
        max_size=3.6 * grow,
        min_size=2.0,
        max_lines=2,
        on=on,
        prefer=prefer,
    )
    rest = (box[0], flow(c, when, 1.2), box[2], box[3])
    if rest[3] - rest[1] > c.px(2):
        c.text(
            "details",
            event_details(data),
            rest,
            font="body",
            max_size=3.0 * grow,
            min_size=1.8,
            on=on,
        )
    c.align_group(["when", "details"], box, valign)


def _poster_photo_stacked(c: Canvas, data: LayoutInput, body: Box, kicker: str) -> None:
    """A full-width photo band with the title on a scrim over its lower part."""
    photo_h = round((body[3] - body[1]) * _PHOTO_SHARE[c.shape])
    photo = (0, body[1], c.w, body[1] + photo_h)
    c.photo(data.image, photo)  # type: ignore[arg-type]
    side = c.px(13)
    badge = (c.safe[2] - side, photo[1] + c.px(2.5), c.safe[2], photo[1] + c.px(2.5) + side)
    has_badge = date_badge(c, data, badge, c.secondary)
    right = badge[0] - c.px(2) if has_badge else c.safe[2]
    chip(c, "kicker", kicker, c.safe[0], photo[1] + c.px(2.5), right, c.accent)
    title_box = (c.safe[0], photo[3] - round(photo_h * 0.42), c.safe[2], photo[3] - c.px(2.2))
    fill, under = c.scrim((0, title_box[1] - c.px(1), c.w, photo[3]), feather=round(photo_h * 0.2))
    c.text(
        "title",
        data.title,
        title_box,
        max_size=6.4,
        min_size=2.6,
        valign="bottom",
        on=under,
        prefer=[fill],
    )
    rest = (body[0], photo[3] + c.px(3), body[2], body[3])
    _details_block(c, data, rest, [c.primary], [c.secondary], "middle")


def _poster_plain_stacked(c: Canvas, data: LayoutInput, body: Box, kicker: str) -> None:
    """Date badge and kicker on top, a big title, and the details anchored at the bottom."""
    deco = shade(c.secondary, c.primary, 0.14)
    c.ellipse((c.w - c.px(30), body[1] - c.px(26), c.w + c.px(26), body[1] + c.px(30)), deco)
    on = [c.primary, deco]
    side = c.px(16 if c.shape != "tall" else 19)
    has_badge = date_badge(c, data, (body[0], body[1], body[0] + side, body[1] + side), c.secondary)
    x = body[0] + side + c.px(3) if has_badge else body[0]
    kick = chip(c, "kicker", kicker, x, body[1], body[2], c.accent)
    if has_badge:
        c.text(
            "when",
            when_line(data).replace(" · ", "\n"),
            (x, kick[3] + c.px(1.5), body[2], body[1] + side),
            max_size=3.4,
            min_size=1.8,
            max_lines=2,
            valign="bottom",
            on=on,
            prefer=[c.secondary],
        )
        title_top = body[1] + side + c.px(4)
    else:
        title_top = kick[3] + c.px(3)
    reserve = round((body[3] - title_top) * 0.3)
    title = c.text(
        "title",
        data.title,
        (body[0], title_top, body[2], body[3] - reserve),
        max_size=9 if c.shape != "tall" else 10,
        min_size=3,
        on=on,
    )
    rest = (body[0], flow(c, title, 3), body[2], body[3])
    if has_badge:
        c.text(
            "details",
            event_details(data),
            rest,
            font="body",
            max_size=3.4,
            min_size=1.8,
            valign="bottom",
            on=on,
        )
    else:
        _details_block(c, data, rest, on, [c.secondary], "bottom")


def _poster_stacked(c: Canvas, data: LayoutInput) -> None:
    top = header(c, [c.primary])
    bottom = footer(c, c.secondary)
    body = (c.safe[0], top + c.px(3), c.safe[2], bottom - c.px(3))
    kicker = data.kicker or data.label_text("kicker.event")
    if data.image is not None:
        _poster_photo_stacked(c, data, body, kicker)
    else:
        _poster_plain_stacked(c, data, body, kicker)


def _date_panel(c: Canvas, data: LayoutInput, area: Box) -> None:
    """Day, month and time stacked large on the coloured side panel of a wide poster."""
    on = [c.secondary]
    if not data.day:
        c.text("when_big", when_line(data), area, max_size=6, min_size=2.4, valign="middle", on=on)
        return
    h = area[3] - area[1]
    day = c.text(
        "badge_day",
        data.day,
        (area[0], area[1], area[2], area[1] + round(h * 0.5)),
        max_size=h * 0.42 / c.u,
        min_size=4,
        max_lines=1,
        align="center",
        valign="bottom",
        on=on,
    )
    month = c.text(
        "badge_month",
        data.month.upper(),
        (area[0], flow(c, day, 1.5), area[2], area[3]),
        max_size=7,
        min_size=2,
        max_lines=1,
        align="center",
        on=on,
    )
    c.text(
        "badge_time",
        data.time,
        (area[0], flow(c, month, 2.5), area[2], area[3]),
        max_size=4,
        min_size=2,
        max_lines=1,
        align="center",
        on=on,
    )
    c.align_group(["badge_day", "badge_month", "badge_time"], area, "middle")


def _poster_wide(c: Canvas, data: LayoutInput) -> None:
    split = round(c.w * 0.42)
    if data.image is not None:
        c.photo(data.image, (0, 0, split, c.h))
        side = c.px(12)
        date_badge(c, data, (c.safe[0], c.safe[1], c.safe[0] + side, c.safe[1] + side), c.secondary)
    else:
        c.rect((0, 0, split, c.h), c.secondary)
        _date_panel(c, data, (c.safe[0], c.safe[1], split - c.px(5), c.safe[3]))
    panel = (split + c.px(5), c.safe[1], c.safe[2], c.safe[3])
    top = header(c, [c.primary], panel)
    bottom = footer(c, c.secondary, left_edge=split)
    body = (panel[0], top + c.px(3), panel[2], bottom - c.px(3))
    kicker = data.kicker or data.label_text("kicker.event")
    kick = chip(c, "kicker", kicker, body[0], body[1], body[2], c.accent)
    reserve = round((body[3] - kick[3]) * 0.42)
    title = c.text(
        "title",
        data.title,
        (body[0], kick[3] + c.px(2.5), body[2], body[3] - reserve),
        max_size=6.5,
        min_size=2.4,
        on=[c.primary],
    )
    rest = (body[0], flow(c, title, 2.5), body[2], body[3])
    _details_block(c, data, rest, [c.primary], [c.secondary])
    c.align_group(["kicker", "title", "when", "details"], body, "middle")


def compose_event_poster(c: Canvas, data: LayoutInput) -> None:
    """Title, date and time, place and speaker; with a photo band when there is a photo."""
    if c.shape == "wide":
        _poster_wide(c, data)
    else:
        _poster_stacked(c, data)


event_poster = Layout("event_poster", compose_event_poster, lambda b: b.palette.primary)


# Children's programme ------------------------------------------------------------------


@lru_cache(maxsize=16)
def _circle_mask(diameter: int) -> Image.Image:
    """An anti-aliased disc (drawn at 4× and reduced)."""
    big = Image.new("L", (diameter * 4, diameter * 4), 0)
    ImageDraw.Draw(big).ellipse((0, 0, diameter * 4 - 1, diameter * 4 - 1), fill=255)
    return big.resize((diameter, diameter), Image.Resampling.BOX)


def _confetti(c: Canvas, keep_clear: list[Box], seed: int) -> None:
    """Dots and rings scattered where no text or card is (deterministic per title)."""
    rng = random.Random(seed)
    colours = [c.primary, c.accent, WHITE]
    placed = 0
    for _ in range(160):
        r = c.px(rng.uniform(0.8, 2.4))
        x, y = rng.randrange(0, c.w), rng.randrange(0, c.h)
        box = (x - r, y - r, x + r, y + r)
        if any(
            box[0] < k[2] and box[2] > k[0] and box[1] < k[3] and box[3] > k[1] for k in keep_clear
        ):
            continue
        colour = colours[rng.randrange(len(colours))]
        if rng.random() < 0.3:
            c.draw.ellipse(box, outline=colour, width=max(2, r // 3))
        else:
            c.ellipse(box, colour)
        placed += 1
        if placed >= 26:
            break


def _children_text(c: Canvas, data: LayoutInput, area: Box, align: Align, paper: tuple) -> None:
    """Kicker, title, when-line and details, centred as one group inside the card."""
    kicker = data.kicker or data.label_text("kicker.children")
    kick = chip(c, "kicker", kicker, area[0], area[1], area[2], c.accent, align=align)
    details = event_details(data)
    needs = 5 + 3.8 * max(1, details.count("\n") + 1)
    reserve = min(c.px(needs), round((area[3] - kick[3]) * 0.55))
    title = c.text(
        "title",
        data.title,
        (area[0], kick[3] + c.px(2.5), area[2], area[3] - reserve),
        max_size=7.5 if c.shape != "wide" else 6,
        min_size=2.6,
        align=align,
        on=[paper],
        prefer=[c.primary, c.accent],
    )
    rest = (area[0], flow(c, title, 2), area[2], area[3])
    when = c.text(
        "when",
        when_line(data),
        rest,
        max_size=3.4,
        min_size=1.8,
        max_lines=2,
        align=align,
        on=[paper],
        prefer=[c.accent, c.primary],
    )
    rest = (area[0], flow(c, when, 1), area[2], area[3])
    if rest[3] - rest[1] > c.px(2):
        c.text(
            "details",
            details,
            rest,
            font="body",
            max_size=2.9,
            min_size=1.7,
            align=align,
            on=[paper],
            prefer=[c.dark],
        )
    c.align_group(["kicker", "title", "when", "details"], area, "middle")


def compose_children(c: Canvas, data: LayoutInput) -> None:
    """A bright card on a confetti background, with a round photo when there is one."""
    header_area = (c.safe[0], c.safe[1], c.safe[2], c.safe[1] + header_height(c))
    bottom_band = c.safe[3] - c.px(5.2 if c.shape in ("square", "wide") else 6.4)
    card = (c.safe[0], header_area[3] + c.px(3), c.safe[2], bottom_band - c.px(3))
    _confetti(
        c, [header_area, card, (0, bottom_band - c.px(1), c.w, c.h)], seeded(data.title, "confetti")
    )
    # Two big discs peeking out from behind the card's sides.
    ch = card[3] - card[1]
    r1, r2 = c.px(9), c.px(7)
    c.ellipse(
        (card[2] - r1, card[3] - ch * 3 // 10 - r1, card[2] + r1, card[3] - ch * 3 // 10 + r1),
        c.primary,
    )
    c.ellipse(
        (card[0] - r2, card[1] + ch * 3 // 10 - r2, card[0] + r2, card[1] + ch * 3 // 10 + r2),
        c.accent,
    )
    header(c, [c.secondary])
    footer(c, c.primary)
    paper = WHITE
    c.rect(card, paper, radius=c.px(4))
    inner = inset(card, c.px(4), c.px(3.5))
    text_area = inner
    if data.image is not None:
        if c.shape == "wide":
            d = min(inner[3] - inner[1], round((inner[2] - inner[0]) * 0.38))
            circle = (inner[0], inner[1] + (inner[3] - inner[1] - d) // 2)
            text_area = split_cols(inner, (d + c.px(4)) / (inner[2] - inner[0]))[1]
        else:
            d = min(round((inner[3] - inner[1]) * 0.42), inner[2] - inner[0])
            circle = (inner[0] + (inner[2] - inner[0] - d) // 2, inner[1])
            text_area = (inner[0], inner[1] + d + c.px(3), inner[2], inner[3])
        ring = c.px(1)
        c.ellipse(
            (circle[0] - ring, circle[1] - ring, circle[0] + d + ring, circle[1] + d + ring),
            c.accent,
        )
        c.image.paste(fitted(data.image, (d, d), paper), circle, _circle_mask(d))
        c.placements.append(Placement("photo", data.image, (*circle, circle[0] + d, circle[1] + d)))
    align: Align = "center" if c.shape != "wide" or data.image is None else "left"
    _children_text(c, data, text_area, align, paper)


children = Layout("children", compose_children, lambda b: rgb(b.palette.secondary))
