"""Recording outcomes (planner/publishing/recording.py), called directly on started sends:
published, each error class with tries left or used up, a target moved meanwhile, and when
the next try is due."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, Notification, Post, PostTarget, PublishAttempt
from planner.platforms.base import (
    AuthExpired,
    OutcomeUnknown,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.publishing.claims import claim_due, recover_expired
from planner.publishing.recording import next_attempt, record, record_failure, record_sent
from planner.publishing.results import PassResult
from planner.publishing.sending import SetupError
from planner.publishing.starting import StartedSend, start
from tests.doubles import PlatformDouble, context
from tests.factories import add_account, add_target

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
DONE = T0 + timedelta(seconds=30)  # when the call came back
MAX = 3


def started_sends(n: int = 1, attempts: int = 0, **columns) -> list[StartedSend]:
    """`n` targets claimed and started by worker "w" at T0, after `attempts` earlier tries."""
    with session_scope() as session:
        account = add_account(session)
        for _ in range(n):
            add_target(session, account, T0, attempts=attempts, **columns)
    with session_scope() as session:
        ids = claim_due(session, "w", T0, n, lease_seconds=120)
    return start(context(PlatformDouble(), T0), ids, PassResult())


def row(prepared: StartedSend) -> PostTarget:
    with session_scope() as session:
        return session.get(PostTarget, prepared.request.target_id)


def attempt(prepared: StartedSend) -> PublishAttempt:
    with session_scope() as session:
        return session.get(PublishAttempt, prepared.attempt_id)


def notes() -> list[tuple[str, int | None]]:
    with session_scope() as session:
        query = select(Notification).order_by(Notification.id)
        return [(n.key, n.target_id) for n in session.exec(query)]


def fail(prepared: StartedSend, exc: Exception) -> str:
    """Record that worker "w"'s call for `prepared` came back with `exc`; the counter to bump."""
    ctx = context(PlatformDouble(), DONE, max_attempts=MAX)
    with session_scope() as session:
        return record_failure(ctx, session, prepared, exc, DONE)


# -- published ----------------------------------------------------------------------------------
def test_record_sent_publishes_the_target_and_its_attempt(any_db) -> None:
    [prepared] = started_sends()
    with session_scope() as session:
        record_sent(session, [(prepared, RemoteRef("x-1", url="https://x.example/p/1"))], DONE)
    target, tried = row(prepared), attempt(prepared)
    assert (target.status, target.remote_id, target.remote_url) == (
        "published",
        "x-1",
        "https://x.example/p/1",
    )
    assert (target.published_at, target.updated_at) == (DONE, DONE)  # the platform gave no time
    assert (target.lease_owner, target.lease_expires_at, target.send_started_at) == (None,) * 3
    assert (target.error_kind, target.last_error, target.verify_before_send) == (None, None, False)
    assert (tried.outcome, tried.finished_at, tried.remote_id) == ("sent", DONE, "x-1")
    assert notes() == []


def test_record_sent_keeps_the_platforms_time_and_marks_a_find(any_db) -> None:
    [prepared] = started_sends(verify_before_send=True)  # a person's "send again"
    prepared.found = True  # verify_first found it on the platform
    with session_scope() as session:
        record_sent(
            session, [(prepared, RemoteRef("x-1", published_at=T0 - timedelta(hours=1)))], DONE
        )
    assert row(prepared).published_at == T0 - timedelta(hours=1)
    assert row(prepared).verify_before_send is False  # done: nothing left to verify
    assert attempt(prepared).outcome == "found"


def test_a_send_that_outlived_its_lease_is_still_published(any_db) -> None:
    """Recovery flagged it unknown meanwhile, but it did go out: published, nobody alarmed."""
    [prepared] = started_sends()
    with session_scope() as session:
        recover_expired(session, T0 + timedelta(minutes=5))
    assert row(prepared).status == "needs_attention"
    with session_scope() as session:
        record_sent(session, [(prepared, RemoteRef("x-1"))], DONE)
    assert row(prepared).status == "published" and attempt(prepared).outcome == "sent"
    assert notes() == [("notify.unknown", prepared.request.target_id)]  # recovery's, no other


