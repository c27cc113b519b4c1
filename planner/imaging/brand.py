"""The library's brand kit: name, colours, fonts, logo and footer used by every layout.

A Brand is plain data (it travels to render worker processes and into cache keys). The
editable kit is stored in the database (see planner/brand_kit.py); DEFAULT_BRAND is the demo one
for Perpustakaan Kota Pekalongan. Fonts only ever come from media/fonts, which ships with
their licences: nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from planner.config import PROJECT_ROOT
from planner.imaging.contrast import hex_colour
from planner.imaging.errors import ImagingError

FONTS_DIR = PROJECT_ROOT / "media" / "fonts"
BRAND_DIR = PROJECT_ROOT / "media" / "brand"


class BrandError(ImagingError):
    """A brand kit that cannot be used, said in one sentence."""


def available_fonts() -> list[str]:
    """The font files shipped under media/fonts (the only ones a brand may use)."""
    return sorted(p.name for p in FONTS_DIR.glob("*.ttf"))


@dataclass
class Palette:
    primary: str = "#0B5D7A"  # batik-indigo blue of Pekalongan
    secondary: str = "#F2A541"  # warm gold
    accent: str = "#B84A33"  # terracotta; white text on it reaches 5:1
    light: str = "#FFFFFF"  # text on dark backgrounds
    dark: str = "#1B1B1E"  # text on light backgrounds


@dataclass
class Brand:
    name: str = "Perpustakaan Kota Pekalongan"
    palette: Palette = field(default_factory=Palette)
    heading_font: str = "SourceSansPro-Bold.ttf"
    body_font: str = "SourceSansPro-Regular.ttf"
    # A file name under media/brand, or an absolute path (a stored MediaAsset).
    logo: str | None = "logo.png"
    address: str = "Jl. Progo No. 1, Pekalongan"
    website: str = "perpustakaan.pekalongankota.go.id"
    socials: list[str] = field(default_factory=lambda: ["@perpuskotapkl"])
    # Free text that replaces the address · website · handles line when set.
    footer: str = ""
    # A faint logo in the corner of photos, so reposted pictures keep their source.
    watermark: bool = False

    def font_path(self, which: str) -> Path:
        """Path to the heading or body font file shipped under media/fonts."""
        return FONTS_DIR / (self.heading_font if which == "heading" else self.body_font)

    def logo_path(self) -> Path | None:
        """The logo file, if one is set and exists."""
        if not self.logo:
            return None
        path = Path(self.logo) if Path(self.logo).is_absolute() else BRAND_DIR / self.logo
        return path if path.is_file() else None

    def footer_text(self) -> str:
        """The footer line: the free text, or address · website · social handles."""
        if self.footer.strip():
            return self.footer.strip()
        parts = [
            self.address.strip(),
            self.website.strip(),
            " ".join(s.strip() for s in self.socials),
        ]
        return " · ".join(p for p in parts if p)

    def validated(self) -> Brand:
        """This brand with colours normalised, or a BrandError saying what is wrong."""
        if not self.name.strip():
            raise BrandError("brand_name_empty")
        if len(self.name) > 120:
            raise BrandError("brand_name_long")
        colours = {}
        for f in fields(Palette):
            value = getattr(self.palette, f.name)
            try:
                colours[f.name] = hex_colour(value)
            except ValueError as exc:
                raise BrandError("brand_colour", name=f.name, value=value) from exc
        shipped = available_fonts()
        for which in (self.heading_font, self.body_font):
            if which not in shipped:
                raise BrandError("brand_font", font=which, fonts=", ".join(shipped))
        socials = [s.strip() for s in self.socials if s.strip()]
        if any(len(s) > 60 for s in socials) or len(socials) > 6:
            raise BrandError("brand_socials")
        return Brand(
            name=self.name.strip(),
            palette=Palette(**colours),
            heading_font=self.heading_font,
            body_font=self.body_font,
            logo=self.logo,
            address=self.address.strip()[:200],
            website=self.website.strip()[:200],
            socials=socials,
            footer=self.footer.strip()[:300],
            watermark=bool(self.watermark),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brand:
        """A Brand from stored data; unknown keys are ignored and missing ones take defaults."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        palette = values.get("palette") or {}
        pal_known = {f.name for f in fields(Palette)}
        values["palette"] = Palette(**{k: v for k, v in palette.items() if k in pal_known})
        if "socials" in values:
            values["socials"] = list(values["socials"] or [])
        return cls(**values)


DEFAULT_BRAND = Brand()
