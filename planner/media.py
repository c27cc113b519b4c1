"""The media library: images stored under the data directory by content hash.

No name a user typed ever becomes part of a path; the same bytes are stored once and a
re-saved or resized copy of a stored photo is pointed out. Every upload is checked before
anything is written, so a refused file leaves no trace. Every stored file loses its
metadata in every frame and chunk, and any data after the image's end (a phone's GPS
position must not travel with a post; see image_metadata.py); thumbnails make the library
page light.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from planner.config import get_settings
from planner.image_metadata import NotStrippable, strip_metadata
from planner.imaging.errors import ImagingError
from planner.imaging.files import write_atomic
from planner.imaging.inputs import ImageInputError, flatten, inspect, looks_like_svg, to_srgb
from planner.limits import MB, PHOTO_UPLOAD_MB
from planner.models import BrandKit, CollectionItem, Event, MediaAsset, Post, PostStatus, PostTarget
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

MAX_UPLOAD_BYTES = PHOTO_UPLOAD_MB * MB
THUMB_SIDE = 320
SIMILAR_DISTANCE = 6  # of 64 bits: a re-saved, resized or lightly edited copy
UPLOAD_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp")
PHOTO_KINDS = ("upload", "cover")
_ORIENTATION = 0x0112
_EXT = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
# A post in one of these states will still be sent: its image must stay.
WAITING = (
    PostStatus.IN_REVIEW,
    PostStatus.APPROVED,
    PostStatus.SCHEDULED,
    PostStatus.PUBLISHING,
    PostStatus.RETRYING,
    PostStatus.NEEDS_ATTENTION,
)


class MediaError(ImagingError):
    """An image that cannot be stored or deleted, with the reason in one sentence."""


class MediaInUse(MediaError):
    """The image is still needed by a post that will be sent or by the brand kit."""


@dataclass(frozen=True)
class Use:
    """Something that uses an image: a post, an event, a collection item or the brand kit."""

    kind: str  # post | event | item | brand
    id: int
    title: str
    status: str = ""
    published: bool = False  # a post of which at least one target went out

    @property
    def blocks_delete(self) -> bool:
        """Whether the image must stay: still to be sent, the logo, or the record of a post."""
        return (
            self.kind == "brand"
            or (self.kind == "post" and self.status in WAITING)
            or self.published
        )


@dataclass(frozen=True)
class Upload:
    asset: MediaAsset
    created: bool  # False: exactly these bytes were already stored
    similar: list[MediaAsset]  # other images that look the same (re-saved, resized)


def asset_path(asset: MediaAsset) -> Path:
    """Where the asset's bytes live on disk."""
    return get_settings().uploads_dir / asset.filename


def thumbnail_path(asset: MediaAsset) -> Path:
    """A small JPEG of the asset for the library grid (made on first use if missing)."""
    path = get_settings().uploads_dir / "thumbs" / asset.sha256[:2] / f"{asset.sha256}.jpg"
    if not path.exists() and asset_path(asset).exists():
        _write_atomic(path, _thumbnail(asset_path(asset).read_bytes()))
    return path


def check_filename(name: str) -> str:
    """The base name of an upload, or MediaError when it is not a plain image file name."""
    if not name or not name.strip():
        raise MediaError("no_name")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise MediaError("control_chars")
    if "/" in name or "\\" in name or name.strip() in (".", "..") or name.startswith(".."):
        raise MediaError("path_name")
    if len(name) > 200:
        raise MediaError("long_name")
    if not name.lower().endswith(UPLOAD_EXTENSIONS):
        raise MediaError("not_image_name")
    return name.strip()


def dhash(img: Image.Image) -> str:
    """A 64-bit difference hash: near-identical pictures get hashes a few bits apart."""
    small = img.convert("L").resize((9, 8), Image.Resampling.BILINEAR)
    px = small.tobytes()
    bits = 0
    for row in range(8):
        for column in range(8):
            bits = (bits << 1) | (px[row * 9 + column] > px[row * 9 + column + 1])
    return f"{bits:016x}"


def _distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img)
        img.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
        flat = flatten(img, (255, 255, 255))
    buf = io.BytesIO()
    flat.info = {}
    flat.save(buf, "JPEG", quality=82)
    return strip_metadata(buf.getvalue())


def _normalised(data: bytes) -> tuple[bytes, str, int, int, str]:
    """Bytes to store, their format, size and dhash.

    Web formats keep their picture bytes as they are (every frame of an animation) and lose
    everything else: EXIF, XMP, text chunks, comments, data after the end of the image. A
    photo that must be turned upright or converted to sRGB, and any other format, is
    re-encoded as PNG (transparency) or JPEG, and that copy is stripped the same way, as
    Pillow's writers copy some metadata back.
    """
    facts = inspect(data)
    with Image.open(io.BytesIO(data)) as img:
        upright_already = img.getexif().get(_ORIENTATION, 1) in (0, 1)
        plain = upright_already and img.mode != "CMYK" and "icc_profile" not in img.info
        if facts.format in _EXT and (plain or facts.frames > 1):
            try:
                stored = strip_metadata(data)
            except NotStrippable as exc:
                if facts.frames > 1:
                    raise ImageInputError("damaged") from exc
            else:
                inspect(stored)  # what is kept must still be the whole picture
                return stored, facts.format, facts.width, facts.height, dhash(img)
        out, fmt = _reencoded(img, facts.has_alpha)
    buf = io.BytesIO()
    if fmt == "PNG":
        out.save(buf, "PNG", compress_level=6)
    else:
        out.save(buf, "JPEG", quality=92, subsampling=0)
    return strip_metadata(buf.getvalue()), fmt, out.width, out.height, dhash(out)


