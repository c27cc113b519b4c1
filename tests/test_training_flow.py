"""A practice answer from hand-in to the trainer's verdict, and the participation figures."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.evaluation.period import month_period
from planner.evaluation.training_figures import TrainingFigures, training_figures
from planner.models import Account, AuditEntry, Post, PostTarget, TrainingSubmission
from planner.people.roles import PermissionDenied
from planner.training.errors import TrainingError
from planner.training.exercises import exercise_from_lesson
from planner.training.lessons import get_lesson
from planner.training.participation import participation
from planner.training.sessions import Person, SessionInput, add_session, export_csv
from planner.training.submissions import (
    AnswerInput,
    answer_exercise,
    promote_answer,
    return_answer,
    score_answer,
)
from tests.factories import add_sandbox_accounts
from tests.people_helpers import make_user

TEXT = (
    "🧸 Ayah, Bunda, yuk ajak si kecil ke Dongeng Akhir Pekan!\n"
    "🗓️ Sabtu, 6 Desember 2026, pukul 09.00 WIB\n📍 Ruang Baca Anak\n"
    "Daftar di https://perpustakaan.pekalongankota.go.id/dongeng #DongengAnak"
)
IMAGE = {
    "layout": "event_poster",
    "size": "square",
    "fields": {"title": "Dongeng Sabtu", "date": "Sabtu, 6 Desember 2026", "time": "09.00 WIB"},
}
ALT = "Pendongeng memegang boneka kancil di depan anak-anak yang duduk di karpet ruang baca."


@pytest.fixture
def world(sqlite_db):
    trainer, trainee = make_user("trainer"), make_user("trainee")
    with session_scope() as session:
        sandbox = {a.platform: a.id for a in add_sandbox_accounts(session)}
        live = Account(platform="facebook", name="Perpus FB", is_sandbox=False)
        session.add(live)
        session.flush()
        lesson = get_lesson("event-announcement-basics")
        exercise = exercise_from_lesson(session, lesson, actor=trainer)
        ids = {"exercise": exercise.id, "live": live.id}
    return trainer, trainee, sandbox, ids


def _answer(sandbox, **changes) -> AnswerInput:
    base = dict(
        texts={"facebook": TEXT, "instagram": TEXT},
        account_ids=[sandbox["facebook"], sandbox["instagram"]],
        alt_text=ALT,
        image_spec=IMAGE,
    )
    return AnswerInput(**(base | changes))


def test_an_answer_is_checked_and_kept_without_publishing(world) -> None:
    _trainer, trainee, sandbox, ids = world
    with session_scope() as session:
        row = answer_exercise(
            session, actor=trainee, exercise_id=ids["exercise"], answer=_answer(sandbox)
        )
        items = {i["code"]: i["score"] for i in row.checklist}
        assert row.state == "submitted" and row.attempt == 1
        assert items["contrast"] == 1.0 and items["event_facts"] == 1.0 and items["link"] == 1.0
        assert row.auto_score == 100.0
        assert session.exec(select(PostTarget)).all() == []
    with session_scope() as session:
        poor = _answer(
            sandbox, texts={"facebook": TEXT.upper(), "instagram": "#a"}, alt_text="gambar"
        )
        row = answer_exercise(session, actor=trainee, exercise_id=ids["exercise"], answer=poor)
        failed = {i["advice"] for i in row.checklist if i["score"] == 0}
        assert {"capitals.shouting", "alt.placeholder"} <= failed
        assert row.attempt == 2 and row.auto_score < 60


@pytest.mark.parametrize("who", ["trainee", "trainer", "admin"])
def test_no_answer_reaches_a_live_account(world, who) -> None:
    trainer, trainee, sandbox, ids = world
    actor = {"trainee": trainee, "trainer": trainer, "admin": make_user("admin")}[who]
    answer = _answer(sandbox, account_ids=[sandbox["facebook"], ids["live"]])
    with pytest.raises((PermissionDenied, TrainingError)), session_scope() as session:
        answer_exercise(session, actor=actor, exercise_id=ids["exercise"], answer=answer)
    with session_scope() as session:
        assert session.exec(select(TrainingSubmission)).all() == []


def test_an_answer_for_another_platform_or_without_account_is_refused(world) -> None:
    _trainer, trainee, sandbox, ids = world
    for accounts, code in (([sandbox["x"]], "wrong_platform"), ([], "no_account")):
        with pytest.raises(TrainingError) as refused, session_scope() as session:
            answer_exercise(
                session,
                actor=trainee,
                exercise_id=ids["exercise"],
                answer=_answer(sandbox, account_ids=accounts),
            )
        assert refused.value.code == code
        assert refused.value.text("id") != refused.value.text("en")


def test_trainer_scores_returns_and_promotes_to_the_review_queue(world) -> None:
    trainer, trainee, sandbox, ids = world
    with session_scope() as session:
        first = answer_exercise(
            session, actor=trainee, exercise_id=ids["exercise"], answer=_answer(sandbox)
        ).id
    with session_scope() as session, pytest.raises(TrainingError):
        return_answer(session, actor=trainer, submission_id=first, comment=" ")
    with session_scope() as session:
        row = return_answer(
            session, actor=trainer, submission_id=first, comment="Judul kurang jelas"
        )
        assert row.state == "returned"
    with session_scope() as session, pytest.raises(PermissionDenied):
        score_answer(session, actor=trainee, submission_id=first, score=100)
    with session_scope() as session, pytest.raises(TrainingError):
        score_answer(session, actor=trainer, submission_id=first, score=120)
    with session_scope() as session:
        row = score_answer(session, actor=trainer, submission_id=first, score=85, comment="Bagus")
        assert (row.state, row.trainer_score, row.trainer_comment) == ("reviewed", 85, "Bagus")
    with session_scope() as session, pytest.raises(TrainingError):
        promote_answer(session, actor=trainer, submission_id=first, account_ids=[])
    with session_scope() as session:
        post = promote_answer(
            session, actor=trainer, submission_id=first, account_ids=[ids["live"]]
        )
        post_id = post.id
    with session_scope() as session:
        post = session.get(Post, post_id)
        assert post.review_state == "in_review" and post.author == "tia" and post.author_id is None
        targets = session.exec(select(PostTarget).where(PostTarget.post_id == post_id)).all()
        assert [(t.account_id, t.status, t.text) for t in targets] == [
            (ids["live"], "in_review", TEXT)
        ]
        assert session.get(TrainingSubmission, first).state == "promoted"
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.action == "training.promote")
        ).one()
        assert audit.actor_id == trainer.id
    with session_scope() as session, pytest.raises(TrainingError):
        promote_answer(session, actor=trainer, submission_id=first, account_ids=[ids["live"]])


def _utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_participation_counts_the_month(any_db) -> None:
    trainer, trainee = make_user("trainer"), make_user("trainee")
    other = make_user("trainee", "tari")
    with session_scope() as session:
        sandbox = {a.platform: a.id for a in add_sandbox_accounts(session)}
        exercise = exercise_from_lesson(
            session, get_lesson("caption-call-to-action"), actor=trainer
        )
        people = [
            Person(user_id=trainee.id),
            Person(user_id=other.id, attended=False),
            Person(name="Bu Rina", organisation="Perpustakaan Desa"),
        ]
        # Two sessions in November (local time), one in October; 1 Nov 06:00 WIB is 31 Oct UTC.
        add_session(
            session,
            actor=trainer,
            data=SessionInput(_utc(2026, 10, 31, 23), "Keterangan", attendees=people),
        )
        again = [Person(user_id=trainee.id), Person(name=" bu  rina ")]
        add_session(
            session,
            actor=trainer,
            data=SessionInput(_utc(2026, 11, 20, 2), "Gambar", attendees=again),
        )
        add_session(
            session,
            actor=trainer,
            data=SessionInput(_utc(2026, 10, 10, 2), "Awal", attendees=[Person(name="Pak Budi")]),
        )
        scores = []
        for when, score in (
            (_utc(2026, 11, 5, 3), 80),
            (_utc(2026, 11, 6, 3), 90),
            (_utc(2026, 11, 7, 3), None),
            (_utc(2026, 10, 7, 3), 10),
        ):
            answer = AnswerInput(
                texts={"x": "Yuk pinjam! #AyoMembaca", "facebook": "Yuk pinjam! #AyoMembaca"},
                account_ids=[sandbox["x"]],
            )
            row = answer_exercise(session, actor=trainee, exercise_id=exercise.id, answer=answer)
            row.submitted_at = when
            row.trainer_score = score
            session.add(row)
            scores.append(score)
    nov = month_period("2026-11")
    with session_scope() as session:
        figures = participation(session, nov.start, nov.end)
        assert figures == TrainingFigures(
            sessions_held=2, attendees=2, exercises_submitted=3, average_score=85.0
        )
        assert training_figures(session, nov) == figures
        assert participation(
            session, month_period("2026-09").start, month_period("2026-09").end
        ) == TrainingFigures(0, 0, 0, None)
        csv_text = export_csv(session, nov.start, nov.end)
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("session_id,starts_at_utc,topic")
    assert len(lines) == 1 + 3 + 2
    assert "Bu Rina,,Perpustakaan Desa,yes" in csv_text and "tari,tari,,no" in csv_text
