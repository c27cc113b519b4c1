"""Colour contrast by the WCAG 2 formulas: text colours and scrims that stay readable.

Text colour is chosen against every colour that can sit behind it, so a brand palette with a
mid-tone primary still gets legible text; over photos a scrim is made opaque enough that even
a pure white (or pure black) pixel behind it keeps the contrast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from PIL import Image

RGB = tuple[int, int, int]
MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text
# Blending and JPEG rounding move colours by a level or two: aim a little above the bar.
_TARGET = MIN_CONTRAST + 0.15
BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)


class ContrastError(ValueError):
    """No text colour reaches the required contrast on the given backgrounds."""


def rgb(colour: str | RGB) -> RGB:
    """'#0B5D7A' or 'B5D' or an (r, g, b) tuple → (r, g, b)."""
    if isinstance(colour, tuple):
        return colour
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    if len(value) != 6:
        raise ValueError(f"{colour!r} is not a colour; write it as #RRGGBB")
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except ValueError as exc:
        raise ValueError(f"{colour!r} is not a colour; write it as #RRGGBB") from exc


def hex_colour(colour: str | RGB) -> str:
    """(r, g, b) or any accepted spelling → '#RRGGBB'."""
    r, g, b = rgb(colour)
    return f"#{r:02X}{g:02X}{b:02X}"


@lru_cache(maxsize=4096)
def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str | RGB) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = rgb(colour)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str | RGB, b: str | RGB) -> float:
    """WCAG contrast ratio between two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def min_contrast_against(text: str | RGB, backgrounds: Iterable[str | RGB]) -> float:
    """The worst contrast of `text` over any of `backgrounds`."""
    return min(contrast(text, bg) for bg in backgrounds)


def readable(
    backgrounds: Sequence[str | RGB], preferred: Sequence[str | RGB] = (), minimum: float = _TARGET
) -> RGB:
    """The first preferred colour readable on all backgrounds, else black or white.

    Black or white always reaches 4.5:1 on a single background; on several very different
    ones (a scrim that may be light or dark) there may be none, which is a layout bug.
    """
    for colour in preferred:
        if min_contrast_against(colour, backgrounds) >= minimum:
            return rgb(colour)
    best = max((WHITE, BLACK), key=lambda c: min_contrast_against(c, backgrounds))
    if min_contrast_against(best, backgrounds) < MIN_CONTRAST:
        raise ContrastError("no text colour is readable on these backgrounds")
    return best


def blend(top: RGB, bottom: RGB, alpha: float) -> RGB:
    """`top` laid over `bottom` with opacity `alpha` (what a scrim does to a photo pixel)."""
    return tuple(round(t * alpha + b * (1 - alpha)) for t, b in zip(top, bottom, strict=True))  # type: ignore[return-value]


@lru_cache(maxsize=256)
def scrim_alpha(scrim: RGB, text: RGB) -> float:
    """The least scrim opacity at which `text` is readable over ANY photo pixel.

    The worst pixel is pure white for light text and pure black for dark text; if the scrim
    colour itself is not readable under the text, no opacity helps (ContrastError).
    """
    if contrast(scrim, text) < _TARGET:
        raise ContrastError("the scrim colour is too close to the text colour")
    for step in range(0, 101, 2):
        alpha = step / 100
        if all(contrast(text, blend(scrim, worst, alpha)) >= _TARGET for worst in (WHITE, BLACK)):
            return alpha
    return 1.0


def measured_min_contrast(
    background: Image.Image, box: tuple[int, int, int, int], text: RGB
) -> float:
    """The lowest contrast between `text` and any background pixel inside `box` (for checks).

    `background` is the canvas before text was drawn; every pixel behind the text counts,
    so a decoration or an unscrimmed photo under a title shows up here.
    """
    import numpy as np

    crop = np.asarray(background.crop(box).convert("RGB"), dtype=np.float64) / 255.0
    if crop.size == 0:
        return 21.0
    linear = np.where(crop <= 0.04045, crop / 12.92, ((crop + 0.055) / 1.055) ** 2.4)
    lum = linear @ np.array([0.2126, 0.7152, 0.0722])
    fg = luminance(text)
    ratios = (np.maximum(lum, fg) + 0.05) / (np.minimum(lum, fg) + 0.05)
    return float(ratios.min())
