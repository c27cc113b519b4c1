"""One upload limit: what the page says, what the upload box says, what the server accepts."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

from planner.cli import app, core
from planner.cli.errors import run_cli
from planner.limits import IMPORT_UPLOAD_MB, PHOTO_UPLOAD_MB, UPLOAD_LIMIT_MB
from planner.media import MAX_UPLOAD_BYTES
from tests.people_helpers import app_as

ROOT = Path(__file__).resolve().parents[1]


def test_streamlit_config_accepts_exactly_the_apps_largest_upload() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == UPLOAD_LIMIT_MB
    assert max(PHOTO_UPLOAD_MB, IMPORT_UPLOAD_MB) == UPLOAD_LIMIT_MB
    assert MAX_UPLOAD_BYTES == PHOTO_UPLOAD_MB * 1024 * 1024


def test_serve_passes_the_same_limit(sqlite_db, monkeypatch) -> None:
    launches: list[list[str]] = []
    monkeypatch.setattr(core, "launch_streamlit", launches.append)
    monkeypatch.setattr(sys, "argv", ["planner", "serve"])
    assert run_cli(app) == 0
    argv = launches[0]
    assert argv[argv.index("--server.maxUploadSize") + 1] == str(UPLOAD_LIMIT_MB)


def test_every_upload_box_names_its_limit() -> None:
    """Without `max_upload_size` a box would show the server's ceiling, not the app's limit."""
    unnamed = []
    for path in sorted((ROOT / "planner" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "file_uploader"
            ):
                limit = next((k.value for k in node.keywords if k.arg == "max_upload_size"), None)
                if not (
                    isinstance(limit, ast.Name)
                    and limit.id in {"PHOTO_UPLOAD_MB", "IMPORT_UPLOAD_MB"}
                ):
                    unnamed.append(f"{path.name}:{node.lineno}")
    assert not unnamed


def test_media_page_box_and_text_agree(demo_db) -> None:
    at = app_as("admin", "planner/ui/media.py")
    assert not at.exception
    boxes = at.get("file_uploader")
    assert [box.proto.max_upload_size_mb for box in boxes] == [PHOTO_UPLOAD_MB]
    assert any(f"{PHOTO_UPLOAD_MB} MB" in c.value for c in at.caption)
    assert not any(f"{IMPORT_UPLOAD_MB} MB" in c.value for c in at.caption)
