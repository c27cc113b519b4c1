"""Scheduled catalogue harvests: which sources are due, and the worker's background pass."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.catalogue import schedule
from planner.catalogue.schedule import ScheduledHarvests, due_sources, harvest_due
from planner.catalogue.sources import SourceIn, add_source
from planner.config import Settings
from planner.db import session_scope
from planner.models import AuditEntry, CatalogueSource, CollectionItem
from planner.publishing.worker import Worker
from tests.oai_server import OaiServer, slims_route
from tests.people_helpers import make_user

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _add(name: str, url: str, schedule_name: str) -> int:
    with session_scope() as session:
        data = SourceIn(name=name, base_url=url, schedule=schedule_name)
        return add_source(session, data, actor=make_user("admin")).id


def _ran(source_id: int, at: datetime, status: str = "ok") -> None:
    with session_scope() as session:
        source = session.get(CatalogueSource, source_id)
        source.last_run_at, source.last_status = at, status


def test_a_source_is_due_once_its_schedule_has_passed_since_its_last_run(sqlite_db: str) -> None:
    weekly = _add("Pekanan", "https://a.example/oai.php", "weekly")
    daily = _add("Harian", "https://b.example/oai.php", "daily")
    _add("Manual", "https://c.example/oai.php", "off")
    assert due_sources(T0) == [weekly, daily]  # never harvested: due now; "off" never
    _ran(weekly, T0)
    _ran(daily, T0, status="failed")  # a failed run waits its turn too: no hammering
    assert due_sources(T0 + timedelta(hours=23)) == []
    assert due_sources(T0 + timedelta(days=1)) == [daily]
    assert due_sources(T0 + timedelta(days=7)) == [weekly, daily]


def test_due_sources_are_harvested_as_the_system_and_a_failure_does_not_stop_the_rest(
    sqlite_db: str,
) -> None:
    server = OaiServer(slims_route).start()
    try:
        broken = _add("Mati", "http://127.0.0.1:9/oai.php", "daily")
        good = _add("SLiMS Kota", server.url, "weekly")
        done = harvest_due(T0, client_factory=_quick)
    finally:
        server.stop()
    assert "cannot be reached" in done[broken]
    assert done[good].counts["created"] == 3
    with session_scope() as session:
        assert len(session.exec(select(CollectionItem)).all()) == 3
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.action == "catalogue.harvest")
        ).one()
        assert entry.actor_id is None  # the system, not a person
        assert session.get(CatalogueSource, broken).last_status == "failed"


def _quick(source):
    from planner.catalogue.oai import PatientSickle

    return PatientSickle(source.base_url, timeout=2, retries=0, sleep=lambda s: None)


def test_scheduled_pass_runs_on_its_own_thread_at_most_every_few_minutes(monkeypatch) -> None:
    started = threading.Event()
    release = threading.Event()
    calls: list[datetime] = []

    def slow_harvest(now: datetime) -> None:
        calls.append(now)
        started.set()
        release.wait(5)

    monkeypatch.setattr(schedule, "harvest_due", slow_harvest)
    harvests = ScheduledHarvests()
    assert harvests.poke(T0) is True
    assert started.wait(5)
    # While a slow catalogue is being harvested, the worker's pass goes on; no second run.
    assert harvests.poke(T0 + timedelta(minutes=10)) is False
    release.set()
    harvests.join(5)
    assert harvests.poke(T0 + timedelta(minutes=1)) is False  # checked a minute ago
    assert harvests.poke(T0 + schedule.CHECK_EVERY) is True
    harvests.join(5)
    assert calls == [T0, T0 + schedule.CHECK_EVERY]


def test_the_running_worker_pokes_the_scheduled_harvests(sqlite_db: str, monkeypatch) -> None:
    from planner.publishing import worker as worker_module

    pokes: list[datetime] = []

    class Recording:
        def poke(self, now: datetime) -> bool:
            pokes.append(now)
            return False

    monkeypatch.setattr(worker_module, "ScheduledHarvests", Recording)
    monkeypatch.setattr(worker_module, "collect_due", lambda **kwargs: None)
    settings = Settings(secret_key=None, worker_poll_seconds=0.001)
    rounds = iter(range(2))
    stop = threading.Event()

    def next_round(_result) -> None:
        if next(rounds, None) is None:
            stop.set()

    worker_module.serve(
        Worker("w-catalogue", settings=settings, clock=lambda: T0), stop, on_pass=next_round
    )
    assert pokes[:2] == [T0, T0]
