"""Streamlit entry point: database check, worker process, sign-in gate, language, navigation."""

import streamlit as st

from planner.ui.access import styles
from planner.ui.pages import menu_title, offered
from planner.ui.runtime import embedded_worker, ensure_database, language_switch, tr
from planner.ui.second_factor import enrol_gate
from planner.ui.signin import (
    account_box,
    remember_locale,
    sign_in_page,
    signed_in_actor,
    sync_browser,
)

st.set_page_config(page_title="Planner · Perpustakaan", page_icon="📚", layout="wide")
styles()
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
MENU = {
    "nav.section.content": [
        ("planner/ui/compose.py", "nav.compose", "✍️"),
        ("planner/ui/drafts.py", "nav.drafts", "📝"),
        ("planner/ui/sources.py", "nav.sources", "📚"),
        ("planner/ui/templates.py", "nav.templates", "🧩"),
        ("planner/ui/studio.py", "nav.studio", "🎨"),
        ("planner/ui/media.py", "nav.media", "🖼️"),
    ],
    "nav.section.publishing": [
        ("planner/ui/calendar.py", "nav.calendar", "🗓️"),
        ("planner/ui/review.py", "nav.review", "✅"),
        ("planner/ui/planning.py", "nav.planning", "🔁"),
        ("planner/ui/inbox.py", "nav.inbox", "📥"),
    ],
    "nav.section.results": [
        ("planner/ui/dashboard.py", "nav.dashboard", "📊"),
        ("planner/ui/indicators.py", "indicators.nav", "📈"),
        ("planner/ui/report.py", "report.nav", "📄"),
    ],
    "nav.section.training": [
        ("planner/ui/practice.py", "nav.practice", "🎓"),
        ("planner/ui/trainer.py", "nav.trainer", "🧑‍🏫"),
    ],
    "nav.section.setup": [
        ("planner/ui/accounts.py", "nav.accounts", "🔑"),
        ("planner/ui/brand.py", "nav.brand", "🏷️"),
        ("planner/ui/settings.py", "nav.settings", "⚙️"),
        ("planner/ui/users.py", "people.nav.users", "👥"),
        ("planner/ui/audit_log.py", "people.nav.audit", "📜"),
        ("planner/ui/profile.py", "people.nav.profile", "👤"),
    ],
}
# Each person's menu holds only the pages their role can use (planner/ui/pages.py).
menu = {
    tr(section): [
        st.Page(path, title=menu_title(path, title), icon=icon, default=path.endswith("compose.py"))
        for path, title, icon in pages
        if offered(path)
    ]
    for section, pages in MENU.items()
}
# expanded: every page listed (Streamlit otherwise folds a long menu behind 'View more').
st.navigation({section: pages for section, pages in menu.items() if pages}, expanded=True).run()
