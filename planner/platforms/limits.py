"""Each platform's documented limits, as data (the sandbox stand-in of a platform shares them)."""

from __future__ import annotations

from planner.platforms.base import Limits

MB = 1024 * 1024

LIMITS: dict[str, Limits] = {
    "x": Limits(
        max_chars=280,
        weighted_length=True,
        max_images=4,
        max_image_bytes=5 * MB,
        image_types=("image/jpeg", "image/png", "image/webp", "image/gif"),
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
