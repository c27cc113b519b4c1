"""Who is acting: a signed-in person, a CLI user, or the system (worker, sweeps).

Services take an `Actor` rather than a `User` row so they never hold a detached ORM object
across sessions, and so the worker can act without a row in the user table.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.models import Role, User


@dataclass(frozen=True)
class Actor:
    """The acting person (or the system) as services see it."""

    id: int | None
    username: str
    role: str
    display_name: str = ""

    @property
    def is_system(self) -> bool:
        """The worker and maintenance passes: no person, every publishing step allowed."""
        return self.id is None and self.role == SYSTEM_ROLE

    @property
    def name(self) -> str:
        """How the actor is shown: the display name, else the username."""
        return self.display_name or self.username


SYSTEM_ROLE = "system"
SYSTEM = Actor(id=None, username="system", role=SYSTEM_ROLE, display_name="Sistem")


def actor_of(user: User) -> Actor:
    """The actor for a stored user."""
    return Actor(id=user.id, username=user.username, role=user.role, display_name=user.display_name)


ROLES: tuple[str, ...] = tuple(r.value for r in Role)
