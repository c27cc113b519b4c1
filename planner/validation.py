r"""Per-platform checks of a post's text and images: errors block scheduling, warnings advise.

Lengths are counted the way each platform counts them: X by the twitter-text rules (the
maintained `twitter-text-parser` package: URLs weigh 23, emoji and CJK weigh 2), Bluesky in
graphemes (what a reader sees as one character: an emoji with skin tone or a flag is one;
counted with the `regex` package's Unicode `\X`), Facebook, Instagram and Threads in
characters. The limits themselves are data in planner/limits.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import regex
from twitter_text import extract_urls, parse_tweet

from planner.limits import limits_for

HASHTAG = re.compile(r"(?<![\w&])#\w+", re.UNICODE)
MENTION = re.compile(r"(?<![\w@])@\w+", re.UNICODE)
# X's own advice: one or two hashtags; more reads as spam and is engaged with less.
X_HASHTAG_ADVICE = 3
_MONTHS = (
    r"jan(uari|uary)?|feb(ruari|ruary)?|mar(et|ch)?|apr(il)?|mei|may|jun[ei]?|jul[iy]?"
    r"|agu(stus)?|aug(ust)?|sep(tember)?|okt(ober)?|oct(ober)?|nov(ember)?|des(ember)?"
    r"|dec(ember)?"
)
_DAYS = (
    r"senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_RELATIVE_DAYS = r"besok|lusa|hari ini|malam ini|tomorrow|today|tonight"
DATE_WORD = re.compile(
    rf"\b({_MONTHS}|{_DAYS}|{_RELATIVE_DAYS})\b|\b\d{{1,2}}[/-]\d{{1,2}}([/-]\d{{2,4}})?\b"
    rf"|\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\b",
    re.IGNORECASE,
)
TIME_WORD = re.compile(r"\b([01]?\d|2[0-3])[.:][0-5]\d\b|\b(pukul|jam)\s+\d", re.IGNORECASE)

MESSAGES: dict[str, dict[str, str]] = {
    "empty": {"id": "Teks masih kosong.", "en": "The text is empty."},
    "thread": {
        "id": "Akan dikirim sebagai utas (thread) berisi {parts} unggahan.",
        "en": "Will be posted as a thread of {parts} posts.",
    },
    "too_long": {
        "id": "Teks terlalu panjang: {length}/{limit} karakter (lebih {over}).",
        "en": "Text too long: {length}/{limit} characters ({over} over).",
    },
    "image_required": {
        "id": "{platform} wajib memakai gambar.",
        "en": "{platform} needs an image.",
    },
    "too_many_images": {"id": "Paling banyak {limit} gambar.", "en": "At most {limit} images."},
    "too_many_hashtags": {
        "id": "Terlalu banyak tagar: {count} (maksimal {limit}).",
        "en": "Too many hashtags: {count} (at most {limit}).",
    },
    "too_many_mentions": {
        "id": "Terlalu banyak sebutan: {count} (maksimal {limit}).",
        "en": "Too many mentions: {count} (at most {limit}).",
    },
    "alt_missing": {
        "id": "Setiap gambar perlu teks alternatif (untuk pembaca layar).",
        "en": "Every image needs alt text (for screen readers).",
    },
    "alt_too_long": {
        "id": "Teks alternatif maksimal {limit} karakter (sekarang {length}).",
        "en": "Alt text may have at most {limit} characters (now {length}).",
    },
    "event_no_date": {
        "id": "Unggahan acara ini tidak menyebut tanggalnya.",
        "en": "This event post does not say the date.",
    },
    "event_no_time": {
        "id": "Unggahan acara ini tidak menyebut jamnya.",
        "en": "This event post does not say the time.",
    },
    "event_no_place": {
        "id": "Unggahan acara ini tidak menyebut tempatnya ({place}).",
        "en": "This event post does not say where it is ({place}).",
    },
    "x_hashtags": {
        "id": "Di X, paling banyak tiga tagar sudah cukup; {count} tagar terkesan spam.",
        "en": "On X up to three hashtags are enough; {count} looks like spam.",
    },
    "instagram_links": {
        "id": "Tautan di keterangan Instagram tidak bisa diklik; tulis 'tautan di bio'.",
        "en": "Links in Instagram captions cannot be clicked; say 'link in bio' instead.",
    },
}


@dataclass
class Problem:
    code: str
    message: dict[str, str]  # locale -> text

    def text(self, locale: str = "id") -> str:
        return self.message.get(locale) or self.message["id"]


def problem(code: str, **values: object) -> Problem:
    """A Problem with its message in every language, placeholders filled."""
    return Problem(code, {lang: text.format(**values) for lang, text in MESSAGES[code].items()})


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


@dataclass(frozen=True)
class EventFacts:
    """What an announcement of an event to come should tell its readers."""

    starts_at: datetime
    place: str
    tz: ZoneInfo


GRAPHEME = regex.compile(r"\X")


def text_length(platform: str, text: str) -> int:
    """Length as the platform counts it (X: twitter-text weighted length; Bluesky: graphemes)."""
    limits = limits_for(platform)
    if limits.weighted_length:
        return parse_tweet(text).weightedLength
    if limits.graphemes:
        return len(GRAPHEME.findall(text))
    return len(text)


def hashtags_in(text: str) -> list[str]:
    """The hashtags in `text`, in order."""
    return HASHTAG.findall(text)


def mentions_in(text: str) -> list[str]:
    """The @mentions in `text`, in order."""
    return MENTION.findall(text)


def _place_mentioned(text: str, place: str) -> bool:
    lowered = text.casefold()
    parts = [p.strip().casefold() for p in place.split(",") if p.strip()]
    return not parts or any(p in lowered for p in parts)


def _event_warnings(text: str, facts: EventFacts) -> list[Problem]:
    found = []
    if not DATE_WORD.search(text):
        found.append(problem("event_no_date"))
    if not TIME_WORD.search(text):
        found.append(problem("event_no_time"))
    if facts.place and not _place_mentioned(text, facts.place):
        found.append(problem("event_no_place", place=facts.place.split(",")[0].strip()))
    return found


def _image_problems(
    platform: str, image_count: int, alt_texts: list[str], limit_images: int, max_alt: int
) -> list[Problem]:
    errors = []
    if image_count > limit_images:
        errors.append(problem("too_many_images", limit=limit_images))
    alts = (alt_texts + [""] * image_count)[:image_count]
    if any(not alt.strip() for alt in alts):
        errors.append(problem("alt_missing"))
    too_long = [alt for alt in alts if len(alt) > max_alt]
    if too_long:
        errors.append(problem("alt_too_long", limit=max_alt, length=len(too_long[0])))
    return errors


def validate(
    platform: str,
    text: str,
    *,
    image_count: int = 0,
    alt_texts: list[str] | None = None,
    event: EventFacts | None = None,
    thread: bool = False,
) -> ValidationResult:
    """Check `text` and its images against `platform`'s limits.

    With `thread` (platforms whose limits allow threads: X, Threads, Bluesky) a text over the
    limit is fine when it splits into a thread whose every part fits; the split is the one
    the worker will post (`thread_parts`).

    `alt_texts` holds one text per image; a missing or blank one is an error. Give `event` for
    a post that announces an event still to come: it is then warned about when it does not say
    the date, the time or the place.
    """
    limits = limits_for(platform)
    length = text_length(platform, text)
    result = ValidationResult(platform=platform, length=length, limit=limits.max_chars)
    errors, warnings = result.errors, result.warnings
    if not text.strip():
        errors.append(problem("empty"))
    parts = thread_parts(text, limits.max_chars, platform) if thread and limits.threads else [text]
    if len(parts) > 1:
        warnings.append(problem("thread", parts=len(parts)))
    if max(text_length(platform, part) for part in parts) > limits.max_chars:
        errors.append(
            problem(
                "too_long", length=length, limit=limits.max_chars, over=length - limits.max_chars
            )
        )
    if limits.requires_image and image_count == 0:
        errors.append(problem("image_required", platform=platform.title()))
    errors += _image_problems(
        platform, image_count, list(alt_texts or []), limits.max_images, limits.max_alt_text
    )
    tags = len(hashtags_in(text))
    if limits.max_hashtags is not None and tags > limits.max_hashtags:
        errors.append(problem("too_many_hashtags", count=tags, limit=limits.max_hashtags))
    mentions = len(mentions_in(text))
    if limits.max_mentions is not None and mentions > limits.max_mentions:
        errors.append(problem("too_many_mentions", count=mentions, limit=limits.max_mentions))
    if platform == "x" and tags > X_HASHTAG_ADVICE:
        warnings.append(problem("x_hashtags", count=tags))
    if platform == "instagram" and extract_urls(text):
        warnings.append(problem("instagram_links"))
    if event is not None and text.strip():
        warnings += _event_warnings(text, event)
    return result


def thread_parts(text: str, limit: int = 280, platform: str = "x") -> list[str]:
    """Long text as a thread: parts within `platform`'s limit, split between words (keeping
    line breaks) and numbered "(1/3)"; text that fits stays one post.

    Compose validates with it and the worker posts exactly these parts, counted as the
    platform counts (X: twitter-text weighting, links 23, CJK and emoji 2; Bluesky:
    graphemes).
    """
    if text_length(platform, text) <= limit:
        return [text]
    budget = limit - len(" (99/99)")
    words = text.replace("\n", " \n ").split(" ")
    parts: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current and word != "\n" else current + word
        if current and text_length(platform, candidate.strip()) > budget:
            parts.append(current.strip())
            current = "" if word == "\n" else word
            continue
        current = candidate
    if current.strip():
        parts.append(current.strip())
    parts = [part.replace(" \n ", "\n") for part in parts]
    return [f"{part} ({n}/{len(parts)})" for n, part in enumerate(parts, start=1)]
