"""The change counter: has anything a live page shows changed since it last drew?

Every transaction that changes posts, their targets and attempts, notifications, comments,
campaigns or accounts bumps one row (`change_counter`) just before it commits, in the same
transaction. A page remembers the value it drew with and asks again every few seconds: one
primary-key read. The same value means nothing it shows has changed, in this process or any
other (the worker runs in its own process), on SQLite and PostgreSQL alike; cached query
results keyed by the value are then still right.

Why a counter and not max(updated_at): a transaction that began earlier can commit later
with an older timestamp, and a deleted row leaves no timestamp at all; a counter bumped at
commit sees both. The bump takes the row's lock only for the commit itself, so writers
queue on it for microseconds.

The bump is automatic (session events), so no service can forget it: rows added, changed or
deleted through the ORM, and UPDATE/DELETE/INSERT statements run through a session on a
watched table. A statement that changes nothing a person sees (a heartbeat renewing its
leases) says so with `execution_options(**INVISIBLE)`.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from planner.models import ChangeCounter

# What the calendar, queue, inbox, review, drafts and dashboard pages draw.
WATCHED = frozenset(
    {
        "post",
        "post_target",
        "publish_attempt",
        "notification",
        "post_comment",
        "campaign",
        "account",
    }
)
INVISIBLE = {"planner_invisible": True}
_PENDING = "planner_changed"  # session.info flag: this transaction changed something watched
# The first bump of an empty table starts from the clock (in µs), so a counter that starts
# again (an emptied table) never repeats a value a process may still have cached.
_BUMP = text(
    "INSERT INTO change_counter (id, value) VALUES (1, :start) "
    "ON CONFLICT (id) DO UPDATE SET value = change_counter.value + 1"
)


def version(session: Session) -> int:
    """The counter now (0 before the first change)."""
    return session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1)) or 0


def _watched(instance: Any) -> bool:
    return getattr(instance, "__tablename__", None) in WATCHED


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    changed = (
        any(_watched(o) for o in session.new)
        or any(_watched(o) for o in session.deleted)
        or any(_watched(o) and session.is_modified(o) for o in session.dirty)
    )
    if changed:
        session.info[_PENDING] = True


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    if state.execution_options.get("planner_invisible"):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED:
        state.session.info[_PENDING] = True


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer commit bumps once for all of it
    session.flush()  # what commit would flush next, so after_flush has seen all of it
    if session.info.pop(_PENDING, False):
        session.execute(_BUMP, {"start": time.time_ns() // 1000})


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
