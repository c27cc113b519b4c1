"""Platform-faithful previews: what a reader sees in the feed before tapping anything.

Each platform cuts a long text at its own point ("… more" on Instagram, "See more" on a
Facebook Page), shows links in its own way (X shortens them) and crops a single image to
the aspect ratios its feed allows. These rules are data (`RULES`); the HTML this module
builds is plain, escaped markup the UI shows as it is.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps
from twitter_text import extract_urls_with_indices

from planner.validation import HASHTAG, MENTION


@dataclass(frozen=True)
class FeedRule:
    """How one platform's feed shows a post."""

    visible_chars: int | None  # characters shown before the "more" link (None: all)
    visible_lines: int | None  # lines shown before the "more" link
    more_label: dict[str, str]
    aspect_range: tuple[float, float]  # width / height the feed shows a single image within
    short_links: bool = False  # links shown shortened (X's display URLs)


RULES: dict[str, FeedRule] = {
    # X shows the whole post (280 weighted characters at most) and single images uncropped
    # between 3:4 and 16:9; links appear as their shortened display form.
    "x": FeedRule(None, None, {"id": "", "en": ""}, (0.75, 16 / 9), short_links=True),
    # A Facebook Page post shows about 477 characters or five lines, then "See more".
    "facebook": FeedRule(477, 5, {"id": "Lihat selengkapnya", "en": "See more"}, (0.8, 1.91)),
    # Instagram shows about 125 characters or two lines of the caption, then "… more";
    # feed images are cropped to between 4:5 and 1.91:1.
    "instagram": FeedRule(125, 2, {"id": "selengkapnya", "en": "more"}, (0.8, 1.91)),
    # Threads and Bluesky show the whole post (500 characters, 300 graphemes) with links as
    # written; a single image keeps its own shape within about 3:4 tall to 16:9 wide (wider
    # or taller ones are cropped in the feed; Bluesky is sent each image's aspectRatio).
    "threads": FeedRule(None, None, {"id": "", "en": ""}, (0.75, 16 / 9)),
    "bluesky": FeedRule(None, None, {"id": "", "en": ""}, (0.75, 16 / 9)),
}
DISPLAY_URL_LENGTH = 23


@dataclass
class Segment:
    """A run of text and what it is: plain text, a link, a hashtag or a mention."""

    text: str
    kind: str = "text"


@dataclass
class Preview:
    """The visible part of a post in one platform's feed, and how its image is cropped."""

    platform: str
    segments: list[Segment]
    truncated: bool
    more_label: str
    crop: tuple[int, int, int, int] | None = None  # pixel box of the original image shown
    hidden_text: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def visible_text(self) -> str:
        return "".join(s.text for s in self.segments)


def cut_point(text: str, rule: FeedRule) -> int | None:
    """Where the feed cuts `text` (an index), or None when all of it shows."""
    line_cut: int | None = None
    if rule.visible_lines is not None:
        breaks = [m.start() for m in re.finditer("\n", text)]
        if len(breaks) >= rule.visible_lines:
            line_cut = breaks[rule.visible_lines - 1]
    char_cut: int | None = None
    if rule.visible_chars is not None and len(text) > rule.visible_chars:
        # Do not cut inside a word: step back to the last space when one is close.
        space = text.rfind(" ", max(0, rule.visible_chars - 15), rule.visible_chars + 1)
        char_cut = space if space > 0 else rule.visible_chars
    cuts = [c for c in (line_cut, char_cut) if c is not None]
    if not cuts or min(cuts) >= len(text.rstrip()):
        return None
    return min(cuts)


def display_url(url: str) -> str:
    """A link as X shows it: no scheme or www, at most 23 characters with an ellipsis."""
    short = re.sub(r"^https?://(www\.)?", "", url)
    return short if len(short) <= DISPLAY_URL_LENGTH else short[: DISPLAY_URL_LENGTH - 1] + "…"


def segments(text: str, *, short_links: bool = False) -> list[Segment]:
    """`text` split into plain runs, links, hashtags and mentions."""
    marks: list[tuple[int, int, str]] = []
    for found in extract_urls_with_indices(text):
        start, end = found["indices"]
        marks.append((start, end, "url"))
    for kind, pattern in (("hashtag", HASHTAG), ("mention", MENTION)):
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e, _ in marks):
                marks.append((match.start(), match.end(), kind))
    out: list[Segment] = []
    pos = 0
    for start, end, kind in sorted(marks):
        if start > pos:
            out.append(Segment(text[pos:start]))
        shown = text[start:end]
        out.append(Segment(display_url(shown) if kind == "url" and short_links else shown, kind))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def crop_box(width: int, height: int, platform: str) -> tuple[int, int, int, int]:
    """The centred part of a width×height image that `platform`'s feed shows."""
    low, high = RULES[platform].aspect_range
    aspect = width / height
    if aspect < low:  # too tall: keep the full width, cut top and bottom
        shown = round(width / low)
        top = (height - shown) // 2
        return (0, top, width, top + shown)
    if aspect > high:  # too wide: keep the full height, cut the sides
        shown = round(height * high)
        left = (width - shown) // 2
        return (left, 0, left + shown, height)
    return (0, 0, width, height)


