"""Rendering a layout to image bytes: deterministic, stripped of metadata, ready to post."""

from __future__ import annotations

import io

from PIL import Image

from planner.imaging.brand import DEFAULT_BRAND, Brand
from planner.imaging.layouts import Drawn, LayoutInput, layout_named
from planner.imaging.sizes import size_named


def draw(layout: str, size: str, data: LayoutInput, brand: Brand | None = None) -> Drawn:
    """Lay out `data` on a canvas; the result keeps the text boxes for checking."""
    return layout_named(layout)(size_named(size), data, brand or DEFAULT_BRAND)


def encode_jpeg(image: Image.Image, quality: int = 90) -> bytes:
    """JPEG bytes without EXIF or other metadata; the same image gives the same bytes."""
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality, optimize=False, progressive=False)
    return buf.getvalue()


def render_jpeg(layout: str, size: str, data: LayoutInput, brand: Brand | None = None) -> bytes:
    """The finished image as JPEG bytes."""
    return encode_jpeg(draw(layout, size, data, brand).image)
