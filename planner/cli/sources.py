"""`planner import events` and `planner import collection`: files in, a per-row report out.

Exit status 0 when every row was taken (created, updated or unchanged), 1 when any row was
refused or the file could not be read; the report is printed in full either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError, fail
from planner.cli.imports import import_app
from planner.cli.output import JsonOpt, emit
from planner.config import get_settings

MAX_BYTES = 50 * 1024 * 1024


def register(app: typer.Typer) -> None:
    """Add `import events` and `import collection` to the shared `import` group."""
    import_app.command("events")(import_events_command)
    import_app.command("collection")(import_collection_command)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise UserError(f"no such file: {path}")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


def _note(row: dict) -> str:
    """Why a row was refused or skipped, or what was left out of a taken one."""
    return "; ".join(
        ([row["reason"]] if row["reason"] else []) + [f"warning: {w}" for w in row["warnings"]]
    )


def _finish(report, as_json: bool) -> None:
    from planner.importing.report import ImportReport

    assert isinstance(report, ImportReport)
    locale = get_settings().locale
    data = report.as_dict(locale)
    counts = report.counts
    lines = [
        f"row {r['row']:>5}  {r['status']:<9} {r['title'][:50]:<50} {_note(r)}".rstrip()
        for r in data["rows"]
    ]
    lines.append(
        f"{report.filename}: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['skipped']} skipped, "
        f"{counts['refused']} refused ({report.file_format}"
        + (f", {report.encoding}, '{report.delimiter}'" if report.encoding else "")
        + f"; {report.saved} rows saved in {report.batches} batch(es))"
    )
    if report.ignored_columns:
        lines.append(f"ignored columns: {', '.join(report.ignored_columns)}")
    emit(data, as_json, lines)
    if counts["refused"]:
        fail(
            f"{counts['refused']} of {len(report.rows)} rows refused "
            f"(first: row {report.refused[0].row}: {report.refused[0].reason('en')})"
        )


def _run(kind: str, path: Path, as_json: bool) -> None:
    from planner.db import migrate
    from planner.importing.kinds import import_file
    from planner.importing.report import ImportFileError

    data = _read(path)
    migrate()
    actor = acting_user()
    try:
        report = import_file(kind, data, path.name, actor=actor)
    except ImportFileError as exc:
        raise UserError(f"{path.name}: {exc.text('en')}") from exc
    _finish(report, as_json)


def import_events_command(
    file: Annotated[Path, typer.Argument(help="CSV file (UTF-8 or Windows-1252, ; or ,).")],
    as_json: JsonOpt = False,
) -> None:
    """Import events from a CSV file; the same file imported again adds nothing."""
    _run("events", file, as_json)


def import_collection_command(
    file: Annotated[Path, typer.Argument(help="CSV, MARC 21 (.mrc) or MARCXML (.xml) file.")],
    as_json: JsonOpt = False,
) -> None:
    """Import collection items from CSV or MARC; matched on ISBN or a stable key."""
    _run("collection", file, as_json)
