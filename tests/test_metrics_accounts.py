"""Metrics collection leaves accounts that need reconnecting alone (their token would fail)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.db import session_scope
from planner.metrics import collect_once
from planner.models import Account, MetricSnapshot
from planner.scheduling import PostCreate, schedule_post
from planner.worker import Worker
from tests.factories import add_sandbox_accounts

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def test_reconnect_needed_account_is_skipped_then_resumed(sqlite_db: str) -> None:
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        schedule_post(
            session,
            data=PostCreate(
                title="t",
                texts={"x": "Halo", "facebook": "Halo"},
                account_ids=[x.id, fb.id],
                due_at=T0,
            ),
            now=T0 - timedelta(minutes=1),
        )
    assert Worker("w", clock=lambda: T0).run_once().published == 2
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.platform == "x")).one()
        account.status, account.status_reason = "reconnect_needed", "token revoked"
    assert collect_once(now=T0 + timedelta(hours=1)) == 1  # only Facebook
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.platform == "x")).one()
        account.status = "active"
    assert collect_once(now=T0 + timedelta(hours=2)) == 2
    with session_scope() as session:
        assert len(session.exec(select(MetricSnapshot)).all()) == 3
