"""A real worker process whose sandbox platform takes time: for the SIGKILL test.

`python -m tests.slow_worker NAME DELAY` runs `planner worker`'s loop with every publish
taking DELAY seconds before and after the outbox write, so a kill lands mid-call.
"""

from __future__ import annotations

import sys
import threading
import time

from planner.config import get_settings
from planner.platforms.sandbox import SandboxPlatform
from planner.publishing.worker import Worker, serve


class SlowSandbox(SandboxPlatform):
    def __init__(self, *args, delay: float, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.delay = delay

    def publish(self, request):
        time.sleep(self.delay)  # the request is on its way
        ref = super().publish(request)
        time.sleep(self.delay)  # accepted, the answer is on its way back
        return ref


def main() -> None:
    name, delay = sys.argv[1], float(sys.argv[2])
    settings = get_settings()
    worker = Worker(
        name,
        platform_factory=lambda a: SlowSandbox(
            a.platform, a.name, settings.outbox_dir, delay=delay
        ),
    )
    print("started", flush=True)
    serve(worker, threading.Event(), collect_metrics=False)


if __name__ == "__main__":
    main()
