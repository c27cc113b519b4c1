"""The queue's SQL (planner/publishing/claims.py), called directly, on SQLite and PostgreSQL:
what a claim takes and leaves, caps, disjoint claims across workers, release, recovery of
expired leases, the sweep of missed targets and the reservation of reconciliation checks."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from planner.db import get_engine, session_scope
from planner.models import Account, Notification, PostTarget, PublishAttempt
from planner.publishing.claims import (
    Caps,
    claim_due,
    claim_reconcile,
    recover_expired,
    refresh_statistics,
    relaxed_commit,
    release,
    sweep_missed,
)
from tests.factories import add_account, add_target

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LEASE = 120
GRACE = timedelta(minutes=30)
MIN = timedelta(minutes=1)


def claim(worker: str = "w", at: datetime = T0, limit: int = 10, **kwargs) -> list[int]:
    with session_scope() as session:
        return claim_due(session, worker, at, limit, LEASE, **kwargs)


def seed(n: int = 1, platform: str = "x", due: datetime = T0, **target) -> list[int]:
    """`n` targets on one new account, one minute apart in id order, the last due at `due`."""
    with session_scope() as session:
        account = add_account(session, platform)
        dues = [due - (n - 1 - i) * MIN for i in range(n)]
        return [add_target(session, account, at, **target).id for at in dues]


def rows() -> dict[int, PostTarget]:
    with session_scope() as session:
        return {t.id: t for t in session.exec(select(PostTarget))}


def notes() -> list[tuple[str, int | None]]:
    with session_scope() as session:
        query = select(Notification).order_by(Notification.id)
        return [(n.key, n.target_id) for n in session.exec(query)]


# -- what a claim takes ------------------------------------------------------------------
# name, target columns, account columns, claimed
CLAIMABLE_CASES = [
    ("scheduled, due now", {}, {}, True),
    ("scheduled, due a minute ago", {"due_at": T0 - MIN}, {}, True),
    ("retrying, retry time passed", {"status": "retrying", "attempts": 1,
                                      "next_attempt_at": T0 - MIN}, {}, True),
    ("retrying, retry time to come", {"status": "retrying", "attempts": 1,
                                       "next_attempt_at": T0 + MIN}, {}, False),
    ("scheduled, due later", {"due_at": T0 + MIN}, {}, False),
    ("scheduled, waiting for a quota", {"next_attempt_at": T0 + MIN}, {}, False),
    ("draft", {"status": "draft"}, {}, False),
    ("approved", {"status": "approved"}, {}, False),
    ("publishing", {"status": "publishing", "lease_owner": "other"}, {}, False),
    ("published", {"status": "published"}, {}, False),
    ("failed", {"status": "failed"}, {}, False),
    ("needs attention", {"status": "needs_attention"}, {}, False),
    ("cancelled", {"status": "cancelled"}, {}, False),
    ("account paused", {}, {"paused": True}, False),
    ("account needs reconnecting", {}, {"status": "reconnect_needed"}, False),
    ("account disconnected", {}, {"status": "disconnected"}, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "columns", "account_columns", "claimed"),
    CLAIMABLE_CASES,
    ids=[c[0] for c in CLAIMABLE_CASES],
)
def test_claim_takes_only_due_claimable_targets_of_usable_accounts(
    any_db, name, columns, account_columns, claimed
) -> None:
    columns = dict(columns)  # the table is shared by both databases' runs
    with session_scope() as session:
        account = add_account(session, **account_columns)
        target_id = add_target(session, account, columns.pop("due_at", T0), **columns).id
    before = rows()[target_id]
    assert claim() == ([target_id] if claimed else [])
    after = rows()[target_id]
    if claimed:
        assert (after.status, after.lease_owner, after.send_started_at) == ("publishing", "w", None)
        assert (after.lease_expires_at, after.updated_at) == (T0 + timedelta(seconds=LEASE), T0)
    else:
        assert (after.status, after.lease_owner) == (before.status, before.lease_owner)


def test_claim_takes_the_soonest_due_up_to_the_limit(any_db) -> None:
    with session_scope() as session:
        account = add_account(session)
        # Inserted out of due order, with a tie at T0 - 2 min broken by id.
        dues = [T0 - 1 * MIN, T0 - 5 * MIN, T0, T0 - 2 * MIN, T0 - 2 * MIN]
        ids = [add_target(session, account, due).id for due in dues]
    assert claim(limit=3) == sorted([ids[1], ids[3], ids[4]])
    assert [t.status for t in rows().values()].count("publishing") == 3
    assert claim(limit=3) == sorted([ids[0], ids[2]])
    assert claim(limit=3) == []


def test_a_claim_of_nothing_changes_nothing(any_db) -> None:
    [target_id] = seed()
    assert claim(limit=0) == []
    assert rows()[target_id].status == "scheduled"


# -- lateness: the claim takes what is within the grace, the sweep what is beyond --------
# name, due (minutes from T0), retry time (minutes from T0 or None), status, who takes it
LATENESS = [
    ("on time", 0, None, "scheduled", "claim"),
    ("ten minutes late", -10, None, "scheduled", "claim"),
    ("exactly the grace late", -30, None, "scheduled", "claim"),
    ("a minute past the grace", -31, None, "scheduled", "sweep"),
    ("two hours late", -120, None, "scheduled", "sweep"),
    ("old post, retry within the grace", -120, -5, "retrying", "claim"),
    ("old post, retry exactly the grace ago", -120, -30, "retrying", "claim"),
    ("old post, retry past the grace", -120, -40, "retrying", "sweep"),
    ("old post, retry still to come", -120, 5, "retrying", None),
    ("due later", 5, None, "scheduled", None),
]  # fmt: skip


def _late_target(due: int, retry: int | None, status: str) -> int:
    [target_id] = seed(
        due=T0 + due * MIN,
        status=status,
        next_attempt_at=None if retry is None else T0 + retry * MIN,
    )
    return target_id


@pytest.mark.parametrize(
    ("name", "due", "retry", "status", "taker"), LATENESS, ids=[c[0] for c in LATENESS]
)
def test_claim_leaves_targets_past_the_grace_for_the_sweep(
    any_db, name, due, retry, status, taker
) -> None:
    target_id = _late_target(due, retry, status)
    assert claim(grace=GRACE) == ([target_id] if taker == "claim" else [])


@pytest.mark.parametrize(
    ("name", "due", "retry", "status", "taker"), LATENESS, ids=[c[0] for c in LATENESS]
)
def test_sweep_takes_exactly_what_the_claim_leaves(any_db, name, due, retry, status, taker) -> None:
    target_id = _late_target(due, retry, status)
    with session_scope() as session:
        swept = sweep_missed(session, T0, GRACE)
    assert list(swept) == ([target_id] if taker == "sweep" else [])
    assert rows()[target_id].status == ("needs_attention" if taker == "sweep" else status)


def test_without_a_grace_even_old_targets_are_claimed(any_db) -> None:
    [target_id] = seed(due=T0 - timedelta(days=2))
    assert claim() == [target_id]


# -- platform caps ---------------------------------------------------------------------------
# name, concurrency caps, x targets already in flight (another worker's), claimed (x, facebook)
CONCURRENCY = [
    ("no caps", {}, 0, (4, 2)),
    ("x capped at 2", {"x": 2}, 0, (2, 2)),
    ("x capped at 2, one in flight", {"x": 2}, 1, (1, 2)),
    ("x cap reached", {"x": 2}, 2, (0, 2)),
    ("x cap already exceeded", {"x": 2}, 3, (0, 2)),
    ("only facebook capped", {"facebook": 1}, 2, (4, 1)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "cap", "in_flight", "claimed"), CONCURRENCY, ids=[c[0] for c in CONCURRENCY]
)
def test_platform_concurrency_cap_counts_every_workers_sends(
    any_db, name, cap, in_flight, claimed
) -> None:
    seed(in_flight, "x", due=T0 - timedelta(hours=1), status="publishing", lease_owner="other")
    x, facebook = seed(4, "x"), seed(2, "facebook")
    mine = set(claim(caps=Caps(concurrency=cap, daily={})))
    assert (len(mine & set(x)), len(mine & set(facebook))) == claimed
    in_flight_now = [t for t in rows().values() if t.status == "publishing" and t.platform == "x"]
    assert len(in_flight_now) == in_flight + claimed[0]


def _live(platform: str = "x", **columns) -> Account:
    with session_scope() as session:
        return add_account(session, platform, is_sandbox=False, name=f"Live {platform}", **columns)


# name, cap, published (hours before T0) or "in flight", due, claimed, deferred until
DAILY = [
    ("room for all", 5, [], 3, 3, None),
    ("room for two", 2, [], 3, 2, None),
    ("room for one", 2, [3], 3, 1, None),
    ("cap reached: waits for the oldest to turn 24 h", 2, [3, 1], 2, 0, T0 + timedelta(hours=21)),
    ("sends in flight count too", 2, [5, "in flight"], 1, 0, T0 + timedelta(hours=19)),
    ("only in flight: look again soon", 1, ["in flight"], 1, 0, T0 + timedelta(minutes=5)),
    ("posts older than 24 h do not count", 2, [25, 30], 2, 2, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "cap", "used", "due", "claimed", "until"), DAILY, ids=[c[0] for c in DAILY]
)
def test_daily_cap_per_live_account(any_db, name, cap, used, due, claimed, until) -> None:
    live = _live()
    with session_scope() as session:
        for use in used:
            if use == "in flight":
                add_target(session, live, T0 - MIN, status="publishing", lease_owner="other")
            else:
                at = T0 - timedelta(hours=use)
                add_target(session, live, at, status="published", published_at=at)
        waiting = [add_target(session, live, T0 - i * MIN).id for i in range(due)]
    caps = Caps(concurrency={}, daily={"x": cap})
    assert len(claim(caps=caps)) == claimed
    after = rows()
    deferred = [after[i] for i in waiting if after[i].status == "scheduled"]
    assert len(deferred) == due - claimed
    if until is None:
        assert all(t.error_kind is None and t.next_attempt_at is None for t in deferred)
        assert notes() == []
        return
    assert [(t.error_kind, t.next_attempt_at) for t in deferred] == [("quota", until)] * due
    assert all("daily cap reached" in t.last_error for t in deferred)
    assert sorted(notes()) == [("notify.quota", t.id) for t in deferred]  # one per target


def test_daily_cap_deferral_tells_people_once_and_then_lets_it_go(any_db) -> None:
    live = _live()
    with session_scope() as session:
        in_flight = add_target(session, live, T0 - MIN, status="publishing", lease_owner="a").id
        waiting = add_target(session, live, T0).id
    caps = Caps(concurrency={}, daily={"x": 1})
    assert claim(caps=caps) == []
    assert rows()[waiting].next_attempt_at == T0 + 5 * MIN  # the send in flight may fail
    with session_scope() as session:
        sent = session.get(PostTarget, in_flight)
        sent.status, sent.published_at = "published", T0 + MIN
    assert claim(at=T0 + 6 * MIN, caps=caps) == []
    until = T0 + MIN + timedelta(hours=24)
    assert (rows()[waiting].next_attempt_at, rows()[waiting].error_kind) == (until, "quota")
    assert notes() == [("notify.quota", waiting)]  # told once, not on every look
    assert claim(at=until - MIN, caps=caps, grace=GRACE) == []
    assert claim(at=until + MIN, caps=caps, grace=GRACE) == [waiting]


def test_daily_cap_ignores_sandboxes_and_other_platforms(any_db) -> None:
    with session_scope() as session:
        sandbox = add_account(session, "x")
        facebook = add_account(session, "facebook", is_sandbox=False)
        for account in (sandbox, facebook):
            add_target(
                session,
                account,
                T0 - timedelta(hours=1),
                status="published",
                published_at=T0 - timedelta(hours=1),
            )
        due = [add_target(session, a, T0).id for a in (sandbox, sandbox, facebook, facebook)]
    assert claim(caps=Caps(concurrency={}, daily={"x": 1})) == sorted(due)
    assert notes() == []


# -- two workers never get the same target --------------------------------------------------
def test_claims_one_after_another_are_disjoint(any_db) -> None:
    ids = seed(5)
    first, second = claim("a", limit=2), claim("b", limit=10)
    assert set(first).isdisjoint(second) and sorted(first + second) == ids
    owners = {i: t.lease_owner for i, t in rows().items()}
    assert owners == {i: ("a" if i in first else "b") for i in ids}


def test_concurrent_claimers_take_each_target_exactly_once(any_db) -> None:
    ids = seed(30)
    taken: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def drain(worker: str) -> None:
        try:
            taken[worker] = []
            while batch := claim(worker, limit=3):
                taken[worker] += batch
        except BaseException as exc:  # surfaced below, not lost on the thread
            errors.append(exc)

    threads = [threading.Thread(target=drain, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    everything = [i for batch in taken.values() for i in batch]
    assert sorted(everything) == ids  # none twice, none left
    assert {t.lease_owner for t in rows().values()} <= set(taken)


@pytest.mark.parametrize("any_db", ["postgres"], indirect=True)
def test_open_claims_skip_each_others_rows_without_waiting(any_db) -> None:
    """PostgreSQL: FOR UPDATE SKIP LOCKED; a second transaction neither waits nor doubles."""
    ids = seed(5)
    engine = get_engine()
    with Session(engine) as a, Session(engine) as b:
        first = claim_due(a, "a", T0, 2, LEASE)  # not committed yet: its rows stay locked
        b.execute(text("SET LOCAL lock_timeout = '3s'"))  # waiting would fail, not hang
        second = claim_due(b, "b", T0, 10, LEASE)
        a.commit()
        b.commit()
    assert first == ids[:2] and second == ids[2:]


@pytest.mark.parametrize("any_db", ["postgres"], indirect=True)
def test_capped_claims_wait_for_each_other_so_the_cap_holds(any_db) -> None:
    """PostgreSQL: with caps, counting what is in flight and claiming more is one step
    (an advisory lock); skipping each other's rows alone would let both fill the cap."""
    ids = seed(4)
    caps = Caps(concurrency={"x": 2}, daily={})
    second: list[int] = []
    with Session(get_engine()) as a:
        first = claim_due(a, "a", T0, 2, LEASE, caps=caps)  # locks two rows, not all four
        other = threading.Thread(target=lambda: second.extend(claim("b", caps=caps)))
        other.start()
        other.join(0.5)
        assert other.is_alive()  # waits for the first claim's transaction
        a.commit()
    other.join(10)
    assert (first, second) == (ids[:2], [])
    assert [t.status for t in rows().values()].count("publishing") == 2


