"""`planner indicators …`: the programme's indicators from the command line, as the page does.

`service set|import|list` for monthly service use, `attendance EVENT_ID N` for an event,
`feedback add|list|delete|import` for feedback notes, and `show` for the views the dashboard
and the monthly report read. Changes act as `--as NAME` / PLANNER_USER; refusals are one line.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError, fail
from planner.cli.output import JsonOpt, emit
from planner.config import get_settings

MAX_BYTES = 20 * 1024 * 1024

indicators_app = typer.Typer(
    no_args_is_help=True,
    help="Programme indicators: service use, attendance, feedback notes.",
)
service_app = typer.Typer(no_args_is_help=True, help="Service use per month.")
feedback_app = typer.Typer(no_args_is_help=True, help="Feedback notes from library users.")
indicators_app.add_typer(service_app, name="service")
indicators_app.add_typer(feedback_app, name="feedback")

MonthOpt = Annotated[str, typer.Option("--month", help="YYYY-MM (also 11/2026).")]


def register(app: typer.Typer) -> None:
    """Add the `indicators` group to `app`."""
    app.add_typer(indicators_app, name="indicators")


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise UserError(f"no such file: {path}")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


@service_app.command("set")
def service_set(
    month: MonthOpt,
    visits: Annotated[int | None, typer.Option(help="Visits to the library.")] = None,
    loans: Annotated[int | None, typer.Option(help="Loans.")] = None,
    new_members: Annotated[int | None, typer.Option(help="New members.")] = None,
    note: Annotated[str | None, typer.Option(help="A note on the month.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a month's service use; figures not given keep what is stored."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.service_use import ServiceFigures, set_service_month

    migrate()
    actor = acting_user()
    figures = ServiceFigures(month, visits, loans, new_members, note)
    with session_scope() as session:
        row, status = set_service_month(session, figures, actor=actor, zone=get_settings().tz)
        data = {
            "month": row.month,
            "status": status,
            "visits": row.visits,
            "loans": row.loans,
            "new_members": row.new_members,
            "note": row.note,
        }
    emit(
        data,
        as_json,
        [
            f"{data['month']} {status}: visits {row.visits}, loans {row.loans}, "
            f"new members {row.new_members}"
        ],
    )


@service_app.command("list")
def service_list(
    months: Annotated[int, typer.Option(help="How many recent months.")] = 12,
    as_json: JsonOpt = False,
) -> None:
    """The latest months entered, newest first."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.service_use import recent_service_months

    migrate()
    with session_scope() as session:
        rows = [
            {
                "month": r.month,
                "visits": r.visits,
                "loans": r.loans,
                "new_members": r.new_members,
                "note": r.note,
            }
            for r in recent_service_months(session, months)
        ]
    lines = [
        f"{r['month']}  visits {r['visits']}  loans {r['loans']}  new members {r['new_members']}"
        for r in rows
    ] or ["no months entered yet"]
    emit({"months": rows}, as_json, lines)


def _finish(report, as_json: bool) -> None:
    data = report.as_dict("en")
    counts = report.counts
    lines = [
        f"row {r['row']:>5}  {r['status']:<9} {r['title'][:40]:<40} {r['reason']}".rstrip()
        for r in data["rows"]
    ]
    lines.append(
        f"{report.filename}: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['skipped']} skipped, {counts['refused']} refused"
    )
    emit(data, as_json, lines)
    if counts["refused"]:
        first = report.refused[0]
        fail(
            f"{counts['refused']} of {len(report.rows)} rows refused "
            f"(first: row {first.row}: {first.reason('en')})"
        )


def _import(kind: str, path: Path, as_json: bool) -> None:
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.imports import import_feedback, import_service_months
    from planner.importing.report import ImportFileError

    data = _read(path)
    migrate()
    actor = acting_user()
    importer = import_service_months if kind == "service" else import_feedback
    try:
        with session_scope() as session:
            report = importer(session, data, path.name, get_settings().tz, actor=actor)
    except ImportFileError as exc:
        raise UserError(f"{path.name}: {exc.text('en')}") from exc
    _finish(report, as_json)


@service_app.command("import")
def service_import(
    file: Annotated[Path, typer.Argument(help="CSV: month, visits, loans, new_members[, note].")],
    as_json: JsonOpt = False,
) -> None:
    """Import monthly figures; a month imported again is updated, never doubled."""
    _import("service", file, as_json)


