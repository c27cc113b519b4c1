"""Rendering many images at once (a month of posts) on every core, with progress.

Cached images are answered at once; the rest go to a process pool (Pillow releases the
GIL only in parts, so processes scale where threads would not). Workers start from a
forkserver, which is safe inside the multi-threaded Streamlit server, and never re-run the
caller's main script (Streamlit's app.py, a CLI, a test runner): only the renderer is
imported in them. One bad input fails its own job with a sentence; the others still finish.
"""

from __future__ import annotations

import atexit
import io
import multiprocessing
import os
import sys
import types
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from threading import Lock

from planner.imaging.brand import Brand
from planner.imaging.cache import RenderCache, default_cache, render_key
from planner.imaging.layouts import LayoutInput, layout_named
from planner.imaging.output import spec_for
from planner.imaging.render import brand_for, render
from planner.imaging.sizes import size_named

Progress = Callable[[int, int], None]
# Below this many uncached images a pool costs more to start than it saves.
MIN_PARALLEL = 4


@dataclass(frozen=True)
class RenderJob:
    layout: str
    size: str
    data: LayoutInput
    brand: Brand | None = None
    fmt: str = "jpeg"
    platform: str | None = None
    name: str = ""  # a label for the result (e.g. the file name to write)


@dataclass(frozen=True)
class JobResult:
    job: RenderJob
    data: bytes | None = None
    mime: str = ""
    error: str | None = None
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.data is not None


@contextmanager
def _without_main_module() -> Iterator[None]:
    """Hide the caller's __main__ while worker processes start.

    multiprocessing re-imports the main script in each new process; for Streamlit that
    script is the app page, for `python script.py` it may be the batch itself. Workers only
    need planner.imaging, so they get an empty main module instead.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _render_uncached(job: RenderJob) -> tuple[bytes | None, str, str | None]:
    """Run one job in a worker process; errors travel back as one sentence."""
    try:
        out = render(
            job.layout,
            job.size,
            job.data,
            job.brand,
            fmt=job.fmt,
            platform=job.platform,
            cache=False,
        )
    except (ValueError, OSError) as exc:
        return None, "", " ".join(str(exc).split()) or exc.__class__.__name__
    return out.data, out.mime, None


_POOL: dict[int, ProcessPoolExecutor] = {}
_POOL_LOCK = Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    """A process pool kept warm between batches (starting one costs about a third of a second)."""
    with _POOL_LOCK:
        pool = _POOL.get(workers)
        if pool is None or getattr(pool, "_broken", False):
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["planner.imaging.render"])
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            _POOL[workers] = pool
        return pool


def _discard_pool() -> None:
    with _POOL_LOCK:
        for pool in _POOL.values():
            pool.shutdown(wait=False, cancel_futures=True)
        _POOL.clear()


atexit.register(_discard_pool)


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check(job: RenderJob) -> str | None:
    try:
        layout_named(job.layout)
        size_named(job.size)
        spec_for(job.fmt, job.platform)
    except ValueError as exc:
        return str(exc)
    return None


def render_batch(
    jobs: Sequence[RenderJob],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cache: RenderCache | bool = True,
) -> list[JobResult]:
    """Render every job; results come back in the jobs' order, progress as (done, total)."""
    total = len(jobs)
    store = default_cache() if cache is True else cache or None
    results: list[JobResult | None] = [None] * total
    pending: list[tuple[int, str | None]] = []
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    for index, job in enumerate(jobs):
        problem = _check(job)
        if problem:
            results[index] = JobResult(job, error=problem)
            step()
            continue
        spec = spec_for(job.fmt, job.platform)
        key = render_key(job.layout, job.size, job.data, brand_for(job.data, job.brand), spec)
        hit = store.get(key, spec.format) if store else None
        if hit is not None:
            results[index] = JobResult(job, hit, spec.mime, cached=True)
            step()
        else:
            pending.append((index, key))

    def record(index: int, key: str | None, outcome: tuple[bytes | None, str, str | None]) -> None:
        data, mime, error = outcome
        job = jobs[index]
        if data is not None and store is not None and key is not None:
            store.put(key, spec_for(job.fmt, job.platform).format, data)
        results[index] = JobResult(job, data, mime, error)
        step()

    count = min(workers or default_workers(), len(pending))
    if count <= 1 or len(pending) < MIN_PARALLEL:
        for index, key in pending:
            record(index, key, _render_uncached(jobs[index]))
    else:
        pool = _pool(count)
        with _without_main_module():  # processes start on the first submissions
            futures = {pool.submit(_render_uncached, jobs[i]): (i, key) for i, key in pending}
        try:
            for future in as_completed(futures):
                index, key = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    outcome = (None, "", "a render worker stopped unexpectedly")
                record(index, key, outcome)
        except BaseException:
            _discard_pool()
            raise
    return [r for r in results if r is not None]


def zip_results(results: Sequence[JobResult]) -> tuple[bytes, int, list[str]]:
    """The rendered images as one zip, how many it holds, and a line per image that failed.

    Stored uncompressed: JPEG and PNG are compressed already, so deflating them again only
    costs time.
    """
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for result in results:
            if result.data is not None:
                zf.writestr(result.job.name, result.data)
    failed = [f"{r.job.name}: {r.error}" for r in results if r.data is None]
    return archive.getvalue(), len(results) - len(failed), failed
