"""`planner observances`: list, add and remove the library's own days, nudges and a draft."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.people_helpers import cli_user
from tests.test_cli import _one_error_line, planner


def test_observances_add_list_remove_and_refusals(tmp_path: Path) -> None:
    staff = cli_user(tmp_path, "staff")
    added = planner(
        "observances", "add", "Hari Jadi Perpustakaan", "--date", "03-10", "--since", "2002",
        "--en", "Library anniversary", "--json", data_dir=tmp_path, env=staff,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {
        "ok": True, "id": "hari-jadi-perpustakaan", "month": 3, "day": 10,
    }  # fmt: skip

    listed = planner("observances", "list", "--year", "2027", "--json", data_dir=tmp_path)
    data = json.loads(listed.stdout)
    rows = {r["id"]: r for r in data["observances"]}
    assert data["year"] == 2027 and len(rows) == 11
    assert rows["hari-jadi-perpustakaan"]["years"] == 25
    assert rows["hari-jadi-perpustakaan"]["origin"] == "library"
    assert (rows["bulan-gemar-membaca"]["start"], rows["bulan-gemar-membaca"]["end"]) == (
        "2027-09-01",
        "2027-09-30",
    )
    assert rows["hari-buku-nasional"]["start"] == "2027-05-17"

    for args, reason in [
        (("add", "Hari X", "--date", "17 Mei"), "is not a date"),
        (("add", "Hari X", "--date", "02-29"), "not a day of every year"),
        (("add", "Hari X", "--date", "03-10", "--template", "nope"), "no template"),
        (("remove", "hari-buku-nasional"), "no own day"),
        (("draft", "hari-jadi-perpustakaan"), "no active account"),
        (("draft", "hari-buku-nasional", "--lang", "jv"), "--lang must be"),
    ]:
        result = planner("observances", *args, data_dir=tmp_path, env=staff)
        assert result.returncode == 1, args
        assert reason in _one_error_line(result.stderr), args
    trainee = cli_user(tmp_path, "trainee")
    refused = planner(
        "observances", "add", "Hari X", "--date", "03-10", data_dir=tmp_path, env=trainee
    )
    assert refused.returncode == 1 and _one_error_line(refused.stderr)
    unnamed = planner("observances", "remove", "hari-jadi-perpustakaan", data_dir=tmp_path)
    assert unnamed.returncode == 1 and "--as NAME" in _one_error_line(unnamed.stderr)

    removed = planner(
        "observances", "remove", "hari-jadi-perpustakaan", "--json", data_dir=tmp_path, env=staff
    )
    assert json.loads(removed.stdout) == {"ok": True, "id": "hari-jadi-perpustakaan"}
    listed = planner("observances", "list", "--json", data_dir=tmp_path)
    assert len(json.loads(listed.stdout)["observances"]) == 10
    assert json.loads(listed.stdout)["year"] == date.today().year


def test_observances_nudges_and_draft_from_the_demo(tmp_path: Path) -> None:
    admin = cli_user(tmp_path, "admin")
    assert planner("demo", data_dir=tmp_path, env=admin).returncode == 0
    before = json.loads(planner("observances", "nudges", "--json", data_dir=tmp_path).stdout)
    assert isinstance(before["nudges"], list)
    drafted = planner("observances", "draft", "hari-ibu", "--json", data_dir=tmp_path, env=admin)
    assert drafted.returncode == 0, drafted.stderr
    data = json.loads(drafted.stdout)
    assert data["ok"] and data["observance"] == "hari-ibu" and data["post_id"] > 0
    after = json.loads(planner("observances", "nudges", "--json", data_dir=tmp_path).stdout)
    assert "hari-ibu" not in [n["id"] for n in after["nudges"]]


def test_a_broken_data_file_is_one_line_with_its_file_and_line(tmp_path: Path) -> None:
    import shutil

    from planner.config import PROJECT_ROOT

    folder = tmp_path / "templates"
    shutil.copytree(PROJECT_ROOT / "content_templates", folder)
    national = folder / "observances" / "national.yaml"
    national.write_text(
        national.read_text(encoding="utf-8").replace("month: 9", "month: 13"), encoding="utf-8"
    )
    result = planner(
        "observances", "list", data_dir=tmp_path, env={"PLANNER_TEMPLATES_DIR": str(folder)}
    )
    assert result.returncode == 1
    assert _one_error_line(result.stderr).startswith(
        "planner: error: national.yaml, line 43: month 13, day 1 is not a day of every year"
    )
