"""The audit log: append-only, written by services in the same transaction as the change.

Nothing updates or deletes an AuditEntry; the page and the CSV export only read. A refusal
is recorded in its own short transaction (the refused change rolls back, its trace stays).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from planner.models import AuditEntry
from planner.people.actors import Actor


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    obj: tuple[str, Any] | None = None,
    *,
    outcome: str = "ok",
    **detail: Any,
) -> AuditEntry:
    """Add one entry to `session` (committed with the caller's change)."""
    object_type, object_id = obj if obj else ("", "")
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        actor_name=actor.username if actor else "",
        action=str(action),
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        outcome=outcome,
        detail={k: _plain(v) for k, v in detail.items()},
    )
    session.add(entry)
    return entry


def _plain(value: Any) -> Any:
    """JSON-safe values only (datetimes as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def deny(
    actor: Actor | None, action: str, obj: tuple[str, Any] | None = None, **detail: Any
) -> None:
    """Record a permission refusal in its own transaction, so it survives the rollback."""
    from planner.db import session_scope

    with session_scope() as session:
        record(session, actor, action, obj, outcome="denied", **detail)


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page and export narrow by; empty fields mean 'any'."""

    actor_id: int | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    outcome: str = ""
    since: datetime | None = None
    until: datetime | None = None


def entries(
    session: Session, where: AuditFilter | None = None, limit: int = 500
) -> list[AuditEntry]:
    """Newest first."""
    where = where or AuditFilter()
    query = select(AuditEntry)
    if where.actor_id is not None:
        query = query.where(AuditEntry.actor_id == where.actor_id)
    if where.action:
        query = query.where(AuditEntry.action == where.action)
    if where.object_type:
        query = query.where(AuditEntry.object_type == where.object_type)
    if where.object_id:
        query = query.where(AuditEntry.object_id == where.object_id)
    if where.outcome:
        query = query.where(AuditEntry.outcome == where.outcome)
    if where.since is not None:
        query = query.where(AuditEntry.at >= where.since)
    if where.until is not None:
        query = query.where(AuditEntry.at < where.until)
    query = query.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    return list(session.exec(query))


CSV_COLUMNS = ("at", "actor", "action", "object_type", "object_id", "outcome", "detail")


def to_csv(rows: list[AuditEntry]) -> str:
    """The entries as CSV (UTC ISO times), cells that a spreadsheet would run as formulas quoted."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        cells = [
            row.at.isoformat(),
            row.actor_name,
            row.action,
            row.object_type,
            row.object_id,
            row.outcome,
            ";".join(f"{k}={v}" for k, v in sorted(row.detail.items())),
        ]
        writer.writerow([_safe_cell(c) for c in cells])
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Neutralise '=', '+', '-', '@' at the start (CSV formula injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def known_values(session: Session) -> tuple[list[str], list[str]]:
    """The actions and object types the log holds (the audit page's filter choices)."""
    actions = session.exec(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    types = session.exec(select(AuditEntry.object_type).distinct().order_by(AuditEntry.object_type))
    return list(actions), [t for t in types if t]
