"""Events and collection items: the things posts are about, entered by hand or imported.

Every write goes through EventIn / ItemIn, so a form, a CSV row and a MARC record are held
to the same rules; each record has a stable key (given, the ISBN, or derived from title and
date) so entering or importing the same thing twice updates it instead of duplicating it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Session, col, select
from stdnum import isbn as isbn_numbers

from planner.imaging.covers import placeholder_cover
from planner.media import store_image
from planner.models import CollectionItem, Event, MediaAsset, Post, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

# Every refusal by code, in English (CLI, logs); the app says each in the page language
# (planner.i18n 'sources.error.<code>'), with the same values.
REFUSALS = {
    "no_event": "no event with id {id}",
    "no_item": "no collection item with id {id}",
    "isbn_invalid": "ISBN “{isbn}” is not valid (check digit or length)",
    "isbn_taken": "ISBN {isbn} already belongs to “{title}”",
    "event_has_posts": "“{title}” has posts; cancel or keep it instead",
    "item_has_posts": "“{title}” has posts; it cannot be removed",
    "title_empty": "the title is empty",
    "ends_before_start": "the event ends before it starts",
    "not_a_link": "“{value}” is not a web address (it must start with http:// or https://)",
    "needs_zone": "a time needs its zone (WIB)",
}


class SourceError(ValueError):
    """An event or item that cannot be saved or removed; `code` names the reason."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(REFUSALS[code].format(**values))


def _refused(code: str, **values: Any) -> PydanticCustomError:
    """A validation error whose type is the refusal code, so a form can word it."""
    return PydanticCustomError(code, REFUSALS[code], {k: str(v) for k, v in values.items()})


def slug(text: str, length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens (for stable keys)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:length]


def normalize_isbn(raw: str | None) -> str | None:
    """An ISBN-10 or ISBN-13 as a bare ISBN-13, None when blank; SourceError when invalid."""
    if raw is None or not str(raw).strip():
        return None
    text = str(raw).strip()
    match = re.search(r"[0-9][0-9\- ]{8,16}[0-9Xx]", text)
    candidate = match.group(0) if match else text
    try:
        return isbn_numbers.to_isbn13(isbn_numbers.validate(candidate))
    except Exception as exc:  # stdnum raises several ValidationError subclasses
        raise SourceError("isbn_invalid", isbn=text) from exc


def _url(value: str) -> str:
    value = (value or "").strip()
    if value and not re.match(r"^https?://[^\s/$.?#].[^\s]*$", value, re.IGNORECASE):
        raise _refused("not_a_link", value=value)
    return value


class EventIn(BaseModel):
    """An event as a person or an import supplies it."""

    title: str = Field(min_length=1, max_length=300)
    starts_at: datetime
    ends_at: datetime | None = None
    place: str = ""
    description: str = ""
    category: str = ""
    speaker: str = ""
    audience: str = ""
    registration_url: str = ""
    key: str = ""

    @field_validator("title", "place", "speaker", "audience", "category", "key")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())

    @field_validator("registration_url")
    @classmethod
    def _link(cls, value: str) -> str:
        return _url(value)

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise _refused("needs_zone")
        return value

    @model_validator(mode="after")
    def _order(self) -> EventIn:
        if not self.title.strip():
            raise _refused("title_empty")
        if self.ends_at is not None and self.ends_at <= self.starts_at:
            raise _refused("ends_before_start")
        return self

    def stable_key(self, tz: ZoneInfo) -> str:
        """The given key, or title and local start day: the same event keeps the same key."""
        if self.key:
            return self.key[:120]
        return f"{slug(self.title, 100)}-{self.starts_at.astimezone(tz):%Y%m%d}"


class ItemIn(BaseModel):
    """A collection item as a person or an import supplies it."""

    title: str = Field(min_length=1, max_length=500)
    subtitle: str = ""
    author: str = ""
    publisher: str = ""
    year: str = ""
    isbn: str | None = None
    call_number: str = ""
    subjects: list[str] = Field(default_factory=list)
    summary: str = ""
    opac_url: str = ""
    key: str = ""

    @field_validator("title", "subtitle", "author", "publisher", "year", "call_number", "key")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())

    @field_validator("isbn")
    @classmethod
    def _isbn(cls, value: str | None) -> str | None:
        try:
            return normalize_isbn(value)
        except SourceError as exc:
            raise _refused(exc.code, **exc.values) from exc

    @field_validator("opac_url")
    @classmethod
    def _link(cls, value: str) -> str:
        return _url(value)

    @field_validator("subjects")
    @classmethod
    def _subjects(cls, value: list[str]) -> list[str]:
        seen: list[str] = []
        for subject in (" ".join(s.split()) for s in value):
            if subject and subject not in seen:
                seen.append(subject)
        return seen

    def stable_key(self) -> str:
        """The given key, else the ISBN, else title, author and year."""
        if self.key:
            return self.key[:120]
        if self.isbn:
            return f"isbn-{self.isbn}"
        return slug(f"{self.title} {self.author} {self.year}", 120)


