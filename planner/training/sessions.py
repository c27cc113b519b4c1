"""Training sessions: when, topic, lessons, trainer, who was expected and who came."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from planner.models import (
    TrainingAttendee,
    TrainingSession,
    TrainingSessionExercise,
    TrainingSubmission,
    User,
)
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.training.errors import TrainingError


@dataclass
class Person:
    """An attendee: a user (by id) or an outsider by name."""

    user_id: int | None = None
    name: str = ""
    organisation: str = ""
    attended: bool = True


@dataclass
class SessionInput:
    starts_at: datetime
    topic: str
    place: str = ""
    lessons: list[str] = field(default_factory=list)
    trainer_id: int | None = None
    note: str = ""
    attendees: list[Person] = field(default_factory=list)
    exercise_ids: list[int] = field(default_factory=list)


def add_session(session: Session, *, actor: Actor, data: SessionInput) -> TrainingSession:
    """Record a session with its attendees (and whether they came) and its exercises."""
    check(session, actor, Action.TRAIN, ("training_session", None))
    if not data.topic.strip():
        raise TrainingError("session_topic")
    if any(p.user_id is None and not p.name.strip() for p in data.attendees):
        raise TrainingError("attendee_name")
    row = TrainingSession(
        starts_at=data.starts_at,
        topic=data.topic.strip(),
        place=data.place.strip(),
        lessons=list(data.lessons),
        trainer_id=data.trainer_id if data.trainer_id is not None else actor.id,
        note=data.note,
    )
    session.add(row)
    session.flush()
    for person in data.attendees:
        session.add(
            TrainingAttendee(
                session_id=row.id,
                user_id=person.user_id,
                name=person.name.strip(),
                organisation=person.organisation.strip(),
                attended=person.attended,
            )
        )
    for exercise_id in dict.fromkeys(data.exercise_ids):
        session.add(TrainingSessionExercise(session_id=row.id, exercise_id=exercise_id))
    session.flush()
    audit.record(session, actor, "training.session", ("training_session", row.id), topic=row.topic)
    return row


def set_attendance(
    session: Session, *, actor: Actor, attendee_id: int, attended: bool
) -> TrainingAttendee:
    """Mark whether one expected attendee came."""
    check(session, actor, Action.TRAIN, ("training_attendee", attendee_id))
    row = session.get(TrainingAttendee, attendee_id)
    if row is None:
        raise TrainingError("attendee_name")
    row.attended = attended
    session.add(row)
    audit.record(
        session, actor, "training.attendance", ("training_attendee", row.id), attended=attended
    )
    return row


def people_to_invite(session: Session) -> dict[int, str]:
    """Active users by id and name, for a session's attendee list."""
    query = select(User).where(User.active).order_by(User.username)
    return {u.id: u.display_name or u.username for u in session.exec(query)}


def sessions_between(session: Session, start: datetime, end: datetime) -> list[TrainingSession]:
    """Sessions that started in [start, end), oldest first."""
    query = (
        select(TrainingSession)
        .where(TrainingSession.starts_at >= start, TrainingSession.starts_at < end)
        .order_by(TrainingSession.starts_at)
    )
    return list(session.exec(query))


def all_sessions(session: Session) -> list[TrainingSession]:
    """Every session, newest first."""
    return list(
        session.exec(select(TrainingSession).order_by(col(TrainingSession.starts_at).desc()))
    )


def attendees(session: Session, session_id: int) -> list[TrainingAttendee]:
    query = select(TrainingAttendee).where(TrainingAttendee.session_id == session_id)
    return list(session.exec(query.order_by(TrainingAttendee.id)))


def attendee_name(session: Session, row: TrainingAttendee) -> str:
    """How an attendee is shown: the user's name, else the name typed in."""
    if row.user_id is not None:
        user = session.get(User, row.user_id)
        if user is not None:
            return user.display_name or user.username
    return row.name


def session_exercises(session: Session, session_id: int) -> list[int]:
    query = select(TrainingSessionExercise.exercise_id).where(
        TrainingSessionExercise.session_id == session_id
    )
    return list(session.exec(query))


def session_submissions(session: Session, session_id: int) -> list[TrainingSubmission]:
    query = select(TrainingSubmission).where(TrainingSubmission.session_id == session_id)
    return list(session.exec(query))


CSV_COLUMNS = (
    "session_id",
    "starts_at_utc",
    "topic",
    "place",
    "trainer",
    "lessons",
    "attendee",
    "user",
    "organisation",
    "attended",
)


def export_csv(session: Session, start: datetime, end: datetime) -> str:
    """Sessions in [start, end) and their attendance, one row per attendee (UTF-8 CSV)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in sessions_between(session, start, end):
        trainer = session.get(User, row.trainer_id) if row.trainer_id else None
        people = attendees(session, row.id) or [None]
        for person in people:
            user = session.get(User, person.user_id) if person and person.user_id else None
            writer.writerow(
                (
                    row.id,
                    row.starts_at.strftime("%Y-%m-%d %H:%M"),
                    row.topic,
                    row.place,
                    trainer.username if trainer else "",
                    " ".join(row.lessons),
                    attendee_name(session, person) if person else "",
                    user.username if user else "",
                    person.organisation if person else "",
                    ("yes" if person.attended else "no") if person else "",
                )
            )
    return out.getvalue()
