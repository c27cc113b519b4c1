"""The worker of the default setup: a `planner worker` child process of the app, one per app.

It used to be a thread in the app's process, where every page drawn took CPU time from it
(one Python process uses one core): under load posts went out nearly a minute late. As a
child process it has a core of its own, yet still starts and stops with the one command
that serves the app:

- started by `planner serve` before the first visit (or by the first page of a bare
  `streamlit run app.py`), at most one per app process;
- restarted if it dies (after a pause that grows while it keeps dying at once);
- stopped when the app stops: on SIGTERM/SIGINT or a normal exit the app terminates it
  (the worker finishes the sends under way) and kills it if it has not ended after a grace
  period; if the app itself is killed outright, the worker notices that its parent is gone
  within a second and stops (`planner worker --stop-with PID`), so no orphan is left;
- its output goes where the app's goes (the same terminal or log).
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
import time

from planner.config import Settings, get_settings

STOP_GRACE_SECONDS = 30  # a send under way gets this long to finish before the kill
QUICK_EXIT_SECONDS = 10  # a worker that ran shorter than this counts as dying at once
MAX_RESTART_DELAY = 30.0


class WorkerProcess:
    """A supervised `planner worker` child: started, restarted when it dies, stopped with us."""

    def __init__(self, argv: list[str] | None = None) -> None:
        """`argv`: the command to supervise (default: `planner worker` tied to this process)."""
        self._argv = argv or [
            sys.executable,
            "-m",
            "planner.cli",
            "worker",
            "--stop-with",
            str(os.getpid()),
        ]
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._proc: subprocess.Popen | None = None
        self.restarts = 0
        self._thread = threading.Thread(target=self._supervise, name="planner-worker", daemon=True)

    def start(self) -> WorkerProcess:
        """Start the child and its supervisor; returns self so a caller can keep it in one line."""
        self._spawn()
        self._thread.start()
        atexit.register(self.stop)
        return self

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            # A session of its own: Ctrl-C in the terminal reaches the app, which then stops
            # the worker itself (else the worker could exit first and be restarted). The same
            # working folder and environment as the app: the same .env, the same settings.
            self._proc = subprocess.Popen(self._argv, start_new_session=True)

    def _supervise(self) -> None:
        quick_exits = 0
        while not self._stopping.is_set():
            proc, began = self._proc, time.monotonic()
            while proc is not None and proc.poll() is None:
                if self._stopping.wait(0.5):
                    return
            code = proc.returncode if proc is not None else None
            quick_exits = quick_exits + 1 if time.monotonic() - began < QUICK_EXIT_SECONDS else 0
            delay = min(MAX_RESTART_DELAY, 0.5 * 2**quick_exits)
            print(
                f"planner: publishing worker exited (code {code}); restarting in {delay:.1f} s",
                file=sys.stderr,
                flush=True,
            )
            if self._stopping.wait(delay):
                return
            self._spawn()
            self.restarts += 1

    def stop(self, timeout: float = STOP_GRACE_SECONDS) -> None:
        """Terminate the child (sends under way finish), kill it after `timeout`, and wait."""
        with self._lock:
            self._stopping.set()
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(5)

    @property
    def pid(self) -> int | None:
        """The current child's process id (a new one after each restart)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None


_embedded: WorkerProcess | None = None
_embedded_lock = threading.Lock()


def ensure_embedded_worker(settings: Settings | None = None) -> WorkerProcess | None:
    """Start this app process's one worker process (if enabled) and return it; later calls
    reuse it."""
    global _embedded
    settings = settings or get_settings()
    if not settings.embedded_worker:
        return None
    with _embedded_lock:
        if _embedded is None:
            _embedded = WorkerProcess().start()
        return _embedded
