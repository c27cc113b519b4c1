"""`planner render` from the command line: every layout's fields, JSON, batches, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from planner.imaging.samples import write_sample_photo
from tests.test_cli import planner


def test_render_every_field_as_json(tmp_path: Path) -> None:
    photo = write_sample_photo(tmp_path / "foto.jpg")
    out = tmp_path / "poster.jpg"
    run = planner(
        "render",
        "--layout",
        "event_poster",
        "--size",
        "story",
        "--title",
        "Dongeng Anak",
        "--date",
        "Sabtu, 6 Desember 2026",
        "--time",
        "09.00 WIB",
        "--place",
        "Perpustakaan Kota Pekalongan",
        "--speaker",
        "Kak Rina",
        "--day",
        "6",
        "--month",
        "Des",
        "--image",
        str(photo),
        "--platform",
        "instagram",
        "--default-brand",
        "--json",
        "--out",
        str(out),
        data_dir=tmp_path / "data",
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["ok"] and result["width"] == 1080 and result["height"] == 1920
    assert result["mime"] == "image/jpeg" and result["bytes"] == out.stat().st_size
    assert result["alt_text"] == (
        "Poster acara Dongeng Anak, Sabtu 6 Desember 2026 pukul 09.00 WIB di "
        "Perpustakaan Kota Pekalongan, bersama Kak Rina."
    )
    assert Image.open(out).size == (1080, 1920)


@pytest.mark.parametrize(
    ("args", "size"),
    [
        (
            [
                "--layout",
                "book_list",
                "--size",
                "link",
                "--title",
                "Rak Pekan Ini",
                "--book",
                "Laut Bercerita|Leila S. Chudori",
                "--book",
                "Bumi Manusia",
            ],
            (1200, 630),
        ),
        (
            [
                "--layout",
                "notice",
                "--size",
                "portrait",
                "--title",
                "Tutup",
                "--row",
                "Sabtu=Tutup",
                "--row",
                "Minggu=Tutup",
            ],
            (1080, 1350),
        ),
        (
            [
                "--layout",
                "statistic",
                "--size",
                "landscape",
                "--number",
                "1.250",
                "--label",
                "pengunjung",
            ],
            (1200, 675),
        ),
        (
            [
                "--layout",
                "quote_card",
                "--size",
                "square",
                "--quote",
                "Buku adalah jendela dunia.",
                "--attribution",
                "Peribahasa",
                "--format",
                "png",
            ],
            (1080, 1080),
        ),
    ],
)
def test_render_other_layouts(tmp_path: Path, args: list[str], size) -> None:
    out = tmp_path / "image.out"
    run = planner("render", *args, "--out", str(out), data_dir=tmp_path / "data")
    assert run.returncode == 0, run.stderr
    assert Image.open(out).size == size


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layout", "event_poster"], "a title is required"),
        (["--title", "x", "--size", "huge"], "unknown size 'huge'"),
        (["--title", "x", "--image", "missing.jpg"], "no such image file"),
        (["--title", "x", "--platform", "instagram", "--format", "png"], "JPEG images only"),
        (["--layout", "book_list", "--title", "x"], "needs at least one book cover"),
        (["--layout", "notice", "--title", "x", "--row", "no equals sign"], "LABEL=VALUE"),
    ],
)
def test_render_bad_input_is_one_line_exit_1_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out.jpg"
    run = planner("render", *args, "--out", str(out), data_dir=tmp_path / "data")
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in run.stderr
    assert not out.exists()


def test_render_bad_image_file_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "foto.jpg"
    fake.write_text("not an image")
    run = planner(
        "render",
        "--title",
        "x",
        "--image",
        str(fake),
        "--out",
        str(tmp_path / "o.jpg"),
        data_dir=tmp_path / "data",
    )
    assert run.returncode == 1 and "This file is not an image that can be read." in run.stderr


def test_batch_renders_every_row_on_all_cores(tmp_path: Path) -> None:
    write_sample_photo(tmp_path / "foto.jpg")
    rows = [
        {
            "layout": "event_poster",
            "size": size,
            "title": f"Acara {i}",
            "date": "Sabtu",
            "image": "foto.jpg" if i % 2 else "",
            "file": "",
        }
        for i, size in enumerate(["square", "portrait", "landscape", "link", "story"] * 2)
    ] + [
        {
            "layout": "statistic",
            "size": "square",
            "title": "",
            "number": "1.250",
            "label": "pengunjung",
            "file": "angka.jpg",
        }
    ]
    batch = tmp_path / "bulan.csv"
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=["layout", "size", "title", "date", "image", "file", "number", "label"]
    )
    writer.writeheader()
    writer.writerows(rows)
    batch.write_text(buf.getvalue(), encoding="utf-8")
    out = tmp_path / "gambar"
    run = planner(
        "render", "--batch", str(batch), "--out", str(out), "--json", data_dir=tmp_path / "data"
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["rendered"] == 11 and result["failed"] == [] and result["workers"] >= 1
    assert sorted(p.name for p in out.iterdir()) == sorted(result["files"])
    assert "angka.jpg" in result["files"]
    assert "Rendering on" in run.stderr  # the progress bar goes to stderr, JSON stays clean
    again = json.loads(
        planner(
            "render", "--batch", str(batch), "--out", str(out), "--json", data_dir=tmp_path / "data"
        ).stdout
    )
    assert again["cached"] == 11


def test_batch_file_problems_name_the_row(tmp_path: Path) -> None:
    batch = tmp_path / "jobs.json"
    batch.write_text(
        json.dumps([{"layout": "notice", "title": "ok"}, {"layout": "x", "title": "y"}])
    )
    run = planner(
        "render", "--batch", str(batch), "--out", str(tmp_path / "o"), data_dir=tmp_path / "data"
    )
    assert run.returncode == 1
    assert "jobs.json row 2: unknown layout 'x'" in run.stderr
    assert not (tmp_path / "o").exists()  # refused before anything was written
