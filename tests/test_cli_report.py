"""`planner report` as cron and scripts run it: a real subprocess over the hand-counted month."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.db import dispose_engines, session_scope
from tests.conftest import IN_CI
from tests.evaluation_fixtures import load_month
from tests.people_helpers import make_user
from tests.test_cli import _one_error_line, planner
from tests.test_report_monthly import load_indicators


@pytest.fixture
def data(sqlite_db: str, data_dir: Path) -> Path:
    """The data folder with November 2026 counted, a manager and a trainee."""
    with session_scope() as session:
        load_month(session)
        load_indicators(session)
    make_user("manager")
    make_user("trainee")
    dispose_engines()
    return data_dir


def test_pdf_with_the_months_sentences(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.pdf"
    run = planner(
        "report",
        "--month",
        "2026-11",
        "--format",
        "pdf",
        "--out",
        str(out),
        "--json",
        data_dir=data,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "ok": True,
        "month": "2026-11",
        "format": "pdf",
        "lang": "id",
        "out": str(out),
        "bytes": out.stat().st_size,
    }
    if not shutil.which("pdftotext") and not IN_CI:
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout
    words = " ".join(text.decode().split())
    assert "Jangkauan naik 1.500 % dibanding Oktober 2026." in words
    assert "Kunjungan naik 23,4 % dibanding Oktober 2026." in words
    assert "Sebagian angka adalah simulasi" in words  # the sandbox Instagram post


def test_xlsx_and_csv_in_english(data: Path, tmp_path: Path) -> None:
    book_path, table_path = tmp_path / "report.xlsx", tmp_path / "report.csv"
    for fmt, path in (("xlsx", book_path), ("csv", table_path)):
        run = planner(
            "report",
            "--month",
            "2026-11",
            "--format",
            fmt,
            "--lang",
            "en",
            "--out",
            str(path),
            data_dir=data,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith(f"report for 2026-11 written to {path}")
    book = load_workbook(book_path)
    summary = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    assert summary[0] == ["Figure", "This month", "Month before", "Change (%)"]
    assert ["Reach", 1600, 100, 1500.0] in summary
    rows = list(csv.reader(io.StringIO(table_path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Section", "Item", "Figure", "This month", "Month before", "Change (%)"]
    assert ["Service use", "", "Visits", "1234", "1000", "23.4"] in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "'2026-13' is not a month; write it as YYYY-MM"),
        (["--month", "November"], "'November' is not a month"),
        (["--month", "2026-11", "--format", "docx"], "Unknown format 'docx'"),
        (["--month", "2026-11", "--lang", "jv"], "Unknown language 'jv'"),
    ],
)
def test_bad_input_is_one_line_and_no_file(
    data: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out" / "laporan.pdf"
    out.parent.mkdir()
    out.write_bytes(b"last month's report")
    run = planner("report", *args, "--out", str(out), data_dir=data)
    assert run.returncode == 1
    assert message in _one_error_line(run.stderr)
    assert out.read_bytes() == b"last month's report"  # untouched, no temporary file left
    assert [p.name for p in out.parent.iterdir()] == ["laporan.pdf"]


def test_who_may_make_it(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.csv"
    refused = planner(
        "report",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--out",
        str(out),
        data_dir=data,
        env={"PLANNER_USER": "tia"},
    )
    assert refused.returncode == 1 and "planner: error:" in refused.stderr
    assert not out.exists()
    allowed = planner(
        "report",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--out",
        str(out),
        data_dir=data,
        env={"PLANNER_USER": "maya"},
    )
    assert allowed.returncode == 0, allowed.stderr
    assert out.read_bytes().startswith("\ufeffBagian".encode())


def test_a_folder_that_does_not_exist(data: Path, tmp_path: Path) -> None:
    run = planner(
        "report", "--month", "2026-11", "--out", str(tmp_path / "nope" / "r.pdf"), data_dir=data
    )
    assert run.returncode == 1
    assert "No such file or directory" in _one_error_line(run.stderr)
