"""Uploads through the real browser: a bad file is refused in one sentence, a photo is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.config import get_settings
from tests.test_media import photo_bytes

pytestmark = pytest.mark.browser


def test_media_upload_refuses_a_fake_image_and_stores_a_photo(
    page,
    app_url: str,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    uploads = get_settings().uploads_dir
    before = sorted(p for p in uploads.rglob("*") if p.is_file())
    page.goto(app_url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Media").click()
    expect(page.get_by_role("heading", name="Pustaka media")).to_be_visible()
    fake = tmp_path / "passwd.jpg"
    fake.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    page.locator("input[type=file]").set_input_files(str(fake))
    expect(page.get_by_text("Berkas ini bukan gambar yang dapat dibaca.")).to_be_visible()
    assert sorted(p for p in uploads.rglob("*") if p.is_file()) == before

    photo = tmp_path / "foto-kegiatan.jpg"
    photo.write_bytes(photo_bytes((1200, 800)))
    page.locator("input[type=file]").set_input_files(str(photo))
    expect(page.get_by_text("Gambar disimpan sebagai #")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
