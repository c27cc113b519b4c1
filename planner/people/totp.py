"""The optional second factor: time-based one-time codes (TOTP, RFC 6238) from a phone app.

The shared secret is stored encrypted with the installation's key (planner.secrets), like
platform tokens. A code is accepted one 30-second step early or late (phone clocks drift),
and never twice: the last accepted step is kept per person and moved forward with a
compare-and-set, so two sign-ins racing with the same code cannot both pass.
"""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp
import segno
from sqlmodel import Session, col, or_, update

from planner.models import User, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.policy import load_policy
from planner.people.roles import Action, require
from planner.people.users import UserError, find_user, get_user

ISSUER = "Planner Perpustakaan"
STEP_SECONDS = 30
WINDOW = 1  # steps accepted either side of now
_SEALED_KEY = "totp"


def new_secret() -> str:
    """A fresh random secret (base32, 160 bits) for one person's enrolment."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, username: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The address as a QR code in SVG (dark on white, so it scans in a dark theme too)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff")


def _seal(secret: str) -> str:
    from planner.secrets import secret_box

    return secret_box().encrypt({_SEALED_KEY: secret})


def _unseal(sealed: str) -> str:
    from planner.secrets import secret_box

    return secret_box().decrypt(sealed)[_SEALED_KEY]


def _step(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The step within the window whose code is `code`, or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = _step(now)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def has_second_factor(user: User) -> bool:
    """Whether the person has enrolled a second factor."""
    return bool(user.totp_secret)


def required_for(session: Session, role: str) -> bool:
    """Whether the library's policy makes people with `role` use a second factor."""
    return load_policy(session).needs_second_factor(role)


def needs_enrolment(session: Session, actor: Actor) -> bool:
    """True when the policy requires a second factor of this person and they have none yet."""
    if actor.id is None or not required_for(session, actor.role):
        return False
    return not has_second_factor(get_user(session, actor.id))


def enable(
    session: Session, actor: Actor, secret: str, code: str, *, now: datetime | None = None
) -> None:
    """Turn on the second factor for the acting person, once a code from their app matches."""
    user = get_user(session, actor.id) if actor.id is not None else None
    if user is None:
        raise UserError("people.user.unknown", name=actor.username)
    step = _matching_step(secret, code, now or utcnow())
    if step is None:
        raise UserError("people.totp.bad_code")
    user.totp_secret = _seal(secret)
    user.totp_last_step = step  # the enrolment code cannot be used again to sign in
    session.add(user)
    audit.record(session, actor, "user.totp_enable", ("user", user.id))


def disable(session: Session, actor: Actor) -> None:
    """Turn off the acting person's own second factor, unless their role must use one."""
    user = get_user(session, actor.id) if actor.id is not None else None
    if user is None:
        raise UserError("people.user.unknown", name=actor.username)
    if required_for(session, user.role):
        raise UserError("people.totp.required")
    _clear(user)
    session.add(user)
    audit.record(session, actor, "user.totp_disable", ("user", user.id))


def reset(session: Session, admin: Actor, username: str) -> User:
    """An admin removes someone's second factor (a lost phone); they enrol again next time."""
    require(admin, Action.MANAGE_USERS)
    user = find_user(session, username)
    if user is None:
        raise UserError("people.user.unknown", name=username)
    _clear(user)
    session.add(user)
    audit.record(session, admin, "user.totp_reset", ("user", user.id))
    return user


def _clear(user: User) -> None:
    user.totp_secret = None
    user.totp_last_step = None


def verify(session: Session, user_id: int, code: str, *, now: datetime | None = None) -> bool:
    """Whether `code` is a fresh, valid code for this person; a miss is audited.

    The accepted step is claimed with one conditional UPDATE: of two requests carrying the
    same code, only the one whose UPDATE changes the row succeeds.
    """
    user = session.get(User, user_id)
    if user is None or not user.totp_secret:
        return False
    step = _matching_step(_unseal(user.totp_secret), code, now or utcnow())
    claimed = False
    if step is not None:
        result = session.exec(
            update(User)
            .where(
                col(User.id) == user_id,
                or_(col(User.totp_last_step).is_(None), col(User.totp_last_step) < step),
            )
            .values(totp_last_step=step)
        )
        claimed = result.rowcount == 1
        session.refresh(user)
    if not claimed:
        reason = "replayed" if step is not None else "bad_code"
        obj = ("user", user_id)
        audit.record(session, None, "signin", obj, outcome="failed", reason=reason, factor="totp")
    return claimed
