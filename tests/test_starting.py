"""Starting claimed sends (planner/publishing/starting.py), called directly: the guard an edit
or cancel races against, taking back a start nobody saw, and the request that goes out."""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from sqlmodel import select

from planner.db import session_scope
from planner.media import asset_path, store_image
from planner.models import Account, Post, PostTarget, PublishAttempt
from planner.platforms.base import MediaItem
from planner.publishing.claims import claim_due
from planner.publishing.results import PassResult
from planner.publishing.starting import build_request, guard, start, undo, unwanted
from planner.scheduling import PostUpdate, edit_post
from planner.validation import thread_parts
from tests.doubles import PlatformDouble, context
from tests.factories import add_account, add_target
from tests.people_helpers import ADMIN

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LATER = T0 + timedelta(seconds=5)


def claimed(n: int = 1, worker: str = "w", **target) -> list[int]:
    """`n` targets due at T0, claimed by `worker` (one account, a post each)."""
    with session_scope() as session:
        account = add_account(session)
        for _ in range(n):
            add_target(session, account, T0, **target)
    with session_scope() as session:
        return claim_due(session, worker, T0, n, lease_seconds=120)


def row(target_id: int) -> PostTarget:
    with session_scope() as session:
        return session.get(PostTarget, target_id)


def attempt_rows() -> list[PublishAttempt]:
    with session_scope() as session:
        return list(session.exec(select(PublishAttempt).order_by(PublishAttempt.id)))


# -- guard ------------------------------------------------------------------------------------
# name, what happened to the claimed target before the start, guarded by, started
GUARD = [
    ("ours, unstarted", {}, "w", True),
    ("taken over by another worker", {"lease_owner": "other"}, "w", False),
    ("another worker's claim", {}, "other", False),
    ("already started", {"send_started_at": T0, "attempts": 1}, "w", False),
    ("pulled back by a reschedule", {"status": "scheduled", "lease_owner": None}, "w", False),
    ("cancelled", {"status": "cancelled", "lease_owner": None}, "w", False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "meanwhile", "by", "started"), GUARD, ids=[g[0] for g in GUARD])
def test_guard_starts_only_our_unstarted_claims(any_db, name, meanwhile, by, started) -> None:
    [target_id] = claimed()
    with session_scope() as session:
        target = session.get(PostTarget, target_id)
        for column, value in meanwhile.items():
            setattr(target, column, value)
    before = row(target_id)
    with session_scope() as session:
        returned = guard(session, [target_id], by, LATER)
    after = row(target_id)
    assert [r.id for r in returned] == ([target_id] if started else [])
    if started:
        assert (after.attempts, after.send_started_at, after.updated_at) == (1, LATER, LATER)
        assert after.status == "publishing"  # the start changes no status
    else:
        assert (after.attempts, after.send_started_at) == (before.attempts, before.send_started_at)
        assert (after.status, after.updated_at) == (before.status, before.updated_at)


def test_guard_returns_the_text_as_it_is_now(any_db) -> None:
    with session_scope() as session:
        account = add_account(session)
        post = Post(title="t", status="scheduled")
        session.add(post)
        session.flush()
        add_target(session, account, T0, post=post, text="Versi lama", alt_text="lama")
        post_id = post.id
    with session_scope() as session:
        [target_id] = claim_due(session, "w", T0, 1, lease_seconds=120)
    with session_scope() as session:  # an edit after the claim, before the start
        changes = PostUpdate(texts={"x": "Versi baru"}, alt_text="baru")
        assert edit_post(session, post_id, changes, now=T0, actor=ADMIN).changed == [target_id]
    with session_scope() as session:
        [returned] = guard(session, [target_id], "w", LATER)
    assert (returned.text, returned.alt_text) == ("Versi baru", "baru")
    assert (returned.post_id, returned.account_id, returned.platform) == (post_id, account.id, "x")
    assert (returned.media_ids, returned.verify_before_send, returned.as_thread) == (
        [],
        False,
        False,
    )


