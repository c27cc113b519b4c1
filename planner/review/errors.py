"""A refusal of the review workflow, worded in both languages from i18n 'review.error.*'."""

from __future__ import annotations

from typing import Any

from planner.i18n import t


class ReviewError(ValueError):
    """A draft, submission or decision that cannot be made as asked; `text` says why.

    `problems` lists worded reasons (checklist items, text problems) shown under the headline.
    """

    def __init__(self, code: str, problems: list[dict[str, str]] | None = None, **values: Any):
        self.code, self.values = code, values
        self.problems = problems or []
        super().__init__(self.text("en"))

    def text(self, locale: str) -> str:
        """The reason in `locale`, with every listed problem after it."""
        head = t(f"review.error.{self.code}", locale, **self.values)
        if not self.problems:
            return head
        return head + " " + " ".join(p.get(locale) or p["en"] for p in self.problems)
