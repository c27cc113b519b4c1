"""The calendar follows live state in real Chromium: a publish shows within seconds, untouched.

The page is left alone after it opens; a worker (here in the test's process) publishes the
post, and the chip turns from scheduled to published by the page's own check for changes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, utcnow
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, schedule_post
from tests.people_helpers import ADMIN

pytestmark = pytest.mark.browser


def test_a_publish_shows_on_an_open_calendar_without_a_click(
    page, app_url: str, data_dir: Path
) -> None:
    from playwright.sync_api import expect

    with session_scope() as session:
        x = session.exec(select(Account).where(Account.platform == "x")).first()
        schedule_post(
            session,
            data=PostCreate(
                title="Lomba Mewarnai",
                texts={"x": "Lomba mewarnai hari ini!"},
                account_ids=[x.id],
                due_at=datetime.now(UTC) + timedelta(minutes=30),
            ),
            actor=ADMIN,
        )
    page.goto(app_url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Kalender & Antrean").click()
    chip = page.get_by_role("button", name=re.compile("Lomba Mewarnai"))
    expect(chip.filter(has_text="Terjadwal")).to_be_visible()

    later = utcnow() + timedelta(minutes=32)  # just past its time, well within the grace
    assert Worker("browser-live", clock=lambda: later).run_once().published == 1
    # No click, no reload: the page's 3-second check sees the change and draws again.
    expect(chip.filter(has_text="Dipublikasikan")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
