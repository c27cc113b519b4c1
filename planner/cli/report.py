"""`planner report`: the monthly report as a PDF, workbook or CSV file, as the Report page
makes it.

`--as NAME` (or PLANNER_USER) reads as that person, who needs the dashboard right (managers,
admins, staff, trainers); without it the command reads as the system, like `planner queue`.
The file is written whole or not at all (a temporary file renamed into place).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import reading_user
from planner.cli.output import JsonOpt, emit


def register(app: typer.Typer) -> None:
    """Add `report` to `app`."""
    app.command("report")(report)


def report(
    month: Annotated[str, typer.Option("--month", help="The month, as YYYY-MM.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", help="pdf, xlsx or csv.")] = "pdf",
    lang: Annotated[str, typer.Option("--lang", help="id (Bahasa Indonesia) or en.")] = "id",
    as_json: JsonOpt = False,
) -> None:
    """Write one month's report (summary, charts, top posts, the three indicators)."""
    from planner.db import check_connection, session_scope
    from planner.evaluation.period import month_period
    from planner.evaluation.report.files import check_choice, render, write_atomically
    from planner.evaluation.report.monthly import build_monthly

    check_choice(fmt, lang)
    month_period(month)  # a bad month is refused before the database is opened
    check_connection()
    actor = reading_user()
    with session_scope() as session:
        built = build_monthly(session, month, lang, actor=actor)
    data = render(built, fmt)
    write_atomically(data, out)
    emit(
        {
            "ok": True,
            "month": month,
            "format": fmt,
            "lang": lang,
            "out": str(out),
            "bytes": len(data),
        },
        as_json,
        [f"report for {month} written to {out} ({len(data):,} bytes)"],
    )
