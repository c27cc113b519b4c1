"""People who sign in: create, list, disable, reset, change role, and check a password.

Managing people needs Action.MANAGE_USERS (admins) except for the first admin on an empty
installation (`planner user add NAME --role admin` on a fresh machine) and the demo loader.
Failed sign-ins slow down: after `signin_free_tries` misses in a row each further attempt
must wait twice as long as the last (capped), and every miss is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from planner.models import Role, User, utcnow
from planner.people import audit
from planner.people.actors import Actor, actor_of
from planner.people.guard import check
from planner.people.passwords import (
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
    weakness,
)
from planner.people.roles import Action

MAX_WAIT_SECONDS = 15 * 60


class UserError(ValueError):
    """A refused change to a person (worded by an i18n key)."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def text(self, locale: str) -> str:
        from planner.i18n import t

        return t(self.key, locale, **self.values)


@dataclass(frozen=True)
class SignInResult:
    """What a sign-in attempt gave: the actor, or why not and how long to wait."""

    actor: Actor | None
    reason: str = ""  # "" | bad_credentials | disabled | wait | second_factor
    wait_seconds: int = 0


def find_user(session: Session, username: str) -> User | None:
    """The user with that name (case-insensitive)."""
    name = username.strip().lower()
    return session.exec(select(User).where(func.lower(User.username) == name)).first()


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserError("people.user.unknown", name=str(user_id))
    return user


def list_users(session: Session, *, include_disabled: bool = True) -> list[User]:
    query = select(User).order_by(col(User.username))
    if not include_disabled:
        query = query.where(User.active == True)  # noqa: E712
    return list(session.exec(query))


def count_admins(session: Session, *, real_password: bool = False) -> int:
    """Active admins; with `real_password`, only those whose password is not the demo one."""
    query = select(func.count()).select_from(User).where(User.role == Role.ADMIN.value)
    query = query.where(User.active == True)  # noqa: E712
    query = query.where(col(User.password_hash).is_not(None))
    if real_password:
        query = query.where(User.demo_password == False)  # noqa: E712
    return session.exec(query).one()


