"""Image files on disk: plain names, paths kept inside their folder, atomic writes.

Every place that takes a file name from outside (a spreadsheet's `image` column, a batch
file's `file`) or writes an image (the media library, `planner render`) goes through here,
so a name like `..` or `/etc/passwd`, a symlink out of the folder, or a full disk is refused
in one sentence and never leaves a temporary file behind.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from planner.imaging.errors import ImagingError


def plain_name(name: str) -> str:
    """`name` as a file name without folders; ImagingError for '', '.', '..' or a path."""
    name = name.strip()
    if not name or name in (".", "..") or "\0" in name or Path(name).name != name or "\\" in name:
        raise ImagingError("bad_name", name=name)
    return name


def inside(folder: Path, name: str) -> Path:
    """The file `name` inside `folder` (following symlinks only while they stay inside).

    The refusal is the same whether or not the file exists, so a spreadsheet cannot be used
    to learn what is on the server.
    """
    if not name.strip() or Path(name).is_absolute() or ".." in Path(name).parts:
        raise ImagingError("outside_folder", name=name)
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or path == root:
        raise ImagingError("outside_folder", name=name)
    if not path.is_file():
        raise ImagingError("not_in_folder", name=name)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; the temporary file never stays behind."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise ImagingError("disk_full", name=path.name) from exc
        raise ImagingError("write_failed", name=path.name, reason=exc.strerror or exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
