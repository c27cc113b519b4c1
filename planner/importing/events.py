"""Importing events from CSV."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from planner.importing.dates import (
    WeekdayMismatch,
    parse_date,
    parse_datetime,
    parse_time_range,
)
from planner.importing.report import ImportReport
from planner.importing.rows import RowRefused, run_rows
from planner.importing.tabular import read_table
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.sources import EventIn, store_event

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("judul", "nama acara", "nama kegiatan", "acara", "kegiatan", "event", "name"),
    "date": ("tanggal", "tgl", "hari tanggal", "hari", "day"),
    "time": ("jam", "waktu", "pukul", "jam mulai", "mulai", "start time", "start"),
    "end_time": ("jam selesai", "selesai", "sampai", "end time", "end", "until"),
    "starts_at": ("mulai pada", "tanggal dan jam", "datetime", "start at"),
    "place": ("tempat", "lokasi", "ruang", "ruangan", "location", "venue"),
    "description": ("deskripsi", "keterangan", "uraian", "isi", "details"),
    "category": ("kategori", "jenis", "jenis kegiatan", "type"),
    "speaker": ("pembicara", "narasumber", "pemateri", "pendongeng", "pengisi", "presenter"),
    "audience": ("sasaran", "peserta", "audiens", "target peserta"),
    "registration_url": (
        "pendaftaran",
        "link pendaftaran",
        "tautan pendaftaran",
        "tautan",
        "link",
        "url",
        "registration",
    ),
    "key": ("kode", "kode acara"),
}


def row_to_event(row: dict[str, str], tz: ZoneInfo) -> EventIn:
    """One CSV row as an EventIn; RowRefused naming what is wrong."""
    if not row.get("title"):
        raise RowRefused("no_title")
    end = None
    if row.get("starts_at"):
        try:
            start = parse_datetime(row["starts_at"])
        except WeekdayMismatch as exc:
            raise RowRefused("wrong_weekday", **exc.values()) from exc
        except ValueError as exc:
            raise RowRefused("bad_date", value=row["starts_at"]) from exc
    else:
        if not row.get("date"):
            raise RowRefused("no_date")
        try:
            day = parse_date(row["date"])
        except WeekdayMismatch as exc:
            raise RowRefused("wrong_weekday", **exc.values()) from exc
        except ValueError as exc:
            raise RowRefused("bad_date", value=row["date"]) from exc
        if not row.get("time"):
            raise RowRefused("no_time")
        try:
            at, end_at = parse_time_range(row["time"])
        except ValueError as exc:
            raise RowRefused("bad_time", value=row.get("time", "")) from exc
        start = datetime.combine(day, at)
        if end_at is not None:
            end = datetime.combine(day, end_at)
    if start.tzinfo is None:
        start = start.replace(tzinfo=tz)
    if row.get("end_time"):
        try:
            end = datetime.combine(start.date(), parse_time_range(row["end_time"])[0])
        except ValueError as exc:
            raise RowRefused("bad_time", value=row["end_time"]) from exc
    if end is not None and end.tzinfo is None:
        end = end.replace(tzinfo=tz)
    values = {k: v for k, v in row.items() if k in EventIn.model_fields}
    values.update(starts_at=start, ends_at=end)
    return EventIn(**values)


def import_events(
    session: Session, data: bytes, filename: str, tz: ZoneInfo, *, actor: Actor
) -> ImportReport:
    """Import events from CSV bytes; ImportFileError when the file as a whole is unreadable."""
    check(session, actor, Action.EDIT_SOURCES, ("import", filename))
    table = read_table(data, ALIASES, required=("title",))
    report = table.report("events", filename)
    result = run_rows(
        session,
        report,
        table.rows,
        prepare=lambda row: row_to_event(row, tz),
        key_of=lambda event: event.stable_key(tz),
        save=lambda s, event: store_event(s, event, tz),
    )
    audit.record(session, actor, "sources.import", ("import", filename), **result.counts)
    return result
