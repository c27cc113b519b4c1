"""Looking up events and collection items and the pictures stored for them."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from planner.db import session_scope
from planner.sources import (
    SourceError,
    ensure_cover,
    event_photo,
    get_event,
    get_item,
    set_cover,
    set_event_photo,
    stored_cover,
)
from tests.factories import add_event, add_item
from tests.people_helpers import ADMIN


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), "#884422").save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("lookup", "add", "message"),
    [
        (get_event, add_event, "no event with id 999"),
        (get_item, add_item, "no collection item with id 999"),
    ],
)
def test_get_finds_the_record_or_says_there_is_none(any_db: str, lookup, add, message) -> None:
    with session_scope() as session:
        record = add(session)
        assert lookup(session, record.id) is record
        with pytest.raises(SourceError, match=message) as refused:
            lookup(session, 999)
    assert refused.value.values == {"id": 999}  # the app words it from the code and values


def test_event_photo_is_the_uploaded_one(any_db: str) -> None:
    with session_scope() as session:
        event = add_event(session)
        assert event_photo(session, event) is None
        photo = set_event_photo(session, event, _png(), filename="foto.png", actor=ADMIN)
        assert event_photo(session, event) is photo


def test_stored_cover_never_draws_one(any_db: str) -> None:
    with session_scope() as session:
        uploaded, drawn = add_item(session, key="a"), add_item(session, key="b")
        assert stored_cover(session, uploaded) is None
        cover = set_cover(session, uploaded, _png(), filename="sampul.png", actor=ADMIN)
        assert stored_cover(session, uploaded) is cover
        assert stored_cover(session, drawn) is None  # asking does not draw one …
        assert stored_cover(session, drawn) is None
        made = ensure_cover(session, drawn)  # … ensure_cover does
        assert stored_cover(session, drawn) is made
