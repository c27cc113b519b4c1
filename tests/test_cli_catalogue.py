"""`planner catalogue add|list|test|harvest`, run as a subprocess against a local OAI server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.oai_server import OaiServer, Reply, slims_route
from tests.people_helpers import cli_user
from tests.test_cli import _one_error_line, planner


@pytest.fixture
def server() -> Iterator[OaiServer]:
    running = OaiServer(slims_route).start()
    yield running
    running.stop()


def test_add_list_test_and_harvest(tmp_path: Path, server: OaiServer) -> None:
    data = tmp_path / "data"
    staff = cli_user(data, "staff")  # promotion staff manage the collection
    added = planner(
        "catalogue", "add", "SLiMS Kota", server.url, "--record-url",
        "https://opac.example/index.php?p=show_detail&id={id}", "--json",
        data_dir=data, env=staff,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    source = json.loads(added.stdout)["source"]
    assert (source["name"], source["metadata_prefix"], source["schedule"]) == (
        "SLiMS Kota",
        "oai_dc",
        "weekly",
    )
    tested = planner("catalogue", "test", "SLiMS Kota", "--json", data_dir=data, env=staff)
    assert tested.returncode == 0, tested.stderr
    assert json.loads(tested.stdout)["formats"] == ["oai_dc"]
    harvested = planner("catalogue", "harvest", "SLiMS Kota", "--json", data_dir=data, env=staff)
    assert harvested.returncode == 0, harvested.stderr
    report = json.loads(harvested.stdout)
    assert report["status"] == "ok" and report["counts"]["created"] == 3
    assert report["since"] is None
    assert [r["title"] for r in report["rows"]] == [
        "Laut bercerita",
        "Filosofi teras",
        "Gadis kretek",
    ]
    again = planner(
        "catalogue", "harvest", str(source["id"]), "--since", "2026-11-01",
        data_dir=data, env=staff,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "3 records, 0 created, 0 updated, 3 unchanged" in again.stdout
    assert server.requests[-2]["from"] == "2026-11-01"
    listed = json.loads(planner("catalogue", "list", "--json", data_dir=data, env=staff).stdout)
    assert [(s["name"], s["last_status"]) for s in listed["sources"]] == [("SLiMS Kota", "ok")]


def test_bad_input_and_failures_are_one_line(tmp_path: Path, server: OaiServer) -> None:
    data = tmp_path / "data"
    admin = cli_user(data)
    bad = planner("catalogue", "add", "X", "opac/oai.php", data_dir=data, env=admin)
    assert bad.returncode == 1 and "is not a web address" in _one_error_line(bad.stderr)
    fmt = planner("catalogue", "add", "X", server.url, "--format", "mods", data_dir=data, env=admin)
    assert "Unknown metadata format" in _one_error_line(fmt.stderr)
    missing = planner("catalogue", "harvest", "Tidak ada", data_dir=data, env=admin)
    assert "No catalogue source" in _one_error_line(missing.stderr)
    neither = planner("catalogue", "harvest", data_dir=data, env=admin)
    assert "--due" in _one_error_line(neither.stderr)
    planner("catalogue", "add", "MARC", server.url, "--format", "marc21", data_dir=data, env=admin)
    offered = planner("catalogue", "test", "MARC", data_dir=data, env=admin)
    assert offered.returncode == 1 and "does not offer marc21" in _one_error_line(offered.stderr)
    server.route = lambda params: Reply(file="slims_disabled.xml")
    failed = planner("catalogue", "harvest", "MARC", "--since", "kemarin", data_dir=data, env=admin)
    assert "unreadable date" in _one_error_line(failed.stderr)
    failed = planner("catalogue", "harvest", "MARC", data_dir=data, env=admin)
    assert failed.returncode == 1
    assert "badVerb: OAI Repository disabled" in _one_error_line(failed.stderr)
    trainee = cli_user(data, "trainee")
    refused = planner("catalogue", "harvest", "MARC", data_dir=data, env=trainee)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def test_harvest_due_for_cron(tmp_path: Path, server: OaiServer) -> None:
    data = tmp_path / "data"
    admin = cli_user(data)
    planner("catalogue", "add", "Pekanan", server.url, data_dir=data, env=admin)
    planner("catalogue", "add", "Manual", server.url, "--schedule", "off", data_dir=data, env=admin)
    first = planner("catalogue", "harvest", "--due", "--json", data_dir=data, env=admin)
    assert first.returncode == 0, first.stderr
    assert list(json.loads(first.stdout)["harvested"]) == ["1"]  # "Manual" is never due
    second = planner("catalogue", "harvest", "--due", "--json", data_dir=data, env=admin)
    assert json.loads(second.stdout)["harvested"] == {}  # weekly: not due again today
