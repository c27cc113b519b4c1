"""Settings: a link to the Accounts page, time zone, database."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import make_url

from planner.config import get_settings
from planner.ui.runtime import embedded_worker, tr


def page() -> None:
    settings = get_settings()
    st.header(tr("settings.header"))
    st.subheader(tr("settings.accounts"))
    st.page_link("planner/ui/accounts.py", label=tr("settings.accounts_link"), icon="🔑")
    st.subheader(tr("settings.zone"))
    st.write(settings.timezone)
    st.subheader(tr("settings.database"))
    st.code(make_url(settings.db_url).render_as_string(hide_password=True))
    worker = embedded_worker()
    state = (
        tr("calendar.worker_on")
        if worker is not None and worker.alive
        else tr("calendar.worker_off")
    )
    st.caption(tr("calendar.worker", state=state))


page()
