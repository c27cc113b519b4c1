"""The live-platform settings and CLI commands are documented where people look for them."""

from __future__ import annotations

from planner.cli.accounts import accounts_app
from planner.config import PROJECT_ROOT, Settings

DOC = (PROJECT_ROOT / "docs" / "platforms.md").read_text(encoding="utf-8")
PLATFORM_SETTINGS = [
    "graph_api_version",
    "x_media_upload",
    "platform_timeout_seconds",
    "ig_poll_interval_seconds",
    "ig_poll_timeout_seconds",
    "public_media_dir",
]


def test_every_platform_setting_is_documented() -> None:
    assert set(PLATFORM_SETTINGS) <= set(Settings.model_fields)
    missing = [name for name in PLATFORM_SETTINGS if f"PLANNER_{name.upper()}" not in DOC]
    assert missing == []
    assert "PUBLIC_MEDIA_BASE_URL" in DOC and "PLANNER_SECRET_KEY" in DOC


def test_every_accounts_command_is_documented() -> None:
    names = [c.name for c in accounts_app.registered_commands]
    assert [n for n in names if f"planner accounts {n}" not in DOC] == []
