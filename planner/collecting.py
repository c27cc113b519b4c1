"""Collecting figures: the worker's regular pass and a person's "Refresh figures".

The regular pass (`collect_due`) runs with the publishing worker (embedded in the app or
`planner worker`), at most every `metrics_interval_seconds`: milestone snapshots of posts
(planner/metrics.py), then today's follower figure of each account (planner/audience.py).
`refresh_figures` is the same work on demand, for one post or everything still collected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel import select

from planner.audience import collect_audience
from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.i18n import LOCALES, t
from planner.metrics import collect_once
from planner.models import Post, PostTarget, utcnow
from planner.people import audit, guard
from planner.people.actors import Actor
from planner.people.roles import Action


class RefreshError(ValueError):
    """Figures cannot be refreshed as asked (no such post); worded in every language."""

    def __init__(self, code: str, **values: object) -> None:
        self.translations = {loc: t(f"collect.error.{code}", loc, **values) for loc in LOCALES}
        super().__init__(self.translations["en"])

    def text(self, locale: str) -> str:
        """The reason in the page language."""
        return self.translations.get(locale) or self.translations["en"]


@dataclass(frozen=True)
class Collected:
    """What one pass stored: post snapshots and accounts' audience figures."""

    snapshots: int = 0
    audience: int = 0

    def as_dict(self) -> dict[str, int]:
        """For `--json` and the worker's pass log."""
        return asdict(self)


def collect_due(
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    platform_factory: Callable | None = None,
) -> Collected:
    """The maintenance pass: snapshots of posts that reached a milestone, then audience."""
    settings = settings or get_settings()
    now = now or utcnow()
    kwargs = dict(settings=settings, now=now, platform_factory=platform_factory)
    return Collected(snapshots=collect_once(**kwargs), audience=collect_audience(**kwargs))


def refresh_figures(
    *,
    actor: Actor | None,
    post_id: int | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
    platform_factory: Callable | None = None,
) -> Collected:
    """Fresh figures now, at a person's request: of one post, or of every post still collected.

    Snapshots stand for a milestone when one is due, else they are `live`. Refreshing
    everything also takes the accounts' follower figures of today again; refreshing one
    post refreshes the audience of its accounts.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    with session_scope() as session:
        guard.check(session, actor, Action.REFRESH_METRICS, ("post", post_id) if post_id else None)
        account_ids = None
        if post_id is not None:
            if session.get(Post, post_id) is None:
                raise RefreshError("no_post", post=post_id)
            account_ids = set(
                session.exec(
                    select(PostTarget.account_id).where(PostTarget.post_id == post_id)
                ).all()
            )
    kwargs = dict(settings=settings, now=now, platform_factory=platform_factory)
    done = Collected(
        snapshots=collect_once(**kwargs, post_id=post_id, on_demand=True),
        audience=collect_audience(**kwargs, account_ids=account_ids, refresh=True),
    )
    with session_scope() as session:  # who asked the platforms, and what came back
        audit.record(
            session,
            actor,
            Action.REFRESH_METRICS,
            ("post", post_id) if post_id else None,
            **done.as_dict(),
        )
    return done
