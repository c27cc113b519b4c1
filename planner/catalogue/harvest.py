"""One harvest of one catalogue: read everything, then write it in one go, or nothing.

1. The source is leased (so two processes never harvest it at once) and the checks made.
2. Every page is read (`oai.fetch`), with no database transaction open; covers of records
   not seen before are downloaded. A server that fails here changes nothing but the
   source's "last harvest" line.
3. The records are written like a collection import (`importing.rows.run_rows`: same keys,
   one line per record, an invalid ISBN dropped with a warning), each beside the OAI
   identifier it came from; deleted records remove their item unless a post uses it.
4. Only then does the next harvest's `from=` move to this harvest's day.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import update
from sqlmodel import Session, col, select

from planner.catalogue.errors import CatalogueError
from planner.catalogue.oai import USER_AGENT, Fetched, OaiRecord, PatientSickle, fetch
from planner.catalogue.records import record_values
from planner.catalogue.sources import find_source, record_link
from planner.config import get_settings
from planner.db import session_scope
from planner.imaging.errors import ImagingError
from planner.importing.collection import row_to_item
from planner.importing.report import ImportFileError, ImportReport
from planner.importing.rows import RowRefused, Warned, run_rows
from planner.media import store_image
from planner.models import CatalogueRecord, CatalogueSource, CollectionItem, Post, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.sources import ItemIn, store_item

log = logging.getLogger(__name__)

LEASE = timedelta(hours=1)  # longer than any harvest; a crashed one frees the source after it
COVER_LIMIT = 50  # covers downloaded per harvest (the rest get theirs next time)
COVER_BYTES = 5 * 1024 * 1024
COVER_TIMEOUT_SECONDS = 15.0

ClientFactory = Callable[[CatalogueSource], PatientSickle]


def default_client(source: CatalogueSource) -> PatientSickle:
    """The OAI client for a source: timeouts, retries with backoff."""
    return PatientSickle(source.base_url)


@dataclass
class HarvestReport:
    """What one harvest read and did; `items` is the import report, one line per record."""

    source: str
    since: date | None
    status: str = "ok"  # ok | failed
    message: str = ""
    requests: int = 0
    restarts: int = 0
    records: int = 0
    deleted: int = 0  # items removed because the catalogue deleted their record
    kept: int = 0  # deleted in the catalogue, kept here because a post uses them
    new: int = 0  # records first seen in this (incremental) harvest
    covers: int = 0
    items: ImportReport | None = None
    draft_post_id: int | None = None
    draft_note: str = ""

    @property
    def counts(self) -> dict[str, int]:
        counts = dict(self.items.counts) if self.items else {}
        counts.update(
            records=self.records,
            deleted=self.deleted,
            kept=self.kept,
            new=self.new,
            covers=self.covers,
            warnings=len(self.items.warned) if self.items else 0,
        )
        return counts

    def as_dict(self, locale: str = "en") -> dict[str, Any]:
        """For --json and the settings page."""
        return {
            "source": self.source,
            "since": self.since.isoformat() if self.since else None,
            "status": self.status,
            "message": self.message,
            "requests": self.requests,
            "restarts": self.restarts,
            "counts": self.counts,
            "draft_post_id": self.draft_post_id,
            "draft_note": self.draft_note,
            "rows": self.items.as_dict(locale)["rows"] if self.items else [],
        }


@dataclass
class _Harvested:
    """A prepared record: the item to store and the OAI record it came from."""

    item: ItemIn
    record: OaiRecord
    cover: bytes | None = None

    @property
    def title(self) -> str:
        return self.item.title


@dataclass
class _Read:
    fetched: Fetched
    rows: list[tuple[int, Any]] = field(default_factory=list)
    covers: dict[str, bytes] = field(default_factory=dict)


def harvest_source(
    ref: str | int,
    *,
    actor: Actor,
    since: date | None = None,
    now: datetime | None = None,
    client_factory: ClientFactory | None = None,
    cover_getter: Callable[[str], bytes | None] | None = None,
    propose: bool = True,
) -> HarvestReport:
    """Harvest one source (by id or name) from `since`, else from its last good harvest.

    Raises CatalogueError when the harvest failed (nothing was written; the source's last
    result says why) or the source is already being harvested.
    """
    now = now or utcnow()
    with session_scope() as session:
        check(session, actor, Action.EDIT_SOURCES, ("catalogue", ref))
        source = find_source(session, ref)
        _lease(session, source, now)
        session.refresh(source)
        source_id, name = source.id, source.name
        since = since or (source.harvested_from.date() if source.harvested_from else None)
        incremental = source.harvested_from is not None
        known = set(
            session.exec(
                select(CatalogueRecord.identifier).where(CatalogueRecord.source_id == source_id)
            )
        )
        session.expunge(source)
    report = HarvestReport(source=name, since=since)
    try:
        read = _read(source, since, known, client_factory or default_client, cover_getter)
        report.requests, report.restarts = read.fetched.requests, read.fetched.restarts
        report.records = len(read.fetched.records)
        with session_scope() as session:
            _write(session, source_id, read, report, incremental=incremental, now=now)
            _finish(session, source_id, report, now, harvested=True)
            audit.record(
                session, actor, "catalogue.harvest", ("catalogue", source_id), **report.counts
            )
    except (CatalogueError, ImportFileError) as exc:
        report.status, report.message = "failed", exc.text("en")
        with session_scope() as session:
            _finish(session, source_id, report, now, harvested=False, reason=exc)
        if isinstance(exc, CatalogueError):
            raise
        raise CatalogueError("not_imported", reason=_worded(exc)) from exc
    except Exception as exc:  # the database or a bug: release the source, say what happened
        with session_scope() as session:
            report.status, report.message = "failed", str(exc).splitlines()[0][:300]
            _finish(session, source_id, report, now, harvested=False)
        raise
    if propose:
        from planner.catalogue.arrivals import propose_arrivals

        report.draft_post_id, report.draft_note = propose_arrivals(source_id, now=now)
    return report


def _worded(exc: CatalogueError | ImportFileError) -> dict[str, str]:
    return {"id": exc.text("id"), "en": exc.text("en")}


def _lease(session: Session, source: CatalogueSource, now: datetime) -> None:
    """Hold the source for this harvest, or CatalogueError('busy') when another holds it."""
    taken = session.execute(
        update(CatalogueSource)
        .where(CatalogueSource.id == source.id)
        .where(col(CatalogueSource.lease_until).is_(None) | (CatalogueSource.lease_until < now))
        .values(lease_until=now + LEASE)
    ).rowcount
    if not taken:
        raise CatalogueError("busy", name=source.name)
    session.commit()


def _read(
    source: CatalogueSource,
    since: date | None,
    known: set[str],
    client_factory: ClientFactory,
    cover_getter: Callable[[str], bytes | None] | None,
) -> _Read:
    """Every page of the harvest and the covers of records not seen before (no database)."""
    fetched = fetch(
        client_factory(source),
        prefix=source.metadata_prefix,
        set_spec=source.set_spec,
        since=since,
    )
    read = _Read(fetched)
    get_cover = cover_getter or download_cover
    for position, record in enumerate(fetched.records, start=1):
        if record.deleted:
            continue
        try:
            values, cover_url = record_values(source.metadata_prefix, record.metadata)
        except (ValueError, AttributeError) as exc:
            read.rows.append((position, (record, str(exc))))
            continue
        link = record_link(source, record.identifier)
        if link:
            values["opac_url"] = link
        if cover_url and record.identifier not in known and len(read.covers) < COVER_LIMIT:
            data = get_cover(cover_url)
            if data:
                read.covers[record.identifier] = data
        read.rows.append((position, (record, values)))
    return read


def download_cover(url: str) -> bytes | None:
    """A cover picture's bytes, or None (a missing cover never fails a harvest)."""
    try:
        with requests.get(
            url, timeout=COVER_TIMEOUT_SECONDS, stream=True, headers={"User-Agent": USER_AGENT}
        ) as response:
            if response.status_code != 200:
                return None
            if not response.headers.get("Content-Type", "").startswith("image/"):
                return None
            data = response.raw.read(COVER_BYTES + 1, decode_content=True)
    except requests.RequestException as exc:
        log.info("cover %s not fetched: %s", url, exc)
        return None
    return data if data and len(data) <= COVER_BYTES else None


