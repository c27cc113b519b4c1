"""Why a post cannot be scheduled, edited or moved: the errors and their wording in id and en.

Kept apart from planner/scheduling.py so the services stay short; everything here is
re-exported there, where callers have always imported it from.
"""

from __future__ import annotations

from planner.i18n import LOCALES, t


class SchedulingError(ValueError):
    """A post that cannot be scheduled as asked; the message says why.

    `str()` is English (the CLI, logs, tests); `text(locale)` words it for a person in the
    page language when the raiser knew how (`refusal`), else falls back to the English.
    """

    def __init__(self, message: str, translations: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.translations = {"en": message, **(translations or {})}

    def text(self, locale: str) -> str:
        """The reason in `locale` (English when no wording in that language exists)."""
        return self.translations.get(locale) or self.translations["en"]


def _worded(code: str, **values: object) -> dict[str, str]:
    """A refusal's wording in every language, from i18n 'scheduling.error.<code>'."""
    return {loc: t(f"scheduling.error.{code}", loc, **values) for loc in LOCALES}


def refusal(code: str, cls: type[SchedulingError] | None = None, **values: object):
    """A SchedulingError (or subclass) worded from i18n 'scheduling.error.<code>'."""
    words = _worded(code, **values)
    return (cls or SchedulingError)(words["en"], words)


def _joined(problems: list[dict[str, str]]) -> SchedulingError:
    """One error listing every problem, in every language."""
    return SchedulingError(
        "; ".join(p["en"] for p in problems),
        {loc: "; ".join(p.get(loc) or p["en"] for p in problems) for loc in LOCALES},
    )


def _same(text: str) -> dict[str, str]:
    """A problem whose text exists in one wording only (e.g. a platform's own reason)."""
    return {"en": text}


class PastTimeError(SchedulingError):
    """The chosen time has passed: the caller should ask 'publish now?' instead."""


class ConflictError(SchedulingError):
    """Someone else changed the post since it was opened."""
