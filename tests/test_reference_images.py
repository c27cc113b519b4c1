"""Layouts compared with committed reference images, so a layout regression is caught.

Regenerate after an intended change with `.venv/bin/python -m tests.reference.regenerate`
(see docs/imaging.md) and review the images before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.reference.cases import (
    CASES,
    FOLDER,
    MAX_BLOCK,
    MAX_MEAN,
    case_name,
    difference,
    render_case,
)


@pytest.mark.parametrize(("layout", "size", "photo"), CASES, ids=[case_name(*c) for c in CASES])
def test_matches_reference(layout: str, size: str, photo: bool, tmp_path: Path) -> None:
    reference = FOLDER / case_name(layout, size, photo)
    assert reference.exists(), "run: .venv/bin/python -m tests.reference.regenerate"
    now = render_case(layout, size, photo, tmp_path)
    mean, block = difference(now, Image.open(reference))
    if mean > MAX_MEAN or block > MAX_BLOCK:
        now.save(tmp_path / f"actual-{reference.name}")
    assert mean <= MAX_MEAN and block <= MAX_BLOCK, (
        f"{reference.name}: mean {mean:.2f}, worst block {block:.0f}; actual image in {tmp_path}"
    )


def test_the_comparison_catches_a_moved_or_changed_layout(tmp_path: Path) -> None:
    reference = Image.open(FOLDER / case_name("new_arrival", "square", False)).convert("RGB")
    moved = ImageChops.offset(reference, 3, 0)  # 12 px at full size
    assert difference(moved, reference)[1] > MAX_BLOCK
    from planner.imaging.render import draw
    from planner.imaging.samples import sample_input

    data = sample_input("new_arrival")
    data.title = "Bumi Manusia"
    retitled = draw("new_arrival", "square", data).image.reduce(4)
    assert difference(retitled, reference)[1] > MAX_BLOCK
    same = render_case("new_arrival", "square", False, tmp_path)
    assert difference(same, reference) == (0.0, 0.0) or difference(same, reference)[1] <= MAX_BLOCK
