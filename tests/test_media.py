"""The media library on SQLite and PostgreSQL: bad uploads leave no trace, duplicates are
found, metadata is stripped, and an image a waiting post needs cannot be deleted."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from planner.brand_kit import save_brand
from planner.config import get_settings
from planner.db import session_scope
from planner.imaging.brand import DEFAULT_BRAND
from planner.media import (
    MediaError,
    MediaInUse,
    asset_path,
    delete_asset,
    list_photos,
    store_image,
    thumbnail_path,
    upload_image,
    usage,
)
from planner.models import MediaAsset, Post, PostTarget, utcnow
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_event, add_sandbox_accounts
from tests.people_helpers import ADMIN
from tests.test_image_pipeline import png_header_only


def photo_bytes(size=(900, 600), quality=90, exif: bytes | None = None) -> bytes:
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    img.paste((200, 40, 40), (size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, **({"exif": exif} if exif else {}))
    return buf.getvalue()


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


GOOD = photo_bytes()
BAD_UPLOADS = {
    "decompression bomb": (png_header_only(30_000, 30_000), "bomb.png", "decompression bomb"),
    "just over the pixel limit": (png_header_only(8_000, 7_000), "wide.png", "megapixels"),
    "truncated": (GOOD[: len(GOOD) // 2], "half.jpg", "incomplete or damaged"),
    "corrupt": (GOOD[:200] + b"\x00" * 5000, "corrupt.jpg", "incomplete or damaged"),
    "not an image": (b"%PDF-1.7 this is a document", "scan.jpg", "not an image"),
    "svg named png": (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logo.png", "SVG"),
    "svg": (b'<?xml version="1.0"?><svg/>', "logo.svg", "image files"),
    "50 MB": (b"\xff\xd8" + b"\x00" * (50 * 1024 * 1024), "huge.jpg", "images of up to 20 MB"),
    "path in the name": (GOOD, "../../etc/passwd", "without folders"),
    "path with an image name": (GOOD, "../../tmp/x.jpg", "without folders"),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_bad_upload_is_refused_and_nothing_is_written(any_db: str, case: str) -> None:
    data, name, message = BAD_UPLOADS[case]
    root = get_settings().uploads_dir
    with pytest.raises(MediaError, match=message) as caught, session_scope() as session:
        upload_image(session, data, name, actor=ADMIN)
    sentence = str(caught.value)
    assert "\n" not in sentence and sentence.endswith(".")
    assert _files(root) == []
    with session_scope() as session:
        assert session.exec(select(MediaAsset)).all() == []


def test_upload_stores_by_content_hash_with_a_thumbnail(any_db: str) -> None:
    with session_scope() as session:
        first = upload_image(session, GOOD, ["..", "foto.jpg"][-1], actor=ADMIN)
        again = upload_image(session, GOOD, "copy-of-foto.jpg", actor=ADMIN)
        asset = first.asset
        assert first.created and not again.created and again.asset.id == asset.id
        path = asset_path(asset)
        assert path.name.startswith(asset.sha256) and path.read_bytes() == GOOD
        assert asset.original_name == "foto.jpg" and asset.phash
        with Image.open(thumbnail_path(asset)) as thumb:
            assert max(thumb.size) == 320


def test_resaved_copy_is_pointed_out_as_similar(any_db: str) -> None:
    with session_scope() as session:
        original = upload_image(session, GOOD, "asli.jpg", actor=ADMIN).asset
        smaller = upload_image(
            session, photo_bytes((600, 400), quality=70), "kecil.jpg", actor=ADMIN
        )
        buf = io.BytesIO()
        Image.effect_noise((600, 600), 80).convert("RGB").save(buf, "JPEG")
        other = upload_image(session, buf.getvalue(), "lain.jpg", actor=ADMIN)
        assert smaller.created and [a.id for a in smaller.similar] == [original.id]
        assert original.id not in [a.id for a in other.similar]


def test_exif_and_gps_are_stripped_but_orientation_kept(any_db: str) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate for viewing
    exif[0x8825] = {2: (6.0, 53.0, 0.0)}  # GPS latitude
    with session_scope() as session:
        asset = upload_image(session, photo_bytes(exif=exif.tobytes()), "hp.jpg", actor=ADMIN).asset
        with Image.open(asset_path(asset)) as stored:
            assert not stored.getexif()
            assert stored.size == (600, 900)  # turned upright before the EXIF went


def test_other_formats_are_converted_for_the_platforms(any_db: str) -> None:
    buf = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 128, 0, 100)).save(buf, "TIFF")
    with session_scope() as session:
        asset = upload_image(session, buf.getvalue(), "scan.tiff", actor=ADMIN).asset
        assert asset.mime == "image/png" and asset_path(asset).suffix == ".png"


def test_usage_and_delete_rules(any_db: str) -> None:
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        asset = store_image(session, GOOD, original_name="poster.jpg")
        spare = store_image(session, photo_bytes((500, 500)), original_name="cadangan.jpg")
        event = add_event(session, image_asset_id=spare.id)
        post = schedule_post(
            session,
            data=PostCreate(
                title="Dongeng",
                texts={"x": "Halo", "facebook": "Halo", "instagram": "Halo"},
                account_ids=[accounts[0].id],
                due_at=utcnow() + timedelta(days=1),
                media_asset_id=asset.id,
                alt_text="Poster",
            ),
            actor=ADMIN,
        )
        asset_id, spare_id, post_id, event_id = asset.id, spare.id, post.id, event.id
    with session_scope() as session:
        uses = usage(session, asset_id)
        assert [(u.kind, u.id) for u in uses] == [("post", post_id)]
        assert uses[0].status == "scheduled" and uses[0].blocks_delete
        with pytest.raises(MediaInUse, match="still waiting to be published"):
            delete_asset(session, asset_id, actor=ADMIN)
    with session_scope() as session:
        assert session.get(MediaAsset, asset_id) is not None  # refused: nothing removed
        assert asset_path(session.get(MediaAsset, asset_id)).exists()
        # An event only loses its photo.
        delete_asset(session, spare_id, actor=ADMIN)
    with session_scope() as session:
        assert session.get(MediaAsset, spare_id) is None
        assert session.get(type(event), event_id).image_asset_id is None
        # Once the post is cancelled, its image may go.
        for target in session.exec(select(PostTarget).where(PostTarget.post_id == post_id)):
            target.status = "cancelled"
            session.add(target)
        post = session.get(Post, post_id)
        post.status = "cancelled"
        session.add(post)
    with session_scope() as session:
        stored = asset_path(session.get(MediaAsset, asset_id))
        delete_asset(session, asset_id, actor=ADMIN)
    with session_scope() as session:
        assert session.get(Post, post_id).media_asset_id is None
        assert not stored.exists()


def mark_published(session, post_id: int) -> None:
    """The post went out (as the worker records it): its targets and the post published."""
    for target in session.exec(select(PostTarget).where(PostTarget.post_id == post_id)):
        target.status = "published"
        target.remote_id = f"remote-{target.id}"
        session.add(target)
    post = session.get(Post, post_id)
    post.status = "published"
    session.add(post)
    session.flush()


def test_image_of_a_published_post_is_kept_as_its_record(any_db: str) -> None:
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        asset = store_image(session, GOOD, original_name="rekap.jpg")
        posts = []
        for title in ("Rekap Dongeng", "Rekap Lomba"):
            post = schedule_post(
                session,
                data=PostCreate(
                    title=title,
                    texts={"x": "Terima kasih", "facebook": "Terima kasih", "instagram": "Ok"},
                    account_ids=[accounts[0].id],
                    due_at=utcnow() + timedelta(days=1),
                    media_asset_id=asset.id,
                    alt_text="Foto",
                ),
                actor=ADMIN,
            )
            mark_published(session, post.id)
            posts.append(post.id)
        asset_id = asset.id
    with session_scope() as session:
        uses = usage(session, asset_id)
        assert [(u.kind, u.id, u.published, u.blocks_delete) for u in uses] == [
            ("post", posts[0], True, True),
            ("post", posts[1], True, True),
        ]
        with pytest.raises(MediaInUse) as caught:
            delete_asset(session, asset_id, actor=ADMIN)
    message = str(caught.value)
    assert f"post #{posts[0]} (Rekap Dongeng), #{posts[1]} (Rekap Lomba)" in message
    assert "kept as the record of what was published" in message
    assert "#" + str(posts[0]) in caught.value.text("id") and "terbit" not in caught.value.text(
        "id"
    )
    with session_scope() as session:
        kept = session.get(MediaAsset, asset_id)
        assert kept is not None and asset_path(kept).exists()
        assert session.get(Post, posts[0]).media_asset_id == asset_id


def test_brand_logo_cannot_be_deleted(any_db: str) -> None:
    logo = (DEFAULT_BRAND.logo_path() or Path()).read_bytes()
    with session_scope() as session:
        kit = save_brand(session, DEFAULT_BRAND, logo=logo, actor=ADMIN)
        logo_id = kit.logo_asset_id
    with session_scope() as session, pytest.raises(MediaInUse, match="logo"):
        delete_asset(session, logo_id, actor=ADMIN)


def test_photos_are_the_uploads_and_covers_among_the_latest(any_db: str) -> None:
    kinds = ["upload", "render", "cover", "logo", "upload", "render"]
    with session_scope() as session:
        ids = [
            store_image(session, photo_bytes(size=(900 + i, 600)), kind=kind).id
            for i, kind in enumerate(kinds)
        ]
        photos = [i for i, kind in zip(ids, kinds, strict=True) if kind in ("upload", "cover")]
        assert [a.id for a in list_photos(session)] == photos[::-1]  # newest first
        # The limit counts every image, as the studio's picker always did.
        assert [a.id for a in list_photos(session, limit=3)] == [ids[4]]
