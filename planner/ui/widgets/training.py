"""Training views shared by the practice and trainer pages and by Compose: a lesson, the
automatic checklist of an answer, and answering an exercise from the real compose page."""

from __future__ import annotations

import streamlit as st

from planner.accounts import active_accounts
from planner.db import session_scope
from planner.drafting import Draft
from planner.models import Account, TrainingExercise, TrainingSubmission
from planner.people.guard import may_target
from planner.people.roles import Action, PermissionDenied
from planner.training.errors import TrainingError
from planner.training.feedback import item_from
from planner.training.lessons import get_lesson
from planner.training.submissions import AnswerInput, answer_exercise
from planner.ui.runtime import error_text, hint, locale, plain, tr
from planner.ui.session import require_actor

ANSWERING = "exercise_answering"  # the exercise a trainee answers on Compose
LAST = "practice_last"  # the last answer handed in, shown with its checklist

MARKS = {1.0: "✅", 0.5: "⚠️", 0.0: "❌", None: "➖"}


def show_lesson(lesson_id: str) -> None:
    """A lesson's goals, worked example and do/don't (also used by the trainer page)."""
    lesson = get_lesson(lesson_id)
    if lesson is None:
        return
    lang = locale()
    st.markdown(f"**{plain(lesson.text('title', lang))}**")
    st.markdown(f"**{tr('training.goals')}**")
    st.markdown("\n".join(f"- {plain(g, starts_line=False)}" for g in lesson.text("goals", lang)))
    st.markdown(f"**{tr('training.example')}**")
    st.code(lesson.text("example", lang), language=None, wrap_lines=True)
    do_col, dont_col = st.columns(2)
    do_col.markdown(f"**✅ {tr('training.do')}**")
    do_col.markdown("\n".join(f"- {plain(g, starts_line=False)}" for g in lesson.text("do", lang)))
    dont_col.markdown(f"**❌ {tr('training.dont')}**")
    dont_col.markdown(
        "\n".join(f"- {plain(g, starts_line=False)}" for g in lesson.text("dont", lang))
    )
    if lesson.see_also:
        st.page_link(lesson.see_also, label=tr("training.see_dashboard"), icon="📊")


def show_checklist(row: TrainingSubmission) -> None:
    """The automatic checklist of one answer, each item with its advice, in the page language."""
    lang = locale()
    score = "–" if row.auto_score is None else f"{row.auto_score:.0f}"
    st.markdown(f"**{tr('training.auto_score', score=score)}**")
    for data in row.checklist:
        item = item_from(data)
        st.markdown(
            f"{MARKS.get(item.score, '⚠️')} **{plain(item.title(lang), starts_line=False)}** — "
            f"{plain(item.text(lang), starts_line=False)}"
        )


def training_accounts(exercise: TrainingExercise) -> list[Account]:
    """The training (sandbox) accounts of the exercise's platforms the person may practise on."""
    actor = require_actor()
    with session_scope() as session:
        return [
            a
            for a in active_accounts(session)
            if a.is_sandbox
            and a.platform in exercise.platforms
            and may_target(actor, Action.PRACTISE, a)
        ]


def hand_in(exercise_id: int, answer: AnswerInput) -> bool:
    """Hand the answer in; True when it was taken (its checklist is then shown)."""
    try:
        with session_scope() as session:
            row = answer_exercise(
                session, actor=require_actor(), exercise_id=exercise_id, answer=answer
            )
            st.session_state[LAST] = row.id
    except (TrainingError, PermissionDenied) as exc:
        st.error(error_text(exc))
        return False
    return True


def answering() -> TrainingExercise | None:
    """The exercise being answered on Compose, shown as a banner with a way out."""
    exercise_id = st.session_state.get(ANSWERING)
    if exercise_id is None:
        return None
    with session_scope() as session:
        exercise = session.get(TrainingExercise, exercise_id)
        if exercise is not None:
            session.expunge(exercise)
    if exercise is None or not exercise.active:
        st.session_state.pop(ANSWERING, None)
        return None
    st.info(
        tr("training.answering", title=plain(exercise.title, starts_line=False))
        + "\n\n📝 "
        + plain(exercise.brief, starts_line=False)
    )
    if st.button(tr("training.stop_answering"), key="stop_answering"):
        st.session_state.pop(ANSWERING, None)
        st.rerun()
    return exercise


def answer_from_compose(draft: Draft, exercise: TrainingExercise) -> None:
    """Hand in the draft on Compose (its texts, image, alt text and link) as the answer."""
    accounts = training_accounts(exercise)
    if not accounts:
        st.warning(tr("roles.no_sandbox_accounts"))
        return
    st.caption(tr("roles.sandbox_only"))
    chosen = st.multiselect(
        tr("training.accounts"),
        [a.id for a in accounts],
        default=[a.id for a in accounts],
        format_func=lambda i: next(f"{a.name} ({a.platform})" for a in accounts if a.id == i),
        placeholder=hint(accounts),
        key="answer_accounts",
    )
    if st.button(tr("training.submit"), type="primary", key="answer_submit"):
        texts = {
            p: st.session_state.get(f"text_{p}", draft.texts.get(p, "")) for p in exercise.platforms
        }
        answer = AnswerInput(
            texts=texts,
            account_ids=list(chosen),
            alt_text=st.session_state.get("alt_text", draft.alt_text),
            link=draft.link,
            media_asset_id=draft.media_asset_id,
            locale=locale(),
        )
        hand_in(exercise.id, answer)
    last_answer()


def last_answer() -> None:
    """The answer just handed in, with its automatic checklist."""
    last = st.session_state.get(LAST)
    if last is None:
        return
    with session_scope() as session:
        row = session.get(TrainingSubmission, last)
        if row is None:
            return
        session.expunge(row)
    st.success(tr("training.submitted"))
    show_checklist(row)
