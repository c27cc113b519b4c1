"""Training (trainers): answers waiting with their previews and checklist, scoring, returning
or promoting them; sessions and attendance; what the group still gets wrong; lessons; export."""

from __future__ import annotations

from datetime import datetime, time

import streamlit as st

from planner.accounts import active_accounts
from planner.config import get_settings
from planner.db import session_scope
from planner.evaluation.period import PeriodError, month_period
from planner.media import asset_path
from planner.models import MediaAsset, TrainingExercise, TrainingSubmission, User
from planner.people.roles import Action, PermissionDenied
from planner.previews import build_preview, preview_html
from planner.review.errors import ReviewError
from planner.training.certificate import certificate_pdf
from planner.training.errors import TrainingError
from planner.training.exercises import active_exercises, exercise_from_lesson
from planner.training.lessons import LessonProblem, lesson_source, load_lessons, save_lesson
from planner.training.progress import item_averages
from planner.training.sessions import (
    Person,
    SessionInput,
    add_session,
    all_sessions,
    attendee_name,
    attendees,
    export_csv,
    people_to_invite,
)
from planner.training.submissions import (
    open_answers,
    promote_answer,
    return_answer,
    score_answer,
)
from planner.ui.runtime import error_text, hint, locale, plain, tr
from planner.ui.session import allowed, require_actor
from planner.ui.widgets.training import show_checklist

FAILURES = (TrainingError, PermissionDenied, ReviewError, LessonProblem, ValueError)


def _run(call, **kwargs) -> bool:
    """Call a training service as the signed-in trainer; a refusal is shown, not raised."""
    try:
        with session_scope() as session:
            call(session, actor=require_actor(), **kwargs)
        return True
    except FAILURES as exc:
        st.error(error_text(exc))
        return False


def _previews(row: TrainingSubmission, asset: MediaAsset | None, who: str) -> None:
    size = (asset.width, asset.height) if asset is not None else None
    columns = st.columns(len(row.texts) or 1)
    for column, (platform, text) in zip(columns, row.texts.items(), strict=False):
        preview = build_preview(platform, text, image_size=size, locale=locale())
        column.html(
            preview_html(
                preview,
                account=who,
                image=asset_path(asset) if asset is not None else None,
                alt_text=row.alt_text,
            )
        )


def _review(row: TrainingSubmission, exercise: TrainingExercise, trainee: str, asset) -> None:
    sid = row.id
    st.markdown(f"📝 {plain(exercise.brief, starts_line=False)}")
    _previews(row, asset, trainee)
    st.caption(f"{tr('compose.alt_text')}: {plain(row.alt_text or '–', starts_line=False)}")
    show_checklist(row)
    score = st.number_input(tr("training.your_score"), 0, 100, value=80, key=f"score_{sid}")
    comment = st.text_area(tr("training.comment"), key=f"comment_{sid}")
    save_col, back_col = st.columns(2)
    if save_col.button(tr("training.save_score"), key=f"save_{sid}", type="primary") and _run(
        score_answer, submission_id=sid, score=int(score), comment=comment
    ):
        st.session_state["trainer_flash"] = tr("training.scored")
        st.session_state["trainer_last"] = sid
        st.rerun()
    if back_col.button(tr("training.return"), key=f"return_{sid}") and _run(
        return_answer, submission_id=sid, comment=comment, score=int(score)
    ):
        st.session_state["trainer_flash"] = tr("training.returned")
        st.rerun()
    with session_scope() as session:
        live = [a for a in active_accounts(session) if not a.is_sandbox and a.platform in row.texts]
    if live:
        chosen = st.multiselect(
            tr("training.promote_accounts"),
            [a.id for a in live],
            format_func=lambda i: next(f"{a.name} ({a.platform})" for a in live if a.id == i),
            key=f"promote_to_{sid}",
            placeholder=hint(live),
        )
        if st.button(tr("training.promote"), key=f"promote_{sid}") and _run(
            promote_answer, submission_id=sid, account_ids=list(chosen)
        ):
            st.session_state["trainer_flash"] = tr("training.promoted")
            st.rerun()


def _open_answers() -> list[tuple]:
    """The answers to show with their exercise, trainee name and image, read in one go (the
    buttons below write in their own transaction, which SQLite would make wait for this one)."""
    found = []
    with session_scope() as session:
        for row in open_answers(session):
            exercise = session.get(TrainingExercise, row.exercise_id)
            user = session.get(User, row.trainee_id)
            asset = session.get(MediaAsset, row.media_asset_id) if row.media_asset_id else None
            who = (user.display_name or user.username) if user else "?"
            for obj in (row, exercise, asset):
                if obj is not None:
                    session.expunge(obj)
            found.append((row, exercise, who, asset))
    return found


def _waiting() -> None:
    rows = _open_answers()
    if not rows:
        st.info(tr("training.nothing_waiting"))
    for row, exercise, who, asset in rows:
        state = tr(f"training.state.{row.state}")
        title = f"{who} — {exercise.title if exercise else ''} (#{row.id}, {state})"
        # Waiting answers are open; so is the one just scored, ready to be promoted.
        opened = row.state == "submitted" or row.id == st.session_state.get("trainer_last")
        with st.expander(plain(title), expanded=opened):
            _review(row, exercise, who, asset)


