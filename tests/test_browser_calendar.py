"""The calendar in real headless Chromium: week view, open a post, its attempts, in English."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, Post
from planner.scheduling import PostCreate, schedule_post
from tests.people_helpers import ADMIN

pytestmark = pytest.mark.browser


def test_calendar_week_view_opens_a_post(page, app_url: str, data_dir: Path, shots: Path) -> None:
    from playwright.sync_api import expect

    with session_scope() as session:
        accounts = session.exec(select(Account).order_by(Account.id)).all()
        post = schedule_post(
            session,
            data=PostCreate(
                title="Klub Baca Remaja",
                texts={"x": "Klub baca besok!", "facebook": "Klub baca besok!"},
                account_ids=[accounts[0].id, accounts[1].id],
                due_at=datetime.now(UTC) + timedelta(hours=2),
            ),
            actor=ADMIN,
        )
        post_id = post.id
    page.goto(app_url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Kalender & Antrean").click()
    expect(page.get_by_role("heading", name="Kalender & Antrean")).to_be_visible()
    entry = page.get_by_role("button", name=re.compile("Klub Baca Remaja")).first
    expect(entry).to_be_visible()  # month view, today's cell
    page.get_by_text("Minggu", exact=True).click()  # week view: labels name the account
    entry = page.get_by_role("button", name=re.compile("Klub Baca Remaja · Sandbox X")).first
    expect(entry).to_be_visible()
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
    page.screenshot(path=str(shots / "screenshot-calendar.png"))
    entry.click()
    expect(
        page.get_by_role("heading", name=f"Unggahan #{post_id}: Klub Baca Remaja")
    ).to_be_visible()
    expect(page.get_by_text("Belum ada percobaan kirim.")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    page.get_by_test_id("stSidebar").get_by_role("combobox").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_role("heading", name=f"Post #{post_id}: Klub Baca Remaja")).to_be_visible()
    expect(page.get_by_text("Week", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    with session_scope() as session:
        assert session.get(Post, post_id).status == "scheduled"
