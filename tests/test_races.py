"""Cancel, edit, reschedule and delete racing a worker that holds the target.

What goes out is always the latest version; a cancelled or deleted post never goes out;
once the publish call has started, a change is refused as "too late" instead of pretending.
Each race runs on SQLite and on PostgreSQL, with the worker really on another thread.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.db import session_scope
from planner.models import Post
from planner.publishing.results import PassResult
from planner.scheduling import (
    PostUpdate,
    cancel_post,
    delete_post,
    edit_post,
    reschedule_post,
)
from tests import doubles
from tests.doubles import PlatformDouble
from tests.people_helpers import ADMIN
from tests.test_worker import T0, schedule, targets, worker


def _claimed(double: PlatformDouble):
    """A post whose target a worker has claimed but not yet started sending."""
    post_id = schedule()
    w = worker(double, T0)
    [target_id] = w.claim(10)
    return post_id, target_id, w


def _sending(double: PlatformDouble):
    """A worker thread blocked inside the publish call (the send has started)."""
    post_id, target_id, w = _claimed(double)
    double.gate = threading.Event()
    thread = threading.Thread(target=w.process, args=(target_id, PassResult()))
    thread.start()
    assert double.entered.wait(10)
    return post_id, target_id, thread


def test_cancel_after_claim_before_send_is_never_sent(any_db) -> None:
    double = PlatformDouble()
    post_id, target_id, w = _claimed(double)
    with session_scope() as session:
        assert cancel_post(session, post_id, actor=ADMIN).changed == [target_id]
    result = PassResult()
    w.process(target_id, result)
    assert double.publish_calls == [] and result.skipped == 1
    assert targets()[0].status == "cancelled"


def test_cancel_during_send_is_too_late_and_says_so(any_db) -> None:
    double = PlatformDouble()
    post_id, target_id, thread = _sending(double)
    with session_scope() as session:  # must not wait for the network call
        result = cancel_post(session, post_id, actor=ADMIN)
    assert (result.changed, result.too_late) == ([], [target_id])
    double.gate.set()
    thread.join(10)
    assert targets()[0].status == "published"


def test_cancel_during_send_that_fails_is_not_retried(any_db) -> None:
    double = PlatformDouble(script=[doubles.server_error()])
    post_id, _, thread = _sending(double)
    with session_scope() as session:
        cancel_post(session, post_id, actor=ADMIN)
    double.gate.set()
    thread.join(10)
    assert targets()[0].status == "cancelled"  # nothing went out and nobody wants it now
    worker(double, T0 + timedelta(minutes=5)).run_once()
    assert len(double.publish_calls) == 1


def test_edit_after_claim_sends_the_new_text(any_db) -> None:
    double = PlatformDouble()
    post_id, target_id, w = _claimed(double)
    with session_scope() as session:
        result = edit_post(
            session, post_id, PostUpdate(texts={"x": "Versi baru"}), now=T0, actor=ADMIN
        )
    assert result.changed == [target_id]
    w.process(target_id, PassResult())
    assert [r.text for r in double.publish_calls] == ["Versi baru"]


def test_edit_during_send_is_refused_not_silently_lost(any_db) -> None:
    double = PlatformDouble()
    post_id, target_id, thread = _sending(double)
    with session_scope() as session:
        result = edit_post(
            session, post_id, PostUpdate(texts={"x": "Terlambat"}), now=T0, actor=ADMIN
        )
    assert result.too_late == [target_id]
    double.gate.set()
    thread.join(10)
    [target] = targets()
    assert target.status == "published" and target.text == "Halo"  # the row says what went out
    assert double.publish_calls[0].text == "Halo"


def test_reschedule_after_claim_pulls_it_back(any_db) -> None:
    double = PlatformDouble()
    post_id, target_id, w = _claimed(double)
    later = T0 + timedelta(hours=3)
    with session_scope() as session:
        reschedule_post(session, post_id, later, now=T0, actor=ADMIN)
    w.process(target_id, PassResult())
    assert double.publish_calls == []
    [target] = targets()
    assert (target.status, target.due_at, target.lease_owner) == ("scheduled", later, None)
    worker(double, later).run_once()
    assert targets()[0].status == "published" and len(double.publish_calls) == 1


def test_delete_after_claim_is_never_sent(any_db) -> None:
    double = PlatformDouble()
    post_id, target_id, w = _claimed(double)
    with session_scope() as session:
        delete_post(session, post_id, actor=ADMIN)
    w.process(target_id, PassResult())
    assert double.publish_calls == [] and targets() == []
    with session_scope() as session:
        assert session.get(Post, post_id) is None


def test_many_edits_race_a_running_worker_and_the_last_one_wins(any_db) -> None:
    """Edits keep coming while passes run; whatever went out is a version that was current
    when its send started, and the target row always records the text that went out."""
    for _ in range(10):
        schedule(due=datetime.now(UTC))
    double = PlatformDouble()
    stop = threading.Event()

    def editor() -> None:
        version = 0
        while not stop.is_set():
            version += 1
            with session_scope() as session:
                ids = list(session.exec(select(Post.id)))
            for post_id in ids:
                with session_scope() as session:
                    edit_post(session, post_id, PostUpdate(texts={"x": f"v{version}"}), actor=ADMIN)

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        worker(double, datetime.now(UTC) + timedelta(seconds=1), send_concurrency=2).run_once()
    finally:
        stop.set()
        thread.join(10)
    sent = {r.target_id: r.text for r in double.publish_calls}
    assert len(sent) == len(double.publish_calls) == 10
    for target in targets():
        assert target.status == "published"
        assert target.text == sent[target.id]  # later edits were refused, not half-applied
