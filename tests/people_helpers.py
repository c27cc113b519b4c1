"""People in tests: make a user of a role, and sign an AppTest in as that user.

Signing in goes through the real session service (a UserSession row the gate checks on
every run), so page tests exercise the same path a browser does after the cookie is read.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.db import session_scope
from planner.models import User
from planner.people import sessions
from planner.people.actors import Actor, actor_of
from planner.people.users import add_user, find_user

ROLE_USERS = {
    "admin": "ani",
    "manager": "maya",
    "staff": "sari",
    "trainer": "tono",
    "trainee": "tia",
}
PASSWORD = "kata-sandi-uji-123"


def make_user(role: str, username: str | None = None, password: str = PASSWORD) -> Actor:
    """The user `username` (default: one per role), created if missing; returns its actor."""
    name = username or ROLE_USERS[role]
    with session_scope() as session:
        user = find_user(session, name)
        if user is None:
            user, _ = add_user(session, None, name, role, password, demo=True)
            user.demo_password = False
            session.add(user)
            session.flush()
        return actor_of(user)


def sign_in_app(at: AppTest, role: str = "admin", username: str | None = None) -> Actor:
    """Make `at` run as a signed-in user of `role` (call before `at.run()`)."""
    actor = make_user(role, username)
    with session_scope() as session:
        sid = sessions.start(session, actor)
    at.session_state["planner_session_id"] = sid
    return actor


def signed_app(timeout: float = 30, role: str = "admin") -> AppTest:
    """app.py signed in as `role`, not yet run."""
    at = AppTest.from_file("../app.py", default_timeout=timeout)
    sign_in_app(at, role)
    return at


def app_as(role: str = "admin", page: str | None = None, timeout: float = 30) -> AppTest:
    """app.py signed in as `role`, run once (and switched to `page` when given)."""
    at = signed_app(timeout, role)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def user_row(username: str) -> User:
    with session_scope() as session:
        user = find_user(session, username)
        assert user is not None
        session.expunge(user)
        return user
