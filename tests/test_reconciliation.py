"""Reconciliation (planner/publishing/reconciliation.py), called directly: asking the platform
whether an unknown-outcome post exists, backing off, and never overriding a person's choice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, Notification, Post, PostTarget, PublishAttempt
from planner.platforms.base import PublishRequest, RemoteRef, TransientError
from planner.publishing.attention import resend_target
from planner.publishing.reconciliation import mark_found, reconcile
from planner.publishing.results import PassResult
from tests.doubles import PlatformDouble, context
from tests.factories import add_account, add_target
from tests.people_helpers import ADMIN

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
FOUND = RemoteRef("x-9", url="https://x.example/p/9")


def unknown(**columns) -> int:
    """A target whose send timed out at T0 - 5 min: needs attention, outcome unknown."""
    with session_scope() as session:
        post = Post(title="t", status="needs_attention")
        session.add(post)
        session.flush()
        values = {"status": "needs_attention", "error_kind": "unknown", "attempts": 1, **columns}
        return add_target(session, add_account(session), T0 - 5 * MIN, post=post, **values).id


def on_platform(target_id: int) -> PlatformDouble:
    """A platform that has the post (it arrived despite the timeout)."""
    return PlatformDouble(timeline={f"planner-{target_id}": FOUND})


def run(double, at: datetime = T0, **settings) -> PassResult:
    result = PassResult()
    reconcile(context(double, at, **settings), result)
    return result


def row(target_id: int) -> PostTarget:
    with session_scope() as session:
        return session.get(PostTarget, target_id)


def notes() -> list[str]:
    with session_scope() as session:
        return [n.key for n in session.exec(select(Notification).order_by(Notification.id))]


def found_attempts() -> list[PublishAttempt]:
    with session_scope() as session:
        return list(session.exec(select(PublishAttempt).where(PublishAttempt.outcome == "found")))


def test_a_post_found_is_published_with_a_found_attempt(any_db) -> None:
    target_id = unknown()
    double = on_platform(target_id)
    result = run(double)
    target = row(target_id)
    assert (target.status, target.remote_id, target.remote_url) == ("published", "x-9", FOUND.url)
    assert (target.published_at, target.next_attempt_at, target.error_kind) == (T0, None, None)
    [found] = found_attempts()
    assert (found.target_id, found.worker_id, found.remote_id) == (target_id, "w", "x-9")
    assert (found.started_at, found.finished_at, found.platform) == (T0, T0, "x")
    assert notes() == ["notify.reconciled"]
    assert result.reconciled == 1 and double.publish_calls == []
    assert [r.idempotency_key for r in double.find_calls] == [f"planner-{target_id}"]
    with session_scope() as session:
        assert session.get(Post, target.post_id).status == "published"


# checks already made, checks allowed, wait before the next, people told
BACKOFF = [
    (0, 4, 1 * MIN, False),
    (1, 4, 5 * MIN, False),
    (2, 4, 30 * MIN, False),
    (3, 4, 30 * MIN, True),
    (2, 3, 30 * MIN, True),
    (0, 1, 1 * MIN, True),
]


@pytest.mark.parametrize(("checks", "allowed", "wait", "told"), BACKOFF)
def test_not_found_backs_off_and_tells_people_when_checks_run_out(
    any_db, checks, allowed, wait, told
) -> None:
    target_id = unknown(reconcile_checks=checks)
    double = PlatformDouble()
    result = run(double, reconcile_checks=allowed)
    target = row(target_id)
    assert (target.status, target.error_kind) == ("needs_attention", "unknown")
    assert (target.reconcile_checks, target.next_attempt_at) == (checks + 1, T0 + wait)
    assert notes() == (["notify.unconfirmed"] if told else [])
    assert (len(double.find_calls), result.reconciled, found_attempts()) == (1, 0, [])


def test_checks_follow_the_backoff_and_stop_when_used_up(any_db) -> None:
    target_id = unknown()
    double = PlatformDouble()
    asked = []
    for minutes in (0, 0.5, 1, 5, 6, 35, 36, 66, 500):  # passes, some too early to ask again
        run(double, T0 + minutes * MIN, reconcile_checks=4)
        asked.append(len(double.find_calls))
    # Right away, then after 1, 5 and 30 more minutes; then never again.
    assert asked == [1, 1, 2, 2, 3, 3, 4, 4, 4]
    assert row(target_id).reconcile_checks == 4
    assert notes() == ["notify.unconfirmed"]  # once, when the last check came back empty


class BrokenSearch(PlatformDouble):
    """A platform whose 'does it exist?' question fails (outage, expired token)."""

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        self.find_calls.append(request)
        raise TransientError("HTTP 503 while searching")


def test_a_failing_question_is_asked_again_later(any_db) -> None:
    target_id = unknown()
    broken = BrokenSearch()
    run(broken)
    target = row(target_id)
    assert (target.status, target.reconcile_checks, target.next_attempt_at) == (
        "needs_attention",
        1,
        T0 + MIN,
    )
    assert (len(broken.find_calls), notes()) == (1, [])
    assert run(on_platform(target_id), T0 + MIN).reconciled == 1
    assert row(target_id).status == "published"


def test_an_adapter_that_cannot_be_made_is_asked_again_later(any_db) -> None:
    target_id = unknown()

    def factory(account: Account) -> PlatformDouble:
        raise KeyError("no adapter")

    run(factory)
    assert (row(target_id).reconcile_checks, row(target_id).next_attempt_at) == (1, T0 + MIN)


class PersonActsDuringTheQuestion(PlatformDouble):
    """Finds the post, but a person presses "send again" while the question is out."""

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        with session_scope() as session:
            resend_target(session, request.target_id, now=T0, actor=ADMIN)
        return super().find_existing(request)


def test_an_answer_never_overrides_what_a_person_did_meanwhile(any_db) -> None:
    target_id = unknown()
    double = PersonActsDuringTheQuestion(timeline={f"planner-{target_id}": FOUND})
    assert run(double).reconciled == 0
    target = row(target_id)
    # Left as the person asked; the send itself will ask the platform first.
    assert (target.status, target.verify_before_send, target.reconcile_checks) == (
        "scheduled",
        True,
        0,
    )
    assert (found_attempts(), notes()) == ([], [])


def test_only_unknown_outcomes_due_for_a_check_are_asked_about(any_db) -> None:
    waiting = unknown(reconcile_checks=1, next_attempt_at=T0 + MIN)
    missed = unknown(error_kind="missed")
    double = PlatformDouble(timeline={f"planner-{i}": FOUND for i in (waiting, missed)})
    assert run(double).reconciled == 0
    assert double.find_calls == []
    assert (row(waiting).status, row(missed).status) == ("needs_attention",) * 2


# status the target moved to, found
MARK_FOUND = [
    ("needs_attention", True),
    ("scheduled", False),  # a person pressed "send again"
    ("cancelled", False),  # a person dropped it
    ("published", False),  # a person confirmed it
]


@pytest.mark.parametrize(("status", "marked"), MARK_FOUND)
def test_mark_found_refuses_a_target_that_moved(any_db, status, marked) -> None:
    target_id = unknown(status=status)
    with session_scope() as session:
        assert mark_found(session, target_id, FOUND, T0, "w") is marked
    target = row(target_id)
    assert target.status == ("published" if marked else status)
    assert (target.remote_id == "x-9") is marked
    assert (len(found_attempts()), notes()) == ((1, ["notify.reconciled"]) if marked else (0, []))
