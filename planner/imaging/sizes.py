"""Image size presets as data: every layout must work in each of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SizePreset:
    name: str
    width: int
    height: int
    label: str

    @property
    def aspect(self) -> float:
        return self.width / self.height


SIZES: dict[str, SizePreset] = {
    "square": SizePreset("square", 1080, 1080, "1080×1080 (Instagram, Facebook)"),
    "portrait": SizePreset("portrait", 1080, 1350, "1080×1350 (Instagram portrait)"),
}


def size_named(name: str) -> SizePreset:
    """The preset called `name`, or a ValueError listing the known ones."""
    try:
        return SIZES[name]
    except KeyError as exc:
        raise ValueError(f"unknown size {name!r}; choose one of {', '.join(SIZES)}") from exc
