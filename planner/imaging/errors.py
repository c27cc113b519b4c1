"""Refusals with one clear sentence, in English (str) and in the page's language (text)."""

from __future__ import annotations

from typing import Any

from planner.i18n import t


class ImagingError(ValueError):
    """A refusal whose sentence lives in planner.i18n under 'imaging.error.<key>'."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, locale: str = "id") -> str:
        """The sentence in `locale` (the CLI prints English, the app the page language)."""
        return t(f"imaging.error.{self.key}", locale, **self.values)
