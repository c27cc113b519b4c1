"""On-time publishing: the share of targets sent within a minute of their time, and the ones
that needed a person (failed, unknown outcome, retried) — the proof nothing was missed.

Targets are chosen by due time in the period (what was planned for it), not publishing time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from planner.evaluation.filters import Filters, due_conditions
from planner.evaluation.sqlparts import seconds_between
from planner.models import Account, Post, PostStatus, PostTarget, utcnow

S = PostStatus
ON_TIME_SECONDS = 60
# What was sent, or should have been by now; drafts, cancelled and future targets are not.
_SENT_OR_TRIED = (S.PUBLISHED, S.PUBLISHING, S.RETRYING, S.FAILED, S.NEEDS_ATTENTION)
_ATTENTION_ROWS = 50


@dataclass(frozen=True)
class OnTime:
    """Targets due in the period and how they went; `share_on_time` is on_time / considered."""

    considered: int
    on_time: int
    late: int
    failed: int
    needs_attention: int
    unknown: int
    retried: int
    overdue: int
    share_on_time: float | None
    simulated: bool
    attention_rows: list[dict[str, Any]] = field(default_factory=list)


def _needed_attention() -> Any:
    return or_(
        col(PostTarget.status).in_([S.FAILED.value, S.NEEDS_ATTENTION.value]),
        PostTarget.error_kind == "unknown",
        PostTarget.attempts > 1,
    )


def on_time(session: Session, filters: Filters, now: datetime | None = None) -> OnTime:
    """Counts over targets due in the period that were sent, tried, or are overdue at `now`.

    on_time: published at most ON_TIME_SECONDS after due; late: published later; failed and
    needs_attention: their status now; unknown: the platform's answer was lost at some point;
    retried: more than one attempt; overdue: still waiting although due a minute ago.
    `attention_rows` lists (up to 50) targets that failed, were unknown or retried.
    """
    now = now or utcnow()
    status = col(PostTarget.status)
    published = status == S.PUBLISHED.value
    delay = seconds_between(session, PostTarget.published_at, PostTarget.due_at)
    waiting = and_(
        status.in_([S.SCHEDULED.value, S.RETRYING.value]),
        col(PostTarget.due_at) < now - timedelta(seconds=ON_TIME_SECONDS),
    )
    considered = or_(status.in_([s.value for s in _SENT_OR_TRIED]), waiting)

    def count(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    query = (
        select(
            count(considered).label("considered"),
            count(and_(published, delay <= ON_TIME_SECONDS)).label("on_time"),
            count(and_(published, delay > ON_TIME_SECONDS)).label("late"),
            count(status == S.FAILED.value).label("failed"),
            count(status == S.NEEDS_ATTENTION.value).label("needs_attention"),
            count(and_(considered, PostTarget.error_kind == "unknown")).label("unknown"),
            count(and_(considered, PostTarget.attempts > 1)).label("retried"),
            count(waiting).label("overdue"),
            func.max(case((and_(considered, Account.is_sandbox), 1), else_=0)).label("sim"),
        )
        .select_from(PostTarget)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(*due_conditions(filters))
    )
    r = session.connection().execute(query).one()
    considered_n = int(r.considered or 0)
    rows_query = (
        select(
            PostTarget.id.label("target_id"),
            Post.id.label("post_id"),
            Post.title,
            PostTarget.platform,
            Account.name.label("account"),
            PostTarget.status,
            PostTarget.error_kind,
            PostTarget.attempts,
            PostTarget.due_at,
            PostTarget.published_at,
            Account.is_sandbox.label("simulated"),
        )
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(*due_conditions(filters), considered, _needed_attention())
        .order_by(PostTarget.due_at, PostTarget.id)
        .limit(_ATTENTION_ROWS)
    )
    return OnTime(
        considered=considered_n,
        on_time=int(r.on_time or 0),
        late=int(r.late or 0),
        failed=int(r.failed or 0),
        needs_attention=int(r.needs_attention or 0),
        unknown=int(r.unknown or 0),
        retried=int(r.retried or 0),
        overdue=int(r.overdue or 0),
        share_on_time=int(r.on_time or 0) / considered_n if considered_n else None,
        simulated=bool(r.sim),
        attention_rows=[dict(x._mapping) for x in session.connection().execute(rows_query)],
    )
