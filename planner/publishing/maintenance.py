"""The housekeeping at the start of every worker pass.

Expired leases are released or flagged, targets missed beyond the grace period go to a
person, unclear outcomes are asked about, the queue's statistics are kept fresh (SQLite)
and recurring series turn into posts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.db import read_scope, session_scope
from planner.lifecycle import refresh_post_status
from planner.publishing.claims import (
    any_expired,
    any_missed,
    recover_expired,
    refresh_statistics,
    sweep_missed,
)
from planner.publishing.context import WorkerContext
from planner.publishing.reconciliation import reconcile
from planner.publishing.results import PassResult
from planner.recurrence import materialize_all

SERIES_EVERY = timedelta(minutes=1)
ANALYZE_EVERY = timedelta(hours=6)
SWEEP_BATCH = 500
# Mid-pass lease recovery: one indexed look at the few `publishing` rows, so once a second
# costs little and keeps a dead worker's targets from waiting much beyond their lease.
RECOVER_EVERY = timedelta(seconds=1)


class Maintenance:
    """Housekeeping for one worker; remembers when it last did the occasional chores."""

    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx
        self._series_checked_at: datetime | None = None
        self._analyzed_at: datetime | None = None
        self._recovered_at: datetime | None = None

    def run(self, result: PassResult) -> None:
        """Expired leases, missed targets, unknown outcomes and recurring series."""
        now = self.ctx.clock()
        self._recovered_at = now
        _refresh(self._recover(now, result))
        reconcile(self.ctx, result)
        if self._analyzed_at is None or now - self._analyzed_at >= ANALYZE_EVERY:
            self._analyzed_at = now
            with session_scope() as session:
                refresh_statistics(session)
        # Series change rarely: looking once a minute is plenty and keeps passes cheap.
        if self._series_checked_at is None or now - self._series_checked_at >= SERIES_EVERY:
            self._series_checked_at = now
            result.add(series_posts=materialize_all(now, self.ctx.settings))

    def recover_if_due(self, result: PassResult) -> None:
        """Mid-pass, at most once a second: take over the targets of workers gone silent.

        A worker busy with a long backlog would otherwise leave a dead worker's targets
        until its own pass ends, however short the leases.
        """
        now = self.ctx.clock()
        if self._recovered_at is not None and now - self._recovered_at < RECOVER_EVERY:
            return
        self._recovered_at = now
        _refresh(self._recover_leases(now, result))

    def _recover_leases(self, now: datetime, result: PassResult) -> set[int]:
        """Release or flag expired leases; the posts they touched."""
        with read_scope() as session:
            if not any_expired(session, now):
                return set()
        with session_scope() as session:
            released, flagged, touched = recover_expired(session, now)
        result.add(released=released, recovered=released + flagged, needs_attention=flagged)
        return touched

    def _recover(self, now: datetime, result: PassResult) -> set[int]:
        """Release or flag expired leases and sweep missed targets; the posts they touched."""
        touched = self._recover_leases(now, result)
        grace = timedelta(minutes=self.ctx.settings.grace_minutes)
        with read_scope() as session:
            if not any_missed(session, now, grace):
                return touched
        while True:
            with session_scope() as session:
                missed = sweep_missed(session, now, grace, limit=SWEEP_BATCH)
            result.add(missed=len(missed))
            touched |= set(missed.values())
            if len(missed) < SWEEP_BATCH:
                return touched


def _refresh(post_ids: set[int]) -> None:
    """Each touched post's summary status, one transaction each.

    Separate from the recovery's: that one held target locks, and posts are locked before
    targets everywhere else.
    """
    for post_id in sorted(post_ids):
        with session_scope() as session:
            refresh_post_status(session, post_id)
