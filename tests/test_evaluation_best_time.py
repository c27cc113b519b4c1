"""Best time to post: the weekday × hour heatmap at the same age (24 h), its suggestions, the
minimum-data rule, and applying suggestions to an account's posting slots."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner.db import session_scope
from planner.evaluation import best_time
from planner.evaluation.best_time import apply_suggestions, heatmap, suggest
from planner.evaluation.filters import Filters
from planner.evaluation.period import Period, month_period
from planner.models import Account, Post
from planner.people.roles import PermissionDenied
from planner.slots import slots_of
from tests.evaluation_fixtures import load_month, snap, target
from tests.people_helpers import make_user

JKT = ZoneInfo("Asia/Jakarta")
NOV = Filters(month_period("2026-11"))


def test_the_month_rests_on_four_posts_and_suggests_nothing(any_db: str) -> None:
    with session_scope() as session:
        load_month(session)
        h = heatmap(session, NOV)
    cells = {(c["weekday"], c["hour"]): c for c in h.cells}
    assert set(cells) == {(1, 9), (2, 3), (4, 12)}  # Tue 09, Wed 03, Fri 12 local
    # T1's first 24 h snapshot (31 of 400 reach) and T2's (9 of 300 impressions).
    assert cells[(1, 9)]["targets"] == 2
    assert cells[(1, 9)]["engagement_rate"] == pytest.approx(40 / 700)
    assert cells[(4, 12)]["simulated"] and h.simulated
    assert (h.posts, h.enough, h.suggestions) == (4, False, [])


# (local weekday in the first week of Nov 2026 (2 Nov is a Monday), hour, posts, likes per 100)
PLAN = [(0, 9, 4, 20), (2, 15, 5, 10), (4, 19, 2, 50), (5, 10, 13, 5)]


def _results(session, plan) -> int:
    account = Account(platform="x", name="X", is_sandbox=False)
    session.add(account)
    session.flush()
    for weekday, hour, posts, likes in plan:
        for n in range(posts):
            local = datetime(2026, 11, 2 + weekday, hour, 0, tzinfo=JKT) + timedelta(weeks=n % 4)
            post = Post(title=f"{weekday}-{hour}-{n}", status="published")
            session.add(post)
            session.flush()
            t = target(session, post, account, due=local, published=local)
            snap(session, t, "24h", timedelta(hours=25), likes=likes, reach=100)
            snap(session, t, "7d", timedelta(days=7), likes=likes * 9, reach=100)
    return account.id


def test_suggestions_are_the_best_hours_that_have_enough_posts(any_db: str) -> None:
    with session_scope() as session:
        _results(session, PLAN)
        h = heatmap(session, NOV)
    assert (h.posts, h.enough) == (24, True)
    # Friday 19:00 has the best rate but only 2 posts: not trusted.
    assert h.suggestions == [(0, "09:00"), (2, "15:00"), (5, "10:00")]
    fri = next(c for c in h.cells if (c["weekday"], c["hour"]) == (4, 19))
    assert fri["engagement_rate"] == pytest.approx(0.5)  # the 24 h figure, not the 7 d one


def test_below_the_minimum_nothing_is_suggested(any_db: str) -> None:
    short = [(0, 9, 4, 20), (2, 15, 5, 10), (5, 10, 10, 5)]  # 19 posts
    with session_scope() as session:
        _results(session, short)
        h = heatmap(session, NOV)
    assert (h.posts, h.enough, h.suggestions) == (19, False, [])


@pytest.mark.parametrize(
    ("per_cell", "cells", "suggested"),
    [
        (best_time.MIN_POSTS_PER_SLOT, 7, 3),  # 21 posts, every cell trusted
        (best_time.MIN_POSTS_PER_SLOT - 1, 11, 0),  # 22 posts, no cell trusted
        (best_time.MIN_POSTS_PER_SLOT, 6, 0),  # 18 posts: too few overall
    ],
)
def test_the_minimum_data_rule(per_cell: int, cells: int, suggested: int) -> None:
    grid = [
        {"weekday": i % 7, "hour": 8 + i, "targets": per_cell, "interactions": i,
         "engagement_rate": i / 100, "simulated": False}
        for i in range(cells)
    ]  # fmt: skip
    h = suggest(grid)
    assert len(h.suggestions) == suggested
    if suggested:
        assert h.suggestions[0] == ((cells - 1) % 7, f"{8 + cells - 1:02d}:00")


def test_apply_suggestions_adds_slots_and_keeps_the_old_ones(any_db: str) -> None:
    manager = make_user("manager")
    with session_scope() as session:
        account_id = _results(session, PLAN)
        from planner.slots import set_slots

        set_slots(session, account_id, [(0, "09:00"), (3, "08:00")], actor=manager)
        h = heatmap(session, NOV)
        added = apply_suggestions(session, manager, account_id, h.suggestions)
    assert added == [(2, "15:00"), (5, "10:00")]
    with session_scope() as session:
        assert slots_of(session, account_id) == [(0, "09:00"), (2, "15:00"), (3, "08:00"),
                                                 (5, "10:00")]  # fmt: skip


def test_apply_suggestions_needs_the_slots_permission(any_db: str) -> None:
    trainee = make_user("trainee")
    with session_scope() as session:
        account_id = _results(session, PLAN)
    with pytest.raises(PermissionDenied), session_scope() as session:
        apply_suggestions(session, trainee, account_id, [(0, "09:00")])
    with session_scope() as session:
        assert slots_of(session, account_id) == []


def test_period_of_a_custom_span() -> None:
    span = Filters(Period(date(2026, 11, 2), date(2026, 11, 8)))
    assert span.previous().period == Period(date(2026, 10, 26), date(2026, 11, 1))
