"""The media library: images stored under the data directory by content hash.

No name a user typed ever becomes part of a path; the same bytes are stored once.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from PIL import Image
from sqlmodel import Session, select

from planner.config import get_settings
from planner.models import MediaAsset

_EXT = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


class MediaError(ValueError):
    """An image that cannot be stored, with the reason in one sentence."""


def asset_path(asset: MediaAsset) -> Path:
    """Where the asset's bytes live on disk."""
    return get_settings().uploads_dir / asset.filename


def store_image(
    session: Session,
    data: bytes,
    *,
    kind: str = "upload",
    original_name: str = "",
    alt_text: str = "",
) -> MediaAsset:
    """Store image bytes once (by SHA-256) and return the asset row."""
    digest = hashlib.sha256(data).hexdigest()
    existing = session.exec(select(MediaAsset).where(MediaAsset.sha256 == digest)).first()
    if existing is not None:
        return existing
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format or ""
            width, height = img.size
    except Exception as exc:  # Pillow raises many types for bad input
        raise MediaError("This file is not an image that can be read.") from exc
    if fmt not in _EXT:
        raise MediaError(f"Image format {fmt or 'unknown'} is not supported; use JPEG or PNG.")
    filename = f"{digest[:2]}/{digest}{_EXT[fmt]}"
    path = get_settings().uploads_dir / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    asset = MediaAsset(
        sha256=digest,
        filename=filename,
        original_name=Path(original_name).name[:200],
        mime=_MIME[fmt],
        width=width,
        height=height,
        size_bytes=len(data),
        kind=kind,
        alt_text=alt_text,
    )
    session.add(asset)
    session.flush()
    return asset
