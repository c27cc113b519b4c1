"""The brand kit in the database: validated edits, the logo as a media asset, drafts use it."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from planner.brand_kit import active_brand, palette_checks, reset_brand, save_brand
from planner.db import session_scope
from planner.drafting import make_draft
from planner.imaging.brand import DEFAULT_BRAND, Brand, BrandError, Palette
from planner.media import asset_path
from planner.models import BrandKit, MediaAsset
from tests.factories import add_event, add_item
from tests.people_helpers import ADMIN


def _png(size=(300, 300), alpha=True) -> bytes:
    img = Image.new("RGBA" if alpha else "RGB", size, (200, 30, 30, 0) if alpha else "red")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


RED = Brand(
    name="Perpustakaan Daerah Batang",
    palette=Palette(primary="#8E1B1B", secondary="#F4D35E", accent="#2E86AB"),
    heading_font="Roboto-Black.ttf",
    body_font="Roboto-Regular.ttf",
    address="Jl. Gajah Mada 1, Batang",
    website="perpustakaan.batangkab.go.id",
    socials=["@perpusbatang", "fb.com/perpusbatang"],
    watermark=True,
)


def test_no_kit_means_the_demo_brand(any_db: str) -> None:
    with session_scope() as session:
        assert active_brand(session) == DEFAULT_BRAND


def test_saved_kit_round_trips_with_its_logo(any_db: str) -> None:
    with session_scope() as session:
        kit = save_brand(session, RED, logo=_png(), actor=ADMIN)
        assert kit.logo_asset_id is not None
    with session_scope() as session:
        brand = active_brand(session)
        logo = session.get(MediaAsset, session.exec(select(BrandKit)).one().logo_asset_id)
        assert logo.kind == "logo" and brand.logo == str(asset_path(logo))
        assert replace(brand, logo=None) == replace(RED, logo=None)
        assert brand.footer_text() == (
            "Jl. Gajah Mada 1, Batang · perpustakaan.batangkab.go.id · "
            "@perpusbatang fb.com/perpusbatang"
        )
    with session_scope() as session:
        save_brand(session, replace(RED, name="Perpustakaan Batang"), actor=ADMIN)  # logo kept
        assert active_brand(session).logo == brand.logo
        reset_brand(session, actor=ADMIN)
        assert active_brand(session) == DEFAULT_BRAND


@pytest.mark.parametrize(
    ("brand", "logo", "message"),
    [
        (replace(RED, name="  "), None, "must not be empty"),
        (replace(RED, palette=Palette(primary="merah")), None, "not a #RRGGBB colour"),
        (replace(RED, heading_font="Comic.ttf"), None, "not shipped"),
        (RED, b"GIF89a not really", "not an image"),
        (RED, b"<svg/>", "SVG"),
        (RED, Image.new("RGB", (300, 300)).tobytes()[:100], "not an image"),
        (RED, _png((20, 20)), "too small"),
    ],
)
def test_bad_edits_are_refused_and_nothing_is_stored(any_db: str, brand, logo, message) -> None:
    with pytest.raises(BrandError, match=message), session_scope() as session:
        save_brand(session, brand, logo=logo, actor=ADMIN)
    with session_scope() as session:
        assert session.exec(select(BrandKit)).all() == []
        assert session.exec(select(MediaAsset)).all() == []


def test_jpeg_logo_is_refused() -> None:
    from planner.brand_kit import check_logo

    buf = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(buf, "JPEG")
    with pytest.raises(BrandError, match="must be a PNG"):
        check_logo(buf.getvalue())
    assert check_logo(_png(alpha=False)) == ["logo_opaque"]
    assert check_logo(_png()) == []


def test_palette_checks_flag_low_contrast_pairs() -> None:
    checks = {(c.text, c.background): c for c in palette_checks(DEFAULT_BRAND)}
    assert checks[("light", "primary")].ok
    pale = replace(DEFAULT_BRAND, palette=Palette(primary="#9ACBE0"))
    assert not {(c.text, c.background): c for c in palette_checks(pale)}[("light", "primary")].ok


def test_drafts_render_in_the_saved_brand(any_db: str) -> None:
    with session_scope() as session:
        save_brand(session, RED, actor=ADMIN)
        event = add_event(session, category="storytelling", speaker="Kak Rina")
        item = add_item(session)
        event_draft = make_draft(session, "event-announcement", event_id=event.id, actor=ADMIN)
        item_draft = make_draft(session, "new-arrival", item_id=item.id, actor=ADMIN)
        assert event_draft.alt_text.startswith("Poster acara Dongeng Anak: Si Kancil")
        assert "pukul" in event_draft.alt_text and "bersama Kak Rina" in event_draft.alt_text
        assert item_draft.alt_text.startswith("Sampul buku Laut Bercerita karya Leila S. Chudori")
        assert "Perpustakaan Daerah Batang" in item_draft.alt_text
        image = session.get(MediaAsset, event_draft.media_asset_id)
        with Image.open(asset_path(image)) as img:
            r, g, b = img.convert("RGB").getpixel((img.width // 2, 3))
        assert abs(r - 0x8E) < 8 and abs(g - 0x1B) < 8 and abs(b - 0x1B) < 8  # new primary


def test_an_unsaved_logo_is_previewed_from_the_cache_not_the_media_library(
    sqlite_db: str, data_dir
) -> None:
    from planner.brand_kit import with_unsaved_logo

    logo = _png()
    first = with_unsaved_logo(RED, logo)
    again = with_unsaved_logo(DEFAULT_BRAND, logo)
    assert first.logo == again.logo  # one file per logo, reused on every rerun
    path = Path(first.logo)
    assert path.parent == data_dir / "cache" / "preview" and path.read_bytes() == logo
    assert replace(first, logo=None) == replace(RED, logo=None)  # only the logo differs
    with session_scope() as session:
        assert session.exec(select(MediaAsset)).all() == []