EVENT_FIELDS = tuple(f for f in EventIn.model_fields if f != "key")
ITEM_FIELDS = tuple(f for f in ItemIn.model_fields if f != "key")


def find_event(session: Session, key: str) -> Event | None:
    """The event with this stable key."""
    return session.exec(select(Event).where(Event.key == key)).first()


def find_item(session: Session, data: ItemIn) -> CollectionItem | None:
    """The stored item this one is: same ISBN, else same stable key."""
    if data.isbn:
        found = session.exec(select(CollectionItem).where(CollectionItem.isbn == data.isbn)).first()
        if found is not None:
            return found
    return session.exec(
        select(CollectionItem).where(CollectionItem.key == data.stable_key())
    ).first()


def _apply(row: Any, data: BaseModel, names: tuple[str, ...]) -> bool:
    changed = False
    for name in names:
        value = getattr(data, name)
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def get_event(session: Session, event_id: int) -> Event:
    """The event with this id, or a SourceError saying there is none."""
    event = session.get(Event, event_id)
    if event is None:
        raise SourceError("no_event", id=event_id)
    return event


def get_item(session: Session, item_id: int) -> CollectionItem:
    """The collection item with this id, or a SourceError saying there is none."""
    item = session.get(CollectionItem, item_id)
    if item is None:
        raise SourceError("no_item", id=item_id)
    return item


def event_photo(session: Session, event: Event) -> MediaAsset | None:
    """The photo uploaded for the event, if any."""
    return session.get(MediaAsset, event.image_asset_id) if event.image_asset_id else None


def stored_cover(session: Session, item: CollectionItem) -> MediaAsset | None:
    """The item's stored cover picture, if any (none is drawn: see `ensure_cover`)."""
    return session.get(MediaAsset, item.cover_asset_id) if item.cover_asset_id else None


def save_event(
    session: Session, data: EventIn, tz: ZoneInfo, *, actor: Actor, event_id: int | None = None
) -> tuple[Event, str]:
    """Create or update an event; returns it and 'created', 'updated' or 'unchanged'."""
    check(session, actor, Action.EDIT_SOURCES, ("event", event_id))
    event, outcome = store_event(session, data, tz, event_id=event_id)
    if outcome != "unchanged":
        audit.record(session, actor, f"event.{outcome}", ("event", event.id), title=event.title)
    return event, outcome


def store_event(
    session: Session, data: EventIn, tz: ZoneInfo, *, event_id: int | None = None
) -> tuple[Event, str]:
    """`save_event` without the check, for an import that checked once for all its rows."""
    if event_id is not None:
        event = get_event(session, event_id)
    else:
        event = find_event(session, data.stable_key(tz))
    if event is None:
        event = Event(key=data.stable_key(tz), **data.model_dump(exclude={"key"}))
        session.add(event)
        session.flush()
        return event, "created"
    if not _apply(event, data, EVENT_FIELDS):
        return event, "unchanged"
    event.updated_at = utcnow()
    session.flush()
    return event, "updated"


def save_item(
    session: Session, data: ItemIn, *, actor: Actor, item_id: int | None = None
) -> tuple[CollectionItem, str]:
    """Create or update a collection item; returns it and 'created', 'updated' or 'unchanged'."""
    check(session, actor, Action.EDIT_SOURCES, ("item", item_id))
    item, outcome = store_item(session, data, item_id=item_id)
    if outcome != "unchanged":
        audit.record(session, actor, f"item.{outcome}", ("item", item.id), title=item.title)
    return item, outcome