def _prepare(raw: tuple[OaiRecord, Any], covers: dict[str, bytes]) -> Warned:
    record, values = raw
    if isinstance(values, str):
        raise RowRefused("unreadable_oai", detail=values)
    warned = row_to_item(values)
    warned.data = _Harvested(warned.data, record, covers.get(record.identifier))
    return warned


def _write(
    session: Session,
    source_id: int,
    read: _Read,
    report: HarvestReport,
    *,
    incremental: bool,
    now: datetime,
) -> None:
    """Store every record and deletion; the caller's commit ends it."""
    source = session.get(CatalogueSource, source_id)
    items = ImportReport(kind="collection", filename=source.name, file_format="oai")

    def save(s: Session, harvested: _Harvested) -> tuple[CollectionItem, str]:
        item, status = store_item(s, harvested.item)
        report.new += _remember(s, source_id, harvested.record, item.id, incremental, now)
        if harvested.cover is not None and item.cover_asset_id is None:
            report.covers += _attach_cover(s, item, harvested.cover)
        return item, status

    report.items = run_rows(
        session,
        items,
        read.rows,
        prepare=lambda raw: _prepare(raw, read.covers),
        key_of=lambda harvested: harvested.item.stable_key(),
        save=save,
        batch_rows=len(read.rows) + 1,
    )
    for record in read.fetched.records:
        if record.deleted:
            _forget(session, source_id, record, report, now)


