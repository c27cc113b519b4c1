"""Observance days: the shipped file of national days, the library's own, and their dates.

A national day is a row of content_templates/observances/national.yaml with either a fixed
`date: "MM-DD"` or a whole `month: N`; a library adds its own fixed days (its anniversary)
in the database. Dates are local to the library (Asia/Jakarta): plain `date`s, no times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from planner.config import Settings, get_settings
from planner.models import Observance
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.templates.store import catalog

NATIONAL_FILE = Path("observances") / "national.yaml"  # under the templates folder
LIBRARY_TEMPLATE = "library-anniversary"
# Who may add or remove a library's own days: the people who keep its events and collection.
MANAGE = Action.EDIT_SOURCES
# What a draft says when a library's own day was saved without a message.
DEFAULT_MESSAGE = {
    "id": "Terima kasih atas setiap kunjungan dan pinjamanmu. Yuk, terus belajar bersama "
    "di perpustakaan!",
    "en": "Thank you for every visit and every book you borrowed. Keep learning with us at "
    "the library!",
}


class ObservanceProblem(ValueError):
    """A bad observance (in the data file or typed in), with where and why in plain words."""

    def __init__(
        self, source: str, reason: str, line: int | None = None, *, code: str = "", **values: Any
    ) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source, self.reason, self.line = source, reason, line
        self.code, self.values = code, values

    def text(self, locale: str) -> str:
        """The refusal in the page language (typed-in days); a file's problem as it is."""
        from planner.i18n import t

        return (
            t(f"observances.error.{self.code}", locale, **self.values) if self.code else str(self)
        )


@dataclass(frozen=True)
class Day:
    """One observance: a fixed day each year, or (day None) a whole month."""

    key: str
    name: dict[str, str]  # locale -> name
    month: int
    day: int | None
    template: str
    message: dict[str, str] = field(default_factory=dict)
    since_year: int | None = None  # the library's founding year, for "the 25th anniversary"
    origin: str = "national"  # national | library

    def title(self, locale: str) -> str:
        """The name in `locale` (Indonesian when there is none)."""
        return self.name.get(locale) or self.name["id"]

    def text(self, locale: str) -> str:
        """The message a draft starts from, in `locale` when there is one."""
        return self.message.get(locale) or self.message.get("id") or DEFAULT_MESSAGE[locale]

    def occurrence(self, year: int) -> Occurrence:
        """The day (or month) in `year`."""
        if self.day is None:
            first = date(year, self.month, 1)
            following = date(year + (self.month == 12), self.month % 12 + 1, 1)
            return Occurrence(self, first, following - timedelta(days=1))
        return Occurrence(self, date(year, self.month, self.day), date(year, self.month, self.day))


@dataclass(frozen=True)
class Occurrence:
    """An observance in one year: its first and last day (the same for a one-day observance)."""

    day: Day
    start: date
    end: date

    @property
    def whole_month(self) -> bool:
        """True for a month-long observance (Bulan Gemar Membaca)."""
        return self.day.day is None

    @property
    def years(self) -> int | None:
        """Which anniversary this is, when the founding year is known."""
        since = self.day.since_year
        return self.start.year - since if since and since < self.start.year else None


def _check_date(month: Any, day: Any, where: str, line: int | None) -> tuple[int, int]:
    """A month and day that exist every year (29 February does not)."""
    try:
        date(2027, int(month), int(day))  # any year without 29 February
    except (TypeError, ValueError):
        raise ObservanceProblem(
            where,
            f"month {month}, day {day} is not a day of every year (month 1–12, a day it has)",
            line,
            code="date",
        ) from None
    return int(month), int(day)


def _names(raw: Any, what: str, where: str, line: int | None) -> dict[str, str]:
    if not isinstance(raw, dict) or not str(raw.get("id") or "").strip():
        raise ObservanceProblem(where, f"{what} needs at least its Indonesian text (id:)", line)
    return {k: str(v).strip() for k, v in raw.items() if k in ("id", "en") and v}


def parse_entry(raw: Any, where: str, line: int | None = None) -> Day:
    """One row of the data file as a Day, or ObservanceProblem naming the file and line."""
    if not isinstance(raw, dict):
        raise ObservanceProblem(where, "each observance is a mapping (id:, name:, date:)", line)
    key = str(raw.get("id") or "")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key):
        raise ObservanceProblem(where, f"id {key!r} must be lowercase words joined by -", line)
    name = _names(raw.get("name"), f"{key}: name", where, line)
    message = _names(raw["message"], f"{key}: message", where, line) if "message" in raw else {}
    template = str(raw.get("template") or "")
    if not template:
        raise ObservanceProblem(where, f"{key}: needs a template (a draft starts from it)", line)
    if ("date" in raw) == ("month" in raw):
        raise ObservanceProblem(where, f'{key}: give either date: "MM-DD" or month: N', line)
    if "month" in raw:
        month, _ = _check_date(raw["month"], 1, where, line)
        return Day(key, name, month, None, template, message)
    found = re.fullmatch(r"(\d\d)-(\d\d)", str(raw["date"]))
    if not found:
        raise ObservanceProblem(where, f'{key}: date must be "MM-DD", e.g. "05-17"', line)
    month, day = _check_date(found[1], found[2], where, line)
    return Day(key, name, month, day, template, message)


