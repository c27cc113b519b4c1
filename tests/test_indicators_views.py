"""The indicators' views against a hand-computed fixture, on SQLite and PostgreSQL.

Module under test: planner.evaluation.indicators.views (over
planner.evaluation.indicators.promotion). The fixture has gaps (a figure a platform did not
report), a late-arriving snapshot, a dry run, cancelled and deleted posts, two X accounts,
a post linked through its campaign, and posts either side of the local month boundary.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from planner.db import session_scope
from planner.evaluation.indicators.promotion import Promotion, total
from planner.evaluation.indicators.views import indicators_view
from planner.evaluation.period import month_period
from planner.models import (
    Campaign,
    FeedbackNote,
    MetricSnapshot,
    Post,
    PostTarget,
    ServiceMonth,
)
from planner.scheduling import delete_post
from tests.factories import add_account, add_event, add_target
from tests.people_helpers import ADMIN

NOV = month_period("2026-11")


def _published(session, account, post, at, remote="r", **kw) -> PostTarget:
    return add_target(
        session, account, at, post=post, status="published", published_at=at,
        remote_id=f"{remote}-{post.id}-{account.id}", **kw,
    )  # fmt: skip


def _snap(session, target, taken_at, **figures) -> None:
    session.add(MetricSnapshot(target_id=target.id, taken_at=taken_at, **figures))
    session.flush()


def _post(session, **kw) -> Post:
    post = Post(title=kw.pop("title", "t"), status=kw.pop("status", "published"), **kw)
    session.add(post)
    session.flush()
    return post


def build() -> dict[str, int]:
    """The fixture; returns the events' ids."""
    with session_scope() as s:
        x1, x2 = add_account(s, "x", name="X satu"), add_account(s, "x", name="X dua")
        fb, ig = add_account(s, "facebook"), add_account(s, "instagram")
        a = add_event(s, key="a", title="Dongeng", starts_at=datetime(2026, 11, 20, 2, tzinfo=UTC))
        a.attendance = 40
        b = add_event(s, key="b", title="Lomba", starts_at=datetime(2026, 11, 25, 2, tzinfo=UTC))
        c = add_event(s, key="c", title="Bazar", starts_at=datetime(2026, 12, 5, 2, tzinfo=UTC))
        d = add_event(s, key="d", title="Kelas", starts_at=datetime(2026, 11, 3, 2, tzinfo=UTC))
        camp_a = Campaign(name="Kampanye Dongeng", event_id=a.id)
        camp_b = Campaign(name="Kampanye Lomba", event_id=b.id)
        s.add_all([camp_a, camp_b])
        s.flush()
        at = datetime(2026, 11, 10, 3, tzinfo=UTC)
        # P1 (event A itself): two X accounts; the second does not report reach or saves.
        p1 = _post(s, event_id=a.id)
        t = _published(s, x1, p1, at)
        _snap(s, t, at + timedelta(hours=1), reach=100, likes=5, comments=0, shares=0, clicks=1)
        _snap(
            s, t, at + timedelta(hours=24),
            reach=300, likes=10, comments=2, shares=1, saves=None, clicks=4,
        )  # fmt: skip
        t = _published(s, x2, p1, at)
        _snap(s, t, at + timedelta(hours=24), likes=3, comments=1, shares=0, clicks=1)
        add_target(s, fb, at, post=p1, status="cancelled")  # never went out
        # P2 (through campaign A): a snapshot stored later but taken earlier is not the latest.
        p2 = _post(s, campaign_id=camp_a.id)
        t = _published(s, ig, p2, datetime(2026, 11, 15, 3, tzinfo=UTC))
        _snap(s, t, datetime(2026, 11, 16, tzinfo=UTC), reach=500, likes=20, comments=5, saves=2)
        _snap(s, t, datetime(2026, 11, 15, 4, tzinfo=UTC), reach=9999, likes=999, comments=99)
        # P3: a dry run reached nobody; P4 a draft; P6 cancelled; P5 scheduled, then deleted.
        p3 = _post(s, event_id=a.id)
        t = _published(s, x1, p3, at, remote="dryrun")
        _snap(s, t, at + timedelta(hours=2), reach=7777, likes=77)
        add_target(s, x1, at, post=_post(s, event_id=a.id, status="draft"), status="draft")
        p6 = _post(s, event_id=a.id, status="cancelled")
        add_target(s, x1, at, post=p6, status="cancelled")
        p5 = _post(s, event_id=a.id, status="scheduled")
        add_target(s, x2, at + timedelta(days=30), post=p5, status="scheduled")
        p5_id = p5.id
        # P7 (campaign B): published, no snapshot yet — every figure is a gap.
        _published(s, x1, _post(s, campaign_id=camp_b.id), datetime(2026, 11, 20, 3, tzinfo=UTC))
        # P8 (event C, in December): published in November on a sandbox page (simulated).
        t = _published(s, fb, _post(s, event_id=c.id), datetime(2026, 11, 28, 3, tzinfo=UTC))
        _snap(
            s, t, datetime(2026, 11, 29, tzinfo=UTC),
            reach=50, likes=4, comments=1, clicks=2, simulated=True,
        )  # fmt: skip
        # P9: 1 November 01.00 WIB (still 31 October in UTC) belongs to November.
        t = _published(s, x2, _post(s), datetime(2026, 10, 31, 18, tzinfo=UTC))
        _snap(s, t, datetime(2026, 11, 2, tzinfo=UTC), reach=10, likes=1, comments=0)
        # P10: 31 October 23.00 WIB belongs to October; only comments and reach reported.
        t = _published(s, x2, _post(s), datetime(2026, 10, 31, 16, tzinfo=UTC))
        _snap(s, t, datetime(2026, 11, 1, tzinfo=UTC), reach=20, comments=3)
        s.add(ServiceMonth(month="2026-11", visits=1200, loans=800))
        s.add(ServiceMonth(month="2026-10", visits=1000, loans=700, new_members=25, note="libur"))
        s.add_all(
            [
                FeedbackNote(noted_on=date(2026, 11, 1), sentiment="positive", source="front_desk"),
                FeedbackNote(noted_on=date(2026, 11, 30), sentiment="positive", source="survey"),
                FeedbackNote(
                    noted_on=date(2026, 11, 12), sentiment="negative", source="front_desk"
                ),
                FeedbackNote(noted_on=date(2026, 10, 31), sentiment="neutral", source="survey"),
                FeedbackNote(noted_on=date(2026, 12, 1), sentiment="negative", source="survey"),
            ]
        )
        ids = {"a": a.id, "b": b.id, "c": c.id, "d": d.id}
    with session_scope() as s:
        delete_post(s, p5_id, actor=ADMIN)
    return ids


