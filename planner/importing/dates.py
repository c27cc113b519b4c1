"""Dates and times as people type them in Indonesian spreadsheets.

Day-first numeric dates (06/12/2026, 6-12-26), ISO dates, and written ones in Indonesian or
English ("Sabtu, 5 Desember 2026", "6 Des 2026"); times with a dot or a colon ("09.00",
"9:00 WIB") and ranges ("09.00–11.00", "09.00 s.d. 11.00").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2, "peb": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip
# Weekday names as typed; a written date that names the wrong day is refused, not guessed.
WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    "sen": 0, "sel": 1, "rab": 2, "kam": 3, "jum": 4, "sab": 5, "min": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
DAY_NAMES = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_WRITTEN = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"(\d{1,2})[.:](\d{2})")
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga|to)\s*", re.IGNORECASE)


class WeekdayMismatch(ValueError):
    """A date like 'Sabtu, 6 Desember 2026' where 6 December 2026 is a Sunday.

    Which of the two the author meant cannot be known, so the row is refused and the message
    says which day the date is.
    """

    def __init__(self, text: str, written: str, day: date) -> None:
        super().__init__(f"{text!r}: {day.isoformat()} is a {DAY_NAMES['en'][day.weekday()]}")
        self.text = text
        self.written = written
        self.day = day

    def values(self) -> dict[str, str]:
        """What the refusal message needs, in both languages."""
        return {
            "value": self.text,
            "written": self.written,
            "date": self.day.isoformat(),
            "weekday_id": DAY_NAMES["id"][self.day.weekday()],
            "weekday_en": DAY_NAMES["en"][self.day.weekday()],
        }


def _check_weekday(text: str, before: str, day: date) -> date:
    """`day`, unless the words before the date name another weekday (WeekdayMismatch)."""
    for word in re.findall(r"[a-z']+", before.lower()):
        expected = WEEKDAYS.get(word)
        if expected is not None and expected != day.weekday():
            raise WeekdayMismatch(text, word.capitalize(), day)
    return day


def parse_date(text: str) -> date:
    """A calendar date from `text`; ValueError when it cannot be read unambiguously."""
    value = text.strip()
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    if match := _NUMERIC.match(value):
        day, month, year = (int(g) for g in match.groups())
        return date(year + 2000 if year < 100 else year, month, day)
    if match := _WRITTEN.search(value):
        month = MONTHS.get(match.group(2).lower())
        if month is None:
            raise ValueError(f"unknown month {match.group(2)!r}")
        day = date(int(match.group(3)), month, int(match.group(1)))
        return _check_weekday(value, value[: match.start()], day)
    raise ValueError(f"unreadable date {value!r}")


def parse_time_range(text: str) -> tuple[time, time | None]:
    """A start time and optional end time from `text` like '09.00' or '09.00–11.30 WIB'."""
    value = re.sub(r"\b(wib|wita|wit|pukul|jam)\b", " ", text, flags=re.IGNORECASE).strip()
    parts = [p for p in _RANGE_SPLIT.split(value) if p.strip()]
    if not parts or len(parts) > 2:
        raise ValueError(f"unreadable time {text!r}")
    times = []
    for part in parts:
        match = _TIME.fullmatch(part.strip()) or re.fullmatch(r"(\d{1,2})()", part.strip())
        if not match:
            raise ValueError(f"unreadable time {text!r}")
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        times.append(time(hour, minute))
    return times[0], times[1] if len(times) > 1 else None


def parse_datetime(text: str) -> datetime:
    """An ISO date-time ('2026-12-06T09:00', with or without zone) or 'date time' text."""
    value = text.strip()
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    match = _TIME.search(value)
    if match is None:
        raise ValueError(f"unreadable date and time {value!r}")
    day = parse_date(value[: match.start()].strip(" ,"))
    return datetime.combine(day, time(int(match.group(1)), int(match.group(2))))
