"""Profile (everyone): own name, e-mail, language, password and second factor."""

from __future__ import annotations

import streamlit as st

from planner.db import session_scope
from planner.i18n import LOCALES
from planner.people import users
from planner.people.actors import Actor
from planner.ui.runtime import LANGUAGE_NAMES, error_text, locale, tr
from planner.ui.second_factor import profile_section
from planner.ui.session import require_actor


def _flash(kind: str, message: str) -> None:
    st.session_state["profile_flash"] = (kind, message)
    st.rerun()


def _details(actor: Actor) -> None:
    with session_scope() as session:
        user = users.get_user(session, actor.id)
        name, email = user.display_name, user.email
    with st.form("profile_details"):
        new_name = st.text_input(tr("profile.display_name"), value=name, max_chars=80)
        new_email = st.text_input(tr("profile.email"), value=email)
        if st.form_submit_button(tr("profile.save")):
            with session_scope() as session:
                users.update_profile(session, actor, display_name=new_name, email=new_email)
            _flash("success", tr("profile.saved"))


def _save_language(actor: Actor) -> None:
    """Callback: the sidebar switch's state may be changed only before it is drawn."""
    chosen = st.session_state["profile_locale"]
    with session_scope() as session:
        users.set_locale(session, actor, chosen)
    st.session_state["locale"] = chosen


def _language(actor: Actor) -> None:
    st.subheader(tr("profile.language"))
    st.selectbox(
        tr("profile.language"),
        LOCALES,
        index=LOCALES.index(locale()),
        format_func=LANGUAGE_NAMES.get,
        key="profile_locale",
        label_visibility="collapsed",
    )
    st.button(tr("profile.language_save"), on_click=_save_language, args=(actor,))


def _password(actor: Actor) -> None:
    st.subheader(tr("profile.password"))
    with st.form("profile_password", clear_on_submit=True):
        current = st.text_input(tr("profile.password_current"), type="password")
        new = st.text_input(tr("profile.password_new"), type="password")
        again = st.text_input(tr("profile.password_again"), type="password")
        submitted = st.form_submit_button(tr("profile.password_change"))
    if not submitted:
        return
    if new != again:
        st.error(tr("people.password.mismatch"))
        return
    try:
        with session_scope() as session:
            # Through the sign-in check, so guessing here is slowed down and audited too.
            check = users.check_password(session, actor.username, current)
            if check.actor is not None:
                users.reset_password(session, actor, actor.username, new)
    except users.UserError as exc:
        st.error(error_text(exc))
        return
    if check.reason == "wait":
        st.error(tr("profile.password_wait", seconds=check.wait_seconds))
        return
    if check.actor is None:
        st.error(tr("profile.password_wrong"))
        return
    st.success(tr("profile.password_changed"))


def page() -> None:
    actor = require_actor()
    st.header(tr("profile.header"))
    st.caption(tr("profile.role", name=actor.username, role=tr(f"role.{actor.role}")))
    kind, message = st.session_state.pop("profile_flash", (None, ""))
    if kind:
        getattr(st, kind)(message)
    _details(actor)
    _language(actor)
    _password(actor)
    profile_section(actor)


page()
