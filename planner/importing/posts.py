"""Bulk scheduling from a spreadsheet (CSV): one row per post, a report per row.

Columns (header names are case-insensitive; `;`, `,` or tab separated, in any encoding
the events import reads — UTF-8 with or without BOM, Windows-1252 — as Excel and LibreOffice
save them; planner/importing/tabular.py decodes and finds the separator for both):

    date, time        local date (YYYY-MM-DD or DD/MM/YYYY) and time (HH:MM or HH.MM) in
                      the library's zone; date "next slot" (or "slot") takes each
                      account's next free posting slot
    accounts          account ids, names or handles separated by ";" or "|"
    template + event | item   draft from a template for an event or item (id or key)
    text              a ready text for every platform; text_x, text_facebook, text_instagram
                      override it per platform
    image             an image file (relative to the CSV's folder, or uploaded alongside)
    layout [, size]   or render a branded image with `title` [and `subtitle`]
    title, subtitle, alt_text, link    optional

Every row is checked exactly as a post typed in the app (planner.scheduling.check_post).
A refused row is rolled back whole: no post, no image file left behind. Each accepted row
carries an import key (a hash of its content), so importing the same file again schedules
nothing twice; a time in the past is refused (bulk never publishes "now" by surprise).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import event, or_
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.imaging.errors import ImagingError
from planner.imaging.files import inside
from planner.importing.dates import WeekdayMismatch, parse_date
from planner.importing.rows import check_row_count
from planner.importing.tabular import checked_rows, csv_problem, decode, sniff_delimiter
from planner.limits import PLATFORMS
from planner.media import asset_path, store_image, thumbnail_path
from planner.models import Account, CollectionItem, Event, MediaAsset, Post, utcnow
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.scheduling import PostCreate, SchedulingError, local_to_utc, schedule_post
from planner.slots import next_free_slot, parse_time

NEXT_SLOT = {"next slot", "slot", "next", "slot berikutnya", "antrean", "queue"}
KNOWN = {
    "date",
    "time",
    "accounts",
    "template",
    "event",
    "item",
    "text",
    "image",
    "layout",
    "size",
    "title",
    "subtitle",
    "alt_text",
    "link",
} | {f"text_{p}" for p in PLATFORMS}


class RowError(ValueError):
    """One problem with one row, said plainly."""


@dataclass
class PostRow:
    row: int  # line number in the file (the header is line 1)
    status: str  # scheduled | exists | refused | ok (dry run)
    post_id: int | None = None
    due: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class PostImportReport:
    rows: list[PostRow] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scheduled": self.count("scheduled"),
            "exists": self.count("exists"),
            "refused": self.count("refused"),
            "ok": self.count("ok"),
            "rows": [r.__dict__ for r in self.rows],
        }


def read_rows(data: str | bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file (bytes as saved, or text) with lower-cased headers, by line."""
    text = (decode(data)[0] if isinstance(data, bytes) else data).lstrip("\ufeff")
    if not text.strip():
        raise RowError("the file is empty")
    reader = csv.DictReader(io.StringIO(text), delimiter=sniff_delimiter(text.splitlines()[0]))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise csv_problem(exc, 1) from exc
    fields = [f.strip().lower() for f in header]
    unknown = [f for f in fields if f and f not in KNOWN]
    if unknown:
        raise RowError(
            f"unknown column(s): {', '.join(unknown)}; known: {', '.join(sorted(KNOWN))}"
        )
    if "accounts" not in fields:
        raise RowError("the file needs an 'accounts' column")
    reader.fieldnames = fields
    rows = []
    for raw in checked_rows(reader):
        clean = {k: (v or "").strip() for k, v in raw.items() if k}
        if any(clean.values()):
            rows.append((reader.line_num, clean))
    return rows


def row_key(row: dict[str, str]) -> str:
    """The import key of a row: the same content gives the same key, whatever its line."""
    canonical = json.dumps({k: v for k, v in sorted(row.items()) if v}, ensure_ascii=False)
    return "csv:" + hashlib.sha256(canonical.encode()).hexdigest()


