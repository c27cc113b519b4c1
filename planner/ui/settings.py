"""Settings: where accounts and the brand kit are managed, and how this installation is set up.

Everything here comes from the environment (see the README's Configuration table), so the
page shows it read-only and says which variable to change.
"""

from __future__ import annotations

import streamlit as st

from planner.config import get_settings
from planner.db import describe_url
from planner.public_media import base_url_issue
from planner.ui.pages import offered
from planner.ui.runtime import LANGUAGE_NAMES, embedded_worker, tr


def page() -> None:
    settings = get_settings()
    st.header(tr("settings.header"))
    if not offered("planner/ui/settings.py"):
        st.info(tr("app.not_for_role"))
        return
    st.subheader(tr("settings.accounts"))
    st.page_link("planner/ui/accounts.py", label=tr("settings.accounts_link"), icon="🔑")
    st.page_link("planner/ui/brand.py", label=tr("settings.brand_link"), icon="🏷️")

    st.subheader(tr("settings.public_media"))
    issue = base_url_issue(settings)
    if issue and issue[0] != "unset":
        st.warning(tr(f"accounts.public_issue.{issue[0]}", **issue[1]))
    elif settings.public_media_base_url:
        st.success(
            tr(
                "settings.public_media_set",
                url=settings.public_media_base_url,
                folder=str(settings.public_dir),
            )
        )
    else:
        st.warning(tr("settings.public_media_unset", folder=str(settings.public_dir)))

    st.subheader(tr("settings.zone"))
    language = LANGUAGE_NAMES.get(settings.locale, settings.locale)
    st.write(f"{settings.timezone} · {tr('settings.default_language')}: {language}")
    st.subheader(tr("settings.database"))
    st.code(describe_url(settings.db_url))
    st.caption(tr("settings.data_dir", folder=str(settings.data_dir)))

    st.subheader(tr("settings.notifications"))
    channels = [
        name
        for name, on in (
            ("e-mail", settings.smtp_host and settings.notify_emails),
            ("webhook", settings.webhook_url),
        )
        if on
    ]
    inbox = tr("settings.channel_inbox")
    st.write(tr("settings.channels", channels=", ".join([inbox, *channels])))

    worker = embedded_worker()
    state = (
        tr("calendar.worker_on")
        if worker is not None and worker.alive
        else tr("calendar.worker_off")
    )
    st.caption(tr("calendar.worker", state=state))
    st.caption(tr("settings.env_hint"))


page()
