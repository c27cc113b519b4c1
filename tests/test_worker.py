"""The worker's outcomes for each kind of platform answer, and recovery after a crash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, Notification, PostTarget, PublishAttempt
from planner.platforms.base import (
    AccountInfo,
    AuthExpired,
    Limits,
    OutcomeUnknown,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.scheduling import PostCreate, cancel_post, schedule_post
from planner.worker import BackgroundWorker, Worker
from tests.factories import add_sandbox_accounts

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


class Double:
    """A platform that answers from a script: an exception to raise or a RemoteRef to return."""

    name = "x"
    limits = Limits(max_chars=280)

    def __init__(self, answers: list) -> None:
        self.answers = list(answers)
        self.calls: list = []

    def publish(self, request):
        self.calls.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def fetch_metrics(self, refs):
        return {}

    def find_existing(self, request):
        return None

    def check_connection(self):
        return AccountInfo("1", "double")


def _one_target() -> tuple[int, int]:
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        post = schedule_post(
            session,
            data=PostCreate(title="t", texts={"x": "Halo"}, account_ids=[x.id], due_at=T0),
            now=T0 - timedelta(minutes=5),
        )
        return post.id, x.id


def _target() -> PostTarget:
    with session_scope() as session:
        return session.exec(select(PostTarget)).one()


@pytest.mark.parametrize(
    ("error", "status", "kind"),
    [
        (TransientError("503 before acceptance"), "retrying", "transient"),
        (RateLimited("429", reset_at=T0 + timedelta(minutes=15)), "retrying", "rate_limited"),
        (Rejected("duplicate content"), "failed", "rejected"),
        (AuthExpired("token revoked"), "failed", "auth_expired"),
        (OutcomeUnknown("timeout after sending"), "needs_attention", "unknown"),
        (RuntimeError("adapter bug"), "needs_attention", "unknown"),
    ],
)
def test_error_outcomes(sqlite_db: str, error: Exception, status: str, kind: str) -> None:
    _one_target()
    double = Double([error])
    result = Worker("w", platform_factory=lambda a: double, clock=lambda: T0).run_once()
    assert len(double.calls) == 1
    target = _target()
    assert (target.status, target.error_kind) == (status, kind)
    assert result.claimed == 1
    if isinstance(error, RateLimited):
        assert target.next_attempt_at == T0 + timedelta(minutes=15)
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.platform == "x")).one()
        assert (account.status == "reconnect_needed") == isinstance(error, AuthExpired)
        if status in ("failed", "needs_attention"):
            assert session.exec(select(Notification)).first() is not None


def test_transient_retries_then_publishes(sqlite_db: str) -> None:
    _one_target()
    double = Double([TransientError("connection refused"), RemoteRef("tw-1")])
    Worker("w", platform_factory=lambda a: double, clock=lambda: T0).run_once()
    assert _target().status == "retrying"
    Worker(
        "w", platform_factory=lambda a: double, clock=lambda: T0 + timedelta(minutes=1)
    ).run_once()
    target = _target()
    assert (target.status, target.remote_id, target.attempts) == ("published", "tw-1", 2)
    assert len(double.calls) == 2


def test_transient_gives_up_after_max_attempts(sqlite_db: str, monkeypatch) -> None:
    from planner import config

    monkeypatch.setenv("PLANNER_MAX_ATTEMPTS", "2")
    config.reset_settings()
    _one_target()
    double = Double([TransientError("a"), TransientError("b")])
    Worker("w", platform_factory=lambda a: double, clock=lambda: T0).run_once()
    Worker("w", platform_factory=lambda a: double, clock=lambda: T0 + timedelta(hours=2)).run_once()
    assert _target().status == "failed"


def test_cancelled_after_claim_is_not_sent(sqlite_db: str) -> None:
    post_id, _ = _one_target()
    double = Double([RemoteRef("never")])
    worker = Worker("w", platform_factory=lambda a: double, clock=lambda: T0)
    from planner.worker import claim_due

    with session_scope() as session:
        assert claim_due(session, "w", T0, 10, 60)
    with session_scope() as session:
        cancel_post(session, post_id)
    from planner.worker import PassResult

    result = PassResult()
    worker._process(_target().id, result)
    assert double.calls == [] and result.skipped == 1
    assert _target().status == "cancelled"


def test_crash_mid_call_goes_to_needs_attention_not_resent(sqlite_db: str) -> None:
    _one_target()
    worker = Worker("crashy", clock=lambda: T0)
    with session_scope() as session:
        from planner.worker import claim_due

        [target_id] = claim_due(session, "crashy", T0, 10, 60)
    assert worker._prepare(target_id) is not None  # attempt written; then the process "dies"
    double = Double([RemoteRef("dup")])
    later = Worker(
        "rescuer", platform_factory=lambda a: double, clock=lambda: T0 + timedelta(minutes=5)
    )
    result = later.run_once()
    assert result.recovered == 1 and double.calls == []
    assert _target().status == "needs_attention"
    with session_scope() as session:
        assert [a.outcome for a in session.exec(select(PublishAttempt))] == ["unknown"]


def test_expired_claim_without_attempt_is_retried(sqlite_db: str) -> None:
    _one_target()
    with session_scope() as session:
        from planner.worker import claim_due

        claim_due(session, "gone", T0, 10, 60)
    double = Double([RemoteRef("ok-1")])
    Worker(
        "w2", platform_factory=lambda a: double, clock=lambda: T0 + timedelta(minutes=5)
    ).run_once()
    assert _target().status == "published" and len(double.calls) == 1


def test_embedded_thread_publishes_due_post(sqlite_db: str) -> None:
    import time

    from planner.config import get_settings

    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        schedule_post(
            session,
            data=PostCreate(
                title="t", texts={"x": "Halo thread"}, account_ids=[x.id], due_at=datetime.now(UTC)
            ),
            publish_now=True,
        )
    settings = get_settings().model_copy(update={"worker_poll_seconds": 0.05})
    thread = BackgroundWorker("embedded-test", settings=settings).start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _target().status != "published":
            time.sleep(0.05)
    finally:
        thread.stop()
    assert _target().status == "published"
    assert not thread.alive
