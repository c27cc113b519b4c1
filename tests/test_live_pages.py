"""Live pages read their queries from a cache keyed by the change counter (widgets/live.py).

AppTest over the calendar: drawing it again with nothing changed runs none of its queries;
a change anywhere (here a post scheduled outside the page) runs them once more. The tick
that decides whether to draw again reads only the counter and the workers' heartbeats.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from planner import calendar as planned
from planner.db import session_scope
from planner.publishing.heartbeat import beat, mark_stopped
from planner.scheduling import PostCreate, schedule_post
from tests.people_helpers import ADMIN, signed_app

QUERIES = ("upcoming", "recent", "entries", "filter_options")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """How often each calendar query really ran (the page reaches them through the module)."""
    counted: Counter = Counter()
    for name in QUERIES:
        real = getattr(planned, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            counted[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(planned, name, counting)
    return counted


def _schedule(title: str) -> None:
    with session_scope() as session:
        schedule_post(
            session,
            data=PostCreate(
                title=title,
                texts={"x": f"{title}!"},
                account_ids=[1],
                due_at=datetime.now(UTC) + timedelta(hours=2),
            ),
            actor=ADMIN,
        )


def _calendar() -> AppTest:
    at = signed_app(30).run()
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    return at


def test_an_unchanged_calendar_runs_no_query_and_a_change_runs_each_once(
    demo_db: str, calls: Counter
) -> None:
    at = _calendar()
    assert set(calls) == set(QUERIES)
    first = Counter(calls)
    at.run()
    at.run()
    assert not at.exception
    assert calls == first  # drawn twice more, all from the cache
    _schedule("Pameran Buku Baru")
    at.run()
    assert not at.exception
    assert calls == first + Counter(dict.fromkeys(QUERIES, 1))
    queue = at.dataframe[0].value
    assert "Pameran Buku Baru" in set(queue.iloc[:, 5])


def test_a_second_session_reads_what_the_first_one_cached(demo_db: str, calls: Counter) -> None:
    _calendar()
    first = Counter(calls)
    _calendar()  # another browser, same role: the same shared results
    assert calls == first


def test_the_worker_caption_follows_the_heartbeats(demo_db: str) -> None:
    at = _calendar()
    assert "Pengirim otomatis: tidak berjalan" in [c.value for c in at.caption]
    now = datetime.now(UTC)
    with session_scope() as session:
        beat(session, "w-live", now, 10, started_at=now)
    at.run()
    assert "Pengirim otomatis: berjalan" in [c.value for c in at.caption]
    with session_scope() as session:
        mark_stopped(session, "w-live", datetime.now(UTC))
    at.run()
    assert "Pengirim otomatis: tidak berjalan" in [c.value for c in at.caption]
