"""In real Chromium, the Laporan bulanan page makes last month's report and the browser
downloads it: the PDF's pages say what the report service says, and so does the CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.db import session_scope
from planner.evaluation.period import last_month
from planner.evaluation.report.monthly import build_monthly
from planner.i18n import t
from planner.models import ServiceMonth
from tests.conftest import IN_CI

pytestmark = pytest.mark.browser


def _download(page, fmt: str, name: str, folder: Path) -> Path:
    """Choose the format, make the file, press its download button; the file as saved."""
    from playwright.sync_api import expect

    page.get_by_text(t(f"report.format.{fmt}", "id"), exact=True).click()
    page.get_by_role("button", name=t("report.make", "id")).click()
    button = page.get_by_role("button", name=t("report.download", "id", name=name))
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == name
    path = folder / name
    download.save_as(path)
    return path


def test_download_the_pdf_and_the_csv(page, app_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    month = last_month(datetime.now(UTC)).month
    with session_scope() as session:
        session.add(ServiceMonth(month=month, visits=1234, loans=567, new_members=8))
    with session_scope() as session:
        expected = build_monthly(session, month, "id")
    page.goto(app_url)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=t("report.nav", "id"), exact=True).click()
    expect(page.get_by_role("heading", name=t("report.header", "id"))).to_be_visible()

    pdf = _download(page, "pdf", f"laporan-{month}.pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") or IN_CI:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
        assert int(info.decode().split("Pages:")[1].split()[0]) >= 2
        raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
        text = " ".join(raw.decode().split())
        assert expected.library_name in text and "Laporan Bulanan Media Sosial" in text
        assert [s for s in expected.sentences.values() if s not in text] == []
        assert "Kunjungan" in text and "1.234" in text

    table = _download(page, "csv", f"laporan-{month}.csv", tmp_path)
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Bagian", "Butir", "Angka", "Bulan ini", "Bulan sebelumnya", "Perubahan (%)"]
    assert ["Layanan", "", "Kunjungan", "1234", "", ""] in rows
    assert ["Layanan", "", "Kalimat", expected.sentences["service"], "", ""] in rows
    expect(page.get_by_test_id("stException")).to_have_count(0)
