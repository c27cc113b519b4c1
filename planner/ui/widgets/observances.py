"""Observances on the calendar page: the marks on each day, the nudges with their one-click
draft, and the form for the library's own days (planner/observances/)."""

from __future__ import annotations

from datetime import date, datetime, time

import streamlit as st

from planner.config import get_settings
from planner.db import read_scope, session_scope
from planner.i18n import format_date, format_month
from planner.observances.days import (
    MANAGE,
    ObservanceProblem,
    Occurrence,
    add_library_day,
    all_days,
    library_days,
    occurrences,
    on_days,
    remove_library_day,
)
from planner.observances.nudges import Nudge, draft_for, nudges
from planner.people.roles import Action, PermissionDenied
from planner.templates.store import catalog
from planner.ui.runtime import error_text, locale, plain, tr
from planner.ui.session import allowed, current_actor

ICONS = {"national": "🇮🇩", "library": "🏛️"}


def _date_text(day: date) -> str:
    return format_date(
        datetime.combine(day, time(12), get_settings().tz), get_settings().tz, locale()
    )


def mark_text(occ: Occurrence) -> str:
    """An observance as a day's caption: flag, name, and "all month" for a whole month."""
    extra = f" ({tr('observances.whole_month')})" if occ.whole_month else ""
    return f"{ICONS.get(occ.day.origin, '•')} {plain(occ.day.title(locale()))}{extra}"


def marks(days: list[date]) -> dict[date, list[str]]:
    """The captions to show under each of `days` (none while the data file is broken: the
    nudges above say why)."""
    try:
        with read_scope() as session:
            found = occurrences(all_days(session), days[0], days[-1])
    except ObservanceProblem:
        return {}
    return {day: [mark_text(o) for o in occs] for day, occs in on_days(found, days).items()}


def _draft(nudge: Nudge) -> None:
    name = nudge.occurrence.day.title(locale())
    try:
        with session_scope() as session:
            post = draft_for(
                session,
                current_actor(),
                nudge.occurrence.day,
                year=nudge.occurrence.start.year,
                locale=get_settings().locale,
            )
            post_id, title = post.id, post.title
    except (ObservanceProblem, PermissionDenied, ValueError) as exc:
        st.session_state.setdefault("post_flash", []).append(("error", error_text(exc)))
        return
    st.session_state.setdefault("post_flash", []).append(
        ("success", tr("observances.drafted", title=title, name=name))
    )
    st.session_state["open_post"] = post_id


def show_nudges() -> None:
    """A notice per observance coming up with no post, with a button that drafts it."""
    if not (allowed(Action.VIEW_ALL_POSTS) and allowed(Action.DRAFT_POST)):
        return
    try:
        with read_scope() as session:
            found = nudges(session)
    except ObservanceProblem as exc:  # the data file is broken: say where, keep the calendar
        st.error(error_text(exc))
        return
    for nudge in found:
        occ = nudge.occurrence
        name = plain(occ.day.title(locale()))
        key = "observances.nudge_today" if nudge.days_left == 0 else "observances.nudge"
        with st.container(border=True, key=f"nudge_{nudge.key}_{occ.start.year}"):
            st.info(tr(key, name=name, days=nudge.days_left, date=_date_text(occ.start)), icon="📅")
            st.button(
                tr("observances.draft", name=name),
                key=f"nudge_draft_{nudge.key}_{occ.start.year}",
                help=tr("observances.draft_help", template=occ.day.template),
                on_click=_draft,
                args=(nudge,),
            )


def _month_name(month: int) -> str:
    return format_month(2000, month, locale()).rsplit(" ", 1)[0]


def _add() -> None:
    state = st.session_state
    since = state.get("obs_since")
    try:
        with session_scope() as session:
            add_library_day(
                session,
                current_actor(),
                name_id=state.get("obs_name_id", ""),
                name_en=state.get("obs_name_en", ""),
                month=int(state["obs_month"]),
                day=int(state["obs_day"]),
                since_year=int(since) if since else None,
                template_id=state["obs_template"],
                message=state.get("obs_message", ""),
            )
    except (ObservanceProblem, PermissionDenied) as exc:
        st.session_state["obs_flash"] = ("error", error_text(exc))
        return
    name = state.get("obs_name_id", "")
    st.session_state["obs_flash"] = ("success", tr("observances.added", name=plain(name)))
    for field in ("obs_name_id", "obs_name_en", "obs_message"):
        state[field] = ""


def _remove(key: str, name: str) -> None:
    try:
        with session_scope() as session:
            remove_library_day(session, current_actor(), key)
    except (ObservanceProblem, PermissionDenied) as exc:
        st.session_state["obs_flash"] = ("error", error_text(exc))
        return
    st.session_state["obs_flash"] = ("success", tr("observances.removed", name=plain(name)))


def manage_library_days() -> None:
    """The library's own days, with a form to add one (for those who keep the library's data)."""
    if not allowed(MANAGE):
        return
    with st.expander(tr("observances.manage")):
        st.caption(tr("observances.manage_help"))
        if flash := st.session_state.pop("obs_flash", None):
            getattr(st, flash[0])(flash[1])
        with read_scope() as session:
            days = library_days(session)
            services = catalog(session).of_kind("service")
        if not days:
            st.caption(tr("observances.none"))
        for day in days:
            when = f"{day.day} {_month_name(day.month)}"
            cols = st.columns([3, 1])
            cols[0].markdown(
                f"{ICONS['library']} **{plain(day.title(locale()))}** — "
                f"{tr('observances.every_year', date=when)}"
            )
            cols[1].button(
                tr("observances.remove", name=plain(day.title(locale()))),
                key=f"obs_remove_{day.key}",
                on_click=_remove,
                args=(day.key, day.title(locale())),
            )
        with st.form("obs_add", clear_on_submit=False, border=False):
            st.text_input(tr("observances.name_id"), key="obs_name_id")
            st.text_input(tr("observances.name_en"), key="obs_name_en")
            cols = st.columns(3)
            cols[0].number_input(tr("observances.day"), 1, 31, 1, key="obs_day")
            cols[1].selectbox(
                tr("observances.month"), range(1, 13), format_func=_month_name, key="obs_month"
            )
            cols[2].number_input(
                tr("observances.since"), 1000, date.today().year, None, key="obs_since"
            )
            names = {tid: tpl.title(locale()) for tid, tpl in services.items()}
            default = (
                list(names).index("library-anniversary") if "library-anniversary" in names else 0
            )
            st.selectbox(
                tr("observances.template"), list(names), default, format_func=names.get,
                key="obs_template",
            )  # fmt: skip
            st.text_area(tr("observances.message"), key="obs_message")
            st.form_submit_button(tr("observances.add"), on_click=_add)
