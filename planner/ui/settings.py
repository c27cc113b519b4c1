"""Settings: accounts (Sandbox ones clearly marked), time zone, database."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import make_url
from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.models import Account
from planner.ui.runtime import embedded_worker, tr


def page() -> None:
    settings = get_settings()
    st.header(tr("settings.header"))
    st.subheader(tr("settings.accounts"))
    with session_scope() as session:
        accounts = session.exec(select(Account).order_by(Account.platform, Account.id)).all()
    for account in accounts:
        badge = f"🧪 **{tr('common.sandbox')}** · " if account.is_sandbox else ""
        st.markdown(
            f"{badge}{tr(f'platform.{account.platform}')} — {account.name} (`{account.status}`)"
        )
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