@pytest.mark.parametrize("any_db", ["postgres"], indirect=True)
def test_open_reconcile_claims_skip_each_others_rows(any_db) -> None:
    ids = seed(3, status="needs_attention", error_kind="unknown")
    engine = get_engine()
    with Session(engine) as a, Session(engine) as b:
        first = claim_reconcile(a, T0, max_checks=4, limit=1)
        b.execute(text("SET LOCAL lock_timeout = '3s'"))
        second = claim_reconcile(b, T0, max_checks=4)
        a.commit()
        b.commit()
    assert first == ids[:1] and second == ids[1:]


# -- release ----------------------------------------------------------------------------------
# name, target columns, who releases, released, status after, lease owner after
RELEASE = [
    ("ours, never tried", {}, "w", True, "scheduled", None),
    ("ours, tried before", {"attempts": 2}, "w", True, "retrying", None),
    ("another worker's", {"lease_owner": "other"}, "w", False, "publishing", "other"),
    ("ours, send started", {"send_started_at": T0}, "w", False, "publishing", "w"),
    ("ours, no longer publishing", {"status": "cancelled"}, "w", False, "cancelled", "w"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "columns", "by", "released", "status", "owner"), RELEASE, ids=[c[0] for c in RELEASE]
)
def test_release_gives_back_only_our_unstarted_claims(
    any_db, name, columns, by, released, status, owner
) -> None:
    values = {"status": "publishing", "lease_owner": "w", "lease_expires_at": T0 + MIN, **columns}
    [target_id] = seed(**values)
    with session_scope() as session:
        assert release(session, target_id, by) is released
    target = rows()[target_id]
    assert (target.status, target.lease_owner) == (status, owner)
    assert (target.lease_expires_at is None) is released
    assert target.attempts == columns.get("attempts", 0)


