"""`planner indicators …`: service use, attendance and feedback notes from the command line.

Module under test: planner/cli/indicators.py (over planner/evaluation/indicators/).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.db import session_scope
from planner.models import Event, FeedbackNote, ServiceMonth
from tests.factories import add_event
from tests.people_helpers import make_user
from tests.test_cli_users import cli, one_error


def test_service_set_updates_the_month_and_lists_it(sqlite_db, monkeypatch, capsys) -> None:
    staff = make_user("staff").username
    code, out, err = cli(
        monkeypatch, capsys, "indicators", "service", "set", "--month", "2026-10",
        "--visits", "1250", "--loans", "800", "--json", user=staff,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {
        "month": "2026-10", "status": "created", "visits": 1250, "loans": 800,
        "new_members": None, "note": "",
    }  # fmt: skip
    code, out, _ = cli(
        monkeypatch, capsys, "indicators", "service", "set", "--month", "10/2026",
        "--new-members", "31", user=staff,
    )  # fmt: skip
    assert (code, out.strip()) == (0, "2026-10 updated: visits 1250, loans 800, new members 31")
    code, out, _ = cli(monkeypatch, capsys, "indicators", "service", "list", "--json")
    assert [m["month"] for m in json.loads(out)["months"]] == ["2026-10"]
    with session_scope() as s:
        assert len(s.exec(select(ServiceMonth)).all()) == 1


def test_refusals_are_one_line(sqlite_db, monkeypatch, capsys) -> None:
    code, _, err = cli(
        monkeypatch, capsys, "indicators", "service", "set", "--month", "2026-13",
        "--visits", "5", user=make_user("staff").username,
    )  # fmt: skip
    assert code == 1 and "unreadable month" in one_error(err)
    code, _, err = cli(
        monkeypatch, capsys, "indicators", "service", "set", "--month", "2026-10",
        "--visits", "5", user=make_user("trainee").username,
    )  # fmt: skip
    assert code == 1 and "Trainee" in one_error(err)
    code, _, err = cli(monkeypatch, capsys, "indicators", "service", "set", "--month", "2026-10")
    assert code == 1 and "--as NAME" in one_error(err)


def test_service_import_reports_the_bad_row_and_exits_1(
    sqlite_db, monkeypatch, capsys, tmp_path
) -> None:
    sheet = tmp_path / "layanan.csv"
    sheet.write_text("bulan;kunjungan;peminjaman\n2026-09;1.100;700\n2026-10;banyak;5\n")
    code, out, err = cli(
        monkeypatch, capsys, "indicators", "service", "import", str(sheet), "--json",
        user=make_user("manager").username,
    )  # fmt: skip
    assert code == 1
    report = json.loads(out)
    assert report["counts"]["created"] == 1 and report["counts"]["refused"] == 1
    assert report["rows"][1]["reason"] == "visits: “banyak” is not a whole number"
    assert "row 3: visits" in one_error(err)
    with session_scope() as s:
        assert [(m.month, m.visits) for m in s.exec(select(ServiceMonth)).all()] == [
            ("2026-09", 1100)
        ]


def test_attendance_set_and_cleared(sqlite_db, monkeypatch, capsys) -> None:
    staff = make_user("staff").username
    with session_scope() as s:
        event = add_event(s, starts_at=datetime.now(UTC) - timedelta(days=1)).id
    code, out, err = cli(
        monkeypatch, capsys, "indicators", "attendance", str(event), "37", "--json", user=staff
    )
    assert code == 0, err
    assert json.loads(out)["attendance"] == 37
    code, _, err = cli(monkeypatch, capsys, "indicators", "attendance", str(event), user=staff)
    assert code == 1 and "--clear" in one_error(err)
    code, out, _ = cli(
        monkeypatch, capsys, "indicators", "attendance", str(event), "--clear", user=staff
    )
    assert code == 0 and out.strip().endswith("attendance cleared")
    with session_scope() as s:
        assert s.get(Event, event).attendance is None


def test_feedback_add_list_delete_and_show(sqlite_db, monkeypatch, capsys) -> None:
    staff = make_user("staff").username
    code, out, err = cli(
        monkeypatch, capsys, "indicators", "feedback", "add", "Ruang anak nyaman",
        "--sentiment", "positif", "--date", "2026-11-05", "--source", "front_desk", "--json",
        user=staff,
    )  # fmt: skip
    assert code == 0, err
    note = json.loads(out)
    assert (note["sentiment"], note["date"], note["source"]) == (
        "positive", "2026-11-05", "front_desk"
    )  # fmt: skip
    code, out, _ = cli(
        monkeypatch, capsys, "indicators", "feedback", "list", "--month", "2026-11", "--json"
    )
    listed = json.loads(out)
    assert listed["counts"] == {"positive": 1, "neutral": 0, "negative": 0}
    assert [n["text"] for n in listed["notes"]] == ["Ruang anak nyaman"]
    code, out, _ = cli(
        monkeypatch, capsys, "indicators", "show", "--month", "2026-11", "--months", "2",
        "--json",
    )  # fmt: skip
    shown = json.loads(out)
    assert [f["month"] for f in shown["feedback"]] == ["2026-10", "2026-11"]
    assert shown["feedback"][1]["notes"] == 1 and shown["events"] == []
    code, out, _ = cli(
        monkeypatch, capsys, "indicators", "feedback", "delete", str(note["id"]), user=staff
    )
    assert code == 0
    with session_scope() as s:
        assert s.exec(select(FeedbackNote)).all() == []
    code, _, err = cli(
        monkeypatch, capsys, "indicators", "feedback", "add", "x", "--sentiment", "senang",
        user=staff,
    )  # fmt: skip
    assert code == 1 and "unknown sentiment" in one_error(err)
