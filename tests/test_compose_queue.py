"""'Add to queue' on the compose page takes each account's next free posting slot."""

from __future__ import annotations

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.config import get_settings
from planner.db import session_scope
from planner.models import PostTarget
from planner.slots import set_slots
from tests.people_helpers import ADMIN, signed_app


def _drafted() -> AppTest:
    at = signed_app(30).run()
    at.button[0].click().run()  # Buat draf
    return at


def test_add_to_queue_uses_the_demo_slots(demo_db: str) -> None:
    at = _drafted()
    at.button(key="queue_btn").click().run()
    assert not at.exception
    assert any("dijadwalkan" in s.value for s in at.success)
    tz = get_settings().tz
    with session_scope() as session:
        targets = session.exec(select(PostTarget).where(PostTarget.status == "scheduled")).all()
    assert len(targets) == 3
    for target in targets:
        local = target.due_at.astimezone(tz)
        assert (local.hour, local.minute) in ((9, 0), (16, 0)) and local.weekday() != 6


def test_add_to_queue_without_slots_says_so(demo_db: str) -> None:
    with session_scope() as session:
        for account_id in (1, 2, 3):
            set_slots(session, account_id, [], actor=ADMIN)
    at = _drafted()
    at.button(key="queue_btn").click().run()
    assert not at.exception
    assert any("belum punya slot publikasi" in e.value for e in at.error)  # in the page language


def test_scheduling_refusal_in_the_page_language(demo_db: str) -> None:
    at = _drafted()
    at.text_area(key="text_x").input("").run()
    at.button(key="schedule_btn").click().run()
    assert not at.exception
    assert any("Teks masih kosong" in e.value and "Sandbox X" in e.value for e in at.error)


def test_scheduling_error_keeps_english_for_the_cli() -> None:
    from planner.scheduling import refusal

    error = refusal("no_post", post_id=7)
    assert str(error) == "no post with id 7"
    assert error.text("id") == "Tidak ada unggahan dengan nomor 7"


def test_scheduling_clears_the_composer(demo_db: str) -> None:
    at = _drafted()
    at.button(key="schedule_btn").click().run()
    assert any("dijadwalkan" in s.value for s in at.success)
    # The draft is gone: no second click can schedule the same post again.
    assert not [b for b in at.button if b.key == "schedule_btn"]
    with session_scope() as session:
        assert (
            len(session.exec(select(PostTarget).where(PostTarget.status == "scheduled")).all()) == 3
        )