def _reencoded(img: Image.Image, has_alpha: bool) -> tuple[Image.Image, str]:
    """The picture upright and in sRGB, as a fresh image that carries no metadata."""
    upright = ImageOps.exif_transpose(img)
    if has_alpha:
        rgba = upright.convert("RGBA")
        out = to_srgb(rgba.convert("RGB"))
        out.putalpha(rgba.getchannel("A"))
        fmt = "PNG"
    else:
        out, fmt = flatten(upright), "JPEG"
    out.info = {}
    return out, fmt


def _write_atomic(path: Path, data: bytes) -> None:
    """Store a file whole or not at all; a full disk is a MediaError, no *.tmp left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except ImagingError as exc:
        raise MediaError(exc.key, **exc.values) from exc
    except OSError as exc:  # the folder itself could not be made
        raise MediaError("write_failed", name=path.name, reason=exc.strerror or exc) from exc


def store_image(
    session: Session,
    data: bytes,
    *,
    kind: str = "upload",
    original_name: str = "",
    alt_text: str = "",
    uploaded_by_id: int | None = None,
) -> MediaAsset:
    """Store image bytes once (by SHA-256 of what was given) and return the asset row.

    The storage step under every service that keeps an image (upload, draft, logo, cover):
    those check the actor; this only stores.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise MediaError(
            "too_large", mb=round(len(data) / 1_048_576), limit=MAX_UPLOAD_BYTES // 1_048_576
        )
    if looks_like_svg(data):
        raise MediaError("svg")
    digest = hashlib.sha256(data).hexdigest()
    existing = session.exec(select(MediaAsset).where(MediaAsset.sha256 == digest)).first()
    if existing is not None:
        return existing
    try:
        stored, fmt, width, height, phash = _normalised(data)
    except ImageInputError as exc:
        raise MediaError(exc.key, **exc.values) from exc
    filename = f"{digest[:2]}/{digest}{_EXT[fmt]}"
    path = get_settings().uploads_dir / filename
    _write_atomic(path, stored)
    thumb = get_settings().uploads_dir / "thumbs" / digest[:2] / f"{digest}.jpg"
    try:
        _write_atomic(thumb, _thumbnail(stored))
    except MediaError:
        path.unlink(missing_ok=True)  # no row will name it: an image without its thumbnail
        raise
    asset = MediaAsset(
        sha256=digest,
        filename=filename,
        original_name=Path(original_name).name[:200],
        mime=_MIME[fmt],
        width=width,
        height=height,
        size_bytes=len(stored),
        kind=kind,
        alt_text=alt_text,
        phash=phash,
        uploaded_by_id=uploaded_by_id,
    )
    try:
        with session.begin_nested():
            session.add(asset)
    except IntegrityError:
        # Another session stored the same bytes between the look above and this insert (two
        # people making the same draft at once, on PostgreSQL): the same image, file and all.
        return session.exec(select(MediaAsset).where(MediaAsset.sha256 == digest)).one()
    return asset


def similar_assets(session: Session, asset: MediaAsset) -> list[MediaAsset]:
    """Other stored images that look like `asset` (same photo re-saved, resized, recompressed)."""
    if not asset.phash:
        return []
    others = session.exec(
        select(MediaAsset).where(MediaAsset.id != asset.id, MediaAsset.phash != "")
    ).all()
    return [o for o in others if _distance(o.phash, asset.phash) <= SIMILAR_DISTANCE]


def upload_image(
    session: Session,
    data: bytes,
    filename: str,
    *,
    actor: Actor,
    alt_text: str = "",
    kind: str = "upload",
) -> Upload:
    """A person's upload: the name and bytes are checked before anything is written."""
    check(session, actor, Action.UPLOAD_MEDIA, ("media", None))
    name = check_filename(filename)
    digest = hashlib.sha256(data).hexdigest()
    before = session.exec(select(MediaAsset).where(MediaAsset.sha256 == digest)).first()
    asset = store_image(
        session, data, kind=kind, original_name=name, alt_text=alt_text, uploaded_by_id=actor.id
    )
    if before is None:
        audit.record(session, actor, "media.upload", ("media", asset.id), name=name)
    return Upload(asset, before is None, similar_assets(session, asset))


