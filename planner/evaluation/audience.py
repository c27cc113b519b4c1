"""Audience: followers per account from the daily AudienceSnapshot rows, and their growth.

Only the platform and account choices apply (an audience belongs to an account, not a post).
A day whose follower count the platform did not give is skipped, never read as zero.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, and_, bindparam, func
from sqlmodel import Session, col, select

from planner.evaluation.filters import Filters
from planner.models import Account, AudienceSnapshot

A = AudienceSnapshot


def _day_per_account(pick: Any, *conds: Any, name: str) -> Any:
    return (
        select(A.account_id, pick(A.day).label("day"))
        .where(col(A.followers).is_not(None), *conds)
        .group_by(A.account_id)
        .subquery(name)
    )


def _account_choices(by_platform: bool, by_account: bool) -> list[Any]:
    """The chosen platforms and accounts as conditions, their values bound at execution."""
    conds = []
    if by_platform:
        conds.append(col(Account.platform).in_(bindparam("platforms", expanding=True)))
    if by_account:
        conds.append(col(Account.id).in_(bindparam("account_ids", expanding=True)))
    return conds


@lru_cache(maxsize=8)
def _summary_statement(by_platform: bool, by_account: bool) -> Any:
    """The statement for one shape of choices, built once: the dates and the chosen platforms
    and accounts are bound at execution (building it costs more than running it)."""
    first, last = bindparam("first", type_=Date), bindparam("last", type_=Date)
    before = _day_per_account(func.max, col(A.day) < first, name="before")
    opening = _day_per_account(func.min, col(A.day) >= first, col(A.day) <= last, name="opening")
    closing = _day_per_account(func.max, col(A.day) <= last, name="closing")
    start_snap = A.__table__.alias("start_snap")
    end_snap = A.__table__.alias("end_snap")
    start_day = func.coalesce(before.c.day, opening.c.day)
    conds = _account_choices(by_platform, by_account)
    return (
        select(
            Account.id,
            Account.name,
            Account.platform,
            Account.is_sandbox,
            start_snap.c.followers.label("start"),
            end_snap.c.followers.label("end"),
            start_snap.c.simulated.label("start_simulated"),
            end_snap.c.simulated.label("end_simulated"),
            opening.c.day.label("counted_in_period"),
        )
        .join(closing, closing.c.account_id == Account.id)
        .outerjoin(before, before.c.account_id == Account.id)
        .outerjoin(opening, opening.c.account_id == Account.id)
        .join(end_snap, and_(end_snap.c.account_id == Account.id, end_snap.c.day == closing.c.day))
        .outerjoin(
            start_snap, and_(start_snap.c.account_id == Account.id, start_snap.c.day == start_day)
        )
        .where(*conds)
        .order_by(Account.platform, Account.name, Account.id)
    )


def audience_summary(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Per account with figures: followers at the start and end of the period and the growth.

    The start is the last count before the period (the day before it), else the first count
    in it; the end is the last count up to the period's end. Without a count in the period
    the growth is None. Rows: {account_id, account, platform,
    followers_start, followers_end, growth, growth_pct, simulated}, by platform and name.
    """
    query = _summary_statement(bool(filters.platforms), bool(filters.account_ids))
    params = {
        "first": filters.period.first,
        "last": filters.period.last,
        "platforms": list(filters.platforms),
        "account_ids": list(filters.account_ids),
    }
    out = []
    for r in session.connection().execute(query, params):
        # Counts that all lie before the period say nothing about growth in it.
        growth = r.end - r.start if r.counted_in_period is not None else None
        out.append(
            {
                "account_id": r.id,
                "account": r.name,
                "platform": r.platform,
                "followers_start": r.start,
                "followers_end": r.end,
                "growth": growth,
                "growth_pct": growth / r.start * 100.0 if growth is not None and r.start else None,
                "simulated": bool(r.is_sandbox or r.start_simulated or r.end_simulated),
            }
        )
    return out


def followers_total(session: Session, filters: Filters) -> dict[str, Any]:
    """{followers, follower_growth, simulated} over the chosen accounts (None: no counts)."""
    rows = audience_summary(session, filters)
    ends = [r["followers_end"] for r in rows if r["followers_end"] is not None]
    growths = [r["growth"] for r in rows if r["growth"] is not None]
    return {
        "followers": sum(ends) if ends else None,
        "follower_growth": sum(growths) if growths else None,
        "simulated": any(r["simulated"] for r in rows),
    }


@lru_cache(maxsize=8)
def _series_statement(by_platform: bool, by_account: bool) -> Any:
    conds = _account_choices(by_platform, by_account)
    return (
        select(
            A.day,
            A.account_id,
            Account.name,
            Account.platform,
            A.followers,
            A.simulated,
            Account.is_sandbox,
        )
        .join(Account, Account.id == A.account_id)
        .where(col(A.followers).is_not(None))
        .where(col(A.day) >= bindparam("since", type_=Date))
        .where(col(A.day) <= bindparam("last", type_=Date))
        .where(*conds)
        .order_by(A.day, A.account_id)
    )


def audience_series(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Followers per account and day in the period (and the day before, as the starting point).

    Rows: {day, account_id, account, platform, followers, simulated}, by day then account.
    """
    query = _series_statement(bool(filters.platforms), bool(filters.account_ids))
    params = {
        "since": filters.period.first - timedelta(days=1),
        "last": filters.period.last,
        "platforms": list(filters.platforms),
        "account_ids": list(filters.account_ids),
    }
    # Core execution and plain tuples: the statement selects columns, not objects, so the
    # ORM's result layer would only add per-row cost to a query that takes a millisecond.
    rows = session.connection().execute(query, params)
    return [
        {
            "day": day,
            "account_id": account_id,
            "account": name,
            "platform": platform,
            "followers": followers,
            "simulated": bool(simulated or sandbox),
        }
        for day, account_id, name, platform, followers, simulated, sandbox in rows
    ]
