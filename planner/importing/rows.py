"""Writing imported rows: each in its own savepoint, committed in batches, reported by line.

A whole file used to be one transaction: 100,000 rows held SQLite's write lock for over a
minute, and every other write (the publishing worker's included) failed with "database is
locked" after its 30 s busy timeout. Committing every BATCH_ROWS rows keeps each hold short;
re-importing the same file after an interruption is safe because rows are matched by key.

On SQLite, once an import has run THROTTLE_AFTER_SECONDS, a batch also ends after
BATCH_SECONDS and the importer then pauses PAUSE_SECONDS:
a writer kept waiting retries only every few tens of milliseconds (SQLite's busy handler
sleeps up to 100 ms between tries), so an importer that took the lock straight back would
starve it however short each batch was (measured: bench/import_beside_worker.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from planner.config import get_settings
from planner.importing.report import ImportFileError, ImportReport, RowResult

BATCH_ROWS = 500
BATCH_SECONDS = 0.05  # SQLite: the longest one batch holds the write lock
# SQLite: a short import (most files, every test) runs unthrottled; others wait at most once.
THROTTLE_AFTER_SECONDS = 0.5
PAUSE_SECONDS = 0.11  # SQLite: longer than the busy handler's longest sleep between tries


@dataclass
class Warned:
    """A prepared row that is taken, with what was left out of it and why (see report.REASONS)."""

    data: Any
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


class RowRefused(ValueError):
    """A row that cannot be taken; `code` and `values` say why (see report.REASONS)."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def validation_detail(exc: ValidationError) -> str:
    """A pydantic error as one short sentence naming the field."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def run_rows(
    session: Session,
    report: ImportReport,
    rows: Iterable[tuple[int, Any]],
    *,
    prepare: Callable[[Any], Any],
    key_of: Callable[[Any], str],
    save: Callable[[Session, Any], tuple[Any, str]],
    batch_rows: int | None = None,
) -> ImportReport:
    """Prepare, de-duplicate and save each row; a refused row changes nothing else.

    Every `batch_rows` rows are committed (the caller commits the rest); a file longer than
    PLANNER_IMPORT_MAX_ROWS is refused before anything is written. `prepare` may return a
    `Warned` row: it is saved, and its warnings are reported on its line.
    """
    rows = list(rows)
    check_row_count(len(rows))
    batch_rows = batch_rows or BATCH_ROWS
    sqlite = session.get_bind().dialect.name == "sqlite"
    seen: dict[str, int] = {}
    started = batch_started = time.monotonic()
    in_batch = 0
    for line, raw in rows:
        now = time.monotonic()
        throttled = sqlite and now - started > THROTTLE_AFTER_SECONDS
        if in_batch >= batch_rows or (throttled and now - batch_started > BATCH_SECONDS):
            commit_batch(session, report, line)
            if throttled:
                time.sleep(PAUSE_SECONDS)
            in_batch, batch_started = 0, time.monotonic()
        in_batch += 1
        result = RowResult(row=line, status="refused")
        report.rows.append(result)
        try:
            data = prepare(raw)
        except RowRefused as exc:
            result.reason_code, result.reason_values = exc.code, exc.values
            continue
        except ValidationError as exc:
            result.reason_code, result.reason_values = "invalid", {"detail": validation_detail(exc)}
            continue
        if isinstance(data, Warned):
            result.warnings, data = data.warnings, data.data
        result.key, result.title = key_of(data), data.title
        if result.key in seen:
            result.status = "skipped"
            result.reason_code, result.reason_values = "duplicate_row", {"row": seen[result.key]}
            continue
        try:
            with session.begin_nested():
                record, status = save(session, data)
        except (SQLAlchemyError, ValueError) as exc:
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            result.reason_code, result.reason_values = "database", {"detail": detail}
            continue
        seen[result.key] = line
        result.status, result.record_id = status, record.id
    if rows:
        commit_batch(session, report, rows[-1][0])
    return report


def check_row_count(count: int) -> None:
    """Refuse a file with more rows than PLANNER_IMPORT_MAX_ROWS, before anything is saved."""
    limit = get_settings().import_max_rows
    if count > limit:
        raise ImportFileError("too_many_rows", rows=count, limit=limit)


def commit_batch(session: Session, report: ImportReport, next_line: int) -> None:
    """Commit what the report holds so far, so the write lock is let go between batches.

    When the commit fails, say how far the import got: those rows are saved, and importing
    the same file again skips them.
    """
    try:
        session.commit()
    except SQLAlchemyError as exc:
        session.rollback()
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise ImportFileError(
            "interrupted", row=next_line, detail=detail, saved=report.saved
        ) from exc
    report.saved = len(report.rows)
    report.batches += 1
