"""Why a catalogue source cannot be saved or harvested, worded in both languages."""

from __future__ import annotations

from typing import Any

from planner.i18n import t


class CatalogueError(ValueError):
    """A refusal or a failed harvest; `code` names it ('catalogue.error.<code>' in i18n)."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(self.text("en"))

    def text(self, locale: str = "id") -> str:
        """The reason in `locale`."""
        values = {  # a value may itself be worded per language ({"id": …, "en": …})
            k: v.get(locale) or v["id"] if isinstance(v, dict) else v
            for k, v in self.values.items()
        }
        return t(f"catalogue.error.{self.code}", locale, **values)
