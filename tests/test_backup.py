"""Backup and restore: a round trip on SQLite and on the real PostgreSQL, the manifest
checked before anything is touched, an older backup migrated, data never overwritten
without --force and an admin, the key never included; and the commands."""

from __future__ import annotations

import io
import json
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from planner import __version__, config, db, postgres_tools
from planner.backup import BackupError, create_backup, in_use, restore_backup
from planner.db import current_revision, session_scope
from planner.media import asset_path, upload_image
from planner.models import AuditEntry, MediaAsset, Post, utcnow
from planner.people.roles import PermissionDenied
from planner.scheduling import PostCreate, schedule_post
from planner.secrets import ensure_key, key_file, secret_box
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN, cli_user, make_user
from tests.test_cli import planner
from tests.test_media import photo_bytes


def _fill(title: str = "Dongeng Kancil") -> tuple[int, int, bytes]:
    """A post with an uploaded image; returns post id, image id and the stored bytes."""
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        asset = upload_image(session, photo_bytes(), "poster.jpg", actor=ADMIN).asset
        post = schedule_post(
            session,
            data=PostCreate(
                title=title,
                texts={"x": "Halo", "facebook": "Halo", "instagram": "Halo"},
                account_ids=[accounts[0].id],
                due_at=utcnow() + timedelta(days=3),
                media_asset_id=asset.id,
                alt_text="Poster",
            ),
            actor=ADMIN,
        )
        return post.id, asset.id, asset_path(asset).read_bytes()


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def _move_to_new_machine(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("PLANNER_DATA_DIR", str(folder))
    db.dispose_engines()
    config.reset_settings()


def test_sqlite_round_trip_onto_a_new_machine(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = make_user("admin")
    ensure_key()
    post_id, asset_id, image = _fill()
    out = tmp_path / "backups" / "planner.tar.gz"
    report = create_backup(out, actor=admin)
    members = _members(out)
    manifest = json.loads(members["manifest.json"])
    assert manifest["alembic_revision"] == current_revision() and report.revision
    assert manifest["planner_version"] == __version__ and manifest["database"] == "sqlite"
    assert manifest["secret_key_included"] is False and "NOT in the backup" in report.key_reminder
    assert "database/planner.db" in members and any(n.startswith("media/") for n in members)
    key = key_file(config.get_settings()).read_bytes().strip()
    assert not [n for n in members if "secret" in n] and not [
        b for b in members.values() if key in b
    ]
    assert out.stat().st_mode & 0o077 == 0  # the database inside holds tokens and hashes

    _move_to_new_machine(monkeypatch, tmp_path / "new")
    assert in_use() == {}
    restored = restore_backup(out, actor=None)  # nobody exists on a new machine yet
    assert restored.revision == restored.backup_revision == report.revision
    with session_scope() as session:
        assert session.get(Post, post_id).title == "Dongeng Kancil"
        asset = session.get(MediaAsset, asset_id)
        assert asset_path(asset).read_bytes() == image
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
        assert actions[-1] == "backup.restore"  # the backup's own entry came after its copy


def test_data_is_replaced_only_with_force_and_by_an_admin(sqlite_db: str, tmp_path: Path) -> None:
    admin, staff = make_user("admin"), make_user("staff")
    post_id, _, _ = _fill()
    out = tmp_path / "b.tar.gz"
    create_backup(out, actor=admin)
    later, _, _ = _fill("Dibuat setelah cadangan")
    with pytest.raises(BackupError, match=r"already holds data .*add --force"):
        restore_backup(out, actor=admin)
    with pytest.raises(PermissionDenied):
        restore_backup(out, actor=staff, force=True)
    with pytest.raises(PermissionDenied):
        create_backup(tmp_path / "c.tar.gz", actor=staff)
    restore_backup(out, actor=admin, force=True)
    with session_scope() as session:
        assert session.get(Post, post_id) is not None and session.get(Post, later) is None


def test_an_older_backup_is_migrated(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from alembic import command

    url = config.get_settings().db_url
    cfg = db._alembic_config(url)
    with db.get_engine(url).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "p10_people")
    out = tmp_path / "old.tar.gz"
    create_backup(out, actor=ADMIN)
    _move_to_new_machine(monkeypatch, tmp_path / "new")
    report = restore_backup(out, actor=None)
    assert report.backup_revision == "p10_people"
    assert report.revision == current_revision() != "p10_people"


def _rewrite(archive: Path, target: Path, change) -> Path:
    members = _members(archive)
    change(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _manifest(change):
    def apply(members: dict[str, bytes]) -> None:
        manifest = json.loads(members["manifest.json"])
        change(manifest)
        members["manifest.json"] = json.dumps(manifest).encode()

    return apply


def _swap_media(members: dict[str, bytes]) -> None:
    name = next(n for n in members if n.startswith("media/"))
    members[name] = b"not the photo"


TAMPERED = {
    "damaged file": (_swap_media, "damaged: media/"),
    "unlisted file": (lambda m: m.update({"media/../../etc/cron": b"x"}), "does not list"),
    "missing file": (lambda m: m.pop("database/planner.db"), "incomplete"),
    "newer planner": (
        _manifest(lambda m: m.update(alembic_revision="z99_future", planner_version="9.0")),
        "newer planner \\(9.0",
    ),
    "other database": (_manifest(lambda m: m.update(database="postgresql")), "postgresql database"),
    "not a backup": (lambda m: m.pop("manifest.json"), "not a planner backup"),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_bad_archive_is_refused_before_anything_changes(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    _fill()
    good = tmp_path / "good.tar.gz"
    create_backup(good, actor=ADMIN)
    change, message = TAMPERED[case]
    bad = _rewrite(good, tmp_path / "bad.tar.gz", change)
    _move_to_new_machine(monkeypatch, tmp_path / "new")
    with pytest.raises(BackupError, match=message):
        restore_backup(bad, actor=None)
    assert in_use() == {}


def test_postgres_round_trip(pg_url: str, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from tests.conftest import _truncate

    monkeypatch.setenv("DATABASE_URL", pg_url)
    config.reset_settings()
    _truncate(pg_url)
    post_id, asset_id, image = _fill()
    out = tmp_path / "pg.tar.gz"
    report = create_backup(out, actor=ADMIN)
    assert report.database == "postgresql" and "database/planner.dump" in _members(out)
    later, _, _ = _fill("Setelah cadangan")
    restored = restore_backup(out, actor=ADMIN, force=True)
    assert restored.revision == current_revision(pg_url)
    with session_scope() as session:
        assert session.get(Post, post_id).title == "Dongeng Kancil"
        assert session.get(Post, later) is None
        assert asset_path(session.get(MediaAsset, asset_id)).read_bytes() == image
    _truncate(pg_url)


def test_an_old_pg_dump_is_named_before_it_runs(pg_url: str, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", pg_url)
    config.reset_settings()
    monkeypatch.setattr(postgres_tools, "client_major", lambda path: 9)
    server = postgres_tools.server_major(pg_url)
    with pytest.raises(BackupError, match=f"pg_dump is version 9 but the PostgreSQL server is "
                       f"version {server}.*postgresql-client-{server}"):  # fmt: skip
        create_backup(tmp_path / "x.tar.gz", actor=ADMIN)
    assert not (tmp_path / "x.tar.gz").exists()


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    data, new = tmp_path / "data", tmp_path / "new"
    assert planner("init", data_dir=data).returncode == 0
    admin, staff = cli_user(data), cli_user(data, "staff")
    out = tmp_path / "cadangan.tar.gz"
    nobody = planner("backup", "--out", str(out), data_dir=data)
    assert nobody.returncode == 1 and "--as NAME" in nobody.stderr
    refused = planner("backup", "--out", str(out), data_dir=data, env=staff)
    assert refused.returncode == 1 and not out.exists()
    made = planner("backup", "--out", str(out), "--json", data_dir=data, env=admin)
    assert made.returncode == 0, made.stderr
    result = json.loads(made.stdout)
    assert result["secret_key_included"] is False and "NOT in the backup" in result["reminder"]
    text = planner("backup", "--out", str(tmp_path / "b2.tar.gz"), data_dir=data, env=admin)
    assert "remember: the secret key" in text.stdout and "secret.key" in text.stdout

    restored = planner("restore", str(out), "--json", data_dir=new)
    assert restored.returncode == 0, restored.stderr
    result = json.loads(restored.stdout)
    assert result["migrated"] is False and not (new / "secret.key").exists()
    assert "put the secret key back" in result["key_problem"]
    again = planner("restore", str(out), data_dir=new, env=admin)
    assert again.returncode == 1 and "add --force" in again.stderr
    (new / "secret.key").write_bytes((data / "secret.key").read_bytes())
    forced = planner("restore", str(out), "--force", data_dir=new, env=admin)
    assert forced.returncode == 0, forced.stderr
    assert "warning" not in forced.stdout


def test_a_key_that_cannot_read_the_restored_tokens_is_said(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.models import Account

    ensure_key()
    with session_scope() as session:
        account = add_sandbox_accounts(session)[0]
        account.secrets = secret_box().encrypt({"token": "rahasia"})
        session.add(account)
    out = tmp_path / "b.tar.gz"
    create_backup(out, actor=ADMIN)
    _move_to_new_machine(monkeypatch, tmp_path / "new")
    ensure_key()  # a different, new key on the new machine
    report = restore_backup(out, actor=None)
    assert "does not read the restored tokens" in (report.key_problem or "")
    with session_scope() as session:
        assert session.exec(select(Account)).first() is not None
