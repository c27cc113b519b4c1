"""`planner serve` runs Streamlit as a server, not as a developer's reloading script runner."""

from __future__ import annotations

import sys

from streamlit import config as st_config

from planner.cli import app, core
from planner.cli.errors import run_cli


def test_serve_turns_off_the_per_run_gc_and_the_source_watcher(sqlite_db, monkeypatch) -> None:
    launches: list[list[str]] = []
    monkeypatch.setattr(core, "launch_streamlit", launches.append)
    monkeypatch.setattr(sys, "argv", ["planner", "serve"])
    assert run_cli(app) == 0
    argv = launches[0]
    assert argv[argv.index("--runner.postScriptGC") + 1] == "false"
    assert argv[argv.index("--server.fileWatcherType") + 1] == "none"


def test_the_options_exist_in_this_streamlit() -> None:
    """A renamed option would be refused by `streamlit run` at start: catch it here first."""
    options = st_config.get_config_options()
    assert "runner.postScriptGC" in options
    assert "none" in options["server.fileWatcherType"].description
