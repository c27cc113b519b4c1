"""Public copies of images, for platforms that fetch media themselves (Instagram).

Instagram's API takes an `image_url` and downloads the picture from there, so the image must
be reachable from the internet. planner copies each image it sends into a public folder
(PLANNER_PUBLIC_MEDIA_DIR, default `data/public/`) under a name derived from its content with
the secret key, so nobody can list or guess other files, and builds the URL from
PUBLIC_MEDIA_BASE_URL. Any web server can serve that folder (nginx, Caddy, a bucket), or
Streamlit's own static serving (see docs/platforms.md).
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import requests
from PIL import Image

from planner.config import Settings, get_settings
from planner.image_metadata import strip_metadata
from planner.secrets import secret_box

if TYPE_CHECKING:  # planner.platforms imports this module (Instagram): no import at runtime
    from planner.limits import Limits

JPEG_QUALITY = 92
ASPECT_TOLERANCE = 0.005  # 1080×1350 is exactly 4:5; rounding in other sizes should not fail


class PublicMediaError(ValueError):
    """An image that cannot be offered publicly, with the reason in one sentence."""


@dataclass(frozen=True)
class PublicImage:
    """A JPEG copy in the public folder and the address a platform fetches it from."""

    url: str
    path: Path
    width: int
    height: int


# Why PUBLIC_MEDIA_BASE_URL cannot work, by code; the app words each code in its own language.
URL_ISSUES = {
    "unset": "PUBLIC_MEDIA_BASE_URL is not set: Instagram downloads each image from a public "
    "address, so set it to where the public media folder is served",
    "not_http": "PUBLIC_MEDIA_BASE_URL must be an http(s) address, not {url!r}",
    "local_name": "PUBLIC_MEDIA_BASE_URL points at {host}, which Instagram cannot reach",
    "private_ip": "PUBLIC_MEDIA_BASE_URL points at {host}, a private address Instagram cannot "
    "reach",
}


def base_url_issue(settings: Settings | None = None) -> tuple[str, dict[str, str]] | None:
    """Why PUBLIC_MEDIA_BASE_URL cannot work, as a URL_ISSUES code and its values, or None."""
    settings = settings or get_settings()
    base = (settings.public_media_base_url or "").strip()
    if not base:
        return "unset", {}
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not_http", {"url": base}
    host = parts.hostname
    if host == "localhost" or host.endswith((".local", ".localhost", ".internal", ".lan")):
        return "local_name", {"host": host}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if address.is_private or address.is_loopback or address.is_link_local:
        return "private_ip", {"host": host}
    return None


def base_url_problem(settings: Settings | None = None) -> str | None:
    """Why PUBLIC_MEDIA_BASE_URL cannot work for Instagram, in one English sentence, or None."""
    issue = base_url_issue(settings)
    return None if issue is None else URL_ISSUES[issue[0]].format(**issue[1])


def aspect_problem(width: int, height: int, limits: Limits) -> str | None:
    """Why an image's shape is refused by the platform, or None."""
    if limits.aspect_ratio_range is None or not width or not height:
        return None
    low, high = limits.aspect_ratio_range
    ratio = width / height
    if low - ASPECT_TOLERANCE <= ratio <= high + ASPECT_TOLERANCE:
        return None
    return (
        f"image is {width}×{height} (ratio {ratio:.2f}); Instagram accepts {low:g} (4:5 "
        f"portrait) to {high:g}:1 (landscape): use the square or portrait size"
    )


def as_jpeg(data: bytes) -> tuple[bytes, int, int]:
    """The image as JPEG bytes without metadata or trailing data, and its size.

    A JPEG keeps its picture bytes; anything else is re-encoded. Either way the copy is
    stripped (image_metadata.py): this file is public, and Pillow's writer copies a GIF's or
    PNG's comment into the JPEG it writes.
    """
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if img.format == "JPEG" and img.mode in ("RGB", "L"):
                return strip_metadata(data), width, height
            if img.mode in ("RGBA", "LA", "P"):
                # Transparent areas become white, as they look on a light feed.
                rgba = img.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
            else:
                flat = img.convert("RGB")
            flat.info = {}
            out = io.BytesIO()
            flat.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return strip_metadata(out.getvalue()), width, height
    except (OSError, ValueError) as exc:
        raise PublicMediaError("this file is not an image that can be read") from exc


def publish_image(path: Path, settings: Settings | None = None) -> PublicImage:
    """Copy `path` (as JPEG) into the public folder; the same image always gets the same URL."""
    settings = settings or get_settings()
    problem = base_url_problem(settings)
    if problem:
        raise PublicMediaError(problem)
    data, width, height = as_jpeg(Path(path).read_bytes())
    name = secret_box(settings).name_token(hashlib.sha256(data).digest()) + ".jpg"
    target = settings.public_dir / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, 0o644)  # served by a web server that may run as another user
        os.replace(tmp, target)
    base = (settings.public_media_base_url or "").rstrip("/")
    return PublicImage(url=f"{base}/{name}", path=target, width=width, height=height)


def check_public_url(
    settings: Settings | None = None, session: requests.Session | None = None
) -> str:
    """Fetch a probe image through PUBLIC_MEDIA_BASE_URL; returns its URL or raises why not."""
    settings = settings or get_settings()
    probe = Image.new("RGB", (8, 8), (0, 94, 184))
    buffer = io.BytesIO()
    probe.save(buffer, "JPEG")
    folder = settings.public_dir
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / ".probe-source.jpg"
    source.write_bytes(buffer.getvalue())
    try:
        image = publish_image(source, settings)
    finally:
        source.unlink(missing_ok=True)
    http = session or requests.Session()
    try:
        response = http.get(image.url, timeout=settings.platform_timeout_seconds)
    except requests.RequestException as exc:
        raise PublicMediaError(
            f"{image.url} could not be fetched: {exc.__class__.__name__}"
        ) from exc
    if response.status_code != 200:
        raise PublicMediaError(f"{image.url} answered HTTP {response.status_code}, not the image")
    if response.content != image.path.read_bytes():
        raise PublicMediaError(f"{image.url} did not return the probe image")
    return image.url
