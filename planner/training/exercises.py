"""Exercises: the ones each lesson ends with (made from its file) and the trainer's own."""

from __future__ import annotations

from sqlmodel import Session, select

from planner.models import TrainingExercise
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.training.lessons import Lesson


def exercise_from_lesson(
    session: Session, lesson: Lesson, *, actor: Actor, locale: str = "id"
) -> TrainingExercise:
    """The lesson's exercise as a row (made once, then kept in step with the file's brief)."""
    check(session, actor, Action.TRAIN, ("exercise", lesson.exercise.key))
    spec = lesson.exercise
    row = session.exec(select(TrainingExercise).where(TrainingExercise.key == spec.key)).first()
    if row is None:
        row = TrainingExercise(key=spec.key, title="", created_by_id=actor.id)
    row.title = lesson.text("title", locale)
    row.brief = spec.brief.get(locale) or spec.brief["id"]
    row.locale = locale
    row.platforms = list(spec.platforms)
    row.lesson_id = lesson.id
    row.announces_event = spec.announces_event
    row.needs_link = spec.needs_link
    session.add(row)
    session.flush()
    audit.record(session, actor, "training.exercise", ("exercise", row.id), key=spec.key)
    return row


def active_exercises(session: Session) -> list[TrainingExercise]:
    """Exercises a trainee may answer, in the order they were made."""
    query = select(TrainingExercise).where(TrainingExercise.active).order_by(TrainingExercise.id)
    return list(session.exec(query))


def get_exercise(session: Session, exercise_id: int) -> TrainingExercise | None:
    return session.get(TrainingExercise, exercise_id)
