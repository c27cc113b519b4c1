"""`planner lessons …` and `planner training …` (planner/cli/training.py)."""

from __future__ import annotations

import json

from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, TrainingSubmission
from planner.training.exercises import exercise_from_lesson
from planner.training.lessons import get_lesson, shipped_dir
from tests.factories import add_sandbox_accounts
from tests.people_helpers import make_user
from tests.test_cli_users import cli, one_error


def test_lessons_list_and_check(sqlite_db, monkeypatch, capsys, tmp_path) -> None:
    code, out, err = cli(monkeypatch, capsys, "lessons", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert len(listed["lessons"]) >= 6 and listed["problems"] == []
    good = shipped_dir() / "04-accessibility.yaml"
    code, out, _ = cli(monkeypatch, capsys, "lessons", "check", str(good))
    assert (code, out.strip()) == (0, "04-accessibility.yaml: ok (accessibility-basics)")
    broken = tmp_path / "rusak.yaml"
    broken.write_text(good.read_text("utf-8").replace("order: 4", "order: empat"), "utf-8")
    code, out, err = cli(monkeypatch, capsys, "lessons", "check", str(broken))
    assert code == 1
    assert one_error(err) == "planner: error: rusak.yaml, line 2: order must be a whole number"


def test_session_add_list_and_export(sqlite_db, monkeypatch, capsys) -> None:
    trainer, trainee = make_user("trainer"), make_user("trainee")
    args = ["training", "session", "add", "--at", "2026-11-20T09:00", "--topic", "Tagar"]
    args += ["--attendee", trainee.username, "--attendee", "Bu Siti", "--absent", "Pak Budi"]
    code, out, err = cli(monkeypatch, capsys, *args, user=trainer.username)
    assert (code, out.strip()) == (0, "session #1 added (3 attendees)"), err
    code, out, err = cli(monkeypatch, capsys, *args, user=trainee.username)
    assert code == 1 and "planner: error:" in one_error(err)
    code, out, _ = cli(monkeypatch, capsys, "training", "session", "list")
    assert out.strip() == "#1  2026-11-20 02:00 UTC  Tagar  (2/3 came)"
    code, out, _ = cli(monkeypatch, capsys, "training", "export", "--month", "2026-11")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[1].startswith("1,2026-11-20 02:00,Tagar,,tono,,tia,tia,,yes")
    code, _, err = cli(monkeypatch, capsys, "training", "export", "--month", "November")
    assert code == 1 and "YYYY-MM" in one_error(err)


def test_a_trainee_answers_from_the_cli_but_never_into_a_live_account(
    sqlite_db, monkeypatch, capsys
) -> None:
    trainer, trainee = make_user("trainer"), make_user("trainee")
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        live = Account(platform="x", name="Perpus X", is_sandbox=False)
        session.add(live)
        session.flush()
        exercise_from_lesson(session, get_lesson("hashtags-and-timing"), actor=trainer)
        ids = (x.id, live.id)
    base = ["training", "answer", "tagar-klub-baca", "--text", "x=Yuk gabung! #AyoMembaca"]
    base += ["--text", "instagram=Yuk gabung klub baca bulan ini! #AyoMembaca #KlubBaca"]
    code, out, err = cli(
        monkeypatch, capsys, *base, "--account", str(ids[1]), user=trainee.username
    )
    assert code == 1 and "live_account" not in err and "sandbox" in one_error(err)
    code, out, err = cli(
        monkeypatch, capsys, *base, "--account", str(ids[0]), "--json", user=trainee.username
    )
    assert code == 0, err
    data = json.loads(out)
    assert {i["code"]: i["score"] for i in data["checklist"]}["hashtags"] == 1.0, data
    with session_scope() as session:
        rows = session.exec(select(TrainingSubmission)).all()
        assert [r.account_ids for r in rows] == [[ids[0]]]
