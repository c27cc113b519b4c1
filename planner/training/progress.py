"""What trainers and trainees read back: what the group still gets wrong, a trainee's record."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, select

from planner.models import TrainingExercise, TrainingSubmission
from planner.training.feedback import CHECKS, Item, item_from
from planner.training.submissions import answers_of

ITEM_ORDER = tuple(check.__name__.removeprefix("check_") for check in CHECKS)


def item_averages(session: Session) -> dict[str, tuple[float, int]]:
    """Per checklist item: the average score (0–100) over every answer it applied to, and how
    many; the lowest averages are what the group still gets wrong."""
    totals: dict[str, list[float]] = defaultdict(list)
    for checklist in session.exec(select(TrainingSubmission.checklist)):
        for data in checklist:
            if data.get("score") is not None:
                totals[data["code"]].append(float(data["score"]))
    return {
        code: (round(100 * sum(totals[code]) / len(totals[code]), 1), len(totals[code]))
        for code in ITEM_ORDER
        if totals.get(code)
    }


@dataclass
class ProgressRow:
    """One answer as its trainee sees it."""

    submission: TrainingSubmission
    exercise: str
    advice: list[Item]  # the items that were not met


def progress(session: Session, trainee_id: int) -> list[ProgressRow]:
    """A trainee's answers, newest first, with the advice each one got."""
    rows = []
    for answer in answers_of(session, trainee_id):
        exercise = session.get(TrainingExercise, answer.exercise_id)
        unmet = [item_from(d) for d in answer.checklist if d.get("score") not in (None, 1.0)]
        rows.append(ProgressRow(answer, exercise.title if exercise else "", unmet))
    return rows
