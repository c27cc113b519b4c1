"""The training indicator: sessions held, people who came, answers handed in, average score.

Counting rules (docs/training.md): a session counts when it started in the period; attendees
are distinct people marked as present at those sessions (a user by account, an outsider by
name); exercises submitted are answers handed in during the period; the average is of the
trainers' scores (0–100) of those answers, None while none is scored.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from planner.evaluation.training_figures import TrainingFigures
from planner.models import TrainingAttendee, TrainingSubmission
from planner.training.sessions import sessions_between


def participation(session: Session, start: datetime, end: datetime) -> TrainingFigures:
    """Training held in [start, end) as the dashboard and the monthly report read it."""
    held = sessions_between(session, start, end)
    people: set[tuple[str, str]] = set()
    if held:
        present = session.exec(
            select(TrainingAttendee)
            .where(TrainingAttendee.session_id.in_([s.id for s in held]))  # type: ignore[union-attr]
            .where(TrainingAttendee.attended)
        ).all()
        for row in present:
            key = (
                ("user", str(row.user_id))
                if row.user_id
                else ("name", " ".join(row.name.casefold().split()))
            )
            people.add(key)
    answers = session.exec(
        select(TrainingSubmission).where(
            TrainingSubmission.submitted_at >= start, TrainingSubmission.submitted_at < end
        )
    ).all()
    scores = [a.trainer_score for a in answers if a.trainer_score is not None]
    average = round(sum(scores) / len(scores), 1) if scores else None
    return TrainingFigures(len(held), len(people), len(answers), average)
