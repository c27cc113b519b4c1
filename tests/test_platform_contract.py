"""One table of promises, run over every registered platform (the sandbox included).

Each live adapter runs against a stateful fake of its API (tests/fake_platforms.py), so
publish → find_existing → fetch_metrics is checked end to end through the real code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import responses

from planner.limits import PLATFORMS, limits_for
from planner.platforms import ADAPTERS, build_adapter
from planner.platforms.base import AccountInfo, Audience, Metrics, Platform, RemoteRef
from planner.platforms.sandbox import SandboxPlatform
from tests.fake_platforms import FakeBluesky, FakeGraph, FakeThreads, FakeX
from tests.platform_helpers import (
    BSKY_CONFIG,
    BSKY_CREDS,
    FB_CREDS,
    IG_CREDS,
    T0,
    TH_CREDS,
    X_CREDS,
    image,
    media,
    request,
    settings,
)

LIVE = {
    "x": (X_CREDS, {"user_id": "1234", "username": "perpuskotapkl"}),
    "facebook": (FB_CREDS, {"page_id": FakeGraph.PAGE}),
    "instagram": (IG_CREDS, {"ig_user_id": FakeGraph.IG}),
    "threads": (TH_CREDS, {"threads_user_id": FakeThreads.USER}),
    "bluesky": (BSKY_CREDS, BSKY_CONFIG),
}
KINDS = [f"sandbox-{name}" for name in PLATFORMS] + sorted(ADAPTERS)


@pytest.fixture(params=KINDS)
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    kind = request.param
    if kind.startswith("sandbox-"):
        yield SandboxPlatform(
            kind.split("-", 1)[1], "Sandbox", tmp_path / "outbox", clock=lambda: T0
        )
        return
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        FakeX(mock)
        FakeGraph(mock)
        FakeThreads(mock)
        FakeBluesky(mock)
        creds, config = LIVE[kind]
        yield build_adapter(
            kind, creds, config=config, settings=settings(tmp_path), clock=lambda: T0
        )


def _post(tmp_path: Path, text: str, target: int = 7):
    poster = image(tmp_path, size=(1080, 1080))
    return request(
        text,
        target_id=target,
        idempotency_key=f"planner-{target}",
        media=(media(poster, "Poster"),),
    )


def implements_the_protocol(p: Platform, tmp_path: Path) -> None:
    assert isinstance(p, Platform)
    assert p.name in PLATFORMS and p.limits == limits_for(p.name)


def tells_who_it_is(p: Platform, tmp_path: Path) -> None:
    info = p.check_connection()
    assert isinstance(info, AccountInfo) and info.remote_id and (info.name or info.handle)


def publishes_text_with_an_image(p: Platform, tmp_path: Path) -> None:
    ref = p.publish(_post(tmp_path, "Dongeng Kancil & Buaya, Sabtu 09.00 WIB #perpustakaan"))
    assert isinstance(ref, RemoteRef) and ref.remote_id
    assert ref.published_at is not None and ref.published_at.tzinfo is not None


def finds_what_it_published(p: Platform, tmp_path: Path) -> None:
    req = _post(tmp_path, "Lomba membaca cepat tingkat SD & MI", target=8)
    ref = p.publish(req)
    found = p.find_existing(req)
    assert found is not None and found.remote_id == ref.remote_id
    assert p.find_existing(_post(tmp_path, "Belum pernah diunggah", target=9)) is None


def counts_engagement_for_each_post(p: Platform, tmp_path: Path) -> None:
    refs = [p.publish(_post(tmp_path, f"Koleksi baru nomor {i}", target=20 + i)) for i in range(3)]
    figures = p.fetch_metrics(refs)
    assert set(figures) == {r.remote_id for r in refs}
    for m in figures.values():
        assert isinstance(m, Metrics)
        numbers = [
            m.impressions,
            m.reach,
            m.likes,
            m.comments,
            m.shares,
            m.saves,
            m.clicks,
            m.views,
        ]
        assert all(isinstance(n, int) and n >= 0 for n in numbers)


def asks_nothing_for_no_posts(p: Platform, tmp_path: Path) -> None:
    assert p.fetch_metrics([]) == {}


def reports_its_audience(p: Platform, tmp_path: Path) -> None:
    audience = p.fetch_audience()
    assert isinstance(audience, Audience)
    assert isinstance(audience.followers, int) and audience.followers > 0
    assert "followers" not in audience.missing
    # A figure is either given or listed as missing, never both and never neither.
    for name in ("followers", "following"):
        assert (getattr(audience, name) is None) == (name in audience.missing)
    assert audience.simulated == isinstance(p, SandboxPlatform)


CONTRACT: list[Callable[[Platform, Path], None]] = [
    implements_the_protocol,
    tells_who_it_is,
    publishes_text_with_an_image,
    finds_what_it_published,
    counts_engagement_for_each_post,
    asks_nothing_for_no_posts,
    reports_its_audience,
]


@pytest.mark.parametrize("promise", CONTRACT, ids=[c.__name__ for c in CONTRACT])
def test_contract(platform: Platform, promise, tmp_path: Path) -> None:
    promise(platform, tmp_path)


def test_every_registered_platform_is_in_the_contract() -> None:
    assert set(ADAPTERS) == set(LIVE) == set(PLATFORMS)
    assert set(KINDS) >= {f"sandbox-{n}" for n in PLATFORMS} | set(ADAPTERS)