def build_preview(
    platform: str, text: str, *, image_size: tuple[int, int] | None = None, locale: str = "id"
) -> Preview:
    """What `platform`'s feed shows of `text` (and of an image of `image_size`)."""
    rule = RULES[platform]
    cut = cut_point(text, rule)
    visible = text if cut is None else text[:cut].rstrip()
    preview = Preview(
        platform=platform,
        segments=segments(visible, short_links=rule.short_links),
        truncated=cut is not None,
        more_label=rule.more_label.get(locale) or rule.more_label["id"],
        hidden_text=text[cut:] if cut is not None else "",
    )
    if image_size is not None:
        preview.crop = crop_box(*image_size, platform)
        if preview.crop != (0, 0, *image_size):
            preview.notes.append(
                "Gambar dipotong di linimasa." if locale == "id" else "The feed crops the image."
            )
    return preview


def _thumbnail(path: Path, box: tuple[int, int, int, int] | None, width: int = 480) -> str:
    """The cropped preview image as a data URI, made once per file version, crop and width
    (the compose page shows three previews on every run; decoding and re-encoding a full
    image each time was a tenth of the server's CPU under load)."""
    stat = path.stat()
    return _thumbnail_of(str(path), stat.st_mtime_ns, stat.st_size, box and tuple(box), width)


@lru_cache(maxsize=64)
def _thumbnail_of(path: str, _mtime_ns: int, _size: int, box: tuple | None, width: int) -> str:
    with Image.open(path) as src:
        img = ImageOps.exif_transpose(src).convert("RGB").crop(box)
        img.thumbnail((width, width * 3))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


# Links, hashtags and mentions in a darker blue than X's own #1d9bf0 (3.0:1 on white): 5.7:1.
_COLOURS = {"url": "#0b63b5", "hashtag": "#0b63b5", "mention": "#0b63b5"}
_CARD = {
    "x": "border:1px solid #cfd9de;border-radius:16px;font-family:system-ui,sans-serif",
    "facebook": "border:1px solid #dddfe2;border-radius:8px;font-family:Helvetica,Arial,sans-serif",
    "instagram": "border:1px solid #dbdbdb;border-radius:4px;font-family:system-ui,sans-serif",
    "threads": "border:1px solid #d9d9d9;border-radius:12px;font-family:system-ui,sans-serif",
    "bluesky": "border:1px solid #d4dbe2;border-radius:12px;font-family:system-ui,sans-serif",
}


def preview_html(
    preview: Preview,
    *,
    account: str,
    handle: str = "",
    image: Path | None = None,
    alt_text: str = "",
) -> str:
    """A small feed card as escaped HTML (no scripts, no remote resources)."""
    body = "".join(
        f'<span style="color:{_COLOURS[s.kind]}">{html.escape(s.text)}</span>'
        if s.kind in _COLOURS
        else html.escape(s.text)
        for s in preview.segments
    ).replace("\n", "<br>")
    if preview.truncated:
        body += f'… <span style="color:#737373">{html.escape(preview.more_label)}</span>'
    who = f"<b>{html.escape(account)}</b>"
    if handle:
        who += f' <span style="color:#536471">{html.escape(handle)}</span>'
    picture = ""
    if image is not None and preview.crop is not None:
        picture = (
            f'<img src="{_thumbnail(image, preview.crop)}" alt="{html.escape(alt_text)}" '
            'style="width:100%;display:block;border-radius:8px;margin-top:8px">'
        )
    if preview.platform == "instagram":
        # Instagram puts the picture first and the caption under it, after the name.
        inner = f"<div>{who}</div>{picture}<div style='margin-top:8px'>{who} {body}</div>"
    else:
        inner = f"<div>{who}</div><div style='margin-top:6px'>{body}</div>{picture}"
    return (
        f'<div class="planner-preview" data-platform="{preview.platform}" '
        f'style="{_CARD[preview.platform]};padding:12px;max-width:520px;font-size:15px;'
        f'line-height:1.35;background:#fff;color:#0f1419">{inner}</div>'
    )
