"""AppTest: the practice page (trainee) and the training page (trainer) on the demo data."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.evaluation.period import month_period
from planner.models import Account, TrainingSession, TrainingSubmission
from planner.training.participation import participation
from tests.people_helpers import app_as

PRACTICE = "planner/ui/practice.py"
TRAINER = "planner/ui/trainer.py"
ANSWER = (
    "Yuk ajak si kecil ke Dongeng Akhir Pekan, Sabtu 6 Desember pukul 09.00 WIB di Ruang Baca "
    "Anak! Daftar di https://perpustakaan.pekalongankota.go.id/acara #DongengAnak"
)


def test_the_demo_has_a_past_session_and_a_scored_answer(demo_db: str) -> None:
    with session_scope() as session:
        held = session.exec(select(TrainingSession)).one()
        figures = participation(session, held.starts_at, held.starts_at.replace(year=2100))
    assert figures.sessions_held == 1 and figures.attendees == 2
    assert figures.exercises_submitted == 1 and figures.average_score == 80.0


def test_menus_offer_practice_to_trainees_and_training_to_trainers() -> None:
    from planner.people.actors import Actor
    from planner.people.roles import can
    from planner.ui.pages import PAGE_NEEDS

    for role, practice, teach in (
        ("trainee", True, False),
        ("trainer", True, True),
        ("staff", False, False),
    ):
        actor = Actor(1, role, role)
        assert any(can(actor, a) for a in PAGE_NEEDS[PRACTICE]) is practice
        assert any(can(actor, a) for a in PAGE_NEEDS[TRAINER]) is teach


def test_a_trainee_answers_and_sees_the_checklist(demo_db: str) -> None:
    with session_scope() as session:
        session.add(Account(platform="facebook", name="Perpustakaan (live)", is_sandbox=False))
    at = app_as("trainee", PRACTICE)
    assert not at.exception, at.exception
    assert "Latihan membuat konten" in [h.value for h in at.header]
    exercise = at.selectbox(key="practice_exercise")
    notice = next(o for o in exercise.options if o.startswith("Mengumumkan acara"))
    exercise.select(notice).run()
    for platform in ("facebook", "instagram"):
        key = next(t.key for t in at.text_area if t.key and t.key.endswith(f"_{platform}"))
        at.text_area(key=key).input(ANSWER)
    at.text_input[0].input("Dongeng Sabtu")  # the image's title
    alt = next(t.key for t in at.text_area if t.key and "answer_alt" in t.key)
    at.text_area(key=alt).input("gambar")
    offered = at.multiselect[0].options
    assert offered and not [o for o in offered if "live" in o]  # training accounts only
    submit = next(b for b in at.button if "Kirim jawaban" in b.label)
    submit.click().run()
    assert not at.exception, at.exception
    assert any("diperiksa otomatis" in s.value for s in at.success)
    shown = " ".join(m.value for m in at.markdown)
    assert "Teks alternatif gambar" in shown and "tidak menggambarkan apa pun" in shown
    assert "Nilai otomatis" in shown
    with session_scope() as session:
        row = session.exec(
            select(TrainingSubmission).order_by(TrainingSubmission.id.desc())
        ).first()
        accounts = [session.get(Account, i) for i in row.account_ids]
    assert row.state == "submitted" and all(a.is_sandbox for a in accounts)


def test_the_trainer_page_shows_the_overview_and_refuses_trainees(demo_db: str) -> None:
    at = app_as("trainer", TRAINER)
    assert not at.exception, at.exception
    assert "Pelatihan" in [h.value for h in at.header]
    columns = [list(table.value.columns) for table in at.dataframe]
    assert ["Butir periksa", "Rata-rata (0–100)", "Jawaban"] in columns
    assert ["Waktu", "Topik", "Hadir", "Yang hadir"] in columns
    sessions = next(t.value for t in at.dataframe if "Topik" in t.value.columns)
    assert sessions["Hadir"].tolist() == ["2/2"]
    assert "Bu Siti" in sessions["Yang hadir"].iloc[0]
    certificate = next(
        d for d in at.get("download_button") if "sertifikat" in str(d.proto.label).lower()
    )
    assert certificate is not None
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app_as("trainee", TRAINER)  # not in a trainee's menu at all


def test_the_trainer_adds_a_session_and_it_counts(demo_db: str) -> None:
    at = app_as("trainer", TRAINER)
    topic = next(t for t in at.text_input if t.label == "Topik")
    topic.input("Gambar promosi")
    outsiders = next(t for t in at.text_area if t.label.startswith("Peserta dari luar"))
    outsiders.input("Pak Budi\nBu Ani")
    next(b for b in at.button if b.label == "Simpan sesi").click().run()
    assert not at.exception, at.exception
    assert any("Sesi tersimpan" in s.value for s in at.success)
    with session_scope() as session:
        added = session.exec(select(TrainingSession).order_by(TrainingSession.id.desc())).first()
        assert added.topic == "Gambar promosi"
        day = added.starts_at.astimezone(ZoneInfo("Asia/Jakarta")).strftime("%Y-%m")
        figures = participation(session, month_period(day).start, month_period(day).end)
    assert figures.sessions_held >= 1 and figures.attendees >= 2


def test_a_trainee_answers_on_the_real_compose_page(demo_db: str) -> None:
    """Practice → 'Jawab di halaman Tulis' → a draft from a template with its rendered image →
    handed in to training accounts with the checklist; nothing is scheduled or published."""
    from planner.models import Post

    with session_scope() as session:
        session.add(Account(platform="facebook", name="Perpustakaan (live)", is_sandbox=False))
        posts_before = len(session.exec(select(Post)).all())
    at = app_as("trainee", PRACTICE)
    exercise = at.selectbox(key="practice_exercise")
    notice = next(o for o in exercise.options if o.startswith("Mengumumkan acara"))
    exercise.select(notice).run()
    at.button(key="answer_in_compose").click().run()
    assert not at.exception, at.exception
    # The button switched pages (st.switch_page); AppTest follows a switch only when told to.
    at.switch_page("planner/ui/compose.py").run()
    assert any("sedang menjawab latihan" in i.value for i in at.info)  # the banner on Compose
    next(b for b in at.button if b.label == "Buat draf").click().run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.label == "Jadwalkan"]  # an answer is never scheduled
    offered = at.multiselect(key="answer_accounts").options
    assert offered and not [o for o in offered if "live" in o]  # training accounts only
    at.button(key="answer_submit").click().run()
    assert not at.exception, at.exception
    assert any("diperiksa otomatis" in s.value for s in at.success)
    assert "Nilai otomatis" in " ".join(m.value for m in at.markdown)
    with session_scope() as session:
        row = session.exec(
            select(TrainingSubmission).order_by(TrainingSubmission.id.desc())
        ).first()
        accounts = [session.get(Account, i) for i in row.account_ids]
        assert len(session.exec(select(Post)).all()) == posts_before  # nothing scheduled
    assert row.state == "submitted" and all(a.is_sandbox for a in accounts)
    assert row.media_asset_id is not None  # the draft's rendered image went with it
    assert any(text.strip() for text in row.texts.values())