def save_render(session: Session, data: bytes, *, actor: Actor, alt_text: str = "") -> MediaAsset:
    """Keep an image made in the studio in the media library, credited to `actor`."""
    check(session, actor, Action.RENDER_IMAGE, ("media", None))
    asset = store_image(session, data, kind="render", alt_text=alt_text, uploaded_by_id=actor.id)
    audit.record(session, actor, "image.render", ("media", asset.id))
    return asset


def usage(session: Session, asset_id: int) -> list[Use]:
    """Every post, event, collection item and brand kit that uses the image."""
    uses: list[Use] = []
    posts = session.exec(select(Post).where(Post.media_asset_id == asset_id)).all()
    seen = {p.id for p in posts}
    for target in session.exec(select(PostTarget)).all():
        if asset_id in (target.media_ids or []) and target.post_id not in seen:
            post = session.get(Post, target.post_id)
            if post is not None:
                posts.append(post)
                seen.add(post.id)
    for post in posts:
        statuses = session.exec(
            select(PostTarget.status).where(PostTarget.post_id == post.id)
        ).all()
        # A post is waiting while any of its targets still is.
        status = next((s for s in statuses if s in WAITING), post.status)
        published = PostStatus.PUBLISHED in (*statuses, post.status)
        uses.append(Use("post", post.id or 0, post.title, status, published))
    for event in session.exec(select(Event).where(Event.image_asset_id == asset_id)).all():
        uses.append(Use("event", event.id or 0, event.title))
    for item in session.exec(
        select(CollectionItem).where(CollectionItem.cover_asset_id == asset_id)
    ).all():
        uses.append(Use("item", item.id or 0, item.title))
    for kit in session.exec(select(BrandKit).where(BrandKit.logo_asset_id == asset_id)).all():
        uses.append(Use("brand", kit.id or 0, kit.name))
    return uses


def delete_asset(session: Session, asset_id: int, *, actor: Actor) -> None:
    """Delete an image no waiting or published post needs; drafts, events and items lose it.

    The image of a published post is what the library actually put online: it is the record
    of that post (its attempts and metrics point at it), so it is kept, not unlinked.
    """
    check(session, actor, Action.EDIT_MEDIA, ("media", asset_id))
    asset = session.get(MediaAsset, asset_id)
    if asset is None:
        raise MediaError("no_asset", id=asset_id)
    uses = usage(session, asset_id)
    blocking = [u for u in uses if u.blocks_delete]
    if blocking:
        first = blocking[0]
        if first.kind == "brand":
            raise MediaInUse("logo_in_use", id=asset_id)
        if first.status in WAITING:
            raise MediaInUse("in_use", id=asset_id, post=first.id, title=first.title)
        posts = ", ".join(f"#{u.id} ({u.title})" for u in blocking if u.published)
        raise MediaInUse("published_in_use", id=asset_id, posts=posts)
    for post in session.exec(select(Post).where(Post.media_asset_id == asset_id)).all():
        post.media_asset_id = None
        session.add(post)
    for target in session.exec(select(PostTarget)).all():
        if asset_id in (target.media_ids or []):
            target.media_ids = [i for i in target.media_ids if i != asset_id]
            session.add(target)
    for event in session.exec(select(Event).where(Event.image_asset_id == asset_id)).all():
        event.image_asset_id = None
        session.add(event)
    for item in session.exec(
        select(CollectionItem).where(CollectionItem.cover_asset_id == asset_id)
    ).all():
        item.cover_asset_id = None
        session.add(item)
    session.delete(asset)
    audit.record(session, actor, "media.delete", ("media", asset_id), name=asset.original_name)
    session.flush()
    for path in (
        asset_path(asset),
        get_settings().uploads_dir / "thumbs" / asset.sha256[:2] / f"{asset.sha256}.jpg",
    ):
        path.unlink(missing_ok=True)


def list_assets(session: Session, *, kind: str | None = None, limit: int = 200) -> list[MediaAsset]:
    """Stored images, newest first (optionally of one kind: upload, render, cover, logo)."""
    query = select(MediaAsset).order_by(col(MediaAsset.id).desc()).limit(limit)
    if kind:
        query = query.where(MediaAsset.kind == kind)
    return list(session.exec(query).all())


def list_photos(session: Session, *, limit: int = 100) -> list[MediaAsset]:
    """The pictures among the latest `limit` images a layout may show as its photo.

    Uploads and covers are photographs; renders and logos are our own drawings.
    """
    return [a for a in list_assets(session, limit=limit) if a.kind in PHOTO_KINDS]


def set_alt_text(session: Session, asset_id: int, alt_text: str, *, actor: Actor) -> MediaAsset:
    """Change an image's stored description."""
    check(session, actor, Action.EDIT_MEDIA, ("media", asset_id))
    asset = session.get(MediaAsset, asset_id)
    if asset is None:
        raise MediaError("no_asset", id=asset_id)
    asset.alt_text = alt_text.strip()[:1000]
    session.add(asset)
    audit.record(session, actor, "media.edit", ("media", asset_id), field="alt_text")
    session.flush()
    return asset
