"""Forms that could not succeed: each either can now, or says why before anyone presses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from planner.db import session_scope
from planner.i18n import t
from planner.media import list_assets
from planner.models import Account, Post, PostTarget
from tests.factories import add_event
from tests.people_helpers import app_as


def _by_label(widgets, key: str):
    return next(w for w in widgets if w.label == t(key, "id"))


def test_a_recurring_instagram_post_gets_an_image(demo_db: str) -> None:
    with session_scope() as session:
        instagram = session.query(Account).filter(Account.platform == "instagram").first().id
        image = next(a.id for a in list_assets(session) if a.mime == "image/jpeg")
    at = app_as("admin", "planner/ui/planning.py")
    _by_label(at.text_input, "planning.series_name").input("Foto Pekan Ini")
    at.text_area(key="series_text").input("Sudut baca favorit pekan ini 📚")
    _by_label(at.multiselect, "compose.accounts").set_value([instagram])
    at.selectbox(key="series_image").set_value(image)
    at.text_input(key="series_alt").input("Rak buku anak di ruang baca")
    _by_label(at.button, "planning.series_create").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("dijadwalkan" in s.value for s in at.success)
    with session_scope() as session:
        posts = session.query(Post).filter(Post.title == "Foto Pekan Ini").all()
        assert posts and all(p.media_asset_id == image for p in posts)
        assert session.query(PostTarget).filter(PostTarget.account_id == instagram).count()


def test_campaign_with_every_step_past_cannot_be_pressed(demo_db: str) -> None:
    with session_scope() as session:
        past = add_event(
            session,
            title="Lomba Mewarnai",
            key="past-event",
            starts_at=datetime.now(UTC) - timedelta(days=5),
        ).id
    at = app_as("admin", "planner/ui/compose.py")
    at.selectbox(key="template_event").set_value("event-announcement").run()
    _by_label(at.selectbox, "compose.event").set_value(past).run()
    at.button(key="plan_campaign_btn").click().run()
    assert not at.exception
    assert at.button(key="schedule_campaign_btn").disabled
    assert any(t("campaign.error.all_past", "id") in i.value for i in at.info)


def test_an_event_in_the_past_is_saved_with_a_warning(demo_db: str) -> None:
    with session_scope() as session:
        event_id = add_event(
            session,
            title="Bedah Buku",
            key="past-talk",
            starts_at=datetime.now(UTC) - timedelta(days=30),
        ).id
    at = app_as("admin", "planner/ui/sources.py")
    at.selectbox(key="event_open").set_value(event_id).run()
    _by_label(at.button, "sources.save").click().run()
    assert not at.exception
    assert any("Bedah Buku" in s.value for s in at.success)  # saved, not refused
    assert [w.value for w in at.warning] == [t("sources.past_event", "id")]


def test_emoji_in_an_image_title_are_named_not_dropped_silently(demo_db: str) -> None:
    at = app_as("admin", "planner/ui/studio.py")
    at.selectbox(key="studio_layout").select("event_poster").run()
    at.text_input(key="studio_event_poster_title").input("Dongeng Si Kancil 🐢❤️")
    at.button(key="studio_render").click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and warnings[0].startswith("Tidak ikut tergambar")
    assert "🐢 ❤" in warnings[0]


def test_childrens_layout_says_when_it_shows_the_subtitle(demo_db: str) -> None:
    at = app_as("admin", "planner/ui/studio.py")
    at.selectbox(key="studio_layout").select("children").run()
    help_text = at.text_input(key="studio_children_subtitle").help
    assert help_text == t("studio.subtitle_in.children", "id")
    at.selectbox(key="studio_layout").select("event_poster").run()
    assert not at.text_input(key="studio_event_poster_subtitle").help
