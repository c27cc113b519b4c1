"""Layouts × sizes: text stays inside the safe area, stays readable, output is deterministic.

Every check reads the layout's own measurements (the ink box of each text, the safe area
of the size preset) and the real pixels behind each text, never a judgement by eye.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from planner.imaging.canvas import Drawn
from planner.imaging.contrast import MIN_CONTRAST, measured_min_contrast
from planner.imaging.layouts import LAYOUTS, Cover, LayoutError, LayoutInput
from planner.imaging.render import draw, render, render_jpeg
from planner.imaging.samples import sample_input, write_sample_photo
from planner.imaging.sizes import SIZES

LONG_WORD = "mempertanggungjawabkannya" * 2
CAPITALS = "LOMBA MEMBACA CEPAT TINGKAT SD SE-KOTA PEKALONGAN TAHUN 2026"
TWO_HUNDRED = ("Bedah Buku bersama Penulis Lokal tentang Kampung Batik di Tepi Kali " * 4)[:200]
HARD_TITLES = {"long-word": LONG_WORD, "capitals": CAPITALS, "200-chars": TWO_HUNDRED}


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_photo(tmp_path_factory.mktemp("photos") / "photo.jpg")


def _inside(box, area) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


def _assert_well_formed(drawn: Drawn, size: str) -> None:
    preset = SIZES[size]
    assert drawn.image.size == (preset.width, preset.height)
    assert drawn.background is not None
    assert (
        "title" in drawn.text_boxes or "quote" in drawn.text_boxes or "number" in drawn.text_boxes
    )
    for op in drawn.texts:
        if op.fitted.empty:
            continue
        box = op.fitted.box
        assert _inside(box, drawn.safe_area), (op.name, box, drawn.safe_area)
        assert _inside(box, op.fitted.area), (op.name, box, op.fitted.area)
        # The real pixels behind the text, not the colours the layout meant to use.
        measured = measured_min_contrast(drawn.background, box, op.fill)
        assert measured >= MIN_CONTRAST, (op.name, round(measured, 2))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("with_photo", [False, True], ids=["plain", "photo"])
def test_every_layout_and_size_renders_demo_data(
    layout: str, size: str, with_photo: bool, photo: Path
) -> None:
    data = sample_input(layout, photo if with_photo else None)
    drawn = draw(layout, size, data, keep_background=True)
    _assert_well_formed(drawn, size)
    assert not any(op.fitted.truncated for op in drawn.texts), "demo text must fit untruncated"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("kind", sorted(HARD_TITLES))
def test_hard_titles_stay_inside(layout: str, size: str, kind: str, photo: Path) -> None:
    data = sample_input(layout, photo)
    data.title = data.quote = HARD_TITLES[kind]
    drawn = draw(layout, size, data, keep_background=True)
    _assert_well_formed(drawn, size)
    main = next(op for op in drawn.texts if op.name in ("title", "quote", "number"))
    assert main.fitted.lines, "the title must show, shrunk or shortened, never vanish"


def test_compositions_adapt_to_the_shape() -> None:
    """Wide canvases put the cover beside the text; tall ones put it above."""
    data = sample_input("new_arrival")
    wide = draw("new_arrival", "landscape", data)
    tall = draw("new_arrival", "story", data)
    (wide_cover,) = [p.box for p in wide.placements if p.kind == "cover"]
    (tall_cover,) = [p.box for p in tall.placements if p.kind == "cover"]
    assert wide_cover[2] <= wide.text_boxes["title"][0]  # left of the title
    assert tall_cover[3] <= tall.text_boxes["title"][1]  # above the title


def test_story_keeps_text_out_of_the_platform_overlays() -> None:
    drawn = draw("event_poster", "story", sample_input("event_poster"))
    top, bottom = drawn.safe_area[1], drawn.safe_area[3]
    assert top >= 0.13 * 1920 - 1 and bottom <= 1920 * 0.82 + 1
    assert all(b[1] >= top and b[3] <= bottom for b in drawn.text_boxes.values())


def test_scrim_makes_text_over_a_white_photo_readable(tmp_path: Path) -> None:
    white = tmp_path / "white.png"
    Image.new("RGB", (1200, 900), "white").save(white)
    drawn = draw(
        "event_poster", "square", sample_input("event_poster", white), keep_background=True
    )
    title = next(op for op in drawn.texts if op.name == "title")
    photo_box = next(p.box for p in drawn.placements if p.kind == "photo")
    assert title.fitted.box[1] >= photo_box[1] and title.fitted.box[3] <= photo_box[3]
    assert measured_min_contrast(drawn.background, title.fitted.box, title.fill) >= MIN_CONTRAST


def test_rendering_is_deterministic_and_without_metadata(photo: Path) -> None:
    data = sample_input("event_poster", photo)
    first = render("event_poster", "square", data, cache=False).data
    second = render("event_poster", "square", data, cache=False).data
    assert first == second
    img = Image.open(io.BytesIO(first))
    assert img.format == "JPEG" and img.mode == "RGB"
    assert not img.getexif() and "icc_profile" not in img.info and "xmp" not in img.info
    png = render("statistic", "link", sample_input("statistic"), fmt="png", cache=False).data
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and not img.text and "icc_profile" not in img.info


def test_render_cache_returns_the_same_bytes_and_notices_changed_files(
    data_dir: Path, tmp_path: Path
) -> None:
    cover = tmp_path / "cover.png"
    Image.new("RGB", (600, 900), "#336699").save(cover)
    data = LayoutInput(title="Laut Bercerita", author="Leila S. Chudori", image=cover)
    first = render("new_arrival", "square", data)
    again = render("new_arrival", "square", data)
    assert not first.cached and again.cached and again.data == first.data
    assert list((data_dir / "cache" / "renders").glob("*/*.jpg"))
    Image.new("RGB", (600, 900), "#993333").save(cover)  # same path, new picture
    changed = render("new_arrival", "square", data)
    assert not changed.cached and changed.data != first.data


def test_book_list_needs_covers_and_takes_at_most_six() -> None:
    with pytest.raises(LayoutError, match="at least one book cover"):
        draw("book_list", "square", LayoutInput(title="Kosong"))
    many = LayoutInput(title="Terlalu banyak", covers=[Cover(f"Buku {i}") for i in range(7)])
    with pytest.raises(LayoutError, match="at most 6"):
        draw("book_list", "square", many)


@pytest.mark.parametrize("count", [2, 3, 4, 5, 6])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_book_list_grid_keeps_covers_apart_and_inside(count: int, size: str) -> None:
    data = LayoutInput(
        title="Rak pilihan", covers=[Cover(f"Buku {i}", "Penulis") for i in range(count)]
    )
    drawn = draw("book_list", size, data)
    covers = [p.box for p in drawn.placements if p.kind == "cover"]
    assert len(covers) == count
    for i, a in enumerate(covers):
        assert a[0] >= 0 and a[2] <= drawn.image.width and a[1] >= 0 and a[3] <= drawn.image.height
        for b in covers[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_unknown_layout_and_size_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        render_jpeg("nope", "square", LayoutInput(title="x"))
    with pytest.raises(ValueError, match="unknown size"):
        render_jpeg("event_poster", "huge", LayoutInput(title="x"))


def test_fixed_names_for_templates() -> None:
    assert set(LAYOUTS) == {
        "event_poster",
        "new_arrival",
        "book_list",
        "quote_card",
        "children",
        "notice",
        "statistic",
    }
    assert {n: (s.width, s.height) for n, s in SIZES.items()} == {
        "square": (1080, 1080),
        "portrait": (1080, 1350),
        "landscape": (1200, 675),
        "link": (1200, 630),
        "story": (1080, 1920),
    }


def test_watermark_marks_photos_only_when_the_brand_asks(photo: Path) -> None:
    from dataclasses import replace

    from planner.imaging.brand import DEFAULT_BRAND

    data = sample_input("event_poster", photo)
    plain = draw("event_poster", "square", data)
    marked = draw("event_poster", "square", data, replace(DEFAULT_BRAND, watermark=True))
    photo_box = next(p.box for p in marked.placements if p.kind == "photo")
    logos = [p.box for p in marked.placements if p.kind == "logo"]
    assert len(logos) == len([p for p in plain.placements if p.kind == "logo"]) + 1
    mark = logos[-1]
    assert photo_box[0] <= mark[0] and mark[2] <= photo_box[2] and photo_box[1] <= mark[1]
    assert mark[0] > (photo_box[0] + photo_box[2]) / 2  # in the right-hand corner
    assert marked.image.tobytes() != plain.image.tobytes()
