"""Refusals of the indicator services, each worded in both languages (planner/i18n)."""

from __future__ import annotations

from typing import Any


class IndicatorError(ValueError):
    """A figure, month or note that cannot be saved; `code` names the reason."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(self.text("en"))

    def text(self, locale: str = "id") -> str:
        """The reason in `locale` (the page language, or English on the command line)."""
        from planner.i18n import t

        values = dict(self.values)
        if "field" in values:  # a column named in the reader's language ("kunjungan")
            values["field"] = t(f"indicators.field.{values['field']}", locale)
        return t(f"indicators.error.{self.code}", locale, **values)
