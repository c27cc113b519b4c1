"""Fitting text into a box: wrap on words, shrink down to a minimum, then ellipsize.

Text must never leave its box, whatever its length or language. The box a fitted text
reports is measured from the glyphs actually drawn (ink), so layouts and tests check what a
reader sees, not an estimate. Pillow's basic layout engine is used on purpose: it is faster
than Raqm, needs no system library, and gives the same pixels on every machine.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import ImageDraw, ImageFont

from planner.imaging.sizes import Box

ELLIPSIS = "…"
HYPHEN = "-"
Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]
_NOTDEF_PROBE = "\U0010fffd"  # a private-use code point no shipped font maps


@lru_cache(maxsize=2048)
def font(path: Path | str, size: int) -> ImageFont.FreeTypeFont:
    """A cached FreeType font (loading a TTF is the slow part of drawing text)."""
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=16)
def _notdef(path: str) -> bytes:
    return bytes(font(path, 24).getmask(_NOTDEF_PROBE))


@lru_cache(maxsize=16384)
def _missing(path: str, ch: str) -> bool:
    """Whether the font lacks a glyph for `ch` (it would draw an empty box, 'tofu')."""
    f = font(path, 24)
    return bytes(f.getmask(ch)) == _notdef(path) and f.getbbox(ch) == f.getbbox(_NOTDEF_PROBE)


def clean(text: str, font_path: Path | str) -> str:
    """Text the font can draw: no emoji or other glyphs it lacks, no control characters.

    Explicit line breaks are kept; runs of spaces collapse.
    """
    if text.isascii() and text.isprintable():
        return " ".join(text.split())  # the common case: nothing to look up
    path = str(font_path)
    kept = []
    for ch in text.replace("\r\n", "\n").replace("\t", " "):
        if ch == "\n" or (" " <= ch < "\x7f"):
            kept.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif ch.isspace():
            kept.append(" ")
        elif not _missing(path, ch):
            kept.append(ch)
    return "\n".join(" ".join(line.split()) for line in "".join(kept).split("\n")).strip()


def left_out(text: str, font_path: Path | str) -> list[str]:
    """What `clean` drops from `text` because the font has no glyph for it (an emoji, a
    symbol), each once, so a person can be told instead of it vanishing silently.

    No colour emoji font ships in media/fonts, so every emoji is among them.
    """
    path = str(font_path)
    found: list[str] = []
    for ch in text:
        # Variation selectors, keycaps and other marks only modify the character before them.
        invisible = ("Cc", "Cf", "Cs", "Co", "Mn", "Me")
        visible = not ch.isspace() and unicodedata.category(ch) not in invisible
        if visible and not ch.isascii() and ch not in found and _missing(path, ch):
            found.append(ch)
    return found


@dataclass
class FittedText:
    lines: list[str]
    font: ImageFont.FreeTypeFont
    size: int
    line_height: int
    area: Box  # the box the text was fitted into
    origins: list[tuple[int, int]]  # left-ascender anchor of each line
    box: Box  # the ink actually drawn: left, top, right, bottom
    truncated: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def empty(self) -> bool:
        return not any(self.lines)


def _break_word(word: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Split a word wider than the box (long compounds, URLs) into hyphenated pieces."""
    pieces: list[str] = []
    rest = word
    while rest and f.getlength(rest) > width:
        lo, hi = 1, len(rest) - 1
        while lo < hi:  # the longest prefix that fits together with its hyphen
            mid = (lo + hi + 1) // 2
            if f.getlength(rest[:mid] + HYPHEN) <= width:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(rest[:lo] + HYPHEN)
        rest = rest[lo:]
    return [*pieces, rest] if rest else pieces


def _wrap(
    paragraphs: list[list[str]],
    widths: dict[str, float],
    space: float,
    width: float,
    f: ImageFont.FreeTypeFont | None,
) -> list[str] | None:
    """Greedy word wrap; None when a word is wider than the line and may not be broken."""
    lines: list[str] = []
    for words in paragraphs:
        current: list[str] = []
        used = 0.0
        for word in words:
            w = widths[word]
            if w > width:
                if f is None:
                    return None
                pieces = [(p, f.getlength(p)) for p in _break_word(word, f, width)]
            else:
                pieces = [(word, w)]
            for piece, pw in pieces:
                if current and used + space + pw > width:
                    lines.append(" ".join(current))
                    current, used = [piece], pw
                else:
                    used = pw if not current else used + space + pw
                    current.append(piece)
        lines.append(" ".join(current))
    return lines


def _capacity(height: int, f: ImageFont.FreeTypeFont, line_height: int) -> int:
    ascent, descent = f.getmetrics()
    if height < ascent + descent:
        return 0
    return (height - ascent - descent) // max(line_height, 1) + 1


def _ellipsize(line: str, f: ImageFont.FreeTypeFont, width: float) -> str:
    """Cut `line` (at a word if possible) so that it ends in an ellipsis and fits."""
    words = line.rstrip(HYPHEN).split(" ")
    while len(words) > 1 and f.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    text = " ".join(words).rstrip(" ,.;:-")
    while text and f.getlength(text + ELLIPSIS) > width:
        text = text[:-1].rstrip()
    return text + ELLIPSIS


