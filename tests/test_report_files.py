"""The report's files read back as a reader's tools read them: the PDF through pdftotext and
pdfinfo (poppler-utils), the workbook through openpyxl, the CSV through the csv module."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.evaluation.report.files import file_name, render, write_atomically
from planner.evaluation.training_figures import TrainingFigures
from tests.conftest import IN_CI
from tests.report_fixture import november

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdfimages")


def pdf_text(path: Path) -> str:
    """The PDF's words with line breaks and column gaps folded to single spaces."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def pdf_images(path: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return len(listing.stdout.decode().splitlines()) - 2  # two header lines


HEADINGS = [
    "Ringkasan",
    "Interaksi dan jangkauan per hari",
    "Unggahan teratas",
    "Per platform",
    "Indikator 1: Pemanfaatan layanan dan promosi",
    "Indikator 2: Masukan pengguna",
    "Indikator 3: Pelatihan dan partisipasi",
    "Ukuran media sosial",
]
# CI installs poppler-utils (.ci/run); there a missing tool fails the test rather than skip it.
needs_poppler = pytest.mark.skipif(not POPPLER and not IN_CI, reason="poppler-utils not installed")


@needs_poppler
def test_pdf_in_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "laporan.pdf"
    path.write_bytes(render(november("id"), "pdf"))
    text = pdf_text(path)
    assert pdf_pages(path) == 4  # cover, summary and charts, tables, the rest of the measures
    assert pdf_images(path) == 2  # the two charts
    assert text.startswith("Perpustakaan Kota Pekalongan Laporan Bulanan Media Sosial")
    assert "Bulan November 2026" in text and "Dibuat Selasa, 1 Desember 2026" in text
    for sentence in november("id").sentences.values():
        assert sentence in text
    # The summary table: this month, the month before and the change, Indonesian separators.
    assert "Jangkauan 1.230 1.000 +23" in text
    assert "Tayangan 4.567 5.000 −8,7" in text
    assert "Klik tautan tidak dilaporkan 20 –" in text
    assert "Tingkat interaksi (%) 12,5 11 +13,6" in text
    assert "1 7 Dongeng Sabtu Ceria Instagram 14/11/2026 150 400" in text
    assert "Kunjungan 1.234 1.000 +23,4" in text
    assert "Anggota baru 40 tidak dilaporkan –" in text
    assert [h for h in HEADINGS if h not in text] == []
    assert "Halaman 2" in text and "https://" not in text  # links stay in XLSX and CSV


@needs_poppler
def test_the_cover_carries_the_brand_kits_logo(tmp_path: Path) -> None:
    from dataclasses import replace

    from planner.config import PROJECT_ROOT

    path = tmp_path / "laporan.pdf"
    logo = PROJECT_ROOT / "media" / "brand" / "logo.png"
    path.write_bytes(render(replace(november("id"), logo_path=str(logo)), "pdf"))
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    pages = [line.split()[0] for line in listing.stdout.decode().splitlines()[2:]]
    assert pages.count("1") == 2  # the logo on the cover (a picture and its transparency)


@needs_poppler
def test_pdf_in_english_with_training_figures(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    report = november("en", TrainingFigures(3, 45, 30, 82.5))
    path.write_bytes(render(report, "pdf"))
    text = pdf_text(path)
    assert "Monthly Social Media Report" in text and "Made Tuesday, 1 December 2026" in text
    assert "Reach rose 23 % compared with October 2026." in text
    assert "Reach 1,230 1,000 +23" in text
    assert "3 training sessions with 45 attendees; 30 exercises done." in text
    assert "Training sessions 3" in text and "Average score 82.5" in text


def test_xlsx_has_a_sheet_per_table_with_headers_in_the_report_language() -> None:
    book = load_workbook(io.BytesIO(render(november("id"), "xlsx")))
    assert book.sheetnames == [
        "Ringkasan", "Data grafik", "Unggahan teratas", "Per platform", "Layanan", "Masukan",
        "Pelatihan", "Ukuran media sosial", "Kalimat",
    ]  # fmt: skip
    summary = [[c.value for c in row] for row in book["Ringkasan"].iter_rows()]
    assert summary[0] == ["Angka", "Bulan ini", "Bulan sebelumnya", "Perubahan (%)"]
    assert ["Jangkauan", 1230, 1000, 23.0] in summary
    assert ["Klik tautan", None, 20, None] in summary  # a gap stays empty, never 0
    top = [[c.value for c in row] for row in book["Unggahan teratas"].iter_rows()]
    assert top[0][:3] == ["Peringkat", "Unggahan", "Judul"]
    assert top[1][-1] == "https://instagram.com/p/7"
    sentences = [[c.value for c in row] for row in book["Kalimat"].iter_rows()]
    assert ["Ringkasan", "Jangkauan naik 23 % dibanding Oktober 2026."] in sentences
    english = load_workbook(io.BytesIO(render(november("en"), "xlsx")))
    assert english.sheetnames[0] == "Summary"
    assert [c.value for c in english["Per platform"][1]][:3] == ["Platform", "Posts", "Impressions"]


def test_csv_is_one_long_table_with_the_section_as_a_column() -> None:
    data = render(november("id"), "csv")
    assert data.startswith("\ufeff".encode())  # Excel reads the Indonesian text as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Bagian", "Butir", "Angka", "Bulan ini", "Bulan sebelumnya", "Perubahan (%)"]
    assert ["Ringkasan", "", "Jangkauan", "1230", "1000", "23.0"] in rows
    assert ["Ringkasan", "", "Klik tautan", "", "20", ""] in rows
    assert [
        "Ringkasan",
        "",
        "Kalimat",
        "Jangkauan naik 23 % dibanding Oktober 2026.",
        "",
        "",
    ] in rows
    assert ["Per platform", "Instagram", "Interaksi", "200", "", ""] in rows
    assert ["Unggahan teratas", "7", "Judul", "Dongeng Sabtu Ceria", "", ""] in rows
    assert ["Data grafik", "2026-11-20 · X", "Jangkauan", "", "", ""] in rows
    assert {r[0] for r in rows[1:]} == {
        "Ringkasan", "Data grafik", "Unggahan teratas", "Per platform", "Layanan", "Masukan",
        "Pelatihan", "Ukuran media sosial",
    }  # fmt: skip


def test_file_names_and_unknown_formats() -> None:
    assert file_name(november("id"), "pdf") == "laporan-2026-11.pdf"
    assert file_name(november("en"), "csv") == "report-2026-11.csv"
    with pytest.raises(ValueError, match="choose pdf, xlsx or csv"):
        render(november(), "docx")


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    out = tmp_path / "laporan.pdf"
    out.write_bytes(b"old")
    with pytest.raises(TypeError):  # the write fails half-way: not bytes
        write_atomically(object(), out)  # type: ignore[arg-type]
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.pdf"]
    write_atomically(b"new", out)
    assert out.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.pdf"]
