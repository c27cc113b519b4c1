"""End-to-end on SQLite and PostgreSQL: draft → schedule → publish once → metrics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import make_draft
from planner.metrics import collect_once, latest_per_target
from planner.models import AuditEntry, MetricSnapshot, Post, PostTarget, PublishAttempt
from planner.platforms.sandbox import outbox_records
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_event, add_sandbox_accounts
from tests.people_helpers import ADMIN


def test_draft_schedule_publish_once_and_collect(any_db: str) -> None:
    now = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        event = add_event(session, starts_at=now + timedelta(days=5))
        draft = make_draft(session, "event-announcement", event_id=event.id, actor=ADMIN)
        post = schedule_post(
            session,
            data=PostCreate(
                title=draft.title,
                texts=draft.texts,
                account_ids=[a.id for a in accounts],
                due_at=now + timedelta(minutes=1),
                media_asset_id=draft.media_asset_id,
                alt_text=draft.alt_text,
                event_id=event.id,
            ),
            now=now,
            actor=ADMIN,
        )
        post_id = post.id

    early = Worker("w-test", clock=lambda: now).run_once()
    assert early.claimed == 0  # not due yet

    later = now + timedelta(minutes=1, seconds=5)
    first = Worker("w-test", clock=lambda: later).run_once()
    second = Worker("w-other", clock=lambda: later).run_once()
    assert (first.published, second.claimed) == (3, 0)

    records = outbox_records(get_settings().outbox_dir)
    assert sorted(r["platform"] for r in records) == ["facebook", "instagram", "x"]
    assert all(len(r["images"]) == 1 for r in records)
    with session_scope() as session:
        targets = session.exec(select(PostTarget).where(PostTarget.post_id == post_id)).all()
        assert {t.status for t in targets} == {"published"}
        assert session.get(Post, post_id).status == "published"
        attempts = session.exec(select(PublishAttempt)).all()
        assert [a.outcome for a in attempts] == ["sent"] * 3
        published = session.exec(
            select(AuditEntry).where(AuditEntry.action == "post.published")
        ).all()
        assert sorted(int(e.object_id) for e in published) == sorted(t.id for t in targets)
        assert {e.actor_name for e in published} == {"system"}

    stored = collect_once(now=later + timedelta(hours=2))
    assert stored == 3
    # 1 h is taken and 24 h not reached: nothing is due
    assert collect_once(now=later + timedelta(hours=2, minutes=1)) == 0
    with session_scope() as session:
        snaps = session.exec(select(MetricSnapshot)).all()
        assert {s.age_bucket for s in snaps} == {"1h"}
        assert all(s.simulated and s.impressions > 0 for s in snaps)
        rows = latest_per_target(session)
    assert {r["post_id"] for r in rows} == {post_id}
