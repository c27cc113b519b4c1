"""A running worker's log: started, one line per pass that did something, stopped.

With many workers an operator needs to see what each one does without a debugger: how
many it claimed, published, retried, failed or handed to a person. Lines carry counters
only — never a token, a text or an error message, which may quote either — so they are
safe to ship to any log store. `json_lines` writes one JSON object per line instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from planner.models import utcnow
from planner.publishing.results import PassResult

# The counters a pass line reports, in the order people read them.
COUNTERS = (
    "claimed",
    "published",
    "retrying",
    "failed",
    "needs_attention",
    "released",
    "recovered",
    "missed",
    "reconciled",
    "skipped",
    "series_posts",
    "notifications_sent",
)


def did_something(result: PassResult) -> bool:
    """Whether a pass changed anything worth a line (an idle poll does not)."""
    return any(getattr(result, name) for name in COUNTERS)


def pass_fields(result: PassResult) -> dict[str, int | float]:
    """Every counter of the pass and how long it took."""
    return {name: getattr(result, name) for name in COUNTERS} | {
        "seconds": round(result.seconds, 3)
    }


def pass_line(worker_id: str, result: PassResult) -> str:
    """`worker w1: claimed 4, published 3, needs attention 1 (0.41 s)`: non-zero counters."""
    counts = ", ".join(
        f"{name.replace('_', ' ')} {getattr(result, name)}"
        for name in COUNTERS
        if getattr(result, name)
    )
    return f"worker {worker_id}: {counts} ({result.seconds:.2f} s)"


class PassLog:
    """Writes one worker's log lines to `stream` (stderr by default)."""

    def __init__(
        self,
        worker_id: str,
        *,
        json_lines: bool = False,
        stream: TextIO | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.worker_id = worker_id
        self.json_lines = json_lines
        self.stream = stream
        self.clock = clock

    def started(self, **settings: float | int) -> None:
        """The worker is up (and beating), with the settings that shape its timing."""
        detail = ", ".join(f"{k.replace('_', ' ')} {v:g} s" for k, v in settings.items())
        self._write("started", f"worker {self.worker_id} started ({detail})", settings)

    def pass_done(self, result: PassResult) -> None:
        """One line for a pass that did something; nothing for an idle poll."""
        if did_something(result):
            self._write("pass", pass_line(self.worker_id, result), pass_fields(result))

    def stopped(self) -> None:
        """The worker exited cleanly."""
        self._write("stopped", f"worker {self.worker_id} stopped", {})

    def _write(self, event: str, text: str, fields: dict) -> None:
        stream = self.stream or sys.stderr
        if self.json_lines:
            at = self.clock().isoformat(timespec="milliseconds")
            record = {"at": at, "worker": self.worker_id, "event": event, **fields}
            text = json.dumps(record)
        stream.write(text + "\n")
        stream.flush()