def store_item(
    session: Session, data: ItemIn, *, item_id: int | None = None
) -> tuple[CollectionItem, str]:
    """`save_item` without the check, for an import that checked once for all its rows."""
    if item_id is not None:
        item = get_item(session, item_id)
        if data.isbn:
            other = find_item(session, data)
            if other is not None and other.id != item.id:
                raise SourceError("isbn_taken", isbn=data.isbn, title=other.title)
    else:
        item = find_item(session, data)
    if item is None:
        item = CollectionItem(key=data.stable_key(), **data.model_dump(exclude={"key"}))
        session.add(item)
        session.flush()
        return item, "created"
    if not _apply(item, data, ITEM_FIELDS):
        return item, "unchanged"
    session.flush()
    return item, "updated"


def delete_event(session: Session, event_id: int, *, actor: Actor) -> None:
    """Remove an event that no post refers to."""
    check(session, actor, Action.EDIT_SOURCES, ("event", event_id))
    event = get_event(session, event_id)
    if session.exec(select(Post.id).where(Post.event_id == event_id)).first() is not None:
        raise SourceError("event_has_posts", title=event.title)
    session.delete(event)
    audit.record(session, actor, "event.delete", ("event", event_id), title=event.title)
    session.flush()


def delete_item(session: Session, item_id: int, *, actor: Actor) -> None:
    """Remove a collection item that no post refers to."""
    check(session, actor, Action.EDIT_SOURCES, ("item", item_id))
    item = get_item(session, item_id)
    if session.exec(select(Post.id).where(Post.item_id == item_id)).first() is not None:
        raise SourceError("item_has_posts", title=item.title)
    session.delete(item)
    audit.record(session, actor, "item.delete", ("item", item_id), title=item.title)
    session.flush()


def set_cover(
    session: Session, item: CollectionItem, data: bytes, *, actor: Actor, filename: str = ""
) -> MediaAsset:
    """Store an uploaded cover photo for `item` (MediaError for a file that is not an image)."""
    check(session, actor, Action.EDIT_SOURCES, ("item", item.id))
    asset = store_image(
        session,
        data,
        kind="cover",
        original_name=filename,
        alt_text=f"Sampul buku {item.title}" + (f" karya {item.author}" if item.author else ""),
        uploaded_by_id=actor.id,
    )
    item.cover_asset_id = asset.id
    audit.record(session, actor, "item.cover", ("item", item.id), media_asset_id=asset.id)
    session.flush()
    return asset


def set_event_photo(
    session: Session, event: Event, data: bytes, *, actor: Actor, filename: str = ""
) -> MediaAsset:
    """Store a photo of the event (for recaps and posters); MediaError when not an image."""
    check(session, actor, Action.EDIT_SOURCES, ("event", event.id))
    asset = store_image(
        session,
        data,
        kind="upload",
        original_name=filename,
        alt_text=f"Foto {event.title}",
        uploaded_by_id=actor.id,
    )
    event.image_asset_id = asset.id
    event.updated_at = utcnow()
    audit.record(session, actor, "event.photo", ("event", event.id), media_asset_id=asset.id)
    session.flush()
    return asset


def ensure_cover(session: Session, item: CollectionItem) -> MediaAsset:
    """The item's cover, drawing one from title and author when it has none."""
    if item.cover_asset_id is not None:
        existing = session.get(MediaAsset, item.cover_asset_id)
        if existing is not None:
            return existing
    asset = store_image(
        session,
        placeholder_cover(item.title, item.author),
        kind="cover",
        original_name=f"{slug(item.title) or 'cover'}.jpg",
        alt_text=f"Sampul buku {item.title}" + (f" karya {item.author}" if item.author else ""),
    )
    item.cover_asset_id = asset.id
    session.flush()
    return asset


def list_events(
    session: Session, *, upcoming_from: datetime | None = None, until: datetime | None = None
) -> list[Event]:
    """Events by start time; only those starting in [upcoming_from, until] when given."""
    query = select(Event).order_by(Event.starts_at)
    if upcoming_from is not None:
        query = query.where(Event.starts_at >= upcoming_from)
    if until is not None:
        query = query.where(Event.starts_at <= until)
    return list(session.exec(query))


def list_items(
    session: Session, *, search: str = "", limit: int | None = None
) -> list[CollectionItem]:
    """Collection items, newest first; `search` matches title, author or ISBN."""
    query = select(CollectionItem).order_by(col(CollectionItem.id).desc())
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(
            col(CollectionItem.title).ilike(like)
            | col(CollectionItem.author).ilike(like)
            | col(CollectionItem.isbn).ilike(like)
        )
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


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
        "link": event.registration_url,
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
        "link": item.opac_url,
    }
