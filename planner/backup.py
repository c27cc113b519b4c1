"""Backups: the database, the media library and a manifest in one tar.gz, and restoring one.

The database is copied consistently while the app runs: SQLite through its online backup
API (never a file copy, which could catch a half-written page or miss the WAL), PostgreSQL
with `pg_dump` (postgres_tools.py). The media library holds every upload, render, cover and
the brand kit's logo; the brand kit's settings are rows of the database. The manifest names
the planner version, the migration the database was at, and the SHA-256 of every file, so a
restore checks the archive before it touches anything.

The secret key is deliberately not included: a backup that carries its own key protects
nothing, so it must be kept apart (docs/security.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import func, inspect
from sqlalchemy.engine import make_url
from sqlmodel import col, select

from planner import __version__, postgres_tools
from planner.config import Settings, get_settings, make_private_dir
from planner.db import current_revision, dispose_engines, get_engine, migrate, session_scope
from planner.models import Account, MediaAsset, Post, User
from planner.people import audit
from planner.people.actors import SYSTEM, Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.postgres_tools import BackupError
from planner.secrets import SecretsUnreadable, key_file, secret_box

FORMAT = 1
MANIFEST = "manifest.json"
__all__ = ["BackupError", "create_backup", "in_use", "restore_backup"]


@dataclass(frozen=True)
class BackupReport:
    """What a backup holds, and the reminder that the key is not in it."""

    path: Path
    database: str
    revision: str
    media_files: int
    size_bytes: int
    key_reminder: str


@dataclass(frozen=True)
class RestoreReport:
    """What was restored, and whether migrations brought an older backup up to date."""

    database: str
    backup_revision: str
    revision: str
    media_files: int
    planner_version: str
    replaced: dict[str, int] = field(default_factory=dict)
    key_problem: str | None = None  # the key here cannot read the restored tokens


def key_reminder(settings: Settings) -> str:
    """The sentence every backup ends with: where the key is, and that it is not included."""
    where = "PLANNER_SECRET_KEY" if settings.secret_key else f"the key file {key_file(settings)}"
    return (
        f"the secret key ({where}) is NOT in the backup: keep it separately, because without "
        "it the stored platform tokens and second factors cannot be read"
    )


def _kind(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(settings: Settings) -> list[Path]:
    """The media library's files; thumbnails are left out, as they are made again on use."""
    root = settings.uploads_dir
    if not root.exists():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != "thumbs" and not p.name.endswith(".tmp")
    )


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file (WAL included) through the backup API."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def create_backup(out: Path, *, actor: Actor, settings: Settings | None = None) -> BackupReport:
    """Write database, media and manifest to `out` (a new .tar.gz, readable by its owner)."""
    settings = settings or get_settings()
    url = settings.db_url
    with session_scope(url) as session:
        check(session, actor, Action.EDIT_SETTINGS, ("backup", None))
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} already exists; choose a new file name")
    revision = current_revision(url)
    if revision is None:
        raise BackupError("the database was never set up (run `planner init`): nothing to back up")
    kind = _kind(url)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".planner-backup-") as tmp:
        database = Path(tmp) / ("planner.db" if kind == "sqlite" else "planner.dump")
        if kind == "sqlite":
            _copy_sqlite(Path(make_url(url).database or ""), database)
        else:
            postgres_tools.dump(url, database)
        members = {f"database/{database.name}": database}
        for path in _media_files(settings):
            members["media/" + path.relative_to(settings.uploads_dir).as_posix()] = path
        manifest = {
            "format": FORMAT,
            "planner_version": __version__,
            "alembic_revision": revision,
            "database": kind,
            "files": {name: _sha256(path) for name, path in members.items()},
            "secret_key_included": False,
            "note": key_reminder(settings),
        }
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2))
        partial = Path(tmp) / "backup.tar.gz"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # tokens, hashes
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(manifest_path, MANIFEST)
            for name, path in members.items():
                tar.add(path, name)
        os.replace(partial, out)
    with session_scope(url) as session:
        audit.record(session, actor, "backup.create", ("backup", None), file=out.name)
    media = sum(1 for name in members if name.startswith("media/"))
    return BackupReport(out, kind, revision, media, out.stat().st_size, key_reminder(settings))


def in_use(settings: Settings | None = None) -> dict[str, int]:
    """What the installation already holds (people, posts, images, media files); {} if empty."""
    settings = settings or get_settings()
    found: dict[str, int] = {}
    if (
        settings.db_url.startswith("sqlite")
        and not Path(make_url(settings.db_url).database or "").exists()
    ):
        pass
    elif "media_asset" in inspect(get_engine(settings.db_url)).get_table_names():
        with session_scope(settings.db_url) as session:
            for name, model in (("people", User), ("posts", Post), ("images", MediaAsset)):
                count = session.exec(select(func.count()).select_from(model)).one()
                if count:
                    found[name] = count
    files = len(_media_files(settings))
    if files:
        found["media files"] = files
    return found


