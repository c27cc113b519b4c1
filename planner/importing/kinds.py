"""Which importer reads which kind of file: the one entry point the app and the CLI share."""

from __future__ import annotations

from pathlib import Path

from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.importing.collection import import_collection
from planner.importing.events import import_events
from planner.importing.posts import PostImportReport, import_posts
from planner.importing.report import ImportReport
from planner.people.actors import Actor

KINDS = ("events", "collection", "posts")


def import_file(
    kind: str,
    data: bytes,
    filename: str,
    *,
    actor: Actor,
    folder: Path | None = None,
    images: dict[str, bytes] | None = None,
    author: str = "",
    dry_run: bool = False,
    settings: Settings | None = None,
) -> ImportReport | PostImportReport:
    """Import `data` (a file's bytes) as `kind`; the importer's report.

    Events and collection items are matched to what is stored, so a file imported again
    adds nothing; posts (bulk scheduling) read images from `folder` (CLI) or the `images`
    uploaded with the file (app), and `dry_run` checks every row without scheduling.
    Raises ImportFileError (events, collection) or RowError (posts) when the file as a whole
    cannot be read; a refused row is reported, never raised.
    """
    settings = settings or get_settings()
    if kind == "posts":
        return import_posts(
            data,
            actor=actor,
            folder=folder,
            images=images,
            author=author,
            dry_run=dry_run,
            settings=settings,
        )
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(KINDS)}")
    with session_scope() as session:
        if kind == "events":
            return import_events(session, data, filename, settings.tz, actor=actor)
        return import_collection(session, data, filename, actor=actor)
