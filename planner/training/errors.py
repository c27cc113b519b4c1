"""A refusal in training mode, worded in both languages from i18n 'training.error.*'."""

from __future__ import annotations

from typing import Any

from planner.i18n import t


class TrainingError(ValueError):
    """An answer, review or session that cannot be made as asked; `text` says why."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code, self.values = code, values
        super().__init__(self.text("en"))

    def text(self, locale: str) -> str:
        return t(f"training.error.{self.code}", locale, **self.values)
