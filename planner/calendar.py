"""Calendar queries: what is planned or went out in a period, filtered, and one post in full.

The calendar page shows these; colours and icons are data here so the page stays thin.
Every query takes the viewer: someone without VIEW_ALL_POSTS (a trainee) sees only the
posts they wrote, whichever page or command asks.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.lifecycle import OPEN_STATUSES
from planner.models import Account, Campaign, Post, PostStatus, PostTarget, PublishAttempt, User
from planner.people.actors import Actor
from planner.people.roles import Action, can

S = PostStatus
# Streamlit's named markdown colours, by status.
STATUS_COLORS = {
    S.DRAFT: "gray",
    S.IN_REVIEW: "gray",
    S.APPROVED: "gray",
    S.SCHEDULED: "blue",
    S.PUBLISHING: "violet",
    S.PUBLISHED: "green",
    S.RETRYING: "orange",
    S.FAILED: "red",
    S.NEEDS_ATTENTION: "red",
    S.CANCELLED: "gray",
}
PLATFORM_ICONS = {"x": "𝕏", "facebook": "📘", "instagram": "📸", "threads": "🧵", "bluesky": "🦋"}
# Which status a post's chip shows when its targets differ: what needs a person comes first.
URGENCY = [
    S.NEEDS_ATTENTION,
    S.FAILED,
    S.RETRYING,
    S.PUBLISHING,
    S.SCHEDULED,
    S.APPROVED,
    S.IN_REVIEW,
    S.DRAFT,
    S.PUBLISHED,
    S.CANCELLED,
]


@dataclass(frozen=True)
class Entry:
    """One target on the calendar."""

    target_id: int
    post_id: int
    title: str
    platform: str
    account: str
    status: str
    when: datetime  # published time once sent, else due time (UTC)
    campaign: str
    author: str
    error: str | None


def sees_all(viewer: Actor | None) -> bool:
    """Whether `viewer` sees every post (else only their own)."""
    return can(viewer, Action.VIEW_ALL_POSTS)


def visible(query: Any, viewer: Actor | None) -> Any:
    """`query` (which selects from Post) narrowed to what `viewer` may see."""
    if sees_all(viewer):
        return query
    return query.where(Post.author_id == (viewer.id if viewer and viewer.id else -1))


def entries(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    viewer: Actor | None,
    platforms: list[str] | None = None,
    statuses: list[str] | None = None,
    campaign_ids: list[int] | None = None,
    author_ids: list[int] | None = None,
) -> list[Entry]:
    """Targets whose time falls in [start, end), soonest first, after the given filters."""
    when = func.coalesce(PostTarget.published_at, PostTarget.due_at)
    query = (
        select(PostTarget, Post, Account, Campaign.name, User.display_name)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .outerjoin(Campaign, Campaign.id == Post.campaign_id)
        .outerjoin(User, User.id == Post.author_id)
        .where(when >= start)
        .where(when < end)
        .order_by(when, PostTarget.id)
    )
    if platforms:
        query = query.where(col(PostTarget.platform).in_(platforms))
    if statuses:
        query = query.where(col(PostTarget.status).in_(statuses))
    if campaign_ids:
        query = query.where(col(Post.campaign_id).in_(campaign_ids))
    if author_ids:
        query = query.where(col(Post.author_id).in_(author_ids))
    query = visible(query, viewer)
    return [
        Entry(
            target_id=target.id,
            post_id=post.id,
            title=post.title or f"#{post.id}",
            platform=target.platform,
            account=account.name,
            status=target.status,
            when=target.published_at or target.due_at,
            campaign=campaign or "",
            # The person as they are named now; the stored text for posts made before sign-in.
            author=person or post.author,
            error=target.last_error,
        )
        for target, post, account, campaign, person in session.exec(query)
    ]


def filter_options(session: Session, *, viewer: Actor | None) -> dict[str, Any]:
    """Values the calendar's filters offer; authors are the people who wrote posts (by id)."""
    people = visible(
        select(User.id, User.display_name, User.username)
        .join(Post, Post.author_id == User.id)
        .distinct(),
        viewer,
    )
    authors = {uid: display or name for uid, display, name in session.exec(people)}
    return {
        "platforms": sorted(set(session.exec(select(PostTarget.platform).distinct()))),
        "campaigns": {c.id: c.name for c in session.exec(select(Campaign).order_by(Campaign.name))},
        "authors": dict(sorted(authors.items(), key=lambda kv: kv[1].lower())),
    }


