"""AppTest of the image pages: brand kit editing, the studio (one image and a batch), media."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.brand_kit import active_brand
from planner.db import session_scope
from planner.media import asset_path, store_image
from planner.models import Account, BrandKit, MediaAsset, utcnow
from planner.scheduling import PostCreate, schedule_post
from tests.people_helpers import ADMIN, signed_app
from tests.test_media import mark_published, photo_bytes


def _page(path: str) -> AppTest:
    at = signed_app(60).run()
    at.switch_page(path).run()
    assert not at.exception
    return at


def test_brand_kit_edit_previews_and_saves(demo_db: str) -> None:
    at = _page("planner/ui/brand.py")
    assert len(at.get("image")) == 7  # the preview of every layout
    at.text_input(key="brand_name").input("Perpustakaan Daerah Batang")
    at.color_picker(key="brand_colour_primary").pick("#8E1B1B")
    at.run()
    assert not at.exception
    at.button(key="brand_save").click().run()
    assert any("disimpan" in s.value for s in at.success)
    with session_scope() as session:
        brand = active_brand(session)
        assert brand.name == "Perpustakaan Daerah Batang" and brand.palette.primary == "#8E1B1B"
        assert brand.logo_path() is not None  # the demo logo is kept


def test_brand_kit_refuses_an_empty_name(demo_db: str) -> None:
    at = _page("planner/ui/brand.py")
    at.text_input(key="brand_name").input("   ").run()
    assert any("tidak boleh kosong" in e.value for e in at.error)
    assert at.button(key="brand_save").disabled
    with session_scope() as session:
        kit = session.exec(select(BrandKit)).one()
        assert kit.name == "Perpustakaan Kota Pekalongan"


def test_studio_renders_one_image_with_alt_text_and_saves_it(demo_db: str) -> None:
    at = _page("planner/ui/studio.py")
    at.selectbox(key="studio_layout").select("statistic").run()
    at.text_input(key="studio_statistic_number").input("2.480")
    at.selectbox(key="studio_size").select("story").run()
    at.button(key="studio_render").click().run()
    assert not at.exception
    alt = at.text_area(key="studio_alt").value
    assert alt.startswith("Kartu statistik: 2.480")
    at.text_area(key="studio_alt").input(alt + " Terima kasih!").run()
    at.button(key="studio_save").click().run()
    with session_scope() as session:
        saved = session.exec(select(MediaAsset).where(MediaAsset.kind == "render")).all()
        assert any(a.alt_text.endswith("Terima kasih!") and a.height == 1920 for a in saved)


def test_studio_instagram_png_is_refused_in_indonesian(demo_db: str) -> None:
    at = _page("planner/ui/studio.py")
    at.selectbox(key="studio_platform").select("instagram")
    at.radio(key="studio_format").set_value("png").run()
    at.button(key="studio_render").click().run()
    assert any("hanya menerima gambar JPEG" in e.value for e in at.error)


def test_studio_batch_shows_progress_and_offers_a_zip(demo_db: str) -> None:
    at = _page("planner/ui/studio.py")
    at.multiselect(key="studio_batch_sizes").set_value(["square", "story"]).run()
    caption = " ".join(c.value for c in at.caption)
    assert "gambar, dikerjakan" in caption
    at.button(key="studio_batch_go").click().run()
    assert not at.exception
    assert any("gambar siap" in s.value for s in at.success)
    assert at.get("progress")


def test_media_page_refuses_deleting_an_image_a_scheduled_post_needs(demo_db: str) -> None:
    with session_scope() as session:
        asset = store_image(session, photo_bytes(), original_name="poster.jpg")
        account = session.exec(select(Account)).first()
        schedule_post(
            session,
            data=PostCreate(
                title="Dongeng",
                texts={"x": "Halo", "facebook": "Halo", "instagram": "Halo"},
                account_ids=[account.id],
                due_at=utcnow() + timedelta(days=2),
                media_asset_id=asset.id,
                alt_text="Poster",
            ),
            actor=ADMIN,
        )
        asset_id = asset.id
    at = _page("planner/ui/media.py")
    at.radio(key="media_kind").set_value("upload").run()
    at.button(key=f"media_delete_{asset_id}").click().run()
    assert any("masih menunggu publikasi" in e.value for e in at.error)
    with session_scope() as session:
        assert session.get(MediaAsset, asset_id) is not None
    at.text_area(key=f"media_alt_{asset_id}").input("Poster Dongeng Anak")
    at.button(key=f"media_save_{asset_id}").click().run()
    with session_scope() as session:
        assert session.get(MediaAsset, asset_id).alt_text == "Poster Dongeng Anak"


def test_media_page_keeps_the_image_of_a_published_post(demo_db: str) -> None:
    with session_scope() as session:
        asset = store_image(session, photo_bytes((700, 700)), original_name="rekap.jpg")
        account = session.exec(select(Account)).first()
        post = schedule_post(
            session,
            data=PostCreate(
                title="Rekap Dongeng",
                texts={"x": "Terima kasih", "facebook": "Terima kasih", "instagram": "Terima"},
                account_ids=[account.id],
                due_at=utcnow() + timedelta(days=2),
                media_asset_id=asset.id,
                alt_text="Foto",
            ),
            actor=ADMIN,
        )
        mark_published(session, post.id)
        asset_id, post_id = asset.id, post.id
    at = _page("planner/ui/media.py")
    at.radio(key="media_kind").set_value("upload").run()
    at.button(key=f"media_delete_{asset_id}").click().run()
    assert not at.exception
    # Values in messages are Markdown-escaped ("\\#5"); a reader sees "#5".
    assert any(
        f"sudah dipublikasikan bersama unggahan #{post_id} (Rekap Dongeng)"
        in e.value.replace("\\", "")
        for e in at.error
    )
    with session_scope() as session:
        kept = session.get(MediaAsset, asset_id)
        assert kept is not None and asset_path(kept).exists()
