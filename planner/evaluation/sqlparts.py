"""SQL pieces the evaluation queries share: the latest (or first-at-an-age) snapshot per target,
interactions and engagement rate as aggregates, and local calendar parts on both databases.

Every figure is added up in the database (GROUP BY); Python only divides the sums. A figure a
platform did not report is NULL, which SUM skips, so a gap is never read as a zero.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, literal, literal_column, or_, true, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select
from sqlmodel import Session, col, select

from planner.evaluation.filters import Filters, published_conditions
from planner.models import Account, MetricSnapshot, Post, PostTarget

M = MetricSnapshot
INTERACTION_FIGURES = ("likes", "comments", "shares", "saves", "clicks")
AGE_BUCKETS = ("1h", "24h", "7d", "30d")


def interactions() -> Any:
    """likes + comments + shares + saves + clicks of a snapshot; NULL when none was reported."""
    parts = [getattr(M, name) for name in INTERACTION_FIGURES]
    reported = or_(*(col(p).is_not(None) for p in parts))
    total = sum((func.coalesce(p, 0) for p in parts[1:]), func.coalesce(parts[0], 0))
    return case((reported, total))


def rate_base() -> Any:
    """The engagement rate's denominator: reach, or impressions where reach is a gap."""
    return func.coalesce(M.reach, M.impressions)


def figure_columns() -> list[Any]:
    """Aggregates over joined snapshot rows (M) and accounts, read back by `figures`."""
    inter = interactions()
    base = rate_base()
    on_impressions = and_(col(M.reach).is_(None), col(M.impressions).is_not(None))
    return [
        func.count(func.distinct(PostTarget.post_id)).label("posts"),
        func.count(PostTarget.id).label("targets"),
        func.sum(M.reach).label("reach"),
        func.sum(M.impressions).label("impressions"),
        func.sum(inter).label("interactions"),
        func.sum(M.clicks).label("clicks"),
        func.sum(case((base.is_not(None), inter))).label("rated_interactions"),
        func.sum(base).label("rate_base"),
        func.count(M.reach).label("on_reach"),
        func.sum(case((on_impressions, 1), else_=0)).label("on_impressions"),
        func.max(case((or_(M.simulated, Account.is_sandbox), 1), else_=0)).label("simulated"),
    ]


def rate_basis(on_reach: int | None, on_impressions: int | None) -> str:
    """What an engagement rate was divided by: reach, impressions, mixed, or '' (nothing)."""
    if on_reach and on_impressions:
        return "mixed"
    if on_reach:
        return "reach"
    return "impressions" if on_impressions else ""


def figures(row: Any) -> dict[str, Any]:
    """The plain figures of one aggregated row (see figure_columns)."""
    m = row._mapping
    base = m["rate_base"]
    rate = (m["rated_interactions"] or 0) / base if base else None
    return {
        "posts": int(m["posts"] or 0),
        "targets": int(m["targets"] or 0),
        "reach": _int(m["reach"]),
        "impressions": _int(m["impressions"]),
        "interactions": _int(m["interactions"]),
        "clicks": _int(m["clicks"]),
        "engagement_rate": rate,
        "rate_basis": rate_basis(m["on_reach"], m["on_impressions"]),
        "simulated": bool(m["simulated"]),
    }


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def newest_snapshot_id() -> Any:
    """The newest snapshot id of the target in the enclosing query (max id = taken last).

    A correlated lookup rather than a GROUP BY over the period's snapshots: with the index
    (target_id, id) each target costs one index seek, however many snapshots it has.
    """
    inner = aliased(MetricSnapshot, name="newest")
    return select(func.max(inner.id).label("sid")).where(inner.target_id == PostTarget.id)


def first_snapshot_id(ages: Any) -> Any:
    """The first snapshot id of the enclosing query's target at the age `ages.c.age`.

    Between milestones every snapshot carries the last milestone reached (all snapshots from
    24 h to 7 d are '24h'), so the first one is the one closest to the milestone: posts are
    compared at the same age. A late first snapshot (collector down) is still the one used.
    One seek in the index (target_id, age_bucket, id).
    """
    inner = aliased(MetricSnapshot, name="first_at")
    return select(func.min(inner.id).label("sid")).where(
        inner.target_id == PostTarget.id, inner.age_bucket == ages.c.age
    )


