"""A running worker's log lines: one per pass that did something, counters only."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from planner.publishing.passlog import PassLog, did_something, pass_line
from planner.publishing.results import PassResult

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def busy() -> PassResult:
    return PassResult(claimed=4, published=3, needs_attention=1, recovered=2, seconds=0.4123)


def test_idle_pass_writes_nothing() -> None:
    stream = io.StringIO()
    log = PassLog("w1", stream=stream)
    log.pass_done(PassResult(seconds=0.01))
    assert stream.getvalue() == "" and not did_something(PassResult())


def test_pass_line_names_the_non_zero_counters() -> None:
    assert pass_line("w1", busy()) == (
        "worker w1: claimed 4, published 3, needs attention 1, recovered 2 (0.41 s)"
    )


def test_started_pass_and_stopped_lines() -> None:
    stream = io.StringIO()
    log = PassLog("w1", stream=stream)
    log.started(poll_every=2.0, lease=10)
    log.pass_done(busy())
    log.stopped()
    assert stream.getvalue().splitlines() == [
        "worker w1 started (poll every 2 s, lease 10 s)",
        "worker w1: claimed 4, published 3, needs attention 1, recovered 2 (0.41 s)",
        "worker w1 stopped",
    ]


def test_json_lines_carry_every_counter() -> None:
    stream = io.StringIO()
    log = PassLog("w1", json_lines=True, stream=stream, clock=lambda: T0)
    log.started(lease=10)
    log.pass_done(busy())
    log.pass_done(PassResult())  # idle: no line
    log.stopped()
    started, one_pass, stopped = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert started == {"at": "2026-12-01T02:00:00.000+00:00", "worker": "w1",
                       "event": "started", "lease": 10}  # fmt: skip
    assert one_pass["event"] == "pass" and one_pass["seconds"] == 0.412
    assert {k: one_pass[k] for k in ("claimed", "published", "needs_attention", "failed")} == {
        "claimed": 4, "published": 3, "needs_attention": 1, "failed": 0
    }  # fmt: skip
    assert stopped["event"] == "stopped"


def test_lines_never_carry_texts_or_errors() -> None:
    """Only counters are written: a pass's error messages may quote a token or a text."""
    stream = io.StringIO()
    result = busy()
    result.errors.append("token=SECRET123 Halo semua")
    log = PassLog("w1", json_lines=True, stream=stream)
    log.pass_done(result)
    PassLog("w1", stream=stream).pass_done(result)
    assert "SECRET123" not in stream.getvalue() and "Halo" not in stream.getvalue()
