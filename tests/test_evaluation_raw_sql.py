"""Each dashboard query against the same aggregate written by hand as raw SQL (the statements
bench/dashboard.py times, bench/support/dashboard_sql.py), on the hand-counted November, on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bench.support import dashboard_sql
from planner.db import session_scope
from planner.evaluation import queries as q
from planner.evaluation.filters import Filters
from planner.evaluation.period import month_period
from planner.evaluation.sqlparts import as_date, weekday
from planner.ui.dashboard import LOADERS
from tests.evaluation_fixtures import load_month

NOV = Filters(month_period("2026-11"))


@pytest.fixture
def raw(any_db: str):
    """(session, run) where run(name) gives the rows of each raw statement of that query."""
    with session_scope() as session:
        load_month(session)
    with session_scope() as session:
        statements = dashboard_sql.statements(NOV, session.get_bind().dialect.name)

        def run(name: str) -> list[list]:
            return [session.execute(text(sql), p).all() for sql, p in statements[name]]

        yield session, run


def test_every_dashboard_query_has_a_raw_statement() -> None:
    assert set(dashboard_sql.statements(NOV, "sqlite")) == set(LOADERS)


def test_summary_queries_match(raw) -> None:
    session, run = raw
    now, before, aud, _ = run("kpis")
    k = {x.key: x for x in q.kpis(session, NOV)}
    assert (now[0][0], now[0][4], now[0][2]) == (
        k["posts"].value,
        k["interactions"].value,
        k["reach"].value,
    )
    assert before[0][4] == k["interactions"].previous == 6
    assert sum(r[5] for r in aud) == k["followers"].value == 1800
    [gaps] = run("unreported")
    assert {r[0] for r in gaps if any(r[1:])} == set(q.unreported(session, NOV))


def test_grouped_queries_match(raw) -> None:
    session, run = raw
    [series] = run("series")
    assert [(as_date(r[0]), r[1], r[6]) for r in series] == [
        (r["bucket"], r["platform"], r["interactions"]) for r in q.series(session, NOV)
    ]
    [ages] = run("by_age")
    assert sorted((r[0], r[1], r[6]) for r in ages) == sorted(
        (r["age"], r["platform"], r["interactions"]) for r in q.by_age(session, NOV)
    )
    [templates] = run("by_template")
    assert {r[0]: r[5] for r in templates} == {
        r["template_id"]: r["interactions"] for r in q.by_template(session, NOV)
    }
    [kinds] = run("by_kind")
    assert {r[0]: r[5] for r in kinds} == {
        r["kind"]: r["interactions"] for r in q.by_kind(session, NOV)
    }
    [cells] = run("heatmap")
    assert sorted((weekday(session, r[0]), int(r[1]), r[3]) for r in cells) == [
        (c["weekday"], c["hour"], c["targets"]) for c in q.heatmap(session, NOV).cells
    ]
    months, aud = run("social_measures")
    assert [(r[0], r[1], r[3]) for r in months] == [
        (r["month"], r["platform"], r["posts"]) for r in q.social_measures(session, NOV)
    ]
    assert {r[0]: r[5] for r in aud} == {
        r["account_id"]: r["followers_end"] for r in q.audience_summary(session, NOV)
    }


def test_row_queries_match(raw) -> None:
    session, run = raw
    [top] = run("top_posts")
    assert [r[1] for r in top] == [r["target_id"] for r in q.top_posts(session, NOV)]
    [series] = run("audience_series")
    assert [(as_date(r[0]), r[4]) for r in series] == [
        (r["day"], r["followers"]) for r in q.audience_series(session, NOV)
    ]
    counts, rows = run("on_time")
    ours = q.on_time(session, NOV)
    assert tuple(counts[0][:3]) == (ours.considered, ours.on_time, ours.late)
    assert [r[0] for r in rows] == [r["target_id"] for r in ours.attention_rows]
