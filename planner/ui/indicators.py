"""Programme indicators: staff record service use, attendance and feedback; managers read them.

Every save goes through planner/evaluation/indicators (the same services as the command
line); the overview is the read-only widget the dashboard also shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.evaluation.indicators.attendance import events_in, set_attendance
from planner.evaluation.indicators.errors import IndicatorError
from planner.evaluation.indicators.feedback import (
    SENTIMENTS,
    SOURCES,
    FeedbackIn,
    add_feedback,
    delete_feedback,
    list_feedback,
    local_today,
)
from planner.evaluation.indicators.imports import import_feedback, import_service_months
from planner.evaluation.indicators.service_use import (
    ServiceFigures,
    recent_service_months,
    service_months,
    set_service_month,
)
from planner.evaluation.period import Period, month_period, months_back, this_month
from planner.i18n import format_date
from planner.importing.report import ImportFileError, ImportReport
from planner.limits import IMPORT_UPLOAD_MB, MB
from planner.people.roles import Action, PermissionDenied
from planner.ui.pages import offered
from planner.ui.runtime import error_text, locale, plain, tr
from planner.ui.session import allowed, current_actor
from planner.ui.widgets.indicators import column, month_label, render_indicators, source_label

PAGE = "planner/ui/indicators.py"
REFUSALS = (IndicatorError, PermissionDenied, ImportFileError)


def _flash(kind: str, text: str) -> None:
    """A message that survives the rerun after a save."""
    st.session_state["indicators_flash"] = (kind, text)


def _show_flash() -> None:
    if flash := st.session_state.pop("indicators_flash", None):
        kind, text = flash
        (st.success if kind == "ok" else st.info)(text)


def _month_picker() -> Period:
    zone = get_settings().timezone
    now = datetime.now(UTC)
    current = this_month(now, zone).month
    options = list(reversed(months_back(current, 24)))
    month = st.selectbox(
        tr("indicators.month"), options, format_func=month_label, key="indicators_month"
    )
    return month_period(month, zone)


def _show_report(report: ImportReport) -> None:
    counts = report.counts
    for box, status in zip(st.columns(len(counts)), counts, strict=True):
        box.metric(tr(f"sources.status_{status}"), counts[status])
    rows = report.as_dict(locale())["rows"]
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("sources.row"): r["row"],
                    "Status": tr(f"sources.status_{r['status']}"),
                    column("month") if report.kind == "service" else column("text"): r["title"],
                    tr("sources.reason"): r["reason"],
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )


def _import_box(kind: str) -> None:
    """Upload, import, and the per-row report (kept until the next import of this kind)."""
    with st.expander(tr("indicators.import.title")):
        st.caption(tr(f"indicators.import.help_{kind}"))
        upload = st.file_uploader(
            tr("indicators.import.file"),
            type=["csv", "txt"],
            key=f"indicators_upload_{kind}",
            max_upload_size=IMPORT_UPLOAD_MB,
        )
        if upload is not None and st.button(tr("indicators.import.run"), key=f"import_{kind}"):
            data = upload.getvalue()
            importer = import_service_months if kind == "service" else import_feedback
            if len(data) > IMPORT_UPLOAD_MB * MB:
                st.error(tr("media.too_big", mb=IMPORT_UPLOAD_MB))
            else:
                try:
                    with session_scope() as session:
                        report = importer(
                            session, data, upload.name, get_settings().tz, actor=current_actor()
                        )
                    st.session_state[f"indicators_report_{kind}"] = report
                except REFUSALS as exc:
                    st.session_state.pop(f"indicators_report_{kind}", None)
                    st.error(error_text(exc))
        if report := st.session_state.get(f"indicators_report_{kind}"):
            _show_report(report)


def _service_tab(period: Period) -> None:
    month = period.month
    with session_scope() as session:
        stored = service_months(session, [month]).get(month)
    with st.form(f"service_form_{month}"):
        st.markdown(f"**{tr('indicators.service.form', month=month_label(month))}**")
        st.caption(tr("indicators.service.help"))
        values = {
            name: st.number_input(
                column(name),
                min_value=0,
                step=1,
                value=getattr(stored, name) if stored else None,
                key=f"service_{name}_{month}",
            )
            for name in ("visits", "loans", "new_members")
        }
        note = st.text_input(
            tr("indicators.service.note"),
            value=stored.note if stored else "",
            key=f"service_note_{month}",
        )
        if st.form_submit_button(tr("indicators.service.save"), type="primary"):
            figures = ServiceFigures(month, note=note.strip() or None, **values)
            try:
                with session_scope() as session:
                    _, status = set_service_month(
                        session, figures, actor=current_actor(), zone=get_settings().tz
                    )
                kind = "info" if status == "unchanged" else "ok"
                key = "unchanged" if status == "unchanged" else "saved"
                _flash(kind, tr(f"indicators.service.{key}", month=month_label(month)))
                st.rerun()
            except REFUSALS as exc:
                st.error(error_text(exc))
    _import_box("service")
    with session_scope() as session:
        recent = recent_service_months(session)
    if recent:
        st.markdown(f"**{tr('indicators.service.recent')}**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        column("month"): month_label(r.month),
                        column("visits"): r.visits,
                        column("loans"): r.loans,
                        column("new_members"): r.new_members,
                        column("note"): r.note,
                    }
                    for r in recent
                ]
            ),
            hide_index=True,
        )


def _attendance_tab(period: Period) -> None:
    now = datetime.now(UTC)
    tz = get_settings().tz
    with session_scope() as session:
        events = [e for e in events_in(session, period) if e.starts_at <= now]
    if not events:
        st.info(tr("indicators.attendance.none"))
        return
    by_id = {e.id: e for e in events}
    event_id = st.selectbox(
        tr("indicators.attendance.event"),
        list(by_id),
        format_func=lambda i: plain(
            f"{by_id[i].title} · {format_date(by_id[i].starts_at, tz, locale())}"
        ),
        key="attendance_event",
    )
    people = st.number_input(
        tr("indicators.attendance.people"),
        min_value=0,
        step=1,
        value=by_id[event_id].attendance,
        key=f"attendance_people_{event_id}",
        help=tr("indicators.attendance.help"),
    )
    if st.button(tr("indicators.attendance.save"), type="primary", key="attendance_save"):
        try:
            with session_scope() as session:
                event = set_attendance(session, event_id, people, actor=current_actor())
            _flash("ok", tr("indicators.attendance.saved", title=event.title))
            st.rerun()
        except REFUSALS as exc:
            st.error(error_text(exc))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    column("event"): e.title,
                    column("date"): format_date(e.starts_at, tz, locale()),
                    column("attendance"): e.attendance,
                }
                for e in events
            ]
        ),
        hide_index=True,
    )


def _feedback_form() -> None:
    today = local_today(datetime.now(UTC), get_settings().tz)
    with st.form("feedback_form", clear_on_submit=True):
        st.markdown(f"**{tr('indicators.feedback.add')}**")
        left, middle, right = st.columns(3)
        noted_on = left.date_input(
            tr("indicators.feedback.date"), value=today, max_value=today, key="feedback_date"
        )
        source = middle.selectbox(
            tr("indicators.feedback.source"),
            SOURCES,
            format_func=source_label,
            key="feedback_source",
        )
        sentiment = right.radio(
            tr("indicators.feedback.sentiment"),
            SENTIMENTS,
            index=1,
            format_func=lambda s: tr(f"indicators.sentiment.{s}"),
            horizontal=True,
            key="feedback_sentiment",
        )
        text = st.text_area(tr("indicators.feedback.text"), key="feedback_text")
        if st.form_submit_button(tr("indicators.feedback.save"), type="primary"):
            try:
                with session_scope() as session:
                    add_feedback(
                        session,
                        FeedbackIn(noted_on, sentiment, text, source),
                        actor=current_actor(),
                    )
                _flash("ok", tr("indicators.feedback.saved"))
                st.rerun()
            except REFUSALS as exc:
                st.error(error_text(exc))


def _feedback_list(period: Period) -> None:
    st.markdown(f"**{tr('indicators.feedback.list', month=month_label(period.month))}**")
    with session_scope() as session:
        notes = list_feedback(session, period.first, period.last)
    if not notes:
        st.info(tr("indicators.feedback.none"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    column("id"): n.id,
                    column("date"): n.noted_on.isoformat(),
                    column("sentiment"): tr(f"indicators.sentiment.{n.sentiment}"),
                    column("source"): source_label(n.source),
                    column("text"): n.text,
                }
                for n in notes
            ]
        ),
        hide_index=True,
    )
    by_id = {n.id: n for n in notes}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    pick = left.selectbox(
        tr("indicators.feedback.delete_pick"),
        list(by_id),
        format_func=lambda i: plain(f"#{i} · {by_id[i].text[:60]}"),
        key="feedback_delete_pick",
    )
    if right.button(tr("indicators.feedback.delete"), key="feedback_delete"):
        try:
            with session_scope() as session:
                delete_feedback(session, pick, actor=current_actor())
            _flash("ok", tr("indicators.feedback.deleted", id=pick))
            st.rerun()
        except REFUSALS as exc:
            st.error(error_text(exc))


def _feedback_tab(period: Period) -> None:
    _feedback_form()
    _feedback_list(period)
    _import_box("feedback")


def page() -> None:
    st.header(tr("indicators.header"))
    if not offered(PAGE):
        st.info(tr("app.not_for_role"))
        return
    _show_flash()
    period = _month_picker()
    # Managers (and everyone who reads the dashboard) first see the views; recorders the forms.
    sections: list[tuple[str, Callable[[Period], object]]] = []
    if allowed(Action.VIEW_DASHBOARD):
        sections.append(("overview", lambda p: render_indicators(p, key="indicators_page")))
    if allowed(Action.RECORD_INDICATORS):
        sections += [
            ("service", _service_tab),
            ("attendance", _attendance_tab),
            ("feedback", _feedback_tab),
        ]
    tabs = st.tabs([tr(f"indicators.tab.{name}") for name, _ in sections])
    for tab, (_, draw) in zip(tabs, sections, strict=True):
        with tab:
            draw(period)


page()
