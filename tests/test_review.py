"""Drafts, review and approval: every path, the checklist, the policy switches, the audit trail."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import responses
from sqlmodel import select

from planner.calendar import upcoming
from planner.db import session_scope
from planner.models import Campaign, MediaAsset, Notification, Post, PostTarget
from planner.people import audit
from planner.people.actors import Actor
from planner.people.policy import load_policy, save_policy
from planner.people.roles import PermissionDenied
from planner.review import comments, consent, decisions, drafts
from planner.review.checklist import is_placeholder, problems
from planner.review.errors import ReviewError
from planner.scheduling import PostCreate, PostUpdate, SchedulingError, edit_post, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import make_user

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)
GOOD_ALT = "Poster acara Dongeng Anak: seorang pendongeng dan anak-anak di ruang baca"


@pytest.fixture
def world(any_db: str) -> dict:
    """Two sandbox accounts, one image and one person of every role (SQLite and PostgreSQL)."""
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        asset = MediaAsset(sha256=uuid.uuid4().hex, filename="a.jpg", alt_text=GOOD_ALT)
        session.add(asset)
        session.flush()
        ids = {"accounts": [x.id, fb.id], "asset": asset.id}
    ids |= {role: make_user(role) for role in ("admin", "manager", "staff", "trainer", "trainee")}
    return ids


def _data(world: dict, *, alt: str = GOOD_ALT, due: datetime | None = LATER, **kw) -> PostCreate:
    return PostCreate(
        title=kw.pop("title", "Dongeng Anak"),
        texts={"x": "Dongeng Anak hari Sabtu!", "facebook": "Dongeng Anak, Sabtu pagi."},
        account_ids=world["accounts"],
        due_at=due,
        media_asset_id=world["asset"],
        alt_text=alt,
        **kw,
    )


def _draft(world: dict, actor: Actor, **kw) -> int:
    with session_scope() as session:
        return drafts.save_draft(session, actor=actor, data=_data(world, **kw)).id


def _submitted(world: dict, actor: Actor, **kw) -> int:
    post_id = _draft(world, actor, **kw)
    with session_scope() as session:
        decisions.submit(session, actor=actor, post_id=post_id, now=NOW)
    return post_id


def _statuses(post_id: int) -> list[str]:
    with session_scope() as session:
        query = select(PostTarget.status).where(PostTarget.post_id == post_id)
        return sorted(set(session.exec(query)))


def _post(post_id: int) -> Post:
    with session_scope() as session:
        post = session.get(Post, post_id)
        session.expunge(post)
        return post


def _actions(post_id: int) -> list[str]:
    with session_scope() as session:
        entries = comments.history(session, post_id)
        return [e.action for e in reversed(entries)]


def _set_policy(**changes) -> None:
    with session_scope() as session:
        admin = make_user("admin")
        save_policy(session, admin, replace(load_policy(session), **changes))


# -- the rule scheduling obeys ----------------------------------------------------------------
def test_a_trainee_cannot_schedule_without_approval(world) -> None:
    with pytest.raises(SchedulingError) as refused, session_scope() as session:
        schedule_post(session, actor=world["trainee"], data=_data(world), now=NOW)
    assert "submit it for review" in str(refused.value)
    assert "ajukan untuk ditinjau" in refused.value.text("id")


def test_staff_schedule_directly_unless_the_library_asks_for_approval(world) -> None:
    with session_scope() as session:
        schedule_post(session, actor=world["staff"], data=_data(world), now=NOW)
    _set_policy(staff_need_approval=True)
    with pytest.raises(SchedulingError, match="approved"), session_scope() as session:
        schedule_post(session, actor=world["staff"], data=_data(world), now=NOW)
    with session_scope() as session:  # managers are never asked
        schedule_post(session, actor=world["manager"], data=_data(world), now=NOW)


def test_a_draft_is_kept_without_being_queued_and_listed_for_its_author(world) -> None:
    post_id = _draft(world, world["staff"])
    assert _statuses(post_id) == ["draft"]
    with session_scope() as session:
        assert upcoming(session, viewer=world["admin"]) == []
        targets = drafts.draft_targets(session, post_id)
        assert {t.due_at for t in targets} == {LATER}
        mine = drafts.list_drafts(session, actor=world["staff"])
        others = drafts.list_drafts(session, actor=world["trainee"])
        everyone = drafts.list_drafts(session, actor=world["manager"], everyone=True)
        trainee_everyone = drafts.list_drafts(session, actor=world["trainee"], everyone=True)
    assert [r.post.id for r in mine] == [post_id] and mine[0].platforms == ["x", "facebook"]
    assert others == [] and trainee_everyone == []
    assert [r.post.id for r in everyone] == [post_id]
    assert _actions(post_id) == ["post.draft"]


def test_the_author_edits_a_draft_and_reopens_it(world) -> None:
    post_id = _draft(world, world["staff"])
    change = drafts.DraftUpdate(texts={"x": "Teks baru untuk X"}, account_ids=world["accounts"][:1])
    with session_scope() as session:
        post = drafts.update_draft(session, actor=world["staff"], post_id=post_id, changes=change)
        assert post.version == 2
        content = drafts.draft_content(session, actor=world["staff"], post_id=post_id)
    assert content.texts == {"x": "Teks baru untuk X"}
    assert content.account_ids == world["accounts"][:1] and content.due_at == LATER
    with pytest.raises(ReviewError, match="changed by someone"), session_scope() as session:
        drafts.update_draft(
            session, actor=world["staff"], post_id=post_id, changes=change, expected_version=1
        )


def test_a_trainee_edits_only_their_own_drafts(world) -> None:
    post_id = _draft(world, world["staff"])
    with pytest.raises(PermissionDenied), session_scope() as session:
        drafts.update_draft(
            session, actor=world["trainee"], post_id=post_id, changes=drafts.DraftUpdate(title="x")
        )


# -- approval paths ------------------------------------------------------------------------------
def test_approve_queues_the_post_at_its_time(world) -> None:
    post_id = _submitted(world, world["trainee"])
    assert _statuses(post_id) == ["in_review"] and _post(post_id).status == "in_review"
    with session_scope() as session:
        assert [r.post.id for r in decisions.review_queue(session, actor=world["manager"])] == [
            post_id
        ]
        decisions.approve(session, actor=world["manager"], post_id=post_id, note="Bagus", now=NOW)
    post = _post(post_id)
    assert (post.review_state, post.approved_version, post.status) == ("approved", 1, "scheduled")
    assert post.reviewed_by_id == world["manager"].id
    assert _statuses(post_id) == ["scheduled"]
    with session_scope() as session:
        assert [c.kind for c in comments.thread(session, post_id)] == ["approved"]
        assert decisions.queue_count(session, actor=world["manager"]) == 0
    assert _actions(post_id) == ["post.draft", "post.submit", "post.approve"]


def test_approval_of_a_post_whose_time_passed_waits_for_a_new_time(world) -> None:
    from planner.scheduling import reschedule_post

    post_id = _submitted(world, world["trainee"])
    with session_scope() as session:
        decisions.approve(
            session, actor=world["manager"], post_id=post_id, now=LATER + timedelta(hours=1)
        )
    assert _statuses(post_id) == ["approved"]
    with session_scope() as session:
        reschedule_post(
            session, post_id, LATER + timedelta(days=1), actor=world["trainee"], now=LATER
        )
    assert _statuses(post_id) == ["scheduled"]


def test_request_changes_needs_a_comment_and_returns_a_draft(world) -> None:
    post_id = _submitted(world, world["trainee"])
    with pytest.raises(ReviewError, match="Say what"), session_scope() as session:
        decisions.request_changes(session, actor=world["trainer"], post_id=post_id, comment=" ")
    with session_scope() as session:
        decisions.request_changes(
            session, actor=world["trainer"], post_id=post_id, comment="Tambahkan jam acara."
        )
    assert _post(post_id).review_state == "changes" and _statuses(post_id) == ["draft"]
    with session_scope() as session:  # the author fixes it and submits again
        drafts.update_draft(
            session,
            actor=world["trainee"],
            post_id=post_id,
            changes=drafts.DraftUpdate(texts={"x": "Dongeng Anak Sabtu 09.00!"}),
        )
        decisions.submit(session, actor=world["trainee"], post_id=post_id, now=NOW)
        decisions.approve(session, actor=world["trainer"], post_id=post_id, now=NOW)
        thread = comments.thread(session, post_id)
    assert [(c.kind, c.author_name) for c in thread] == [("changes", "tono"), ("approved", "tono")]
    assert _actions(post_id) == [
        "post.draft",
        "post.submit",
        "post.request_changes",
        "post.edit",
        "post.submit",
        "post.approve",
    ]


def test_reject_needs_a_reason_cancels_and_blocks_scheduling(world) -> None:
    post_id = _submitted(world, world["trainee"])
    with pytest.raises(ReviewError, match="reason"), session_scope() as session:
        decisions.reject(session, actor=world["manager"], post_id=post_id, reason="")
    with session_scope() as session:
        decisions.reject(
            session, actor=world["manager"], post_id=post_id, reason="Bukan acara kita."
        )
    post = _post(post_id)
    assert (post.review_state, post.status) == ("rejected", "cancelled")
    with session_scope() as session:
        mine = drafts.list_drafts(session, actor=world["trainee"])
        assert [(r.post.id, r.post.review_state) for r in mine] == [(post_id, "rejected")]
    with pytest.raises(SchedulingError, match="rejected"), session_scope() as session:
        edit_post(session, post_id, PostUpdate(due_at=LATER), actor=world["trainee"], now=NOW)
    assert _actions(post_id)[-1] == "post.reject"


@pytest.mark.parametrize("resets", [True, False])
def test_editing_an_approved_post_follows_the_policy(world, resets: bool) -> None:
    _set_policy(edit_resets_approval=resets)
    post_id = _submitted(world, world["trainee"])
    with session_scope() as session:
        decisions.approve(session, actor=world["manager"], post_id=post_id, now=NOW)
        edit_post(
            session,
            post_id,
            PostUpdate(texts={"x": "Diubah setelah disetujui"}),
            actor=world["trainee"],
            now=NOW,
        )
    post = _post(post_id)
    assert post.version == 2
    if resets:
        assert (post.review_state, post.approved_version) == ("in_review", None)
        assert _statuses(post_id) == ["in_review"]
        with session_scope() as session:
            assert upcoming(session, viewer=world["admin"]) == []
            assert decisions.queue_count(session, actor=world["manager"]) == 1
    else:
        assert (post.review_state, post.approved_version) == ("approved", 2)
        assert _statuses(post_id) == ["scheduled"]


def test_editing_an_approved_draft_waiting_for_a_time_sends_it_back(world) -> None:
    post_id = _submitted(world, world["trainee"], due=None)
    with session_scope() as session:
        decisions.approve(session, actor=world["manager"], post_id=post_id, now=NOW)
    assert _statuses(post_id) == ["approved"]
    with session_scope() as session:
        drafts.update_draft(
            session,
            actor=world["trainee"],
            post_id=post_id,
            changes=drafts.DraftUpdate(texts={"x": "Lain"}),
        )
    assert _statuses(post_id) == ["in_review"] and _post(post_id).review_state == "in_review"


def test_a_draft_that_needs_review_cannot_be_queued_through_an_edit(world) -> None:
    post_id = _draft(world, world["trainee"])
    with pytest.raises(SchedulingError, match="approved"), session_scope() as session:
        edit_post(session, post_id, PostUpdate(due_at=LATER), actor=world["trainee"], now=NOW)
    assert _statuses(post_id) == ["draft"]


# -- who may decide ------------------------------------------------------------------------------
def test_nobody_approves_their_own_post(world) -> None:
    _set_policy(staff_need_approval=True)
    post_id = _submitted(world, world["manager"])
    with pytest.raises(PermissionDenied) as refused, session_scope() as session:
        decisions.approve(session, actor=world["manager"], post_id=post_id, now=NOW)
    assert refused.value.reason == "own_post"
    assert "sendiri" in refused.value.text("id")
    with session_scope() as session:
        assert decisions.review_queue(session, actor=world["manager"]) == []
        assert len(decisions.review_queue(session, actor=world["admin"])) == 1


def test_trainers_decide_only_on_trainees_practice_posts(world) -> None:
    _set_policy(staff_need_approval=True)
    staff_post = _submitted(world, world["staff"])
    trainee_post = _submitted(world, world["trainee"])
    with session_scope() as session:
        queue = decisions.review_queue(session, actor=world["trainer"])
        assert [r.post.id for r in queue] == [trainee_post]
        with pytest.raises(PermissionDenied) as refused:
            decisions.approve(session, actor=world["trainer"], post_id=staff_post, now=NOW)
    assert refused.value.reason == "practice_only"
    with session_scope() as session:
        assert decisions.review_queue(session, actor=world["staff"]) == []
        with pytest.raises(PermissionDenied):
            decisions.reject(session, actor=world["staff"], post_id=trainee_post, reason="x")


def test_a_decision_needs_the_post_in_review(world) -> None:
    post_id = _draft(world, world["trainee"])
    with pytest.raises(ReviewError, match="not waiting"), session_scope() as session:
        decisions.approve(session, actor=world["manager"], post_id=post_id, now=NOW)


def test_submitting_checks_the_texts(world) -> None:
    post_id = _draft(world, world["trainee"])
    with session_scope() as session:
        drafts.update_draft(
            session,
            actor=world["trainee"],
            post_id=post_id,
            changes=drafts.DraftUpdate(texts={"x": "x" * 400}),
        )
    with pytest.raises(ReviewError, match="Cannot be submitted"), session_scope() as session:
        decisions.submit(session, actor=world["trainee"], post_id=post_id, now=NOW)


# -- the checklist -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("alt", "placeholder"),
    [
        ("", True),
        ("gambar", True),
        ("Foto", True),
        ("image.", True),
        ("IMG_2024.jpg", True),
        ("DSC 0042", True),
        ("foto 3", True),
        ("teks alternatif", True),
        ("Anak", True),  # too short to describe anything
        ("Lorem ipsum", True),
        (GOOD_ALT, False),
        ("Logo Perpustakaan Kota Pekalongan", False),
        ("Sampul buku Laut Bercerita karya Leila S. Chudori", False),
    ],
)
def test_placeholder_alt_texts(alt: str, placeholder: bool) -> None:
    assert is_placeholder(alt) is placeholder


def _blocked(world: dict, **kw) -> list[str]:
    post_id = _submitted(world, world["trainee"], **kw)
    with session_scope() as session:
        found = [p.code for p in problems(session, session.get(Post, post_id))]
        if found:
            with pytest.raises(ReviewError) as refused:
                decisions.approve(session, actor=world["manager"], post_id=post_id, now=NOW)
            assert "cannot be approved" in str(refused.value)
    return found


def test_placeholder_alt_text_blocks_approval(world) -> None:
    assert _blocked(world, alt="foto") == ["alt_placeholder"]


def test_an_image_of_people_needs_consent_before_approval(world) -> None:
    with session_scope() as session:
        consent.mark_shows_people(session, actor=world["trainee"], asset_id=world["asset"])
    assert _blocked(world) == ["consent_missing"]
    with pytest.raises(ReviewError, match="Note how consent"), session_scope() as session:
        consent.set_consent(
            session,
            actor=world["staff"],
            asset_id=world["asset"],
            shows_people=True,
            consent_recorded=True,
        )
    with session_scope() as session:
        consent.set_consent(
            session,
            actor=world["staff"],
            asset_id=world["asset"],
            shows_people=True,
            consent_recorded=True,
            note="Formulir orang tua, 28/11",
        )
    assert _blocked(world) == []
    with session_scope() as session:
        entries = audit.entries(session, audit.AuditFilter(object_type="media"))
    assert [e.action for e in entries] == ["media.consent", "media.shows_people"]


def test_a_checklist_message_names_the_image_in_both_languages(world) -> None:
    post_id = _submitted(world, world["trainee"], alt="gambar")
    with session_scope() as session:
        [problem] = problems(session, session.get(Post, post_id))
    assert problem.text("id").startswith(f"Teks alternatif foto #{world['asset']} (“gambar”)")
    assert problem.text("en").startswith(f"The alt text of image #{world['asset']}")


def test_trainees_cannot_record_consent(world) -> None:
    with pytest.raises(PermissionDenied), session_scope() as session:
        consent.set_consent(
            session,
            actor=world["trainee"],
            asset_id=world["asset"],
            shows_people=True,
            consent_recorded=True,
            note="x",
        )


# -- campaigns, comments, e-mail ---------------------------------------------------------------
def _campaign(world: dict, actor: Actor, **kw) -> tuple[int, list[int]]:
    steps = [
        _data(world, title="Pengumuman", due=LATER, **kw),
        _data(world, title="Pengingat", due=LATER + timedelta(days=5), **kw),
    ]
    with session_scope() as session:
        campaign, posts = drafts.save_campaign(
            session, actor=actor, name="Dongeng Anak", event_id=None, posts=steps
        )
        decisions.submit_campaign(session, actor=actor, campaign_id=campaign.id, now=NOW)
        return campaign.id, [p.id for p in posts]


def test_a_campaign_is_approved_as_a_whole(world) -> None:
    _set_policy(staff_need_approval=True)
    campaign_id, post_ids = _campaign(world, world["staff"])
    with session_scope() as session:
        assert [
            (c.id, n) for c, n in decisions.campaigns_in_review(session, actor=world["manager"])
        ]
        with pytest.raises(PermissionDenied):
            decisions.approve_campaign(session, actor=world["trainer"], campaign_id=campaign_id)
        decisions.approve_campaign(
            session, actor=world["manager"], campaign_id=campaign_id, now=NOW
        )
        campaign = session.get(Campaign, campaign_id)
        assert campaign.approved_by_id == world["manager"].id
        assert len(upcoming(session, viewer=world["admin"])) == 4
        entries = audit.entries(session, audit.AuditFilter(action="campaign.approve"))
    assert [(e.object_id, e.outcome) for e in entries] == [
        (str(campaign_id), "ok"),
        (str(campaign_id), "denied"),  # the trainer's try, kept though it was rolled back
    ]
    assert all(_statuses(p) == ["scheduled"] for p in post_ids)


def test_one_failing_post_holds_back_the_whole_campaign(world) -> None:
    campaign_id, post_ids = _campaign(world, world["staff"], alt="image")
    _set_policy(staff_need_approval=True)
    with pytest.raises(ReviewError) as refused, session_scope() as session:
        decisions.approve_campaign(
            session, actor=world["manager"], campaign_id=campaign_id, now=NOW
        )
    assert f"#{post_ids[0]}:" in str(refused.value) and f"#{post_ids[1]}:" in str(refused.value)
    assert all(_statuses(p) == ["in_review"] for p in post_ids)


def test_comments_thread_on_the_post_and_are_audited(world) -> None:
    post_id = _submitted(world, world["trainee"])
    with session_scope() as session:
        comments.add_comment(
            session, actor=world["trainer"], post_id=post_id, body="Sudah bagus, cek ejaan."
        )
        comments.add_comment(session, actor=world["trainee"], post_id=post_id, body="Siap!")
        with pytest.raises(ReviewError):
            comments.add_comment(session, actor=world["trainee"], post_id=post_id, body="  ")
        thread = comments.thread(session, post_id)
    assert [(c.author_name, c.body) for c in thread] == [
        ("tono", "Sudah bagus, cek ejaan."),
        ("tia", "Siap!"),
    ]
    assert _actions(post_id)[-2:] == ["post.comment", "post.comment"]
    other = _draft(world, world["staff"])
    with pytest.raises(PermissionDenied), session_scope() as session:
        comments.add_comment(session, actor=world["trainee"], post_id=other, body="Hai")


def test_reviewers_are_emailed_at_their_own_address(world, monkeypatch) -> None:
    from planner import notify
    from planner.config import get_settings, reset_settings
    from planner.people.users import update_profile

    for role, address in (("manager", "maya@perpus.example"), ("trainer", "tono@perpus.example")):
        with session_scope() as session:
            update_profile(session, world[role], email=address)
    post_id = _submitted(world, world["trainee"])
    with session_scope() as session:
        [note] = session.exec(select(Notification)).all()
    assert note.key == "review.notify.submitted" and note.delivered_at is None
    assert note.params["to"] == ["maya@perpus.example", "tono@perpus.example"]
    assert f"#{post_id}" in note.message

    sent = []

    class FakeSMTP:
        def __enter__(self):
            return self

        def __exit__(self, *a) -> None: ...
        def send_message(self, msg) -> None:
            sent.append(msg)

    monkeypatch.setenv("PLANNER_SMTP_HOST", "smtp.example")
    monkeypatch.setenv("PLANNER_NOTIFY_EMAILS", "failures@perpus.example")
    reset_settings()
    monkeypatch.setattr(notify, "smtp_connection", lambda settings: FakeSMTP())
    assert notify.deliver_pending(get_settings(), now=NOW + timedelta(minutes=1)) == 1
    assert sent[0]["To"] == "maya@perpus.example, tono@perpus.example"
    with responses.RequestsMock() as mock:
        mock.post("https://chat.example/hooks/planner", json={"ok": True})
        monkeypatch.setenv("PLANNER_WEBHOOK_URL", "https://chat.example/hooks/planner")
        reset_settings()
        notify.send_webhook(get_settings(), note)
        posted = [json.loads(mock.calls[0].request.body)]
    assert "to" not in posted[0]["params"] and posted[0]["params"]["post_id"] == post_id


def test_no_email_when_the_policy_says_so(world) -> None:
    _set_policy(email_reviewers=False)
    _submitted(world, world["trainee"])
    with session_scope() as session:
        assert session.exec(select(Notification)).all() == []
