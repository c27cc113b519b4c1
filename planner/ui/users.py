"""Users (admins): who signs in, and adding, disabling, resetting and changing people.

A generated password is shown once, right after it is made, and never again.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import format_datetime
from planner.models import Role, User
from planner.people import totp, users
from planner.people.actors import Actor
from planner.people.demo_accounts import still_demo
from planner.people.roles import Action, PermissionDenied
from planner.ui.runtime import error_text, locale, tr
from planner.ui.session import allowed, require_actor

ROLES = [r.value for r in Role]


def _role_name(role: str) -> str:
    return tr(f"role.{role}")


def _flash(kind: str, message: str, password: str | None = None) -> None:
    st.session_state["users_flash"] = (kind, message, password)
    st.rerun()


def _show_flash() -> None:
    kind, message, password = st.session_state.pop("users_flash", (None, "", None))
    if kind:
        getattr(st, kind)(message)
    if password:
        st.warning(tr("users.password_once"))
        st.code(password, language=None)


def _run(change: Callable[[], str], message: str) -> None:
    """Call a service; a refusal is shown in the page language, success after a rerun."""
    try:
        password = change()
    except (users.UserError, PermissionDenied) as exc:
        st.error(error_text(exc))
        return
    _flash("success", message, password)


def _row(user: User) -> dict[str, object]:
    settings = get_settings()
    last = user.last_signin_at
    return {
        tr("users.col.username"): user.username,
        tr("users.col.name"): user.display_name,
        tr("users.col.role"): _role_name(user.role),
        tr("users.col.active"): user.active,
        tr("users.col.second_factor"): totp.has_second_factor(user),
        tr("users.col.demo"): still_demo(user),
        tr("users.col.last_signin"): format_datetime(last, settings.tz, locale()) if last else "—",
    }


def _add_form(actor: Actor) -> None:
    with st.form("users_add", clear_on_submit=True):
        st.subheader(tr("users.add"))
        name = st.text_input(tr("users.col.username"))
        display_name = st.text_input(tr("users.col.name"))
        email = st.text_input(tr("profile.email"))
        role = st.selectbox(tr("users.col.role"), ROLES, index=2, format_func=_role_name)
        submitted = st.form_submit_button(tr("users.add_button"), type="primary")
    if submitted:

        def add() -> str:
            with session_scope() as session:
                _user, generated = users.add_user(
                    session, actor, name, role, display_name=display_name, email=email
                )
            return generated or ""

        _run(add, tr("users.added", name=name.strip()))


def _manage(actor: Actor, people: list[User]) -> None:
    st.subheader(tr("users.manage"))
    names = [u.username for u in people]
    name = st.selectbox(tr("users.pick"), names, key="users_pick")
    if name is None:
        return
    user = next(u for u in people if u.username == name)
    left, right = st.columns(2)
    with left:
        role = st.selectbox(
            tr("users.col.role"),
            ROLES,
            index=ROLES.index(user.role),
            format_func=_role_name,
            key=f"users_role_{name}",
        )
        if st.button(tr("users.set_role"), key="users_set_role", disabled=role == user.role):
            _run(lambda: _session(users.set_role, actor, name, role), tr("users.role_set"))
        if user.active and st.button(tr("users.disable"), key="users_disable"):
            _run(lambda: _session(users.set_active, actor, name, False), tr("users.disabled"))
        if not user.active and st.button(tr("users.enable"), key="users_enable"):
            _run(lambda: _session(users.set_active, actor, name, True), tr("users.enabled"))
    with right:
        if st.button(tr("users.reset_password"), key="users_reset_password"):
            _run(lambda: _new_password(actor, name), tr("users.password_reset", name=name))
        if totp.has_second_factor(user) and st.button(
            tr("users.reset_second_factor"), key="users_reset_totp"
        ):
            _run(lambda: _session(totp.reset, actor, name), tr("users.second_factor_reset"))


def _session(service: Callable[..., object], *args: object) -> str:
    with session_scope() as session:
        service(session, *args)
    return ""


def _new_password(actor: Actor, name: str) -> str:
    with session_scope() as session:
        _user, generated = users.reset_password(session, actor, name)
    return generated or ""


def page() -> None:
    actor = require_actor()
    st.header(tr("users.header"))
    if not allowed(Action.MANAGE_USERS):
        st.error(error_text(PermissionDenied(actor, Action.MANAGE_USERS)))
        return
    _show_flash()
    with session_scope() as session:
        people = users.list_users(session)
        rows = [_row(u) for u in people]
    st.dataframe(rows, hide_index=True, width="stretch")
    _manage(actor, people)
    _add_form(actor)


page()
