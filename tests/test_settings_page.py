"""The settings page explains what is configured and what is missing."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planner import config
from tests.people_helpers import signed_app


def _settings_page() -> AppTest:
    at = signed_app(30).run()
    at.switch_page("planner/ui/settings.py").run()
    assert not at.exception
    return at


def test_missing_public_address_is_explained(demo_db: str) -> None:
    at = _settings_page()
    assert any("PUBLIC_MEDIA_BASE_URL" in w.value for w in at.warning)


def test_configured_public_address_is_shown(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_MEDIA_BASE_URL", "https://media.perpustakaan.example/p")
    config.reset_settings()
    at = _settings_page()
    # shown as text (a backslash keeps Markdown from making a link of it)
    assert any(
        "https://media.perpustakaan.example/p" in s.value.replace("\\", "") for s in at.success
    )
    assert not at.warning


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://localhost:8000/p", "menunjuk ke localhost, yang tidak bisa dijangkau Instagram"),
        ("http://192.168.1.20/p", "menunjuk ke 192.168.1.20, alamat jaringan lokal"),
        ("media.example/p", "harus alamat http(s)"),
    ],
)
def test_unusable_public_address_is_a_warning_not_a_success(
    demo_db: str, monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    monkeypatch.setenv("PUBLIC_MEDIA_BASE_URL", url)
    config.reset_settings()
    at = _settings_page()
    assert not at.success
    assert any(expected in w.value for w in at.warning)


def test_language_and_channels_are_named_not_coded(demo_db: str) -> None:
    at = _settings_page()
    shown = [m.value for m in at.markdown]
    assert "Asia/Jakarta · Bahasa bawaan: Bahasa Indonesia" in shown
    assert "Kegagalan dikabarkan lewat: kotak masuk" in shown
