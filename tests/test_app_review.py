"""AppTest: drafts and review through the pages (planner/ui/review.py, planner/ui/drafts.py,
the compose page's draft buttons, consent on the media page, the calendar's post panel)."""

from __future__ import annotations

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.db import session_scope
from planner.models import MediaAsset, Post, PostTarget
from planner.review import decisions
from tests.people_helpers import app_as, make_user, signed_app

REVIEW = "planner/ui/review.py"
DRAFTS = "planner/ui/drafts.py"


def _composed(role: str) -> AppTest:
    at = signed_app(30, role=role).run()
    at.button[0].click().run()  # "Buat draf" with the first event and template
    assert not at.exception
    return at


def _posts() -> list[Post]:
    with session_scope() as session:
        return list(session.exec(select(Post).order_by(Post.id.desc())))


def _only_sandbox_accounts(at: AppTest) -> None:
    """Trainees post into sandbox accounts only; the demo's accounts are all sandbox ones."""
    assert at.multiselect(key="accounts_single").value


def _submitted_by_trainee() -> int:
    at = _composed("trainee")
    _only_sandbox_accounts(at)
    assert not [b for b in at.button if b.key in ("schedule_btn", "queue_btn")]
    assert any("perlu disetujui" in i.value for i in at.info)
    at.button(key="submit_btn").click().run()
    assert not at.exception, at.exception
    assert any("diajukan untuk ditinjau" in s.value for s in at.success)
    return _posts()[0].id


def test_a_trainee_submits_and_a_manager_approves_from_the_queue(demo_db: str) -> None:
    post_id = _submitted_by_trainee()
    at = app_as("manager", REVIEW)
    assert not at.exception
    assert "Tinjauan unggahan" in [h.value for h in at.header]
    assert any(f"#{post_id}" in s.value for s in at.subheader)
    assert any("Daftar periksa terpenuhi" in s.value for s in at.success)
    at.button(key=f"approve_{post_id}").click().run()
    assert not at.exception
    assert any(f"Unggahan #{post_id} disetujui" in s.value for s in at.success)
    with session_scope() as session:
        statuses = set(session.exec(select(PostTarget.status).where(PostTarget.post_id == post_id)))
    assert statuses == {"scheduled"}


def test_request_changes_needs_a_comment_then_goes_back_to_the_author(demo_db: str) -> None:
    post_id = _submitted_by_trainee()
    at = app_as("trainer", REVIEW)
    at.button(key=f"changes_{post_id}").click().run()
    assert any("Tuliskan apa yang perlu diubah" in e.value for e in at.error)
    at.text_area(key=f"changes_text_{post_id}").input("Tambahkan jam mulai acara.")
    at.button(key=f"changes_{post_id}").click().run()
    assert not at.exception
    assert any("dikembalikan untuk diperbaiki" in s.value for s in at.success)
    mine = app_as("trainee", DRAFTS)
    assert not mine.exception
    assert any("Perlu diperbaiki" in e.label for e in mine.expander)
    assert any("Tambahkan jam mulai acara." in t.value for t in mine.text)


def test_own_posts_are_not_in_the_queue_and_reject_needs_a_reason(demo_db: str) -> None:
    post_id = _submitted_by_trainee()
    staff = app_as("staff")
    assert not staff.exception  # staff do not review: no Review page for them
    at = app_as("admin", REVIEW)
    at.button(key=f"reject_{post_id}").click().run()
    assert any("alasan penolakan" in e.value for e in at.error)
    at.text_area(key=f"reject_text_{post_id}").input("Bukan acara perpustakaan.")
    at.button(key=f"reject_{post_id}").click().run()
    assert not at.exception
    assert _posts()[0].status == "cancelled"


def test_a_staff_draft_is_saved_found_again_and_reopened_in_compose(demo_db: str) -> None:
    at = _composed("staff")
    at.button(key="save_draft_btn").click().run()
    assert not at.exception
    post_id = _posts()[0].id
    assert any(f"Draf #{post_id} disimpan" in s.value for s in at.success)
    assert _posts()[0].status == "draft"
    at.switch_page(DRAFTS).run()
    assert not at.exception
    assert "Draf & tinjauan" in [h.value for h in at.header]
    at.button(key=f"open_{post_id}").click().run()
    assert not at.exception
    assert any(f"Mengubah draf #{post_id}" in i.value for i in at.info)
    at.switch_page("planner/ui/compose.py").run()  # AppTest stays on its own page otherwise
    at.text_area(key="text_x").input("Dongeng Anak: cerita baru untuk X ✨").run()
    at.button(key="save_draft_btn").click().run()
    assert not at.exception
    with session_scope() as session:
        post = session.get(Post, post_id)
        texts = session.exec(
            select(PostTarget.text)
            .where(PostTarget.post_id == post_id)
            .where(PostTarget.platform == "x")
        ).all()
        assert (post.version, texts) == (2, ["Dongeng Anak: cerita baru untuk X ✨"])
    assert len(_posts()) >= 1 and _posts()[0].id == post_id  # edited, not duplicated


