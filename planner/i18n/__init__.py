"""Interface strings in Bahasa Indonesia (default) and English, and locale-aware dates.

Strings live in one table per area (app, content, publishing, imaging, accounts), merged
here into one, so a test can check that every key has both languages.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from planner.i18n import (
    access,
    accounts,
    app,
    catalogue,
    collecting,
    content,
    dashboard,
    imaging,
    indicators,
    observances,
    people,
    publishing,
    report,
    review,
    roles,
    training,
)

LOCALES = ("id", "en")

_DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
# Indonesia's own abbreviations; other zones fall back to what the tz database says.
_ZONE_ABBR = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_abbr(tz: ZoneInfo, moment: datetime) -> str:
    """'WIB' for Asia/Jakarta, else the zone's own abbreviation at that moment."""
    return _ZONE_ABBR.get(tz.key, moment.astimezone(tz).tzname() or tz.key)


def format_date(moment: datetime, tz: ZoneInfo, locale: str = "id") -> str:
    """'Sabtu, 5 Desember 2026' / 'Saturday, 5 December 2026' in the library's zone."""
    local = moment.astimezone(tz)
    lang = locale if locale in LOCALES else "id"
    return (
        f"{_DAYS[lang][local.weekday()]}, {local.day} {_MONTHS[lang][local.month - 1]} {local.year}"
    )


def format_month(year: int, month: int, locale: str = "id") -> str:
    """'Desember 2026' / 'December 2026' (a calendar's title)."""
    lang = locale if locale in LOCALES else "id"
    return f"{_MONTHS[lang][month - 1]} {year}"


def format_time(moment: datetime, tz: ZoneInfo, locale: str = "id") -> str:
    """'09.00 WIB' (Indonesian uses a dot) / '09:00 WIB'."""
    local = moment.astimezone(tz)
    sep = "." if locale == "id" else ":"
    return f"{local.hour:02d}{sep}{local.minute:02d} {zone_abbr(tz, moment)}"


def format_datetime(moment: datetime, tz: ZoneInfo, locale: str = "id") -> str:
    """'Sabtu, 5 Desember 2026, 09.00 WIB'."""
    return f"{format_date(moment, tz, locale)}, {format_time(moment, tz, locale)}"


def format_number(value: float | int, locale: str = "id") -> str:
    """'1.250' in Indonesian, '1,250' in English."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if locale == "id" else text


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One table from the per-area ones; a key defined twice is a bug caught at import."""
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise RuntimeError(f"i18n keys defined twice: {', '.join(sorted(clash))}")
        merged.update(table)
    return merged


STRINGS: dict[str, dict[str, str]] = _merge(
    app.STRINGS,
    content.STRINGS,
    publishing.STRINGS,
    imaging.STRINGS,
    accounts.STRINGS,
    people.STRINGS,
    roles.STRINGS,
    review.STRINGS,
    training.STRINGS,
    access.STRINGS,
    collecting.STRINGS,
    dashboard.STRINGS,
    indicators.STRINGS,
    report.STRINGS,
    observances.STRINGS,
    catalogue.STRINGS,
)


def t(key: str, locale: str = "id", **values: object) -> str:
    """The string `key` in `locale`, with `{name}` placeholders filled from `values`."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(locale) or entry["id"]
    return text.format(**values) if values else text
