"""`planner accounts …`: the CLI contract (one JSON object, exit 1 with one line) and tokens
that are read hidden or from a file, and never printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import responses
from typer.testing import CliRunner

from planner.cli import app
from planner.cli.errors import run_cli
from tests.people_helpers import make_user
from tests.platform_helpers import ALL_SECRETS, IG_CREDS, JSON, X_CREDS, x_me
from tests.test_cli import planner

IG = "https://graph.facebook.com/v23.0/17841400000000001"


def cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process as the admin (created in the test's database)."""
    monkeypatch.setenv("PLANNER_USER", make_user("admin").username)
    monkeypatch.setattr(sys, "argv", ["planner", *args])
    code = run_cli(app)
    out, err = capsys.readouterr()
    return code, out, err


@responses.activate
def test_connect_from_a_file_then_list_test_dry_run_disconnect(
    sqlite_db, tmp_path: Path, monkeypatch, capsys
) -> None:
    responses.get(
        IG,
        json={"id": "17841400000000001", "username": "perpuskotapekalongan", "name": "Perpus"},
        content_type=JSON,
    )
    tokens = tmp_path / "ig.json"
    tokens.write_text(json.dumps(IG_CREDS))
    code, out, err = cli(
        monkeypatch,
        capsys,
        "accounts",
        "connect",
        "--platform",
        "instagram",
        "--set",
        "ig_user_id=17841400000000001",
        "--credentials-file",
        str(tokens),
        "--json",
    )
    assert code == 0, err
    account = json.loads(out)["account"]
    assert account["handle"] == "@perpuskotapekalongan" and account["dry_run"] is True
    code, out, _ = cli(monkeypatch, capsys, "accounts", "list", "--json")
    assert code == 0 and [a["platform"] for a in json.loads(out)["accounts"]] == ["instagram"]
    code, out, _ = cli(monkeypatch, capsys, "accounts", "test", str(account["id"]), "--json")
    assert code == 0 and json.loads(out)["handle"] == "@perpuskotapekalongan"
    code, out, _ = cli(
        monkeypatch, capsys, "accounts", "dry-run", str(account["id"]), "off", "--json"
    )
    assert json.loads(out) == {"ok": True, "account_id": account["id"], "dry_run": False}
    code, out, _ = cli(monkeypatch, capsys, "accounts", "disconnect", str(account["id"]), "--json")
    assert json.loads(out)["waiting_posts"] == 0
    code, out, err = cli(monkeypatch, capsys, "accounts", "test", str(account["id"]))
    assert code == 1 and err.strip().count("\n") == 0 and "disconnected" in err


@responses.activate
def test_hidden_prompts_never_echo_the_tokens(sqlite_db) -> None:
    x_me(name="Perpus")
    answers = "".join(
        f"{X_CREDS[f]}\n"
        for f in ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
    )
    admin = make_user("admin").username
    result = CliRunner().invoke(
        app, ["--as", admin, "accounts", "connect", "--platform", "x", "--live"], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "connected #1 Perpus @perpuskotapkl" in result.output
    assert not [s for s in ALL_SECRETS if s in result.output]


@responses.activate
def test_user_errors_are_one_line(sqlite_db, tmp_path: Path, monkeypatch, capsys) -> None:
    x_me(status=401)
    tokens = tmp_path / "x.json"
    tokens.write_text(json.dumps(X_CREDS))
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    cases = [
        ("accounts", "connect", "--platform", "x", "--credentials-file", str(tokens)),
        ("accounts", "connect", "--platform", "myspace", "--credentials-file", str(tokens)),
        ("accounts", "connect", "--platform", "x", "--credentials-file", str(bad)),
        (
            "accounts",
            "connect",
            "--platform",
            "instagram",
            "--set",
            "oops",
            "--credentials-file",
            str(tokens),
        ),
        ("accounts", "test", "99"),
        ("accounts", "dry-run", "1", "maybe"),
    ]
    for args in cases:
        code, out, err = cli(monkeypatch, capsys, *args)
        assert code == 1, args
        assert len(err.strip().splitlines()) == 1 and err.startswith("planner: error:"), err
        assert not [s for s in ALL_SECRETS if s in out + err]


def test_public_url_check_without_address_is_a_user_error(tmp_path: Path) -> None:
    run = planner(
        "accounts", "public-url", data_dir=tmp_path / "data", env={"PUBLIC_MEDIA_BASE_URL": ""}
    )
    assert run.returncode == 1 and "PUBLIC_MEDIA_BASE_URL is not set" in run.stderr
    assert planner("init", data_dir=tmp_path / "data").returncode == 0
    listing = planner("accounts", "list", "--json", data_dir=tmp_path / "data")
    assert listing.returncode == 0 and json.loads(listing.stdout) == {"accounts": []}