def test_guard_starts_a_batch_and_skips_what_is_not_ours(any_db) -> None:
    ids = claimed(3)
    with session_scope() as session:
        session.get(PostTarget, ids[1]).lease_owner = "other"
    with session_scope() as session:
        assert sorted(r.id for r in guard(session, ids, "w", LATER)) == [ids[0], ids[2]]
    assert [row(i).attempts for i in ids] == [1, 0, 1]


# -- unwanted and undo ------------------------------------------------------------------------
# name, post cancelled, account paused, account status, unwanted
UNWANTED = [
    ("wanted", False, False, "active", False),
    ("post cancelled", True, False, "active", True),
    ("account paused", False, True, "active", True),
    ("account needs reconnecting", False, False, "reconnect_needed", True),
    ("account disconnected", False, False, "disconnected", True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "cancelled", "paused", "status", "expected"), UNWANTED, ids=[u[0] for u in UNWANTED]
)
def test_unwanted(name, cancelled, paused, status, expected) -> None:
    post = Post(cancelled_at=T0 if cancelled else None)
    account = Account(platform="x", name="X", paused=paused, status=status)
    assert unwanted(post, account) is expected


# name, attempts before the claim, cancelled, status after the undo
UNDO = [
    ("cancelled post: the target ends cancelled", 0, True, "cancelled"),
    ("cancelled post, tried before", 2, True, "cancelled"),
    ("paused account: released to wait", 0, False, "scheduled"),
    ("paused account, tried before: released to retry", 2, False, "retrying"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "attempts", "cancelled", "status"), UNDO, ids=[u[0] for u in UNDO]
)
def test_undo_takes_back_a_start_nobody_saw(any_db, name, attempts, cancelled, status) -> None:
    [target_id] = claimed(attempts=attempts)
    with session_scope() as session:
        guard(session, [target_id], "w", LATER)
        undo(session, target_id, cancelled=cancelled, worker_id="w")
    target = row(target_id)
    assert (target.status, target.attempts, target.send_started_at) == (status, attempts, None)
    assert target.lease_owner is None


# -- start --------------------------------------------------------------------------------------
def _start(ids: list[int], stop: threading.Event | None = None):
    result = PassResult()
    started = start(context(PlatformDouble(), LATER), ids, result, stop)
    return started, result


def test_start_writes_the_attempt_before_anything_is_sent(any_db) -> None:
    [target_id] = claimed()
    [prepared], result = _start([target_id])
    [attempt] = attempt_rows()
    assert (attempt.id, attempt.target_id, attempt.worker_id) == (
        prepared.attempt_id,
        target_id,
        "w",
    )
    assert (attempt.outcome, attempt.started_at, attempt.platform) == ("started", LATER, "x")
    assert (prepared.request.target_id, prepared.request.text) == (target_id, "Halo")
    assert (prepared.post_id, prepared.account.id) == (
        row(target_id).post_id,
        row(target_id).account_id,
    )
    assert (prepared.verify_first, prepared.found) == (False, False)
    assert (row(target_id).send_started_at, result.skipped) == (LATER, 0)


def test_start_asks_the_platform_first_after_a_send_again(any_db) -> None:
    [target_id] = claimed(verify_before_send=True)
    [prepared], _ = _start([target_id])
    assert prepared.verify_first is True


# name, what changed after the claim, status after the start
UNWANTED_STARTS = [
    ("post cancelled", "cancel", "cancelled"),
    ("account paused", "pause", "scheduled"),
    ("account needs reconnecting", "reconnect", "scheduled"),
]


@pytest.mark.parametrize(
    ("name", "change", "status"), UNWANTED_STARTS, ids=[u[0] for u in UNWANTED_STARTS]
)
def test_start_puts_back_what_must_not_go_out(any_db, name, change, status) -> None:
    [target_id] = claimed()
    with session_scope() as session:
        target = session.get(PostTarget, target_id)
        account = session.get(Account, target.account_id)
        if change == "cancel":
            session.get(Post, target.post_id).cancelled_at = T0
        elif change == "pause":
            account.paused = True
        else:
            account.status = "reconnect_needed"
    started, result = _start([target_id])
    target = row(target_id)
    assert (started, result.skipped, attempt_rows()) == ([], 1, [])
    assert (target.status, target.lease_owner) == (status, None)
    assert (target.attempts, target.send_started_at) == (0, None)


