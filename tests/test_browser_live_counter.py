"""The live X counter in the browser agrees with the server's `validate`, one per tab."""

from __future__ import annotations

import re

import pytest

from planner.i18n import t
from planner.limits import PLATFORMS
from planner.validation import thread_parts, validate

pytestmark = pytest.mark.browser

TEXTS = [
    "Bendera 🇮🇩 dan 🇯🇵 di pameran",  # flags: one emoji each, as twitter-text counts
    "Keluarga 👨‍👩‍👧 suka 👍🏽 ❤️ 1️⃣ © ™",  # ZWJ, skin tone, variation, keycap, symbols
    "图书馆 読書 도서관 Perpustakaan",  # CJK weighs 2
    "Daftar: https://perpustakaan.pekalongankota.go.id/agenda?x=1, atau perpus.id.",
    "Contoh https://perpustakaan.example/daftar bukan alamat X",  # unknown domain: text
    "e\u0301 dan é sama",  # NFC, as the server counts
]
THREAD = "Rekomendasi pekan ini: " + " ".join(f"Buku nomor {n} 📚 di rak anak." for n in range(30))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_live_counter_counts_like_the_server(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(app_url)
    page.get_by_role("button", name=t("compose.make_draft", "id")).click()
    x_text = page.get_by_label(t("compose.text_for", "id", platform="X"))
    expect(x_text).to_contain_text("📢")
    counter = page.get_by_test_id("plannerLiveCount").first
    for text in [*TEXTS, THREAD]:
        x_text.fill(text)
        server = validate("x", text)
        expect(counter).to_have_text(f"✍️ saat mengetik: {_number(server.length)}/280")
        x_text.press("Control+Enter")  # commit: a rerun of the page
        expect(page.get_by_text(f"{_number(server.length)}/280").first).to_be_visible()
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    # After all these reruns: still one counter on each platform's tab.
    expect(page.get_by_test_id("plannerLiveCount")).to_have_count(len(PLATFORMS))
    assert counter.get_attribute("data-over") == "1"  # the long text, not a thread yet

    page.get_by_text(t("compose.x_thread", "id")).click()
    server = validate("x", THREAD, thread=True)
    parts = len(thread_parts(THREAD))
    assert server.ok and parts > 1
    expect(counter).to_have_text(
        re.compile(rf"{_number(server.length)}/280 · utas {parts} unggahan$")
    )
    assert counter.get_attribute("data-over") == "0"  # it will go out: not red
    x_text.fill(THREAD + " Sampai jumpa!")
    expect(counter).to_have_text(
        re.compile(rf"utas {len(thread_parts(THREAD + ' Sampai jumpa!'))}")
    )
    expect(page.get_by_test_id("plannerLiveCount")).to_have_count(len(PLATFORMS))
