"""The catalogues to harvest: address, metadata format, set, OPAC link pattern and schedule."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, field_validator
from sqlmodel import Session, col, select

from planner.catalogue.errors import CatalogueError
from planner.models import CatalogueSource
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

# The formats the three catalogues offer; marc21 (INLISLite, Koha) and marcxml (Koha) are
# the same MARCXML records under two prefixes.
FORMATS = ("oai_dc", "marc21", "marcxml")
SCHEDULES: dict[str, timedelta | None] = {
    "off": None,
    "daily": timedelta(days=1),
    "weekly": timedelta(days=7),
}


class SourceIn(BaseModel):
    """A catalogue source as a person types it."""

    name: str
    base_url: str
    metadata_prefix: str = "oai_dc"
    set_spec: str = ""
    record_url: str = ""
    schedule: str = "weekly"

    @field_validator("name", "set_spec")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())

    @field_validator("base_url", "record_url")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()


def _checked(data: SourceIn) -> SourceIn:
    """The source, or CatalogueError naming the first thing wrong with it."""
    if not data.name:
        raise CatalogueError("no_name")
    if not _is_web_address(data.base_url):
        raise CatalogueError("bad_url", value=data.base_url)
    if data.metadata_prefix not in FORMATS:
        raise CatalogueError("bad_format", value=data.metadata_prefix, formats=", ".join(FORMATS))
    if data.schedule not in SCHEDULES:
        raise CatalogueError("bad_schedule", value=data.schedule, schedules=", ".join(SCHEDULES))
    if data.record_url and (
        not _is_web_address(data.record_url.replace("{id}", "1")) or "{id}" not in data.record_url
    ):
        raise CatalogueError("bad_record_url", value=data.record_url)
    return data


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def add_source(session: Session, data: SourceIn, *, actor: Actor) -> CatalogueSource:
    """Save a new catalogue source (refused: a bad address, format, schedule or a taken name)."""
    check(session, actor, Action.EDIT_SOURCES, ("catalogue", data.name))
    data = _checked(data)
    if session.exec(select(CatalogueSource).where(CatalogueSource.name == data.name)).first():
        raise CatalogueError("name_taken", name=data.name)
    source = CatalogueSource(**data.model_dump(), created_by_id=actor.id)
    session.add(source)
    session.flush()
    audit.record(session, actor, "catalogue.add", ("catalogue", source.id), url=source.base_url)
    return source


def list_sources(session: Session) -> list[CatalogueSource]:
    """Every catalogue source, by name."""
    return list(session.exec(select(CatalogueSource).order_by(col(CatalogueSource.name))))


def find_source(session: Session, ref: str | int) -> CatalogueSource:
    """A source by id or name, or CatalogueError saying there is none."""
    source = None
    if isinstance(ref, int) or str(ref).isdigit():
        source = session.get(CatalogueSource, int(ref))
    if source is None:
        query = select(CatalogueSource).where(CatalogueSource.name == str(ref).strip())
        source = session.exec(query).first()
    if source is None:
        raise CatalogueError("no_source", ref=ref)
    return source


def record_link(source: CatalogueSource, identifier: str) -> str:
    """The OPAC page of a record: the source's pattern with the record's own number."""
    if not source.record_url:
        return ""
    local = re.search(r"[^:/]+$", identifier.strip())
    return source.record_url.replace("{id}", local.group(0) if local else identifier)


def opac_home(source: CatalogueSource) -> str:
    """The catalogue's front page (for a list post's 'see the catalogue' link)."""
    parts = urlsplit(source.record_url or source.base_url)
    return f"{parts.scheme}://{parts.netloc}/"


def source_row(source: CatalogueSource) -> dict[str, Any]:
    """A source as plain data (CLI --json, the settings table)."""
    return {
        "id": source.id,
        "name": source.name,
        "base_url": source.base_url,
        "metadata_prefix": source.metadata_prefix,
        "set": source.set_spec,
        "record_url": source.record_url,
        "schedule": source.schedule,
        "harvested_from": source.harvested_from.date().isoformat()
        if source.harvested_from
        else None,
        "last_run_at": source.last_run_at.isoformat() if source.last_run_at else None,
        "last_status": source.last_status,
        "last_message": source.last_message,
        "last_counts": source.last_counts,
    }


def probe_source(ref: str | int, *, actor: Actor, client_factory: Any = None) -> dict[str, Any]:
    """Ask the source's server who it is and which formats it offers (nothing is stored)."""
    from planner.catalogue.oai import PatientSickle, identify
    from planner.db import session_scope

    with session_scope() as session:
        check(session, actor, Action.EDIT_SOURCES, ("catalogue", ref))
        source = find_source(session, ref)
        session.refresh(source)
        session.expunge(source)
    client = (client_factory or (lambda s: PatientSickle(s.base_url)))(source)
    return {
        "source": source.name,
        "prefix": source.metadata_prefix,
        **identify(client, source.metadata_prefix),
    }