def test_calendar_post_panel_shows_comments_and_history(demo_db: str) -> None:
    post_id = _submitted_by_trainee()
    manager = make_user("manager")
    with session_scope() as session:
        decisions.approve(session, actor=manager, post_id=post_id, note="Siap terbit")
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    assert any("Status tinjauan: Disetujui" in c.value for c in at.caption)
    assert any("Siap terbit" in t.value for t in at.text)
    history = [df for df in at.dataframe if "Tindakan" in df.value.columns]
    assert list(history[0].value["Tindakan"]) == [
        "Menyetujui",
        "Mengajukan untuk ditinjau",
        "Menyimpan draf",
    ]


def test_consent_is_recorded_on_the_media_page(demo_db: str) -> None:
    with session_scope() as session:
        asset = session.exec(select(MediaAsset).order_by(MediaAsset.id.desc())).first()
        asset.shows_people = True
        session.add(asset)
        asset_id = asset.id
    at = app_as("staff", "planner/ui/media.py")
    assert not at.exception
    assert any("persetujuan belum dicatat" in c.value for c in at.caption)
    form = f"media_consent_{asset_id}"
    boxes = [c for c in at.checkbox if c.proto.form_id == form]
    boxes[1].check()
    [note] = [t for t in at.text_input if t.proto.form_id == form]
    note.input("Formulir orang tua, 28 November")
    [save] = [b for b in at.button if b.proto.form_id == form]
    save.click().run()
    assert not at.exception
    with session_scope() as session:
        stored = session.get(MediaAsset, asset_id)
        assert (stored.consent_recorded, stored.consent_note) == (
            True,
            "Formulir orang tua, 28 November",
        )


def test_a_campaign_is_submitted_whole_and_approved_whole(demo_db: str) -> None:
    from dataclasses import replace

    from planner.people.policy import load_policy, save_policy

    admin = make_user("admin")
    with session_scope() as session:
        save_policy(session, admin, replace(load_policy(session), staff_need_approval=True))
    at = signed_app(30, role="staff").run()
    at.selectbox(key="template_event").set_value("event-announcement").run()
    at.button(key="plan_campaign_btn").click().run()
    assert not [b for b in at.button if b.key == "schedule_campaign_btn"]
    at.button(key="submit_campaign_btn").click().run()
    assert not at.exception
    assert any("diajukan untuk ditinjau" in s.value for s in at.success)
    with session_scope() as session:
        campaign_id = session.exec(select(Post.campaign_id).where(Post.campaign_id != None)).first()  # noqa: E711
    reviewer = app_as("manager", REVIEW)
    assert any(f"Kampanye #{campaign_id}" in m.value for m in reviewer.markdown)
    reviewer.button(key=f"approve_campaign_{campaign_id}").click().run()
    assert not reviewer.exception
    assert any(f"Kampanye #{campaign_id} disetujui" in s.value for s in reviewer.success)
    with session_scope() as session:
        states = set(session.exec(select(Post.review_state).where(Post.campaign_id == campaign_id)))
    assert states == {"approved"}


def test_a_reopened_draft_is_scheduled_as_the_same_post(demo_db: str) -> None:
    at = _composed("staff")
    at.button(key="save_draft_btn").click().run()
    post_id = _posts()[0].id
    at.switch_page(DRAFTS).run()
    at.button(key=f"open_{post_id}").click().run()
    at.switch_page("planner/ui/compose.py").run()
    assert not [b for b in at.button if b.key == "queue_btn"]  # slots are for new posts
    at.button(key="schedule_btn").click().run()
    assert not at.exception
    assert any(f"Unggahan #{post_id} dijadwalkan" in s.value for s in at.success)
    assert [(p.id, p.status) for p in _posts()[:1]] == [(post_id, "scheduled")]
    assert not any("Mengubah draf" in i.value for i in at.info)


def test_the_review_page_in_english(demo_db: str) -> None:
    post_id = _submitted_by_trainee()
    at = app_as("manager", REVIEW)
    at.sidebar.selectbox[0].select("en").run()
    assert not at.exception
    assert "Post review" in [h.value for h in at.header]
    assert any("Checklist passed" in s.value for s in at.success)
    at.button(key=f"changes_{post_id}").click().run()
    assert [e.value for e in at.error] == ["Say what needs to change."]
