"""Posting slots per account (e.g. Mon–Sat 09.00 and 16.00) and "add to queue".

Slots are local wall-clock times in the library's zone. "Add to queue" gives each of the
post's accounts its own next free slot, the way Buffer-style queues work: a slot is free
when no unsent or published target of that account is due at that minute.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete
from sqlmodel import Session, col, select

from planner.config import get_settings
from planner.models import Account, Post, PostingSlot, PostStatus, PostTarget, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check, check_targets
from planner.people.roles import Action
from planner.recurrence import to_utc
from planner.scheduling import (
    PostCreate,
    SchedulingError,
    refusal,
    reschedule_post,
    schedule_post,
    targets_of,
)

S = PostStatus
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ID_DAYS = ("sen", "sel", "rab", "kam", "jum", "sab", "min")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
HORIZON = timedelta(days=90)


class SlotError(SchedulingError):
    """Slots that cannot be read, or an account with no free slot."""


def parse_time(value: str) -> str:
    """'9.00', '09:00' → '09:00'."""
    match = _TIME.match(value.strip())
    if not match:
        raise refusal("slot_time", SlotError, value=value.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_day(value: str) -> int:
    """'Fri', 'friday', 'Jumat' → 4."""
    key = value.strip().lower()[:3]
    for names in (DAY_NAMES, _ID_DAYS):
        if key in names:
            return names.index(key)
    raise refusal("slot_day", SlotError, value=value.strip())


def parse_slots(spec: str) -> list[tuple[int, str]]:
    """'Mon-Sat 09:00,16:00; Sun 10:00' (English or Indonesian day names) → (weekday, time)."""
    slots: set[tuple[int, str]] = set()
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        days_text, _, times_text = part.partition(" ")
        if not times_text:
            raise refusal("slot_no_times", SlotError, part=part)
        days: list[int] = []
        for chunk in days_text.split(","):
            first, _, last = chunk.partition("-")
            lo, hi = parse_day(first), parse_day(last) if last else parse_day(first)
            days += list(range(lo, hi + 1)) if lo <= hi else [*range(lo, 7), *range(0, hi + 1)]
        times = [parse_time(t) for t in times_text.split(",") if t.strip()]
        slots |= {(d, t) for d in days for t in times}
    return sorted(slots)


def set_slots(
    session: Session, account_id: int, slots: list[tuple[int, str]], *, actor: Actor
) -> None:
    """Replace the account's slots."""
    check(session, actor, Action.MANAGE_SLOTS, ("account", account_id))
    if session.get(Account, account_id) is None:
        raise refusal("no_account", SlotError, account_id=account_id)
    session.execute(delete(PostingSlot).where(PostingSlot.account_id == account_id))
    for weekday, local_time in sorted(set(slots)):
        if not 0 <= weekday <= 6:
            raise refusal("slot_weekday", SlotError, weekday=weekday)
        session.add(
            PostingSlot(account_id=account_id, weekday=weekday, local_time=parse_time(local_time))
        )
    audit.record(session, actor, "slots.set", ("account", account_id), slots=describe(slots))
    session.flush()


def slots_of(session: Session, account_id: int) -> list[tuple[int, str]]:
    """The account's slots, Monday first."""
    rows = session.exec(select(PostingSlot).where(PostingSlot.account_id == account_id)).all()
    return sorted((s.weekday, s.local_time) for s in rows)


def describe(slots: list[tuple[int, str]]) -> str:
    """The inverse of parse_slots, grouping days that share times: 'Mon-Sat 09:00,16:00'."""
    by_times: dict[tuple[str, ...], list[int]] = {}
    per_day: dict[int, list[str]] = {}
    for day, at in slots:
        per_day.setdefault(day, []).append(at)
    for day, times in sorted(per_day.items()):
        by_times.setdefault(tuple(sorted(times)), []).append(day)
    parts = []
    for times, days in by_times.items():
        runs: list[list[int]] = []
        for d in days:
            if runs and d == runs[-1][-1] + 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        names = ",".join(
            DAY_NAMES[r[0]].title() + (f"-{DAY_NAMES[r[-1]].title()}" if len(r) > 1 else "")
            for r in runs
        )
        parts.append(f"{names} {','.join(times)}")
    return "; ".join(parts)


def next_free_slot(
    session: Session,
    account_id: int,
    *,
    after: datetime,
    tz: ZoneInfo | None = None,
    taken: set[datetime] | None = None,
) -> datetime:
    """The account's first slot after `after` with nothing else due at that minute (UTC)."""
    tz = tz or get_settings().tz
    slots = slots_of(session, account_id)
    if not slots:
        account = session.get(Account, account_id)
        name = account.name if account else f"#{account_id}"
        raise refusal("no_slots", SlotError, account=name)
    busy = {
        due.replace(second=0, microsecond=0)
        for due in session.exec(
            select(PostTarget.due_at)
            .where(PostTarget.account_id == account_id)
            .where(col(PostTarget.due_at) > after)
            .where(col(PostTarget.due_at) <= after + HORIZON)
            .where(col(PostTarget.status).not_in([S.CANCELLED.value, S.FAILED.value]))
        )
        if due is not None
    } | (taken or set())
    start = after.astimezone(tz).date()
    for offset in range(HORIZON.days + 1):
        day = start + timedelta(days=offset)
        for weekday, local_time in slots:
            if weekday != day.weekday():
                continue
            moment = to_utc(datetime.combine(day, time.fromisoformat(local_time)), tz)
            if moment > after and moment not in busy:
                return moment
    raise refusal("no_free_slot", SlotError, days=HORIZON.days)


def add_to_queue(
    session: Session, data: PostCreate, *, actor: Actor, now: datetime | None = None
) -> Post:
    """Schedule `data` with each account at its own next free slot (accounts checked first)."""
    accounts = [a for a in (session.get(Account, i) for i in data.account_ids) if a is not None]
    check_targets(session, actor, Action.SCHEDULE_POST, accounts, ("post", None))
    now = now or utcnow()
    dues = {a: next_free_slot(session, a, after=now) for a in data.account_ids}
    queued = data.model_copy(update={"due_by_account": dues})
    return schedule_post(session, actor=actor, data=queued, now=now)


def to_next_free_slots(
    session: Session, post_id: int, *, actor: Actor, now: datetime | None = None
) -> dict[int, datetime]:
    """Move each waiting target of the post to its account's next free slot.

    Waiting means scheduled or retrying: what is being sent, went out or needs a person
    stays where it is. One target at a time, so a second target of the same account finds
    the first one's new slot taken. Returns the new due time of every target moved.
    """
    now = now or utcnow()
    moved: dict[int, datetime] = {}
    for target in targets_of(session, post_id):
        if target.status in (S.SCHEDULED, S.RETRYING):
            when = next_free_slot(session, target.account_id, after=now)
            reschedule_post(session, post_id, when, actor=actor, now=now, target_ids=[target.id])
            moved[target.id] = when
    return moved