def key_problem(settings: Settings) -> str | None:
    """Why the restored tokens cannot be read with this machine's key, or None.

    Checked without creating a key: a new random key file would only hide that the backup's
    key still has to be put back.
    """
    if not settings.secret_key and not key_file(settings).exists():
        return (
            f"put the secret key back before starting planner: copy the old key file to "
            f"{key_file(settings)} or set PLANNER_SECRET_KEY, or the restored platform tokens "
            "and second factors cannot be read"
        )
    with session_scope(settings.db_url) as session:
        token = session.exec(
            select(Account.secrets).where(col(Account.secrets).is_not(None))
        ).first()
    if token is None:
        return None
    try:
        secret_box(settings).decrypt(token)
    except SecretsUnreadable:
        return (
            "the secret key on this machine does not read the restored tokens: set the key the "
            "backup was made with (PLANNER_SECRET_KEY or the key file), or reconnect the accounts"
        )
    return None


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        raw = tar.extractfile(MANIFEST)
        manifest = json.loads(raw.read()) if raw else None
    except (KeyError, ValueError) as exc:
        raise BackupError("this file is not a planner backup (no readable manifest)") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("this file is not a planner backup of a format this version reads")
    return manifest


def _checked_members(tar: tarfile.TarFile, manifest: dict[str, Any]) -> list[tarfile.TarInfo]:
    """Every member a plain file the manifest lists, under database/ or media/, no '..'."""
    listed: dict[str, str] = manifest.get("files") or {}
    members = [m for m in tar.getmembers() if m.name != MANIFEST]
    for member in members:
        parts = PurePosixPath(member.name).parts
        if (
            not member.isfile()
            or member.name not in listed
            or parts[0] not in ("database", "media")
            or ".." in parts
            or member.name.startswith("/")
        ):
            raise BackupError(f"the backup holds {member.name!r}, which its manifest does not list")
    missing = set(listed) - {m.name for m in members}
    if missing:
        raise BackupError(f"the backup is incomplete: {sorted(missing)[0]} is missing")
    return members


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    from planner.db import MIGRATIONS_DIR

    try:
        return ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def restore_backup(
    archive: Path, *, actor: Actor | None, force: bool = False, settings: Settings | None = None
) -> RestoreReport:
    """Replace this installation's database and media with the backup's, then migrate.

    An installation with data is replaced only with `force` and by an admin; an empty one
    (a new machine) may be restored without anyone, as no one exists there yet.
    """
    settings = settings or get_settings()
    url, kind = settings.db_url, _kind(settings.db_url)
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"there is no backup file {archive}")
    if not tarfile.is_tarfile(archive):
        raise BackupError(f"{archive.name} is not a planner backup (not a tar.gz file)")
    with tarfile.open(archive) as tar:
        manifest = _read_manifest(tar)
        members = _checked_members(tar, manifest)
        revision = str(manifest.get("alembic_revision") or "")
        if manifest.get("database") != kind:
            raise BackupError(
                f"the backup holds a {manifest.get('database')} database but planner is set up "
                f"for {kind} (DATABASE_URL); restore it where the same database is configured"
            )
        if not _known_revision(revision):
            raise BackupError(
                f"the backup was made by a newer planner ({manifest.get('planner_version')}, "
                f"database revision {revision}); install that version, then restore"
            )
        existing = in_use(settings)
        if existing:
            held = ", ".join(f"{n} {what}" for what, n in existing.items())
            if not force:
                raise BackupError(
                    f"this installation already holds data ({held}); restoring replaces all "
                    "of it: add --force to do so"
                )
            with session_scope(url) as session:
                check(session, actor, Action.EDIT_SETTINGS, ("backup", None))
        make_private_dir(settings.data_dir)
        with tempfile.TemporaryDirectory(dir=settings.data_dir, prefix=".restore-") as tmp:
            for member in members:
                tar.extract(member, tmp, filter="data")
            for name, digest in manifest["files"].items():
                if _sha256(Path(tmp) / name) != digest:
                    raise BackupError(f"the backup is damaged: {name} does not match its manifest")
            dispose_engines()
            database = next((Path(tmp) / "database").iterdir())
            if kind == "sqlite":
                _copy_sqlite(database, Path(make_url(url).database or ""))
            else:
                postgres_tools.restore(url, database)
            dispose_engines()
            shutil.rmtree(settings.uploads_dir, ignore_errors=True)
            if (Path(tmp) / "media").exists():
                shutil.move(Path(tmp) / "media", settings.uploads_dir)
    migrate(url)
    with session_scope(url) as session:
        audit.record(
            session, actor or SYSTEM, "backup.restore", ("backup", None), file=archive.name
        )
    return RestoreReport(
        database=kind,
        backup_revision=revision,
        revision=current_revision(url) or "",
        media_files=sum(1 for m in members if m.name.startswith("media/")),
        planner_version=str(manifest.get("planner_version")),
        replaced=existing,
        key_problem=key_problem(settings),
    )
