"""Recurring series across daylight-saving changes, and the sweep after downtime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from planner.db import session_scope
from planner.limits import PLATFORMS
from planner.models import Notification, Post, PostTarget, Series
from planner.publishing.worker import Worker
from planner.recurrence import (
    SeriesContent,
    SeriesRule,
    create_series,
    list_series,
    materialize_all,
    next_occurrences,
    occurrences,
    series_post_ids,
    stop_series,
    to_utc,
)
from tests.doubles import PlatformDouble
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN

AMS = ZoneInfo("Europe/Amsterdam")
NYC = ZoneInfo("America/New_York")


def _series(first: datetime, zone: str, **rule) -> Series:
    return Series(
        name="Rekomendasi Buku",
        rule=SeriesRule(**rule).model_dump(mode="json"),
        timezone=zone,
        anchor_at=first.astimezone(UTC),
    )


@pytest.mark.parametrize(
    ("zone", "first", "expect_utc_hours"),
    [
        # Amsterdam leaves CET (UTC+1) for CEST (UTC+2) on Sunday 29 March 2026 …
        (AMS, datetime(2026, 3, 13, 9, 0, tzinfo=AMS), [8, 8, 8, 7, 7, 7]),
        # … and returns on Sunday 25 October 2026.
        (AMS, datetime(2026, 10, 9, 9, 0, tzinfo=AMS), [7, 7, 7, 8, 8, 8]),
        # New York: EDT → EST on Sunday 1 November 2026.
        (NYC, datetime(2026, 10, 16, 9, 0, tzinfo=NYC), [13, 13, 13, 14, 14, 14]),
    ],
)
def test_every_friday_0900_stays_0900_local_across_dst(zone, first, expect_utc_hours) -> None:
    series = _series(first, zone.key, freq="weekly", weekdays=[4])
    moments = occurrences(series, first - timedelta(days=1), first + timedelta(weeks=6))
    assert [m.astimezone(zone).strftime("%a %H:%M") for m in moments] == ["Fri 09:00"] * 6
    assert [m.hour for m in moments] == expect_utc_hours


def test_series_is_anchored_to_its_first_occurrence_not_creation() -> None:
    # Every two weeks from Friday 6 Nov: created on any day, the weeks stay the same.
    first = datetime(2026, 11, 6, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    series = _series(first, "Asia/Jakarta", freq="weekly", interval=2, weekdays=[4])
    later_window = occurrences(
        series, datetime(2026, 11, 14, tzinfo=UTC), first + timedelta(weeks=7)
    )
    assert [m.astimezone(ZoneInfo("Asia/Jakarta")).day for m in later_window] == [20, 4, 18]


def test_nonexistent_local_time_moves_forward_by_the_gap() -> None:
    gap_day = datetime(2026, 3, 29, 2, 30)  # does not exist in Amsterdam
    assert to_utc(gap_day, AMS).astimezone(AMS).strftime("%H:%M") == "03:30"
    ambiguous = datetime(2026, 10, 25, 2, 30)  # happens twice: the first is taken
    assert to_utc(ambiguous, AMS) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_materialize_once_even_when_run_twice_and_stop_cancels(any_db) -> None:
    now = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        series = create_series(
            session,
            name="Rekomendasi Buku",
            first_at=datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
            rule=SeriesRule(freq="weekly", weekdays=[4]),
            content=SeriesContent(texts={"x": "Buku pekan ini", "facebook": "Buku pekan ini"}),
            account_ids=[accounts[0].id, accounts[1].id],
            now=now,
            actor=ADMIN,
        )
        series_id = series.id
    assert materialize_all(now) == 0  # already there
    assert materialize_all(now + timedelta(days=7)) == 1  # one more week came into view
    with session_scope() as session:
        posts = session.exec(select(Post).where(Post.series_id == series_id)).all()
        assert len(posts) == 5
        dues = sorted({t.due_at for t in session.exec(select(PostTarget)) if t.due_at is not None})
        assert {d.astimezone(ZoneInfo("Asia/Jakarta")).strftime("%a %H:%M") for d in dues} == {
            "Fri 09:00"
        }
        assert stop_series(session, series_id, actor=ADMIN) == 5
    with session_scope() as session:
        assert {t.status for t in session.exec(select(PostTarget))} == {"cancelled"}
    assert materialize_all(now + timedelta(days=14)) == 0


def test_a_series_that_cannot_schedule_says_so_once_a_day(any_db) -> None:
    now = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        series_id = create_series(
            session,
            name="Rekomendasi Buku",
            first_at=datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
            rule=SeriesRule(freq="weekly", weekdays=[4]),
            content=SeriesContent(texts={"x": "Buku pekan ini"}),
            account_ids=[x.id],
            now=now,
            actor=ADMIN,
        ).id
        # Later its account's token is revoked: new occurrences cannot be scheduled.
        x.status, x.status_reason = "reconnect_needed", "401 Unauthorized"
    for hours in (24 * 7, 24 * 7 + 1, 24 * 8 + 1):
        assert materialize_all(now + timedelta(hours=hours)) == 0
    with session_scope() as session:
        notes = session.exec(select(Notification).order_by(Notification.id)).all()
        posts = session.exec(select(Post).where(Post.series_id == series_id)).all()
    assert [(n.key, n.params["series_id"]) for n in notes] == [
        ("notify.series_failed", series_id)
    ] * 2  # the day's second pass said nothing new
    assert "401 Unauthorized" in notes[0].message and len(posts) == 4  # those made before


def test_sweep_after_downtime_with_a_moved_clock(any_db) -> None:
    """The machine slept from 08:55 to 10:10 WIB: posts due within the grace period still go
    out when it wakes, older ones are flagged as missed with a notification — never silently."""
    wib = ZoneInfo("Asia/Jakarta")
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        from planner.scheduling import PostCreate, schedule_post

        for hh, mm in ((9, 0), (9, 30), (9, 45), (10, 5), (11, 0)):
            schedule_post(
                session,
                data=PostCreate(
                    title=f"{hh:02d}.{mm:02d}",
                    texts={"x": f"Jam {hh}.{mm:02d}"},
                    account_ids=[x.id],
                    due_at=datetime(2026, 12, 1, hh, mm, tzinfo=wib),
                ),
                now=datetime(2026, 12, 1, 8, 0, tzinfo=wib),
                actor=ADMIN,
            )
    double = PlatformDouble()
    with time_machine.travel(datetime(2026, 12, 1, 10, 10, tzinfo=wib), tick=False):
        result = Worker("waking", platform_factory=lambda a: double).run_once()
    with session_scope() as session:
        rows = session.exec(select(PostTarget, Post).join(Post)).all()
        state = {post.title: (target.status, target.error_kind) for target, post in rows}
        notes = session.exec(select(Notification)).all()
    assert state == {
        "09.00": ("needs_attention", "missed"),
        "09.30": ("needs_attention", "missed"),
        "09.45": ("published", None),  # 25 minutes late, within the 30-minute grace
        "10.05": ("published", None),
        "11.00": ("scheduled", None),
    }
    assert result.missed == 2 and len(double.publish_calls) == 2
    assert sorted(n.key for n in notes) == ["notify.missed", "notify.missed"]
    assert all("09.00" in n.message or "09.30" in n.message for n in notes)


@pytest.mark.parametrize(
    ("title", "text"),
    [("Rekomendasi Buku", "Buku pekan ini!"), ("", ""), ("Jam Buka", "Senin–Sabtu\n08.00")],
)
def test_same_text_everywhere_covers_every_platform(title: str, text: str) -> None:
    content = SeriesContent.same_everywhere(title, text)
    assert content.title == title
    assert content.texts == dict.fromkeys(PLATFORMS, text)
    assert list(content.texts) == list(PLATFORMS)


WIB = ZoneInfo("Asia/Jakarta")
FRIDAY_0900 = datetime(2026, 12, 4, 9, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    ("first", "now", "count", "expect_days"),
    [
        (FRIDAY_0900, datetime(2026, 12, 1, tzinfo=UTC), 1, [4]),
        (FRIDAY_0900, datetime(2026, 12, 1, tzinfo=UTC), 3, [4, 11, 18]),
        (FRIDAY_0900, datetime(2026, 12, 5, tzinfo=UTC), 2, [11, 18]),  # 4 Dec has passed
        # The first occurrence is beyond the 60 days the page and the CLI look ahead.
        (FRIDAY_0900 + timedelta(days=63), datetime(2026, 12, 1, tzinfo=UTC), 3, []),
    ],
)
def test_next_occurrences_look_sixty_days_ahead(first, now, count, expect_days) -> None:
    series = _series(first, "Asia/Jakarta", freq="weekly", weekdays=[4])
    moments = next_occurrences(series, now, count)
    assert [m.astimezone(WIB).day for m in moments] == expect_days
    assert all(m.astimezone(WIB).strftime("%a %H:%M") == "Fri 09:00" for m in moments)


def test_list_series_and_a_series_posts(any_db) -> None:
    now = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        made = [
            create_series(
                session,
                name=name,
                first_at=FRIDAY_0900,
                rule=SeriesRule(freq="weekly", weekdays=[4]),
                content=SeriesContent(texts={"x": name}),
                account_ids=[x.id],
                now=now,
                actor=ADMIN,
            ).id
            for name in ("Rekomendasi Buku", "Jam Buka")
        ]
        stop_series(session, made[0], actor=ADMIN)
    with session_scope() as session:
        assert [s.id for s in list_series(session)] == made
        assert [s.id for s in list_series(session, active_only=True)] == made[1:]
        posts = session.exec(select(Post.id).where(Post.series_id == made[1])).all()
        assert series_post_ids(session, made[1]) == sorted(posts) and len(posts) == 4
        assert series_post_ids(session, 999) == []
