"""Audience: one follower count per account per library-local day, so growth can be shown.

Taken in the same maintenance pass as the post snapshots (planner/collecting.py) for
every active account that has no figure for today yet, and again on demand (the row of
the day is then updated). A revoked token pauses the account, as when reading metrics; a
platform that fails is logged and the other accounts go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from planner.accounts import mark_reconnect_needed
from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.models import Account, AccountStatus, AudienceSnapshot, utcnow
from planner.platforms import for_account
from planner.platforms.base import Audience, AuthExpired, PlatformError

log = logging.getLogger(__name__)


def _store(account_id: int, day, now: datetime, audience: Audience) -> None:
    """Insert or update the account's row for `day` (one row per account per day)."""
    values = dict(
        taken_at=now,
        followers=None if "followers" in audience.missing else audience.followers,
        following=None if "following" in audience.missing else audience.following,
        simulated=audience.simulated,
        raw={**audience.raw, "missing": list(audience.missing)},
    )
    for _attempt in range(2):  # a second worker may insert the same day between look and write
        try:
            with session_scope() as session:
                row = session.exec(
                    select(AudienceSnapshot)
                    .where(AudienceSnapshot.account_id == account_id)
                    .where(AudienceSnapshot.day == day)
                ).first()
                if row is None:
                    session.add(AudienceSnapshot(account_id=account_id, day=day, **values))
                else:
                    for key, value in values.items():
                        setattr(row, key, value)
            return
        except IntegrityError:
            continue


def collect_audience(
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    platform_factory: Callable | None = None,
    account_ids: set[int] | None = None,
    refresh: bool = False,
) -> int:
    """Today's follower figure for each active account lacking one (`refresh`: all of them).

    Returns how many accounts were stored. `account_ids` limits the pass to those accounts.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    factory = platform_factory or (
        lambda account: for_account(account, settings, clock=lambda: now)
    )
    day = now.astimezone(settings.tz).date()
    with session_scope() as session:
        query = select(Account).where(Account.status == AccountStatus.ACTIVE.value)
        accounts = session.exec(query.order_by(Account.id)).all()
        if account_ids is not None:
            accounts = [a for a in accounts if a.id in account_ids]
        if not refresh:
            done = set(
                session.exec(
                    select(AudienceSnapshot.account_id).where(AudienceSnapshot.day == day)
                ).all()
            )
            accounts = [a for a in accounts if a.id not in done]
        session.expunge_all()
    stored = 0
    for account in accounts:
        try:
            audience = factory(account).fetch_audience()
        except AuthExpired as exc:
            with session_scope() as session:
                mark_reconnect_needed(session, account.id, exc.message)
            continue
        except PlatformError as exc:
            log.warning("followers of account %s failed: %s", account.name, exc.message)
            continue
        _store(account.id, day, now, audience)
        stored += 1
    return stored
