"""The programme's third indicator, training and participation, as the dashboard reads it.

The training module (planner.training) answers `participation(session, start, end)`; this is the
one place evaluation asks, so the dashboard and the report need nothing else to show it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from sqlmodel import Session

from planner.evaluation.period import Period


@dataclass(frozen=True)
class TrainingFigures:
    """Training held in a period: what the programme reports as participation."""

    sessions_held: int
    attendees: int
    exercises_submitted: int
    average_score: float | None  # None when nothing was scored


def training_figures(session: Session, period: Period) -> TrainingFigures | None:
    """The period's training figures, or None while this installation has no training module."""
    try:
        module = importlib.import_module("planner.training.participation")
    except ModuleNotFoundError:
        return None
    return module.participation(session, period.start, period.end)
