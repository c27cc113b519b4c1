"""A real worker process whose sandbox platform takes time: for the SIGKILL tests.

`python -m tests.slow_worker NAME DELAY` runs `planner worker`'s loop (heartbeat included)
with every publish taking DELAY seconds before and after the outbox write, so a kill lands
mid-call.

`python -m tests.slow_worker NAME DELAY hold` makes the kill land in a known state: odd
target ids are quick and even ones take DELAY, and on its second claim the worker prints
`holding` and never starts what it claimed. It then holds sends mid-call (started) and
claims it will never start, while its heartbeat says it is alive — until it is killed.
"""

from __future__ import annotations

import sys
import threading
import time

from planner.config import get_settings
from planner.platforms.sandbox import SandboxPlatform
from planner.publishing.worker import Worker, serve


class SlowSandbox(SandboxPlatform):
    def __init__(self, *args, delay: float, odd_quick: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.delay = delay
        self.odd_quick = odd_quick

    def publish(self, request):
        delay = 0.05 if self.odd_quick and request.target_id % 2 else self.delay
        time.sleep(delay)  # the request is on its way
        ref = super().publish(request)
        time.sleep(delay)  # accepted, the answer is on its way back
        return ref


class HoldingWorker(Worker):
    """Stops for good inside its second claim, holding the claimed targets unstarted."""

    claims = 0

    def claim(self, limit: int) -> list[int]:
        ids = super().claim(limit)
        self.claims += 1
        if self.claims == 2 and ids:
            print("holding " + " ".join(map(str, ids)), flush=True)
            threading.Event().wait()  # until SIGKILL
        return ids


def main() -> None:
    name, delay = sys.argv[1], float(sys.argv[2])
    hold = sys.argv[3:] == ["hold"]
    settings = get_settings()
    worker = (HoldingWorker if hold else Worker)(
        name,
        platform_factory=lambda a: SlowSandbox(
            a.platform, a.name, settings.outbox_dir, delay=delay, odd_quick=hold
        ),
    )
    serve(
        worker,
        threading.Event(),
        collect_metrics=False,
        on_start=lambda: print("started", flush=True),
    )


if __name__ == "__main__":
    main()
