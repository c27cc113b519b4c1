"""Scheduled harvests: which sources are due, and the worker's background pass over them.

A source set to `daily` or `weekly` is due once that long has passed since its last run
(good or failed, so a server that is down is not hammered every pass). The publishing
worker (embedded or `planner worker`) looks every CHECK_EVERY and harvests the due sources
on a thread of their own: a slow catalogue never holds up a post. Without a running
worker, `planner catalogue harvest --due` from cron does the same.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlmodel import select

from planner.catalogue.errors import CatalogueError
from planner.catalogue.harvest import HarvestReport, harvest_source
from planner.catalogue.sources import SCHEDULES
from planner.db import session_scope
from planner.models import CatalogueSource, utcnow
from planner.people.actors import SYSTEM

log = logging.getLogger(__name__)
CHECK_EVERY = timedelta(minutes=5)


def due_sources(now: datetime) -> list[int]:
    """Ids of the sources whose schedule says harvest now."""
    with session_scope() as session:
        sources = session.exec(select(CatalogueSource).order_by(CatalogueSource.id)).all()
        return [
            s.id
            for s in sources
            if (every := SCHEDULES.get(s.schedule)) is not None
            and (s.last_run_at is None or now - s.last_run_at >= every)
        ]


def harvest_due(now: datetime | None = None, **kwargs) -> dict[int, HarvestReport | str]:
    """Harvest every due source as the system; a failure is logged and kept on its source."""
    now = now or utcnow()
    done: dict[int, HarvestReport | str] = {}
    for source_id in due_sources(now):
        try:
            done[source_id] = harvest_source(source_id, actor=SYSTEM, now=now, **kwargs)
        except CatalogueError as exc:
            log.warning("scheduled harvest of catalogue %s failed: %s", source_id, exc)
            done[source_id] = exc.text("en")
    return done


class ScheduledHarvests:
    """The worker's hook: every CHECK_EVERY, harvest due sources on a background thread."""

    def __init__(self) -> None:
        self._checked_at: datetime | None = None
        self._thread: threading.Thread | None = None

    def poke(self, now: datetime) -> bool:
        """Start a background pass if one is due and none is running; whether one started."""
        if self._thread is not None and self._thread.is_alive():
            return False
        if self._checked_at is not None and now - self._checked_at < CHECK_EVERY:
            return False
        self._checked_at = now
        self._thread = threading.Thread(
            target=self._run, args=(now,), name="catalogue-harvest", daemon=True
        )
        self._thread.start()
        return True

    def join(self, timeout: float | None = None) -> None:
        """Wait for a running pass (tests, and a worker that is stopping)."""
        if self._thread is not None:
            self._thread.join(timeout)

    @staticmethod
    def _run(now: datetime) -> None:
        try:
            harvest_due(now)
        except Exception:  # the database may be away; the next check tries again
            log.exception("scheduled catalogue harvest failed")
