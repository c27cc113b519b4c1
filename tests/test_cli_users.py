"""`planner user …`: the first admin, passwords asked twice or generated and printed once,
--json without secrets, admin-only changes, and refusals as one line."""

from __future__ import annotations

import json
import sys

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from planner.cli import app
from planner.cli.errors import run_cli
from planner.db import session_scope
from planner.models import AuditEntry
from planner.people import totp
from planner.people.passwords import verify_password
from tests.people_helpers import make_user, user_row
from tests.test_totp import NOW, SECRET, code_at

GOOD = "kata-sandi-panjang-1"


def cli(monkeypatch, capsys, *args: str, user: str | None = None) -> tuple[int, str, str]:
    """Run like the console script does: exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["planner", *args])
    if user is None:
        monkeypatch.delenv("PLANNER_USER", raising=False)
    else:
        monkeypatch.setenv("PLANNER_USER", user)
    code = run_cli(app)
    out, err = capsys.readouterr()
    return code, out, err


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: error: "), err
    return lines[0]


def invoke(args: list[str], answers: str = "", user: str | None = None):
    env = {"PLANNER_USER": user} if user else {}
    return CliRunner().invoke(app, args, input=answers, env=env)


def test_first_admin_needs_no_acting_user_and_the_password_is_asked_twice(sqlite_db) -> None:
    result = invoke(["user", "add", "kepala", "--role", "admin"], f"{GOOD}\n{GOOD}\n")
    assert result.exit_code == 0, result.output
    assert "added kepala (admin)" in result.stdout
    assert GOOD not in result.output
    assert result.stderr.count("Password") == 1 and "Repeat for confirmation" in result.stderr
    assert verify_password(user_row("kepala").password_hash, GOOD)


def test_two_different_passwords_are_asked_again(sqlite_db) -> None:
    answers = f"{GOOD}\nsesuatu-yang-lain-2\n{GOOD}\n{GOOD}\n"
    result = invoke(["user", "add", "kepala", "--role", "admin"], answers)
    assert result.exit_code == 0, result.output
    assert "do not match" in result.stderr
    assert verify_password(user_row("kepala").password_hash, GOOD)


def test_a_weak_password_is_refused_in_one_line(sqlite_db, monkeypatch, capsys) -> None:
    monkeypatch.setattr("planner.cli.users._ask_password", lambda: "pendek")
    code, out, err = cli(monkeypatch, capsys, "user", "add", "kepala", "--role", "admin")
    assert code == 1 and out == ""
    assert "at least 10 characters" in one_error(err)


def test_generated_password_is_printed_once(sqlite_db, monkeypatch, capsys) -> None:
    code, out, _ = cli(
        monkeypatch, capsys, "user", "add", "kepala", "--role", "admin", "--generate"
    )
    assert code == 0
    password = out.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    assert out.count(password) == 1 and "shown once" in out
    assert verify_password(user_row("kepala").password_hash, password)
    code, out, _ = cli(
        monkeypatch, capsys, "user", "add", "sari", "--generate", "--json", user="kepala"
    )
    data = json.loads(out)
    assert data["user"]["role"] == "staff"
    assert verify_password(user_row("sari").password_hash, data["generated_password"])
    code, out, _ = cli(monkeypatch, capsys, "user", "list", "--json", user="kepala")
    assert data["generated_password"] not in out and password not in out


def test_list_shows_people_but_never_hashes_or_second_factor_secrets(
    sqlite_db, monkeypatch, capsys
) -> None:
    admin = make_user("admin")
    staff = make_user("staff")
    with session_scope() as session:
        totp.enable(session, staff, SECRET, code_at(NOW), now=NOW)
    sealed = user_row(staff.username).totp_secret
    code, out, _ = cli(monkeypatch, capsys, "user", "list", "--json", user=admin.username)
    assert code == 0
    rows = {r["username"]: r for r in json.loads(out)["users"]}
    assert rows["sari"]["second_factor"] is True and rows["ani"]["second_factor"] is False
    assert rows["ani"]["role"] == "admin" and rows["ani"]["active"] is True
    assert "$argon2" not in out and SECRET not in out and sealed not in out
    assert not any("hash" in key or "secret" in key for key in rows["ani"])
    code, out, _ = cli(monkeypatch, capsys, "user", "list", user=admin.username)
    assert "sari" in out and "2FA" in out and "$argon2" not in out


def test_admin_disables_enables_resets_and_changes_roles(sqlite_db, monkeypatch, capsys) -> None:
    admin = make_user("admin").username
    make_user("staff")

    def run(*args: str) -> dict:
        code, out, err = cli(monkeypatch, capsys, "user", *args, "--json", user=admin)
        assert code == 0, err
        return json.loads(out)

    assert run("disable", "sari")["user"]["active"] is False
    assert user_row("sari").active is False
    assert run("enable", "sari")["user"]["active"] is True
    version = user_row("sari").session_version
    reset = run("reset-password", "sari", "--generate")
    assert verify_password(user_row("sari").password_hash, reset["generated_password"])
    assert user_row("sari").session_version == version + 1
    assert run("set-role", "sari", "manager")["user"]["role"] == "manager"
    with session_scope() as session:
        totp.enable(session, make_user("manager", "sari"), SECRET, code_at(NOW), now=NOW)
    assert run("reset-second-factor", "sari")["user"]["second_factor"] is False
    with session_scope() as session:
        actions = [e.action for e in session.exec(select(AuditEntry))]
    for action in ("user.disable", "user.enable", "user.reset_password", "user.set_role"):
        assert action in actions
    assert "user.totp_reset" in actions


def test_reset_password_asks_twice(sqlite_db) -> None:
    admin = make_user("admin").username
    make_user("staff")
    result = invoke(["user", "reset-password", "sari"], f"{GOOD}\n{GOOD}\n", user=admin)
    assert result.exit_code == 0, result.output
    assert verify_password(user_row("sari").password_hash, GOOD)


def test_non_admins_are_refused_and_the_refusal_is_audited(sqlite_db, monkeypatch, capsys) -> None:
    make_user("admin")
    manager = make_user("manager").username
    for args in (["list"], ["disable", "ani"], ["add", "baru", "--generate"]):
        code, out, err = cli(monkeypatch, capsys, "user", *args, user=manager)
        assert code == 1 and out == ""
        assert "may not do this: managing users" in one_error(err)
    with session_scope() as session:
        denied = session.exec(select(AuditEntry).where(AuditEntry.outcome == "denied")).all()
    assert len(denied) == 3 and {e.actor_name for e in denied} == {manager}
    assert user_row("ani").active


@pytest.mark.parametrize(
    "args",
    [["list"], ["disable", "sari"], ["add", "kedua", "--role", "admin", "--generate"]],
)
def test_once_a_real_admin_exists_commands_need_an_acting_user(
    sqlite_db, monkeypatch, capsys, args: list[str]
) -> None:
    make_user("admin")
    code, _, err = cli(monkeypatch, capsys, "user", *args)
    assert code == 1 and "--as NAME or PLANNER_USER" in one_error(err)
    code, _, err = cli(monkeypatch, capsys, "user", *args, user="siapa")
    assert code == 1 and "there is no user 'siapa'" in one_error(err)


def test_first_real_admin_after_the_demo_needs_no_acting_user(demo_db, monkeypatch, capsys) -> None:
    code, out, err = cli(
        monkeypatch, capsys, "user", "add", "kepala", "--role", "admin", "--generate", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["user"]["role"] == "admin"
    code, _, err = cli(monkeypatch, capsys, "user", "add", "wakil", "--role", "admin", "--generate")
    assert code == 1 and "--as NAME" in one_error(err)


def test_the_root_as_option_names_the_acting_admin(sqlite_db, monkeypatch, capsys) -> None:
    make_user("admin")
    make_user("staff")
    code, out, err = cli(monkeypatch, capsys, "--as", "ani", "user", "list", "--json")
    assert code == 0, err
    assert [u["username"] for u in json.loads(out)["users"]] == ["ani", "sari"]
    code, _, err = cli(monkeypatch, capsys, "--as", "sari", "user", "list", user="ani")
    assert code == 1 and "managing users" in one_error(err)  # --as wins over PLANNER_USER


def test_unknown_user_and_last_admin_are_one_line(sqlite_db, monkeypatch, capsys) -> None:
    admin = make_user("admin").username
    code, _, err = cli(monkeypatch, capsys, "user", "disable", "nobody", user=admin)
    assert code == 1 and "no user nobody" in one_error(err)
    code, _, err = cli(monkeypatch, capsys, "user", "set-role", admin, "staff", user=admin)
    assert code == 1 and "last admin" in one_error(err)
    code, _, err = cli(monkeypatch, capsys, "user", "set-role", admin, "boss", user=admin)
    assert code == 1 and "Unknown role boss" in one_error(err)
