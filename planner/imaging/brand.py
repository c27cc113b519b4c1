"""The library's brand kit: name, colours, fonts, logo and footer used by every layout."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from planner.config import PROJECT_ROOT

FONTS_DIR = PROJECT_ROOT / "media" / "fonts"
BRAND_DIR = PROJECT_ROOT / "media" / "brand"


@dataclass
class Palette:
    primary: str = "#0B5D7A"  # batik-indigo blue of Pekalongan
    secondary: str = "#F2A541"  # warm gold
    accent: str = "#C8553D"
    light: str = "#FFFFFF"
    dark: str = "#1B1B1E"


@dataclass
class Brand:
    name: str = "Perpustakaan Kota Pekalongan"
    palette: Palette = field(default_factory=Palette)
    heading_font: str = "SourceSansPro-Bold.ttf"
    body_font: str = "SourceSansPro-Regular.ttf"
    logo: str | None = "logo.png"
    footer: str = "Jl. Progo No. 1, Pekalongan · perpustakaan.pekalongankota.go.id · @perpuskotapkl"

    def font_path(self, which: str) -> Path:
        """Path to the heading or body font file shipped under media/fonts."""
        return FONTS_DIR / (self.heading_font if which == "heading" else self.body_font)

    def logo_path(self) -> Path | None:
        """The logo file, if one is set and exists."""
        if not self.logo:
            return None
        path = Path(self.logo) if Path(self.logo).is_absolute() else BRAND_DIR / self.logo
        return path if path.exists() else None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brand:
        values = dict(data)
        values["palette"] = Palette(**values.get("palette", {}))
        return cls(**values)


DEFAULT_BRAND = Brand()
