"""The monthly report's values from the hand-counted month (tests/evaluation_fixtures.py) plus
service figures and feedback notes, on SQLite and PostgreSQL: the numbers the dashboard's
queries give, set beside October, and each section's sentence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planner.db import session_scope
from planner.evaluation.period import PeriodError
from planner.evaluation.report.monthly import build_monthly
from planner.evaluation.training_figures import TrainingFigures
from planner.models import FeedbackNote, ServiceMonth
from planner.people.roles import PermissionDenied
from tests.evaluation_fixtures import load_month
from tests.people_helpers import make_user

MADE = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def load_indicators(session) -> None:
    """Service use for October and November; feedback notes (one in October, three after)."""
    session.add(ServiceMonth(month="2026-10", visits=1000, loans=1000, new_members=None))
    session.add(ServiceMonth(month="2026-11", visits=1234, loans=800, new_members=40))
    for day, sentiment in (
        (date(2026, 10, 30), "neutral"),
        (date(2026, 11, 1), "positive"),
        (date(2026, 11, 21), "positive"),
        (date(2026, 11, 30), "negative"),
        (date(2026, 12, 1), "negative"),  # December: not in the report
    ):
        session.add(FeedbackNote(noted_on=day, source="meja layanan", sentiment=sentiment))
    session.flush()


@pytest.fixture
def month(any_db: str) -> dict:
    with session_scope() as session:
        ids = load_month(session)
        load_indicators(session)
        return ids


def test_summary_figures_beside_october(month) -> None:
    with session_scope() as session:
        report = build_monthly(session, "2026-11", "id", now=MADE)
    got = {k.key: (k.current, k.previous) for k in report.kpis}
    assert got["posts"] == (4, 1)
    assert got["reach"] == (1600, 100)
    assert got["interactions"] == (45 + 9 + 12 + 115, 6)
    assert got["clicks"] == (11, 1)
    assert got["followers"] == (1800, 1000)
    assert got["engagement_rate"][0] == pytest.approx((45 + 9 + 115) / 1900 * 100)
    assert report.simulated  # the sandbox Instagram post
    assert report.made_on == date(2026, 12, 1)
    assert report.library_name == "Perpustakaan Kota Pekalongan"
    assert report.logo_path is not None and Path(report.logo_path).is_file()  # the brand kit's
    assert report.sentences["summary"] == "Jangkauan naik 1.500 % dibanding Oktober 2026."


def test_tables_per_platform_day_and_post(month) -> None:
    with session_scope() as session:
        report = build_monthly(session, "2026-11", "id", now=MADE)
    rows = {r.platform: (r.posts, r.reach, r.interactions, r.impressions) for r in report.platforms}
    # X: P1 and the midnight post P7 (no figures yet); Facebook's reach is a gap, never 0.
    assert rows == {
        "x": (2, 600, 45, 1000),
        "facebook": (2, None, 21, 300),
        "instagram": (1, 1000, 115, 1500),
    }
    assert [(p.title, p.platform, p.interactions) for p in report.top_posts] == [
        ("Jam layanan", "instagram", 115),
        ("Dongeng Sabtu", "x", 45),
        ("Laskar Pelangi", "facebook", 12),
        ("Dongeng Sabtu", "facebook", 9),
    ]
    assert report.top_posts[2].published_on == date(2026, 11, 11)  # 10 Nov 20:00 UTC = 11 Nov WIB
    assert {(d.day, d.platform): d.interactions for d in report.daily}[
        (date(2026, 11, 20), "instagram")
    ] == 115
    assert {m.platform: (m.posts, m.followers) for m in report.measures} == {
        "x": (2, 1200),
        "facebook": (2, 520),
        "instagram": (1, 80),
    }
    assert report.sentences["platforms"] == (
        "Instagram memberi interaksi terbanyak: 63,5 % dari seluruh interaksi."
    )
    assert report.sentences["charts"] == (
        "Interaksi tertinggi pada Jumat, 20 November 2026: 115 interaksi."
    )
    assert report.sentences["top_posts"] == (
        "Unggahan teratas adalah \u201cJam layanan\u201d di Instagram dengan 115 interaksi."
    )


def test_the_three_indicators(month) -> None:
    with session_scope() as session:
        report = build_monthly(session, "2026-11", "en", now=MADE)
    s = report.service
    assert (s.visits.current, s.visits.previous) == (1234, 1000)
    assert (s.new_members.current, s.new_members.previous) == (40, None)
    f = report.feedback
    assert (f.notes.current, f.notes.previous) == (3, 1)
    assert (f.positive.current, f.negative.current, f.neutral.previous) == (2, 1, 1)
    # The training module is installed; the fixture month held no session.
    assert report.training == TrainingFigures(0, 0, 0, None)
    assert report.sentences["service"] == "Visits rose 23.4 % compared with October 2026."
    assert report.sentences["feedback"].startswith(
        "3 feedback notes (2 positive, 0 neutral, 1 negative); comments on the platforms: "
    )
    assert report.sentences["training"] == "No training sessions were held in November 2026."


def test_without_a_training_module_the_report_says_so(month, monkeypatch) -> None:
    import planner.evaluation.report.monthly as monthly

    monkeypatch.setattr(monthly, "training_figures", lambda session, period: None)
    with session_scope() as session:
        report = build_monthly(session, "2026-11", "en", now=MADE)
    assert report.training is None
    assert report.sentences["training"].startswith("This installation has no training module")


def test_an_empty_month_says_so(any_db: str) -> None:
    with session_scope() as session:
        report = build_monthly(session, "2025-01", "id", now=MADE)
    assert report.platforms == () and report.top_posts == () and report.daily == ()
    assert report.kpi("reach").current is None
    assert report.sentences["summary"] == "Tidak ada unggahan yang terpublikasi pada Januari 2025."
    assert report.sentences["service"].startswith("Angka layanan Januari 2025")


@pytest.mark.parametrize("month", ["2026-13", "11-2026", "", "2026-1"])
def test_a_month_that_is_not_one_is_refused(sqlite_db: str, month: str) -> None:
    with session_scope() as session, pytest.raises(PeriodError, match="YYYY-MM"):
        build_monthly(session, month, "id")


def test_reading_needs_the_dashboard_right(sqlite_db: str) -> None:
    trainee, manager = make_user("trainee"), make_user("manager")
    with session_scope() as session:
        assert build_monthly(session, "2026-11", "id", actor=manager).month == "2026-11"
    with session_scope() as session, pytest.raises(PermissionDenied):
        build_monthly(session, "2026-11", "id", actor=trainee)
