"""A platform double for the worker's tests: scripted faults, a record of every call.

It keeps its own "timeline" of accepted posts, so `find_existing` answers truthfully: a
fault injected *after* acceptance (a timeout once the body was sent, a connection reset
mid-response) leaves the post on the timeline, exactly as a real platform would.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from planner.config import get_settings
from planner.models import Account
from planner.platforms.base import (
    AccountInfo,
    AuthExpired,
    Limits,
    OutcomeUnknown,
    PlatformError,
    PublishRequest,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.publishing.context import WorkerContext


@dataclass
class Fault:
    """What one publish call does: raise `error`, after accepting the post if `accepted`."""

    error: PlatformError
    accepted: bool = False


def timeout_after_send() -> Fault:
    return Fault(OutcomeUnknown("read timed out after the request was sent"), accepted=True)


def timeout_lost() -> Fault:
    return Fault(OutcomeUnknown("read timed out after the request was sent"), accepted=False)


def rate_limited(reset_at: datetime) -> Fault:
    return Fault(RateLimited("HTTP 429 Too Many Requests", reset_at=reset_at))


def server_error() -> Fault:
    return Fault(TransientError("HTTP 500 before the post was accepted"))


def connection_refused() -> Fault:
    return Fault(TransientError("connection refused"))


def connection_reset() -> Fault:
    # The connection dropped after the body went out: the platform may have the post.
    return Fault(OutcomeUnknown("connection reset by peer while reading the response"), True)


def token_expired() -> Fault:
    return Fault(AuthExpired("HTTP 401: the access token has expired"))


def rejected() -> Fault:
    return Fault(Rejected("HTTP 403: duplicate content"))


@dataclass
class PlatformDouble:
    """Answers publish calls from `script` (Faults), then succeeds; thread-safe."""

    name: str = "x"
    script: list[Fault] = field(default_factory=list)
    limits: Limits = field(default_factory=lambda: Limits(max_chars=280))
    publish_calls: list[PublishRequest] = field(default_factory=list)
    find_calls: list[PublishRequest] = field(default_factory=list)
    timeline: dict[str, RemoteRef] = field(default_factory=dict)  # idempotency key → post
    texts: dict[str, str] = field(default_factory=dict)
    gate: threading.Event | None = None  # publish waits here (for race tests)
    entered: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, request: PublishRequest) -> RemoteRef:
        with self._lock:
            self.publish_calls.append(request)
            fault = self.script.pop(0) if self.script else None
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(10)
        if fault is None or fault.accepted:
            ref = RemoteRef(
                remote_id=f"{self.name}-{request.target_id}-{len(self.publish_calls)}",
                url=f"https://{self.name}.example/p/{request.target_id}",
                published_at=None,  # the worker then records its own clock
            )
            with self._lock:
                self.timeline[request.idempotency_key] = ref
                self.texts[request.idempotency_key] = request.text
        if fault is not None:
            raise fault.error
        return ref

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        with self._lock:
            self.find_calls.append(request)
            return self.timeline.get(request.idempotency_key)

    def fetch_metrics(self, refs):
        return {}

    def check_connection(self) -> AccountInfo:
        return AccountInfo("1", "double")


def context(
    platforms: PlatformDouble | Callable[[Account], object],
    at: datetime,
    worker_id: str = "w",
    **settings,
) -> WorkerContext:
    """What a worker hands its steps: a double (or factory), a fixed clock, a seeded rng."""
    factory = platforms if callable(platforms) else (lambda account: platforms)
    return WorkerContext(
        worker_id=worker_id,
        settings=get_settings().model_copy(update=settings),
        clock=lambda: at,
        platforms=factory,
        rng=random.Random(7),
    )
