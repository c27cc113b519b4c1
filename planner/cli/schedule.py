"""Scheduling commands: queue, cancel, reschedule, resend, drop, worker, slots, series,
and `import posts` on the shared `planner import` group."""

from __future__ import annotations

import os
import signal
import socket
import threading
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user, reading_user
from planner.cli.errors import UserError, fail
from planner.cli.imports import import_app
from planner.cli.output import JsonOpt, emit
from planner.config import get_settings

slots_app = typer.Typer(no_args_is_help=True, help="Posting slots per account ('add to queue').")
series_app = typer.Typer(no_args_is_help=True, help="Recurring posts.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    for name, command in (
        ("queue", queue),
        ("cancel", cancel),
        ("reschedule", reschedule),
        ("resend", resend),
        ("drop", drop),
        ("worker", worker),
        ("status", status),
    ):
        app.command(name)(command)
    app.add_typer(slots_app, name="slots")
    app.add_typer(series_app, name="series")
    import_app.command("posts")(import_posts)  # the group itself is added in cli/__init__


def _parse_when(day: str, at: str) -> datetime:
    from planner.scheduling import local_to_utc
    from planner.slots import parse_time

    try:
        parsed_day = date.fromisoformat(day)
    except ValueError as exc:
        raise UserError(f"not a date: {day!r} (use YYYY-MM-DD)") from exc
    return local_to_utc(parsed_day, time.fromisoformat(parse_time(at)), get_settings().tz)


