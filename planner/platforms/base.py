"""The one small interface every platform adapter implements, and the errors it may raise.

The worker's retry policy reads only these error classes, and the UI explains them, so an
adapter's whole job is to turn its platform's responses into these few shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

# Part of the interface; defined with the limits so reading limits loads no adapter.
from planner.limits import Limits, MediaItem


@dataclass(frozen=True)
class PublishRequest:
    """Exactly what goes out for one target; built fresh from the database before sending."""

    target_id: int
    account_id: int
    text: str
    media: tuple[MediaItem, ...] = ()
    link: str | None = None
    thread: tuple[str, ...] = ()  # further posts of a thread, after `text`
    idempotency_key: str = ""


@dataclass(frozen=True)
class RemoteRef:
    """How the platform knows the published post."""

    remote_id: str
    url: str | None = None
    published_at: datetime | None = None


@dataclass
class Metrics:
    """Engagement figures at one moment; absent figures stay zero and are listed in `missing`."""

    impressions: int = 0
    reach: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    saves: int = 0
    clicks: int = 0
    views: int = 0
    simulated: bool = False
    missing: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def engagement(self) -> int:
        """Interactions a person made: likes, comments, shares, saves and clicks."""
        return self.likes + self.comments + self.shares + self.saves + self.clicks


@dataclass
class Audience:
    """An account's audience at one moment; a figure the platform did not give is None."""

    followers: int | None = None
    following: int | None = None
    simulated: bool = False
    missing: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AccountInfo:
    """Who the credentials belong to, as shown after 'Test connection'."""

    remote_id: str
    name: str
    handle: str = ""


class PlatformError(Exception):
    """Base of every error an adapter raises; `kind` is stored on the target."""

    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransientError(PlatformError):
    """Nothing was published and trying again later may work (5xx before acceptance, refused)."""

    kind = "transient"


class RateLimited(TransientError):
    """The platform said 'too many requests'; nothing was published."""

    kind = "rate_limited"

    def __init__(self, message: str, reset_at: datetime | None = None) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class AuthExpired(PlatformError):
    """The token is invalid or revoked: the account needs reconnecting."""

    kind = "auth_expired"


class Rejected(PlatformError):
    """The platform refused this content for good (duplicate, policy, bad media)."""

    kind = "rejected"


class OutcomeUnknown(PlatformError):
    """The request may have reached the platform (a timeout after sending): never resend blindly."""

    kind = "unknown"


@runtime_checkable
class Platform(Protocol):
    """One social network, as the worker, the metrics collector and Settings see it."""

    name: str
    limits: Limits

    def publish(self, request: PublishRequest) -> RemoteRef:
        """Send the post; raise one of the errors above when it was not (surely) published."""
        ...

    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Metrics for many posts in as few calls as the platform allows, keyed by remote id."""
        ...

    def fetch_audience(self) -> Audience:
        """The account's followers (and whom it follows) now, in one call."""
        ...

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The already-published post for this request, if there is one (reconciliation)."""
        ...

    def check_connection(self) -> AccountInfo:
        """Whether the credentials work, and whose they are."""
        ...
