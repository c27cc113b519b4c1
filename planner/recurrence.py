"""Recurring series ("every Friday 09.00: Rekomendasi Buku") turned into scheduled posts.

A series is anchored to its first occurrence, not to when it was created, and its rule is
evaluated on local wall-clock time in the series' zone (dateutil's rrule over naive local
datetimes), so 09.00 stays 09.00 across any daylight-saving change. A local time that does
not exist on a spring-forward day moves forward by the gap; an ambiguous one on a fall-back
day takes its first occurrence.

The worker materialises occurrences within a horizon (28 days by default) as ordinary
posts, each with a unique import key, so every occurrence can be edited or cancelled on its
own and two workers materialising at once create it only once.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.db import read_scope, session_scope
from planner.lifecycle import CLAIMABLE
from planner.limits import PLATFORMS
from planner.models import Account, Notification, Post, PostTarget, Series, utcnow
from planner.notify import notify
from planner.people import audit
from planner.people.actors import SYSTEM, Actor
from planner.people.guard import check, check_targets
from planner.people.roles import Action
from planner.scheduling import PostCreate, SchedulingError, cancel_post, schedule_post

log = logging.getLogger(__name__)
_FREQ = {"daily": DAILY, "weekly": WEEKLY, "monthly": MONTHLY}
SERIES_NOTICE_EVERY = timedelta(days=1)
UPCOMING_WINDOW = timedelta(days=60)  # how far the page and the CLI look for "next"


class SeriesRule(BaseModel):
    """How often a series repeats; weekdays are 0 = Monday … 6 = Sunday."""

    freq: Literal["daily", "weekly", "monthly"] = "weekly"
    interval: int = Field(default=1, ge=1, le=52)
    weekdays: list[int] = Field(default_factory=list)
    until: date | None = None
    count: int | None = Field(default=None, ge=1)


class SeriesContent(BaseModel):
    """What each occurrence posts."""

    title: str = ""
    texts: dict[str, str]
    media_asset_id: int | None = None
    alt_text: str = ""
    link: str = ""
    template_id: str | None = None

    @classmethod
    def same_everywhere(cls, title: str, text: str) -> SeriesContent:
        """One text for every platform (the planning page's and the CLI's series)."""
        return cls(title=title, texts=dict.fromkeys(PLATFORMS, text))


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A naive local wall time in `tz` as UTC; nonexistent times move forward by the gap."""
    aware = local.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC)


def occurrences(series: Series, start: datetime, end: datetime) -> list[datetime]:
    """The series' occurrences in [start, end), as UTC datetimes."""
    tz = ZoneInfo(series.timezone)
    rule = SeriesRule.model_validate(series.rule)
    first = series.anchor_at.astimezone(tz).replace(tzinfo=None)
    until = datetime.combine(rule.until, datetime.max.time()) if rule.until is not None else None
    recurrence = rrule(
        _FREQ[rule.freq],
        dtstart=first,
        interval=rule.interval,
        byweekday=rule.weekdays or None,
        until=until,
        count=rule.count,
    )
    # Search a day wider in local time, then filter exactly in UTC.
    lo = start.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
    hi = end.astimezone(tz).replace(tzinfo=None) + timedelta(days=1)
    out = [to_utc(local, tz) for local in recurrence.between(lo, hi, inc=True)]
    return [moment for moment in out if start <= moment < end]


def next_occurrences(series: Series, now: datetime, count: int) -> list[datetime]:
    """The series' first `count` occurrences from `now`, within the next 60 days."""
    return occurrences(series, now, now + UPCOMING_WINDOW)[:count]


def list_series(session: Session, *, active_only: bool = False) -> list[Series]:
    """Every series (or only those still running), in the order they were made."""
    query = select(Series).order_by(Series.id)
    if active_only:
        query = query.where(col(Series.active).is_(True))
    return list(session.exec(query))


def series_post_ids(session: Session, series_id: int) -> list[int]:
    """The posts a series has made so far, by id."""
    return list(session.exec(select(Post.id).where(Post.series_id == series_id).order_by(Post.id)))


