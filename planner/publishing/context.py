"""What every part of a worker shares: who it is, its settings, its clock, its platforms."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from planner.config import Settings
from planner.models import Account
from planner.platforms.base import Platform

PlatformFactory = Callable[[Account], Platform]


@dataclass(frozen=True)
class WorkerContext:
    """The worker's identity and tools, handed to each collaborator instead of inherited.

    Tests pass a fixed clock and a factory of fakes; production uses `for_account`.
    """

    worker_id: str
    settings: Settings
    clock: Callable[[], datetime]
    platforms: PlatformFactory
    rng: random.Random = field(default_factory=random.Random)
