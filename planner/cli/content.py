"""Content commands: templates, validate, draft, campaign."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError, fail
from planner.cli.output import JsonOpt, emit
from planner.config import get_settings

templates_app = typer.Typer(no_args_is_help=True, help="Content templates.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.add_typer(templates_app, name="templates")
    app.command("validate")(validate)
    app.command("draft")(draft)
    app.command("campaign")(campaign)


@templates_app.command("list")
def templates_list(as_json: JsonOpt = False) -> None:
    """The templates that can be used (files and app-made), and problems with any that cannot."""
    from planner.db import migrate, session_scope
    from planner.templates.store import catalog

    settings = get_settings()
    migrate()  # app templates live in the database; a fresh install has none yet
    with session_scope() as session:
        found = catalog(session, settings)
    templates = sorted(found.templates.values(), key=lambda t: (t.kind, t.id))
    data = {
        "templates": [
            {
                "id": t.id,
                "kind": t.kind,
                "name": t.name,
                "origin": t.origin,
                "source": t.source,
                "campaign": [s.name for s in t.campaign],
                "image": {"layout": t.image["layout"], "size": t.image["size"]},
            }
            for t in templates
        ],
        "problems": [str(p) for p in found.problems],
    }
    lines = [f"{t.id:<28} {t.kind:<11} {t.origin:<5} {t.title(settings.locale)}" for t in templates]
    lines += [f"problem: {p}" for p in found.problems]
    emit(data, as_json, lines)


@templates_app.command("check")
def templates_check(
    files: Annotated[list[Path], typer.Argument(help="YAML template files to check.")],
    as_json: JsonOpt = False,
) -> None:
    """Check template files without installing them (exit 1 when any is refused)."""
    from planner.templates.files import load_file
    from planner.templates.model import TemplateProblem

    results = []
    for path in files:
        if not path.is_file():
            raise UserError(f"no such file: {path}")
        try:
            tpl = load_file(path)
            results.append({"file": str(path), "ok": True, "id": tpl.id, "problem": None})
        except TemplateProblem as exc:
            results.append({"file": str(path), "ok": False, "id": None, "problem": str(exc)})
    bad = [r for r in results if not r["ok"]]
    emit(
        {"ok": not bad, "files": results},
        as_json,
        [
            f"ok: {r['file']} ({r['id']})" if r["ok"] else f"refused: {r['problem']}"
            for r in results
        ],
    )
    if bad:
        fail(f"{len(bad)} of {len(results)} template file(s) refused (first: {bad[0]['problem']})")


@templates_app.command("export")
def templates_export(
    template_id: Annotated[str, typer.Argument(help="Template id.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")] = None,
) -> None:
    """Print (or write) a template as a YAML file for content_templates/."""
    from planner.db import migrate, session_scope
    from planner.templates.store import catalog, export_yaml

    migrate()
    with session_scope() as session:
        tpl = catalog(session).get(template_id)
    text = export_yaml(tpl)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")


def validate(
    text: str,
    platform: Annotated[
        str, typer.Option("--platform", help="x, facebook, instagram, threads or bluesky")
    ],
    images: Annotated[int, typer.Option("--images", help="How many images will be attached.")] = 0,
    alt: Annotated[
        list[str] | None, typer.Option("--alt", help="Alt text of an image (once per image).")
    ] = None,
    event: Annotated[
        int | None,
        typer.Option("--event", help="Warn when this event's date/time/place is missing."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check TEXT against a platform's rules: prints weighted length, limit, ok and problems."""
    from planner.validation import EventFacts
    from planner.validation import validate as check

    settings = get_settings()
    facts = None
    if event is not None:
        from planner.db import session_scope
        from planner.sources import get_event

        with session_scope() as session:
            row = get_event(session, event)
            facts = EventFacts(starts_at=row.starts_at, place=row.place, tz=settings.tz)
    # Without --alt the images are assumed described, so only the text is judged.
    alt_texts = list(alt) if alt else ["(described)"] * images
    result = check(platform, text, image_count=images, alt_texts=alt_texts, event=facts)
    data = result.as_dict(settings.locale)
    lines = [f"{platform}: {result.length}/{result.limit} {'ok' if result.ok else 'NOT OK'}"]
    lines += [f"error: {e}" for e in data["errors"]] + [f"warning: {w}" for w in data["warnings"]]
    emit(data, as_json, lines)
    if not result.ok:
        fail(f"the text does not pass the {platform} rules: {data['errors'][0]}")


