"""Imports and image writes refuse what they must, in one sentence, leaving nothing behind.

Bulk scheduling reads only images uploaded with the CSV (app) or inside the CSV's folder
(CLI), and says the same whether a file elsewhere exists or not; `.` and `..` are never
file names; a cell over 128 KiB and a full disk are sentences, not tracebacks or *.tmp.
"""

from __future__ import annotations

import errno
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from planner.db import session_scope
from planner.imaging.errors import ImagingError
from planner.importing.kinds import import_file
from planner.importing.posts import import_posts
from planner.importing.report import ImportFileError
from planner.media import MediaError, store_image
from tests.people_helpers import ADMIN
from tests.test_cli import planner

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1080, 1080), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def _sheet(image: str) -> str:
    return (
        "date,time,accounts,text,image,alt_text\n"
        f"2030-03-01,09:00,Sandbox instagram,Halo IG,{image},Foto kegiatan\n"
    )


def _errors(report) -> str:
    assert [r.status for r in report.rows] == ["refused"], report.rows
    return " ".join(report.rows[0].errors)


@pytest.fixture
def accounts(sqlite_db):
    from tests.factories import add_sandbox_accounts

    with session_scope() as session:
        add_sandbox_accounts(session)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "secret.jpg"
    secret.parent.mkdir()
    secret.write_bytes(_jpeg())
    return secret


def test_from_the_app_only_uploaded_images_are_read(accounts, outside: Path) -> None:
    """Naming a server file gives the same sentence as naming one that does not exist."""
    said = set()
    for name in (str(outside), str(outside.parent / "missing.jpg"), "../../etc/passwd"):
        report = import_posts(_sheet(name), images={}, now=NOW, actor=ADMIN)
        said.add(_errors(report).replace(name, "NAME"))
    assert len(said) == 1 and "diunggah" in said.pop()


@pytest.mark.parametrize("name", ["{outside}", "../elsewhere/secret.jpg", "link.jpg", "..", "."])
def test_from_the_cli_only_files_inside_the_csv_folder(
    accounts, tmp_path: Path, outside: Path, name: str
) -> None:
    folder = tmp_path / "sheet"
    folder.mkdir()
    (folder / "link.jpg").symlink_to(outside)
    name = name.format(outside=outside)
    report = import_posts(_sheet(name), folder=folder, now=NOW, actor=ADMIN)
    assert "folder" in _errors(report) or "nama berkas" in _errors(report)


def test_a_file_in_a_subfolder_of_the_csv_folder_is_read(accounts, tmp_path: Path) -> None:
    (tmp_path / "foto").mkdir()
    (tmp_path / "foto" / "a.jpg").write_bytes(_jpeg())
    report = import_posts(_sheet("foto/a.jpg"), folder=tmp_path, now=NOW, actor=ADMIN)
    assert [r.status for r in report.rows] == ["scheduled"], report.rows


def test_a_cell_over_128_kib_is_one_sentence(sqlite_db) -> None:
    data = ("title,place\n" + "Dongeng," + '"' + "x" * 200_000 + '"\n').encode()
    with pytest.raises(ImportFileError) as err:
        import_file("events", data, "big.csv", actor=ADMIN)
    assert "longer than 128 KiB" in err.value.text("en")
    assert "lebih panjang" in err.value.text("id") or "128 KiB" in err.value.text("id")
    with pytest.raises(ImportFileError, match="line 2"):
        import_posts("accounts,text\nx," + "y" * 200_000 + "\n", now=NOW, actor=ADMIN)


def test_cli_import_of_a_huge_cell_is_one_line(tmp_path: Path) -> None:
    from tests.people_helpers import cli_user

    data = tmp_path / "data"
    admin = cli_user(data)
    sheet = tmp_path / "big.csv"
    sheet.write_text("title,place\nDongeng," + "x" * 200_000 + "\n", encoding="utf-8")
    run = planner("import", "events", str(sheet), data_dir=data, env=admin)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "longer than 128 KiB" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, data: bytes) -> int:
        with open(self, "wb") as handle:  # the temporary file exists, as on a real disk
            handle.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)


def test_a_full_disk_stores_nothing_and_leaves_no_tmp(
    sqlite_db, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full(monkeypatch)
    with session_scope() as session, pytest.raises(MediaError) as err:
        store_image(session, _jpeg(), original_name="foto.jpg")
    assert err.value.text("en").startswith("The disk is full:")
    assert err.value.text("id").startswith("Disk penuh:")
    assert list(data_dir.rglob("*.tmp")) == []


def test_cli_render_on_a_full_disk_is_one_line_without_tmp(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from planner.cli import app
    from planner.cli.errors import run_cli

    _disk_full(monkeypatch)
    out = tmp_path / "poster.jpg"
    monkeypatch.setattr(
        sys, "argv", ["planner", "render", "--out", str(out), "--title", "Hi", "--default-brand"]
    )
    assert run_cli(app) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "planner: error: The disk is full: poster.jpg was not saved and nothing was changed."
    ], err
    assert list(tmp_path.rglob("*.tmp")) == [] and not out.exists()


@pytest.mark.parametrize("name", ["..", ".", "a/b.jpg"])
def test_cli_batch_refuses_dot_names_without_traceback_or_tmp(tmp_path: Path, name: str) -> None:
    jobs = tmp_path / "jobs.json"
    jobs.write_text(json.dumps([{"layout": "event_poster", "title": "Hi", "file": name}]))
    out = tmp_path / "out"
    run = planner(
        "render",
        "--batch",
        str(jobs),
        "--out",
        str(out),
        "--default-brand",
        "--workers",
        "1",
        data_dir=tmp_path / "data",
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "plain file name" in run.stderr
    assert list(tmp_path.rglob("*.tmp")) == []


def test_plain_names_and_containment_share_one_check(tmp_path: Path) -> None:
    from planner.imaging.files import inside, plain_name

    for bad in ("", ".", "..", "a/b", "/etc/passwd", "a\\b"):
        with pytest.raises(ImagingError):
            plain_name(bad)
    with pytest.raises(ImagingError, match="same folder"):
        inside(tmp_path, "../x")


def test_a_disk_that_fills_between_image_and_thumbnail_leaves_neither(
    sqlite_db, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner import media

    real, calls = media.write_atomic, []

    def second_fails(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise ImagingError("disk_full", name=path.name)
        real(path, data)

    monkeypatch.setattr(media, "write_atomic", second_fails)
    with session_scope() as session, pytest.raises(MediaError, match="disk is full"):
        store_image(session, _jpeg(), original_name="foto.jpg")
    assert len(calls) == 2 and not calls[0].exists()
    assert list(data_dir.rglob("*.jpg")) == [] and list(data_dir.rglob("*.tmp")) == []
