"""Templates made in the app: saved in the database with every version kept, exportable to YAML.

File templates (content_templates/) stay read-only in the app: staff duplicate one to change
it, so the shipped set is always there to go back to. An app template is checked exactly like
a file one before anything is saved; a refused save leaves the previous version untouched.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.limits import PLATFORMS
from planner.models import TemplateRecord, TemplateVersion, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.templates.files import available_templates
from planner.templates.model import (
    EVENT_KINDS,
    LANGUAGES,
    ContentTemplate,
    TemplateProblem,
    check_references,
    parse_template,
    reference_problem,
)


class TemplateConflict(ValueError):
    """Someone else saved the template since it was opened; nothing was overwritten."""


@dataclass
class Catalog:
    """Every usable template (files and app-made) and the problems of those that are not."""

    templates: dict[str, ContentTemplate] = field(default_factory=dict)
    problems: list[TemplateProblem] = field(default_factory=list)

    def get(self, template_id: str) -> ContentTemplate:
        """The template called `template_id`, or a ValueError naming the known ones."""
        try:
            return self.templates[template_id]
        except KeyError as exc:
            raise ValueError(
                f"no template {template_id!r}; known: {', '.join(sorted(self.templates))}"
            ) from exc

    def of_kind(self, *kinds: str) -> dict[str, ContentTemplate]:
        """The templates of the given kinds, in id order."""
        return {k: v for k, v in sorted(self.templates.items()) if v.kind in kinds}


def _source(template_id: str) -> str:
    return f"app:{template_id}"


@lru_cache(maxsize=256)
def _parsed(template_id: str, data_json: str) -> ContentTemplate:
    """An app template checked once per content (pages ask for the catalog on every rerun)."""
    return parse_template(json.loads(data_json), _source(template_id), origin="app")


def catalog(session: Session, settings: Settings | None = None) -> Catalog:
    """File templates (re-read when a file changes) plus the latest version of app templates."""
    settings = settings or get_settings()
    files, problems = available_templates(settings.templates_dir)
    merged = dict(files)
    problems = list(problems)
    for record in session.exec(select(TemplateRecord).order_by(TemplateRecord.id)):
        if record.id in files:
            problems.append(
                TemplateProblem(
                    _source(record.id), f"hidden by the file template {files[record.id].source}"
                )
            )
            continue
        try:
            merged[record.id] = _parsed(record.id, json.dumps(record.data, sort_keys=True))
        except TemplateProblem as exc:  # e.g. a layout that no longer exists
            problems.append(exc)
    good, dangling = check_references(merged)
    return Catalog(good, problems + dangling)


def save_template(
    session: Session,
    data: dict[str, Any],
    *,
    actor: Actor,
    author: str = "",
    expected_version: int | None = None,
    settings: Settings | None = None,
) -> TemplateRecord:
    """Check `data` and save it as a new version; TemplateProblem and nothing saved if bad.

    `expected_version` is the version the editor started from (None for a new template): a
    different current version means someone else saved meanwhile, and TemplateConflict is
    raised instead of overwriting their work.
    """
    template_id = str(data.get("id", ""))
    check(session, actor, Action.EDIT_TEMPLATES, ("template", template_id))
    author = author or actor.name
    tpl = parse_template(data, _source(template_id), origin="app")
    settings = settings or get_settings()
    files, _ = available_templates(settings.templates_dir)
    current = catalog(session, settings)
    if tpl.id in files:
        raise TemplateProblem(
            _source(tpl.id), f"id {tpl.id!r} belongs to a file template; choose another id"
        )
    problem = reference_problem(tpl, {**current.templates, tpl.id: tpl})
    if problem is not None:
        raise problem
    clean = tpl.to_data()
    record = session.get(TemplateRecord, tpl.id)
    if record is None:
        if expected_version is not None:
            raise TemplateConflict(f"template {tpl.id!r} was deleted meanwhile")
        record = TemplateRecord(id=tpl.id, data=clean, version=1, updated_by=author)
        session.add(record)
    else:
        if expected_version != record.version:
            raise TemplateConflict(
                f"template {tpl.id!r} was saved by {record.updated_by or 'someone'} "
                f"(version {record.version}) since you opened it; reload to see their changes"
            )
        if record.data == clean:
            return record
        record.data = clean
        record.version += 1
        record.updated_at = utcnow()
        record.updated_by = author
    session.flush()
    session.add(
        TemplateVersion(template_id=tpl.id, version=record.version, data=clean, author=author)
    )
    audit.record(session, actor, "template.save", ("template", tpl.id), version=record.version)
    session.flush()
    return record


def duplicate_template(
    session: Session,
    template_id: str,
    new_id: str,
    *,
    actor: Actor,
    author: str = "",
    locale: str = "id",
    settings: Settings | None = None,
) -> TemplateRecord:
    """A new app template copied from any template, under `new_id`."""
    check(session, actor, Action.EDIT_TEMPLATES, ("template", new_id))
    source = catalog(session, settings).get(template_id)
    data = source.to_data()
    data["id"] = new_id
    suffix = {"id": " (salinan)", "en": " (copy)"}
    data["name"] = {lang: text + suffix.get(lang, "") for lang, text in data["name"].items()}
    if session.get(TemplateRecord, new_id) is not None:
        raise TemplateProblem(_source(new_id), f"id {new_id!r} is already used")
    return save_template(session, data, actor=actor, author=author, settings=settings)


def app_records(session: Session) -> dict[str, TemplateRecord]:
    """Every app template's stored record by id: its editable data and current version."""
    return {r.id: r for r in session.exec(select(TemplateRecord))}


