"""Importing service use per month and feedback notes from CSV, row by row.

The same reader and per-row report as events and collection items (planner/importing): a
bad row is refused with its reason in the reader's language, the good rows still land, and
importing the same file again changes nothing — a month is updated in place, a note already
stored (same day, source and text) is not added twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from planner.evaluation.indicators import feedback, service_use
from planner.evaluation.indicators.errors import IndicatorError
from planner.evaluation.indicators.feedback import FeedbackIn
from planner.evaluation.indicators.parsing import parse_count
from planner.evaluation.indicators.service_use import ServiceFigures
from planner.importing.dates import parse_date
from planner.importing.report import ImportReport
from planner.importing.rows import RowRefused, run_rows
from planner.importing.tabular import read_table
from planner.models import FeedbackNote, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

SERVICE_ALIASES: dict[str, tuple[str, ...]] = {
    "month": ("bulan", "periode", "bulan tahun"),
    "visits": ("kunjungan", "jumlah kunjungan", "pengunjung", "jumlah pengunjung", "visitors"),
    "loans": ("peminjaman", "pinjaman", "jumlah peminjaman", "sirkulasi", "loan"),
    "new_members": ("anggota baru", "jumlah anggota baru", "pendaftar baru", "members"),
    "note": ("catatan", "keterangan", "notes"),
}
FEEDBACK_ALIASES: dict[str, tuple[str, ...]] = {
    "noted_on": ("tanggal", "tgl", "date", "day"),
    "sentiment": ("sentimen", "nada", "penilaian"),
    "text": ("isi", "masukan", "umpan balik", "catatan", "komentar", "feedback", "note"),
    "source": ("sumber", "asal", "dari", "channel"),
}

T = TypeVar("T")


def _refusing(prepare: Callable[[dict[str, str]], T]) -> Callable[[dict[str, str]], T]:
    """`prepare`, with an IndicatorError turned into a refused row worded in both languages."""

    def run(row: dict[str, str]) -> T:
        try:
            return prepare(row)
        except IndicatorError as exc:
            raise RowRefused(
                "invalid", detail={"id": exc.text("id"), "en": exc.text("en")}
            ) from exc

    return run


def row_to_figures(row: dict[str, str], now: datetime, zone: ZoneInfo) -> ServiceFigures:
    """One CSV row as checked ServiceFigures (blank cells keep what is stored)."""
    figures = ServiceFigures(
        month=row.get("month", ""),
        note=row.get("note"),
        **{name: parse_count(row.get(name, ""), name) for name in service_use.FIGURES},
    )
    return service_use.checked(figures, now, zone)


def import_service_months(
    session: Session,
    data: bytes,
    filename: str,
    zone: ZoneInfo,
    *,
    actor: Actor,
    now: datetime | None = None,
) -> ImportReport:
    """Import monthly service figures; ImportFileError when the file as a whole is unreadable."""
    check(session, actor, Action.RECORD_INDICATORS, ("import", filename))
    table = read_table(data, SERVICE_ALIASES, required=("month",))
    report = table.report("service", filename)
    moment = now or utcnow()
    result = run_rows(
        session,
        report,
        table.rows,
        prepare=_refusing(lambda row: row_to_figures(row, moment, zone)),
        key_of=lambda figures: figures.month,
        save=lambda s, figures: service_use.store(s, figures, actor),
    )
    audit.record(session, actor, "indicators.import", ("import", filename), **result.counts)
    return result


def row_to_note(row: dict[str, str], session: Session, today: date) -> FeedbackIn:
    """One CSV row as a checked FeedbackIn."""
    raw_day = row.get("noted_on", "")
    if not raw_day:
        raise IndicatorError("no_date")
    try:
        day = parse_date(raw_day)
    except ValueError as exc:
        raise IndicatorError("bad_date", value=raw_day) from exc
    note = FeedbackIn(
        noted_on=day,
        sentiment=row.get("sentiment", ""),
        text=row.get("text", ""),
        source=row.get("source", ""),
    )
    return feedback.checked(note, session, today)


def _store_note(session: Session, note: FeedbackIn, actor: Actor) -> tuple[Any, str]:
    same = session.exec(
        select(FeedbackNote).where(
            FeedbackNote.noted_on == note.noted_on,
            FeedbackNote.source == note.source,
            FeedbackNote.text == note.text,
        )
    ).first()
    if same is not None:
        return same, "unchanged"
    return feedback.store(session, note, actor), "created"


def import_feedback(
    session: Session,
    data: bytes,
    filename: str,
    zone: ZoneInfo,
    *,
    actor: Actor,
    now: datetime | None = None,
) -> ImportReport:
    """Import feedback notes; ImportFileError when the file as a whole is unreadable."""
    check(session, actor, Action.RECORD_INDICATORS, ("import", filename))
    table = read_table(data, FEEDBACK_ALIASES, required=("noted_on", "sentiment", "text"))
    report = table.report("feedback", filename)
    today = feedback.local_today(now or utcnow(), zone)
    result = run_rows(
        session,
        report,
        table.rows,
        prepare=_refusing(lambda row: row_to_note(row, session, today)),
        key_of=lambda note: f"{note.noted_on}|{note.source}|{note.text}",
        save=lambda s, note: _store_note(s, note, actor),
    )
    audit.record(session, actor, "indicators.import", ("import", filename), **result.counts)
    return result
