"""Audience: each adapter's follower request exactly as documented, gaps for what an answer
lacks, and the daily pass (one row per account per library-local day, reconnect on a
revoked token, one failing platform never stops the others)."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
import responses
from sqlmodel import select

from planner.audience import collect_audience
from planner.db import session_scope
from planner.models import Account, AudienceSnapshot, Notification
from planner.platforms.base import Audience, AuthExpired, TransientError
from planner.platforms.facebook import FacebookPlatform
from planner.platforms.instagram import InstagramPlatform
from planner.platforms.sandbox import SandboxPlatform, simulated_audience
from planner.platforms.x import XPlatform
from tests.factories import add_sandbox_accounts
from tests.platform_helpers import (
    FB_CREDS,
    IG_CREDS,
    JSON,
    T0,
    X_CREDS,
    X_ME,
    bearer_only,
    graph_error,
    query,
    settings,
    x_me,
)

G = "https://graph.facebook.com/v23.0"
IG = "17841400000000001"


def _x(tmp_path: Path) -> XPlatform:
    return XPlatform(X_CREDS, config={"user_id": "1234"}, settings=settings(tmp_path))


def _fb(tmp_path: Path) -> FacebookPlatform:
    return FacebookPlatform(FB_CREDS, config={"page_id": "555"}, settings=settings(tmp_path))


def _ig(tmp_path: Path) -> InstagramPlatform:
    return InstagramPlatform(IG_CREDS, config={"ig_user_id": IG}, settings=settings(tmp_path))


# -- the adapters' requests ---------------------------------------------------------------
X_CASES = [
    (
        {"followers_count": 2310, "following_count": 180, "tweet_count": 4120, "listed_count": 3},
        Audience(2310, 180, missing=[]),
    ),
    ({"followers_count": 2310}, Audience(2310, None, missing=["following"])),  # cut short
    (None, Audience(None, None, missing=["followers", "following"])),  # no public_metrics
]


@pytest.mark.parametrize(("public", "expected"), X_CASES)
@responses.activate
def test_x_reads_public_metrics_of_the_signed_in_user(tmp_path: Path, public, expected) -> None:
    user = {"id": "1234", "name": "Perpustakaan Kota Pekalongan", "username": "perpuskotapkl"}
    if public is not None:
        user["public_metrics"] = public
    responses.get(X_ME, json={"data": user}, content_type=JSON)
    audience = _x(tmp_path).fetch_audience()
    assert len(responses.calls) == 1
    assert query(responses.calls[0]) == {"user.fields": "public_metrics"}
    signed = responses.calls[0].request.headers["Authorization"]
    assert (signed.decode() if isinstance(signed, bytes) else signed).startswith("OAuth ")
    assert (audience.followers, audience.following, audience.missing) == (
        expected.followers,
        expected.following,
        expected.missing,
    )
    assert audience.raw == {"public_metrics": public or {}} and not audience.simulated


@responses.activate
def test_x_revoked_token_is_auth_expired(tmp_path: Path) -> None:
    x_me(status=401)
    with pytest.raises(AuthExpired):
        _x(tmp_path).fetch_audience()


FB_CASES = [
    ({"followers_count": 5120, "fan_count": 4870}, 5120, ["following"]),
    ({"fan_count": 4870}, 4870, ["following"]),  # an older Page without followers_count
    ({}, None, ["followers", "following"]),  # neither figure in the answer: a gap
]


@pytest.mark.parametrize(("fields", "followers", "missing"), FB_CASES)
@responses.activate
def test_facebook_reads_the_page_followers(tmp_path: Path, fields, followers, missing) -> None:
    responses.get(f"{G}/555", json={"id": "555", **fields}, content_type=JSON)
    audience = _fb(tmp_path).fetch_audience()
    call = responses.calls[0]
    assert len(responses.calls) == 1 and call.request.method == "GET"
    assert query(call) == {"fields": "followers_count,fan_count"}
    assert bearer_only(call, FB_CREDS["page_access_token"])
    assert (audience.followers, audience.following, audience.missing) == (
        followers,
        None,
        missing,
    )
    assert audience.raw == fields


IG_CASES = [
    ({"followers_count": 3400, "follows_count": 210}, (3400, 210), []),
    ({"follows_count": 210}, (None, 210), ["followers"]),
    ({"followers_count": "3400"}, (None, None), ["followers", "following"]),  # not a number
]


@pytest.mark.parametrize(("fields", "figures", "missing"), IG_CASES)
@responses.activate
def test_instagram_reads_followers_and_follows(tmp_path: Path, fields, figures, missing) -> None:
    responses.get(f"{G}/{IG}", json={"id": IG, **fields}, content_type=JSON)
    audience = _ig(tmp_path).fetch_audience()
    call = responses.calls[0]
    assert len(responses.calls) == 1
    assert query(call) == {"fields": "followers_count,follows_count"}
    assert bearer_only(call, IG_CREDS["access_token"])
    assert ((audience.followers, audience.following), audience.missing) == (figures, missing)


@responses.activate
def test_graph_expired_token_is_auth_expired(tmp_path: Path) -> None:
    responses.get(f"{G}/{IG}", **graph_error(190, "Error validating access token", status=400))
    with pytest.raises(AuthExpired):
        _ig(tmp_path).fetch_audience()


def test_sandbox_audience_grows_every_day_and_is_simulated(tmp_path: Path) -> None:
    days = [simulated_audience("Sandbox", "instagram", T0 + timedelta(days=n)) for n in range(3)]
    assert all(a.simulated and a.missing == [] for a in days)
    growth = [b.followers - a.followers for a, b in pairwise(days)]
    assert growth[0] == growth[1] > 0
    sandbox = SandboxPlatform("instagram", "Sandbox", tmp_path, clock=lambda: T0)
    assert sandbox.fetch_audience() == days[0]  # the same account on the same day: same figure


# -- the daily pass ---------------------------------------------------------------------
def _rows() -> list[AudienceSnapshot]:
    with session_scope() as session:
        return list(
            session.exec(
                select(AudienceSnapshot).order_by(AudienceSnapshot.day, AudienceSnapshot.account_id)
            )
        )


def test_one_row_per_account_per_local_day(any_db: str) -> None:
    with session_scope() as session:
        add_sandbox_accounts(session)
    evening = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)  # 23.30 WIB, 1 December
    assert collect_audience(now=evening) == 3
    assert collect_audience(now=evening + timedelta(minutes=20)) == 0  # still 1 December
    after_midnight = evening + timedelta(minutes=40)  # 00.10 WIB, 2 December
    assert collect_audience(now=after_midnight) == 3
    rows = _rows()
    assert [r.day for r in rows] == [date(2026, 12, 1)] * 3 + [date(2026, 12, 2)] * 3
    assert all(r.simulated and r.followers and r.raw["missing"] == [] for r in rows)
    # Refreshing updates the day's row instead of adding one.
    first = rows[3].followers
    assert collect_audience(now=after_midnight + timedelta(hours=1), refresh=True) == 3
    again = _rows()
    assert len(again) == 6 and again[3].followers == first
    assert again[3].taken_at > rows[3].taken_at


class _Answers:
    """Adapters whose followers call revokes, fails, or answers with a gap, by platform."""

    def __init__(self, account: Account) -> None:
        self.platform = account.platform

    def fetch_audience(self) -> Audience:
        if self.platform == "x":
            raise AuthExpired("X: read followers: 401 Unauthorized")
        if self.platform == "facebook":
            raise TransientError("Facebook: read followers: HTTP 502")
        return Audience(followers=None, following=12, missing=["followers"], raw={"x": 1})


def test_revoked_failing_and_gap(sqlite_db: str, caplog: pytest.LogCaptureFixture) -> None:
    with session_scope() as session:
        x, _fb_account, ig = add_sandbox_accounts(session)
        x_id, ig_id = x.id, ig.id
    with caplog.at_level(logging.WARNING, logger="planner.audience"):
        assert collect_audience(now=T0, platform_factory=_Answers) == 1
    assert "HTTP 502" in caplog.text
    rows = _rows()
    assert [(r.account_id, r.followers, r.following) for r in rows] == [(ig_id, None, 12)]
    assert rows[0].raw == {"x": 1, "missing": ["followers"]}
    with session_scope() as session:
        account = session.get(Account, x_id)
        assert (account.status, account.status_reason) == (
            "reconnect_needed",
            "X: read followers: 401 Unauthorized",
        )
        notes = session.exec(select(Notification)).all()
        assert [(n.key, n.account_id) for n in notes] == [("notify.reconnect", x_id)]
    # The paused account is not asked again; Facebook is, in the next pass.
    asked: list[str] = []

    def factory(account: Account):
        asked.append(account.platform)
        return _Answers(account)

    collect_audience(now=T0 + timedelta(minutes=5), platform_factory=factory)
    assert asked == ["facebook"]
