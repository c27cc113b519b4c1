"""Layouts: each draws one kind of post image on a canvas of any size preset.

A layout returns the boxes its text occupies so tests can check that nothing leaves the
safe area; composition is computed from the canvas proportions, not scaled from one size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from planner.imaging.brand import Brand
from planner.imaging.sizes import SizePreset
from planner.imaging.text import draw_text, fit_text


@dataclass
class LayoutInput:
    """What a layout may show; fields it does not use are ignored."""

    title: str
    subtitle: str = ""
    details: list[str] = field(default_factory=list)
    image: Path | None = None


@dataclass
class Drawn:
    image: Image.Image
    text_boxes: dict[str, tuple[int, int, int, int]]
    safe_area: tuple[int, int, int, int]


def _hex(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return (int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16))


def open_image(path: Path) -> Image.Image:
    """Open any image Pillow reads, upright (EXIF applied) and in RGB."""
    with Image.open(path) as src:
        img = ImageOps.exif_transpose(src)
        if img.mode in ("RGBA", "LA", "P"):
            rgba = img.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return img.convert("RGB")


def _paste_logo(canvas: Image.Image, brand: Brand, box: tuple[int, int, int, int]) -> None:
    path = brand.logo_path()
    if path is None:
        return
    with Image.open(path) as logo:
        logo = logo.convert("RGBA")
        side = box[3] - box[1]
        logo.thumbnail((side, side), Image.Resampling.LANCZOS)
        canvas.paste(logo, (box[0], box[1]), logo)


def event_poster(size: SizePreset, data: LayoutInput, brand: Brand) -> Drawn:
    """Title, date line and details on the brand colour, with an optional photo band."""
    w, h = size.width, size.height
    pal = brand.palette
    canvas = Image.new("RGB", (w, h), _hex(pal.primary))
    draw = ImageDraw.Draw(canvas)
    margin = int(w * 0.07)
    safe = (margin, margin, w - margin, h - margin)
    boxes: dict[str, tuple[int, int, int, int]] = {}

    header_h = int(h * 0.09)
    logo_box = (margin, margin, margin + header_h, margin + header_h)
    _paste_logo(canvas, brand, logo_box)
    name = fit_text(
        brand.name,
        brand.font_path("heading"),
        (logo_box[2] + int(w * 0.02), margin + header_h // 4, w - margin, margin + header_h),
        max_size=int(header_h * 0.45),
        min_size=18,
        max_lines=1,
    )
    draw_text(draw, name, pal.light)
    boxes["library"] = name.box

    footer_h = int(h * 0.1)
    draw.rectangle((0, h - footer_h, w, h), fill=_hex(pal.secondary))
    footer = fit_text(
        brand.footer,
        brand.font_path("body"),
        (margin, h - footer_h + footer_h // 4, w - margin, h - footer_h // 6),
        max_size=int(footer_h * 0.3),
        min_size=14,
        max_lines=2,
    )
    draw_text(draw, footer, pal.dark)
    boxes["footer"] = footer.box

    top = margin + header_h + int(h * 0.03)
    bottom = h - footer_h - int(h * 0.03)
    if data.image is not None:
        # The photo gets the upper part; a portrait canvas can afford a taller band.
        band_h = int((bottom - top) * (0.45 if size.aspect >= 1 else 0.5))
        photo = ImageOps.fit(
            open_image(data.image),
            (w - 2 * margin, band_h),
            Image.Resampling.LANCZOS,
            centering=(0.5, 0.5),
        )
        canvas.paste(photo, (margin, top))
        top += band_h + int(h * 0.03)
    else:
        draw.rectangle(
            (margin, top, margin + int(w * 0.12), top + int(h * 0.012)), fill=_hex(pal.secondary)
        )
        top += int(h * 0.04)

    details_h = int((bottom - top) * 0.38) if data.details or data.subtitle else 0
    title = fit_text(
        data.title,
        brand.font_path("heading"),
        (margin, top, w - margin, bottom - details_h),
        max_size=int(h * 0.085),
        min_size=28,
    )
    draw_text(draw, title, pal.light)
    boxes["title"] = title.box

    if details_h:
        lines = "\n".join(x for x in [data.subtitle, *data.details] if x)
        info = fit_text(
            lines,
            brand.font_path("body"),
            (margin, bottom - details_h + int(h * 0.02), w - margin, bottom),
            max_size=int(h * 0.042),
            min_size=18,
        )
        draw_text(draw, info, pal.secondary)
        boxes["details"] = info.box
    return Drawn(canvas, boxes, safe)


LAYOUTS: dict[str, Callable[[SizePreset, LayoutInput, Brand], Drawn]] = {
    "event_poster": event_poster,
}


def layout_named(name: str) -> Callable[[SizePreset, LayoutInput, Brand], Drawn]:
    """The layout called `name`, or a ValueError listing the known ones."""
    try:
        return LAYOUTS[name]
    except KeyError as exc:
        raise ValueError(f"unknown layout {name!r}; choose one of {', '.join(LAYOUTS)}") from exc
