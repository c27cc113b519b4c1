"""Who runs a command that needs a person: `--as NAME` or the PLANNER_USER variable.

The root callback stores a `--as` value with `set_acting_name` (or in `ctx.obj["as"]`);
PLANNER_USER is read from the environment only, never from `.env`, so a stray file cannot
make every command act as an admin. The command line trusts the name: whoever can run it
on the server can read the database anyway.
"""

from __future__ import annotations

import os

import click

from planner.cli.errors import UserError
from planner.people.actors import Actor

ENV = "PLANNER_USER"
_acting_name: str | None = None


def set_acting_name(name: str | None) -> None:
    """Remember the root `--as` value for this invocation."""
    global _acting_name
    _acting_name = name or None


def _named() -> str:
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    from_ctx = obj.get("as") if isinstance(obj, dict) else None
    return (from_ctx or _acting_name or os.environ.get(ENV, "")).strip()


def acting_user(required: bool) -> Actor | None:
    """The acting person, or None when nobody was named and `required` is False."""
    from planner.db import session_scope
    from planner.people.actors import actor_of
    from planner.people.users import find_user

    name = _named()
    if not name:
        if required:
            raise UserError(f"name the person acting with --as NAME or {ENV}=NAME")
        return None
    with session_scope() as session:
        user = find_user(session, name)
        if user is None or not user.active:
            raise UserError(f"{name} is not an active user (--as / {ENV})")
        return actor_of(user)
