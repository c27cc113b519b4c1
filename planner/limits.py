"""What each platform accepts, as data: the one list of platforms and their documented limits.

Validation, the image renderer, the adapters and their sandbox stand-ins all read this
table. It imports nothing from `planner.platforms`, so checking a text or rendering an
image never loads an adapter (or tweepy).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

# What planner itself accepts from a browser, in MB. Each upload box passes its own limit
# (`max_upload_size`), so the box says what the page says; the web server's ceiling
# (`server.maxUploadSize` in .streamlit/config.toml, and what `planner serve` passes) is
# UPLOAD_LIMIT_MB. tests/test_upload_limits.py keeps the three equal.
PHOTO_UPLOAD_MB = 20  # one photo, cover or logo
IMPORT_UPLOAD_MB = 50  # a spreadsheet or a catalogue export
UPLOAD_LIMIT_MB = max(PHOTO_UPLOAD_MB, IMPORT_UPLOAD_MB)


@dataclass(frozen=True)
class Limits:
    """What a platform accepts; validation and the image renderer read these as data."""

    max_chars: int
    weighted_length: bool = False  # X counts by the twitter-text rules
    graphemes: bool = False  # Bluesky counts what a reader sees as one character
    threads: bool = False  # a long text may go out as a reply chain (a thread)
    max_images: int = 1
    max_image_bytes: int = 5 * 1024 * 1024
    image_types: tuple[str, ...] = ("image/jpeg", "image/png")
    requires_image: bool = False
    max_hashtags: int | None = None
    max_mentions: int | None = None
    max_alt_text: int = 1000
    aspect_ratio_range: tuple[float, float] | None = None  # width / height


@dataclass(frozen=True)
class MediaItem:
    """An image to attach, already rendered and stored."""

    path: Path
    alt_text: str = ""
    mime: str = "image/jpeg"
    public_url: str | None = None


LIMITS: dict[str, Limits] = {
    "x": Limits(
        max_chars=280,
        weighted_length=True,
        max_images=4,
        max_image_bytes=5 * MB,
        # GIFs need X's chunked upload (animated media); stills go as JPEG, PNG or WebP.
        image_types=("image/jpeg", "image/png", "image/webp"),
        threads=True,
    ),
    "facebook": Limits(
        max_chars=63_206,
        max_images=10,
        max_image_bytes=10 * MB,
        image_types=("image/jpeg", "image/png", "image/gif"),
    ),
    "instagram": Limits(
        max_chars=2_200,
        max_images=10,
        max_image_bytes=8 * MB,
        image_types=("image/jpeg",),
        requires_image=True,
        max_hashtags=30,
        max_mentions=20,
        aspect_ratio_range=(0.8, 1.91),
    ),
    # Threads (Meta): 500 characters; JPEG or PNG up to 8 MB, fetched by Threads from a
    # public URL like Instagram's; a carousel takes 2-20 items; replies make a thread.
    "threads": Limits(
        max_chars=500,
        max_images=20,
        max_image_bytes=8 * MB,
        image_types=("image/jpeg", "image/png"),
        threads=True,
    ),
    # Bluesky: 300 graphemes (app.bsky.feed.post's maxGraphemes); four images per post as
    # blobs of at most 1,000,000 bytes each (app.bsky.embed.images); replies make a thread.
    "bluesky": Limits(
        max_chars=300,
        graphemes=True,
        max_images=4,
        max_image_bytes=1_000_000,
        image_types=("image/jpeg", "image/png", "image/webp"),
        max_alt_text=2000,
        threads=True,
    ),
}

# A template with no text of its own for a platform borrows this one's (and is validated
# against the borrowing platform's limits): Threads reads like an Instagram caption, a
# Bluesky post like a post on X.
TEXT_FROM: dict[str, str] = {"threads": "instagram", "bluesky": "x"}


PLATFORMS: tuple[str, ...] = tuple(LIMITS)


def limits_for(platform: str) -> Limits:
    """The limits of `platform`; a clear error for a name we do not know."""
    try:
        return LIMITS[platform]
    except KeyError as exc:
        raise ValueError(f"unknown platform {platform!r}") from exc


def media_problems(
    item: MediaItem, limits: Limits, *, convertible: tuple[str, ...] = ()
) -> list[str]:
    """Why `item` cannot be attached under `limits` (empty when it can).

    `convertible` lists types the adapter turns into an accepted one itself (Instagram
    re-encodes PNG as JPEG), so they are not refused here.
    """
    path = Path(item.path)
    if not path.is_file():
        return [f"image file {path.name} is missing"]
    problems = []
    if item.mime not in limits.image_types and item.mime not in convertible:
        accepted = ", ".join(t.split("/", 1)[1].upper() for t in limits.image_types)
        problems.append(f"{item.mime} images are not accepted (use {accepted})")
    size = path.stat().st_size
    if size > limits.max_image_bytes:
        problems.append(
            f"image is {size / MB:.1f} MB; the limit is {limits.max_image_bytes / MB:.0f} MB"
        )
    if len(item.alt_text) > limits.max_alt_text:
        problems.append(f"alt text is longer than {limits.max_alt_text} characters")
    return problems
