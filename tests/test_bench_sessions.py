"""The load benchmark's protocol client against a live server, so the driver cannot rot.

One signed-in session over Streamlit's websocket: the calendar opens (its live tables
announce their 3 s refresh), one refresh is answered, and the compose page makes a draft;
a session without the cookie gets the sign-in form.
bench/sessions.py drives many of these; here one proves the handshake, the page hashes, the
cookie sign-in and the widget ids still match what the server expects.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.support.st_client import RunFailed, StreamlitClient
from planner.db import session_scope
from planner.i18n import t
from planner.people import sessions
from planner.people.actors import actor_of
from planner.people.users import find_user
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def live_server(demo_db: str, tmp_path: Path):
    """`planner serve` on a free port over the demo database (embedded worker off)."""
    port = free_port()
    env = {**os.environ, "PLANNER_EMBEDDED_WORKER": "false"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "planner"), "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        yield f"ws://127.0.0.1:{port}/_stcore/stream"
    finally:
        proc.terminate()
        proc.wait(10)


def _cookie() -> dict[str, str]:
    with session_scope() as session:
        sid = sessions.start(session, actor_of(find_user(session, "manajer")))
    return {sessions.COOKIE_NAME: sessions.cookie_value(sid)}


async def _visit(url: str, cookie: dict[str, str]) -> StreamlitClient:
    client = StreamlitClient(url, cookie)
    await client.connect()
    try:
        await client.run("calendar")
        assert {"", "calendar", "dashboard"} <= set(client.pages)  # "": compose, the default
        assert list(client.fragments.values()) == [3.0]
        client.start_auto_reruns()
        deadline = time.monotonic() + 10
        while not any(r.answered for r in client.refreshes) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        await client.run("")
        await client.run(click=t("compose.make_draft", "id"))
        assert t("compose.alt_text", "id") in client.widgets  # the draft editor is shown
        with pytest.raises(RunFailed, match="no button"):
            await client.run(click="no such button")
    finally:
        await client.close()
    return client


async def _stranger(url: str) -> StreamlitClient:
    client = StreamlitClient(url)
    await client.connect()
    try:
        await client.run("")
    finally:
        await client.close()
    return client


def test_one_session_opens_calendar_refreshes_and_drafts(live_server: str) -> None:
    client = asyncio.run(_visit(live_server, _cookie()))
    assert client.refreshes and client.refreshes[0].answered is not None
    assert not client.exceptions
    # Without the cookie the same server shows the sign-in form and no live tables.
    stranger = asyncio.run(_stranger(live_server))
    assert t("signin.username", "id") in stranger.widgets
    assert not stranger.fragments