def _parse_date(value: str) -> date:
    """A date as the events import reads it (ISO, day first, or 'Sabtu, 5 Desember 2026')."""
    try:
        return parse_date(value)
    except WeekdayMismatch as exc:
        raise RowError(str(exc) + "; correct the day or the date") from None
    except ValueError:
        raise RowError(
            f"not a date: {value!r} (use YYYY-MM-DD or DD/MM/YYYY, or 'next slot')"
        ) from None


def _accounts(session: Session, value: str) -> list[int]:
    names = [n.strip() for n in value.replace("|", ";").split(";") if n.strip()]
    if not names:
        raise RowError("no accounts given")
    ids = []
    for name in names:
        query = select(Account).where(
            or_(
                Account.name == name,
                Account.handle == name,
                Account.handle == f"@{name.lstrip('@')}",
                col(Account.id) == (int(name) if name.isdigit() else -1),
            )
        )
        found = session.exec(query).all()
        if len(found) != 1:
            raise RowError(f"no single account named {name!r}")
        ids.append(found[0].id)
    return ids


def _source_id(session: Session, model: type, value: str) -> int:
    row = session.get(model, int(value)) if value.isdigit() else None
    row = row or session.exec(select(model).where(model.key == value)).first()
    if row is None:
        raise RowError(f"no {model.__tablename__.replace('_', ' ')} {value!r}")
    return row.id


def _content(
    session: Session,
    row: dict[str, str],
    folder: Path | None,
    images: dict[str, bytes],
    settings: Settings,
    actor: Actor,
) -> dict[str, Any]:
    """Texts, image, alt text, link and title of a row (drafting from a template if named)."""
    from planner.drafting import make_draft

    out: dict[str, Any] = {"title": row.get("title", ""), "texts": {}, "media_asset_id": None}
    if row.get("template"):
        event, item = row.get("event"), row.get("item")
        if bool(event) == bool(item):
            raise RowError("a template row needs exactly one of 'event' or 'item'")
        draft = make_draft(
            session,
            row["template"],
            actor=actor,
            event_id=_source_id(session, Event, event) if event else None,
            item_id=_source_id(session, CollectionItem, item) if item else None,
            locale=settings.locale,
            settings=settings,
        )
        out.update(
            title=out["title"] or draft.title,
            texts=dict(draft.texts),
            media_asset_id=draft.media_asset_id,
            alt_text=draft.alt_text,
            link=draft.link,
            template_id=draft.template_id,
            event_id=draft.event_id,
            item_id=draft.item_id,
        )
    if row.get("text"):
        out["texts"] = {p: row["text"] for p in PLATFORMS}
    for p in PLATFORMS:
        if row.get(f"text_{p}"):
            out["texts"][p] = row[f"text_{p}"]
    if not out["texts"]:
        raise RowError("give a 'text' (or text_x/text_facebook/text_instagram) or a 'template'")
    if row.get("image"):
        out["media_asset_id"] = _image(session, row["image"], folder, images, actor).id
    elif row.get("layout"):
        from planner.imaging.layouts import LayoutInput
        from planner.imaging.render import render_jpeg

        if not out["title"]:
            raise RowError("a 'layout' needs a 'title' to put on the image")
        data = render_jpeg(
            row["layout"],
            row.get("size") or "square",
            LayoutInput(title=out["title"], subtitle=row.get("subtitle", "")),
        )
        out["media_asset_id"] = store_image(
            session, data, kind="render", uploaded_by_id=actor.id
        ).id
    for name in ("alt_text", "link"):
        if row.get(name):
            out[name] = row[name]
    return out


def _image(
    session: Session, name: str, folder: Path | None, images: dict[str, bytes], actor: Actor
) -> MediaAsset:
    """The row's image: one uploaded with the CSV (app) or a file in the CSV's folder (CLI).

    Never any other file on the server: a name with folders that leave the CSV's, an
    absolute path or a symlink out of it is refused with the same sentence whether or not
    the file exists, so the import cannot be used to probe the server's disk.
    """
    if name.strip() in (".", ".."):
        raise ImagingError("bad_name", name=name)
    if folder is None:
        base = Path(name).name
        if base not in images or base in (".", ".."):
            raise ImagingError("not_uploaded", name=name)
        data = images[base]
    elif Path(name).name in images:
        data = images[Path(name).name]
    else:
        data = inside(folder, name).read_bytes()
    return store_image(session, data, original_name=Path(name).name, uploaded_by_id=actor.id)


