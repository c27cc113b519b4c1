"""The dashboard's queries against a hand-counted month (tests/evaluation_fixtures.py), on
SQLite and PostgreSQL, and each compared once with the same aggregate written as raw SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from planner.db import session_scope
from planner.evaluation import queries as q
from planner.evaluation.filters import Filters
from planner.evaluation.period import Period, month_period
from tests.evaluation_fixtures import load_month

NOV = Filters(month_period("2026-11"))


@pytest.fixture
def month(any_db: str) -> dict:
    with session_scope() as session:
        return load_month(session)


def kpi_map(session, filters) -> dict[str, q.Kpi]:
    return {k.key: k for k in q.kpis(session, filters)}


def test_kpis_add_the_latest_figures_and_skip_gaps(month) -> None:
    with session_scope() as session:
        k = kpi_map(session, NOV)
    # P1 (two targets), P2, P3 and P7 (no figures yet) went out in local November.
    assert k["posts"].value == 4
    assert k["reach"].value == 600 + 1000  # Facebook's and P2's latest reach are gaps
    assert k["impressions"].value == 1000 + 300 + 1500
    # Latest snapshots: 30+3+5+7, 8+1, 6+0+2+4 (comments a gap), 100+10+0+5.
    assert k["interactions"].value == 45 + 9 + 12 + 115
    assert k["clicks"].value == 7 + 4
    # P2's latest has neither reach nor impressions, so its 12 are left out of the rate.
    assert k["engagement_rate"].value == pytest.approx((45 + 9 + 115) / (600 + 300 + 1000))
    assert k["engagement_rate"].basis == "mixed"
    assert k["interactions"].simulated  # the sandbox Instagram post is in it
    # October: P5 alone.
    assert (k["posts"].previous, k["reach"].previous, k["interactions"].previous) == (1, 100, 6)
    assert k["reach"].change_pct == pytest.approx(1500.0)
    assert k["followers"].value == 1200 + 520 + 80
    assert k["follower_growth"].value == 200 + 20 + 30
    assert k["followers"].previous == 1000
    assert k["follower_growth"].previous == 0
    assert k["follower_growth"].change_pct is None  # nothing to divide by


def test_filters_narrow_every_figure(month) -> None:
    acc = month["accounts"]
    cases = [
        (Filters(NOV.period, platforms=("facebook",)), 2, 9 + 12, None),
        (Filters(NOV.period, account_ids=(acc["fb2"],)), 1, 12, None),
        (Filters(NOV.period, template_ids=("event_poster",)), 1, 45 + 9, 600),
        (Filters(NOV.period, campaign_ids=(month["campaign"],)), 1, 45 + 9, 600),
        (Filters(NOV.period, author_ids=(month["author"],)), 1, 12, None),
        (Filters(NOV.period, platforms=("instagram",)), 1, 115, 1000),
    ]
    with session_scope() as session:
        for filters, posts, interactions, reach in cases:
            s = q.summary(session, filters)
            assert (s["posts"], s["interactions"], s["reach"]) == (posts, interactions, reach)
            assert s["simulated"] == (filters.platforms == ("instagram",))
        fb = q.summary(session, cases[0][0])
    assert fb["engagement_rate"] == pytest.approx(9 / 300)
    assert fb["rate_basis"] == "impressions"


def test_an_empty_period_has_gaps_not_zeros(month) -> None:
    with session_scope() as session:
        k = kpi_map(session, Filters(month_period("2025-01")))
    assert k["posts"].value == 0
    assert k["reach"].value is None and k["engagement_rate"].value is None
    assert k["followers"].value is None


def test_series_by_local_day_and_week(month) -> None:
    with session_scope() as session:
        days = q.series(session, NOV)
        weeks = q.series(session, NOV, bucket="week")
    got = [(r["bucket"], r["platform"], r["targets"], r["interactions"]) for r in days]
    assert got == [
        (date(2026, 11, 1), "x", 1, None),  # 31 Oct 17:35 UTC, no snapshot yet
        (date(2026, 11, 3), "facebook", 1, 9),
        (date(2026, 11, 3), "x", 1, 45),
        (date(2026, 11, 11), "facebook", 1, 12),
        (date(2026, 11, 20), "instagram", 1, 115),
    ]
    assert [r["simulated"] for r in days] == [False, False, False, False, True]
    assert [(r["bucket"], r["platform"]) for r in weeks] == [
        (date(2026, 10, 26), "x"),
        (date(2026, 11, 2), "facebook"),
        (date(2026, 11, 2), "x"),
        (date(2026, 11, 9), "facebook"),
        (date(2026, 11, 16), "instagram"),
    ]


def test_by_age_uses_each_targets_first_snapshot_at_that_age(month) -> None:
    with session_scope() as session:
        rows = q.by_age(session, NOV)
    got = {(r["age"], r["platform"]): (r["targets"], r["interactions"], r["reach"]) for r in rows}
    assert got == {
        ("1h", "x"): (1, 16, 100),
        ("24h", "facebook"): (2, 9 + 12, 50),
        ("24h", "instagram"): (1, 115, 1000),
        ("24h", "x"): (1, 31, 400),  # the late 30 h one, not the 48 h one
        ("7d", "facebook"): (1, 12, None),
        ("7d", "x"): (1, 45, 600),
    }
    assert [r["age"] for r in rows] == ["1h", "24h", "24h", "24h", "7d", "7d"]


def test_by_template_and_kind(month) -> None:
    with session_scope() as session:
        templates = {r["template_id"]: r["interactions"] for r in q.by_template(session, NOV)}
        kinds = {r["kind"]: (r["posts"], r["interactions"]) for r in q.by_kind(session, NOV)}
    assert templates == {None: 115, "event_poster": 54, "book_of_week": 12}
    assert kinds == {"event": (1, 54), "collection": (1, 12), "service": (2, 115)}


def test_top_posts(month) -> None:
    with session_scope() as session:
        top = q.top_posts(session, NOV)
    assert [(r["title"], r["platform"], r["interactions"]) for r in top] == [
        ("Jam layanan", "instagram", 115),
        ("Dongeng Sabtu", "x", 45),
        ("Laskar Pelangi", "facebook", 12),
        ("Dongeng Sabtu", "facebook", 9),
    ]
    assert top[0]["simulated"] and not top[1]["simulated"]
    assert top[1]["remote_url"] == f"https://example.org/{month['posts']['p1']}/" + str(
        month["accounts"]["x"]
    )


def test_audience(month) -> None:
    with session_scope() as session:
        rows = q.audience_summary(session, NOV)
        series = q.audience_series(session, Filters(NOV.period, platforms=("x",)))
    got = {r["account"]: (r["followers_start"], r["followers_end"], r["growth"]) for r in rows}
    assert got == {"X Perpus": (1000, 1200, 200), "FB Perpus": (500, 520, 20),
                   "IG Latihan": (50, 80, 30)}  # fmt: skip
    assert [r["simulated"] for r in rows if r["account"] == "IG Latihan"] == [True]
    assert [(r["day"], r["followers"]) for r in series] == [
        (date(2026, 10, 31), 1000),
        (date(2026, 11, 15), 1100),
        (date(2026, 11, 30), 1200),
    ]


def test_on_time_publishing(month) -> None:
    with session_scope() as session:
        r = q.on_time(session, NOV, now=datetime(2026, 12, 1, tzinfo=UTC))
    assert (r.considered, r.on_time, r.late) == (8, 4, 1)
    assert (r.failed, r.needs_attention, r.unknown, r.retried, r.overdue) == (1, 1, 1, 2, 1)
    assert r.share_on_time == pytest.approx(0.5)
    assert r.simulated
    assert {(x["platform"], x["status"]) for x in r.attention_rows} == {
        ("facebook", "published"),  # retried, then went out
        ("facebook", "failed"),
        ("x", "needs_attention"),
    }


def test_monthly_social_measures(month) -> None:
    with session_scope() as session:
        rows = q.social_measures(session, NOV)
    got = {
        r["platform"]: (r["posts"], r["interactions"], r["clicks"], r["followers"],
                        r["follower_growth"], r["interactions_per_post"], r["simulated"])
        for r in rows
    }  # fmt: skip
    assert {r["month"] for r in rows} == {"2026-11"}
    assert got == {
        "facebook": (2, 21, 4, 520, 20, 10.5, False),
        "instagram": (1, 115, None, 80, 30, 115.0, True),
        "x": (2, 45, 7, 1200, 200, 22.5, False),
    }


def test_measures_of_a_span_over_two_months(month) -> None:
    span = Filters(Period(date(2026, 10, 1), date(2026, 11, 30)))
    with session_scope() as session:
        rows = q.social_measures(session, span)
    assert [(r["month"], r["platform"], r["posts"]) for r in rows] == [
        ("2026-10", "x", 1),
        ("2026-11", "facebook", 2),
        ("2026-11", "instagram", 1),
        ("2026-11", "x", 2),
    ]


# Each query once against the same aggregate written by hand (the bench times the same pairs).
RAW_REACH = """
SELECT SUM(ms.reach), COUNT(DISTINCT pt.post_id)
FROM post_target pt
LEFT JOIN (SELECT target_id, MAX(id) AS sid FROM metric_snapshot GROUP BY target_id) l
  ON l.target_id = pt.id
