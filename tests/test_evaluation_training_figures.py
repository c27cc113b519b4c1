"""The training indicator plugs in: absent module → None (the dashboard explains the zero)."""

from __future__ import annotations

import importlib
import sys

from planner.evaluation.period import month_period
from planner.evaluation.training_figures import TrainingFigures, training_figures


def test_without_a_training_module_the_indicator_is_not_invented(monkeypatch) -> None:
    real = importlib.import_module

    def without_training(name: str, *args, **kwargs):
        if name == "planner.training.participation":
            raise ModuleNotFoundError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", without_training)
    assert training_figures(None, month_period("2026-11")) is None


def test_the_training_module_answers_for_the_period(monkeypatch) -> None:
    seen = {}

    class Participation:
        @staticmethod
        def participation(session, start, end):
            seen["span"] = (start, end)
            return TrainingFigures(2, 15, 9, 78.5)

    monkeypatch.setitem(sys.modules, "planner.training.participation", Participation)
    nov = month_period("2026-11")
    assert training_figures(None, nov) == TrainingFigures(2, 15, 9, 78.5)
    assert seen["span"] == (nov.start, nov.end)
