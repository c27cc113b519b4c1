"""The golden path in real headless Chromium against `streamlit run`.

The app runs without its embedded worker; after scheduling "a few minutes ahead" the test
runs the same worker code in-process with its clock moved past the due time, so the test
never waits a real minute. The screenshots it takes are the README's.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from planner import config, db
from planner.models import utcnow
from planner.worker import Worker

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def app_url(demo_db: str, data_dir: Path):
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if IN_CI:
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("Chromium not installed")
    port = _free_port()
    env = {**os.environ, "PLANNER_DATA_DIR": str(data_dir), "PLANNER_EMBEDDED_WORKER": "false"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode()[-2000:])
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def page(app_url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        yield pg
        browser.close()


def test_golden_path(page, app_url: str, data_dir: Path) -> None:
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
    page.screenshot(path=str(ROOT / "docs" / "screenshot-compose.png"), full_page=True)
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

    assert collect_once(now=later) >= 3

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Kalender & Antrean").click()
    expect(page.get_by_role("heading", name="Baru terbit")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    expect(page.get_by_text("Angka simulasi", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=str(ROOT / "docs" / "screenshot-dashboard.png"), full_page=True)
