"""Pages that follow live state (calendar, queue, inbox) redraw only when something changed.

A page run notes what it drew with (`drawn_with`: the change counter and whether a worker
is running). `follow()` then asks again every few seconds — two tiny reads — and reruns the
page only when the answer moved: a quiet calendar costs almost nothing, a publish shows
within a few seconds. The queries themselves are cached across every browser session,
keyed by the database, the counter and who is looking, so after a change the first page to
redraw pays for them and the rest read the cache (planner/changes.py, docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

from planner import calendar as planned
from planner.changes import version
from planner.config import get_settings
from planner.db import read_scope
from planner.models import utcnow
from planner.people.actors import Actor
from planner.publishing.status import running_workers

TICK_SECONDS = 3
_DRAWN = "live_drawn_with"  # session_state: the stamp this page run drew with
_FRESH = "live_fresh"  # session_state: set by the page run, so its own follow() skips a read


@dataclass(frozen=True)
class Stamp:
    """What a live page depends on besides its own filters."""

    version: int
    worker_running: bool


def _stamp() -> Stamp:
    settings = get_settings()
    with read_scope() as session:
        return Stamp(
            version=version(session),
            worker_running=running_workers(session, utcnow(), settings.lease_seconds) > 0,
        )


def worker_running() -> bool:
    """Whether some publishing worker (in any process) beat within its lease."""
    return _stamp().worker_running


def drawn_with() -> Stamp:
    """The stamp this page run draws with; `follow()` compares against it."""
    stamp = _stamp()
    st.session_state[_DRAWN] = stamp
    st.session_state[_FRESH] = True
    return stamp


@st.fragment(run_every=TICK_SECONDS)
def follow() -> None:
    """Every few seconds: has anything changed since this page drew? Only then draw again."""
    if st.session_state.pop(_FRESH, False):
        return  # called by the page run itself, which has just read the stamp
    if _stamp() != st.session_state.get(_DRAWN):
        st.rerun()


def _viewer_key(viewer: Actor | None) -> int | None:
    """Who a cached result is for: everyone who sees all posts shares one (None)."""
    return None if planned.sees_all(viewer) else (viewer.id if viewer else -1)


@dataclass(frozen=True)
class QueueRow:
    """One target as the queue tables show it (plain values, so it can be cached)."""

    post_id: int
    title: str
    when: datetime
    platform: str
    account: str
    status: str
    remote_id: str | None
    error_kind: str | None
    last_error: str | None


@st.cache_data(show_spinner=False, max_entries=128)
def _queue(
    url: str, stamp: int, who: int | None, which: str, limit: int, _viewer: Actor | None
) -> list[QueueRow]:
    query = planned.upcoming if which == "upcoming" else planned.recent
    with read_scope(url) as session:
        rows = query(session, limit, viewer=_viewer)
    return [
        QueueRow(
            post_id=post.id,
            title=post.title,
            when=target.published_at or target.due_at,
            platform=target.platform,
            account=account.name,
            status=target.status,
            remote_id=target.remote_id,
            error_kind=target.error_kind,
            last_error=target.last_error,
        )
        for target, post, account in rows
    ]


def queue(which: str, limit: int, stamp: Stamp, viewer: Actor | None) -> list[QueueRow]:
    """The next targets due (`upcoming`) or the latest finished (`recent`), from the cache
    while nothing changed."""
    return _queue(get_settings().db_url, stamp.version, _viewer_key(viewer), which, limit, viewer)


@st.cache_data(show_spinner=False, max_entries=128)
def _chips(
    url: str,
    stamp: int,
    who: int | None,
    days: tuple[date, date],
    filters: tuple,
    _viewer: Actor | None,
) -> dict[date, list[planned.PostChip]]:
    tz = get_settings().tz
    start, end = planned.span(list(days), tz)
    with read_scope(url) as session:
        found = planned.entries(session, start, end, viewer=_viewer, **dict(filters))
    return planned.chips_by_day(found, tz)


def chips(
    days: list[date], filters: dict, stamp: Stamp, viewer: Actor | None
) -> dict[date, list[planned.PostChip]]:
    """The calendar's posts per day between the first and last of `days`, cached."""
    frozen = tuple(sorted((k, tuple(v)) for k, v in filters.items()))
    return _chips(
        get_settings().db_url,
        stamp.version,
        _viewer_key(viewer),
        (days[0], days[-1]),
        frozen,
        viewer,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _filter_options(url: str, stamp: int, who: int | None, _viewer: Actor | None) -> dict:
    with read_scope(url) as session:
        return planned.filter_options(session, viewer=_viewer)


def filter_options(stamp: Stamp, viewer: Actor | None) -> dict:
    """The calendar filters' choices (platforms, campaigns, authors), cached."""
    return _filter_options(get_settings().db_url, stamp.version, _viewer_key(viewer), viewer)
