"""Layouts × sizes: text stays inside the safe area, output is deterministic and clean."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from planner.imaging.covers import placeholder_cover
from planner.imaging.layouts import LAYOUTS, LayoutInput
from planner.imaging.render import draw, render_jpeg
from planner.imaging.sizes import SIZES

TITLES = [
    "Dongeng Anak: Si Kancil dan Buaya",
    "PELATIHANPUSTAKAWANKOTAPEKALONGANBERKELANJUTAN " * 3,
    "Bedah Buku " + "sangat panjang sekali " * 15,
]


def _inside(box, area) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("title", TITLES)
def test_text_inside_safe_area(layout: str, size: str, title: str, tmp_path: Path) -> None:
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(placeholder_cover("Laut Bercerita", "Leila S. Chudori"))
    for image in (None, cover):
        drawn = draw(
            layout,
            size,
            LayoutInput(
                title=title,
                subtitle="Sabtu, 5 Desember 2026, 09.00 WIB",
                details=["Ruang Baca Anak"],
                image=image,
            ),
        )
        assert drawn.image.size == (SIZES[size].width, SIZES[size].height)
        for name, box in drawn.text_boxes.items():
            if name == "footer":
                continue  # the footer band sits below the safe area by design, inside the canvas
            assert _inside(box, drawn.safe_area), (name, box, drawn.safe_area)


def test_rendering_is_deterministic_and_without_metadata() -> None:
    data = LayoutInput(title="Dongeng Anak", subtitle="Sabtu", details=["Ruang Baca Anak"])
    first, second = (
        render_jpeg("event_poster", "square", data),
        render_jpeg("event_poster", "square", data),
    )
    assert first == second
    img = Image.open(io.BytesIO(first))
    assert img.format == "JPEG" and not img.getexif()


def test_unknown_layout_and_size_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        render_jpeg("nope", "square", LayoutInput(title="x"))
    with pytest.raises(ValueError, match="unknown size"):
        render_jpeg("event_poster", "huge", LayoutInput(title="x"))