def load_text(content: str, source: str) -> list[Day]:
    """The days of a data file's text; ObservanceProblem with file and line when it is bad."""
    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ObservanceProblem(source, "not valid YAML", mark.line + 1 if mark else None) from exc
    rows = data.get("observances") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ObservanceProblem(source, "needs a list under observances:", 1)
    nodes = next(v for k, v in root.value if k.value == "observances").value
    days: list[Day] = []
    for raw, node in zip(rows, nodes, strict=True):
        line = node.start_mark.line + 1
        day = parse_entry(raw, source, line)
        if any(d.key == day.key for d in days):
            raise ObservanceProblem(source, f"id {day.key!r} is used twice", line)
        days.append(day)
    return days


def load_file(path: Path) -> list[Day]:
    """The days of one data file (see load_text)."""
    try:
        content = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ObservanceProblem(Path(path).name, "the file is not UTF-8 text") from exc
    return load_text(content, Path(path).name)


@lru_cache(maxsize=4)
def _national(path: Path, mtime: float) -> tuple[Day, ...]:
    return tuple(load_file(path))


def national_days(settings: Settings | None = None) -> list[Day]:
    """The shipped national days (read again when the file changes)."""
    path = (settings or get_settings()).templates_dir / NATIONAL_FILE
    return list(_national(path, path.stat().st_mtime))


def _library_day(row: Observance) -> Day:
    names = {"id": row.name_id, **({"en": row.name_en} if row.name_en else {})}
    message = {"id": row.message} if row.message else {}
    return Day(
        key=row.key,
        name=names,
        month=row.month,
        day=row.day,
        template=row.template_id,
        message=message,
        since_year=row.since_year,
        origin="library",
    )


def library_days(session: Session) -> list[Day]:
    """The library's own days, by date in the year."""
    rows = session.exec(select(Observance).order_by(Observance.month, Observance.day))
    return [_library_day(row) for row in rows]


def all_days(session: Session, settings: Settings | None = None) -> list[Day]:
    """National and library days together."""
    return national_days(settings) + library_days(session)


def find_day(session: Session, key: str, settings: Settings | None = None) -> Day | None:
    """The observance with `key`, national or the library's."""
    return next((d for d in all_days(session, settings) if d.key == key), None)


def occurrences(days: list[Day], first: date, last: date) -> list[Occurrence]:
    """Every occurrence touching [first, last] (across a new year too), by start date."""
    found = [
        occ
        for day in days
        for year in range(first.year - 1, last.year + 1)
        if (occ := day.occurrence(year)).end >= first and occ.start <= last
    ]
    return sorted(found, key=lambda o: (o.start, o.day.origin, o.day.key))


def on_days(found: list[Occurrence], days: list[date]) -> dict[date, list[Occurrence]]:
    """What to mark on each shown day: a one-day observance on its date, a month on its first."""
    shown = set(days)
    out: dict[date, list[Occurrence]] = {}
    for occ in found:
        if occ.start in shown:
            out.setdefault(occ.start, []).append(occ)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "hari"


def add_library_day(
    session: Session,
    actor: Actor,
    *,
    name_id: str,
    month: int,
    day: int,
    name_en: str = "",
    since_year: int | None = None,
    template_id: str = LIBRARY_TEMPLATE,
    message: str = "",
    settings: Settings | None = None,
) -> Observance:
    """Save one of the library's own days (audited); refused: a bad date or template."""
    check(session, actor, MANAGE, ("observance", name_id))
    if not name_id.strip():
        raise ObservanceProblem("observance", "needs a name in Indonesian", code="name")
    month, day = _check_date(month, day, "observance", None)
    if since_year is not None and not 1000 <= since_year <= date.today().year:
        raise ObservanceProblem(
            "observance", f"{since_year} is not a past year", code="since", year=since_year
        )
    if template_id not in catalog(session, settings).templates:
        raise ObservanceProblem(
            "observance", f"no template {template_id!r}", code="template", template=template_id
        )
    taken = {d.key for d in all_days(session, settings)}
    key = base = _slug(name_id)
    number = 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    row = Observance(
        key=key,
        name_id=name_id.strip(),
        name_en=name_en.strip(),
        month=month,
        day=day,
        since_year=since_year,
        template_id=template_id,
        message=message.strip(),
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "observance.add", ("observance", key), month=month, day=day)
    return row


def remove_library_day(session: Session, actor: Actor, key: str) -> None:
    """Delete one of the library's own days (national days stay: they are in the file)."""
    check(session, actor, MANAGE, ("observance", key))
    row = session.exec(select(Observance).where(Observance.key == key)).first()
    if row is None:
        raise ObservanceProblem(
            "observance", f"the library has no own day {key!r}", code="no_day", key=key
        )
    session.delete(row)
    session.flush()
    audit.record(session, actor, "observance.remove", ("observance", key))