# -- recovering expired leases ---------------------------------------------------------------
# name, lease expires (minutes from T0), send started, attempts, status after, counts
RECOVER = [
    ("expired, unstarted, never tried", -1, False, 0, "scheduled", (1, 0)),
    ("expired, unstarted, tried before", -1, False, 2, "retrying", (1, 0)),
    ("expired, send started", -1, True, 1, "needs_attention", (0, 1)),
    ("lease still running, unstarted", 1, False, 0, "publishing", (0, 0)),
    ("lease still running, send started", 1, True, 1, "publishing", (0, 0)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expires", "started", "attempts", "status", "counts"),
    RECOVER,
    ids=[c[0] for c in RECOVER],
)
def test_recover_expired(any_db, name, expires, started, attempts, status, counts) -> None:
    [target_id] = seed(
        due=T0 - timedelta(minutes=10),
        status="publishing",
        lease_owner="gone",
        lease_expires_at=T0 + expires * MIN,
        send_started_at=T0 - 3 * MIN if started else None,
        attempts=attempts,
    )
    with session_scope() as session:
        released, flagged, posts = recover_expired(session, T0)
    assert (released, flagged) == counts
    target = rows()[target_id]
    assert target.status == status
    assert target.attempts == attempts  # recovery never counts a try
    if counts == (0, 0):
        assert (target.lease_owner, posts) == ("gone", set())
    else:
        assert (target.lease_owner, target.lease_expires_at) == (None, None)
        assert posts == {target.post_id}


def test_recovered_started_send_is_marked_unknown_and_people_are_told(any_db) -> None:
    [target_id] = seed(
        due=T0 - 10 * MIN,
        status="publishing",
        lease_owner="gone",
        lease_expires_at=T0 - MIN,
        send_started_at=T0 - 3 * MIN,
        attempts=2,
        reconcile_checks=3,
        next_attempt_at=T0 - 8 * MIN,
    )
    with session_scope() as session:
        earlier = PublishAttempt(
            target_id=target_id,
            worker_id="old",
            outcome="not_sent",
            started_at=T0 - 9 * MIN,
            finished_at=T0 - 9 * MIN,
        )
        current = PublishAttempt(target_id=target_id, worker_id="gone", started_at=T0 - 3 * MIN)
        session.add_all([earlier, current])
    with session_scope() as session:
        recover_expired(session, T0)
    target = rows()[target_id]
    assert (target.status, target.error_kind) == ("needs_attention", "unknown")
    assert target.last_error == "worker gone stopped during the publish call"
    assert (target.send_started_at, target.next_attempt_at) == (None, None)
    assert target.reconcile_checks == 0  # a fresh set of checks for the new unclear outcome
    with session_scope() as session:
        before = session.get(PublishAttempt, earlier.id)
        after = session.get(PublishAttempt, current.id)
    assert (before.outcome, before.finished_at) == ("not_sent", T0 - 9 * MIN)  # history kept
    assert (after.outcome, after.finished_at, after.error_kind) == ("unknown", T0, "unknown")
    assert notes() == [("notify.unknown", target_id)]


def test_recover_expired_handles_a_batch_at_a_time(any_db) -> None:
    ids = seed(3, status="publishing", lease_owner="gone", lease_expires_at=T0 - MIN)
    with session_scope() as session:
        assert recover_expired(session, T0, limit=2)[0] == 2
    assert [rows()[i].status for i in ids] == ["scheduled", "scheduled", "publishing"]


# -- the sweep -------------------------------------------------------------------------------
def test_sweep_flags_missed_targets_for_a_person(any_db) -> None:
    ids = seed(2, due=T0 - timedelta(hours=2))
    with session_scope() as session:
        swept = sweep_missed(session, T0, GRACE)
    assert swept == {i: rows()[i].post_id for i in ids}
    for target in (rows()[i] for i in ids):
        assert (target.status, target.error_kind) == ("needs_attention", "missed")
        assert target.last_error == "not sent within 30 min of its time"
        assert (target.next_attempt_at, target.updated_at) == (None, T0)
    assert notes() == [("notify.missed", i) for i in ids]


@pytest.mark.parametrize("status", ["draft", "publishing", "needs_attention", "failed"])
def test_sweep_leaves_targets_that_are_not_waiting_to_be_claimed(any_db, status: str) -> None:
    [target_id] = seed(due=T0 - timedelta(hours=2), status=status)
    with session_scope() as session:
        assert sweep_missed(session, T0, GRACE) == {}
    assert rows()[target_id].status == status and notes() == []


def test_sweep_handles_a_batch_at_a_time(any_db) -> None:
    ids = seed(3, due=T0 - timedelta(hours=2))
    with session_scope() as session:
        assert list(sweep_missed(session, T0, GRACE, limit=2)) == ids[:2]
    assert rows()[ids[2]].status == "scheduled"


# -- reserving reconciliation checks ---------------------------------------------------------
# name, target columns, reserved
RECONCILE = [
    ("unknown outcome, never asked", {}, True),
    ("unknown outcome, next check due", {"reconcile_checks": 2, "next_attempt_at": T0}, True),
    ("unknown outcome, backing off", {"reconcile_checks": 1, "next_attempt_at": T0 + MIN}, False),
    ("unknown outcome, checks used up", {"reconcile_checks": 4}, False),
    ("missed, not unknown", {"error_kind": "missed"}, False),
    ("failed", {"status": "failed"}, False),
    ("resent by a person", {"status": "scheduled"}, False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "columns", "reserved"), RECONCILE, ids=[c[0] for c in RECONCILE])
def test_claim_reconcile_takes_unknown_outcomes_due_for_a_check(
    any_db, name, columns, reserved
) -> None:
    values = {"status": "needs_attention", "error_kind": "unknown", **columns}
    [target_id] = seed(due=T0 - 10 * MIN, **values)
    with session_scope() as session:
        assert claim_reconcile(session, T0, max_checks=4) == ([target_id] if reserved else [])
    target = rows()[target_id]
    assert target.next_attempt_at == (T0 + 2 * MIN if reserved else columns.get("next_attempt_at"))
    assert (target.status, target.reconcile_checks) == (
        values["status"],
        columns.get("reconcile_checks", 0),
    )  # reserving is not a check


def test_a_reserved_check_is_not_handed_out_again_until_the_reservation_lapses(any_db) -> None:
    ids = seed(3, due=T0 - 10 * MIN, status="needs_attention", error_kind="unknown")
    with session_scope() as session:
        assert claim_reconcile(session, T0, max_checks=4, limit=2) == ids[:2]
    with session_scope() as session:
        assert claim_reconcile(session, T0 + MIN, max_checks=4) == ids[2:]
    with session_scope() as session:
        assert claim_reconcile(session, T0 + MIN, max_checks=4) == []
    with session_scope() as session:  # the asker died: after two minutes others may ask
        assert claim_reconcile(session, T0 + 2 * MIN, max_checks=4) == ids[:2]


# -- per-transaction settings ----------------------------------------------------------------
def test_relaxed_commit_lasts_one_transaction(any_db) -> None:
    engine = get_engine()
    with session_scope() as session:
        relaxed_commit(session)
        if engine.dialect.name == "postgresql":
            assert session.execute(text("SHOW synchronous_commit")).scalar() == "off"
    if engine.dialect.name == "postgresql":
        with session_scope() as session:
            assert session.execute(text("SHOW synchronous_commit")).scalar() == "on"


def test_refresh_statistics_analyzes_the_queue_on_sqlite(sqlite_db) -> None:
    seed(3)
    with session_scope() as session:
        refresh_statistics(session)
    with session_scope() as session:
        analyzed = session.execute(text("SELECT tbl FROM sqlite_stat1")).scalars().all()
    assert "post_target" in analyzed
