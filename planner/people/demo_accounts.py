"""Demo accounts: one person per role, with published passwords, for trying planner out.

The sign-in page lists an account only while its password really is still `demo-<name>`
(the stored hash is checked, not only the flag), so changing the password hides it.
`planner serve` refuses other addresses than this machine's while any of them still works.
"""

from __future__ import annotations

from sqlmodel import Session

from planner.models import Role, User
from planner.people.passwords import verify_password
from planner.people.users import add_user, find_user, list_users

# (username, role, display name)
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("admin", Role.ADMIN.value, "Admin (demo)"),
    ("manajer", Role.MANAGER.value, "Manajer (demo)"),
    ("staf", Role.STAFF.value, "Staf promosi (demo)"),
    ("pelatih", Role.TRAINER.value, "Pelatih (demo)"),
    ("peserta", Role.TRAINEE.value, "Peserta pelatihan (demo)"),
)
STAFF_USERNAME = "staf"  # the demo posts' author


def demo_password(username: str) -> str:
    """The published password of a demo account."""
    return f"demo-{username}"


def ensure_demo_users(session: Session) -> dict[str, int]:
    """Create the demo accounts that are missing; returns every demo username's user id."""
    ids: dict[str, int] = {}
    for username, role, display_name in DEMO_USERS:
        user = find_user(session, username)
        if user is None:
            user, _ = add_user(
                session,
                None,
                username,
                role,
                demo_password(username),
                display_name=display_name,
                demo=True,
            )
        ids[username] = user.id
    return ids


def still_demo(user: User) -> bool:
    """Whether this account still signs in with its published demo password."""
    return bool(user.demo_password) and verify_password(
        user.password_hash, demo_password(user.username)
    )


def demo_logins(session: Session) -> list[tuple[str, str, str]]:
    """(username, role, password) of active accounts whose password is still the demo one."""
    order = [r.value for r in Role]
    users = sorted(
        (u for u in list_users(session, include_disabled=False) if still_demo(u)),
        key=lambda u: (order.index(u.role) if u.role in order else len(order), u.username),
    )
    return [(u.username, u.role, demo_password(u.username)) for u in users]