def month_grid(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) covering the month, including the neighbours' days."""
    return stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def shift_month(day: date, months: int) -> date:
    """The same day `months` later or earlier, clamped to the month's end: 31 Jan → 28 Feb."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def span(days: list[date], tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC range from the first day's local midnight to the midnight after the last."""
    start = datetime.combine(days[0], datetime.min.time()).replace(tzinfo=tz)
    end = datetime.combine(days[-1] + timedelta(days=1), datetime.min.time()).replace(tzinfo=tz)
    return start, end


def by_day(items: list[Entry], tz: ZoneInfo) -> dict[date, list[Entry]]:
    """Entries grouped by their local date."""
    out: dict[date, list[Entry]] = {}
    for entry in items:
        out.setdefault(entry.when.astimezone(tz).date(), []).append(entry)
    return out


@dataclass(frozen=True)
class PostChip:
    """One post on one day of the calendar: its targets that day, together."""

    post_id: int
    title: str
    when: datetime  # the earliest of its targets' times that day (UTC)
    status: str  # the most urgent of its targets' statuses (URGENCY)
    targets: tuple[Entry, ...]

    @property
    def platforms(self) -> list[str]:
        """Its platforms, each once, in the order its targets go out."""
        return list(dict.fromkeys(t.platform for t in self.targets))


def chips(items: list[Entry]) -> list[PostChip]:
    """One chip per post for one day's entries, soonest first (a post's targets together)."""
    posts: dict[int, list[Entry]] = {}
    for entry in items:
        posts.setdefault(entry.post_id, []).append(entry)
    rank = {status: i for i, status in enumerate(URGENCY)}
    found = [
        PostChip(
            post_id=post_id,
            title=targets[0].title,
            when=min(t.when for t in targets),
            status=min((t.status for t in targets), key=lambda s: rank.get(s, len(rank))),
            targets=tuple(sorted(targets, key=lambda t: (t.when, t.target_id))),
        )
        for post_id, targets in posts.items()
    ]
    return sorted(found, key=lambda c: (c.when, c.post_id))


def chips_by_day(items: list[Entry], tz: ZoneInfo) -> dict[date, list[PostChip]]:
    """Each local day's posts, one chip per post."""
    return {day: chips(found) for day, found in by_day(items, tz).items()}


@dataclass
class PostDetail:
    """One post opened on the calendar: its targets with their accounts, and every attempt."""

    post: Post
    targets: list[tuple[PostTarget, Account]]
    attempts: list[PublishAttempt]

    @property
    def open_targets(self) -> list[tuple[PostTarget, Account]]:
        """The targets that can still be rescheduled or edited (not published nor cancelled)."""
        return [(t, a) for t, a in self.targets if t.status not in (S.PUBLISHED, S.CANCELLED)]


def post_detail(session: Session, post_id: int, *, viewer: Actor | None) -> PostDetail | None:
    """A post with its targets and every attempt at sending them (None: none the viewer sees)."""
    post = session.get(Post, post_id)
    if post is None or not (sees_all(viewer) or (viewer and post.author_id == viewer.id)):
        return None
    targets = list(
        session.exec(
            select(PostTarget, Account)
            .join(Account, Account.id == PostTarget.account_id)
            .where(PostTarget.post_id == post_id)
            .order_by(PostTarget.id)
        )
    )
    ids = [t.id for t, _ in targets]
    attempts = list(
        session.exec(
            select(PublishAttempt)
            .where(col(PublishAttempt.target_id).in_(ids))
            .order_by(PublishAttempt.started_at, PublishAttempt.id)
        )
    )
    return PostDetail(post=post, targets=targets, attempts=attempts)


def upcoming(
    session: Session, limit: int = 50, *, viewer: Actor | None
) -> list[tuple[PostTarget, Post, Account]]:
    """The next targets due, soonest first (what the queue view and `planner queue` show)."""
    query = (
        select(PostTarget, Post, Account)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(col(PostTarget.status).in_([s.value for s in OPEN_STATUSES]))
        .order_by(PostTarget.due_at, PostTarget.id)
        .limit(limit)
    )
    return list(session.exec(visible(query, viewer)))


def recent(
    session: Session, limit: int = 20, *, viewer: Actor | None
) -> list[tuple[PostTarget, Post, Account]]:
    """Targets that have finished (published, failed or cancelled), latest first."""
    query = (
        select(PostTarget, Post, Account)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(col(PostTarget.status).in_([S.PUBLISHED, S.FAILED, S.CANCELLED]))
        .order_by(col(PostTarget.updated_at).desc())
        .limit(limit)
    )
    return list(session.exec(visible(query, viewer)))
