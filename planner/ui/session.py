"""Who is signed in to this browser session, as pages ask it.

`app.py` runs the sign-in gate (planner/ui/signin.py) before any page; a page then asks
`current_actor()` and passes the result to every service it calls. The session id lives in
`st.session_state` (and, signed, in the browser's cookie so a reload keeps it).
"""

from __future__ import annotations

import streamlit as st

from planner.db import session_scope
from planner.people import sessions
from planner.people.actors import Actor
from planner.people.roles import Action, can

SESSION_KEY = "planner_session_id"
ACTOR_KEY = "planner_actor"


def resume_session() -> Actor | None:
    """The person of this browser session, checked against the database on every run."""
    sid = st.session_state.get(SESSION_KEY)
    if not sid:
        return None
    with session_scope() as session:
        actor = sessions.resume(session, sid)
    if actor is None:
        st.session_state.pop(SESSION_KEY, None)
    st.session_state[ACTOR_KEY] = actor
    return actor


def current_actor() -> Actor | None:
    """The signed-in person (set by the gate this run); None only before sign-in."""
    return st.session_state.get(ACTOR_KEY)


def require_actor() -> Actor:
    """The signed-in person; a page reached without one stops (the gate shows sign-in)."""
    actor = current_actor()
    if actor is None:
        st.stop()
    return actor


def allowed(action: Action, *, owner_id: int | None = None) -> bool:
    """Whether the signed-in person may do `action` (to hide controls they cannot use)."""
    return can(current_actor(), action, owner_id=owner_id)
