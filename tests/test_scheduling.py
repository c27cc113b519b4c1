"""The lifecycle in one place, and the scheduling services on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from sqlmodel import select

from planner import calendar as planned
from planner.calendar import upcoming
from planner.db import session_scope
from planner.lifecycle import TRANSITIONS, IllegalTransition, moves, transition
from planner.models import Campaign, Post, PostStatus, PostTarget
from planner.people.actors import Actor
from planner.publishing.attention import drop_target, mark_published, resend_target
from planner.scheduling import (
    ConflictError,
    PastTimeError,
    PostCreate,
    PostUpdate,
    SchedulingError,
    delete_post,
    edit_post,
    reschedule_post,
    schedule_post,
    targets_of,
)
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN, make_user
from tests.test_worker import T0, targets

S = PostStatus
ALLOWED = {(a, b) for a, nexts in TRANSITIONS.items() for b in nexts}


@pytest.mark.parametrize(("old", "new"), list(product(list(S), list(S))))
def test_every_transition_is_allowed_or_refused_by_the_table(old: S, new: S) -> None:
    target = PostTarget(post_id=1, account_id=1, platform="x", status=old)
    if (old, new) in ALLOWED:
        transition(target, new)
        assert target.status == new
    else:
        with pytest.raises(IllegalTransition):
            transition(target, new)
        assert target.status == old


def test_published_is_final_and_set_based_changes_are_checked() -> None:
    assert TRANSITIONS[S.PUBLISHED] == set()
    with pytest.raises(IllegalTransition):
        moves((S.PUBLISHED, S.SCHEDULED), S.PUBLISHING)
    assert moves((S.SCHEDULED, S.RETRYING), S.PUBLISHING) == ["scheduled", "retrying"]


def _post(due: datetime = T0, actor: Actor = ADMIN, **kw) -> int:
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        post = schedule_post(
            session,
            data=PostCreate(
                title=kw.pop("title", "Dongeng"),
                texts={"x": "Halo X", "facebook": "Halo FB"},
                account_ids=[accounts[0].id, accounts[1].id],
                due_at=due,
                **kw,
            ),
            now=T0 - timedelta(hours=1),
            actor=actor,
        )
        return post.id


def test_scheduling_in_the_past_asks_publish_now(any_db) -> None:
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        data = PostCreate(texts={"x": "Halo"}, account_ids=[x.id], due_at=T0 - timedelta(hours=1))
        with pytest.raises(PastTimeError):
            schedule_post(session, data=data, now=T0, actor=ADMIN)
        post = schedule_post(session, data=data, now=T0, publish_now=True, actor=ADMIN)
        assert session.exec(select(PostTarget.due_at)).one() == T0
        assert post.status == "scheduled"


def test_invalid_post_is_refused_whole(any_db) -> None:
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        with pytest.raises(SchedulingError, match=r"281/280|too long|280"):
            schedule_post(
                session,
                data=PostCreate(texts={"x": "a" * 281}, account_ids=[x.id], due_at=T0),
                now=T0 - timedelta(hours=1),
                actor=ADMIN,
            )
    assert targets() == []


def test_edit_revalidates_and_conflicting_versions_are_refused(any_db) -> None:
    post_id = _post()
    with session_scope() as session, pytest.raises(SchedulingError):
        edit_post(session, post_id, PostUpdate(texts={"x": "a" * 300}), now=T0, actor=ADMIN)
    assert {t.text for t in targets()} == {"Halo X", "Halo FB"}
    with session_scope() as session:
        edit_post(
            session,
            post_id,
            PostUpdate(texts={"x": "Baru"}),
            now=T0,
            expected_version=1,
            actor=ADMIN,
        )
        with pytest.raises(ConflictError):
            edit_post(
                session, post_id, PostUpdate(title="x"), now=T0, expected_version=1, actor=ADMIN
            )
    with session_scope() as session:
        assert session.get(Post, post_id).version == 2
    assert {t.platform: t.content_version for t in targets()} == {"x": 2, "facebook": 2}


def test_reschedule_and_past_time(any_db) -> None:
    post_id = _post()
    with session_scope() as session:
        with pytest.raises(PastTimeError):
            reschedule_post(session, post_id, T0 - timedelta(hours=2), now=T0, actor=ADMIN)
        reschedule_post(session, post_id, T0 + timedelta(days=1), now=T0, actor=ADMIN)
    assert {t.due_at for t in targets()} == {T0 + timedelta(days=1)}


def test_person_decisions_on_targets_that_need_attention(any_db) -> None:
    post_id = _post()
    with session_scope() as session:
        ids = [t.id for t in session.exec(select(PostTarget).order_by(PostTarget.id))]
        for target in session.exec(select(PostTarget)):
            target.status, target.error_kind = "needs_attention", "unknown"
    with session_scope() as session:
        with pytest.raises(SchedulingError):
            resend_target(session, 999, actor=ADMIN)
        resend_target(session, ids[0], now=T0, actor=ADMIN)
        mark_published(session, ids[1], remote_url="https://x.example/1", by="ani", actor=ADMIN)
        with pytest.raises(SchedulingError):
            drop_target(session, ids[1], actor=ADMIN)  # published is final
    first, second = targets()
    assert (first.status, first.verify_before_send, first.due_at) == ("scheduled", True, T0)
    assert (second.status, second.remote_url) == ("published", "https://x.example/1")
    with session_scope() as session:
        assert session.get(Post, post_id).status == "scheduled"


def test_delete_only_what_never_went_out(any_db) -> None:
    keep = _post()
    with session_scope() as session:
        target = session.exec(select(PostTarget).where(PostTarget.post_id == keep)).first()
        target.status = "published"
    with session_scope() as session, pytest.raises(SchedulingError, match="cancel it instead"):
        delete_post(session, keep, actor=ADMIN)
    with session_scope() as session:
        assert session.get(Post, keep) is not None


def test_queue_and_calendar_filters(any_db) -> None:
    with session_scope() as session:
        campaign = Campaign(name="Pekan Literasi")
        session.add(campaign)
        session.flush()
        campaign_id = campaign.id
    ani, budi = make_user("admin"), make_user("staff", "budi")
    _post(T0 + timedelta(hours=5), title="Pagi", actor=ani)
    with session_scope() as session:
        accounts = session.exec(select(PostTarget.account_id).distinct()).all()
        schedule_post(
            session,
            data=PostCreate(
                title="Sore",
                texts={"x": "Sore"},
                account_ids=[min(accounts)],
                due_at=T0 + timedelta(hours=1),
                campaign_id=campaign_id,
            ),
            now=T0,
            actor=budi,
        )
    with session_scope() as session:
        queue = upcoming(session, 50, viewer=ADMIN)
        assert [p.title for _, p, _ in queue] == ["Sore", "Pagi", "Pagi"]
        start, end = T0, T0 + timedelta(days=1)
        everything = planned.entries(session, start, end, viewer=budi)
        assert len(everything) == 3
        facebook = planned.entries(session, start, end, viewer=budi, platforms=["facebook"])
        assert [e.title for e in facebook] == ["Pagi"]
        by_budi = planned.entries(session, start, end, viewer=ani, author_ids=[budi.id])
        assert [e.author for e in by_budi] == ["budi"]  # the display name, kept as text
        by_campaign = planned.entries(session, start, end, viewer=ani, campaign_ids=[campaign_id])
        assert [e.campaign for e in by_campaign] == ["Pekan Literasi"]
        assert planned.entries(session, start, end, viewer=ani, statuses=["published"]) == []
        options = planned.filter_options(session, viewer=ani)
        assert options["authors"] == {ani.id: "ani", budi.id: "budi"}  # people, not free text


def test_month_grid_and_local_days() -> None:
    from zoneinfo import ZoneInfo

    weeks = planned.month_grid(2026, 12)
    assert weeks[0][0].weekday() == 0 and any(d.day == 31 for d in weeks[-1])
    jakarta = ZoneInfo("Asia/Jakarta")
    start, end = planned.span(planned.week_of(datetime(2026, 12, 3).date()), jakarta)
    assert start == datetime(2026, 11, 30, 0, 0, tzinfo=jakarta)
    assert (end - start) == timedelta(days=7)
    late = planned.Entry(1, 1, "t", "x", "a", "scheduled", datetime(2026, 12, 1, 20, tzinfo=UTC),
                        "", "", None)  # fmt: skip
    assert list(planned.by_day([late], jakarta)) == [datetime(2026, 12, 2).date()]


def test_targets_of_a_post_are_its_own_in_the_order_made(any_db) -> None:
    first, second = _post(title="Satu"), _post(title="Dua")
    with session_scope() as session:
        mine = targets_of(session, second)
        assert [(t.post_id, t.platform) for t in mine] == [(second, "x"), (second, "facebook")]
        assert [t.id for t in mine] == sorted(t.id for t in mine)
        assert {t.post_id for t in targets_of(session, first)} == {first}
        assert targets_of(session, 999) == []