def _values(pairs: list[str] | None) -> dict[str, str]:
    values = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--set needs NAME=VALUE, got {pair!r}")
        values[name.strip()] = value
    return values


def draft(
    template: Annotated[str, typer.Option("--template", help="Template id.")],
    event: Annotated[int | None, typer.Option("--event", help="Event id.")] = None,
    item: Annotated[
        list[int] | None, typer.Option("--item", help="Collection item id (repeat for a list).")
    ] = None,
    values: Annotated[
        list[str] | None, typer.Option("--set", help="A field value, NAME=VALUE (repeatable).")
    ] = None,
    hashtags: Annotated[
        str | None, typer.Option("--hashtags", help="Replace the template's hashtags.")
    ] = None,
    link: Annotated[str | None, typer.Option("--link", help="Replace the source's link.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Make a draft for every platform from a template and an event, items or --set values."""
    from planner.db import session_scope
    from planner.drafting import check_draft, event_facts, make_draft

    settings = get_settings()
    tags = hashtags.split() if hashtags is not None else None
    actor = acting_user()
    with session_scope() as session:
        d = make_draft(
            session,
            template,
            actor=actor,
            event_id=event,
            item_ids=list(item or []),
            values=_values(values),
            hashtags=tags,
            link=link,
            locale=settings.locale,
        )
        checks = check_draft(d, facts=event_facts(session, d, settings))
    data = d.as_dict() | {"validation": {p: r.as_dict(settings.locale) for p, r in checks.items()}}
    lines = []
    for platform, text in d.texts.items():
        result = checks[platform]
        lines.append(f"== {platform} ({result.length}/{result.limit}) ==\n{text}")
        lines += [f"error: {p.text(settings.locale)}" for p in result.errors]
        lines += [f"warning: {p.text(settings.locale)}" for p in result.warnings]
        lines.append("")
    lines.append(f"alt text: {d.alt_text}")
    emit(data, as_json, lines)


def campaign(
    template: Annotated[str, typer.Option("--template", help="Template id with campaign steps.")],
    event: Annotated[int, typer.Option("--event", help="Event id.")],
    account: Annotated[
        list[int] | None,
        typer.Option("--account", help="Account id to post to (repeatable; default: all active)."),
    ] = None,
    schedule: Annotated[
        bool, typer.Option("--schedule", help="Schedule the posts (default: only show the plan).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Plan (and with --schedule, create) one post per campaign step of an event."""
    from planner.accounts import active_accounts
    from planner.campaigns import plan_campaign, schedule_campaign
    from planner.db import session_scope
    from planner.i18n import format_datetime

    settings = get_settings()
    actor = acting_user()
    with session_scope() as session:
        plan = plan_campaign(session, template, event, actor=actor, locale=settings.locale)
        account_ids = list(account or [])
        if not account_ids:
            account_ids = [a.id for a in active_accounts(session)]
        post_ids: list[int] = []
        campaign_id = None
        if schedule:
            created, posts = schedule_campaign(
                session, plan, actor=actor, account_ids=account_ids, locale=settings.locale
            )
            campaign_id, post_ids = created.id, [p.id for p in posts]
    steps = [
        {
            "step": s.step.name,
            "template": s.template_id,
            "due_at": s.due_at,
            "skipped": s.skipped,
            "texts": s.draft.texts if s.draft else {},
        }
        for s in plan.steps
    ]
    lines = [
        f"{s.step.title(settings.locale):<14} "
        f"{format_datetime(s.due_at, settings.tz, settings.locale)}"
        f"{'  (skipped: already past)' if s.skipped else ''}"
        for s in plan.steps
    ]
    if schedule:
        lines.append(f"campaign #{campaign_id}: scheduled posts {', '.join(map(str, post_ids))}")
    else:
        lines.append("plan only; add --schedule to create the posts")
    emit(
        {
            "event": event,
            "template": plan.template_id,
            "campaign_id": campaign_id,
            "post_ids": post_ids,
            "steps": steps,
        },
        as_json,
        lines,
    )
