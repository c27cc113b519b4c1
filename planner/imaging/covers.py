"""Placeholder book covers drawn from title and author, for items that have no cover photo."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from PIL import Image, ImageDraw

from planner.imaging.brand import DEFAULT_BRAND, Brand
from planner.imaging.contrast import readable, rgb
from planner.imaging.text import draw_text, fit_text

COVER_SIZE = (600, 900)
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
_CREAM = "#F4E9D8"


@lru_cache(maxsize=64)
def _cover(title: str, author: str, heading: str, body: str) -> Image.Image:
    w, h = COVER_SIZE
    digest = hashlib.sha256(f"{title}|{author}".encode()).digest()
    bg = rgb(_COVER_COLOURS[digest[0] % len(_COVER_COLOURS)])
    img = Image.new("RGB", (w, h), bg)
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, w - 40, h - 40), outline=_CREAM, width=4)
    draw.rectangle((40, round(h * 0.62), w - 40, round(h * 0.625)), fill=_CREAM)
    ink = readable([bg], [_CREAM, "#FFFFFF"])
    title_fit = fit_text(title, heading, (70, 110, w - 70, int(h * 0.6)), max_size=72, min_size=26)
    draw_text(draw, title_fit, ink)
    by = fit_text(author, body, (70, int(h * 0.66), w - 70, h - 80), max_size=40, min_size=20)
    draw_text(draw, by, ink)
    return img


def placeholder_cover_image(title: str, author: str, brand: Brand | None = None) -> Image.Image:
    """A 600×900 cover in a colour chosen from the title, so each book looks distinct.

    Cached and shared: paste it, do not draw on it.
    """
    brand = brand or DEFAULT_BRAND
    return _cover(title, author, str(brand.font_path("heading")), str(brand.font_path("body")))


def placeholder_cover(title: str, author: str, brand: Brand | None = None) -> bytes:
    """The placeholder cover as JPEG bytes (stored as a collection item's cover)."""
    from planner.imaging.output import encode_jpeg

    return encode_jpeg(placeholder_cover_image(title, author, brand))
