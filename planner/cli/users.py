"""`planner user …`: add, list, disable, enable, reset-password, set-role, reset-second-factor.

Every command but the very first `user add NAME --role admin` acts as an admin named with
`--as NAME` or PLANNER_USER. Password hashes and second-factor secrets are never printed;
a generated password is printed once, when it is made.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from sqlmodel import Session

from planner.cli.acting import acting_user
from planner.cli.output import JsonOpt, emit
from planner.models import Role, User
from planner.people.actors import Actor

user_app = typer.Typer(no_args_is_help=True, help="People who sign in: add, list, disable, …")

RoleOpt = Annotated[str, typer.Option("--role", help="admin, manager, staff, trainer, trainee.")]
GenerateOpt = Annotated[
    bool, typer.Option("--generate", help="Generate a password and print it once.")
]
NameArg = Annotated[str, typer.Argument(help="User name.")]


@contextmanager
def _managing(actor: Actor | None) -> Iterator[Session]:
    """A database session (the services' guard audits any refusal)."""
    from planner.db import check_connection, session_scope

    check_connection()
    with session_scope() as session:
        yield session


def _ask_password() -> str:
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


def describe(user: User) -> dict[str, Any]:
    """What the command line shows of a person (no hash, no second-factor secret)."""
    from planner.people.demo_accounts import still_demo
    from planner.people.totp import has_second_factor

    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
        "email": user.email,
        "second_factor": has_second_factor(user),
        "demo_password": still_demo(user),
        "last_signin_at": user.last_signin_at,
        "created_at": user.created_at,
    }


def _password_lines(name: str, generated: str | None) -> list[str]:
    if generated is None:
        return []
    return [f"password for {name} (shown once, write it down): {generated}"]


def _result(user: User, generated: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"ok": True, "user": describe(user)}
    if generated is not None:
        data["generated_password"] = generated
    return data


@user_app.command("add")
def add(
    name: NameArg,
    role: RoleOpt = Role.STAFF.value,
    generate: GenerateOpt = False,
    display_name: Annotated[str, typer.Option(help="Name shown in the app.")] = "",
    email: Annotated[str, typer.Option(help="E-mail address for notifications.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Add a person; the password is asked twice, or generated with --generate."""
    from planner.db import check_connection, session_scope
    from planner.people.users import add_user, count_admins

    check_connection()
    with session_scope() as session:
        first_admin = role == Role.ADMIN.value and count_admins(session, real_password=True) == 0
    actor = acting_user(required=not first_admin)
    password = None if generate else _ask_password()
    with _managing(actor) as session:
        user, generated = add_user(
            session, actor, name, role, password, display_name=display_name, email=email
        )
        data = _result(user, generated)
    emit(data, as_json, [f"added {user.username} ({user.role})", *_password_lines(name, generated)])


@user_app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """Everyone who can sign in, with role, state and second factor."""
    from planner.people.guard import check
    from planner.people.roles import Action
    from planner.people.users import list_users

    actor = acting_user(required=True)
    with _managing(actor) as session:
        check(session, actor, Action.MANAGE_USERS, ("user", ""))
        rows = [describe(u) for u in list_users(session)]
    emit({"users": rows}, as_json, [_list_line(r) for r in rows])


def _list_line(row: dict[str, Any]) -> str:
    state = "active" if row["active"] else "disabled"
    second = "2FA" if row["second_factor"] else "-"
    demo = "demo password" if row["demo_password"] else ""
    return f"{row['username']:<20} {row['role']:<8} {state:<8} {second:<3} {demo}".rstrip()


def _set_active(name: str, active: bool, as_json: bool) -> None:
    from planner.people.users import set_active

    actor = acting_user(required=True)
    with _managing(actor) as session:
        user = set_active(session, actor, name, active)
        data = _result(user, None)
    emit(data, as_json, [f"{user.username} {'enabled' if active else 'disabled'}"])


@user_app.command("disable")
def disable(name: NameArg, as_json: JsonOpt = False) -> None:
    """Stop a person signing in; their open sessions end at once."""
    _set_active(name, False, as_json)


@user_app.command("enable")
def enable(name: NameArg, as_json: JsonOpt = False) -> None:
    """Let a disabled person sign in again."""
    _set_active(name, True, as_json)


@user_app.command("reset-password")
def reset_password(name: NameArg, generate: GenerateOpt = False, as_json: JsonOpt = False) -> None:
    """Give a person a new password (asked twice, or generated); their sessions end."""
    from planner.people.users import reset_password as reset

    actor = acting_user(required=True)
    password = None if generate else _ask_password()
    with _managing(actor) as session:
        user, generated = reset(session, actor, name, password)
        data = _result(user, generated)
    lines = [f"new password set for {user.username}", *_password_lines(name, generated)]
    emit(data, as_json, lines)


@user_app.command("set-role")
def set_role(
    name: NameArg,
    role: Annotated[str, typer.Argument(help="admin, manager, staff, trainer, trainee.")],
    as_json: JsonOpt = False,
) -> None:
    """Change what a person may do; their sessions end so it applies at once."""
    from planner.people.users import set_role as change

    actor = acting_user(required=True)
    with _managing(actor) as session:
        user = change(session, actor, name, role)
        data = _result(user, None)
    emit(data, as_json, [f"{user.username} is now {user.role}"])


@user_app.command("reset-second-factor")
def reset_second_factor(name: NameArg, as_json: JsonOpt = False) -> None:
    """Remove a person's second factor (lost phone); they enrol again when they sign in."""
    from planner.people.totp import reset

    actor = acting_user(required=True)
    with _managing(actor) as session:
        user = reset(session, actor, name)
        data = _result(user, None)
    emit(data, as_json, [f"second factor removed for {user.username}"])
