"""One demo person per role, with published passwords, so a fresh install can be tried at once.

The sign-in page lists them only while their password still is the demo one (checked against
the stored hash, not only the flag), and `planner serve` off-loopback refuses to start while
no admin has a real password or any of them still works.
"""

from __future__ import annotations

from functools import lru_cache

from sqlmodel import Session

from planner.models import User
from planner.people.passwords import verify_password
from planner.people.users import add_user, find_user

# username, role, display name
DEMO_PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("admin", "admin", "Admin Perpustakaan"),
    ("manajer", "manager", "Bu Ratna (Manajer)"),
    ("staf", "staff", "Mas Dimas (Staf promosi)"),
    ("pelatih", "trainer", "Bu Wulan (Pelatih)"),
    ("peserta", "trainee", "Rina (Peserta)"),
)
STAFF_USERNAME = "staf"  # the demo posts' author


def demo_password(username: str) -> str:
    return f"demo-{username}"


def still_demo(user: User) -> bool:
    """Whether this account still signs in with its published demo password."""
    return bool(user.demo_password) and _is_demo_hash(user.password_hash, user.username)


@lru_cache(maxsize=256)
def _is_demo_hash(stored: str | None, username: str) -> bool:
    """Whether `stored` is a hash of the demo password (argon2 costs ~0.1 s per check).

    The sign-in page and the user list ask this for every demo person on every run; the
    answer depends only on the stored hash, which a new password replaces (new salt, new
    hash), so caching on it can never answer for an old password.
    """
    return verify_password(stored, demo_password(username))


def ensure_demo_people(session: Session) -> int | None:
    """Create the demo people that are missing; returns the demo staff member's id."""
    staff_id = None
    for username, role, name in DEMO_PEOPLE:
        user = find_user(session, username)
        if user is None:
            user, _ = add_user(
                session, None, username, role, demo_password(username), display_name=name,
                demo=True,
            )  # fmt: skip
        if role == "staff":
            staff_id = user.id
    return staff_id


def demo_logins(session: Session) -> list[tuple[str, str, str]]:
    """(username, role, password) of the demo people whose password is still the demo one."""
    found = []
    for username, _, _ in DEMO_PEOPLE:
        user = find_user(session, username)
        if user is not None and user.active and still_demo(user):
            found.append((username, user.role, demo_password(username)))
    return found
