"""Fitting text into a box: wrap on words, shrink down to a minimum, then ellipsize.

Text must never leave the layout's safe area, whatever its length or language; the box a
layout reports is what the tests check against.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

ELLIPSIS = "…"


@lru_cache(maxsize=256)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A cached FreeType font (loading a TTF is the slow part of drawing text)."""
    return ImageFont.truetype(str(path), size)


@dataclass
class FittedText:
    lines: list[str]
    font: ImageFont.FreeTypeFont
    line_height: int
    box: tuple[int, int, int, int]  # left, top, right, bottom actually used
    area: tuple[int, int, int, int]  # the box the text was fitted into

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _width(f: ImageFont.FreeTypeFont, text: str) -> float:
    return f.getlength(text)


def _break_word(word: str, f: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Split a word wider than the box (long Indonesian compounds, URLs) into pieces."""
    pieces, current = [], ""
    for ch in word:
        if current and _width(f, current + ch) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, f: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Greedy word wrap that respects explicit newlines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            pieces = _break_word(word, f, max_width) if _width(f, word) > max_width else [word]
            for piece in pieces:
                trial = f"{current} {piece}".strip()
                if current and _width(f, trial) > max_width:
                    lines.append(current)
                    current = piece
                else:
                    current = trial
        lines.append(current)
    return lines


def _ellipsize(line: str, f: ImageFont.FreeTypeFont, max_width: int) -> str:
    while line and _width(f, line + ELLIPSIS) > max_width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def fit_text(
    text: str,
    font_path: Path,
    box: tuple[int, int, int, int],
    max_size: int,
    min_size: int,
    line_spacing: float = 1.15,
    max_lines: int | None = None,
) -> FittedText:
    """The largest size in [min_size, max_size] at which `text` fits `box`; else truncated."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    size = max_size
    while True:
        f = font(Path(font_path), size)
        line_height = int(size * line_spacing)
        lines = wrap(text, f, width)
        fits_lines = height // line_height if line_height else 0
        allowed = min(fits_lines, max_lines) if max_lines else fits_lines
        if len(lines) <= allowed or size <= min_size:
            break
        size = max(min_size, int(size * 0.9))
    if len(lines) > allowed:
        lines = lines[: max(allowed, 1)]
        lines[-1] = _ellipsize(lines[-1], f, width)
    used_w = max((int(_width(f, line)) for line in lines), default=0)
    used = (left, top, left + used_w, top + line_height * len(lines))
    return FittedText(lines, f, line_height, used, box)


def draw_text(
    draw: ImageDraw.ImageDraw, fitted: FittedText, fill: str, align: str = "left"
) -> None:
    """Draw fitted lines inside their box."""
    left, top, right, _ = fitted.area
    width = right - left
    for i, line in enumerate(fitted.lines):
        x = left
        if align == "center":
            x = left + (width - int(_width(fitted.font, line))) // 2
        draw.text((x, top + i * fitted.line_height), line, font=fitted.font, fill=fill)
