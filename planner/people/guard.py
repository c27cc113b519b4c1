"""The one line a service calls before it changes anything: check, and audit a refusal.

`check` wraps `roles.require` and `check_targets` wraps `roles.require_target`, so every
refusal reaches the audit log before `PermissionDenied` reaches the caller. The refused
change is rolled back first: SQLite lets one writer at a time, and the caller's open
transaction would otherwise keep the refusal's own transaction waiting. A caller that
catches PermissionDenied therefore starts afresh in its session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from planner.models import Account
from planner.people import audit
from planner.people.actors import Actor
from planner.people.roles import (
    Action,
    PermissionDenied,
    Scope,
    require,
    require_target,
    scope,
)

Obj = tuple[str, Any] | None


def check(
    session: Session,
    actor: Actor | None,
    action: Action,
    obj: Obj = None,
    *,
    owner_id: int | None = None,
    owned: bool = False,
) -> Scope:
    """The actor's scope for `action`, or an audited PermissionDenied.

    With `owned`, the object has an owner (`owner_id`, None for work made before sign-in
    existed): an actor limited to their own work is refused anything that is not theirs.
    """
    try:
        granted = require(actor, action, owner_id=owner_id)
        limited = granted in (Scope.OWN, Scope.SANDBOX)
        if owned and limited and (actor is None or owner_id is None or owner_id != actor.id):
            raise PermissionDenied(actor, action, "not_own")  # type: ignore[arg-type]
    except PermissionDenied as exc:
        refused(session, actor, action, obj, reason=exc.reason or "role")
        raise
    return granted


def check_targets(
    session: Session,
    actor: Actor | None,
    action: Action,
    accounts: Iterable[Account],
    obj: Obj = None,
) -> None:
    """`check`, and refuse (audited) any live account to an actor limited to sandboxes."""
    check(session, actor, action, obj)
    for account in accounts:
        if not may_target(actor, action, account):
            refused(session, actor, action, obj, reason="live_account", account_id=account.id)
            raise PermissionDenied(actor, action, "live_account")  # type: ignore[arg-type]


def may(actor: Actor | None, action: Action, *, owner_id: int | None = None) -> bool:
    """Whether `check(..., owned=True)` would pass for an object owned by `owner_id` (pages)."""
    granted = scope(actor, action) if actor is not None else None
    if granted is None:
        return False
    return granted == Scope.ANY or (owner_id is not None and owner_id == actor.id)


def may_target(actor: Actor | None, action: Action, account: Account) -> bool:
    """Whether `account` may be offered as a target of `action` (pages and pickers)."""
    try:
        require_target(actor, action, is_sandbox=account.is_sandbox)  # type: ignore[arg-type]
    except PermissionDenied:
        return False
    return True


def refused(
    session: Session | None, actor: Actor | None, action: str, obj: Obj = None, **detail: Any
) -> None:
    """Roll back the refused change and record the refusal in its own transaction."""
    if session is None:
        audit.deny(actor, action, obj, **detail)
        return
    session.rollback()
    with Session(session.get_bind()) as own:
        audit.record(own, actor, action, obj, outcome="denied", **detail)
        own.commit()