def age_table(ages: tuple[str, ...]) -> Any:
    """A one-column table (age) of the given age buckets, to join each target with."""
    rows = [select(literal(age).label("age")) for age in ages]
    return (rows[0] if len(rows) == 1 else union_all(*rows)).subquery("ages")


def published_base(
    session: Session, filters: Filters, *columns: Any, ages: tuple[str, ...] | None = None
) -> Select:
    """SELECT columns FROM matching targets ⋈ post ⋈ account ⟕ their newest snapshot (M).

    With `ages`, each target is joined instead with its first snapshot at each of those ages
    (targets without one drop out); M.age_bucket is then the age.

    The snapshot id is looked up per target (see newest_snapshot_id). SQLite runs that lookup
    inside the join condition; PostgreSQL would instead hash the whole snapshot table against
    it, so there it is a LATERAL subquery and the snapshot is joined on its primary key.
    """
    query = (
        select(*columns)
        .select_from(PostTarget)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
    )
    table = age_table(ages) if ages else None
    if table is not None:
        query = query.join(table, true())
    lookup = newest_snapshot_id() if table is None else first_snapshot_id(table)
    if _dialect(session) == "postgresql":
        found = lookup.lateral("found")
        if table is None:
            query = query.outerjoin(found, true()).outerjoin(M, M.id == found.c.sid)
        else:
            query = query.join(found, true()).join(M, M.id == found.c.sid)
    elif table is None:
        query = query.outerjoin(M, M.id == lookup.correlate(PostTarget).scalar_subquery())
    else:
        query = query.join(M, M.id == lookup.correlate(PostTarget, table).scalar_subquery())
    return query.where(*published_conditions(filters))


def offset_minutes(filters: Filters) -> int:
    """The library zone's UTC offset at the period's start, in minutes (Jakarta: 420).

    Local days are computed in SQL with this fixed offset; a zone with daylight saving would
    put posts within an hour of midnight on the neighbouring day around a change.
    """
    first = datetime.combine(filters.period.first, time())
    offset = ZoneInfo(filters.period.zone).utcoffset(first)
    return int(offset.total_seconds() // 60) if offset else 0


def _shifted(session: Session, column: Any, minutes: int) -> Any:
    if _dialect(session) == "postgresql":
        return column + literal_column(f"interval '{int(minutes)} minutes'")
    return column


def _sqlite_mod(minutes: int) -> str:
    return f"{int(minutes):+d} minutes"


def local_day(session: Session, column: Any, minutes: int) -> Any:
    """The local calendar day of a UTC timestamp column."""
    if _dialect(session) == "postgresql":
        return func.date(_shifted(session, column, minutes))
    return func.date(column, _sqlite_mod(minutes))


def local_week(session: Session, column: Any, minutes: int) -> Any:
    """The Monday of the local week of a UTC timestamp column."""
    if _dialect(session) == "postgresql":
        return func.date(func.date_trunc("week", _shifted(session, column, minutes)))
    return func.date(column, _sqlite_mod(minutes), "weekday 0", "-6 days")


def local_month(session: Session, column: Any, minutes: int = 0) -> Any:
    """'YYYY-MM' of the local time of a timestamp (or of a date column with minutes=0)."""
    if _dialect(session) == "postgresql":
        return func.to_char(_shifted(session, column, minutes), "YYYY-MM")
    return func.strftime("%Y-%m", column, _sqlite_mod(minutes))


def local_weekday_hour(session: Session, column: Any, minutes: int) -> tuple[Any, Any]:
    """(weekday, hour) of the local time; weekday as the database numbers it (see weekday)."""
    if _dialect(session) == "postgresql":
        shifted = _shifted(session, column, minutes)
        return func.extract("isodow", shifted), func.extract("hour", shifted)
    mod = _sqlite_mod(minutes)
    return func.strftime("%w", column, mod), func.strftime("%H", column, mod)


def weekday(session: Session, value: Any) -> int:
    """The database's weekday number as Monday = 0 (PostgreSQL isodow 1-7, SQLite %w 0-6)."""
    if _dialect(session) == "postgresql":
        return int(value) - 1
    return (int(value) + 6) % 7


def seconds_between(session: Session, later: Any, earlier: Any) -> Any:
    """later - earlier in seconds, in SQL."""
    if _dialect(session) == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def as_date(value: Any) -> date:
    """A day the database returned (a date on PostgreSQL, 'YYYY-MM-DD' on SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
