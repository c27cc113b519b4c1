"""Calendar & queue: what is due next, what went out, and cancelling."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import format_datetime
from planner.scheduling import SchedulingError, cancel_post, recent, upcoming
from planner.ui.runtime import embedded_worker, locale, status_label, tr


def _rows(rows) -> pd.DataFrame:
    tz = get_settings().tz
    return pd.DataFrame(
        [
            {
                "#": post.id,
                tr("compose.date"): format_datetime(
                    target.published_at or target.due_at, tz, locale()
                ),
                "Platform": tr(f"platform.{target.platform}"),
                tr("compose.accounts"): account.name,
                "Status": status_label(target.status),
                tr("compose.template"): post.title,
            }
            for target, post, account in rows
        ]
    )


@st.fragment(run_every=3)
def live_tables() -> None:
    """Refreshes by itself so a person can watch the worker publish."""
    worker = embedded_worker()
    state = (
        tr("calendar.worker_on")
        if worker is not None and worker.alive
        else tr("calendar.worker_off")
    )
    st.caption(tr("calendar.worker", state=state))
    with session_scope() as session:
        queued = upcoming(session, 50)
        done = recent(session, 20)
    st.subheader(tr("calendar.queue"))
    if queued:
        st.dataframe(_rows(queued), hide_index=True, width="stretch")
    else:
        st.info(tr("common.none"))
    st.subheader(tr("calendar.recent"))
    if done:
        st.dataframe(_rows(done), hide_index=True, width="stretch", key="recent_table")
    else:
        st.info(tr("common.none"))


def cancel_form() -> None:
    with session_scope() as session:
        queued = upcoming(session, 200)
    post_ids = sorted({post.id for _, post, _ in queued})
    if not post_ids:
        return
    with st.form("cancel_form"):
        post_id = st.selectbox(tr("calendar.cancel"), post_ids, format_func=lambda i: f"#{i}")
        if st.form_submit_button(tr("calendar.cancel")):
            try:
                with session_scope() as session:
                    cancel_post(session, post_id)
                st.success(tr("calendar.cancelled", post_id=post_id))
            except SchedulingError as exc:
                st.error(str(exc))


def page() -> None:
    st.header(tr("calendar.header"))
    live_tables()
    cancel_form()


page()
