"""Demo inputs for every layout, from the Pekalongan demo content.

Used by the brand kit preview, the studio's examples, the tests (every layout × size) and
the benchmark, so all of them exercise the same realistic text.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from planner.imaging.layouts.base import Cover, LayoutInput

_BOOKS = [
    ("Laut Bercerita", "Leila S. Chudori"),
    ("Bumi Manusia", "Pramoedya Ananta Toer"),
    ("Laskar Pelangi", "Andrea Hirata"),
    ("Ronggeng Dukuh Paruk", "Ahmad Tohari"),
    ("Cantik Itu Luka", "Eka Kurniawan"),
    ("Negeri 5 Menara", "Ahmad Fuadi"),
]


def sample_input(layout: str, photo: Path | None = None, locale: str = "id") -> LayoutInput:
    """Realistic demo input for `layout`; `photo` fills the picture slot when given."""
    if layout == "event_poster":
        return LayoutInput(
            title="Bedah Buku bersama Penulis Lokal: Kampung Batik di Tepi Kali",
            kicker="Bedah buku",
            date="Sabtu, 12 Desember 2026",
            time="15.30 WIB",
            place="Aula Lantai 2, Perpustakaan Kota Pekalongan",
            speaker="Nur Hidayah (penulis asal Pekalongan)",
            audience="Umum, gratis",
            day="12",
            month="Des",
            image=photo,
            locale=locale,
        )
    if layout == "children":
        return LayoutInput(
            title="Dongeng Anak: Si Kancil dan Buaya",
            kicker="Dongeng",
            date="Sabtu, 5 Desember 2026",
            time="09.00 WIB",
            place="Ruang Baca Anak",
            speaker="Kak Rina",
            audience="Anak usia 4–10 tahun",
            image=photo,
            locale=locale,
        )
    if layout == "new_arrival":
        return LayoutInput(
            title="Laut Bercerita",
            author="Leila S. Chudori",
            call_number="899.221 3 CHU l",
            details=["Kepustakaan Populer Gramedia, 2017"],
            image=photo,
            locale=locale,
        )
    if layout == "book_list":
        return LayoutInput(
            title="Lima Novel Indonesia untuk Akhir Pekan",
            subtitle="Pinjam di lantai 1, rak fiksi",
            covers=[Cover(t, a, photo if i == 0 else None) for i, (t, a) in enumerate(_BOOKS[:5])],
            locale=locale,
        )
    if layout == "quote_card":
        return LayoutInput(
            title="Buku adalah jendela dunia.",
            quote="Buku adalah jendela dunia. Buka satu halaman hari ini, di perpustakaan kotamu.",
            attribution="Peribahasa Indonesia",
            covers=[Cover("Laskar Pelangi", "Andrea Hirata", photo)],
            locale=locale,
        )
    if layout == "notice":
        return LayoutInput(
            title="Jam Layanan Libur Akhir Tahun",
            subtitle="Berlaku 21 Desember 2026 – 3 Januari 2027",
            rows=[
                ("Senin–Kamis", "08.00–15.00"),
                ("Jumat", "08.00–11.00"),
                ("Sabtu–Minggu", "Tutup"),
                ("25 Desember", "Tutup"),
            ],
            details=["Pengembalian buku tetap bisa lewat kotak di depan gedung."],
            locale=locale,
        )
    if layout == "statistic":
        return LayoutInput(
            title="Pengunjung November",
            number="1.250",
            label="pengunjung bulan ini",
            subtitle="November 2026",
            details=["Naik 12% dari Oktober"],
            locale=locale,
        )
    raise ValueError(f"no sample for layout {layout!r}")


def write_sample_photo(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    """A deterministic photo-like JPEG (sky, hills, bright and dark patches) for tests and benches.

    It has both near-white and near-black areas so scrims and contrast are really exercised.
    """
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        k = y / h
        draw.line((0, y, w, y), fill=(int(250 - 120 * k), int(245 - 90 * k), int(235 - 160 * k)))
    rng = random.Random(42)
    for _ in range(40):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randrange(20, 180)
        shade = rng.choice([(255, 255, 255), (10, 10, 10), (200, 60, 40), (30, 90, 140)])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    img = img.filter(ImageFilter.GaussianBlur(3))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=88)
    return path
