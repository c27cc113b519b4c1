"""A hand-built monthly report (November 2026) for the writers' tests: every number known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from planner.evaluation.report.model import (
    Change,
    DayPoint,
    FeedbackIndicator,
    MeasureRow,
    MonthlyReport,
    PlatformRow,
    ServiceIndicator,
    TopPost,
)
from planner.evaluation.report.sentences import write_sentences
from planner.evaluation.training_figures import TrainingFigures


def november(lang: str = "id", training: TrainingFigures | None = None) -> MonthlyReport:
    """November 2026 against October: reach 1.230 vs 1.000 (+23 %), a gap in clicks."""
    report = MonthlyReport(
        month="2026-11",
        lang=lang,
        library_name="Perpustakaan Kota Pekalongan",
        logo_path=None,
        kpis=(
            Change("posts", 12, 10),
            Change("reach", 1230, 1000),
            Change("impressions", 4567, 5000),
            Change("interactions", 345, 345),
            Change("engagement_rate", 12.5, 11.0),
            Change("clicks", None, 20),
            Change("followers", 2050, 2000),
            Change("follower_growth", 50, 0),
        ),
        platforms=(
            PlatformRow("facebook", 5, 2000, 600, 100, None, 16.7),
            PlatformRow("instagram", 4, 1567, 630, 200, None, 31.7),
            PlatformRow("x", 3, 1000, None, 45, None, 4.5),
        ),
        measures=(
            MeasureRow("facebook", 5, 1200, 30, 100, 16.7, None, 20.0, None),
            MeasureRow("instagram", 4, 850, 20, 200, 31.7, None, 50.0, None),
            MeasureRow("x", 3, None, None, 45, 4.5, None, 15.0, None),
        ),
        top_posts=(
            TopPost(
                7,
                "Dongeng Sabtu Ceria",
                "instagram",
                date(2026, 11, 14),
                150,
                400,
                "https://instagram.com/p/7",
            ),
            TopPost(
                3,
                "Buku baru: Laskar Pelangi",
                "facebook",
                date(2026, 11, 4),
                80,
                300,
                "https://facebook.com/3",
            ),
        ),
        daily=(
            DayPoint(date(2026, 11, 4), "facebook", 100, 600),
            DayPoint(date(2026, 11, 14), "instagram", 200, 630),
            DayPoint(date(2026, 11, 20), "x", 45, None),
        ),
        service=ServiceIndicator(
            visits=Change("visits", 1234, 1000),
            loans=Change("loans", 800, 1000),
            new_members=Change("new_members", 40, None),
            reach=Change("reach", 1230, 1000),
            interactions=Change("interactions", 345, 345),
        ),
        feedback=FeedbackIndicator(
            comments=Change("comments", 38, 30),
            notes=Change("notes", 6, 4),
            positive=Change("positive", 4, 2),
            neutral=Change("neutral", 1, 1),
            negative=Change("negative", 1, 1),
        ),
        training=training,
        simulated=False,
        made_on=date(2026, 12, 1),
    )
    return replace(report, sentences=write_sentences(report))
