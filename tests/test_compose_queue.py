"""'Add to queue' on the compose page takes each account's next free posting slot."""

from __future__ import annotations

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.config import get_settings
from planner.db import session_scope
from planner.models import PostTarget
from planner.slots import set_slots


def _drafted() -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=30).run()
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
            set_slots(session, account_id, [])
    at = _drafted()
    at.button(key="queue_btn").click().run()
    assert not at.exception
    assert any("no posting slots" in e.value for e in at.error)