def test_each_event_sets_its_promotion_beside_its_attendance(any_db: str) -> None:
    ids = build()
    with session_scope() as s:
        view = indicators_view(s, NOV, months=3)
    by_title = {e.title: e for e in view.events}
    assert [e.title for e in view.events] == ["Kelas", "Dongeng", "Lomba"]  # by start; not C
    a = by_title["Dongeng"]
    assert (a.event_id, a.attendance) == (ids["a"], 40)
    # reach 300 + (X dua: not reported) + 500; interactions: likes 33, comments 8, shares 1,
    # saves 2, clicks 5.
    assert a.promotion == Promotion(
        posts=2, publications=3, reach=800, interactions=49, clicks=5, comments=8
    )
    assert by_title["Lomba"].promotion == Promotion(posts=1, publications=1)  # all gaps
    assert by_title["Lomba"].attendance is None
    assert by_title["Kelas"].promotion == Promotion()  # no posts at all


def test_each_month_sets_service_use_beside_its_promotion(any_db: str) -> None:
    build()
    with session_scope() as s:
        months = indicators_view(s, NOV, months=3).months
    assert [m.month for m in months] == ["2026-09", "2026-10", "2026-11"]
    sep, oct_, nov = months
    assert (sep.visits, sep.loans, sep.new_members, sep.promotion) == (
        None,
        None,
        None,
        Promotion(),
    )
    assert (oct_.visits, oct_.loans, oct_.new_members, oct_.note) == (1000, 700, 25, "libur")
    assert oct_.promotion == Promotion(
        posts=1, publications=1, reach=20, interactions=3, comments=3
    )
    assert (nov.visits, nov.loans, nov.new_members) == (1200, 800, None)
    # P1 (2 targets), P2, P7, P8 and P9; reach 300+500+50+10; likes 38, comments 9, shares 1,
    # saves 2, clicks 7; P8's figures are simulated.
    assert nov.promotion == Promotion(
        posts=5, publications=6, reach=860, interactions=57, clicks=7, comments=9, simulated=True
    )


def test_feedback_per_month_counts_platform_comments_and_notes(any_db: str) -> None:
    build()
    with session_scope() as s:
        feedback = indicators_view(s, NOV, months=3).feedback
    assert [(f.month, f.comments, f.notes) for f in feedback] == [
        ("2026-09", None, 0),
        ("2026-10", 3, 1),
        ("2026-11", 9, 3),
    ]
    nov = feedback[2]
    assert nov.sentiments == {"positive": 2, "neutral": 0, "negative": 1}
    assert nov.sources == {"front_desk": 2, "survey": 1}
    assert feedback[1].sentiments == {"positive": 0, "neutral": 1, "negative": 0}


def test_training_is_none_until_the_training_module_exists(any_db: str) -> None:
    import importlib.util

    with session_scope() as s:
        view = indicators_view(s, NOV, months=1)
    if importlib.util.find_spec("planner.training") is None:
        assert view.training is None
    assert view.events == [] and [m.month for m in view.months] == ["2026-11"]


def test_a_total_is_not_reported_only_when_nothing_was_reported() -> None:
    assert total([None, None]) is None
    assert total([0, None]) == 0
    assert total([3, None, 4]) == 7
