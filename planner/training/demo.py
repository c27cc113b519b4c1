"""Demo training data: every lesson's exercise, one past session of the demo trainer with the
demo trainee and an outside participant, and one scored answer (loaded once)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from planner.db import session_scope
from planner.models import Account, AppMeta, Event, TrainingExercise, utcnow
from planner.people.actors import SYSTEM, actor_of
from planner.people.users import find_user
from planner.training.exercises import exercise_from_lesson
from planner.training.lessons import load_lessons
from planner.training.sessions import Person, SessionInput, add_session
from planner.training.submissions import AnswerInput, answer_exercise, score_answer

TRAINING_KEY = "demo_training_loaded"
TRAINER, TRAINEE = "pelatih", "peserta"
ANSWER = (
    "Sobat Perpus, novel remaja terbaru sudah datang! Yuk pinjam sekarang di "
    "Perpustakaan Kota Pekalongan. #AyoMembaca #PerpusKotaPekalongan"
)


def _storytelling(session: Session) -> Event | None:
    events = session.exec(select(Event).order_by(Event.starts_at)).all()
    return next((e for e in events if "ongeng" in e.title), events[0] if events else None)


def load_training_demo() -> bool:
    """Add the demo's training data once; False when it is already there or people are missing."""
    with session_scope() as session:
        if session.get(AppMeta, TRAINING_KEY) is not None:
            return False
        trainer, trainee = find_user(session, TRAINER), find_user(session, TRAINEE)
        if trainer is None or trainee is None:
            return False
        session.add(AppMeta(key=TRAINING_KEY, value=utcnow().isoformat()))
        session.flush()
        teacher, learner = actor_of(trainer), actor_of(trainee)
        lessons, _ = load_lessons()
        exercises: dict[str, TrainingExercise] = {}
        for lesson in lessons:
            exercises[lesson.id] = exercise_from_lesson(session, lesson, actor=SYSTEM)
        event = _storytelling(session)
        notice = exercises.get("event-announcement-basics")
        if event is not None and notice is not None:
            notice.event_id = event.id
            session.add(notice)
        held = add_session(
            session,
            actor=teacher,
            data=SessionInput(
                starts_at=utcnow() - timedelta(days=14),
                topic="Menulis keterangan dan pengumuman acara",
                place="Ruang Rapat, Perpustakaan Kota Pekalongan",
                lessons=[
                    x
                    for x in ("caption-call-to-action", "event-announcement-basics")
                    if x in exercises
                ],
                attendees=[
                    Person(user_id=trainee.id),
                    Person(name="Bu Siti", organisation="Perpustakaan Desa Kuripan"),
                ],
                exercise_ids=[e.id for e in exercises.values()][:2],
            ),
        )
        caption = exercises.get("caption-call-to-action")
        x_sandbox = session.exec(
            select(Account).where(Account.is_sandbox, Account.platform == "x")
        ).first()
        if caption is None or x_sandbox is None:
            return True
        row = answer_exercise(
            session,
            actor=learner,
            exercise_id=caption.id,
            answer=AnswerInput(
                texts={"x": ANSWER, "facebook": ANSWER},
                account_ids=[x_sandbox.id],
                session_id=held.id,
            ),
        )
        row.submitted_at = held.starts_at + timedelta(hours=1)
        session.add(row)
        score_answer(
            session,
            actor=teacher,
            submission_id=row.id,
            score=80,
            comment="Ajakannya sudah jelas; tambahkan gambar.",
        )
    return True
