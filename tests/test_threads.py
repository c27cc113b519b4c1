"""Long X posts as threads: validated part by part, stored as such, sent as a reply chain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from planner.db import session_scope
from planner.models import PostTarget
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, SchedulingError, schedule_post
from planner.validation import text_length, thread_parts, validate
from tests.doubles import PlatformDouble
from tests.factories import add_sandbox_accounts
from tests.people_helpers import signed_app

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LONG = " ".join(f"Kalimat nomor {n} tentang layanan perpustakaan kota." for n in range(1, 16))


def test_validation_allows_a_long_x_text_only_as_a_thread() -> None:
    assert text_length("x", LONG) > 280
    plain = validate("x", LONG)
    threaded = validate("x", LONG, thread=True)
    assert [p.code for p in plain.errors] == ["too_long"]
    assert threaded.ok and [p.code for p in threaded.warnings] == ["thread"]
    assert validate("facebook", LONG, thread=True).warnings == []  # threads are an X thing


@given(st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=2000))
def test_every_thread_part_fits(text: str) -> None:
    if not text.strip():
        return
    for part in thread_parts(text):
        if " " in part.strip():  # one unbroken 2,000-letter word cannot be split on words
            assert text_length("x", part) <= 280


def _schedule(session, x_thread: bool) -> int:
    x = add_sandbox_accounts(session)[0]
    post = schedule_post(
        session,
        data=PostCreate(
            title="t", texts={"x": LONG}, account_ids=[x.id], due_at=T0, x_thread=x_thread
        ),
        now=T0 - timedelta(minutes=1),
    )
    return post.id


def test_long_x_text_is_refused_unless_threaded(any_db: str) -> None:
    with session_scope() as session, pytest.raises(SchedulingError, match="too long"):
        _schedule(session, x_thread=False)


def test_thread_is_stored_and_sent_as_a_reply_chain(any_db: str) -> None:
    with session_scope() as session:
        _schedule(session, x_thread=True)
    double = PlatformDouble()
    result = Worker("w", platform_factory=lambda account: double, clock=lambda: T0).run_once()
    assert result.published == 1
    [request] = double.publish_calls
    parts = thread_parts(LONG)
    assert len(parts) >= 3
    assert (request.text, list(request.thread)) == (parts[0], parts[1:])
    with session_scope() as session:
        target = session.exec(select(PostTarget)).one()
        assert target.as_thread and target.text == LONG  # the row keeps what the person wrote


def test_compose_offers_the_thread_switch(demo_db: str) -> None:
    at = signed_app(30).run()
    at.button[0].click().run()
    at.text_area(key="text_x").input(LONG).run()
    assert any("too long" in e.value or "terlalu panjang" in e.value for e in at.error)
    at.checkbox(key="x_thread").check().run()
    assert not any("terlalu panjang" in e.value for e in at.error)
    assert any("utas" in w.value for w in at.warning)
