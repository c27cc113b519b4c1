"""The pre-approval checklist: what must be true of a post before anyone may approve it.

Every image needs alt text that describes it (not a placeholder such as "gambar" or a file
name), and an image marked as showing identifiable people needs their consent recorded:
a library must not publish patrons, least of all children, without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from planner.i18n import LOCALES, t
from planner.lifecycle import S
from planner.models import MediaAsset, Post, PostTarget

# Alt texts that say nothing about the picture (compared lower-case, punctuation removed).
PLACEHOLDER_ALTS = frozenset(
    {
        "alt", "alt text", "alttext", "teks alt", "teks alternatif", "deskripsi", "description",
        "gambar", "foto", "image", "photo", "picture", "pic", "img", "poster", "banner",
        "logo", "untitled", "tanpa judul", "placeholder", "todo", "tbd", "tba", "xxx", "test",
        "tes", "coba", "lorem ipsum", "isi nanti", "nanti", "belum ada", "none", "null",
    }
)  # fmt: skip
MIN_ALT_CHARS = 10  # shorter than "Logo perpustakaan" cannot describe a picture
_FILE_NAME = re.compile(r"^\S+\.(jpe?g|png|gif|webp|heic|tiff?|bmp)$", re.IGNORECASE)
_CAMERA_NAME = re.compile(r"^(img|dsc|dscn|dcim|pxl|wa|photo|screenshot)[\s_-]*\d", re.IGNORECASE)
_NUMBERED = re.compile(r"^(gambar|foto|image|photo|picture)\s*\d+$")


@dataclass(frozen=True)
class Problem:
    """One unmet checklist item, worded from i18n 'review.check.<code>'."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, locale: str) -> str:
        return t(f"review.check.{self.code}", locale, **self.values)

    def worded(self) -> dict[str, str]:
        """The problem in every language (for ReviewError)."""
        return {loc: self.text(loc) for loc in LOCALES}


def is_placeholder(alt: str) -> bool:
    """True when `alt` is empty, a stock word, a file or camera name, or too short to describe."""
    plain = " ".join(re.sub(r"[^\w\s.]", " ", alt.lower()).split()).strip(" .")
    if not plain or plain in PLACEHOLDER_ALTS or _NUMBERED.match(plain):
        return True
    if _FILE_NAME.match(alt.strip()) or _CAMERA_NAME.match(plain):
        return True
    return len(plain) < MIN_ALT_CHARS


def _images(session: Session, post: Post) -> list[tuple[int, str]]:
    """(asset id, alt text) for every image the post would publish, each pair once."""
    targets = session.exec(
        select(PostTarget)
        .where(PostTarget.post_id == post.id)
        .where(PostTarget.status != S.CANCELLED.value)
        .order_by(PostTarget.id)
    ).all()
    pairs = [(media_id, target.alt_text) for target in targets for media_id in target.media_ids]
    if not targets and post.media_asset_id:
        pairs.append((post.media_asset_id, post.alt_text))
    return list(dict.fromkeys(pairs))


def problems(session: Session, post: Post) -> list[Problem]:
    """Every checklist item the post fails (empty: it may be approved)."""
    found: list[Problem] = []
    seen_assets: set[int] = set()
    for asset_id, alt in _images(session, post):
        asset = session.get(MediaAsset, asset_id)
        name = f"#{asset_id}"
        if not alt.strip():
            found.append(Problem("alt_missing", {"image": name}))
        elif is_placeholder(alt):
            found.append(Problem("alt_placeholder", {"image": name, "alt": alt.strip()}))
        if asset is None or asset_id in seen_assets:
            continue
        seen_assets.add(asset_id)
        if asset.shows_people and not asset.consent_recorded:
            found.append(Problem("consent_missing", {"image": name}))
    return found
