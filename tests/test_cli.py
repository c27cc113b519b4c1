"""The `planner` command line, run as a real subprocess like cron and scripts would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from planner.limits import PLATFORMS
from tests.people_helpers import cli_user

ROOT = Path(__file__).resolve().parent.parent


def planner(*args: str, data_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PLANNER_DATA_DIR": str(data_dir), **(env or {})}
    full_env.pop("DATABASE_URL", None) if "DATABASE_URL" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_error_line(stderr: str) -> str:
    """The contract for exit status 1: exactly one 'planner: error: …' line on stderr."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: error: "), stderr
    return lines[0]


def test_init_demo_idempotent_and_worker_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert planner("init", data_dir=data).returncode == 0
    first = planner("demo", "--json", data_dir=data)
    second = planner("demo", "--json", data_dir=data)
    assert json.loads(first.stdout) == {"ok": True, "loaded": True}
    assert json.loads(second.stdout) == {"ok": True, "loaded": False}
    run = planner("worker", "--once", "--id", "cron-1", "--json", data_dir=data)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["worker"] == "cron-1" and result["claimed"] == 0
    queue = json.loads(planner("queue", "--json", data_dir=data).stdout)
    assert queue == {"items": []}
    metrics = planner("collect-metrics", "--once", "--json", data_dir=data)
    assert json.loads(metrics.stdout)["ok"] is True


def test_unreachable_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    for command in (["init"], ["worker", "--once"], ["queue"]):
        run = planner(
            *command,
            data_dir=tmp_path,
            env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
        )
        assert run.returncode == 1
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, run.stderr
        assert lines[0].startswith("planner: error:") and "Traceback" not in run.stderr


def test_unknown_template_and_bad_ids_are_user_errors(tmp_path: Path) -> None:
    data = tmp_path / "data"
    planner("demo", data_dir=data)
    admin = cli_user(data)
    run = planner("draft", "--template", "nope", "--event", "1", data_dir=data, env=admin)
    assert run.returncode == 1 and "no template 'nope'" in run.stderr
    run = planner("cancel", "999", data_dir=data, env=admin)
    assert run.returncode == 1 and "no post with id 999" in run.stderr


def test_draft_and_validate_json(tmp_path: Path) -> None:
    data = tmp_path / "data"
    planner("demo", data_dir=data)
    admin = cli_user(data)
    draft = ("draft", "--template", "event-announcement", "--event", "1", "--json")
    out = json.loads(planner(*draft, data_dir=data, env=admin).stdout)
    assert set(out["texts"]) == set(PLATFORMS)
    ok = planner(
        "validate", "--platform", "x", "--json", "Halo https://example.com 😀", data_dir=data
    )
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["length"] == 5 + 23 + 1 + 2
    bad = planner("validate", "--platform", "x", "a" * 281, data_dir=data)
    assert bad.returncode == 1 and "281/280" in bad.stdout
    assert _one_error_line(bad.stderr).startswith("planner: error: the text does not pass the x")


def test_render_writes_jpeg(tmp_path: Path) -> None:
    out = tmp_path / "poster.jpg"
    run = planner(
        "render",
        "--layout",
        "event_poster",
        "--size",
        "portrait",
        "--title",
        "Dongeng Anak",
        "--out",
        str(out),
        data_dir=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_bytes()[:2] == b"\xff\xd8"
    bad = planner(
        "render", "--layout", "nope", "--title", "x", "--out", str(out), data_dir=tmp_path
    )
    assert bad.returncode == 1 and "unknown layout" in bad.stderr


def test_import_events_and_collection_json_and_reimport(tmp_path: Path) -> None:
    data = tmp_path / "data"
    planner("init", data_dir=data)
    admin = cli_user(data)
    events = tmp_path / "acara.csv"
    events.write_bytes("judul;tanggal;jam;tempat\nDongeng;06/12/2026;09.00;Aula\n".encode("cp1252"))
    first = planner("import", "events", str(events), "--json", data_dir=data, env=admin)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["counts"]["created"] == 1 and report["encoding"] == "utf-8"
    again = planner("import", "events", str(events), "--json", data_dir=data, env=admin)
    again = json.loads(again.stdout)
    assert again["counts"]["unchanged"] == 1
    books = tmp_path / "buku.csv"
    books.write_text(
        "judul,isbn\nLaut Bercerita,9786024246945\nRusak,123\n,9786024246945\n", encoding="utf-8"
    )
    mixed = planner("import", "collection", str(books), "--json", data_dir=data, env=admin)
    assert mixed.returncode == 1
    mixed_report = json.loads(mixed.stdout)
    assert mixed_report["counts"] == {
        "created": 2,  # "Rusak" without its invalid ISBN, with a warning
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "refused": 1,  # no title
    }
    assert [w[:10] for w in mixed_report["rows"][1]["warnings"]] == ["ISBN “123”"]
    assert "warning: ISBN" not in mixed.stdout  # --json prints the JSON object only
    assert mixed.stderr.count("\n") == 1 and "1 of 3 rows refused" in mixed.stderr
    missing = planner("import", "events", str(tmp_path / "nope.csv"), data_dir=data, env=admin)
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_templates_list_check_and_campaign(tmp_path: Path) -> None:
    data = tmp_path / "data"
    planner("demo", data_dir=data)
    admin = cli_user(data)
    listed = json.loads(planner("templates", "list", "--json", data_dir=data).stdout)
    assert len(listed["templates"]) >= 14 and listed["problems"] == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nkind: event\nname: {id: x}\nfields: []\ntext:\n  id:\n    x: '{{'\n")
    checked = planner("templates", "check", str(bad), data_dir=data)
    assert checked.returncode == 1 and "bad.yaml" in checked.stdout
    assert "1 of 1 template file(s) refused" in _one_error_line(checked.stderr)
    plan = planner(
        "campaign",
        "--template",
        "event-announcement",
        "--event",
        "4",
        "--schedule",
        "--json",
        data_dir=data,
        env=admin,
    )
    assert plan.returncode == 0, plan.stderr
    result = json.loads(plan.stdout)
    assert len(result["post_ids"]) == len([s for s in result["steps"] if not s["skipped"]])
    several = planner(
        "draft",
        "--template",
        "new-arrivals-list",
        "--item",
        "1",
        "--item",
        "2",
        "--json",
        data_dir=data,
        env=admin,
    )
    assert json.loads(several.stdout)["item_ids"] == [1, 2]
    warned = planner(
        "validate",
        "--platform",
        "facebook",
        "--event",
        "1",
        "--json",
        "Ayo datang!",
        data_dir=data,
    )
    assert warned.returncode == 0 and len(json.loads(warned.stdout)["warnings"]) == 3
