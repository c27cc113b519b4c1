"""The permission table: which role may do which action, in one place.

Services call `require(actor, action, owner_id=...)` before they change anything; the UI
asks `can(...)` only to hide what would be refused. A refusal raises `PermissionDenied`
(worded in both languages) and is written to the audit log by `planner.people.audit.deny`.

Scopes: ANY (everything), OWN (only what the actor created: `owner_id` must be theirs),
SANDBOX (only into training/sandbox accounts: live targets are refused by `require_target`).
"""

from __future__ import annotations

from enum import StrEnum

from planner.models import Role
from planner.people.actors import Actor


class Action(StrEnum):
    """Everything a person can ask planner to do that the table decides on."""

    # content
    DRAFT_POST = "post.draft"
    EDIT_POST = "post.edit"
    SUBMIT_POST = "post.submit"
    SCHEDULE_POST = "post.schedule"
    RESCHEDULE_POST = "post.reschedule"
    CANCEL_POST = "post.cancel"
    DELETE_POST = "post.delete"
    RETRY_POST = "post.retry"
    COMMENT_POST = "post.comment"
    APPROVE_POST = "post.approve"  # also request changes and reject
    APPROVE_CAMPAIGN = "campaign.approve"
    PLAN_CAMPAIGN = "campaign.plan"
    MANAGE_SERIES = "series.manage"
    IMPORT_POSTS = "post.import"
    # library data and assets
    EDIT_SOURCES = "sources.edit"  # events, collection items, imports
    RECORD_INDICATORS = "indicators.record"  # service use, attendance, feedback notes
    UPLOAD_MEDIA = "media.upload"
    EDIT_MEDIA = "media.edit"  # alt text, consent, delete
    RENDER_IMAGE = "image.render"
    EDIT_TEMPLATES = "templates.edit"
    EDIT_BRAND = "brand.edit"
    # setup
    MANAGE_ACCOUNTS = "accounts.manage"  # connect, reconnect, disconnect live accounts
    MANAGE_SANDBOX_ACCOUNTS = "accounts.sandbox"
    MANAGE_SLOTS = "slots.manage"
    MANAGE_USERS = "users.manage"
    EDIT_SETTINGS = "settings.edit"
    # reading
    VIEW_ALL_POSTS = "posts.view_all"
    VIEW_AUDIT = "audit.view"
    VIEW_DASHBOARD = "dashboard.view"
    REFRESH_METRICS = "metrics.refresh"  # ask the platforms for fresh figures now
    READ_INBOX = "inbox.read"


class Scope(StrEnum):
    ANY = "any"
    OWN = "own"
    SANDBOX = "sandbox"  # own, and only into sandbox/training accounts


A, R = Action, Role
_STAFF_WORK = {
    A.DRAFT_POST, A.EDIT_POST, A.SUBMIT_POST, A.SCHEDULE_POST, A.RESCHEDULE_POST,
    A.CANCEL_POST, A.DELETE_POST, A.RETRY_POST, A.COMMENT_POST, A.PLAN_CAMPAIGN,
    A.MANAGE_SERIES, A.IMPORT_POSTS, A.EDIT_SOURCES, A.UPLOAD_MEDIA, A.EDIT_MEDIA,
    A.RENDER_IMAGE, A.EDIT_TEMPLATES, A.VIEW_ALL_POSTS, A.VIEW_DASHBOARD, A.READ_INBOX,
    A.MANAGE_SLOTS, A.REFRESH_METRICS, A.RECORD_INDICATORS,
}  # fmt: skip
_TRAINEE_WORK = {
    A.DRAFT_POST, A.EDIT_POST, A.SUBMIT_POST, A.SCHEDULE_POST, A.RESCHEDULE_POST,
    A.CANCEL_POST, A.DELETE_POST, A.COMMENT_POST, A.UPLOAD_MEDIA, A.RENDER_IMAGE,
}  # fmt: skip

