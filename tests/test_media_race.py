"""Two sessions storing the same image at once (found by bench/sessions.py on PostgreSQL: two
people making the same draft got a duplicate-key error)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import func, select

from planner import config, media
from planner.db import session_scope
from planner.models import MediaAsset
from tests.conftest import _truncate


@pytest.fixture
def pg_db(pg_url: str, data_dir, monkeypatch: pytest.MonkeyPatch):
    """PostgreSQL only: SQLite writers queue for the database lock, so there is no race."""
    monkeypatch.setenv("DATABASE_URL", pg_url)
    config.reset_settings()
    _truncate(pg_url)
    yield pg_url
    _truncate(pg_url)


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), colour).save(out, "JPEG")
    return out.getvalue()


def test_the_same_bytes_stored_by_another_session_meanwhile_give_its_row(
    pg_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _jpeg("teal")
    real = media._normalised
    other: list[int] = []

    def slow_normalise(raw: bytes):
        """While this session prepares the file, another one stores the same image."""
        if not other:
            other.append(0)
            with session_scope() as session:
                other[0] = media.store_image(session, raw, kind="render").id
        return real(raw)

    monkeypatch.setattr(media, "_normalised", slow_normalise)
    with session_scope() as session:
        asset = media.store_image(session, data, kind="render")
        assert asset.id == other[0]
        assert session.exec(select(func.count()).select_from(MediaAsset)).one() == 1