def test_start_skips_claims_that_are_no_longer_ours(any_db) -> None:
    ids = claimed(2)
    with session_scope() as session:
        session.get(PostTarget, ids[0]).lease_owner = "other"
    started, result = _start(ids)
    assert [p.request.target_id for p in started] == [ids[1]]
    assert result.skipped == 1 and len(attempt_rows()) == 1


def test_start_on_a_stopping_worker_releases_the_claims(any_db) -> None:
    ids = claimed(3)
    stop = threading.Event()
    stop.set()
    started, result = _start(ids, stop)
    assert (started, result.released, attempt_rows()) == ([], 3, [])
    assert [(row(i).status, row(i).lease_owner, row(i).attempts) for i in ids] == [
        ("scheduled", None, 0)
    ] * 3


def test_start_of_nothing_touches_nothing(any_db) -> None:
    started, result = _start([])
    assert (started, result.as_dict()) == ([], PassResult().as_dict())


# -- build_request ----------------------------------------------------------------------------
LONG = " ".join(["Pameran buku langka di Perpustakaan Kota Pekalongan."] * 12)

# name, target columns, post link, expected text parts (text, thread), expected link
REQUESTS = [
    ("one post", {"text": "Halo"}, "", ["Halo"], None),
    # The link goes out tagged for the library's web statistics (planner/utm.py).
    ("a link", {"text": "Halo"}, "https://perpustakaan.example/a", ["Halo"],
     "https://perpustakaan.example/a?utm_source=x&utm_medium=social"),
    ("a thread", {"text": LONG, "as_thread": True}, "", thread_parts(LONG), None),
    ("short text marked as a thread", {"text": "Halo", "as_thread": True}, "", ["Halo"], None),
    ("long text, not a thread", {"text": LONG}, "", [LONG], None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "columns", "link", "parts", "expected_link"), REQUESTS, ids=[r[0] for r in REQUESTS]
)
def test_build_request(any_db, name, columns, link, parts, expected_link) -> None:
    with session_scope() as session:
        post = Post(title="t", status="scheduled", link=link)
        session.add(post)
        session.flush()
        target = add_target(session, add_account(session), T0, post=post, **columns)
        request = build_request(session, target, post)
    assert len(parts) > 1 or name != "a thread"  # the long text really is a thread
    assert (request.text, list(request.thread)) == (parts[0], parts[1:])
    assert (request.link, request.media) == (expected_link, ())
    assert (request.target_id, request.account_id) == (target.id, target.account_id)
    assert request.idempotency_key == f"planner-{target.id}"


def test_build_request_attaches_the_media_with_alt_text(any_db) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "navy").save(buffer, "PNG")
    with session_scope() as session:
        asset = store_image(session, buffer.getvalue(), alt_text="poster")
        post = Post(title="t", status="scheduled")
        session.add(post)
        session.flush()
        target = add_target(
            session,
            add_account(session),
            T0,
            post=post,
            media_ids=[asset.id],
            alt_text="Poster pameran",
        )
        request = build_request(session, target, post)
        path = asset_path(asset)
    assert request.media == (MediaItem(path=path, alt_text="Poster pameran", mime=asset.mime),)
    assert path.is_file()


def test_build_request_from_the_guards_row_matches_the_target(any_db) -> None:
    """The start builds from the RETURNING row; reconciliation from the table row."""
    [target_id] = claimed(text=LONG, as_thread=True)
    with session_scope() as session:
        [returned] = guard(session, [target_id], "w", LATER)
        target = session.get(PostTarget, target_id)
        post = session.get(Post, target.post_id)
        assert build_request(session, returned, post) == build_request(session, target, post)
