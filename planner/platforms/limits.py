"""Each platform's documented limits, as data (the sandbox stand-in of a platform shares them)."""

from __future__ import annotations

from pathlib import Path

from planner.platforms.base import Limits, MediaItem

MB = 1024 * 1024

LIMITS: dict[str, Limits] = {
    "x": Limits(
        max_chars=280,
        weighted_length=True,
        max_images=4,
        max_image_bytes=5 * MB,
        # GIFs need X's chunked upload (animated media); stills go as JPEG, PNG or WebP.
        image_types=("image/jpeg", "image/png", "image/webp"),
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
}


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
