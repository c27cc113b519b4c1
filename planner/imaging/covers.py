"""Placeholder book covers drawn from title and author, for items that have no cover photo."""

from __future__ import annotations

import hashlib

from PIL import Image, ImageDraw

from planner.imaging.brand import DEFAULT_BRAND, Brand
from planner.imaging.render import encode_jpeg
from planner.imaging.text import draw_text, fit_text

_COVER_COLOURS = [
    "#264653",
    "#2A9D8F",
    "#8E3B46",
    "#3D405B",
    "#6D597A",
    "#355070",
    "#B56576",
    "#1D3557",
    "#5F0F40",
    "#0F4C5C",
]


def placeholder_cover(title: str, author: str, brand: Brand | None = None) -> bytes:
    """A 600×900 cover in a colour chosen from the title, so each book looks distinct."""
    brand = brand or DEFAULT_BRAND
    w, h = 600, 900
    digest = hashlib.sha256(f"{title}|{author}".encode()).digest()
    bg = _COVER_COLOURS[digest[0] % len(_COVER_COLOURS)]
    img = Image.new("RGB", (w, h), bg)
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, w - 40, h - 40), outline="#F4E9D8", width=4)
    draw.rectangle((40, h * 0.62, w - 40, h * 0.625), fill="#F4E9D8")
    fitted = fit_text(
        title, brand.font_path("heading"), (70, 110, w - 70, int(h * 0.6)), max_size=72, min_size=26
    )
    draw_text(draw, fitted, "#FFFFFF")
    by = fit_text(
        author,
        brand.font_path("body"),
        (70, int(h * 0.66), w - 70, h - 80),
        max_size=40,
        min_size=20,
    )
    draw_text(draw, by, "#F4E9D8")
    return encode_jpeg(img)
