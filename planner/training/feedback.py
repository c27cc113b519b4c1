"""Automatic feedback on a practice post: a checklist, each item scored with one line of advice.

Every check calls the code the real tools use (validation's twitter-text counting and event
facts, the review checklist's placeholder alt texts, contrast measured on the rendered pixels,
the feed's image crop and the size presets); nothing here re-implements those rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from twitter_text import extract_urls

from planner.i18n import t
from planner.imaging.canvas import Drawn
from planner.imaging.contrast import MIN_CONTRAST, measured_min_contrast
from planner.imaging.sizes import SIZES
from planner.limits import limits_for
from planner.models import utcnow
from planner.previews import crop_box
from planner.review.checklist import is_placeholder
from planner.validation import EventFacts, hashtags_in, validate

MIN_TAGS, MAX_TAGS = 1, 5
MIN_IMAGE_WIDTH = min(preset.width for preset in SIZES.values())
# Words that ask the reader to do something (Indonesian and English), matched as whole words.
CALL_TO_ACTION = re.compile(
    r"\b(yuk|ayo|mari|daftar(kan)?|datang(lah)?|pinjam(lah)?|kunjungi|ikuti|bagikan|tulis(kan)?"
    r"|ceritakan|klik|hubungi|simak|gabung|tonton|bacalah|cek|tautan di bio"
    r"|come|register|sign up|borrow|visit|join|share|tell us|click|follow|watch|book now"
    r"|link in bio|check out)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"(?<![#@\w])[^\W\d_]{2,}\b", re.UNICODE)
SHOUTING_SHARE = 0.5  # more than half the words in capitals reads as shouting
SAME_AS_CAPTION = 0.8  # an alt text this similar to a caption is a copy of it


@dataclass
class Answer:
    """A practice post: texts per platform, its image and alt text, the link it carries."""

    texts: dict[str, str]
    alt_text: str = ""
    link: str = ""
    image_name: str = ""  # the uploaded file's own name (alt text must not be it)
    image_size: tuple[int, int] | None = None
    drawn: Drawn | None = None  # a studio render kept with its background, for contrast


@dataclass(frozen=True)
class Brief:
    """What the exercise asks for."""

    platforms: tuple[str, ...]
    announces_event: bool = False
    needs_link: bool = False
    event: EventFacts | None = None


@dataclass
class Item:
    """One checklist line: None as score means the item does not apply to this answer."""

    code: str
    score: float | None
    advice: str  # i18n key under training.check.
    values: dict[str, Any] = field(default_factory=dict)

    def title(self, locale: str) -> str:
        return t(f"training.item.{self.code}", locale)

    def text(self, locale: str) -> str:
        values = dict(self.values)
        if "platform" in values:
            values["platform"] = t(f"platform.{values['platform']}", locale)
        return t(f"training.check.{self.advice}", locale, **values)

    def as_dict(self) -> dict[str, Any]:
        """Stored with the submission, so the advice can be shown in any language later."""
        return {
            "code": self.code,
            "score": self.score,
            "advice": self.advice,
            "values": self.values,
        }


def item_from(data: dict[str, Any]) -> Item:
    """An Item from its stored form."""
    return Item(data["code"], data["score"], data["advice"], dict(data.get("values") or {}))


def _texts(answer: Answer, brief: Brief) -> dict[str, str]:
    return {p: answer.texts.get(p, "") for p in brief.platforms}


def check_length(answer: Answer, brief: Brief) -> Item:
    for platform, text in _texts(answer, brief).items():
        result = validate(platform, text)
        codes = {p.code for p in result.errors}
        if "empty" in codes:
            return Item("length", 0.0, "length.empty", {"platform": platform})
        if "too_long" in codes:
            over = result.length - result.limit
            return Item("length", 0.0, "length.over", {"platform": platform, "over": over})
    return Item("length", 1.0, "length.ok")


def check_hashtags(answer: Answer, brief: Brief) -> Item:
    for platform, text in _texts(answer, brief).items():
        tags = hashtags_in(text)
        folded = [tag.casefold() for tag in tags]
        if len(tags) < MIN_TAGS:
            return Item("hashtags", 0.0, "hashtags.none", {"platform": platform})
        if len(tags) > MAX_TAGS:
            return Item(
                "hashtags", 0.0, "hashtags.many", {"platform": platform, "count": len(tags)}
            )
        if len(set(folded)) < len(folded):
            return Item("hashtags", 0.5, "hashtags.repeated", {"platform": platform})
    return Item("hashtags", 1.0, "hashtags.ok")


def check_call_to_action(answer: Answer, brief: Brief) -> Item:
    missing = [p for p, text in _texts(answer, brief).items() if not CALL_TO_ACTION.search(text)]
    if missing:
        return Item("call_to_action", 0.0, "cta.missing", {"platform": missing[0]})
    return Item("call_to_action", 1.0, "cta.ok")


def check_event_facts(answer: Answer, brief: Brief) -> Item:
    if not brief.announces_event:
        return Item("event_facts", None, "event.na")
    # Without an event from the library's data there is no place to look for: date and time only.
    facts = brief.event or EventFacts(starts_at=utcnow(), place="", tz=ZoneInfo("UTC"))
    for platform, text in _texts(answer, brief).items():
        warned = [p.code for p in validate(platform, text, event=facts).warnings]
        missing = [code.removeprefix("event_no_") for code in warned if code.startswith("event_no")]
        if missing:
            return Item("event_facts", 0.0, f"event.no_{missing[0]}", {"platform": platform})
    return Item("event_facts", 1.0, "event.ok")


def _same_as_caption(alt: str, texts: dict[str, str]) -> bool:
    plain = " ".join(alt.casefold().split())
    for text in texts.values():
        caption = " ".join(text.casefold().split())
        if plain and (
            plain in caption or SequenceMatcher(None, plain, caption).ratio() >= SAME_AS_CAPTION
        ):
            return True
    return False


def check_alt_text(answer: Answer, brief: Brief) -> Item:
    if answer.image_size is None and answer.drawn is None:
        return Item("alt_text", None, "alt.na")
    alt = answer.alt_text.strip()
    if not alt:
        return Item("alt_text", 0.0, "alt.missing")
    names = {answer.image_name.casefold(), Path(answer.image_name).stem.casefold()} - {""}
    if alt.casefold() in names:
        return Item("alt_text", 0.0, "alt.file_name")
    if is_placeholder(alt):
        return Item("alt_text", 0.0, "alt.placeholder", {"alt": alt})
    if _same_as_caption(alt, _texts(answer, brief)):
        return Item("alt_text", 0.0, "alt.caption")
    return Item("alt_text", 1.0, "alt.ok")


def lowest_contrast(drawn: Drawn) -> float:
    """The worst contrast of any text against the pixels really behind it in a render."""
    background = drawn.background
    if background is None:
        raise ValueError("render with keep_background=True to measure contrast")
    ratios = [measured_min_contrast(background, op.fitted.box, op.fill) for op in drawn.texts]
    return min(ratios, default=21.0)


def check_contrast(answer: Answer, brief: Brief) -> Item:
    if answer.drawn is None:
        return Item("contrast", None, "contrast.na")
    ratio = round(lowest_contrast(answer.drawn), 2)
    if ratio < MIN_CONTRAST:
        return Item("contrast", 0.0, "contrast.low", {"ratio": f"{ratio:.1f}"})
    return Item("contrast", 1.0, "contrast.ok", {"ratio": f"{ratio:.1f}"})


def shouting(text: str) -> bool:
    """True when most words (hashtags, mentions and links left out) are in capitals."""
    without_links = text
    for url in extract_urls(text):
        without_links = without_links.replace(url, " ")
    words = [w for w in _WORD.findall(without_links) if len(w) >= 3]
    loud = [w for w in words if w.isupper()]
    return bool(words) and len(loud) / len(words) > SHOUTING_SHARE


def check_capitals(answer: Answer, brief: Brief) -> Item:
    loud = [p for p, text in _texts(answer, brief).items() if shouting(text)]
    if loud:
        return Item("capitals", 0.0, "capitals.shouting", {"platform": loud[0]})
    return Item("capitals", 1.0, "capitals.ok")


def check_link(answer: Answer, brief: Brief) -> Item:
    if not brief.needs_link:
        return Item("link", None, "link.na")
    if answer.link.strip() or any(extract_urls(text) for text in _texts(answer, brief).values()):
        return Item("link", 1.0, "link.ok")
    return Item("link", 0.0, "link.missing")


def check_image_size(answer: Answer, brief: Brief) -> Item:
    size = answer.image_size
    if size is None:
        needs = [p for p in brief.platforms if limits_for(p).requires_image]
        if needs:
            return Item("image_size", 0.0, "size.required", {"platform": needs[0]})
        return Item("image_size", None, "size.na")
    width, height = size
    if width < MIN_IMAGE_WIDTH:
        return Item("image_size", 0.5, "size.small", {"width": width, "min": MIN_IMAGE_WIDTH})
    for platform in brief.platforms:
        if crop_box(width, height, platform) != (0, 0, width, height):
            return Item("image_size", 0.5, "size.cropped", {"platform": platform})
    return Item("image_size", 1.0, "size.ok", {"size": f"{width}×{height}"})


CHECKS: tuple[Callable[[Answer, Brief], Item], ...] = (
    check_length,
    check_hashtags,
    check_call_to_action,
    check_event_facts,
    check_alt_text,
    check_contrast,
    check_capitals,
    check_link,
    check_image_size,
)


def feedback(answer: Answer, brief: Brief) -> list[Item]:
    """The checklist for `answer`, one item per check, in a fixed order."""
    return [check(answer, brief) for check in CHECKS]


def score(items: list[Item]) -> float | None:
    """0–100 over the items that apply (None when none do)."""
    scored = [item.score for item in items if item.score is not None]
    return round(100 * sum(scored) / len(scored), 1) if scored else None