def _check_username(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > 80 or not all(c.isalnum() or c in "._-" for c in clean):
        raise UserError("people.user.bad_name", name=name)
    return clean


def _check_role(role: str) -> str:
    if role not in {r.value for r in Role}:
        raise UserError("people.user.bad_role", role=role)
    return role


def add_user(
    session: Session,
    actor: Actor | None,
    username: str,
    role: str,
    password: str | None = None,
    *,
    display_name: str = "",
    email: str = "",
    locale: str = "id",
    demo: bool = False,
) -> tuple[User, str | None]:
    """A new person; returns the user and the generated password (None when one was given).

    While no admin with a real (non-demo) password exists, an admin may be created without
    an actor: the first run, also after the demo loader made its demo accounts. Only the
    command line passes no actor, and whoever runs it on the server can read the database.
    """
    no_real_admin = count_admins(session, real_password=True) == 0
    first_admin = actor is None and role == Role.ADMIN.value and no_real_admin
    if not (first_admin or demo):
        check(session, actor, Action.MANAGE_USERS, ("user", username))
    name = _check_username(username)
    _check_role(role)
    if find_user(session, name):
        raise UserError("people.user.exists", name=name)
    generated = None
    if password is None:
        password = generated = generate_password()
    elif not demo:
        problem = weakness(password, name)
        if problem:
            raise UserError(problem)
    user = User(
        username=name,
        display_name=display_name or name,
        role=role,
        password_hash=hash_password(password),
        email=email.strip(),
        locale=locale,
        demo_password=demo,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.add", ("user", user.id), username=name, role=role)
    if role == Role.ADMIN.value and count_admins(session) == 1:
        adopt_orphans(session, user.id)
    return user, generated


def adopt_orphans(session: Session, admin_id: int) -> None:
    """Posts, campaigns and series made before sign-in existed get the first admin as author."""
    from sqlalchemy import update

    from planner.models import Campaign, Post, Series

    session.exec(update(Post).where(col(Post.author_id).is_(None)).values(author_id=admin_id))
    for model in (Campaign, Series):
        session.exec(
            update(model).where(col(model.created_by_id).is_(None)).values(created_by_id=admin_id)
        )


def set_active(session: Session, actor: Actor, username: str, active: bool) -> User:
    """Disable (every session ends) or enable a person; the last real admin stays."""
    check(session, actor, Action.MANAGE_USERS, ("user", username))
    user = _existing(session, username)
    if not active and user.role == Role.ADMIN.value and user.active and count_admins(session) <= 1:
        raise UserError("people.user.last_admin")
    user.active = active
    user.session_version += 1
    session.add(user)
    audit.record(session, actor, "user.enable" if active else "user.disable", ("user", user.id))
    return user


def reset_password(
    session: Session, actor: Actor, username: str, password: str | None = None
) -> tuple[User, str | None]:
    """A new password (generated when none is given); every session of that person ends.

    A person may change their own password; changing someone else's needs MANAGE_USERS.
    """
    user = _existing(session, username)
    if actor.id != user.id:
        check(session, actor, Action.MANAGE_USERS, ("user", username))
    generated = None
    if password is None:
        password = generated = generate_password()
    else:
        problem = weakness(password, user.username)
        if problem:
            raise UserError(problem)
    user.password_hash = hash_password(password)
    user.demo_password = False
    user.session_version += 1
    user.failed_signins = 0
    session.add(user)
    audit.record(session, actor, "user.reset_password", ("user", user.id))
    return user, generated


def set_role(session: Session, actor: Actor, username: str, role: str) -> User:
    """Change what a person may do; their sessions end so the new role applies at once."""
    check(session, actor, Action.MANAGE_USERS, ("user", username))
    user = _existing(session, username)
    _check_role(role)
    if user.role == Role.ADMIN.value and role != Role.ADMIN.value and count_admins(session) <= 1:
        raise UserError("people.user.last_admin")
    old = user.role
    user.role = role
    user.session_version += 1
    session.add(user)
    audit.record(session, actor, "user.set_role", ("user", user.id), old=old, new=role)
    return user


def set_locale(session: Session, actor: Actor, locale: str) -> None:
    """The interface language kept in the person's profile (survives reloads and devices)."""
    if actor.id is None or locale not in ("id", "en"):
        return
    user = session.get(User, actor.id)
    if user is not None and user.locale != locale:
        user.locale = locale
        session.add(user)


def update_profile(
    session: Session, actor: Actor, *, display_name: str | None = None, email: str | None = None
) -> User:
    """A person's own name and e-mail address."""
    user = get_user(session, actor.id) if actor.id is not None else None
    if user is None:
        raise UserError("people.user.unknown", name=actor.username)
    if display_name is not None and display_name.strip():
        user.display_name = display_name.strip()[:80]
    if email is not None:
        user.email = email.strip()
    session.add(user)
    audit.record(session, actor, "user.profile", ("user", user.id))
    return user


def _existing(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise UserError("people.user.unknown", name=username)
    return user


def wait_after(failures: int, free_tries: int) -> int:
    """Seconds a person must wait after `failures` misses in a row: 0, then 2, 4, 8, … s."""
    if failures < free_tries:
        return 0
    return min(MAX_WAIT_SECONDS, 2 ** (failures - free_tries + 1))


def check_password(
    session: Session,
    username: str,
    password: str,
    *,
    free_tries: int = 5,
    now: datetime | None = None,
) -> SignInResult:
    """Check a sign-in (first factor only); misses are counted, slowed down and audited.

    The same reason is given for an unknown name and a wrong password, so the page does not
    tell an attacker which names exist.
    """
    now = now or utcnow()
    user = find_user(session, username)
    if user is None:
        audit.record(
            session,
            None,
            "signin",
            ("user", username[:80]),
            outcome="failed",
            reason="unknown_user",
        )
        return SignInResult(None, "bad_credentials")
    wait = wait_after(user.failed_signins, free_tries)
    if wait and user.last_failed_at and now < user.last_failed_at + timedelta(seconds=wait):
        left = int((user.last_failed_at + timedelta(seconds=wait) - now).total_seconds()) + 1
        audit.record(session, None, "signin", ("user", user.id), outcome="denied", reason="wait")
        return SignInResult(None, "wait", left)
    if not verify_password(user.password_hash, password):
        user.failed_signins += 1
        user.last_failed_at = now
        session.add(user)
        audit.record(
            session,
            None,
            "signin",
            ("user", user.id),
            outcome="failed",
            reason="bad_password",
            failures=user.failed_signins,
        )
        return SignInResult(None, "bad_credentials", wait_after(user.failed_signins, free_tries))
    if not user.active:
        audit.record(
            session, None, "signin", ("user", user.id), outcome="denied", reason="disabled"
        )
        return SignInResult(None, "disabled")
    if needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    user.failed_signins = 0
    user.last_failed_at = None
    session.add(user)
    return SignInResult(actor_of(user))


def signed_in(session: Session, actor: Actor, *, second_factor: bool = False) -> None:
    """Note a completed sign-in (after the second factor, when one is asked)."""
    user = session.get(User, actor.id)
    if user is not None:
        user.last_signin_at = utcnow()
        session.add(user)
    audit.record(session, actor, "signin", ("user", actor.id), second_factor=second_factor)
