"""AppTest of the page planner/ui/report.py: a manager makes November's report as PDF and as
CSV in both languages and gets a download; trainees are not offered the page."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
import time_machine

from planner.db import session_scope
from tests.conftest import IN_CI
from tests.evaluation_fixtures import load_month
from tests.people_helpers import app_as
from tests.test_report_monthly import load_indicators

PAGE = "planner/ui/report.py"


@pytest.fixture
def november(sqlite_db: str):
    """The hand-counted November 2026, seen from early December (November is 'last month')."""
    with session_scope() as session:
        load_month(session)
        load_indicators(session)
    with time_machine.travel(datetime(2026, 12, 3, 2, 0, tzinfo=UTC), tick=True):
        yield


def _make(at, fmt: str, lang: str | None = None):
    at.radio(key="report_format").set_value(fmt)
    if lang:
        at.radio(key="report_lang").set_value(lang)
    at.button(key="report_make").click().run()
    assert not at.exception
    return at


def test_a_manager_downloads_the_pdf(november) -> None:
    at = app_as("manager", PAGE)
    assert not at.exception
    assert "Laporan bulanan" in [h.value for h in at.header]
    assert at.selectbox(key="report_month").value == "2026-11"  # last month is offered first
    assert not at.get("download_button")  # nothing is made before the button is pressed
    _make(at, "pdf")
    month, lang, fmt, name, data = at.session_state["report_file"]
    assert (month, lang, fmt, name) == ("2026-11", "id", "pdf", "laporan-2026-11.pdf")
    assert data.startswith(b"%PDF")
    assert "Laporan November 2026 siap diunduh" in at.success[0].value
    assert [d.proto.label for d in at.get("download_button")] == ["Unduh laporan-2026-11.pdf"]
    if not shutil.which("pdftotext") and not IN_CI:
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    assert "Jangkauan naik 1.500 % dibanding Oktober 2026." in " ".join(
        text.stdout.decode().split()
    )


def test_csv_in_english_and_a_changed_choice_hides_the_old_file(november) -> None:
    at = _make(app_as("manager", PAGE), "csv", "en")
    _, _, _, name, data = at.session_state["report_file"]
    assert name == "report-2026-11.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [
        "Summary",
        "",
        "Sentence",
        "Reach rose 1,500 % compared with October 2026.",
        "",
        "",
    ] in rows
    at.selectbox(key="report_month").set_value("2026-10").run()
    assert not at.get("download_button")  # the file made was November's


def test_staff_may_trainees_are_not_offered_the_page(november) -> None:
    staff = app_as("staff", PAGE)
    assert not staff.exception and staff.button(key="report_make")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app_as("trainee").switch_page(PAGE)