def _place(
    lines: list[str],
    f: ImageFont.FreeTypeFont,
    line_height: int,
    area: Box,
    align: Align,
    valign: VAlign,
) -> tuple[list[tuple[int, int]], Box]:
    """Line origins and the ink box; glyphs that overhang their advance are pulled inside."""
    left, top, right, bottom = area
    ascent, descent = f.getmetrics()
    block = (len(lines) - 1) * line_height + ascent + descent
    y = {"top": top, "middle": top + (bottom - top - block) // 2, "bottom": bottom - block}[valign]
    origins: list[tuple[int, int]] = []
    ink = [right, bottom, left, top]
    for i, line in enumerate(lines):
        oy = y + i * line_height
        if not line:
            origins.append((left, oy))
            continue
        x0, y0, x1, y1 = f.getbbox(line, anchor="la")
        start = min(0, x0)  # e.g. the left foot of an 'A'
        end = x1 if align == "left" else max(round(f.getlength(line)), x1)
        x = {
            "left": left - start,
            "center": left + (right - left - (end - start)) // 2 - start,
            "right": right - end,
        }[align]
        origins.append((x, oy))
        ink = [min(ink[0], x + x0), min(ink[1], oy + y0), max(ink[2], x + x1), max(ink[3], oy + y1)]
    if ink[0] > ink[2]:
        return origins, (left, top, left, top)
    # An accent above the ascender or a tail below the descender: nudge the block inside.
    dy = max(0, top - ink[1]) - max(0, ink[3] - bottom)
    if dy:
        origins = [(ox, oy + dy) for ox, oy in origins]
        ink[1] += dy
        ink[3] += dy
    return origins, (ink[0], ink[1], ink[2], ink[3])


def _inside(box: Box, area: Box) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


def fit_text(
    text: str,
    font_path: Path | str,
    box: Box,
    max_size: int,
    min_size: int,
    line_spacing: float = 1.15,
    max_lines: int | None = None,
    align: Align = "left",
    valign: VAlign = "top",
) -> FittedText:
    """The largest size in [min_size, max_size] at which `text` fits `box`, else truncated.

    Below `min_size` only if even one line would not fit the box's height: never spilling
    is the stronger rule.
    """
    left, top, right, bottom = box
    width, height = max(right - left, 1), max(bottom - top, 0)
    max_size = max(max_size, 1)
    min_size = max(1, min(min_size, max_size))
    cleaned = clean(text, font_path)
    paragraphs = [line.split(" ") if line else [] for line in cleaned.split("\n")]
    words = {w for p in paragraphs for w in p}
    if not words:
        f = font(font_path, min_size)
        return FittedText(
            [], f, min_size, round(min_size * line_spacing), box, [], (left, top, left, top)
        )

    # Advance widths scale almost exactly with size: measure once, estimate, then verify.
    ref = font(font_path, max_size)
    ref_widths = {w: ref.getlength(w) for w in words}
    ref_space = ref.getlength(" ")

    def estimate(size: int) -> bool:
        scale = size / max_size
        f = font(font_path, size)
        lh = round(size * line_spacing)
        limit = _capacity(height, f, lh)
        if max_lines:
            limit = min(limit, max_lines)
        scaled = {w: v * scale for w, v in ref_widths.items()}
        lines = _wrap(paragraphs, scaled, ref_space * scale, width * 0.985, None)
        return lines is not None and 0 < len(lines) <= limit

    if estimate(max_size):
        size = max_size
    elif not estimate(min_size):
        size = min_size
    else:
        lo, hi = min_size, max_size
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if estimate(mid) else (lo, mid)
        size = lo

    while True:
        f = font(font_path, size)
        lh = round(size * line_spacing)
        limit = _capacity(height, f, lh)
        if max_lines:
            limit = min(limit, max_lines)
        widths = ref_widths if size == max_size else {w: f.getlength(w) for w in words}
        strict = _wrap(paragraphs, widths, f.getlength(" "), width, None)
        if strict is not None and len(strict) <= limit:
            lines, truncated = strict, False
        elif size > min_size:
            size -= 1
            continue
        elif limit == 0:
            if size == 1:
                return FittedText([], f, size, lh, box, [], (left, top, left, top), truncated=True)
            size -= 1  # not even one line fits: go below the minimum rather than spill
            min_size = size
            continue
        else:
            lines = _wrap(paragraphs, widths, f.getlength(" "), width, f) or []
            truncated = len(lines) > limit
            if truncated:
                lines = lines[:limit]
                lines[-1] = _ellipsize(lines[-1], f, width)
        origins, ink = _place(lines, f, lh, box, align, valign)
        if _inside(ink, box) or size == 1:
            return FittedText(lines, f, size, lh, box, origins, ink, truncated)
        size -= 1  # an overhanging glyph (accent, italic tail): one size smaller
        min_size = min(min_size, size)


def draw_text(
    draw: ImageDraw.ImageDraw, fitted: FittedText, fill: str | tuple[int, int, int]
) -> None:
    """Draw fitted lines where fitting placed them."""
    for line, origin in zip(fitted.lines, fitted.origins, strict=True):
        if line:
            draw.text(origin, line, font=fitted.font, fill=fill, anchor="la")