def queue(
    limit: Annotated[int, typer.Option(help="How many to show.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """What is due next (and what needs attention), soonest first."""
    from planner.calendar import upcoming
    from planner.db import read_scope
    from planner.i18n import format_datetime

    settings = get_settings()
    viewer = reading_user()
    with read_scope() as session:
        items = [
            {
                "post_id": post.id,
                "target_id": target.id,
                "platform": target.platform,
                "account": account.name,
                "status": target.status,
                "due_at": target.due_at,
                "title": post.title,
                "error": target.last_error,
            }
            for target, post, account in upcoming(session, limit, viewer=viewer)
        ]
    lines = [
        f"#{i['post_id']} {format_datetime(i['due_at'], settings.tz, 'en')} "
        f"{i['platform']:<9} {i['status']:<15} {i['title']}"
        for i in items
    ] or ["queue is empty"]
    emit({"items": items}, as_json, lines)


def cancel(post_id: int, as_json: JsonOpt = False) -> None:
    """Cancel a post: none of its targets will go out (one already being sent cannot stop)."""
    from planner.db import session_scope
    from planner.scheduling import cancel_post

    with session_scope() as session:
        result = cancel_post(session, post_id, actor=acting_user(), by="cli")
    data = {
        "ok": True,
        "post_id": post_id,
        "cancelled_targets": len(result.changed),
        "too_late": result.too_late,
    }
    lines = [f"post {post_id} cancelled ({len(result.changed)} target(s))"]
    if result.too_late:
        lines.append(f"already sent or being sent: target(s) {result.too_late}")
    emit(data, as_json, lines)


def reschedule(
    post_id: int,
    day: Annotated[str, typer.Option("--date", help="Local date, YYYY-MM-DD.")],
    at: Annotated[str, typer.Option("--time", help="Local time, HH:MM.")],
    publish_now: Annotated[
        bool, typer.Option("--publish-now", help="If the time has passed, send now.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Move a post's unsent targets to a new local date and time."""
    from planner.db import session_scope
    from planner.scheduling import PastTimeError, reschedule_post

    due = _parse_when(day, at)
    actor = acting_user()
    try:
        with session_scope() as session:
            result = reschedule_post(session, post_id, due, actor=actor, publish_now=publish_now)
    except PastTimeError as exc:
        raise UserError(f"{exc} (add --publish-now)") from exc
    emit(
        {"ok": True, "post_id": post_id, "targets": result.changed, "too_late": result.too_late},
        as_json,
        [f"post {post_id} rescheduled ({len(result.changed)} target(s))"],
    )


def resend(target_id: int, as_json: JsonOpt = False) -> None:
    """Send a target that needs attention or failed again (the platform is asked first)."""
    from planner.db import session_scope
    from planner.publishing.attention import resend_target

    with session_scope() as session:
        resend_target(session, target_id, actor=acting_user())
    emit({"ok": True, "target_id": target_id}, as_json, [f"target {target_id} queued again"])


def drop(target_id: int, as_json: JsonOpt = False) -> None:
    """Do not send a target that needs attention or failed."""
    from planner.db import session_scope
    from planner.publishing.attention import drop_target

    with session_scope() as session:
        drop_target(session, target_id, actor=acting_user(), by="cli")
    emit({"ok": True, "target_id": target_id}, as_json, [f"target {target_id} dropped"])


def _default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def _stop_with_parent(parent: int, stop: threading.Event) -> None:
    """The app started this worker (planner/publishing/embedded.py) and normally stops it; if
    the app is killed outright this process is adopted by another, and then stops by itself."""

    def watch() -> None:
        while not stop.wait(1):
            if os.getppid() != parent:
                stop.set()

    if os.getppid() != parent:
        stop.set()
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def worker(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron).")] = False,
    worker_id: Annotated[
        str | None, typer.Option("--id", help="A name for this worker in logs.")
    ] = None,
    log_json: Annotated[
        bool, typer.Option("--log-json", help="Log lines on stderr as JSON objects.")
    ] = False,
    stop_with: Annotated[
        int | None,
        typer.Option(
            "--stop-with",
            hidden=True,
            help="Stop when the process with this id (the app that started it) is gone.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Publish what is due; runs until SIGTERM/SIGINT unless --once.

    Logs one line on stderr per pass that did something. On SIGTERM sends already under way
    finish and are recorded, claimed posts not yet started are released for other workers,
    and the process exits with status 0.
    """
    from planner.collecting import collect_due
    from planner.db import check_connection
    from planner.publishing.heartbeat import Heartbeat
    from planner.publishing.passlog import PassLog
    from planner.publishing.worker import Worker, serve

    check_connection()
    w = Worker(worker_id or _default_worker_id())
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if stop_with is not None:
        _stop_with_parent(stop_with, stop)
    if once:
        with Heartbeat(w.ctx):  # a long pass keeps its leases too
            result = w.run_once(stop)
        collected = collect_due(settings=w.settings, now=w.clock())
        data = {
            **result.as_dict(),
            "metrics_snapshots": collected.snapshots,
            "audience_figures": collected.audience,
            "worker": w.worker_id,
        }
        emit(
            data,
            as_json,
            [
                f"{w.worker_id}: claimed {result.claimed}, published {result.published}, "
                f"retrying {result.retrying}, failed {result.failed}, "
                f"needs attention {result.needs_attention}, missed {result.missed}"
            ],
        )
        return
    log = PassLog(w.worker_id, json_lines=log_json)
    settings = w.settings
    serve(
        w,
        stop,
        on_pass=log.pass_done,
        on_start=lambda: log.started(
            poll_every=settings.worker_poll_seconds,
            lease=settings.lease_seconds,
            heartbeat_every=settings.heartbeat_interval,
        ),
    )
    log.stopped()


def status(as_json: JsonOpt = False) -> None:
    """Workers seen recently, queue depth by status, and the oldest overdue post."""
    from planner.db import read_scope
    from planner.i18n import format_datetime
    from planner.models import utcnow
    from planner.publishing.status import status_report

    settings = get_settings()
    with read_scope() as session:
        report = status_report(session, utcnow(), settings.lease_seconds)
    lines = [f"workers ({len(report['workers'])} seen in the last hour):"]
    lines += [
        f"  {w['id']:<24} {w['state']:<8} {w['host']}:{w['pid']} "
        f"seen {w['seen_seconds_ago']:g} s ago, {w['in_flight']} in flight"
        for w in report["workers"]
    ] or ["  none"]
    queue_line = ", ".join(f"{k} {v}" for k, v in report["queue"].items())
    lines.append(f"queue: {queue_line or 'empty'}")
    late = report["oldest_overdue"]
    lines.append(
        "oldest overdue: none"
        if late is None
        else f"oldest overdue: post #{late['post_id']} on {late['platform']} "
        f"({late['account']}), due {format_datetime(late['due_at'], settings.tz, 'en')}, "
        f"{late['overdue_seconds']:g} s late"
    )
    emit(report, as_json, lines)


@slots_app.command("set")
def slots_set(
    account_id: int,
    spec: Annotated[str, typer.Argument(help="e.g. 'Mon-Sat 09:00,16:00; Sun 10:00'")],
    as_json: JsonOpt = False,
) -> None:
    """Replace an account's posting slots (local times in the library's zone)."""
    from planner.db import session_scope
    from planner.slots import describe, parse_slots, set_slots

    slots = parse_slots(spec)
    actor = acting_user()
    with session_scope() as session:
        set_slots(session, account_id, slots, actor=actor)
    emit(
        {"ok": True, "account_id": account_id, "slots": slots},
        as_json,
        [f"account {account_id}: {describe(slots)}"],
    )


@slots_app.command("list")
def slots_list(as_json: JsonOpt = False) -> None:
    """Every account's posting slots and its next free one."""
    from planner.accounts import all_accounts
    from planner.db import session_scope
    from planner.slots import SlotError, describe, next_free_slot, slots_of

    items = []
    with session_scope() as session:
        for account in all_accounts(session):
            slots = slots_of(session, account.id)
            try:
                free = next_free_slot(session, account.id, after=datetime.now().astimezone())
            except SlotError:
                free = None
            items.append(
                {"account_id": account.id, "account": account.name, "slots": slots, "next": free}
            )
    lines = [
        f"{i['account_id']:>3} {i['account']:<24} {describe(i['slots']) or '-'}" for i in items
    ]
    emit({"accounts": items}, as_json, lines)


@series_app.command("add")
def series_add(
    name: Annotated[str, typer.Option("--name")],
    text: Annotated[str, typer.Option("--text", help="The text for every platform.")],
    accounts: Annotated[str, typer.Option("--accounts", help="Account ids, e.g. 1,2")],
    first: Annotated[str, typer.Option("--first", help="First occurrence, YYYY-MM-DD HH:MM.")],
    weekdays: Annotated[
        str, typer.Option("--weekdays", help="e.g. 'fri' or 'mon,thu' (default: first's day)")
    ] = "",
    every: Annotated[int, typer.Option("--every", help="Every N weeks.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """A weekly series anchored to its first occurrence (local time stays across DST)."""
    from planner.db import session_scope
    from planner.recurrence import SeriesContent, SeriesRule, create_series
    from planner.slots import parse_day

    day, _, at = first.partition(" ")
    first_at = _parse_when(day, at or "09:00")
    days = [parse_day(d) for d in weekdays.split(",") if d.strip()]
    try:
        ids = [int(a) for a in accounts.split(",") if a.strip()]
    except ValueError as exc:
        raise UserError("--accounts takes account ids, e.g. 1,2") from exc
    actor = acting_user()
    with session_scope() as session:
        series = create_series(
            session,
            actor=actor,
            name=name,
            first_at=first_at,
            rule=SeriesRule(freq="weekly", interval=every, weekdays=days),
            content=SeriesContent.same_everywhere(name, text),
            account_ids=ids,
        )
        series_id = series.id
    emit({"ok": True, "series_id": series_id}, as_json, [f"series {series_id} created"])


@series_app.command("list")
def series_list(as_json: JsonOpt = False) -> None:
    """Recurring series and their next occurrences."""
    from planner.db import session_scope
    from planner.models import utcnow
    from planner.recurrence import list_series, next_occurrences

    now = utcnow()
    with session_scope() as session:
        items = [
            {
                "series_id": s.id,
                "name": s.name,
                "active": s.active,
                "timezone": s.timezone,
                "next": next_occurrences(s, now, 3),
            }
            for s in list_series(session)
        ]
    lines = [f"{i['series_id']:>3} {i['name']:<30} {'on' if i['active'] else 'off'}" for i in items]
    emit({"series": items}, as_json, lines or ["no series"])


@series_app.command("stop")
def series_stop(series_id: int, as_json: JsonOpt = False) -> None:
    """End a series and cancel its posts that have not gone out."""
    from planner.db import session_scope
    from planner.recurrence import stop_series

    with session_scope() as session:
        cancelled = stop_series(session, series_id, actor=acting_user())
    emit(
        {"ok": True, "series_id": series_id, "cancelled_posts": cancelled},
        as_json,
        [f"series {series_id} stopped; {cancelled} post(s) cancelled"],
    )


def import_posts(
    file: Annotated[Path, typer.Argument(help="CSV file, one row per post.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row, schedule nothing.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Bulk scheduling from a spreadsheet; exit status 1 when any row was refused."""
    from planner.importing.kinds import import_file
    from planner.importing.posts import RowError

    if not file.is_file():
        raise UserError(f"no such file: {file}")
    actor = acting_user()
    try:
        report = import_file(
            "posts", file.read_bytes(), file.name, actor=actor, folder=file.parent, dry_run=dry_run
        )
    except RowError as exc:
        raise UserError(str(exc)) from exc
    data = report.as_dict()
    lines = [
        f"row {r.row}: {r.status}"
        + (f" → post #{r.post_id}" if r.post_id else "")
        + (f": {'; '.join(r.errors)}" if r.errors else "")
        for r in report.rows
    ]
    lines.append(
        f"{data['scheduled']} scheduled, {data['exists']} already imported, "
        f"{data['refused']} refused" + (f", {data['ok']} ok (dry run)" if dry_run else "")
    )
    emit(data, as_json, lines)
    if data["refused"]:
        fail(f"{data['refused']} row(s) refused; nothing written for them")
