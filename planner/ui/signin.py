"""The sign-in gate: every page run starts here, and only a signed-in person gets further.

A browser keeps its sign-in in a signed cookie (planner/people/sessions.py), so a reload
(F5) or a new tab resumes the session; the database decides on every run whether it is
still good. The cookie is written by a tiny script (browser_state.js) because Streamlit has
no way to set one; it is therefore not HttpOnly — docs/security.md explains what guards it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.models import User
from planner.people import sessions, users
from planner.people.actors import Actor
from planner.people.policy import load_policy
from planner.ui.runtime import locale, tr
from planner.ui.session import ACTOR_KEY, SESSION_KEY, resume_session

COOKIE_KEY = "planner_cookie"
PENDING_KEY = "planner_pending_user"  # password checked, second factor still to come
PROFILE_LOCALE_KEY = "planner_profile_locale"

_browser_state = st.components.v2.component(
    "planner_browser_state",
    js=(Path(__file__).parent / "browser_state.js").read_text(encoding="utf-8"),
)


def sync_browser(*, clear: bool = False) -> None:
    """Write (or clear) the session cookie and set the page's language."""
    settings = get_settings()
    _browser_state(
        key="planner_browser_state",
        data={
            "lang": locale(),
            "cookie_name": sessions.COOKIE_NAME,
            "cookie": None if clear else st.session_state.get(COOKIE_KEY),
            "clear": clear,
            "max_age": settings.session_max_days * 86400,
            "secure": settings.secure_cookies,
        },
    )


def _from_cookie() -> Actor | None:
    """Resume the session named by the browser's cookie (after a reload or in a new tab)."""
    raw = st.context.cookies.get(sessions.COOKIE_NAME) if st.context.cookies else None
    sid = sessions.read_cookie(raw)
    if not sid or st.session_state.get("planner_cookie_rejected") == raw:
        return None
    st.session_state[SESSION_KEY] = sid
    actor = resume_session()
    if actor is None:
        st.session_state["planner_cookie_rejected"] = raw  # ended or expired: do not retry
    else:
        st.session_state[COOKIE_KEY] = raw
    return actor


def _adopt_profile_locale(actor: Actor) -> None:
    """Once per browser session, the interface language comes from the person's profile."""
    if st.session_state.get(PROFILE_LOCALE_KEY) == actor.id:
        return
    with session_scope() as session:
        user = session.get(User, actor.id)
        if user is not None and user.locale in ("id", "en"):
            st.session_state["locale"] = user.locale
    st.session_state[PROFILE_LOCALE_KEY] = actor.id


def signed_in_actor() -> Actor | None:
    """The signed-in person of this run (draws nothing: runs before the language switch)."""
    actor = resume_session() or _from_cookie()
    if actor is not None:
        _adopt_profile_locale(actor)
    return actor


def sign_in_page() -> None:
    """The sign-in form (or the second-factor step), in the page language."""
    sync_browser(clear=bool(st.session_state.pop("planner_signed_out", False)))
    if st.session_state.get(PENDING_KEY):
        _second_factor_form()
    else:
        _password_form()


def remember_locale() -> None:
    """The language switch's callback: keep the choice in the person's profile."""
    actor = st.session_state.get(ACTOR_KEY)
    if actor is not None:
        with session_scope() as session:
            users.set_locale(session, actor, st.session_state.get("locale", "id"))


def _finish(actor: Actor, *, second_factor: bool) -> None:
    with session_scope() as session:
        sid = sessions.start(session, actor)
        users.signed_in(session, actor, second_factor=second_factor)
    st.session_state[SESSION_KEY] = sid
    st.session_state[COOKIE_KEY] = sessions.cookie_value(sid)
    st.session_state.pop(PENDING_KEY, None)
    st.session_state.pop(PROFILE_LOCALE_KEY, None)
    st.rerun()


def _needs_code(actor: Actor) -> bool:
    """Ask for a second factor when the person set one up (or their role must use one)."""
    with session_scope() as session:
        user = session.get(User, actor.id)
        return bool(user and user.totp_secret)


def _password_form() -> None:
    st.title(tr("signin.title"))
    st.caption(tr("signin.intro"))
    with st.form("signin"):
        username = st.text_input(tr("signin.username"), autocomplete="username")
        password = st.text_input(
            tr("signin.password"), type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(tr("signin.submit"), type="primary")
    if submitted:
        _check(username, password)
    _demo_logins()


def _check(username: str, password: str) -> None:
    settings = get_settings()
    with session_scope() as session:
        result = users.check_password(
            session, username, password, free_tries=settings.signin_free_tries
        )
    if result.actor is None:
        if result.reason == "wait":
            st.error(tr("signin.wait", seconds=result.wait_seconds))
        elif result.reason == "disabled":
            st.error(tr("signin.disabled"))
        else:
            st.error(tr("signin.bad"))
            if result.wait_seconds:
                st.warning(tr("signin.wait", seconds=result.wait_seconds))
        return
    if _needs_code(result.actor):
        st.session_state[PENDING_KEY] = result.actor
        st.rerun()
    _finish(result.actor, second_factor=False)


def _second_factor_form() -> None:
    from planner.people import totp

    pending: Actor = st.session_state[PENDING_KEY]
    st.title(tr("signin.title"))
    st.info(tr("signin.code_intro", name=pending.name))
    with st.form("second_factor"):
        code = st.text_input(tr("signin.code"), max_chars=6, autocomplete="one-time-code")
        submitted = st.form_submit_button(tr("signin.verify"), type="primary")
    if st.button(tr("signin.cancel")):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()
    if submitted:
        with session_scope() as session:
            ok = totp.verify(session, pending.id, code)
        if ok:
            _finish(pending, second_factor=True)
        st.error(tr("signin.bad_code"))


def _demo_logins() -> None:
    """The demo people, only while their passwords are still the published demo ones."""
    try:
        from planner.people.demo_accounts import demo_logins
    except ImportError:
        return
    with session_scope() as session:
        logins = demo_logins(session)
    if not logins:
        return
    with st.expander(tr("signin.demo_title"), expanded=True):
        st.warning(tr("signin.demo_warning"))
        st.table(
            {
                tr("signin.username"): [u for u, _, _ in logins],
                tr("signin.role"): [tr(f"role.{r}") for _, r, _ in logins],
                tr("signin.password"): [p for _, _, p in logins],
            }
        )


def account_box(actor: Actor) -> None:
    """Who is signed in, with sign-out, at the top of the sidebar."""
    with st.sidebar:
        st.markdown(tr("signin.as", name=actor.name, role=tr(f"role.{actor.role}")))
        if st.button(tr("signin.signout"), key="planner_signout"):
            sign_out()


def sign_out() -> None:
    """End the session in the database (a kept cookie stops working) and in this browser."""
    with session_scope() as session:
        sessions.end(session, st.session_state.get(SESSION_KEY))
    for key in (SESSION_KEY, ACTOR_KEY, COOKIE_KEY, PENDING_KEY, PROFILE_LOCALE_KEY):
        st.session_state.pop(key, None)
    st.session_state["planner_signed_out"] = True
    st.rerun()


def needs_second_factor_setup(actor: Actor) -> bool:
    """The policy requires a second factor for this role and the person has none yet."""
    with session_scope() as session:
        required = load_policy(session).needs_second_factor(actor.role)
        return required and not _needs_code(actor)
