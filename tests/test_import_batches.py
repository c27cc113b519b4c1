"""Long imports commit in batches, stop with what was saved, and refuse oversized files.

A 100,000-row file used to be one transaction holding SQLite's write lock for 71 s, so the
publishing worker's writes failed with "database is locked"; bench/import_beside_worker.py
measures the worker beside such an import.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, func, select

from planner.config import reset_settings
from planner.db import session_scope
from planner.importing.kinds import import_file
from planner.importing.report import ImportFileError
from planner.importing.rows import BATCH_ROWS
from planner.models import Event
from tests.people_helpers import ADMIN, cli_user
from tests.test_cli import planner


def _events(count: int) -> bytes:
    lines = ["judul;tanggal;jam;tempat"]
    lines += [f"Dongeng {n};2030-01-{1 + n % 28:02d};09:00;Aula" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


def _count() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Event)).one()


def test_a_long_import_commits_every_batch(sqlite_db, monkeypatch: pytest.MonkeyPatch) -> None:
    commits = []
    monkeypatch.setattr(Session, "commit", _counting(Session.commit, commits), raising=True)
    report = import_file("events", _events(BATCH_ROWS * 2 + 100), "big.csv", actor=ADMIN)
    assert report.counts["created"] == BATCH_ROWS * 2 + 100
    assert report.batches >= 3 and report.saved == BATCH_ROWS * 2 + 100
    assert len(commits) >= 3  # before: the whole file was one commit
    assert report.as_dict()["saved"] == BATCH_ROWS * 2 + 100


def _counting(commit, commits):
    def counted(self):
        commits.append(1)
        return commit(self)

    return counted


def test_an_interrupted_import_says_what_was_saved_and_can_be_rerun(
    sqlite_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Session.commit
    calls = []

    def locked_second_time(self):
        calls.append(1)
        if len(calls) == 3:  # the guard's first commit, batch one, then batch two fails
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        return real(self)

    monkeypatch.setattr(Session, "commit", locked_second_time)
    data = _events(BATCH_ROWS * 2 + 10)
    with pytest.raises(ImportFileError) as err:
        import_file("events", data, "big.csv", actor=ADMIN)
    saved = err.value.values["saved"]
    assert saved == _count() and 0 < saved < BATCH_ROWS * 2 + 10
    assert f"the first {saved} rows were saved" in err.value.text("en")
    assert "database is locked" in err.value.text("en")
    assert f"{saved} baris pertama sudah tersimpan" in err.value.text("id")
    monkeypatch.setattr(Session, "commit", real)
    again = import_file("events", data, "big.csv", actor=ADMIN)
    assert again.counts["unchanged"] == saved
    assert again.counts["created"] == BATCH_ROWS * 2 + 10 - saved
    assert _count() == BATCH_ROWS * 2 + 10


@pytest.mark.parametrize("kind", ["events", "collection", "posts"])
def test_a_file_over_the_row_limit_is_refused_before_anything_is_saved(
    sqlite_db, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setenv("PLANNER_IMPORT_MAX_ROWS", "10")
    reset_settings()
    data = {
        "events": _events(11),
        "collection": ("judul\n" + "".join(f"Buku {n}\n" for n in range(11))).encode(),
        "posts": ("accounts;text\n" + "".join(f"x;Halo {n}\n" for n in range(11))).encode(),
    }[kind]
    with pytest.raises(ImportFileError) as err:
        import_file(kind, data, "big.csv", actor=ADMIN)
    assert err.value.text("en") == (
        "The file has 11 rows; at most 10 can be imported at once. Split it."
    )
    assert err.value.text("id").startswith("Berkas berisi 11 baris; maksimal 10 baris")
    assert _count() == 0


def test_cli_refuses_a_file_over_the_row_limit_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    admin = cli_user(data)
    sheet = tmp_path / "events.csv"
    sheet.write_bytes(_events(11))
    run = planner(
        "import",
        "events",
        str(sheet),
        data_dir=data,
        env={**admin, "PLANNER_IMPORT_MAX_ROWS": "10"},
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        "planner: error: events.csv: The file has 11 rows; at most 10 can be imported at "
        "once. Split it."
    )
    ok = planner("import", "events", str(sheet), data_dir=data, env=admin)
    assert ok.returncode == 0 and "11 rows saved in 1 batch(es)" in ok.stdout