def test_a_target_dropped_meanwhile_is_reported_sent_anyway(any_db) -> None:
    first, dropped, last = started_sends(3)
    with session_scope() as session:  # recovered, then a person chose "do not send"
        recover_expired(session, T0 + timedelta(minutes=5))
        session.flush()
        session.get(PostTarget, dropped.request.target_id).status = "cancelled"
    sent = [(p, RemoteRef(f"x-{i}")) for i, p in enumerate((first, dropped, last))]
    with session_scope() as session:
        record_sent(session, sent, DONE)
    assert [row(p).status for p in (first, dropped, last)] == [
        "published",
        "cancelled",
        "published",
    ]
    assert attempt(dropped).outcome == "sent"  # the attempt says what really happened
    with session_scope() as session:
        [alarm] = session.exec(select(Notification).where(Notification.key == "notify.sent_anyway"))
    assert (alarm.target_id, alarm.level, alarm.params["remote_id"]) == (
        dropped.request.target_id,
        "error",
        "x-1",
    )


# -- failures -----------------------------------------------------------------------------------
# name, error, earlier tries, post cancelled, target status, counter, attempt outcome,
# notifications (after the 'notify.' prefix)
FAILURES = [
    ("server error, tries left", TransientError("HTTP 500"), 0, False,
     "retrying", "retrying", "not_sent", []),
    ("server error, last try", TransientError("HTTP 500"), MAX - 1, False,
     "failed", "failed", "not_sent", ["failed"]),
    ("rate limited, tries left", RateLimited("HTTP 429"), MAX - 2, False,
     "retrying", "retrying", "not_sent", []),
    ("rate limited, last try", RateLimited("HTTP 429"), MAX - 1, False,
     "failed", "failed", "not_sent", ["failed"]),
    ("token expired", AuthExpired("HTTP 401"), 0, False,
     "failed", "failed", "failed", ["failed", "reconnect"]),
    ("content rejected", Rejected("HTTP 403: duplicate"), 0, False,
     "failed", "failed", "failed", ["failed"]),
    ("no adapter", SetupError("cannot publish to this account"), 0, False,
     "failed", "failed", "failed", ["failed"]),
    ("unknown outcome", OutcomeUnknown("read timed out"), 0, False,
     "needs_attention", "needs_attention", "unknown", ["unknown"]),
    ("unknown outcome on the last try", OutcomeUnknown("read timed out"), MAX - 1, False,
     "needs_attention", "needs_attention", "unknown", ["unknown"]),
    ("server error, post cancelled meanwhile", TransientError("HTTP 500"), 0, True,
     "cancelled", "skipped", "not_sent", []),
    ("rate limited, post cancelled meanwhile", RateLimited("HTTP 429"), MAX - 1, True,
     "cancelled", "skipped", "not_sent", []),
    ("content rejected, post cancelled meanwhile", Rejected("HTTP 403"), 0, True,
     "failed", "failed", "failed", ["failed"]),
    ("unknown outcome, post cancelled meanwhile", OutcomeUnknown("timeout"), 0, True,
     "needs_attention", "needs_attention", "unknown", ["unknown"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "exc", "earlier", "cancelled", "status", "counter", "outcome", "told"),
    FAILURES,
    ids=[f[0] for f in FAILURES],
)
def test_record_failure(
    any_db, name, exc, earlier, cancelled, status, counter, outcome, told
) -> None:
    # Checks left over from an earlier unclear outcome (a reschedule keeps the count).
    [prepared] = started_sends(attempts=earlier, reconcile_checks=4)
    if cancelled:  # a cancel during the call is too late for the target, not for the post
        with session_scope() as session:
            session.get(Post, prepared.post_id).cancelled_at = T0
    assert fail(prepared, exc) == counter
    target, tried = row(prepared), attempt(prepared)
    assert (target.status, target.attempts) == (status, earlier + 1)
    assert (target.error_kind, target.last_error) == (exc.kind, exc.message)
    assert (target.lease_owner, target.lease_expires_at, target.send_started_at) == (None,) * 3
    assert (tried.outcome, tried.error_kind, tried.error_message) == (
        outcome,
        exc.kind,
        exc.message,
    )
    assert tried.finished_at == DONE
    assert notes() == [(f"notify.{key}", None if key == "reconnect" else target.id) for key in told]
    assert (target.next_attempt_at is not None) is (status == "retrying")
    if status == "retrying":
        assert DONE < target.next_attempt_at <= DONE + timedelta(hours=1)
    # A new unclear outcome gets a full set of checks, from the next pass on.
    assert target.reconcile_checks == (0 if status == "needs_attention" else 4)
    with session_scope() as session:
        account = session.get(Account, target.account_id)
    assert (account.status == "reconnect_needed") is isinstance(exc, AuthExpired)


def test_giving_up_says_how_often_it_was_tried(any_db) -> None:
    [prepared] = started_sends(attempts=MAX - 1)
    fail(prepared, TransientError("HTTP 500"))
    with session_scope() as session:
        [note] = session.exec(select(Notification))
    assert note.params["detail"] == f"HTTP 500; gave up after {MAX} tries"


# name, what happened to the target during the call, error, attempt outcome
TAKEN_OVER = [
    ("recovered, then a server error", "recovered", TransientError("HTTP 500"), "not_sent"),
    ("recovered, then rejected", "recovered", Rejected("HTTP 403"), "not_sent"),
    ("recovered, then a timeout", "recovered", OutcomeUnknown("timeout"), "unknown"),
    ("leased to another worker", "other", TransientError("HTTP 500"), "not_sent"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "meanwhile", "exc", "outcome"), TAKEN_OVER, ids=[t[0] for t in TAKEN_OVER]
)
def test_a_failure_on_a_target_taken_over_only_updates_the_attempt(
    any_db, name, meanwhile, exc, outcome
) -> None:
    [prepared] = started_sends()
    with session_scope() as session:
        if meanwhile == "recovered":
            recover_expired(session, T0 + timedelta(minutes=5))
        else:
            session.get(PostTarget, prepared.request.target_id).lease_owner = "other"
    before = row(prepared)
    assert fail(prepared, exc) == "skipped"
    after = row(prepared)
    assert (after.status, after.error_kind, after.lease_owner, after.next_attempt_at) == (
        before.status,
        before.error_kind,
        before.lease_owner,
        before.next_attempt_at,
    )
    assert (attempt(prepared).outcome, attempt(prepared).error_kind) == (outcome, exc.kind)


def test_record_stores_a_batch_and_counts_it(any_db) -> None:
    sent, found, retry, unknown = started_sends(4)
    found.found = True
    outcomes = [
        (sent, RemoteRef("x-1")),
        (found, RemoteRef("x-2")),
        (retry, TransientError("HTTP 500")),
        (unknown, OutcomeUnknown("timeout")),
    ]
    result = PassResult()
    record(context(PlatformDouble(), DONE, max_attempts=MAX), outcomes, result)
    counts = {k: v for k, v in result.as_dict().items() if v and k != "errors"}
    assert counts == {"published": 2, "reconciled": 1, "retrying": 1, "needs_attention": 1}
    with session_scope() as session:  # each post's summary follows its target
        posts = [session.get(Post, p.post_id).status for p, _ in outcomes]
    assert posts == ["published", "published", "retrying", "needs_attention"]


# -- when to try again --------------------------------------------------------------------------
BASE, CEILING = 30, 600

# name, error, tries so far, earliest, latest (seconds after DONE)
NEXT = [
    ("first retry", TransientError("500"), 1, BASE / 2, BASE),
    ("no try yet", TransientError("500"), 0, BASE / 2, BASE),
    ("second retry doubles", TransientError("500"), 2, BASE, 2 * BASE),
    ("fourth retry", TransientError("500"), 4, 4 * BASE, 8 * BASE),
    ("capped", TransientError("500"), 10, CEILING / 2, CEILING),
    ("rate limited without a reset time", RateLimited("429"), 2, BASE, 2 * BASE),
    ("rate limited until a reset", RateLimited("429", reset_at=DONE + timedelta(hours=2)), 1,
     7200, 7205),
    ("rate limit reset already passed", RateLimited("429", reset_at=DONE - timedelta(hours=1)), 1,
     0, 5),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "exc", "tries", "earliest", "latest"), NEXT, ids=[n[0] for n in NEXT]
)
def test_next_attempt(data_dir, name, exc, tries, earliest, latest) -> None:
    ctx = context(PlatformDouble(), DONE, retry_base_seconds=BASE, retry_max_seconds=CEILING)
    for seed in range(20):
        ctx.rng.seed(seed)
        delay = (next_attempt(ctx, tries, DONE, exc) - DONE).total_seconds()
        assert earliest <= delay <= latest


def test_next_attempt_is_jittered_by_the_contexts_rng(data_dir) -> None:
    ctx = context(PlatformDouble(), DONE, retry_base_seconds=BASE, retry_max_seconds=CEILING)
    error = TransientError("HTTP 500")
    delays = {next_attempt(ctx, 3, DONE, error) for _ in range(20)}
    assert len(delays) == 20  # targets that failed together do not retry in step
    same = [next_attempt(replace(ctx, rng=random.Random(1)), 3, DONE, error) for _ in range(2)]
    assert same[0] == same[1]  # the randomness is the context's, so a test can fix it
