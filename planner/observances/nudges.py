"""Nudges: an observance coming up in the next two weeks with no post yet, and its draft.

"No post yet" means no post that is not cancelled is linked to the observance (it was drafted
from its nudge) nor made from its template to go out within two days of it. One click drafts
the post from the observance's template: an ordinary draft with the suggested time, which goes
through review and scheduling like any other (never published by itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.drafting import make_draft
from planner.lifecycle import S
from planner.models import Account, AccountStatus, Post, PostTarget, utcnow
from planner.observances.days import Day, ObservanceProblem, Occurrence, all_days, occurrences
from planner.people.actors import Actor
from planner.people.guard import may_target
from planner.people.roles import Action
from planner.review.drafts import save_draft
from planner.scheduling import PostCreate

LEAD_DAYS = 14  # a nudge shows this many days ahead, and until the day itself
NEAR_DAYS = 2  # a post from the template this close to the day covers it
LINKED_DAYS = 60  # a post drafted for the observance this long before still covers it
SUGGESTED_TIME = time(9, 0)  # the draft's suggested local time on the day


@dataclass(frozen=True)
class Nudge:
    """An observance coming up with no post planned for it yet."""

    occurrence: Occurrence
    days_left: int

    @property
    def key(self) -> str:
        """The observance's id."""
        return self.occurrence.day.key


def _local_midnight(day: date, settings: Settings) -> datetime:
    return datetime.combine(day, time.min, settings.tz)


def covered(session: Session, occ: Occurrence, settings: Settings | None = None) -> bool:
    """Whether a post (not cancelled) is already planned for the occurrence."""
    settings = settings or get_settings()
    since = _local_midnight(occ.start - timedelta(days=LINKED_DAYS), settings)
    linked = select(Post.id).where(
        Post.observance_key == occ.day.key,
        Post.status != S.CANCELLED,
        Post.created_at >= since,
    )
    if session.exec(linked.limit(1)).first() is not None:
        return True
    when = func.coalesce(PostTarget.published_at, PostTarget.due_at)
    near = (
        select(PostTarget.id)
        .join(Post, Post.id == PostTarget.post_id)
        .where(
            Post.template_id == occ.day.template,
            PostTarget.status != S.CANCELLED,
            when >= _local_midnight(occ.start - timedelta(days=NEAR_DAYS), settings),
            when < _local_midnight(occ.start + timedelta(days=NEAR_DAYS + 1), settings),
        )
    )
    return session.exec(near.limit(1)).first() is not None


def nudges(
    session: Session, *, today: date | None = None, settings: Settings | None = None
) -> list[Nudge]:
    """Observances starting within LEAD_DAYS of `today` (local) with no post yet, soonest first."""
    settings = settings or get_settings()
    today = today or utcnow().astimezone(settings.tz).date()
    ahead = today + timedelta(days=LEAD_DAYS)
    upcoming = [
        occ
        for occ in occurrences(all_days(session, settings), today, ahead)
        if today <= occ.start <= ahead
    ]
    return [
        Nudge(occ, (occ.start - today).days)
        for occ in upcoming
        if not covered(session, occ, settings)
    ]


def draft_accounts(session: Session, actor: Actor) -> list[int]:
    """One account per platform the actor may draft into, live accounts before sandboxes."""
    rows = session.exec(
        select(Account)
        .where(Account.status == AccountStatus.ACTIVE, col(Account.paused).is_(False))
        .order_by(col(Account.is_sandbox), Account.id)
    )
    chosen: dict[str, int] = {}
    for account in rows:
        if account.platform not in chosen and may_target(actor, Action.DRAFT_POST, account):
            chosen[account.platform] = account.id
    return list(chosen.values())


def _values(occ: Occurrence, locale: str) -> dict[str, object]:
    values: dict[str, object] = {
        "day_name": occ.day.title(locale),
        "day_date": occ.start,
        "message": occ.day.text(locale),
    }
    if occ.years:
        values["years"] = occ.years
    return values


def draft_for(
    session: Session,
    actor: Actor,
    day: Day | str,
    *,
    year: int | None = None,
    today: date | None = None,
    locale: str = "id",
    settings: Settings | None = None,
) -> Post:
    """A draft post for the observance's next occurrence (or in `year`), linked to it.

    The texts come from its template with its name, date and message filled in; each target
    keeps the suggested time (09.00 local on the day) but nothing is queued.
    """
    settings = settings or get_settings()
    if isinstance(day, str):
        found = next((d for d in all_days(session, settings) if d.key == day), None)
        if found is None:
            raise ObservanceProblem("observance", f"no observance {day!r}", code="no_day", key=day)
        day = found
    today = today or utcnow().astimezone(settings.tz).date()
    occ = day.occurrence(year or today.year)
    if year is None and occ.end < today:
        occ = day.occurrence(today.year + 1)
    accounts = draft_accounts(session, actor)
    if not accounts:
        raise ObservanceProblem(
            "observance", "no active account to draft into; connect one in Accounts", code="account"
        )
    draft = make_draft(
        session,
        day.template,
        actor=actor,
        values=_values(occ, locale),
        locale=locale,
        settings=settings,
    )
    post = save_draft(
        session,
        actor=actor,
        data=PostCreate(
            title=draft.title,
            texts=draft.texts,
            account_ids=accounts,
            due_at=datetime.combine(occ.start, SUGGESTED_TIME, settings.tz),
            media_asset_id=draft.media_asset_id,
            alt_text=draft.alt_text,
            link=draft.link,
            template_id=draft.template_id,
        ),
    )
    post.observance_key = day.key
    session.add(post)
    session.flush()
    return post
