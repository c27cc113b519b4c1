"""Practice (trainees): read a lesson, answer an exercise into training accounts, see the
automatic checklist at once, and follow one's own progress and the trainer's comments."""

from __future__ import annotations

import streamlit as st

from planner.calendar import PLATFORM_ICONS
from planner.db import session_scope
from planner.imaging.sizes import SIZES
from planner.media import asset_path
from planner.models import MediaAsset, TrainingExercise, TrainingSubmission
from planner.people.roles import Action
from planner.training.exercises import active_exercises
from planner.training.lessons import load_lessons
from planner.training.progress import progress
from planner.training.submissions import AnswerInput
from planner.ui.runtime import hint, locale, plain, tr
from planner.ui.session import allowed, require_actor
from planner.ui.widgets.training import (
    ANSWERING,
    LAST,
    MARKS,
    hand_in,
    show_checklist,
    show_lesson,
    training_accounts,
)


def _lessons() -> None:
    lessons, _ = load_lessons()
    if not lessons:
        return
    with st.expander(tr("training.lessons"), expanded=False):
        chosen = st.selectbox(
            tr("training.lesson"),
            [lesson.id for lesson in lessons],
            format_func=lambda lid: next(x for x in lessons if x.id == lid).text("title", locale()),
            key="practice_lesson",
        )
        show_lesson(chosen)


def _image_spec(exercise: TrainingExercise) -> dict | None:
    with st.expander(tr("training.image"), expanded=True):
        make = st.checkbox(tr("training.make_image"), value="instagram" in exercise.platforms)
        sizes = list(SIZES)
        size = st.selectbox(tr("training.image_size"), sizes, format_func=lambda s: SIZES[s].label)
        title = st.text_input(tr("training.image_title"))
        date_col, time_col, place_col = st.columns(3)
        date = date_col.text_input(tr("training.image_date"))
        at = time_col.text_input(tr("training.image_time"))
        place = place_col.text_input(tr("training.image_place"))
    if not make or not title.strip():
        return None
    fields = {"title": title, "date": date, "time": at, "place": place}
    return {
        "layout": "event_poster",
        "size": size,
        "locale": locale(),
        "fields": {k: v for k, v in fields.items() if v.strip()},
    }


def _answer_form(exercise: TrainingExercise) -> None:
    accounts = training_accounts(exercise)
    if not accounts:
        st.warning(tr("roles.no_sandbox_accounts"))
        return
    st.caption(tr("roles.sandbox_only"))
    spec = _image_spec(exercise)
    with st.form(f"answer_{exercise.id}"):
        texts = {
            p: st.text_area(
                f"{PLATFORM_ICONS[p]} " + tr("compose.text_for", platform=tr(f"platform.{p}")),
                height=180,
                key=f"answer_text_{exercise.id}_{p}",
            )
            for p in exercise.platforms
        }
        alt_text = st.text_area(tr("compose.alt_text"), height=80, key=f"answer_alt_{exercise.id}")
        link = st.text_input(tr("compose.link"), key=f"answer_link_{exercise.id}")
        chosen = st.multiselect(
            tr("training.accounts"),
            [a.id for a in accounts],
            default=[a.id for a in accounts],
            format_func=lambda i: next(f"{a.name} ({a.platform})" for a in accounts if a.id == i),
            placeholder=hint(accounts),
        )
        sent = st.form_submit_button(tr("training.submit"), type="primary")
    if not sent:
        return
    answer = AnswerInput(
        texts=texts,
        account_ids=list(chosen),
        alt_text=alt_text,
        link=link,
        image_spec=spec,
        locale=locale(),
    )
    hand_in(exercise.id, answer)


def _last_answer() -> None:
    last = st.session_state.get(LAST)
    if last is None:
        return
    with session_scope() as session:
        row = session.get(TrainingSubmission, last)
        asset = session.get(MediaAsset, row.media_asset_id) if row and row.media_asset_id else None
        if row is None:
            return
        st.success(tr("training.submitted"))
        if asset is not None:
            st.image(
                str(asset_path(asset)),
                caption=row.alt_text or None,
                alt=row.alt_text or tr("training.image"),
                width=320,
            )
        show_checklist(row)


def _progress() -> None:
    actor = require_actor()
    with session_scope() as session:
        rows = progress(session, actor.id)
    st.subheader(tr("training.my_progress"))
    if not rows:
        st.info(tr("training.no_answers"))
        return
    table = [
        {
            tr("training.col.when"): r.submission.submitted_at.strftime("%Y-%m-%d %H:%M"),
            tr("training.col.exercise"): r.exercise,
            tr("training.col.auto"): r.submission.auto_score,
            tr("training.col.trainer"): r.submission.trainer_score,
            tr("training.col.state"): tr(f"training.state.{r.submission.state}"),
        }
        for r in rows
    ]
    st.dataframe(table, hide_index=True)
    for r in rows:
        name = plain(r.exercise, starts_line=False)
        if r.submission.trainer_comment:
            comment = plain(r.submission.trainer_comment, starts_line=False)
            st.markdown(f"💬 **{name}**: {comment}")
        for item in r.advice:
            advice = plain(item.text(locale()), starts_line=False)
            st.caption(f"{MARKS.get(item.score, '⚠️')} {name}: {advice}")


def page() -> None:
    st.header(tr("training.practice_header"))
    if not allowed(Action.PRACTISE):
        st.info(tr("app.not_for_role"))
        return
    _lessons()
    with session_scope() as session:
        exercises = active_exercises(session)
        for e in exercises:
            session.expunge(e)
    if not exercises:
        st.info(tr("training.no_exercises"))
    else:
        chosen = st.selectbox(
            tr("training.exercise"),
            [e.id for e in exercises],
            format_func=lambda i: next(e.title for e in exercises if e.id == i),
            key="practice_exercise",
        )
        exercise = next(e for e in exercises if e.id == chosen)
        st.markdown(f"📝 {plain(exercise.brief, starts_line=False)}")
        st.caption(
            tr(
                "training.platforms",
                platforms=", ".join(tr(f"platform.{p}") for p in exercise.platforms),
            )
        )
        # The real compose page and its image (templates, studio renders, the media library);
        # the short form below is for a quick text-only try.
        if st.button(tr("training.answer_in_compose"), type="primary", key="answer_in_compose"):
            st.session_state[ANSWERING] = exercise.id
            st.session_state.pop(LAST, None)
            st.switch_page("planner/ui/compose.py")
        with st.expander(tr("training.quick_answer")):
            _answer_form(exercise)
        _last_answer()
    _progress()


page()