def history(session: Session, template_id: str) -> list[TemplateVersion]:
    """Every saved version of an app template, newest first."""
    query = (
        select(TemplateVersion)
        .where(TemplateVersion.template_id == template_id)
        .order_by(col(TemplateVersion.version).desc())
    )
    return list(session.exec(query))


def restore_version(
    session: Session,
    template_id: str,
    version: int,
    *,
    actor: Actor,
    author: str = "",
    settings: Settings | None = None,
) -> TemplateRecord:
    """Save an old version again as the newest one (history is never rewritten)."""
    check(session, actor, Action.EDIT_TEMPLATES, ("template", template_id))
    old = session.exec(
        select(TemplateVersion).where(
            TemplateVersion.template_id == template_id, TemplateVersion.version == version
        )
    ).first()
    record = session.get(TemplateRecord, template_id)
    if old is None or record is None:
        raise ValueError(f"template {template_id!r} has no version {version}")
    return save_template(
        session,
        dict(old.data),
        actor=actor,
        author=author,
        expected_version=record.version,
        settings=settings,
    )


def delete_template(session: Session, template_id: str, *, actor: Actor) -> None:
    """Remove an app template and its history (posts keep their text; they only name the id)."""
    check(session, actor, Action.EDIT_TEMPLATES, ("template", template_id))
    record = session.get(TemplateRecord, template_id)
    if record is None:
        raise ValueError(f"no app template {template_id!r}")
    for version in history(session, template_id):
        session.delete(version)
    session.flush()
    session.delete(record)
    audit.record(session, actor, "template.delete", ("template", template_id))
    session.flush()


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as `|` blocks, so an exported template reads like a hand-written one."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def export_yaml(tpl: ContentTemplate) -> str:
    """The template as a YAML file that `content_templates/` would load unchanged."""
    data = tpl.to_data()
    for lang_texts in data["text"].values():
        for platform, body in lang_texts.items():
            # Trailing spaces would force a quoted style; they never matter in a post.
            lines = [line.rstrip() for line in body.splitlines()]
            lang_texts[platform] = "\n".join(lines).strip("\n") + "\n"
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def blank_template(kind: str, template_id: str = "") -> dict[str, Any]:
    """A minimal valid starting point for a new template of `kind`."""
    is_event = kind in EVENT_KINDS
    fields: list[dict[str, Any]] = [
        {"name": "title", "type": "text", "required": True, "example": "Judul"}
    ]
    body = "{{ title }}\n{{ hashtags }}\n"
    if is_event:
        fields += [
            {
                "name": "starts_at",
                "type": "datetime",
                "required": True,
                "example": "2026-12-05T09:00:00+07:00",
            },
            {"name": "place", "type": "text", "required": True, "example": "Perpustakaan"},
        ]
        body = "{{ title }}\n🗓️ {{ starts_at | datetime }}\n📍 {{ place }}\n{{ hashtags }}\n"
    return {
        "id": template_id,
        "kind": kind,
        "name": {"id": "", "en": ""},
        "description": {"id": "", "en": ""},
        "fields": fields,
        "hashtags": ["#PerpusKotaPekalongan"],
        "image": {"layout": "event_poster", "size": "square"},
        "text": {lang: dict.fromkeys(PLATFORMS, body) for lang in LANGUAGES},
    }


