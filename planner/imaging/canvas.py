"""The drawing surface layouts compose on, and what a finished drawing reports.

Layouts place shapes, photos and covers at once but text only at the end: each text is
fitted, given a colour readable on every colour that can sit behind it, and recorded with
its measured box. Keeping the background before text is drawn lets tests measure the real
contrast of every pixel behind every text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from planner.imaging.brand import Brand
from planner.imaging.contrast import (
    BLACK,
    MIN_CONTRAST,
    RGB,
    WHITE,
    ContrastError,
    blend,
    contrast,
    luminance,
    min_contrast_against,
    readable,
    rgb,
    scrim_alpha,
)
from planner.imaging.covers import placeholder_cover_image
from planner.imaging.inputs import fitted
from planner.imaging.sizes import Box, SizePreset
from planner.imaging.text import Align, FittedText, VAlign, draw_text, fit_text

COVER_ASPECT = 2 / 3  # width / height of a typical book cover


@dataclass
class TextOp:
    """One fitted text, its colour and the colours it was checked against."""

    name: str
    fitted: FittedText
    fill: RGB
    backgrounds: list[RGB]
    backdrop: tuple[Box, RGB, int] | None = None  # a chip's block: box, colour, corner radius

    def shifted(self, dy: int) -> TextOp:
        """The same text moved down by `dy` pixels (a group being centred)."""
        f = self.fitted
        moved = replace(
            f,
            origins=[(x, y + dy) for x, y in f.origins],
            box=_move(f.box, dy),
            area=_move(f.area, dy),
        )
        backdrop = (_move(self.backdrop[0], dy), *self.backdrop[1:]) if self.backdrop else None
        return replace(self, fitted=moved, backdrop=backdrop)  # type: ignore[arg-type]

    @property
    def extent(self) -> Box:
        """What the text occupies including its block."""
        box = self.fitted.box
        if self.backdrop is None:
            return box
        b = self.backdrop[0]
        return (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))

    @property
    def contrast(self) -> float:
        return min_contrast_against(self.fill, self.backgrounds)


def _move(box: Box, dy: int) -> Box:
    return (box[0], box[1] + dy, box[2], box[3] + dy)


@dataclass
class Placement:
    """An image pasted onto the canvas (photo, cover or logo) and where."""

    kind: str
    source: Path | None
    box: Box


@dataclass
class Drawn:
    image: Image.Image
    text_boxes: dict[str, Box]
    safe_area: Box
    texts: list[TextOp] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    background: Image.Image | None = None  # the canvas before text, when asked for


@lru_cache(maxsize=32)
def _logo(path: str, mtime: int, side: int, opacity: float) -> Image.Image:
    with Image.open(path) as src:
        logo = src.convert("RGBA")
    logo.thumbnail((side, side), Image.Resampling.LANCZOS)
    if opacity < 1:
        alpha = logo.getchannel("A").point(lambda v: round(v * opacity))
        logo.putalpha(alpha)
    return logo


@lru_cache(maxsize=64)
def _ramp(width: int, height: int, feather: int, alpha: int) -> Image.Image:
    """An L mask: 0 → `alpha` over the top `feather` rows, then `alpha` to the bottom."""
    column = Image.new("L", (1, height), alpha)
    if feather > 0:
        ramp = Image.linear_gradient("L").resize((1, feather), Image.Resampling.BILINEAR)
        column.paste(ramp.point(lambda v: v * alpha // 255), (0, 0))
    return column.resize((width, height), Image.Resampling.NEAREST)


def inset(box: Box, dx: int, dy: int | None = None) -> Box:
    """`box` shrunk by dx on the sides and dy on top and bottom."""
    dy = dx if dy is None else dy
    return (box[0] + dx, box[1] + dy, box[2] - dx, box[3] - dy)


def split_cols(box: Box, fraction: float, gap: int = 0) -> tuple[Box, Box]:
    """The left `fraction` of `box` and the rest, `gap` apart."""
    cut = box[0] + round((box[2] - box[0]) * fraction)
    return (box[0], box[1], cut - gap // 2, box[3]), (
        cut + (gap - gap // 2),
        box[1],
        box[2],
        box[3],
    )


class Canvas:
    """One image being composed for a size preset and a brand."""

    def __init__(self, size: SizePreset, brand: Brand, background: str | RGB) -> None:
        self.size = size
        self.brand = brand
        self.w, self.h = size.width, size.height
        self.u = size.unit
        self.safe = size.safe_area
        self.bg = rgb(background)
        self.image = Image.new("RGB", (self.w, self.h), self.bg)
        self.draw = ImageDraw.Draw(self.image)
        self.texts: list[TextOp] = []
        self.placements: list[Placement] = []
        # Font files as strings, resolved once: fitting looks fonts up many times per image.
        self.font_paths = {w: str(brand.font_path(w)) for w in ("heading", "body")}
        pal = brand.palette
        self.primary, self.secondary, self.accent = (
            rgb(pal.primary),
            rgb(pal.secondary),
            rgb(pal.accent),
        )
        self.light, self.dark = rgb(pal.light), rgb(pal.dark)

    @property
    def shape(self) -> str:
        return self.size.shape

    def px(self, units: float) -> int:
        """A length in canvas units (a hundredth of the mean side), in pixels."""
        return round(units * self.u)

    # Shapes -----------------------------------------------------------------------------

    def rect(self, box: Box, colour: str | RGB, radius: int = 0) -> None:
        if radius:
            self.draw.rounded_rectangle(box, radius=radius, fill=rgb(colour))
        else:
            self.draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=rgb(colour))

    def ellipse(self, box: Box, colour: str | RGB) -> None:
        self.draw.ellipse(box, fill=rgb(colour))

    # Images -----------------------------------------------------------------------------

    def photo(self, path: Path, box: Box) -> None:
        """A photo cropped to fill `box`; the brand's watermark goes in its top-right corner."""
        size = (box[2] - box[0], box[3] - box[1])
        self.image.paste(fitted(path, size, self.bg), box[:2])
        self.placements.append(Placement("photo", Path(path), box))
        if self.brand.watermark:
            side = self.px(7)
            pad = self.px(2)
            self.logo((box[2] - pad - side, box[1] + pad, box[2] - pad, box[1] + pad + side), 0.45)

    def cover(
        self, path: Path | None, title: str, author: str, box: Box, align: str = "center"
    ) -> Box:
        """A book cover (or a drawn placeholder) at 2:3 inside `box`, with a soft shadow."""
        bw, bh = box[2] - box[0], box[3] - box[1]
        h = min(bh, round(bw / COVER_ASPECT))
        w = round(h * COVER_ASPECT)
        x = {"left": box[0], "right": box[2] - w}.get(align, box[0] + (bw - w) // 2)
        y = box[1] + (bh - h) // 2
        shadow = max(2, round(h * 0.02))
        self.rect(
            (x + shadow, y + shadow, x + w + shadow, y + h + shadow), blend(BLACK, self.bg, 0.3)
        )
        if luminance(self.bg) < 0.3:  # dark covers vanish into a dark background: frame them
            edge = max(2, round(h * 0.012))
            self.rect((x - edge, y - edge, x + w + edge, y + h + edge), blend(WHITE, self.bg, 0.85))
        if path is not None:
            self.image.paste(fitted(path, (w, h), self.bg), (x, y))
        else:
            art = placeholder_cover_image(title or "?", author, self.brand)
            self.image.paste(
                art.resize((w, h), Image.Resampling.BILINEAR, reducing_gap=2.0), (x, y)
            )
        self.placements.append(
            Placement("cover", Path(path) if path else None, (x, y, x + w, y + h))
        )
        return (x, y, x + w, y + h)

    def logo(self, box: Box, opacity: float = 1.0) -> Box | None:
        """The brand logo scaled into `box` (left-top aligned), if the brand has one."""
        path = self.brand.logo_path()
        if path is None:
            return None
        side = min(box[2] - box[0], box[3] - box[1])
        logo = _logo(str(path), os.stat(path).st_mtime_ns, side, opacity)
        self.image.paste(logo, box[:2], logo)
        self.placements.append(
            Placement("logo", path, (box[0], box[1], box[0] + logo.width, box[1] + logo.height))
        )
        return (box[0], box[1], box[0] + logo.width, box[1] + logo.height)

    def scrim(self, box: Box, feather: int) -> tuple[RGB, list[RGB]]:
        """Darken the photo under `box` (fading in over `feather` px above it).

        Returns the text colour and the colours text inside `box` can have behind it: the
        scrim's opacity is chosen so that even a white or black photo pixel stays readable.
        """
        scrim = self.dark if contrast(self.dark, self.light) >= MIN_CONTRAST + 1 else BLACK
        text = self.light if contrast(self.light, scrim) >= MIN_CONTRAST + 1 else WHITE
        alpha = round(scrim_alpha(scrim, text) * 255)
        top = max(0, box[1] - feather)
        mask = _ramp(box[2] - box[0], box[3] - top, box[1] - top, alpha)
        self.image.paste(scrim, (box[0], top, box[2], box[3]), mask)
        under = [blend(scrim, WHITE, alpha / 255), blend(scrim, BLACK, alpha / 255)]
        return text, under

    # Text -------------------------------------------------------------------------------

    def text(
        self,
        name: str,
        text: str,
        box: Box,
        *,
        font: str = "heading",
        max_size: float,
        min_size: float,
        on: Sequence[str | RGB] | None = None,
        prefer: Sequence[str | RGB] = (),
        spacing: float = 1.15,
        max_lines: int | None = None,
        align: Align = "left",
        valign: VAlign = "top",
        backdrop: tuple[int, int, int] | None = None,
    ) -> FittedText:
        """Fit `text` into `box` (sizes in canvas units) and schedule it in a readable colour.

        `on` lists every colour that may be behind the text (default: the canvas
        background); `prefer` lists brand colours to try before black or white. With
        `backdrop` (pad x, pad y, radius) a block in on[0] is drawn behind the text's ink,
        reaching pad y beyond the box vertically: a chip.
        """
        backgrounds = [rgb(c) for c in (on or [self.bg])]
        fill = readable(backgrounds, [*prefer, self.light, self.dark])
        if min_contrast_against(fill, backgrounds) < MIN_CONTRAST:
            raise ContrastError(f"text {name!r} would not be readable")
        fitted_text = fit_text(
            text,
            self.font_paths[font],
            box,
            max_size=max(1, self.px(max_size)),
            min_size=max(1, self.px(min_size)),
            line_spacing=spacing,
            max_lines=max_lines,
            align=align,
            valign=valign,
        )
        block = None
        if backdrop is not None and not fitted_text.empty:
            pad_x, pad_y, radius = backdrop
            ink = fitted_text.box
            rect = (
                max(0, ink[0] - pad_x),
                box[1] - pad_y,
                min(self.w, ink[2] + pad_x),
                box[3] + pad_y,
            )
            block = (rect, backgrounds[0], radius)
        self.texts.append(TextOp(name, fitted_text, fill, backgrounds, block))
        return fitted_text

    def extent(self, name: str) -> Box:
        """Where a scheduled text (with its block) sits."""
        return next(op.extent for op in self.texts if op.name == name)

    def align_group(self, names: Sequence[str], area: Box, valign: VAlign = "middle") -> int:
        """Move the named texts together so they sit at the top, middle or bottom of `area`.

        Returns the shift in pixels. Only texts (and their chip blocks) move, which is why
        text is drawn last.
        """
        chosen = [op for op in self.texts if op.name in names and not op.fitted.empty]
        if not chosen:
            return 0
        top = min(op.extent[1] for op in chosen)
        bottom = max(op.extent[3] for op in chosen)
        room = (area[3] - area[1]) - (bottom - top)
        if room <= 0:
            return 0
        dy = {
            "top": area[1] - top,
            "middle": area[1] + room // 2 - top,
            "bottom": area[3] - bottom,
        }[valign]
        self.texts = [op.shifted(dy) if op in chosen else op for op in self.texts]
        return dy

    def finish(self, keep_background: bool = False) -> Drawn:
        """Draw the scheduled text and report every text box and placement."""
        for op in self.texts:
            if op.backdrop is not None:
                box, colour, radius = op.backdrop
                self.rect(box, colour, radius)
        background = self.image.copy() if keep_background else None
        for op in self.texts:
            draw_text(self.draw, op.fitted, op.fill)
        boxes = {op.name: op.fitted.box for op in self.texts if not op.fitted.empty}
        return Drawn(self.image, boxes, self.safe, self.texts, self.placements, background)
