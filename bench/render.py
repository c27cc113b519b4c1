"""Benchmark: the branded image renderer against plain Pillow doing the same work.

Renders every layout × every size with the demo content (a photo for the event layouts,
cover files for the book layouts) and, interleaved in the same run, a plain-Pillow
baseline that repeats the drawing the planner reported: a new canvas, every photo and cover
opened and fitted (LANCZOS), every text line drawn at the same size and place, the logo
pasted, the same JPEG encoder settings. The baseline gets its fonts and its logo loaded
once in advance; the planner decodes and fits every photo again (its image cache is
emptied before each render) and never reuses an encoded result (cache off). What the
planner adds is its real work: fitting text, bands, chips, scrims, decorations.

Then a batch of 100 renders (a month of posts) on all cores, with a warm process pool.

    .venv/bin/python bench/render.py [--quick]

Prints one JSON object.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/queue.py is named like the standard library's `queue`; running any script here puts
# bench/ first on sys.path, which would shadow it (concurrent.futures, psycopg). Drop bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import io
import json
import os
import resource
import statistics
import tempfile
import time
from dataclasses import replace

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.imaging.batch import RenderJob, default_workers, render_batch
from planner.imaging.brand import DEFAULT_BRAND
from planner.imaging.canvas import Drawn
from planner.imaging.covers import placeholder_cover
from planner.imaging.inputs import FITTED
from planner.imaging.layouts import LAYOUTS, Cover
from planner.imaging.output import JPEG_QUALITY
from planner.imaging.render import draw, render
from planner.imaging.samples import sample_input, write_sample_photo
from planner.imaging.sizes import SIZES

PHOTO_LAYOUTS = ("event_poster", "children")


def _inputs(folder: Path) -> dict[str, object]:
    """Demo input per layout, with every picture a real file (so both sides decode files)."""
    photo = write_sample_photo(folder / "photo.jpg")
    inputs = {}
    for layout in LAYOUTS:
        data = sample_input(layout, photo if layout in PHOTO_LAYOUTS else None)
        covers = []
        for i, cover in enumerate(data.covers):
            path = folder / f"cover-{layout}-{i}.jpg"
            path.write_bytes(placeholder_cover(cover.title, cover.author))
            covers.append(Cover(cover.title, cover.author, path))
        data.covers = covers
        if layout == "new_arrival":
            data.image = folder / "cover-new.jpg"
            data.image.write_bytes(placeholder_cover(data.title, data.author))
        inputs[layout] = data
    return inputs


class Baseline:
    """Plain Pillow replaying what one planner drawing contained."""

    def __init__(self, drawn: Drawn, background: tuple[int, int, int]) -> None:
        self.size = drawn.image.size
        self.background = background
        self.fonts = {}
        self.lines = []
        for op in drawn.texts:
            f = op.fitted.font
            key = (f.path, f.size)
            if key not in self.fonts:
                self.fonts[key] = ImageFont.truetype(f.path, f.size)
            for line, origin in zip(op.fitted.lines, op.fitted.origins, strict=True):
                self.lines.append((origin, line, key, op.fill))
        self.pictures = [(p.source, p.box) for p in drawn.placements if p.kind != "logo"]
        logos = [p for p in drawn.placements if p.kind == "logo"]
        self.logo = None
        if logos:
            box = logos[0].box
            with Image.open(logos[0].source) as src:
                logo = src.convert("RGBA")
            logo.thumbnail((box[2] - box[0], box[3] - box[1]), Image.Resampling.LANCZOS)
            self.logo = (logo, box[:2])

    def __call__(self) -> bytes:
        canvas = Image.new("RGB", self.size, self.background)
        for source, box in self.pictures:
            if source is None:
                continue
            with Image.open(source) as src:
                fitted = ImageOps.fit(
                    src, (box[2] - box[0], box[3] - box[1]), Image.Resampling.LANCZOS
                )
            canvas.paste(fitted, box[:2])
        pen = ImageDraw.Draw(canvas)
        for origin, line, key, fill in self.lines:
            pen.text(origin, line, font=self.fonts[key], fill=fill, anchor="la")
        if self.logo is not None:
            canvas.paste(self.logo[0], self.logo[1], self.logo[0])
        buf = io.BytesIO()
        canvas.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
        return buf.getvalue()


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _medians(planner_ms: dict, baseline_ms: dict, part: int, value: str) -> dict[str, float]:
    """Median planner and baseline time over the combinations whose layout (0) or size (1) match."""
    mine = [v for key, vs in planner_ms.items() if key[part] == value for v in vs]
    theirs = [v for key, vs in baseline_ms.items() if key[part] == value for v in vs]
    return {
        "median_ms": round(statistics.median(mine), 2),
        "baseline_median_ms": round(statistics.median(theirs), 2),
        "ratio": round(statistics.median(mine) / statistics.median(theirs), 3),
    }


def run(quick: bool) -> dict:
    repeats = 3 if quick else 10
    planner_ms: dict[tuple[str, str], list[float]] = {}
    baseline_ms: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _inputs(Path(tmp))
        baselines = {}
        for layout, data in inputs.items():
            for size in SIZES:
                drawn = draw(layout, size, data)
                background = LAYOUTS[layout].background(DEFAULT_BRAND)
                bg = background if isinstance(background, tuple) else ImageColor.getrgb(background)
                baselines[(layout, size)] = Baseline(drawn, bg)
                render(layout, size, data, cache=False)  # warm fonts and logo like a running app
                baselines[(layout, size)]()
        for _ in range(repeats):
            for (layout, size), baseline in baselines.items():
                data = inputs[layout]

                def planner(layout=layout, size=size, data=data) -> None:
                    FITTED.clear()
                    render(layout, size, data, cache=False)

                planner_ms.setdefault((layout, size), []).append(_timed(planner))
                baseline_ms.setdefault((layout, size), []).append(_timed(baseline))

        jobs = []
        for i in range(100):
            layout = list(LAYOUTS)[i % len(LAYOUTS)]
            size = list(SIZES)[i % len(SIZES)]
            data = inputs[layout]
            jobs.append(RenderJob(layout, size, replace(data, title=f"{data.title} {i}")))
        workers = default_workers()
        render_batch(jobs[: workers * 2], workers=workers, cache=False)  # start the pool
        start = time.perf_counter()
        results = render_batch(jobs, workers=workers, cache=False)
        batch_seconds = time.perf_counter() - start
        serial_seconds = None
        if not quick:
            start = time.perf_counter()
            render_batch(jobs, workers=1, cache=False)
            serial_seconds = round(time.perf_counter() - start, 2)

    all_planner = [v for values in planner_ms.values() for v in values]
    all_baseline = [v for values in baseline_ms.values() for v in values]
    median = statistics.median(all_planner)
    base = statistics.median(all_baseline)
    per_layout = {layout: _medians(planner_ms, baseline_ms, 0, layout) for layout in LAYOUTS}
    per_size = {size: _medians(planner_ms, baseline_ms, 1, size) for size in SIZES}
    return {
        "benchmark": "render",
        "quick": quick,
        "renders": len(all_planner),
        "combinations": len(planner_ms),
        "median_ms": round(median, 2),
        "p95_ms": round(sorted(all_planner)[int(len(all_planner) * 0.95) - 1], 2),
        "baseline_median_ms": round(base, 2),
        "ratio_vs_pillow": round(median / base, 3),
        "within_budget": median / base <= 1.3,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "batch": {
            "images": len(results),
            "failed": sum(1 for r in results if not r.ok),
            "workers": workers,
            "seconds": round(batch_seconds, 2),
            "images_per_second": round(len(results) / batch_seconds, 1),
            "serial_seconds": serial_seconds,
        },
        "per_layout": per_layout,
        "per_size": per_size,
        "cpus": os.cpu_count(),
        "pillow": Image.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 10")
    args = parser.parse_args()
    print(json.dumps(run(args.quick)))


if __name__ == "__main__":
    main()
