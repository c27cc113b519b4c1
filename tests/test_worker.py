"""The worker against a platform double: every fault ends in the right state with the right
number of calls, on SQLite and on PostgreSQL; retries, caps, reconciliation, shutdown."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planner import config
from planner.config import get_settings
from planner.db import session_scope
from planner.models import Account, Notification, Post, PostTarget, PublishAttempt
from planner.platforms.base import AuthExpired, TransientError
from planner.publishing.attention import resend_target
from planner.publishing.recording import next_attempt
from planner.publishing.results import PassResult
from planner.publishing.worker import Worker, serve
from planner.scheduling import PostCreate, schedule_post
from tests import doubles
from tests.doubles import PlatformDouble
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def schedule(texts: dict[str, str] | None = None, due: datetime = T0, accounts=(0,)) -> int:
    """One post on the given sandbox accounts (0 = x, 1 = facebook), due at `due`."""
    with session_scope() as session:
        existing = session.exec(select(Account).order_by(Account.id)).all()
        all_accounts = existing or add_sandbox_accounts(session)
        post = schedule_post(
            session,
            data=PostCreate(
                title="t",
                texts=texts or {"x": "Halo", "facebook": "Halo FB", "instagram": "Halo IG"},
                account_ids=[all_accounts[i].id for i in accounts],
                due_at=due,
            ),
            now=due - timedelta(minutes=5),
            actor=ADMIN,
        )
        return post.id


def targets() -> list[PostTarget]:
    with session_scope() as session:
        return list(session.exec(select(PostTarget).order_by(PostTarget.id)))


def attempts() -> list[str]:
    with session_scope() as session:
        return [a.outcome for a in session.exec(select(PublishAttempt).order_by(PublishAttempt.id))]


def notes() -> list[str]:
    with session_scope() as session:
        return [n.key for n in session.exec(select(Notification).order_by(Notification.id))]


def worker(double: PlatformDouble, at: datetime, name: str = "w", **settings) -> Worker:
    s = get_settings().model_copy(update=settings)
    return Worker(name, settings=s, platform_factory=lambda a: double, clock=lambda: at,
                  rng=random.Random(7))  # fmt: skip


# fault, pass times (minutes after T0), final status, publish calls, find calls, attempts
FAULTS: list[tuple[str, Callable[[], doubles.Fault], list[float], str, int, int, list[str]]] = [
    ("timeout after send", doubles.timeout_after_send, [0, 2], "published", 1, 1,
     ["unknown", "found"]),
    ("timeout, lost", doubles.timeout_lost, [0, 2], "needs_attention", 1, 1, ["unknown"]),
    ("429 with reset", lambda: doubles.rate_limited(T0 + timedelta(minutes=15)), [0, 10, 16],
     "published", 2, 0, ["not_sent", "sent"]),
    ("500", doubles.server_error, [0, 1], "published", 2, 0, ["not_sent", "sent"]),
    ("connection refused", doubles.connection_refused, [0, 1], "published", 2, 0,
     ["not_sent", "sent"]),
    ("connection reset", doubles.connection_reset, [0, 2], "published", 1, 1,
     ["unknown", "found"]),
    ("token expired", doubles.token_expired, [0, 1], "failed", 1, 0, ["failed"]),
    ("content rejected", doubles.rejected, [0, 1], "failed", 1, 0, ["failed"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "fault", "passes", "status", "publish_calls", "find_calls", "outcomes"),
    FAULTS,
    ids=[f[0] for f in FAULTS],
)
def test_fault_injection(
    any_db, name, fault, passes, status, publish_calls, find_calls, outcomes
) -> None:
    schedule()
    double = PlatformDouble(script=[fault()])
    for minutes in passes:
        worker(double, T0 + timedelta(minutes=minutes)).run_once()
    [target] = targets()
    assert target.status == status
    assert (len(double.publish_calls), len(double.find_calls)) == (publish_calls, find_calls)
    assert attempts() == outcomes
    assert len(double.timeline) == (1 if status == "published" else 0)  # never sent twice
    with session_scope() as session:
        account = session.get(Account, target.account_id)
        assert (account.status == "reconnect_needed") == (name == "token expired")
        assert session.get(Post, target.post_id).status == status
    if status in ("failed", "needs_attention"):
        assert notes() and target.last_error


def test_expired_token_pauses_only_that_account(any_db) -> None:
    schedule(accounts=(0, 1))
    schedule(accounts=(0, 1))
    doubles_by_platform = {
        "x": PlatformDouble(script=[doubles.token_expired()]),
        "facebook": PlatformDouble(name="facebook"),
    }
    w = Worker(
        "w",
        settings=get_settings().model_copy(update={"send_concurrency": 1}),
        platform_factory=lambda a: doubles_by_platform[a.platform],
        clock=lambda: T0,
    )
    w.run_once()
    by_platform = {}
    for t in targets():
        by_platform.setdefault(t.platform, []).append(t.status)
    assert by_platform["facebook"] == ["published", "published"]
    assert by_platform["x"] == ["failed", "scheduled"]  # the second waits for reconnecting
    assert len(doubles_by_platform["x"].publish_calls) == 1
    assert set(notes()) >= {"notify.failed", "notify.reconnect"}


# What the account's adapter factory raises (planner.platforms.for_account) → target, account.
FACTORY_ERRORS = [
    ("no tokens", AuthExpired("no tokens stored; connect the account again"), "failed",
     "reconnect_needed", "auth_expired"),
    ("key cannot decrypt", TransientError("the stored tokens cannot be decrypted"), "retrying",
     "active", "transient"),
    ("no adapter", KeyError("myspace"), "failed", "active", "setup"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "error", "status", "account_status", "kind"),
    FACTORY_ERRORS,
    ids=[e[0] for e in FACTORY_ERRORS],
)
def test_adapter_that_cannot_be_made_keeps_the_meaning_of_its_error(
    any_db, name, error, status, account_status, kind
) -> None:
    schedule()

    def factory(account: Account) -> PlatformDouble:
        raise error

    Worker("w", platform_factory=factory, clock=lambda: T0).run_once()
    [target] = targets()
    assert (target.status, target.error_kind) == (status, kind)
    with session_scope() as session:
        assert session.get(Account, target.account_id).status == account_status
    assert attempts() == ["failed" if status == "failed" else "not_sent"]


def test_transient_gives_up_after_max_attempts(any_db) -> None:
    schedule()
    double = PlatformDouble(script=[doubles.server_error() for _ in range(3)])
    for minutes in (0, 2, 4):
        worker(double, T0 + timedelta(minutes=minutes), max_attempts=3).run_once()
    [target] = targets()
    assert (target.status, target.attempts, len(double.publish_calls)) == ("failed", 3, 3)
    assert "gave up after 3 tries" in _messages()[-1]


def _messages() -> list[str]:
    with session_scope() as session:
        return [n.message for n in session.exec(select(Notification).order_by(Notification.id))]


def test_backoff_is_exponential_with_jitter_and_capped(sqlite_db) -> None:
    w = worker(PlatformDouble(), T0, retry_base_seconds=30, retry_max_seconds=600)
    err = doubles.server_error().error
    delays = [(next_attempt(w.ctx, n, T0, err) - T0).total_seconds() for n in range(1, 8)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(600, 30 * 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert len({round(d, 3) for d in delays}) == len(delays)  # jittered, not lock-step


def test_retry_pushed_past_grace_is_flagged_missed(any_db) -> None:
    schedule()
    double = PlatformDouble(script=[doubles.server_error()])
    worker(double, T0).run_once()
    # The worker was down for two hours: the retry is stale, so a person decides.
    result = worker(double, T0 + timedelta(hours=2)).run_once()
    [target] = targets()
    assert (target.status, target.error_kind, result.missed) == ("needs_attention", "missed", 1)
    assert len(double.publish_calls) == 1
    assert notes()[-1] == "notify.missed"


def test_crash_mid_call_goes_to_needs_attention_not_resent(any_db) -> None:
    schedule()
    crashy = worker(PlatformDouble(), T0, name="crashy")
    [target_id] = crashy.claim(10)
    assert crashy.prepare(target_id) is not None  # attempt written; then the process "dies"
    double = PlatformDouble()
    result = worker(double, T0 + timedelta(minutes=5), name="rescuer").run_once()
    assert result.recovered == 1 and double.publish_calls == []
    [target] = targets()
    assert target.status == "needs_attention" and target.error_kind == "unknown"
    assert attempts() == ["unknown"] and "notify.unknown" in notes()


def test_expired_claim_without_attempt_is_retried(any_db) -> None:
    schedule()
    assert worker(PlatformDouble(), T0, name="gone").claim(10)
    double = PlatformDouble()
    worker(double, T0 + timedelta(minutes=5), name="w2").run_once()
    assert targets()[0].status == "published" and len(double.publish_calls) == 1


@pytest.mark.parametrize("arrived", [True, False])
def test_send_again_asks_the_platform_first(any_db, arrived: bool) -> None:
    schedule()
    fault = doubles.timeout_after_send() if arrived else doubles.timeout_lost()
    double = PlatformDouble(script=[fault])
    worker(double, T0, reconcile_checks=0).run_once()  # no automatic reconciliation
    [target] = targets()
    assert target.status == "needs_attention"
    with session_scope() as session:
        resend_target(session, target.id, now=T0 + timedelta(minutes=3), actor=ADMIN)
    worker(double, T0 + timedelta(minutes=3), reconcile_checks=0).run_once()
    assert targets()[0].status == "published"
    assert len(double.find_calls) == 1
    assert len(double.publish_calls) == (1 if arrived else 2)
    assert len(double.timeline) == 1


def test_unconfirmed_after_all_checks_tells_people(any_db) -> None:
    schedule()
    double = PlatformDouble(script=[doubles.timeout_lost()])
    for minutes in (0, 1, 3, 10, 45, 120):
        worker(double, T0 + timedelta(minutes=minutes), reconcile_checks=3).run_once()
    [target] = targets()
    assert (target.status, target.reconcile_checks) == ("needs_attention", 3)
    assert len(double.find_calls) == 3 and len(double.publish_calls) == 1
    assert notes().count("notify.unconfirmed") == 1


def test_platform_concurrency_cap_holds_across_workers(any_db) -> None:
    for _ in range(4):
        schedule()
    caps = {"platform_concurrency": {"x": 2}}
    first = worker(PlatformDouble(), T0, name="a", **caps)
    second = worker(PlatformDouble(), T0, name="b", **caps)
    assert len(first.claim(10)) == 2
    assert second.claim(10) == []  # both x slots are taken by worker a


def _live_x_account() -> int:
    with session_scope() as session:
        account = Account(platform="x", name="Live X", handle="@live", is_sandbox=False)
        session.add(account)
        session.flush()
        return account.id


def test_daily_cap_defers_and_says_so(any_db) -> None:
    live = _live_x_account()
    with session_scope() as session:
        for i in range(3):
            schedule_post(
                session,
                data=PostCreate(texts={"x": f"Halo {i}"}, account_ids=[live], due_at=T0),
                now=T0 - timedelta(minutes=5),
                actor=ADMIN,
            )
    double = PlatformDouble()
    w = worker(double, T0, daily_caps={"x": 2})
    w.run_once()
    statuses = [t.status for t in targets()]
    assert statuses.count("published") == 2 and statuses.count("scheduled") == 1
    waiting = next(t for t in targets() if t.status == "scheduled")
    assert waiting.error_kind == "quota" and waiting.next_attempt_at >= T0 + timedelta(hours=24)
    assert notes().count("notify.quota") == 1
    w.run_once()
    assert notes().count("notify.quota") == 1  # told once, not every pass
    worker(double, waiting.next_attempt_at + timedelta(seconds=1), daily_caps={"x": 2}).run_once()
    assert [t.status for t in targets()] == ["published"] * 3
    assert len(double.publish_calls) == 3


def test_stop_finishes_sends_in_flight_and_releases_the_rest(any_db) -> None:
    for _ in range(6):
        schedule()
    gate = threading.Event()
    double = PlatformDouble(gate=gate)
    w = worker(double, T0, send_concurrency=2, worker_batch_size=6)
    stop = threading.Event()
    result = PassResult()
    runner = threading.Thread(target=w.send_due, args=(result, stop))
    runner.start()
    assert double.entered.wait(10)
    stop.set()  # SIGTERM arrives while two sends are in flight
    gate.set()
    runner.join(20)
    statuses = [t.status for t in targets()]
    assert statuses.count("published") == len(double.publish_calls) >= 1
    assert statuses.count("published") + statuses.count("scheduled") == 6
    assert all(t.lease_owner is None for t in targets())


def test_missing_image_fails_plainly_without_calling(sqlite_db) -> None:
    import io

    from PIL import Image

    from planner.media import asset_path, store_image
    from planner.models import MediaAsset

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "navy").save(buffer, "JPEG")
    with session_scope() as session:
        asset = store_image(session, buffer.getvalue(), alt_text="poster")
        x = add_sandbox_accounts(session)[0]
        schedule_post(
            session,
            data=PostCreate(texts={"x": "Halo"}, account_ids=[x.id], due_at=T0,
                            media_asset_id=asset.id, alt_text="poster"),
            now=T0 - timedelta(minutes=1),
            actor=ADMIN,
        )  # fmt: skip
        path = asset_path(session.get(MediaAsset, asset.id))
    path.unlink()
    double = PlatformDouble()
    worker(double, T0).run_once()
    [target] = targets()
    assert (target.status, target.error_kind) == ("failed", "rejected")
    assert double.publish_calls == [] and "missing" in target.last_error


def test_the_serve_loop_publishes_a_due_post_and_stops(sqlite_db: str) -> None:
    """The loop `planner worker` (and so the app's worker process) runs, driven in a thread."""
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        schedule_post(
            session,
            data=PostCreate(
                title="t", texts={"x": "Halo thread"}, account_ids=[x.id], due_at=datetime.now(UTC)
            ),
            publish_now=True,
            actor=ADMIN,
        )
    settings = get_settings().model_copy(update={"worker_poll_seconds": 0.05})
    stop = threading.Event()
    loop = threading.Thread(target=serve, args=(Worker("loop-test", settings=settings), stop))
    loop.start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and targets()[0].status != "published":
            time.sleep(0.05)
    finally:
        stop.set()
        loop.join(30)
    assert targets()[0].status == "published"
    assert not loop.is_alive()


def test_settings_caps_from_environment(data_dir, monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_DAILY_CAPS", '{"x": 17}')
    monkeypatch.setenv("PLANNER_PLATFORM_CONCURRENCY", '{"instagram": 1}')
    config.reset_settings()
    settings = get_settings()
    assert settings.daily_caps == {"x": 17} and settings.platform_concurrency == {"instagram": 1}
