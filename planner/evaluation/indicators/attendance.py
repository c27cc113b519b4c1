"""Attendance per event: how many people came, entered once the event has begun."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from planner.evaluation.indicators.errors import IndicatorError
from planner.evaluation.indicators.parsing import check_count
from planner.evaluation.period import Period
from planner.models import Event, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action


def set_attendance(
    session: Session,
    event_id: int,
    attendance: int | None,
    *,
    actor: Actor,
    now: datetime | None = None,
) -> Event:
    """Record (or, with None, clear) the number of people who came to an event; audited.

    An event that has not begun has nobody to count yet: refused, so a typo in the event
    number does not put a figure on next month's programme.
    """
    check(session, actor, Action.RECORD_INDICATORS, ("event", event_id))
    event = session.get(Event, event_id)
    if event is None:
        raise IndicatorError("no_event", id=event_id)
    check_count(attendance, "attendance")
    if attendance is not None and event.starts_at > (now or utcnow()):
        raise IndicatorError("event_not_begun", title=event.title)
    before = event.attendance
    event.attendance = attendance
    event.updated_at = utcnow()
    session.add(event)
    audit.record(
        session,
        actor,
        Action.RECORD_INDICATORS.value,
        ("event", event.id),
        attendance=attendance,
        before=before,
    )
    session.flush()
    return event


def events_in(session: Session, period: Period) -> list[Event]:
    """The events that start in `period`, in order (the attendance list)."""
    query = (
        select(Event)
        .where(col(Event.starts_at) >= period.start, col(Event.starts_at) < period.end)
        .order_by(col(Event.starts_at), col(Event.id))
    )
    return list(session.exec(query).all())
