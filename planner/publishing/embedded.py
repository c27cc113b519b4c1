"""The worker of the default setup: a thread inside the app process, one per process."""

from __future__ import annotations

import os
import socket
import threading

from planner.config import Settings, get_settings
from planner.publishing.results import PassResult
from planner.publishing.worker import Worker, serve


class BackgroundWorker:
    """The embedded worker thread of the default setup (one per app process)."""

    def __init__(self, worker_id: str, settings: Settings | None = None) -> None:
        self.worker = Worker(worker_id, settings=settings)
        self.stop_event = threading.Event()
        self.last_result: PassResult | None = None
        self._thread = threading.Thread(target=self._run, name=f"planner-{worker_id}", daemon=True)

    def _run(self) -> None:
        serve(self.worker, self.stop_event, on_pass=self._remember)

    def _remember(self, result: PassResult) -> None:
        self.last_result = result

    def start(self) -> BackgroundWorker:
        """Start the thread; returns self so a caller can keep it in one line."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 30) -> None:
        """Finish sends in flight, release the rest, and wait for the thread to end."""
        self.stop_event.set()
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()


_embedded: BackgroundWorker | None = None
_embedded_lock = threading.Lock()


def ensure_embedded_worker(settings: Settings | None = None) -> BackgroundWorker | None:
    """Start this process's one embedded worker (if enabled) and return it; later calls reuse it."""
    global _embedded
    settings = settings or get_settings()
    if not settings.embedded_worker:
        return None
    with _embedded_lock:
        if _embedded is None or not _embedded.alive:
            worker_id = f"app-{socket.gethostname()}-{os.getpid()}"
            _embedded = BackgroundWorker(worker_id, settings=settings).start()
        return _embedded
