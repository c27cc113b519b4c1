"""Training in real Chromium: a trainee answers an exercise and sees the automatic feedback;
a trainer scores the answer and promotes it to a real post waiting in review.

Pages: planner/ui/practice.py and planner/ui/trainer.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from planner.db import session_scope
from planner.models import Account, Post, PostTarget, TrainingSubmission
from tests.conftest import sign_in
from tests.people_helpers import PASSWORD, ROLE_USERS, make_user

pytestmark = pytest.mark.browser
TEXT = "Novel remaja terbaru sudah datang, Sobat Perpus! Yuk pinjam pekan ini. #AyoMembaca"


def test_trainee_answers_trainer_scores_and_promotes(browser_context, app_url: str) -> None:
    make_user("trainee")
    make_user("trainer")
    with session_scope() as session:
        live = Account(platform="facebook", name="Perpustakaan (live)", is_sandbox=False)
        session.add(live)
        session.flush()
        live_id = live.id

    trainee = browser_context.new_page()
    sign_in(trainee, app_url, ROLE_USERS["trainee"], PASSWORD)
    trainee.get_by_test_id("stSidebarNav").get_by_role("link", name="Latihan").click()
    expect(trainee.get_by_role("heading", name="Latihan membuat konten")).to_be_visible()
    expect(trainee.get_by_text("Promosikan koleksi novel remaja terbaru")).to_be_visible()
    # The real compose page is offered first; the short form sits below it, folded.
    expect(trainee.get_by_role("button", name="Jawab di halaman Tulis")).to_be_visible()
    trainee.get_by_text("Atau jawab singkat di sini").click()
    trainee.get_by_label(re.compile("Teks untuk X")).fill(TEXT)
    trainee.get_by_label(re.compile("Teks untuk Halaman Facebook")).fill(TEXT.upper())
    trainee.get_by_text("Buat gambar promosi").click()
    trainee.get_by_label("Judul di gambar").fill("Novel Remaja Baru")
    trainee.get_by_label("Teks alternatif gambar").fill("gambar")
    trainee.get_by_role("button", name="Kirim jawaban").click()
    expect(trainee.get_by_text("Jawaban terkirim dan sudah diperiksa otomatis.")).to_be_visible()
    # Each piece of advice shows in the checklist and again under "Perkembangan saya".
    expect(trainee.get_by_text(re.compile("“gambar” tidak menggambarkan apa pun"))).to_have_count(2)
    expect(trainee.get_by_text(re.compile("kebanyakan HURUF KAPITAL"))).to_have_count(2)
    expect(trainee.get_by_text(re.compile(r"Kontras teks di gambar [\d,.]+:1"))).to_be_visible()
    expect(trainee.get_by_test_id("stImage")).to_be_visible()  # captioned with its alt text
    expect(trainee.get_by_test_id("stException")).to_have_count(0)
    with session_scope() as session:
        answer = session.exec(
            select(TrainingSubmission).order_by(TrainingSubmission.id.desc())
        ).first()
        answer_id = answer.id
        assert answer.state == "submitted" and answer.media_asset_id is not None

    other = browser_context.browser.new_context(viewport={"width": 1400, "height": 1000})
    trainer = other.new_page()
    trainer.set_default_timeout(20_000)
    sign_in(trainer, app_url, ROLE_USERS["trainer"], PASSWORD)
    trainer.get_by_test_id("stSidebarNav").get_by_role("link", name="Kelola pelatihan").click()
    expect(trainer.get_by_role("heading", name="Pelatihan", exact=True)).to_be_visible()
    panel = trainer.get_by_test_id("stExpander").filter(has_text=f"#{answer_id},")
    expect(panel.locator(".planner-preview")).to_have_count(2)  # X and Facebook as they'd look
    expect(panel.get_by_text(re.compile("tidak menggambarkan apa pun"))).to_be_visible()
    panel.get_by_label("Nilai Anda (0–100)").fill("75")
    panel.get_by_label("Komentar untuk peserta").fill("Bagus, tulis ulang teks Facebook.")
    panel.get_by_role("button", name="Simpan nilai").click()
    expect(trainer.get_by_text("Nilai tersimpan.")).to_be_visible()
    panel = trainer.get_by_test_id("stExpander").filter(has_text=f"#{answer_id},")
    accounts = panel.get_by_role("combobox", name="Akun sungguhan untuk draf")
    accounts.click()
    accounts.press_sequentially("live")
    accounts.press("Enter")
    accounts.press("Escape")
    expect(panel).to_have_count(1)  # the rerun after the choice has replaced the old panel
    expect(panel.get_by_text("Perpustakaan (live) (facebook)")).to_be_visible()
    panel.get_by_role("button", name="Jadikan draf sungguhan").click()
    expect(trainer.get_by_text("Draf sungguhan dibuat dan menunggu persetujuan")).to_be_visible()
    expect(trainer.get_by_test_id("stException")).to_have_count(0)
    other.close()

    with session_scope() as session:
        answer = session.get(TrainingSubmission, answer_id)
        assert (answer.state, answer.trainer_score) == ("promoted", 75)
        post = session.get(Post, answer.promoted_post_id)
        assert post.review_state == "in_review"
        targets = session.exec(select(PostTarget).where(PostTarget.post_id == post.id)).all()
        assert [(t.account_id, t.text) for t in targets] == [(live_id, TEXT.upper())]
