"""Input photos (orientation, colour modes, crop), output limits, the cache, batches, alt text."""

from __future__ import annotations

import io
import os
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from planner.imaging.alt_text import describe
from planner.imaging.batch import JobResult, RenderJob, render_batch, zip_results
from planner.imaging.cache import RenderCache
from planner.imaging.inputs import MAX_PIXELS, ImageInputError, crop_to_fill, open_image
from planner.imaging.layouts import LAYOUTS, LayoutInput
from planner.imaging.output import OutputError, OutputSpec, encode, spec_for
from planner.imaging.render import draw, render
from planner.imaging.samples import sample_input, write_sample_photo
from planner.imaging.sizes import SIZES


def _jpeg(img: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", **kw)
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG claiming `width`×`height` with almost no pixel data (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = Image.new("RGB", (400, 200), "red")
    img.paste((0, 0, 255), (0, 0, 100, 200))  # blue on the left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    path = tmp_path / "phone.jpg"
    path.write_bytes(_jpeg(img, exif=exif.tobytes()))
    upright = open_image(path)
    assert upright.size == (200, 400)
    r, _, b = upright.getpixel((100, 20))  # the blue strip is now on top
    assert b > 200 and r < 60


def test_cmyk_palette_and_transparency_become_rgb(tmp_path: Path) -> None:
    cmyk = Image.new("CMYK", (50, 50), (0, 255, 255, 0))  # pure red ink
    assert open_image(_jpeg(cmyk)).getpixel((25, 25))[0] > 200
    pal = Image.new("P", (50, 50), 0)
    pal.putpalette([0, 128, 0] + [0, 0, 0] * 255)
    buf = io.BytesIO()
    pal.save(buf, "GIF", transparency=0)
    assert open_image(buf.getvalue(), background=(10, 20, 30)).getpixel((5, 5)) == (10, 20, 30)
    rgba = Image.new("RGBA", (50, 50), (255, 0, 0, 0))
    buf = io.BytesIO()
    rgba.save(buf, "PNG")
    assert open_image(buf.getvalue()).getpixel((5, 5)) == (255, 255, 255)


def test_embedded_colour_profile_is_converted_to_srgb() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    img = Image.new("RGB", (20, 20), (200, 100, 50))
    out = open_image(_jpeg(img, icc_profile=srgb, quality=100))
    assert out.mode == "RGB" and abs(out.getpixel((10, 10))[0] - 200) <= 3


def test_crop_to_fill_keeps_the_centre() -> None:
    img = Image.new("RGB", (300, 100), "white")
    img.paste((255, 0, 0), (140, 40, 160, 60))
    out = crop_to_fill(img, (100, 100))
    assert out.size == (100, 100)
    assert out.getpixel((50, 50))[1] < 50  # red stays in the middle
    assert out.getpixel((5, 50)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG drawings are not accepted"),
        (b"just some text, not a picture", "not an image"),
        (png_header_only(30_000, 30_000), "decompression bomb"),
        (png_header_only(8_000, 7_000), "decompression bomb"),
    ],
)
def test_bad_inputs_are_refused_in_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(ImageInputError, match=message) as caught:
        open_image(data)
    assert str(caught.value).count(".") <= 2 and "\n" not in str(caught.value)
    assert caught.value.text("id") != str(caught.value)  # and in Indonesian for the app


def test_pillow_limit_is_set_deliberately() -> None:
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS == 50_000_000


def test_truncated_photo_is_refused() -> None:
    data = _jpeg(Image.effect_noise((400, 400), 60).convert("RGB"))
    with pytest.raises(ImageInputError, match="incomplete or damaged"):
        open_image(data[: len(data) // 2])


def test_platform_rules_and_byte_limits() -> None:
    assert spec_for("jpeg", "instagram").max_bytes == 8 * 1024 * 1024
    assert spec_for("png", "x").max_bytes == 5 * 1024 * 1024
    with pytest.raises(OutputError, match="Instagram accepts JPEG images only"):
        spec_for("png", "instagram")
    noisy = Image.effect_noise((1080, 1080), 120).convert("RGB")
    full = encode(noisy, OutputSpec("jpeg"))
    squeezed = encode(noisy, OutputSpec("jpeg", max_bytes=len(full) * 2 // 3, platform="x"))
    assert len(squeezed) <= len(full) * 2 // 3
    with pytest.raises(OutputError, match=r"over the 0\.0 MB limit"):
        encode(noisy, OutputSpec("jpeg", max_bytes=10_000, platform="x"))


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_size_is_far_under_every_platform_limit(size: str) -> None:
    out = render("event_poster", size, sample_input("event_poster"), platform="x", cache=False)
    assert len(out.data) < 5 * 1024 * 1024 and out.mime == "image/jpeg"


def test_cache_prunes_the_least_recently_used(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path, max_bytes=2500)
    for i in range(4):
        cache.put(f"{i:02d}" + "0" * 62, "jpeg", b"x" * 1000)
        path = cache.path(f"{i:02d}" + "0" * 62, "jpeg")
        os.utime(path, (time.time() - 100 + i, time.time() - 100 + i))
    removed = cache.prune()
    assert removed == 2  # 4000 bytes → at most 80% of 2500: the two oldest go
    assert cache.get("03" + "0" * 62, "jpeg") == b"x" * 1000
    assert cache.get("02" + "0" * 62, "jpeg") == b"x" * 1000
    assert cache.get("00" + "0" * 62, "jpeg") is None and cache.get("01" + "0" * 62, "jpeg") is None


def test_batch_uses_processes_keeps_order_reports_progress_and_isolates_failures(
    tmp_path: Path,
) -> None:
    photo = write_sample_photo(tmp_path / "photo.jpg")
    jobs = [
        RenderJob(layout, size, sample_input(layout, photo), name=f"{layout}-{size}")
        for layout in sorted(LAYOUTS)
        for size in ("square", "story")
    ]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    jobs.insert(3, RenderJob("event_poster", "square", LayoutInput("x", image=broken), name="bad"))
    jobs.append(RenderJob("nope", "square", LayoutInput("x"), name="unknown"))
    seen: list[tuple[int, int]] = []
    results = render_batch(jobs, workers=2, progress=lambda d, t: seen.append((d, t)), cache=False)
    assert [r.job.name for r in results] == [j.name for j in jobs]
    assert [d for d, _ in seen] == list(range(1, len(jobs) + 1))
    failed = {r.job.name: r.error for r in results if not r.ok}
    assert set(failed) == {"bad", "unknown"}
    assert "not an image" in failed["bad"] and "unknown layout" in failed["unknown"]
    # A worker process draws exactly what this process draws.
    one = render("children", "story", sample_input("children", photo), cache=False).data
    assert next(r.data for r in results if r.job.name == "children-story") == one


def _result(name: str, data: bytes | None) -> JobResult:
    job = RenderJob("event_poster", "square", LayoutInput("x"), name=name)
    return JobResult(job, data, "image/jpeg", None if data else "not an image")


@pytest.mark.parametrize(
    ("results", "files", "failed"),
    [
        ([_result("a.jpg", b"A"), _result("b.jpg", b"BB")], {"a.jpg": b"A", "b.jpg": b"BB"}, []),
        ([_result("a.jpg", b"A"), _result("bad.jpg", None)], {"a.jpg": b"A"}, ["bad.jpg"]),
        ([_result("bad.jpg", None)], {}, ["bad.jpg"]),
        ([], {}, []),
    ],
)
def test_batch_results_zip_with_a_line_per_failure(results, files, failed) -> None:
    archive, count, problems = zip_results(results)
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert {i.filename: zf.read(i) for i in zf.infolist()} == files
        assert {i.compress_type for i in zf.infolist()} <= {zipfile.ZIP_STORED}
    assert count == len(files)
    assert problems == [f"{name}: not an image" for name in failed]


@pytest.mark.parametrize(
    ("layout", "data", "locale", "expected"),
    [
        (
            "event_poster",
            LayoutInput(
                "Dongeng Anak",
                date="Sabtu, 6 Desember 2026",
                time="09.00 WIB",
                place="Perpustakaan Kota Pekalongan",
            ),
            "id",
            "Poster acara Dongeng Anak, Sabtu 6 Desember 2026 pukul 09.00 WIB di "
            "Perpustakaan Kota Pekalongan.",
        ),
        (
            "event_poster",
            LayoutInput(
                "Story Time",
                date="Saturday, 6 December 2026",
                time="09:00 WIB",
                place="Children's Room",
                speaker="Kak Rina",
                locale="en",
            ),
            "en",
            "Poster for Story Time, Saturday 6 December 2026 at 09:00 WIB at Children's Room, "
            "with Kak Rina.",
        ),
        (
            "new_arrival",
            LayoutInput("Laut Bercerita", author="Leila S. Chudori", call_number="899.221 3 CHU l"),
            "id",
            "Sampul buku Laut Bercerita karya Leila S. Chudori, koleksi baru Perpustakaan Kota "
            "Pekalongan, nomor panggil 899.221 3 CHU l.",
        ),
        (
            "notice",
            LayoutInput("Jam Layanan", rows=[("Jumat", "08.00–11.00"), ("Sabtu", "Tutup")]),
            "id",
            "Pengumuman Jam Layanan: Jumat 08.00–11.00; Sabtu Tutup.",
        ),
        (
            "statistic",
            LayoutInput("x", number="1.250", label="pengunjung bulan ini", subtitle="November"),
            "id",
            "Kartu statistik: 1.250 pengunjung bulan ini, November.",
        ),
    ],
)
def test_alt_text_is_written_from_the_fields(layout, data, locale, expected) -> None:
    assert describe(layout, data, "Perpustakaan Kota Pekalongan") == expected


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_alt_text_for_every_layout_names_its_words(layout: str) -> None:
    data = sample_input(layout)
    alt = describe(layout, data, "Perpustakaan Kota Pekalongan")
    assert 20 < len(alt) <= 1000
    words = data.quote or data.number or data.title
    assert words.split()[0] in alt
    assert draw(layout, "square", data).image  # the described input really renders