def _attach_cover(session: Session, item: CollectionItem, data: bytes) -> int:
    """Store the catalogue's cover for `item`; 1 when stored, 0 when it was no picture."""
    try:
        asset = store_image(
            session,
            data,
            kind="cover",
            original_name=f"cover-{item.id}",
            alt_text=f"Sampul buku {item.title}" + (f" karya {item.author}" if item.author else ""),
        )
    except ImagingError as exc:  # not a picture after all: the item keeps a drawn cover
        log.info("cover of %s refused: %s", item.title, exc)
        return 0
    item.cover_asset_id = asset.id
    session.add(item)
    return 1


def _remember(
    session: Session,
    source_id: int,
    record: OaiRecord,
    item_id: int,
    incremental: bool,
    now: datetime,
) -> int:
    """Keep which item the record became; 1 when it is a new arrival (first seen now)."""
    row = session.exec(
        select(CatalogueRecord)
        .where(CatalogueRecord.source_id == source_id)
        .where(CatalogueRecord.identifier == record.identifier)
    ).first()
    first_seen = row is None
    if row is None:
        row = CatalogueRecord(
            source_id=source_id,
            identifier=record.identifier,
            first_seen_at=now,
            is_new=incremental,
        )
    row.item_id, row.datestamp, row.deleted = item_id, record.datestamp, False
    session.add(row)
    session.flush()
    return 1 if first_seen and incremental else 0


def _forget(
    session: Session, source_id: int, record: OaiRecord, report: HarvestReport, now: datetime
) -> None:
    """A deleted record: its item goes, unless a post is about it (then it stays, noted)."""
    row = session.exec(
        select(CatalogueRecord)
        .where(CatalogueRecord.source_id == source_id)
        .where(CatalogueRecord.identifier == record.identifier)
    ).first()
    if row is None:
        row = CatalogueRecord(source_id=source_id, identifier=record.identifier, first_seen_at=now)
    elif row.item_id is not None and not row.deleted:
        item = session.get(CollectionItem, row.item_id)
        used = session.exec(select(Post.id).where(Post.item_id == row.item_id)).first()
        if item is not None and used is None:
            session.execute(
                update(CatalogueRecord)
                .where(CatalogueRecord.item_id == item.id)
                .values(item_id=None, deleted=True)
            )
            session.delete(item)
            report.deleted += 1
            row.item_id = None
        elif item is not None:
            report.kept += 1
    row.deleted, row.datestamp = True, record.datestamp
    session.add(row)
    session.flush()


def _finish(
    session: Session,
    source_id: int,
    report: HarvestReport,
    now: datetime,
    *,
    harvested: bool,
    reason: CatalogueError | ImportFileError | None = None,
) -> None:
    """Record the result on the source and let it go; a good harvest moves `from=`."""
    source = session.get(CatalogueSource, source_id)
    source.last_run_at = utcnow()
    source.last_status = report.status
    # Kept in the library's language: the settings page and `catalogue list` show it.
    source.last_message = reason.text(get_settings().locale) if reason else report.message
    source.last_counts = report.counts
    source.lease_until = None
    if harvested:
        source.harvested_from = now
    session.add(source)
