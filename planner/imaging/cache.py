"""Rendered images cached on disk under a hash of everything that decides their pixels.

The key covers the layout, size, output rules, every input field, the brand kit, the
content of every image file involved, the renderer's version and Pillow's, so a cached file
is only ever reused for exactly the same picture. Old entries are pruned oldest-first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from pathlib import Path
from threading import Lock
from typing import Any

import PIL

from planner.imaging.brand import Brand
from planner.imaging.errors import ImagingError
from planner.imaging.files import write_atomic
from planner.imaging.output import EXTENSION, OutputSpec

# Bump whenever a layout, the text fitting or the encoder settings change what is drawn.
RENDERER_VERSION = "4.0"
_digests: dict[tuple[str, int, int], str] = {}
_digest_lock = Lock()


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes, remembered while its size and mtime stay the same."""
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _digest_lock:
        known = _digests.get(key)
    if known is None:
        known = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        with _digest_lock:
            _digests[key] = known
    return known


def _plain(value: Any) -> Any:
    """JSON-ready form of input values; files are represented by their content hash."""
    if isinstance(value, Path):
        return {"file": file_digest(value)} if value.is_file() else {"missing": str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def render_key(layout: str, size: str, data: Any, brand: Brand, spec: OutputSpec) -> str:
    """The cache key of one render: a hex SHA-256."""
    fields = {f.name: getattr(data, f.name) for f in dataclasses.fields(data) if f.name != "brand"}
    logo = brand.logo_path()
    payload = {
        "renderer": RENDERER_VERSION,
        "pillow": PIL.__version__,
        "layout": layout,
        "size": size,
        "output": [spec.format, spec.max_bytes],
        "data": _plain(fields),
        "brand": _plain(brand),
        "logo": file_digest(logo) if logo else None,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class RenderCache:
    """A folder of rendered images named by their key, kept under `max_bytes`."""

    PRUNE_EVERY = 64

    def __init__(self, root: Path, max_bytes: int = 512 * 1024 * 1024) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._puts = 0
        self._lock = Lock()

    def path(self, key: str, fmt: str) -> Path:
        return self.root / key[:2] / f"{key}{EXTENSION[fmt]}"

    def get(self, key: str, fmt: str) -> bytes | None:
        """The cached bytes, or None; a hit counts as a use for pruning."""
        path = self.path(key, fmt)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return data

    def put(self, key: str, fmt: str, data: bytes) -> None:
        """Store bytes atomically (a reader never sees half a file).

        The cache only saves time: when the disk is full the image is simply not cached
        (and no temporary file stays), the render itself still succeeds.
        """
        path = self.path(key, fmt)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except (ImagingError, OSError):
            return
        with self._lock:
            self._puts += 1
            due = self._puts % self.PRUNE_EVERY == 0
        if due:
            self.prune()

    def prune(self) -> int:
        """Remove least recently used files until the cache is within 80% of its budget."""
        files = []
        total = 0
        for sub in self.root.glob("??"):
            for entry in os.scandir(sub):
                if entry.is_file() and not entry.name.endswith(".tmp"):
                    st = entry.stat()
                    files.append((st.st_mtime, st.st_size, entry.path))
                    total += st.st_size
        if total <= self.max_bytes:
            return 0
        removed = 0
        for _, size, path in sorted(files):
            if total <= self.max_bytes * 0.8:
                break
            try:
                os.remove(path)
            except OSError:
                continue
            total -= size
            removed += 1
        return removed


def default_cache() -> RenderCache:
    """The cache under the configured data directory."""
    from planner.config import get_settings

    return RenderCache(get_settings().data_dir / "cache" / "renders")
