"""The library's people policy, set by an admin in Settings and kept in the database.

Stored as AppMeta rows (not environment variables) because it is a decision the library
makes in the app and changes without a restart; every process reads the same rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from sqlmodel import Session

from planner.models import AppMeta, Role
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

KEY = "people_policy"


@dataclass(frozen=True)
class Policy:
    """Approval and second-factor rules. Trainees' posts are always reviewed."""

    # Staff posts must be approved by a manager before they can be scheduled.
    staff_need_approval: bool = False
    # Editing an approved post sends it back to review.
    edit_resets_approval: bool = True
    # E-mail reviewers when a post is submitted (needs SMTP settings).
    email_reviewers: bool = True
    # Roles that must use a second factor (TOTP) to sign in.
    second_factor_roles: tuple[str, ...] = field(default_factory=tuple)

    def needs_review(self, role: str) -> bool:
        """Whether posts by someone with `role` go to review before scheduling."""
        if role == Role.TRAINEE.value:
            return True
        return role == Role.STAFF.value and self.staff_need_approval

    def needs_second_factor(self, role: str) -> bool:
        return role in self.second_factor_roles


def load_policy(session: Session) -> Policy:
    """The stored policy (defaults where nothing was saved, unknown keys ignored)."""
    row = session.get(AppMeta, KEY)
    if row is None or not row.value:
        return Policy()
    try:
        data = json.loads(row.value)
    except ValueError:
        return Policy()
    known = {f.name for f in fields(Policy)}
    values = {k: v for k, v in data.items() if k in known}
    if "second_factor_roles" in values:
        values["second_factor_roles"] = tuple(values["second_factor_roles"])
    return Policy(**values)


def save_policy(session: Session, actor: Actor, policy: Policy) -> Policy:
    """Store the policy (admins only); the change is audited with its old and new values."""
    check(session, actor, Action.EDIT_SETTINGS, ("policy", KEY))
    old = load_policy(session)
    data = asdict(policy)
    data["second_factor_roles"] = sorted(policy.second_factor_roles)
    row = session.get(AppMeta, KEY) or AppMeta(key=KEY)
    row.value = json.dumps(data, sort_keys=True)
    session.add(row)
    changed = {k: v for k, v in data.items() if asdict(old).get(k) != policy.__dict__[k]}
    audit.record(session, actor, "settings.policy", ("policy", KEY), **changed)
    return policy
