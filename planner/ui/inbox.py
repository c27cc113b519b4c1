"""Inbox: failures, unclear outcomes, missed posts and reconnect requests, in the reader's
language, with the post one click away. It draws again by itself when something changes
(planner/ui/widgets/live.py), so a failure shows within seconds."""

from __future__ import annotations

import streamlit as st

from planner.config import get_settings
from planner.db import read_scope, session_scope
from planner.i18n import format_datetime
from planner.notify import inbox, mark_read, show, unread_count
from planner.people.roles import Action
from planner.ui.runtime import locale, plain, tr
from planner.ui.session import allowed, current_actor
from planner.ui.widgets import live

ICONS = {"info": "ℹ️", "warning": "⚠️", "error": "⛔"}


def _open_post(post_id: int) -> None:
    st.session_state["open_post"] = post_id


def page() -> None:
    settings = get_settings()
    st.header(tr("inbox.header"))
    if not allowed(Action.READ_INBOX):
        st.info(tr("app.not_for_role"))
        return
    live.drawn_with()
    with read_scope() as session:
        unread = unread_count(session)
    top = st.columns([2, 1])
    top[0].caption(tr("inbox.unread", n=unread))
    if top[1].button(tr("inbox.mark_all"), key="mark_all", disabled=not unread):
        with session_scope() as session:
            mark_read(session, actor=current_actor())
        st.rerun()
    unread_only = st.toggle(tr("inbox.unread_only"), value=True, key="unread_only")
    with read_scope() as session:
        notes = inbox(session, unread_only=unread_only)
    live.follow()
    if not notes:
        st.info(tr("inbox.empty"))
        return
    for note in notes:
        with st.container(border=True):
            text = plain(show(note, locale(), settings.tz))
            st.markdown(
                f"{ICONS.get(note.level, '•')} {'**' if note.read_at is None else ''}"
                f"{text}{'**' if note.read_at is None else ''}"
            )
            st.caption(format_datetime(note.created_at, settings.tz, locale()))
            cols = st.columns(2)
            if note.post_id is not None and cols[0].button(
                tr("inbox.open_post", post_id=note.post_id),
                key=f"open_{note.id}",
                on_click=_open_post,
                args=(note.post_id,),
            ):
                st.switch_page("planner/ui/calendar.py")
            if note.read_at is None and cols[1].button(
                tr("inbox.mark_read"), key=f"read_{note.id}"
            ):
                with session_scope() as session:
                    mark_read(session, [note.id], actor=current_actor())
                st.rerun()


page()
