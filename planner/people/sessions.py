"""Signed-in browsers: a random session id in a signed cookie, the idle clock in the database.

The cookie holds only the session id, signed with a key derived from the installation's
secret key (itsdangerous), so it cannot be forged or altered. The row decides whether it is
still good: not ended, the person still active with the same `session_version` (a password
reset, role change or disable ends every session), used within the idle time and younger
than the maximum age. Nothing about the person is trusted from the browser.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session, col, select, update

from planner.config import Settings, get_settings
from planner.models import User, UserSession, utcnow
from planner.people.actors import Actor, actor_of

COOKIE_NAME = "planner_session"
# last_seen_at is written at most this often, so page reruns stay read-only.
TOUCH_EVERY = timedelta(seconds=60)


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    from planner.secrets import secret_box

    return URLSafeTimedSerializer(secret_box(settings).derived_key("session-cookie"), "session")


def start(session: Session, actor: Actor) -> str:
    """A new session for `actor`; returns its id (put `cookie_value(id)` in the browser)."""
    user = session.get(User, actor.id)
    if user is None:
        raise ValueError("no such user")
    sid = secrets.token_urlsafe(32)
    session.add(UserSession(id=sid, user_id=user.id, session_version=user.session_version))
    return sid


def cookie_value(session_id: str, settings: Settings | None = None) -> str:
    """The signed cookie for a session id."""
    return _serializer(settings or get_settings()).dumps(session_id)


def read_cookie(value: str | None, settings: Settings | None = None) -> str | None:
    """The session id in a cookie, or None if it is missing, forged or too old."""
    if not value:
        return None
    settings = settings or get_settings()
    try:
        return _serializer(settings).loads(value, max_age=settings.session_max_days * 86400)
    except (BadSignature, ValueError, TypeError):
        return None


def resume(
    session: Session,
    session_id: str | None,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Actor | None:
    """The person of a live session (its idle clock restarted), or None."""
    if not session_id:
        return None
    settings = settings or get_settings()
    now = now or utcnow()
    row = session.get(UserSession, session_id)
    if row is None or row.ended_at is not None:
        return None
    user = session.get(User, row.user_id)
    idle = timedelta(minutes=settings.session_idle_minutes)
    expired = (
        now - row.last_seen_at > idle
        or now - row.created_at > timedelta(days=settings.session_max_days)
        or user is None
        or not user.active
        or user.session_version != row.session_version
    )
    if expired:
        row.ended_at = now
        session.add(row)
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    return actor_of(user)


def end(session: Session, session_id: str | None) -> None:
    """Sign out: the session stops working even if someone kept the cookie."""
    if not session_id:
        return
    row = session.get(UserSession, session_id)
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        session.add(row)


def end_all(session: Session, user_id: int) -> None:
    """Sign a person out everywhere."""
    session.exec(
        update(UserSession)
        .where(col(UserSession.user_id) == user_id, col(UserSession.ended_at).is_(None))
        .values(ended_at=utcnow())
    )


def live_sessions(session: Session, user_id: int) -> list[UserSession]:
    return list(
        session.exec(
            select(UserSession).where(
                UserSession.user_id == user_id, col(UserSession.ended_at).is_(None)
            )
        )
    )
