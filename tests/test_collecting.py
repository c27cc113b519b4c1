"""Collecting post figures: milestones (parsing, which one is due, late ones labelled with
the milestone they stand for, the window's end), on-demand refresh (service and CLI, with
its permission) and the combined maintenance pass.

Modules under test: planner/milestones.py, planner/metrics.py (collect_once),
planner/collecting.py, planner/cli/metrics.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planner.collecting import Collected, RefreshError, collect_due, refresh_figures
from planner.config import Settings
from planner.db import session_scope
from planner.metrics import collect_once
from planner.milestones import LIVE, Milestone, due, parse_milestones, window
from planner.models import MetricSnapshot
from planner.people.roles import PermissionDenied
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN, make_user
from tests.test_cli_users import cli, one_error

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
H, D = timedelta(hours=1), timedelta(days=1)
DEFAULT = parse_milestones("1h,24h,7d,30d")


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("1h,24h,7d,30d", ["1h", "24h", "7d", "30d"]),
        ("30d, 7d ,1H,24h", ["1h", "24h", "7d", "30d"]),  # any order, spaces, any case
        ("90m,3h", ["90m", "3h"]),
        ("24h,", ["24h"]),
    ],
)
def test_milestones_are_read_youngest_first(text: str, labels: list[str]) -> None:
    assert [m.label for m in parse_milestones(text)] == labels


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("1h,1w", "'1w' is not a positive number"),
        ("0h", "'0h' is not a positive number"),
        ("-1h", "not a positive number"),
        ("24h,1d", "24h and 1d are the same age"),
    ],
)
def test_bad_milestones_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_milestones(text)
    with pytest.raises(ValueError, match=reason):
        Settings(metrics_milestones=text, secret_key=None)


@pytest.mark.parametrize(
    ("age", "taken", "expected"),
    [
        (30 * 60, set(), None),  # before the first milestone
        (3600, set(), "1h"),
        (2 * 3600, {"1h"}, None),  # 1 h done, 24 h not reached
        (30 * 3600, set(), "24h"),  # an outage: the late snapshot stands for 24 h, 1 h stays a gap
        (30 * 3600, {"24h"}, None),
        (8 * 86400, {"1h", "24h"}, "7d"),
        (30 * 86400 + 20 * 3600, {"7d"}, "30d"),  # late, still inside the window
        (31 * 86400 + 60, {"7d"}, None),  # the window (last milestone + 1 day) is over
    ],
)
def test_which_milestone_is_due(age: int, taken: set[str], expected: str | None) -> None:
    found = due(timedelta(seconds=age), DEFAULT, taken)
    assert (found.label if found else None) == expected


def test_the_window_ends_a_day_after_the_last_milestone() -> None:
    assert window(DEFAULT) == 31 * D
    assert window([Milestone("2h", 2 * H)]) == 2 * H + D


def _publish(n_accounts: int = 2) -> int:
    """One post on the sandbox X (and Facebook) accounts, published at T0; its id."""
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)[:n_accounts]
        post = schedule_post(
            session,
            data=PostCreate(
                title="Pameran buku",
                texts={a.platform: "Pameran buku di Perpustakaan Kota" for a in accounts},
                account_ids=[a.id for a in accounts],
                due_at=T0,
            ),
            now=T0 - timedelta(minutes=1),
            actor=ADMIN,
        )
        post_id = post.id
    assert Worker("w", clock=lambda: T0).run_once().published == n_accounts
    return post_id


def _snaps() -> list[tuple[str, datetime]]:
    with session_scope() as session:
        rows = session.exec(select(MetricSnapshot).order_by(MetricSnapshot.id)).all()
    return [(s.age_bucket, s.taken_at.astimezone(UTC)) for s in rows]


def test_one_snapshot_per_milestone_late_ones_labelled_as_due(any_db: str) -> None:
    _publish()
    steps = [
        (T0 + 30 * timedelta(minutes=1), 0),
        (T0 + H, 2),
        (T0 + H + timedelta(minutes=5), 0),  # no interval snapshots between milestones
        (T0 + 29 * H, 2),  # the worker was down at 24 h: late, but it stands for 24 h
        (T0 + 29 * H + timedelta(minutes=5), 0),
        (T0 + 7 * D, 2),
        (T0 + 30 * D + 20 * H, 2),  # late 30 d, inside the window
        (T0 + 33 * D, 0),
    ]
    for moment, stored in steps:
        assert collect_once(now=moment) == stored, moment
    snaps = _snaps()
    assert [label for label, _ in snaps] == ["1h"] * 2 + ["24h"] * 2 + ["7d"] * 2 + ["30d"] * 2
    assert {taken for label, taken in snaps if label == "24h"} == {T0 + 29 * H}  # the real time


def test_after_the_window_even_a_missing_milestone_is_not_asked(sqlite_db: str) -> None:
    _publish(1)
    assert collect_once(now=T0 + 31 * D + timedelta(minutes=1)) == 0
    assert _snaps() == []


def test_milestones_follow_the_setting(sqlite_db: str, monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_METRICS_MILESTONES", "2h,3h")
    from planner.config import get_settings

    get_settings.cache_clear()
    try:
        _publish(1)
        assert collect_once(now=T0 + H) == 0
        assert collect_once(now=T0 + 2 * H) == 1
        assert collect_once(now=T0 + 3 * H) == 1
        assert collect_once(now=T0 + 4 * H) == 0
        assert collect_once(now=T0 + 3 * H + D + timedelta(minutes=1)) == 0
        assert [label for label, _ in _snaps()] == ["2h", "3h"]
    finally:
        get_settings.cache_clear()


def test_refresh_on_demand_takes_live_snapshots_or_fills_a_due_milestone(any_db: str) -> None:
    post_id = _publish()
    staff = make_user("staff")
    # At 2 h the 1 h milestone is still due: the refresh fills it (and reads followers).
    done = refresh_figures(actor=staff, post_id=post_id, now=T0 + 2 * H)
    assert done == Collected(snapshots=2, audience=2)
    # A little later nothing is due: the refresh is a `live` snapshot, the milestones wait.
    assert refresh_figures(actor=staff, post_id=post_id, now=T0 + 3 * H).snapshots == 2
    assert [label for label, _ in _snaps()] == ["1h"] * 2 + [LIVE] * 2
    assert collect_once(now=T0 + 24 * H) == 2  # the regular pass is not put off by `live` ones
    # A post older than the window can still be refreshed by hand.
    old = refresh_figures(actor=staff, post_id=post_id, now=T0 + 60 * D)
    assert old.snapshots == 2 and _snaps()[-1][0] == LIVE


def test_refresh_is_refused_to_trainees_and_explains_an_unknown_post(sqlite_db: str) -> None:
    post_id = _publish(1)
    with pytest.raises(PermissionDenied):
        refresh_figures(actor=make_user("trainee"), post_id=post_id, now=T0 + H)
    with pytest.raises(RefreshError) as refused:
        refresh_figures(actor=make_user("manager"), post_id=99999, now=T0 + H)
    assert refused.value.text("id") == (
        "Unggahan #99999 tidak ditemukan; angkanya tidak dapat diperbarui."
    )
    assert _snaps() == []


def test_the_maintenance_pass_collects_snapshots_and_audience(sqlite_db: str) -> None:
    _publish(2)
    assert collect_due(now=T0 + H) == Collected(snapshots=2, audience=3)
    assert collect_due(now=T0 + H + timedelta(minutes=5)) == Collected(0, 0)


def test_cli_metrics_collect_acts_as_a_person(sqlite_db: str, monkeypatch, capsys) -> None:
    post_id = _publish(2)
    code, _, err = cli(monkeypatch, capsys, "metrics", "collect", "--post", str(post_id))
    assert code == 1 and "--as" in one_error(err)
    staff = make_user("staff").username
    args = ("metrics", "collect", "--post", str(post_id), "--json")
    code, out, err = cli(monkeypatch, capsys, *args, user=staff)
    assert code == 0, err
    assert json.loads(out) == {"ok": True, "post": post_id, "snapshots": 2, "audience": 2}
    code, _, err = cli(monkeypatch, capsys, *args, user=make_user("trainee").username)
    assert code == 1 and one_error(err)
    code, out, _ = cli(monkeypatch, capsys, "metrics", "collect", user=staff)
    assert (code, out.strip()) == (0, "2 snapshot(s), 3 audience figure(s) stored")


def test_the_worker_looks_for_due_snapshots_every_interval(sqlite_db: str, monkeypatch) -> None:
    """The running worker calls the pass on its first round, then once the interval is over."""
    import threading

    from planner.publishing import worker as worker_module

    settings = Settings(secret_key=None, metrics_interval_seconds=300, worker_poll_seconds=0.001)
    minutes = iter([0, 1, 4, 5, 6, 11, 12])
    now = {"t": T0}
    calls: list[datetime] = []
    monkeypatch.setattr(
        worker_module, "collect_due", lambda *, settings, now: calls.append(now) or Collected()
    )
    stop = threading.Event()

    def next_round(_result) -> None:
        try:
            now["t"] = T0 + timedelta(minutes=next(minutes))
        except StopIteration:
            stop.set()

    w = Worker("w-metrics", settings=settings, clock=lambda: now["t"])
    worker_module.serve(w, stop, on_pass=next_round)
    assert [(c - T0) // timedelta(minutes=1) for c in calls] == [0, 5, 11]
