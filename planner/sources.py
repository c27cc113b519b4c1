"""Events and collection items: the things posts are about."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from planner.models import CollectionItem, Event


def list_events(session: Session, *, upcoming_from: datetime | None = None) -> list[Event]:
    """Events by start time; only those starting after `upcoming_from` when given."""
    query = select(Event).order_by(Event.starts_at)
    if upcoming_from is not None:
        query = query.where(Event.starts_at >= upcoming_from)
    return list(session.exec(query))


def list_items(session: Session) -> list[CollectionItem]:
    """Collection items, newest first."""
    return list(session.exec(select(CollectionItem).order_by(CollectionItem.id.desc())))


def event_context(event: Event, tz: ZoneInfo) -> dict[str, Any]:
    """The fields a template may use for an event (times in the library's zone)."""
    return {
        "title": event.title,
        "description": event.description,
        "category": event.category,
        "starts_at": event.starts_at.astimezone(tz),
        "ends_at": event.ends_at.astimezone(tz) if event.ends_at else None,
        "place": event.place,
        "speaker": event.speaker,
        "audience": event.audience,
        "registration_url": event.registration_url,
    }


def item_context(item: CollectionItem) -> dict[str, Any]:
    """The fields a template may use for a collection item."""
    return {
        "title": item.title,
        "subtitle": item.subtitle,
        "author": item.author,
        "publisher": item.publisher,
        "year": item.year,
        "isbn": item.isbn or "",
        "call_number": item.call_number,
        "subjects": ", ".join(item.subjects),
        "summary": item.summary,
        "opac_url": item.opac_url,
    }