FIELD_COLUMNS = ("name", "type", "required", "example", "label_id", "label_en")
STEP_COLUMNS = ("name", "offset_days", "time", "template", "label_id", "label_en")


def _cell(value: Any) -> Any:
    """A grid cell without the NaN a data editor puts in empty cells."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def fields_to_rows(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Field definitions as flat table rows (examples of lists as JSON) for a grid editor."""
    rows = []
    for spec in fields:
        example = spec.get("example")
        rows.append(
            {
                "name": spec.get("name", ""),
                "type": spec.get("type", "text"),
                "required": bool(spec.get("required", True)),
                "example": example
                if isinstance(example, str)
                else json.dumps(example, ensure_ascii=False),
                "label_id": (spec.get("label") or {}).get("id", ""),
                "label_en": (spec.get("label") or {}).get("en", ""),
            }
        )
    return rows


def rows_to_fields(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Grid rows back to field definitions; a bad JSON example becomes a TemplateProblem."""
    fields = []
    for raw in rows:
        row = {k: _cell(v) for k, v in raw.items()}
        name = str(row.get("name") or "").strip()
        if not name:
            continue
        kind = row.get("type") or "text"
        example: Any = row.get("example")
        if kind in ("list", "items", "number") and isinstance(example, str):
            try:
                example = json.loads(example)
            except json.JSONDecodeError as exc:
                raise TemplateProblem(
                    "fields", f'example of {name!r} must be JSON, e.g. ["a", "b"]'
                ) from exc
        spec: dict[str, Any] = {
            "name": name,
            "type": kind,
            "required": bool(row.get("required")),
            "example": example,
        }
        label = {k: row[f"label_{k}"] for k in LANGUAGES if row.get(f"label_{k}")}
        if label:
            spec["label"] = label
        fields.append(spec)
    return fields


def steps_to_rows(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Campaign steps as flat table rows."""
    return [
        {
            "name": s.get("name", ""),
            "offset_days": int(s.get("offset_days", 0)),
            "time": s.get("time", "09:00"),
            "template": s.get("template") or "",
            "label_id": (s.get("label") or {}).get("id", ""),
            "label_en": (s.get("label") or {}).get("en", ""),
        }
        for s in steps
    ]


def rows_to_steps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table rows back to campaign steps (empty rows dropped)."""
    steps = []
    for raw in rows:
        row = {k: _cell(v) for k, v in raw.items()}
        name = str(row.get("name") or "").strip()
        if not name:
            continue
        try:
            offset = int(row.get("offset_days") or 0)
        except (TypeError, ValueError) as exc:
            raise TemplateProblem("campaign", f"step {name!r}: offset must be a number") from exc
        step: dict[str, Any] = {"name": name, "offset_days": offset, "time": str(row.get("time"))}
        if row.get("template"):
            step["template"] = str(row["template"])
        label = {k: row[f"label_{k}"] for k in LANGUAGES if row.get(f"label_{k}")}
        if label:
            step["label"] = label
        steps.append(step)
    return steps


def with_rows(
    data: dict[str, Any], field_rows: list[dict[str, Any]], step_rows: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """`data` with its fields, and campaign steps when given, read from the editor's grid rows.

    No step rows (or only empty ones) means the template has no campaign.
    """
    clean = dict(data)
    clean["fields"] = rows_to_fields(field_rows)
    steps = rows_to_steps(step_rows) if step_rows is not None else []
    if steps:
        clean["campaign"] = steps
    else:
        clean.pop("campaign", None)
    return clean
