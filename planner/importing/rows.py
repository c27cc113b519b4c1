"""Writing imported rows one at a time: each in its own savepoint, reported line by line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from planner.importing.report import ImportReport, RowResult


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
) -> ImportReport:
    """Prepare, de-duplicate and save each row; a refused row changes nothing else."""
    seen: dict[str, int] = {}
    for line, raw in rows:
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
    return report