@indicators_app.command("attendance")
def attendance(
    event_id: Annotated[int, typer.Argument(help="The event's id.")],
    people: Annotated[int | None, typer.Argument(help="How many came (omit with --clear).")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the figure.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Record how many people came to an event (once it has begun)."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.attendance import set_attendance

    if (people is None) == (not clear):
        raise UserError("give the number of people who came, or --clear to remove it")
    migrate()
    actor = acting_user()
    with session_scope() as session:
        event = set_attendance(session, event_id, None if clear else people, actor=actor)
        data = {"event": event.id, "title": event.title, "attendance": event.attendance}
    emit(
        data,
        as_json,
        [
            f"event #{data['event']} {data['title']}: attendance "
            f"{data['attendance'] if data['attendance'] is not None else 'cleared'}"
        ],
    )


def _note_dict(note) -> dict:
    return {
        "id": note.id,
        "date": note.noted_on.isoformat(),
        "sentiment": note.sentiment,
        "source": note.source,
        "text": note.text,
        "post": note.post_id,
        "event": note.event_id,
    }


@feedback_app.command("add")
def feedback_add(
    text: Annotated[str, typer.Argument(help="What the user said.")],
    sentiment: Annotated[str, typer.Option(help="positive|neutral|negative (or positif…).")],
    on: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default today).")] = None,
    source: Annotated[str, typer.Option(help="e.g. front_desk, suggestion_box, survey.")] = "",
    post: Annotated[int | None, typer.Option(help="The post it is about.")] = None,
    event: Annotated[int | None, typer.Option(help="The event it is about.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record one feedback note."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.feedback import (
        FeedbackIn,
        add_feedback,
        local_today,
    )
    from planner.models import utcnow

    try:
        day = date.fromisoformat(on) if on else local_today(utcnow(), get_settings().tz)
    except ValueError as exc:
        raise UserError(f"--date {on!r} is not a date; write YYYY-MM-DD") from exc
    migrate()
    actor = acting_user()
    with session_scope() as session:
        note = add_feedback(
            session, FeedbackIn(day, sentiment, text, source, post, event), actor=actor
        )
        data = _note_dict(note)
    emit(data, as_json, [f"feedback note #{data['id']} recorded ({data['sentiment']})"])


@feedback_app.command("list")
def feedback_list(
    month: Annotated[
        str | None, typer.Option("--month", help="YYYY-MM (default: this month).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The month's feedback notes, newest first, and their count by sentiment."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.feedback import SENTIMENTS, list_feedback
    from planner.evaluation.indicators.parsing import parse_month
    from planner.evaluation.period import month_period, this_month
    from planner.models import utcnow

    zone = get_settings().timezone
    period = month_period(parse_month(month), zone) if month else this_month(utcnow(), zone)
    migrate()
    with session_scope() as session:
        notes = [_note_dict(n) for n in list_feedback(session, period.first, period.last)]
    counts = {s: sum(1 for n in notes if n["sentiment"] == s) for s in SENTIMENTS}
    lines = [
        f"#{n['id']:<5} {n['date']}  {n['sentiment']:<8} {n['source'][:20]:<20} {n['text']}"
        for n in notes
    ]
    lines.append(
        f"{period.month}: {len(notes)} note(s); " + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    emit({"month": period.month, "counts": counts, "notes": notes}, as_json, lines)


@feedback_app.command("delete")
def feedback_delete(
    note_id: Annotated[int, typer.Argument(help="The note's id (see feedback list).")],
    as_json: JsonOpt = False,
) -> None:
    """Remove a note recorded by mistake."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.feedback import delete_feedback

    migrate()
    actor = acting_user()
    with session_scope() as session:
        delete_feedback(session, note_id, actor=actor)
    emit({"deleted": note_id}, as_json, [f"feedback note #{note_id} deleted"])


@feedback_app.command("import")
def feedback_import(
    file: Annotated[Path, typer.Argument(help="CSV: date, sentiment, text[, source].")],
    as_json: JsonOpt = False,
) -> None:
    """Import feedback notes; a note already stored is not added again."""
    _import("feedback", file, as_json)


@indicators_app.command("show")
def show(
    month: MonthOpt,
    months: Annotated[int, typer.Option(help="Months of trend up to --month.")] = 6,
    as_json: JsonOpt = False,
) -> None:
    """The indicators of a month: events, months, feedback and training."""
    from planner.db import migrate, session_scope
    from planner.evaluation.indicators.parsing import parse_month
    from planner.evaluation.indicators.views import indicators_view
    from planner.evaluation.period import month_period

    period = month_period(parse_month(month), get_settings().timezone)
    migrate()
    with session_scope() as session:
        view = indicators_view(session, period, months)
    data = {
        "month": period.month,
        "events": [asdict(e) for e in view.events],
        "months": [asdict(m) for m in view.months],
        "feedback": [{**asdict(f), "notes": f.notes} for f in view.feedback],
        "training": asdict(view.training) if view.training else None,
    }
    lines = [f"{period.month}: {len(view.events)} event(s)"]
    for e in view.events:
        p = e.promotion
        lines.append(
            f"  #{e.event_id} {e.title}: attendance {_or_gap(e.attendance, 'not entered')}, "
            f"{p.posts} post(s), reach {_or_gap(p.reach)}, interactions "
            f"{_or_gap(p.interactions)}, link clicks {_or_gap(p.clicks)}"
        )
    for m in view.months:
        p = m.promotion
        lines.append(
            f"{m.month}: visits {_or_gap(m.visits, '-')}, loans {_or_gap(m.loans, '-')}, "
            f"new members {_or_gap(m.new_members, '-')} | {p.posts} post(s), reach "
            f"{_or_gap(p.reach)}, interactions {_or_gap(p.interactions)}"
        )
    lines.append(
        "training: "
        + ("no training module yet" if view.training is None else str(asdict(view.training)))
    )
    emit(data, as_json, lines)


def _or_gap(value: int | None, gap: str = "not reported") -> str:
    """A figure, or what its absence means (never a made-up 0)."""
    return gap if value is None else str(value)
