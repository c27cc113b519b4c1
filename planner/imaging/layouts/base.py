"""What a layout is given (LayoutInput) and how layouts are registered and called."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from planner.i18n import t
from planner.imaging.brand import Brand
from planner.imaging.canvas import Canvas, Drawn
from planner.imaging.errors import ImagingError
from planner.imaging.sizes import SizePreset


class LayoutError(ImagingError):
    """Input a layout cannot show (e.g. a book list without books), said in one sentence."""


@dataclass
class Cover:
    """One book on a book list: its cover file (or None for a drawn one), title and author."""

    title: str = ""
    author: str = ""
    image: Path | None = None


@dataclass
class LayoutInput:
    """What a layout may show; each layout uses the fields that fit it and ignores the rest.

    `subtitle` and `details` are the general-purpose fallbacks every layout understands
    (the CLI's --subtitle); the named fields let a template fill each slot precisely.
    """

    title: str
    subtitle: str = ""
    details: list[str] = field(default_factory=list)
    image: Path | None = None  # a photo (event) or a cover (new arrival, quote)
    kicker: str = ""  # the small label above the title; each layout has a default
    # Events
    date: str = ""  # 'Sabtu, 5 Desember 2026'
    time: str = ""  # '09.00 WIB'
    place: str = ""
    speaker: str = ""
    audience: str = ""
    day: str = ""  # date badge: '6'
    month: str = ""  # date badge: 'DES'
    # Books
    author: str = ""
    call_number: str = ""
    covers: list[Cover] = field(default_factory=list)
    # Quote card
    quote: str = ""
    attribution: str = ""
    # Statistic card
    number: str = ""
    label: str = ""
    # Notice: (label, value) rows such as ('Senin–Kamis', '08.00–15.00')
    rows: list[tuple[str, str]] = field(default_factory=list)
    locale: str = "id"
    # A saved brand kit that travels with the input (drafts use the library's own kit).
    brand: Brand | None = None

    def label_text(self, key: str, **values: Any) -> str:
        """A fixed label (kicker defaults, 'With', 'Call no.') in this input's language."""
        return t(f"imaging.{key}", self.locale, **values)


# The slots that hold one line of plain text (title … label), in declaration order: what a
# batch file, the CLI and the studio form fill by name. Derived, so a new slot reaches all.
TEXT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(LayoutInput) if f.type == "str" and f.name != "locale"
)


@dataclass(frozen=True)
class Layout:
    """A named composition that works in every size preset."""

    name: str
    compose: Callable[[Canvas, LayoutInput], None]
    background: Callable[[Brand], str | tuple[int, int, int]]

    def __call__(
        self, size: SizePreset, data: LayoutInput, brand: Brand, keep_background: bool = False
    ) -> Drawn:
        canvas = Canvas(size, brand, self.background(brand))
        self.compose(canvas, data)
        return canvas.finish(keep_background)

    def title(self, locale: str = "id") -> str:
        """The layout's name for people."""
        return t(f"imaging.layout.{self.name}", locale)