def _times(
    session: Session, row: dict[str, str], account_ids: list[int], now: datetime, settings: Settings
) -> dict[int, datetime]:
    when = row.get("date", "").lower()
    if when in NEXT_SLOT or row.get("time", "").lower() in NEXT_SLOT:
        return {a: next_free_slot(session, a, after=now, tz=settings.tz) for a in account_ids}
    if not when or not row.get("time"):
        raise RowError("give a 'date' and a 'time', or 'next slot'")
    due = local_to_utc(_parse_date(when), time.fromisoformat(parse_time(row["time"])), settings.tz)
    if due < now:
        raise RowError("that time has already passed")
    return dict.fromkeys(account_ids, due)


def import_posts(
    data: str | bytes,
    *,
    actor: Actor,
    folder: Path | None = None,
    images: dict[str, bytes] | None = None,
    author: str = "",
    now: datetime | None = None,
    dry_run: bool = False,
    settings: Settings | None = None,
) -> PostImportReport:
    """Schedule one post per row, each row in its own transaction; a report per row.

    Importing is checked once; each row is then scheduled as `actor`, so a row naming an
    account the actor may not use is refused like any other bad row.
    """
    with session_scope() as session:
        check(session, actor, Action.IMPORT_POSTS, ("import", "posts"))
    settings = settings or get_settings()
    now = now or utcnow()
    report = PostImportReport()
    rows = read_rows(data)
    check_row_count(len(rows))  # each row is its own short transaction: no lock is held long
    for line, row in rows:
        key = row_key(row)
        entry = PostRow(row=line, status="refused")
        report.rows.append(entry)
        created_files: list[tuple[Path, Path]] = []
        try:
            with session_scope() as session:
                _track_new_images(session, created_files)
                existing = session.exec(select(Post.id).where(Post.import_key == key)).first()
                if existing is not None:
                    entry.status, entry.post_id = "exists", existing
                    continue
                account_ids = _accounts(session, row["accounts"])
                dues = _times(session, row, account_ids, now, settings)
                content = _content(session, row, folder, images or {}, settings, actor)
                post = schedule_post(
                    session,
                    actor=actor,
                    data=PostCreate(
                        account_ids=account_ids,
                        due_by_account=dues,
                        author=author,
                        import_key=key,
                        **content,
                    ),
                    now=now,
                )
                entry.post_id = post.id
                entry.due = sorted({d.isoformat() for d in dues.values()})
                entry.status = "ok" if dry_run else "scheduled"
                if dry_run:
                    raise _DryRun
        except _DryRun:
            entry.post_id = None
            _forget(created_files)
        except ImagingError as exc:
            entry.status = "refused"
            entry.errors = [exc.text(settings.locale)]
            _forget(created_files)
        except (RowError, SchedulingError, ValueError, OSError) as exc:
            entry.status = "refused"
            entry.errors = [str(exc)]
            _forget(created_files)
    return report


class _DryRun(Exception):
    """Roll a checked row back (dry run)."""


def _track_new_images(session: Session, paths: list[tuple[Path, Path]]) -> None:
    """Collect the files (image, thumbnail) stored in this session, to remove them on refusal."""

    @event.listens_for(session, "pending_to_persistent")
    def _stored(_session: Session, obj: object) -> None:
        if isinstance(obj, MediaAsset):
            paths.append((asset_path(obj), thumbnail_path(obj)))


def _forget(paths: list[tuple[Path, Path]]) -> None:
    """Remove image files a rolled-back row wrote, unless an asset row still uses them."""
    if not paths:
        return
    names = [str(image.relative_to(get_settings().uploads_dir)) for image, _ in paths]
    with session_scope() as session:
        kept = set(
            session.exec(select(MediaAsset.filename).where(col(MediaAsset.filename).in_(names)))
        )
    for (image, thumb), name in zip(paths, names, strict=True):
        if name not in kept:
            image.unlink(missing_ok=True)
            thumb.unlink(missing_ok=True)
