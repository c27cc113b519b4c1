"""Layout inputs from the library's own records: events and collection items as images.

Drafts, the studio's batch and the brand preview all fill the layout slots the same way:
the event's date as a badge, its category as the kicker, an item's cover and related books.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from planner.i18n import format_date, format_time, t
from planner.imaging.batch import RenderJob
from planner.imaging.brand import Brand
from planner.imaging.layouts import Cover, LayoutInput
from planner.media import asset_path
from planner.models import CollectionItem, Event, MediaAsset, utcnow
from planner.sources import get_item, list_events, list_items


def _asset_file(session: Session | None, asset_id: int | None) -> Path | None:
    if session is None or asset_id is None:
        return None
    asset = session.get(MediaAsset, asset_id)
    if asset is None:
        return None
    path = asset_path(asset)
    return path if path.is_file() else None


def event_input(
    session: Session | None, event: Event, tz: ZoneInfo, locale: str, brand: Brand | None = None
) -> LayoutInput:
    """Every slot an event layout can show: title, date badge, time, place, speaker, photo."""
    local = event.starts_at.astimezone(tz)
    category = t(f"imaging.category.{event.category}", locale) if event.category else ""
    return LayoutInput(
        title=event.title,
        kicker="" if category.startswith("imaging.") else category,
        date=format_date(event.starts_at, tz, locale),
        time=format_time(event.starts_at, tz, locale),
        place=event.place,
        speaker=event.speaker,
        audience=event.audience,
        day=str(local.day),
        month=t("imaging.months", locale).split()[local.month - 1],
        image=_asset_file(session, event.image_asset_id),
        locale=locale,
        brand=brand,
    )


def item_cover(session: Session, item: CollectionItem) -> Cover:
    """The item as one book of a book list (its stored cover, or a drawn one)."""
    return Cover(item.title, item.author, _asset_file(session, item.cover_asset_id))


def covers_of(session: Session, item_ids: Sequence[int]) -> list[Cover]:
    """The chosen items as the books of a book list, in the order chosen."""
    return [item_cover(session, get_item(session, i)) for i in item_ids]


def related_covers(session: Session, item: CollectionItem, limit: int = 3) -> list[Cover]:
    """Books by the same author or on the same subject, for a book-list image."""
    subjects = set(item.subjects or [])
    others = session.exec(
        select(CollectionItem).where(CollectionItem.id != item.id).order_by(CollectionItem.id)
    ).all()
    related = [o for o in others if o.author == item.author or subjects & set(o.subjects or [])]
    return [item_cover(session, o) for o in related[:limit]]


def item_input(
    session: Session, item: CollectionItem, locale: str, brand: Brand | None = None
) -> LayoutInput:
    """Every slot a book layout can show: cover, author, call number, summary, related books."""
    own = item_cover(session, item)
    published = ", ".join(x for x in (item.publisher, item.year) if x)
    return LayoutInput(
        title=item.title,
        subtitle=item.author,
        author=item.author,
        call_number=item.call_number,
        details=[published] if published else [],
        image=own.image,
        covers=[own, *related_covers(session, item)],
        quote=item.summary,
        attribution=f"{item.title}, {item.author}" if item.author else item.title,
        locale=locale,
        brand=brand,
    )


def upcoming_events(session: Session, days: int = 31) -> list[Event]:
    """Events starting from now within `days` (a month of posts)."""
    now = utcnow()
    return list_events(session, upcoming_from=now, until=now + timedelta(days=days))


def batch_inputs(
    session: Session, source: str, tz: ZoneInfo, locale: str
) -> list[tuple[str, LayoutInput]]:
    """The studio's batch: the month's events ('events') or the 30 newest items, by file name."""
    if source == "events":
        return [
            (f"acara-{e.id}", event_input(session, e, tz, locale)) for e in upcoming_events(session)
        ]
    items = list_items(session, limit=30)
    return [(f"koleksi-{i.id}", item_input(session, i, locale)) for i in items]


def jobs_for(
    inputs: Sequence[tuple[str, LayoutInput]],
    layout: str,
    sizes: Sequence[str],
    brand: Brand,
    fmt: str = "jpeg",
) -> list[RenderJob]:
    """One job per (record, size): named '<slug>-<size>.jpg' for a download folder."""
    jobs = []
    for slug, data in inputs:
        for size in sizes:
            ext = "png" if fmt == "png" else "jpg"
            jobs.append(RenderJob(layout, size, data, brand, fmt, None, f"{slug}-{size}.{ext}"))
    return jobs
