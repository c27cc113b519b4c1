"""The change counter (planner.changes) moves with every change a live page shows, and only then.

Each kind of change runs as the services do it (schedule, edit, reschedule, cancel, a draft,
submit and approve, the worker publishing, a notification read); reads, a heartbeat and a
rolled-back transaction leave it where it was. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, update
from sqlmodel import select

from planner import calendar as planned
from planner.changes import version
from planner.db import read_scope, session_scope
from planner.models import ChangeCounter, MediaAsset, Notification, Post, PostTarget, UserSession
from planner.notify import inbox, mark_read
from planner.publishing.heartbeat import beat
from planner.publishing.worker import Worker
from planner.review import decisions, drafts
from planner.scheduling import (
    PostCreate,
    PostUpdate,
    cancel_post,
    edit_post,
    reschedule_post,
    schedule_post,
)
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN, make_user

GOOD_ALT = "Poster acara Dongeng Anak: seorang pendongeng dan anak-anak di ruang baca"


def now_version() -> int:
    with read_scope() as session:
        return version(session)


@pytest.fixture
def world(any_db: str) -> dict:
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        asset = MediaAsset(sha256=uuid.uuid4().hex, filename="a.jpg", alt_text=GOOD_ALT)
        session.add(asset)
        session.flush()
        ids = {"accounts": [x.id, fb.id], "asset": asset.id}
    ids["trainee"] = make_user("trainee")
    ids["manager"] = make_user("manager")
    return ids


def _data(world: dict, due: datetime) -> PostCreate:
    return PostCreate(
        title="Dongeng Anak",
        texts={"x": "Dongeng Anak hari Sabtu!", "facebook": "Dongeng Anak, Sabtu pagi."},
        account_ids=world["accounts"],
        due_at=due,
        media_asset_id=world["asset"],
        alt_text=GOOD_ALT,
    )


def _schedule(world: dict, due: datetime | None = None) -> int:
    due = due or datetime.now(UTC) + timedelta(days=1)
    with session_scope() as session:
        return schedule_post(session, actor=ADMIN, data=_data(world, due), publish_now=True).id


def _edit(world: dict) -> None:
    post_id = _schedule(world)
    before = now_version()
    with session_scope() as session:
        edit_post(session, post_id, PostUpdate(title="Dongeng Kancil"), actor=ADMIN)
    assert now_version() > before


def _reschedule(world: dict) -> None:
    post_id = _schedule(world)
    before = now_version()
    with session_scope() as session:
        reschedule_post(session, post_id, datetime.now(UTC) + timedelta(days=2), actor=ADMIN)
    assert now_version() > before


def _cancel(world: dict) -> None:
    post_id = _schedule(world)
    before = now_version()
    with session_scope() as session:
        cancel_post(session, post_id, actor=ADMIN)
    assert now_version() > before


def _review(world: dict) -> None:
    before = now_version()
    with session_scope() as session:
        post_id = drafts.save_draft(
            session, actor=world["trainee"], data=_data(world, datetime.now(UTC) + timedelta(1))
        ).id
    assert now_version() > before
    for decide in (
        lambda s: decisions.submit(s, actor=world["trainee"], post_id=post_id),
        lambda s: decisions.approve(s, actor=world["manager"], post_id=post_id),
    ):
        before = now_version()
        with session_scope() as session:
            decide(session)
        assert now_version() > before


def _worker_publishes(world: dict) -> None:
    text_only = _data(world, datetime.now(UTC)).model_copy(
        update={"media_asset_id": None, "alt_text": ""}
    )
    with session_scope() as session:
        schedule_post(session, actor=ADMIN, data=text_only, publish_now=True)
    before = now_version()
    worker = Worker("changes-test")
    result = worker.run_once()
    assert result.published == 2
    assert now_version() > before


def _notification_read(world: dict) -> None:
    with session_scope() as session:
        session.add(Notification(key="notify.missed", message="x"))
    before = now_version()
    with session_scope() as session:
        assert mark_read(session, actor=ADMIN) == 1
    assert now_version() > before


def _statement(world: dict) -> None:
    """UPDATE and DELETE statements through a session count as well as ORM objects."""
    post_id = _schedule(world)
    for statement in (
        update(Post).where(Post.id == post_id).values(title="Langsung"),
        delete(PostTarget).where(PostTarget.post_id == post_id),
    ):
        before = now_version()
        with session_scope() as session:
            session.execute(statement)
        assert now_version() > before


CHANGES: dict[str, Callable[[dict], None]] = {
    "edit": _edit,
    "reschedule": _reschedule,
    "cancel": _cancel,
    "draft, submit and approve": _review,
    "worker publishes": _worker_publishes,
    "notification read": _notification_read,
    "update and delete statements": _statement,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_kind_of_change_moves_the_counter(world: dict, change: str) -> None:
    before = now_version()
    _schedule(world)
    assert now_version() > before
    CHANGES[change](world)


def test_reads_heartbeats_and_rollbacks_leave_it_alone(world: dict) -> None:
    _schedule(world)
    seen = now_version()
    assert seen > 0
    with read_scope() as session:
        planned.upcoming(session, 50, viewer=ADMIN)
        planned.recent(session, 20, viewer=ADMIN)
        inbox(session)
    with session_scope() as session:  # a write scope that only reads
        session.exec(select(Post)).all()
    with session_scope() as session:
        beat(session, "w1", datetime.now(UTC), 10, started_at=datetime.now(UTC))
    with session_scope() as session:  # a table no live page shows
        session.add(UserSession(id=uuid.uuid4().hex, user_id=world["manager"].id))
    with pytest.raises(RuntimeError), session_scope() as session:
        session.add(Post(title="never saved"))
        session.flush()
        raise RuntimeError("changed my mind")
    with session_scope() as session:  # an object touched but left as it was
        post = session.exec(select(Post)).first()
        post.title = post.title
    assert now_version() == seen


def test_one_transaction_moves_it_once(world: dict) -> None:
    before = now_version()
    with session_scope() as session:
        for _ in range(3):
            schedule_post(
                session,
                actor=ADMIN,
                data=_data(world, datetime.now(UTC) + timedelta(days=1)),
                publish_now=True,
            )
            session.commit()
    assert now_version() - before == 3
    before = now_version()
    with session_scope() as session:
        for _ in range(3):
            with session.begin_nested():
                session.add(Post(title="in a savepoint"))
    assert now_version() - before == 1


def test_an_emptied_counter_starts_again_above_any_value_it_had(world: dict) -> None:
    _schedule(world)
    seen = now_version()
    with session_scope() as session:
        session.execute(delete(ChangeCounter))
    assert now_version() == 0
    _schedule(world)
    assert now_version() > seen
