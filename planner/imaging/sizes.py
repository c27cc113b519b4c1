"""Image size presets as data: every layout must work in each of them.

Each preset also says where text may go (its safe area): a margin that scales with the
canvas, plus what the platform's own interface covers (Instagram Stories put the profile
row on the top and the reply bar on the bottom of the picture).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Box = tuple[int, int, int, int]  # left, top, right, bottom
Shape = Literal["wide", "square", "portrait", "tall"]


@dataclass(frozen=True)
class SizePreset:
    name: str
    width: int
    height: int
    label: str
    # Extra room kept free of text, as fractions of the height (platform overlays).
    overlay_top: float = 0.0
    overlay_bottom: float = 0.0

    @property
    def aspect(self) -> float:
        return self.width / self.height

    @property
    def shape(self) -> Shape:
        """The composition family: layouts arrange side by side for wide, stacked otherwise."""
        if self.aspect >= 1.5:
            return "wide"
        if self.aspect >= 0.9:
            return "square"
        if self.aspect >= 0.7:
            return "portrait"
        return "tall"

    @property
    def unit(self) -> float:
        """One hundredth of the canvas' geometric mean side: type and spacing scale with it."""
        return (self.width * self.height) ** 0.5 / 100

    @property
    def margin(self) -> int:
        return round(6 * self.unit)

    @property
    def safe_area(self) -> Box:
        """Where text and logos may go; backgrounds and photos may bleed to the edges."""
        m = self.margin
        top = max(m, round(self.height * self.overlay_top))
        bottom = max(m, round(self.height * self.overlay_bottom))
        return (m, top, self.width - m, self.height - bottom)


SIZES: dict[str, SizePreset] = {
    "square": SizePreset("square", 1080, 1080, "1080×1080 (Instagram, Facebook)"),
    "portrait": SizePreset("portrait", 1080, 1350, "1080×1350 (Instagram portrait)"),
    "landscape": SizePreset("landscape", 1200, 675, "1200×675 (X)"),
    "link": SizePreset("link", 1200, 630, "1200×630 (Facebook link)"),
    # Instagram and Facebook Stories cover about 250 px on top and 340 px at the bottom.
    "story": SizePreset(
        "story", 1080, 1920, "1080×1920 (Story)", overlay_top=0.13, overlay_bottom=0.18
    ),
}


def size_named(name: str) -> SizePreset:
    """The preset called `name`, or a ValueError listing the known ones."""
    try:
        return SIZES[name]
    except KeyError as exc:
        raise ValueError(f"unknown size {name!r}; choose one of {', '.join(SIZES)}") from exc