def create_series(
    session: Session,
    *,
    name: str,
    first_at: datetime,
    rule: SeriesRule,
    content: SeriesContent,
    account_ids: list[int],
    actor: Actor,
    timezone: str | None = None,
    now: datetime | None = None,
) -> Series:
    """A new series whose first occurrence is `first_at` (aware, any zone).

    Its later posts are made by the worker in the creator's name, so every target account
    is checked here, once, for the creator.
    """
    check(session, actor, Action.MANAGE_SERIES, ("series", None))
    accounts = [a for a in (session.get(Account, i) for i in account_ids) if a is not None]
    check_targets(session, actor, Action.SCHEDULE_POST, accounts, ("series", None))
    if first_at.tzinfo is None:
        raise SchedulingError("the first occurrence needs a time zone")
    if not account_ids:
        raise SchedulingError("choose at least one account")
    zone = timezone or get_settings().timezone
    ZoneInfo(zone)
    series = Series(
        name=name,
        rule=rule.model_dump(mode="json"),
        timezone=zone,
        anchor_at=first_at.astimezone(UTC),
        content=content.model_dump(mode="json"),
        account_ids=list(account_ids),
        created_by_id=actor.id,
    )
    session.add(series)
    session.flush()
    audit.record(session, actor, "series.create", ("series", series.id), name=name)
    materialize(session, series, now or utcnow(), actor=actor)
    return series


def occurrence_key(series_id: int, moment: datetime) -> str:
    """The import key of one occurrence: unique, so it is created once."""
    return f"series:{series_id}:{moment.astimezone(UTC).strftime('%Y%m%dT%H%MZ')}"


def materialize(
    session: Session,
    series: Series,
    now: datetime,
    horizon: timedelta | None = None,
    *,
    actor: Actor,
) -> int:
    """Create the posts of occurrences due within the horizon; returns how many were new.

    The worker acts as SYSTEM; the posts still name the series' creator as their author.
    """
    if not series.active:
        return 0
    horizon = horizon or timedelta(days=get_settings().series_horizon_days)
    content = SeriesContent.model_validate(series.content)
    created = 0
    for moment in occurrences(series, now, now + horizon):
        key = occurrence_key(series.id, moment)
        if session.exec(select(Post.id).where(Post.import_key == key)).first() is not None:
            continue
        data = PostCreate(
            title=content.title or series.name,
            texts=content.texts,
            account_ids=series.account_ids,
            due_at=moment,
            media_asset_id=content.media_asset_id,
            alt_text=content.alt_text,
            link=content.link,
            template_id=content.template_id,
            series_id=series.id,
            import_key=key,
            author_id=series.created_by_id,
        )
        try:
            with session.begin_nested():
                schedule_post(session, actor=actor, data=data, now=now)
            created += 1
        except IntegrityError:
            continue  # another worker created this occurrence at the same moment
    return created


def materialize_all(now: datetime, settings: Settings | None = None) -> int:
    """Materialise every active series (the worker's pass calls this).

    A series that cannot schedule (its account needs reconnecting, its text no longer
    passes) would otherwise stop posting without a word: people are told, once a day
    while the problem lasts.
    """
    settings = settings or get_settings()
    horizon = timedelta(days=settings.series_horizon_days)
    with read_scope() as session:
        ids = list(session.exec(select(Series.id).where(col(Series.active).is_(True))))
    created = 0
    for series_id in ids:
        try:
            with session_scope() as session:
                series = session.get(Series, series_id)
                created += materialize(session, series, now, horizon, actor=SYSTEM)
        except (SchedulingError, IntegrityError) as exc:
            log.warning("series %s: %s", series_id, exc)
            if isinstance(exc, SchedulingError):
                _tell(series_id, str(exc), now, settings)
    return created


def _tell(series_id: int, detail: str, now: datetime, settings: Settings) -> None:
    """Notify about a series that cannot schedule, unless that was said in the last day."""
    with session_scope() as session:
        recent = session.exec(
            select(Notification)
            .where(Notification.key == "notify.series_failed")
            .where(Notification.created_at >= now - SERIES_NOTICE_EVERY)
        ).all()
        if any((n.params or {}).get("series_id") == series_id for n in recent):
            return
        series = session.get(Series, series_id)
        note = notify(
            session,
            "notify.series_failed",
            settings=settings,
            series=series.name if series else f"#{series_id}",
            series_id=series_id,
            detail=detail,
        )
        note.created_at = now


def stop_series(session: Session, series_id: int, *, actor: Actor) -> int:
    """End a series: no new occurrences, and its unsent future posts are cancelled."""
    check(session, actor, Action.MANAGE_SERIES, ("series", series_id))
    series = session.get(Series, series_id)
    if series is None:
        raise SchedulingError(f"no series with id {series_id}")
    series.active = False
    post_ids = set(
        session.exec(
            select(PostTarget.post_id)
            .join(Post, Post.id == PostTarget.post_id)
            .where(Post.series_id == series_id)
            .where(col(PostTarget.status).in_([s.value for s in CLAIMABLE]))
        )
    )
    for post_id in post_ids:
        cancel_post(session, post_id, actor=actor)
    audit.record(session, actor, "series.stop", ("series", series_id), cancelled=len(post_ids))
    return len(post_ids)
