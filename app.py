"""Streamlit entry point: database check, embedded worker, sign-in gate, language, navigation."""

import streamlit as st

from planner.ui.runtime import embedded_worker, ensure_database, language_switch, tr
from planner.ui.second_factor import enrol_gate
from planner.ui.session import Action, allowed
from planner.ui.signin import (
    account_box,
    remember_locale,
    sign_in_page,
    signed_in_actor,
    sync_browser,
)

st.set_page_config(page_title="Planner · Perpustakaan", page_icon="📚", layout="wide")
ensure_database()
embedded_worker()
actor = signed_in_actor()
language_switch(on_change=remember_locale)
if actor is None:
    sign_in_page()
    st.stop()
sync_browser()
account_box(actor)
if not enrol_gate(actor):  # the policy requires a second factor this person has not set up
    st.stop()
st.navigation(
    {
        tr("nav.section.content"): [
            st.Page("planner/ui/compose.py", title=tr("nav.compose"), icon="✍️", default=True),
            st.Page("planner/ui/sources.py", title=tr("nav.sources"), icon="📚"),
            st.Page("planner/ui/templates.py", title=tr("nav.templates"), icon="🧩"),
            st.Page("planner/ui/studio.py", title=tr("nav.studio"), icon="🎨"),
            st.Page("planner/ui/media.py", title=tr("nav.media"), icon="🖼️"),
        ],
        tr("nav.section.publishing"): [
            st.Page("planner/ui/calendar.py", title=tr("nav.calendar"), icon="🗓️"),
            st.Page("planner/ui/planning.py", title=tr("nav.planning"), icon="🔁"),
            st.Page("planner/ui/inbox.py", title=tr("nav.inbox"), icon="📥"),
        ],
        tr("nav.section.results"): [
            st.Page("planner/ui/dashboard.py", title=tr("nav.dashboard"), icon="📊"),
        ],
        tr("nav.section.setup"): [
            st.Page("planner/ui/accounts.py", title=tr("nav.accounts"), icon="🔑"),
            st.Page("planner/ui/brand.py", title=tr("nav.brand"), icon="🏷️"),
            st.Page("planner/ui/settings.py", title=tr("nav.settings"), icon="⚙️"),
            *(
                [st.Page("planner/ui/users.py", title=tr("people.nav.users"), icon="👥")]
                if allowed(Action.MANAGE_USERS)
                else []
            ),
            *(
                [st.Page("planner/ui/audit_log.py", title=tr("people.nav.audit"), icon="📜")]
                if allowed(Action.VIEW_AUDIT)
                else []
            ),
            st.Page("planner/ui/profile.py", title=tr("people.nav.profile"), icon="👤"),
        ],
    }
).run()
