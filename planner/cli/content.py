"""Content commands: templates, validate, draft."""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.output import emit
from planner.config import get_settings

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
templates_app = typer.Typer(no_args_is_help=True, help="Content templates.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.add_typer(templates_app, name="templates")
    app.command("validate")(validate)
    app.command("draft")(draft)


@templates_app.command("list")
def templates_list(as_json: JsonOpt = False) -> None:
    """The templates that can be used, and problems with any that cannot."""
    from planner.templates import available_templates

    settings = get_settings()
    templates, problems = available_templates(settings.templates_dir)
    data = {
        "templates": [
            {"id": t.id, "kind": t.kind, "name": t.name, "source": t.source}
            for t in templates.values()
        ],
        "problems": [str(p) for p in problems],
    }
    lines = [f"{t.id:<28} {t.kind:<11} {t.title(settings.locale)}" for t in templates.values()]
    lines += [f"problem: {p}" for p in problems]
    emit(data, as_json, lines)


def validate(
    text: str,
    platform: Annotated[str, typer.Option("--platform", help="x, facebook or instagram")],
    images: Annotated[int, typer.Option("--images", help="How many images will be attached.")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Check TEXT against a platform's rules (weighted length, hashtags, images)."""
    from planner.validation import validate as check

    result = check(platform, text, image_count=images, alt_texts=["ok"] * images)
    locale = get_settings().locale
    data = result.as_dict(locale)
    lines = [f"{platform}: {result.length}/{result.limit} {'ok' if result.ok else 'NOT OK'}"]
    lines += [f"error: {e}" for e in data["errors"]] + [f"warning: {w}" for w in data["warnings"]]
    emit(data, as_json, lines)
    if not result.ok:
        raise typer.Exit(1)


def draft(
    template: Annotated[str, typer.Option("--template", help="Template id.")],
    event: Annotated[int | None, typer.Option("--event", help="Event id.")] = None,
    item: Annotated[int | None, typer.Option("--item", help="Collection item id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Make a draft for every platform from a template and an event or item."""
    from planner.db import session_scope
    from planner.drafting import make_draft

    settings = get_settings()
    with session_scope() as session:
        d = make_draft(session, template, event_id=event, item_id=item, locale=settings.locale)
    data = {
        "template": d.template_id,
        "title": d.title,
        "texts": d.texts,
        "alt_text": d.alt_text,
        "link": d.link,
        "media_asset_id": d.media_asset_id,
    }
    lines = [f"== {p} ==\n{text}\n" for p, text in d.texts.items()] + [f"alt text: {d.alt_text}"]
    emit(data, as_json, lines)