def _overview() -> None:
    with session_scope() as session:
        averages = item_averages(session)
        sessions = all_sessions(session)
        rows = []
        for s in sessions:
            people = attendees(session, s.id)
            came = [attendee_name(session, p) for p in people if p.attended]
            rows.append(
                {
                    tr("training.col.when"): s.starts_at.astimezone(get_settings().tz).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                    tr("training.col.topic"): s.topic,
                    tr("training.col.attended"): f"{len(came)}/{len(people)}",
                    tr("training.col.who"): ", ".join(came),
                }
            )
    st.subheader(tr("training.group_scores"))
    if averages:
        st.dataframe(
            [
                {
                    tr("training.col.item"): tr(f"training.item.{code}"),
                    tr("training.col.average"): avg,
                    tr("training.col.answers"): n,
                }
                for code, (avg, n) in sorted(averages.items(), key=lambda kv: kv[1][0])
            ],
            hide_index=True,
        )
    else:
        st.info(tr("training.no_answers"))
    st.subheader(tr("training.sessions"))
    if rows:
        st.dataframe(rows, hide_index=True)
    else:
        st.info(tr("training.no_sessions"))


def _session_form() -> None:
    lessons, _ = load_lessons()
    with session_scope() as session:
        users = people_to_invite(session)
        exercises = {e.id: e.title for e in active_exercises(session)}
    with st.form("training_session"):
        day_col, time_col = st.columns(2)
        day = day_col.date_input(tr("training.session_day"), format="DD/MM/YYYY")
        at = time_col.time_input(tr("training.session_time"), value=time(9))
        topic = st.text_input(tr("training.col.topic"))
        place = st.text_input(tr("training.session_place"))
        covered = st.multiselect(
            tr("training.lessons"),
            [x.id for x in lessons],
            format_func=lambda i: next(x.text("title", locale()) for x in lessons if x.id == i),
            placeholder=hint(lessons),
        )
        people = st.multiselect(
            tr("training.attendees"), list(users), format_func=users.get, placeholder=hint(users)
        )
        outsiders = st.text_area(tr("training.outsiders"), help=tr("compose.one_per_line"))
        assigned = st.multiselect(
            tr("training.exercises"),
            list(exercises),
            format_func=exercises.get,
            placeholder=hint(exercises),
        )
        sent = st.form_submit_button(tr("training.add_session"), type="primary")
    if not sent:
        return
    persons = [Person(user_id=i) for i in people] + [
        Person(name=line.strip()) for line in outsiders.splitlines() if line.strip()
    ]
    data = SessionInput(
        starts_at=datetime.combine(day, at, tzinfo=get_settings().tz),
        topic=topic,
        place=place,
        lessons=list(covered),
        attendees=persons,
        exercise_ids=list(assigned),
    )
    if _run(add_session, data=data):
        st.success(tr("training.session_added"))


def _lessons_editor() -> None:
    lessons, problems = load_lessons()
    for problem in problems:
        st.error(plain(str(problem)))
    chosen = st.selectbox(
        tr("training.lesson"),
        [x.id for x in lessons],
        format_func=lambda i: next(x.text("title", locale()) for x in lessons if x.id == i),
        key="trainer_lesson",
    )
    lesson = next((x for x in lessons if x.id == chosen), None)
    source = lesson_source(lesson) if lesson else ""
    content = st.text_area(
        tr("training.lesson_yaml"), value=source, height=400, key=f"yaml_{chosen}"
    )
    save_col, exercise_col = st.columns(2)
    if save_col.button(tr("training.save_lesson"), type="primary") and _run(
        save_lesson, content=content
    ):
        st.success(tr("training.lesson_saved"))
    if (
        lesson
        and exercise_col.button(tr("training.make_exercise"))
        and _run(exercise_from_lesson, lesson=lesson, locale=locale())
    ):
        st.success(tr("training.exercise_made"))


def _certificates() -> None:
    st.subheader(tr("training.certificates"))
    with session_scope() as session:
        choices = {
            (s.id, p.id): f"{s.starts_at:%Y-%m-%d} · {s.topic} — {attendee_name(session, p)}"
            for s in all_sessions(session)
            for p in attendees(session, s.id)
            if p.attended
        }
    if not choices:
        st.info(tr("training.no_sessions"))
        return
    chosen = st.selectbox(tr("training.cert.person"), list(choices), format_func=choices.get)
    try:
        with session_scope() as session:
            pdf = certificate_pdf(session, chosen[1], locale())
    except TrainingError as exc:
        st.error(error_text(exc))
        return
    st.download_button(
        tr("training.cert.download"),
        data=pdf,
        file_name=f"sertifikat-{chosen[0]}-{chosen[1]}.pdf",
        mime="application/pdf",
    )


def _export() -> None:
    month = st.text_input(
        tr("training.month"), value=datetime.now(get_settings().tz).strftime("%Y-%m")
    )
    try:
        period = month_period(month)
    except PeriodError:
        st.error(tr("training.error.bad_month"))
        return
    with session_scope() as session:
        data = export_csv(session, period.start, period.end)
    st.download_button(
        tr("training.download_csv"),
        data=data.encode("utf-8"),
        file_name=f"pelatihan-{month}.csv",
        mime="text/csv",
    )


def page() -> None:
    st.header(tr("training.trainer_header"))
    if not allowed(Action.TRAIN):
        st.info(tr("app.not_for_role"))
        return
    if flash := st.session_state.pop("trainer_flash", None):
        st.success(flash)
    tabs = st.tabs(
        [
            tr("training.tab.waiting"),
            tr("training.tab.overview"),
            tr("training.tab.sessions"),
            tr("training.tab.lessons"),
            tr("training.tab.export"),
        ]
    )
    with tabs[0]:
        _waiting()
    with tabs[1]:
        _overview()
    with tabs[2]:
        _session_form()
    with tabs[3]:
        _lessons_editor()
    with tabs[4]:
        _export()
        _certificates()


page()