PERMISSIONS: dict[str, dict[Action, Scope]] = {
    R.ADMIN: {a: Scope.ANY for a in Action},
    R.MANAGER: {
        **{a: Scope.ANY for a in _STAFF_WORK},
        A.APPROVE_POST: Scope.ANY,
        A.APPROVE_CAMPAIGN: Scope.ANY,
        A.EDIT_BRAND: Scope.ANY,
        A.VIEW_AUDIT: Scope.ANY,
        A.MANAGE_SANDBOX_ACCOUNTS: Scope.ANY,
    },
    R.STAFF: {a: Scope.ANY for a in _STAFF_WORK},
    R.TRAINER: {
        **{a: Scope.SANDBOX for a in _TRAINEE_WORK},
        A.COMMENT_POST: Scope.ANY,
        A.APPROVE_POST: Scope.SANDBOX,  # trainers review trainees' practice posts
        A.VIEW_ALL_POSTS: Scope.ANY,
        A.VIEW_DASHBOARD: Scope.ANY,
        A.REFRESH_METRICS: Scope.ANY,
        A.READ_INBOX: Scope.ANY,
        A.MANAGE_SANDBOX_ACCOUNTS: Scope.ANY,
        A.EDIT_TEMPLATES: Scope.ANY,
    },
    R.TRAINEE: {a: Scope.SANDBOX for a in _TRAINEE_WORK},
}


class PermissionDenied(PermissionError):
    """The acting user's role does not allow this; the message names role and action."""

    def __init__(self, actor: Actor, action: str, reason: str = "") -> None:
        self.actor, self.action, self.reason = actor, str(action), reason
        super().__init__(self.text("en"))

    def text(self, locale: str) -> str:
        """The refusal in the page language."""
        from planner.i18n import t

        return t(
            "people.denied" + (f".{self.reason}" if self.reason else ""),
            locale,
            role=t(f"role.{self.actor.role}", locale) if self.actor.role != "system" else "system",
            action=action_name(self.action, locale),
        )


def action_name(action: str, locale: str) -> str:
    """An action as a person reads it ('scheduling a post'), for refusals and the audit log."""
    from planner.i18n.people import ACTION_NAMES

    try:
        names = ACTION_NAMES[Action(action).name]
    except (ValueError, KeyError):
        return str(action)
    return names[0] if locale == "id" else names[1]


def scope(actor: Actor, action: Action) -> Scope | None:
    """How far `actor` may do `action`: None when not at all."""
    if actor.is_system:
        return Scope.ANY
    return PERMISSIONS.get(actor.role, {}).get(action)


def can(actor: Actor | None, action: Action, *, owner_id: int | None = None) -> bool:
    """Whether the action would be allowed (for hiding controls; services call `require`)."""
    if actor is None:
        return False
    granted = scope(actor, action)
    if granted is None:
        return False
    if granted in (Scope.OWN, Scope.SANDBOX) and owner_id is not None:
        return owner_id == actor.id
    return True


def require(actor: Actor | None, action: Action, *, owner_id: int | None = None) -> Scope:
    """The actor's scope for `action`, or PermissionDenied (audited by the caller's session)."""
    if actor is None:
        raise PermissionDenied(Actor(None, "anonymous", "anonymous"), action, "signed_out")
    granted = scope(actor, action)
    if granted is None:
        raise PermissionDenied(actor, action)
    if granted in (Scope.OWN, Scope.SANDBOX) and owner_id is not None and owner_id != actor.id:
        raise PermissionDenied(actor, action, "not_own")
    return granted


def limited_to_sandbox(actor: Actor, action: Action) -> bool:
    """True when the actor may do `action` only into sandbox/training accounts."""
    return scope(actor, action) == Scope.SANDBOX


def require_target(actor: Actor, action: Action, *, is_sandbox: bool) -> None:
    """Refuse a live account to an actor whose scope for `action` is SANDBOX (trainees)."""
    granted = require(actor, action)
    if granted == Scope.SANDBOX and not is_sandbox:
        raise PermissionDenied(actor, action, "live_account")
