"""Per-platform checks of a post's text and images: errors block scheduling, warnings advise."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from twitter_text import parse_tweet

from planner.platforms.limits import limits_for

HASHTAG = re.compile(r"(?<![\w&])#\w+", re.UNICODE)
MENTION = re.compile(r"(?<![\w@])@\w+", re.UNICODE)


@dataclass
class Problem:
    code: str
    message: dict[str, str]  # locale -> text

    def text(self, locale: str = "id") -> str:
        return self.message.get(locale) or self.message["id"]


@dataclass
class ValidationResult:
    platform: str
    length: int
    limit: int
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self, locale: str = "id") -> dict:
        return {
            "platform": self.platform,
            "length": self.length,
            "limit": self.limit,
            "ok": self.ok,
            "errors": [p.text(locale) for p in self.errors],
            "warnings": [p.text(locale) for p in self.warnings],
        }


def text_length(platform: str, text: str) -> int:
    """Length as the platform counts it (X: twitter-text weighted length)."""
    if limits_for(platform).weighted_length:
        return parse_tweet(text).weightedLength
    return len(text)


def validate(
    platform: str,
    text: str,
    *,
    image_count: int = 0,
    alt_texts: list[str] | None = None,
) -> ValidationResult:
    """Check `text` and its images against `platform`'s limits."""
    limits = limits_for(platform)
    length = text_length(platform, text)
    result = ValidationResult(platform=platform, length=length, limit=limits.max_chars)
    if not text.strip():
        result.errors.append(
            Problem("empty", {"id": "Teks masih kosong.", "en": "The text is empty."})
        )
    if length > limits.max_chars:
        over = length - limits.max_chars
        result.errors.append(
            Problem(
                "too_long",
                {
                    "id": f"Teks terlalu panjang: {length}/{limits.max_chars} karakter "
                    f"(lebih {over}).",
                    "en": f"Text too long: {length}/{limits.max_chars} characters ({over} over).",
                },
            )
        )
    if limits.requires_image and image_count == 0:
        result.errors.append(
            Problem(
                "image_required",
                {
                    "id": f"{platform.title()} wajib memakai gambar.",
                    "en": f"{platform.title()} needs an image.",
                },
            )
        )
    if image_count > limits.max_images:
        result.errors.append(
            Problem(
                "too_many_images",
                {
                    "id": f"Paling banyak {limits.max_images} gambar.",
                    "en": f"At most {limits.max_images} images.",
                },
            )
        )
    hashtags = len(HASHTAG.findall(text))
    if limits.max_hashtags is not None and hashtags > limits.max_hashtags:
        result.errors.append(
            Problem(
                "too_many_hashtags",
                {
                    "id": f"Terlalu banyak tagar: {hashtags} (maksimal {limits.max_hashtags}).",
                    "en": f"Too many hashtags: {hashtags} (at most {limits.max_hashtags}).",
                },
            )
        )
    mentions = len(MENTION.findall(text))
    if limits.max_mentions is not None and mentions > limits.max_mentions:
        result.errors.append(
            Problem(
                "too_many_mentions",
                {
                    "id": f"Terlalu banyak sebutan: {mentions} (maksimal {limits.max_mentions}).",
                    "en": f"Too many mentions: {mentions} (at most {limits.max_mentions}).",
                },
            )
        )
    for alt in (alt_texts or [])[:image_count]:
        if not alt.strip():
            result.errors.append(
                Problem(
                    "alt_missing",
                    {
                        "id": "Setiap gambar perlu teks alternatif (untuk pembaca layar).",
                        "en": "Every image needs alt text (for screen readers).",
                    },
                )
            )
            break
        if len(alt) > limits.max_alt_text:
            result.errors.append(
                Problem(
                    "alt_too_long",
                    {
                        "id": f"Teks alternatif maksimal {limits.max_alt_text} karakter.",
                        "en": f"Alt text may have at most {limits.max_alt_text} characters.",
                    },
                )
            )
            break
    return result