LEFT JOIN metric_snapshot ms ON ms.id = l.sid
WHERE pt.status = 'published' AND pt.published_at >= :start AND pt.published_at < :end
"""
RAW_AGE = """
SELECT ms.age_bucket, SUM(COALESCE(ms.likes,0)+COALESCE(ms.comments,0)+COALESCE(ms.shares,0)
       +COALESCE(ms.saves,0)+COALESCE(ms.clicks,0))
FROM post_target pt
JOIN (SELECT target_id, age_bucket, MIN(id) AS sid FROM metric_snapshot
      GROUP BY target_id, age_bucket) f ON f.target_id = pt.id
JOIN metric_snapshot ms ON ms.id = f.sid
WHERE pt.status = 'published' AND pt.published_at >= :start AND pt.published_at < :end
  AND pt.platform = 'x'
GROUP BY ms.age_bucket
"""
RAW_ON_TIME = {
    "postgresql": "published_at <= due_at + INTERVAL '60 seconds'",
    "sqlite": "(julianday(published_at) - julianday(due_at)) * 86400 <= 60",
}
RAW_ON_TIME_SQL = """
SELECT COUNT(*) FROM post_target
WHERE status = 'published' AND due_at >= :start AND due_at < :end AND {late}
"""
RAW_AUDIENCE = """
SELECT SUM(a.followers) FROM audience_snapshot a
JOIN (SELECT account_id, MAX(day) AS day FROM audience_snapshot
      WHERE followers IS NOT NULL AND day <= :last GROUP BY account_id) c
  ON c.account_id = a.account_id AND c.day = a.day
