"""`planner catalogue add|list|test|harvest`: the library catalogue over OAI-PMH.

`harvest NAME` harvests one source now (from its last good harvest, or `--since DATE`);
`harvest --due` harvests every source whose schedule says so, for cron when no worker runs.
Acts as the person named with `--as` / PLANNER_USER (admins, managers and promotion staff
may, as for the collection import).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError, fail
from planner.cli.output import JsonOpt, emit

catalogue_app = typer.Typer(no_args_is_help=True, help="Library catalogue (OAI-PMH) sources.")
SourceArg = Annotated[str, typer.Argument(help="Source name or id.")]


def register(app: typer.Typer) -> None:
    """Add the `catalogue` group to `app`."""
    app.add_typer(catalogue_app, name="catalogue")


def _ready() -> None:
    from planner.db import migrate

    migrate()


@catalogue_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A name for the catalogue, e.g. SLiMS Kota.")],
    url: Annotated[str, typer.Argument(help="OAI-PMH address, e.g. https://opac/oai.php.")],
    metadata_format: Annotated[
        str, typer.Option("--format", help="oai_dc (SLiMS), marc21 (INLISLite, Koha), marcxml.")
    ] = "oai_dc",
    set_spec: Annotated[str, typer.Option("--set", help="Harvest only this set.")] = "",
    record_url: Annotated[
        str,
        typer.Option("--record-url", help="OPAC page of one title, with {id} for its number."),
    ] = "",
    schedule: Annotated[str, typer.Option("--schedule", help="off, daily or weekly.")] = "weekly",
    as_json: JsonOpt = False,
) -> None:
    """Save a catalogue source (test it with `planner catalogue test NAME`)."""
    from planner.catalogue.sources import SourceIn, add_source, source_row
    from planner.db import session_scope

    _ready()
    data = SourceIn(
        name=name,
        base_url=url,
        metadata_prefix=metadata_format,
        set_spec=set_spec,
        record_url=record_url,
        schedule=schedule,
    )
    with session_scope() as session:
        row = source_row(add_source(session, data, actor=acting_user()))
    emit({"ok": True, "source": row}, as_json, [f"catalogue source #{row['id']} {row['name']}"])


@catalogue_app.command("list")
def list_command(as_json: JsonOpt = False) -> None:
    """Every catalogue source with its last harvest."""
    from planner.catalogue.sources import list_sources, source_row
    from planner.db import session_scope

    _ready()
    with session_scope() as session:
        rows = [source_row(s) for s in list_sources(session)]
    lines = [
        f"#{r['id']}  {r['name']}  {r['base_url']}  {r['metadata_prefix']}  {r['schedule']}  "
        f"last: {r['last_run_at'] or 'never'} {r['last_status']} {r['last_message']}".rstrip()
        for r in rows
    ]
    emit({"sources": rows}, as_json, lines or ["no catalogue sources"])


@catalogue_app.command("test")
def test(source: SourceArg, as_json: JsonOpt = False) -> None:
    """Ask the server who it is and which formats it offers (nothing is stored)."""
    from planner.catalogue.sources import probe_source

    _ready()
    result = probe_source(source, actor=acting_user())
    lines = [
        f"{result['repository']} (OAI-PMH {result['protocol']}); formats: "
        f"{', '.join(result['formats'])}; deleted records: {result['deleted_records'] or '-'}"
    ]
    emit({"ok": result["offers_format"], **result}, as_json, lines)
    if not result["offers_format"]:
        fail(f"the server does not offer {result['prefix']}; use one of {result['formats']}")


def _since(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"unreadable date {value!r}; write it like 2026-11-30") from None


@catalogue_app.command("harvest")
def harvest(
    source: Annotated[str | None, typer.Argument(help="Source name or id.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Records changed from this day (YYYY-MM-DD).")
    ] = None,
    due: Annotated[bool, typer.Option("--due", help="Every source whose schedule is due.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Harvest new and changed records now; proposes the weekly new-arrivals draft."""
    from planner.catalogue.harvest import harvest_source
    from planner.catalogue.schedule import harvest_due

    _ready()
    if due == (source is not None):
        raise UserError("name one source, or use --due for every source that is due")
    if due:
        done = harvest_due()
        rows = {
            str(k): v.as_dict() if not isinstance(v, str) else {"status": "failed", "message": v}
            for k, v in done.items()
        }
        emit({"harvested": rows}, as_json, [f"#{k}: {v['status']}" for k, v in rows.items()])
        if any(v["status"] == "failed" for v in rows.values()):
            fail(f"{sum(v['status'] == 'failed' for v in rows.values())} harvest(s) failed")
        return
    report = harvest_source(source, actor=acting_user(), since=_since(since))
    data = report.as_dict()
    counts = data["counts"]
    lines = [
        f"{r['row']:>6}  {r['status']:<9} {r['title'][:50]:<50} "
        + "; ".join(
            ([r["reason"]] if r["reason"] else []) + [f"warning: {w}" for w in r["warnings"]]
        )
        for r in data["rows"]
        if r["status"] != "unchanged" or r["warnings"]
    ]
    lines.append(
        f"{report.source}: {counts['records']} records, {counts.get('created', 0)} created, "
        f"{counts.get('updated', 0)} updated, {counts.get('unchanged', 0)} unchanged, "
        f"{counts.get('refused', 0)} refused, {counts['deleted']} removed, {counts['kept']} kept "
        f"(deleted in the catalogue, used by a post), {counts['warnings']} warning(s)"
    )
    if report.draft_post_id:
        lines.append(f"new-arrivals draft: post #{report.draft_post_id} ({report.draft_note})")
    emit(data, as_json, [line.rstrip() for line in lines])
