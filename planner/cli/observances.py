"""`planner observances list|add|remove|nudges|draft`: national days and the library's own.

`list` shows every observance with its date in a year; `add`/`remove` keep the library's own
days (its anniversary); `nudges` lists those coming up with no post yet and `draft KEY`
makes the draft a nudge's button makes (it goes through review like any draft).
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError
from planner.cli.output import JsonOpt, emit

observances_app = typer.Typer(
    no_args_is_help=True, help="National and library days on the calendar, and their drafts."
)


def register(app: typer.Typer) -> None:
    """Add the `observances` group to `app`."""
    app.add_typer(observances_app, name="observances")


def _row(occ) -> dict:
    day = occ.day
    return {
        "id": day.key,
        "name": day.name.get("id"),
        "name_en": day.name.get("en", ""),
        "start": occ.start,
        "end": occ.end,
        "whole_month": occ.whole_month,
        "template": day.template,
        "origin": day.origin,
        "years": occ.years,
    }


@observances_app.command("list")
def list_command(
    year: Annotated[int | None, typer.Option(help="The year whose dates to show.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every observance (national and the library's own) with its date in the year."""
    from datetime import datetime

    from planner.config import get_settings
    from planner.db import migrate, session_scope
    from planner.observances.days import all_days

    migrate()
    shown = year or datetime.now(get_settings().tz).year
    with session_scope() as session:
        rows = [_row(d.occurrence(shown)) for d in all_days(session)]
    rows.sort(key=lambda r: r["start"])
    lines = [
        f"{r['start']:%d-%m}{'…' + format(r['end'], '%d-%m') if r['whole_month'] else '      '}  "
        f"{r['id']:<28} {r['name']}  ({r['origin']}, template {r['template']})"
        for r in rows
    ]
    emit({"year": shown, "observances": rows}, as_json, lines)


@observances_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The day's name in Indonesian.")],
    day: Annotated[str, typer.Option("--date", help='Day and month every year, "MM-DD".')],
    name_en: Annotated[str, typer.Option("--en", help="The name in English (optional).")] = "",
    since: Annotated[int | None, typer.Option(help="Founding year, for anniversaries.")] = None,
    template: Annotated[str, typer.Option(help="Template a draft starts from.")] = (
        "library-anniversary"
    ),
    message: Annotated[str, typer.Option(help="The draft's message (optional).")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Add one of the library's own days (its anniversary, a local reading day…)."""
    from planner.db import migrate, session_scope
    from planner.observances.days import add_library_day

    found = re.fullmatch(r"(\d{1,2})-(\d{1,2})", day.strip())
    if not found:
        raise UserError(f'{day!r} is not a date "MM-DD", e.g. "03-10"')
    migrate()
    actor = acting_user()
    with session_scope() as session:
        row = add_library_day(
            session,
            actor,
            name_id=name,
            name_en=name_en,
            month=int(found[1]),
            day=int(found[2]),
            since_year=since,
            template_id=template,
            message=message,
        )
        data = {"ok": True, "id": row.key, "month": row.month, "day": row.day}
    emit(data, as_json, [f"added {data['id']} ({row.day:02d}-{row.month:02d})"])


@observances_app.command("remove")
def remove_command(
    key: Annotated[str, typer.Argument(help="The id `list` shows.")], as_json: JsonOpt = False
) -> None:
    """Remove one of the library's own days (national days stay)."""
    from planner.db import migrate, session_scope
    from planner.observances.days import remove_library_day

    migrate()
    actor = acting_user()
    with session_scope() as session:
        remove_library_day(session, actor, key)
    emit({"ok": True, "id": key}, as_json, [f"removed {key}"])


@observances_app.command("nudges")
def nudges_command(as_json: JsonOpt = False) -> None:
    """Observances in the next two weeks with no post planned for them yet."""
    from planner.db import migrate, session_scope
    from planner.observances.nudges import nudges

    migrate()
    with session_scope() as session:
        found = [{**_row(n.occurrence), "days_left": n.days_left} for n in nudges(session)]
    lines = [f"{r['start']}  {r['id']:<28} in {r['days_left']} day(s)" for r in found]
    emit({"nudges": found}, as_json, lines or ["nothing to draft: every day coming up has a post"])


@observances_app.command("draft")
def draft_command(
    key: Annotated[str, typer.Argument(help="The observance id `list` shows.")],
    locale: Annotated[str, typer.Option("--lang", help="id or en.")] = "id",
    as_json: JsonOpt = False,
) -> None:
    """Draft the post for an observance's next date (a draft: it still needs review)."""
    from planner.db import migrate, session_scope
    from planner.observances.nudges import draft_for

    if locale not in ("id", "en"):
        raise UserError(f"--lang must be id or en, not {locale!r}")
    migrate()
    actor = acting_user()
    with session_scope() as session:
        post = draft_for(session, actor, key, locale=locale)
        data = {"ok": True, "post_id": post.id, "title": post.title, "observance": key}
    emit(data, as_json, [f"draft #{data['post_id']}: {data['title']}"])