"""


def _bounds() -> dict:
    naive = {k: getattr(NOV.period, k).replace(tzinfo=None) for k in ("start", "end")}
    return naive | {"last": NOV.period.last}


def test_queries_agree_with_raw_sql(month, any_db: str) -> None:
    with session_scope() as session:
        reach, posts = session.execute(text(RAW_REACH), _bounds()).one()
        s = q.summary(session, NOV)
        assert (s["reach"], s["posts"]) == (reach, posts)
        ages = dict(session.execute(text(RAW_AGE), _bounds()).all())
        mine = {r["age"]: r["interactions"] for r in q.by_age(session, NOV) if r["platform"] == "x"}
        assert mine == ages
        dialect = session.get_bind().dialect.name
        raw = RAW_ON_TIME_SQL.format(late=RAW_ON_TIME[dialect])
        [on] = session.execute(text(raw), _bounds()).one()
        assert q.on_time(session, NOV).on_time == on
        [followers] = session.execute(text(RAW_AUDIENCE), _bounds()).one()
        assert q.kpis(session, NOV)[q.KPI_KEYS.index("followers")].value == followers


def test_unreported_figures_are_named_per_platform(month) -> None:
    with session_scope() as session:
        gaps = q.unreported(session, NOV)
    assert gaps == {
        "facebook": ["reach", "impressions", "comments", "saves", "clicks"],
        "instagram": ["clicks"],
        "x": ["saves"],
    }


def test_live_figures_are_not_marked_simulated_by_a_sandbox_audience(month) -> None:
    live = Filters(NOV.period, platforms=("x", "facebook"))
    with session_scope() as session:
        k = kpi_map(session, live)
        both = kpi_map(session, Filters(NOV.period, platforms=("x", "instagram")))
    assert not k["interactions"].simulated and not k["followers"].simulated
    # Followers of the sandbox Instagram are simulated; X's posts are not, Instagram's are.
    assert both["followers"].simulated and both["interactions"].simulated
