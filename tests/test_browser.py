"""The golden path in real headless Chromium against `streamlit run`.

The app runs without its embedded worker; after scheduling "a few minutes ahead" the test
runs the same worker code in-process with its clock moved past the due time, so the test
never waits a real minute. With PLANNER_SCREENSHOTS=docs its screenshots
refresh the README's pictures (see the `shots` fixture).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from planner import config, db
from planner.models import utcnow
from planner.publishing.worker import Worker

pytestmark = pytest.mark.browser


def test_golden_path(page, app_url: str, data_dir: Path, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto(app_url)
    expect(page.get_by_role("heading", name="Tulis unggahan")).to_be_visible()
    page.get_by_role("button", name="Buat draf").click()
    x_text = page.get_by_label("Teks untuk X")
    expect(x_text).to_contain_text("Dongeng Anak")
    x_text.fill(
        "📢 Dongeng Anak: Si Kancil dan Buaya — ajak si kecil ke perpustakaan! "
        "#PerpusKotaPekalongan"
    )
    expect(page.get_by_text(re.compile(r"✅ \d+/280"))).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()
    page.screenshot(path=str(shots / "screenshot-compose.png"), full_page=True)
    page.get_by_role("button", name="Jadwalkan").click()
    expect(page.get_by_text(re.compile(r"Unggahan #\d+ dijadwalkan"))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # The scheduled time is ~2 minutes ahead: run the real worker with its clock moved past it.
    config.reset_settings()
    db.dispose_engines()
    later = utcnow() + timedelta(minutes=3)
    result = Worker("browser-test", clock=lambda: later).run_once()
    assert result.published == 3
    from planner.metrics import collect_once

    assert collect_once(now=later, on_demand=True) >= 3  # as 'Perbarui angka' does

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Kalender & Antrean").click()
    expect(page.get_by_role("heading", name="Baru dipublikasikan")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    expect(page.get_by_text("Angka simulasi", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # Last month holds the demo's month of figures: the picture the README shows.
    page.get_by_label("Periode").click()
    page.get_by_role("option", name="Bulan lalu").click()
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_text(re.compile(r"dibanding .*Oktober"))).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=str(shots / "screenshot-dashboard.png"), full_page=True)
