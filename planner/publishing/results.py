"""What one worker pass did: counters for logs, the CLI and tests."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class PassResult:
    """What one worker pass did, for logs, the CLI and tests."""

    claimed: int = 0
    published: int = 0
    retrying: int = 0
    failed: int = 0
    needs_attention: int = 0
    skipped: int = 0
    released: int = 0
    recovered: int = 0
    missed: int = 0
    reconciled: int = 0
    series_posts: int = 0
    notifications_sent: int = 0
    seconds: float = 0.0  # how long the pass took (wall clock)
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        """Add to counters (sends run on several threads)."""
        with self._lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict:
        """The counters as plain values (for `--json` and logs)."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
