"""Review in real Chromium: staff submit a post, a manager approves it from the review queue,
and the publishing worker (run once in-process, its clock moved past the due time) sends it.

Pages: planner/ui/compose.py (Submit for review) and planner/ui/review.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from planner import config, db
from planner.db import session_scope
from planner.models import Post, PostTarget, utcnow
from planner.people.policy import load_policy, save_policy
from planner.publishing.worker import Worker
from tests.conftest import sign_in
from tests.people_helpers import PASSWORD, ROLE_USERS, make_user

pytestmark = pytest.mark.browser


def test_staff_submit_manager_approves_worker_publishes(
    browser_context, app_url: str, shots: Path
) -> None:
    admin = make_user("admin")
    make_user("staff")
    make_user("manager")
    with session_scope() as session:
        save_policy(session, admin, replace(load_policy(session), staff_need_approval=True))

    staff = browser_context.new_page()
    sign_in(staff, app_url, ROLE_USERS["staff"], PASSWORD)
    expect(staff.get_by_role("heading", name="Tulis unggahan")).to_be_visible()
    staff.get_by_role("button", name="Buat draf").click()
    expect(staff.get_by_label("Teks untuk X")).to_contain_text("Dongeng Anak")
    expect(staff.get_by_text("perlu disetujui sebelum dijadwalkan")).to_be_visible()
    expect(staff.get_by_role("button", name="Jadwalkan", exact=True)).to_have_count(0)
    staff.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(staff.get_by_text(re.compile(r"Unggahan #\d+ diajukan untuk ditinjau"))).to_be_visible()
    expect(staff.get_by_test_id("stException")).to_have_count(0)
    with session_scope() as session:
        post = session.exec(select(Post).order_by(Post.id.desc())).first()
        post_id, state = post.id, post.review_state
    assert state == "in_review"

    # The manager signs in in another browser and finds it in the review queue.
    manager = browser_context.browser.new_context(viewport={"width": 1400, "height": 1000})
    reviewer = manager.new_page()
    reviewer.set_default_timeout(20_000)
    sign_in(reviewer, app_url, ROLE_USERS["manager"], PASSWORD)
    nav = reviewer.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Tinjauan (1)").click()
    expect(reviewer.get_by_role("heading", name="Tinjauan unggahan")).to_be_visible()
    expect(reviewer.get_by_text(f"#{post_id} ·", exact=False).first).to_be_visible()
    expect(reviewer.get_by_text("Daftar periksa terpenuhi")).to_be_visible()
    expect(reviewer.get_by_role("img").first).to_be_visible()  # the image, with its alt text
    reviewer.screenshot(path=str(shots / "screenshot-review.png"), full_page=True)
    reviewer.get_by_role("button", name="Setujui", exact=True).click()
    expect(reviewer.get_by_text(f"Unggahan #{post_id} disetujui.")).to_be_visible()
    expect(reviewer.get_by_text("Tidak ada unggahan yang menunggu tinjauan.")).to_be_visible()
    expect(nav.get_by_role("link", name="Tinjauan", exact=True)).to_be_visible()
    expect(reviewer.get_by_test_id("stException")).to_have_count(0)
    manager.close()

    # Due ~2 minutes ahead: the real worker, its clock moved past that, publishes it.
    config.reset_settings()
    db.dispose_engines()
    later = utcnow() + timedelta(minutes=3)
    result = Worker("browser-review", clock=lambda: later).run_once()
    assert result.published == 3
    with session_scope() as session:
        statuses = set(session.exec(select(PostTarget.status).where(PostTarget.post_id == post_id)))
        assert statuses == {"published"}
        assert session.get(Post, post_id).status == "published"
