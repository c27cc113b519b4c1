"""Who a command acts as: `--as NAME` or PLANNER_USER for people, SYSTEM for the machine.

Commands that change data resolve the person once (unknown or disabled: one clear line,
exit 1) and hand the actor to the services, which check the role. `worker`, `serve`,
`init` and `demo` run as the system, like the embedded worker in the app.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.errors import UserError
from planner.people.actors import Actor

_chosen: dict[str, str | None] = {"name": None}

AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        envvar="PLANNER_USER",
        help="The user name commands that change data act as (or set PLANNER_USER).",
        show_envvar=True,
    ),
]


def root(as_user: AsOpt = None) -> None:
    """Library social media planner."""
    _chosen["name"] = (as_user or "").strip() or None


def reading_user() -> Actor:
    """Who a read-only command shows things to: the --as person, else the system.

    Without --as the reader is whoever has a shell on the server, who can read the database
    anyway; with --as a trainee sees only their own posts, as in the app.
    """
    from planner.people.actors import SYSTEM

    return acting_user() if _chosen["name"] else SYSTEM


def acting_user(required: bool = True) -> Actor | None:
    """The person given with --as or PLANNER_USER, checked to exist and be enabled.

    With `required=False` nobody named gives None (the first admin of an installation).
    """
    from planner.db import session_scope
    from planner.people.actors import actor_of
    from planner.people.users import find_user

    name = _chosen["name"]
    if not name and not required:
        return None
    if not name:
        raise UserError("this command changes data: say who you are with --as NAME or PLANNER_USER")
    with session_scope() as session:
        user = find_user(session, name)
        if user is None:
            raise UserError(f"there is no user {name!r} (see the admin for an account)")
        if not user.active:
            raise UserError(f"user {name!r} is disabled")
        return actor_of(user)
