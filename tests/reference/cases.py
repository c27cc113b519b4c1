"""Reference renders: which images are kept, how they are reduced and how they are compared.

The images are stored at a quarter of their size: enough to see any element move, grow or
change colour, small enough to keep in git, and tolerant of the last anti-aliasing pixel
that another FreeType or libjpeg version may draw differently.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops

from planner.imaging.render import draw
from planner.imaging.samples import sample_input, write_sample_photo

FOLDER = Path(__file__).resolve().parent
SCALE = 4
# Mean difference (0–255) over the whole picture, and over the worst 12×12 px block.
MAX_MEAN = 2.0
MAX_BLOCK = 16.0
CASES: list[tuple[str, str, bool]] = [
    *[
        (layout, "square", layout in ("event_poster", "children"))
        for layout in (
            "event_poster",
            "new_arrival",
            "book_list",
            "quote_card",
            "children",
            "notice",
            "statistic",
        )
    ],
    ("event_poster", "portrait", False),
    ("event_poster", "landscape", True),
    ("event_poster", "link", False),
    ("event_poster", "story", True),
    ("book_list", "story", False),
    ("new_arrival", "landscape", False),
]


def case_name(layout: str, size: str, photo: bool) -> str:
    return f"{layout}-{size}{'-photo' if photo else ''}.png"


def render_case(layout: str, size: str, photo: bool, workdir: Path) -> Image.Image:
    """The case drawn now, reduced like the stored reference."""
    picture = write_sample_photo(workdir / "photo.jpg") if photo else None
    image = draw(layout, size, sample_input(layout, picture)).image
    return image.reduce(SCALE)


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean difference, worst block's mean difference) between two same-size images."""
    if a.size != b.size:
        return 255.0, 255.0
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    blocks = diff.reduce(3)  # a 3×3 reduction of a quarter-size image: 12×12 px blocks
    mean = sum(diff.tobytes()) / (diff.width * diff.height)
    return mean, float(max(blocks.tobytes()))
