"""Dry run: the exact requests of every live platform are built, validated and recorded, and
nothing reaches the network (responses has no routes here: any real send would fail)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from planner.models import Account
from planner.platforms import ADAPTERS, for_account
from planner.platforms.base import Rejected
from planner.platforms.dryrun import DryRunPlatform, dry_run_records
from planner.secrets import secret_box
from tests.platform_helpers import (
    ALL_SECRETS,
    BSKY_CONFIG,
    BSKY_CREDS,
    FB_CREDS,
    IG_CREDS,
    TH_CREDS,
    X_CREDS,
    image,
    media,
    request,
    settings,
)

CASES = {
    "x": (X_CREDS, {"user_id": "1234", "username": "perpus"}),
    "facebook": (FB_CREDS, {"page_id": "555"}),
    "instagram": (IG_CREDS, {"ig_user_id": "17841400000000001"}),
    "threads": (TH_CREDS, {"threads_user_id": "26000000000000001"}),
    "bluesky": (BSKY_CREDS, BSKY_CONFIG),
}


def account(tmp_path: Path, platform: str) -> tuple[Account, object]:
    cfg = settings(tmp_path)
    creds, config = CASES[platform]
    row = Account(
        id=3,
        platform=platform,
        name=f"Perpus {platform}",
        is_sandbox=False,
        dry_run=True,
        secrets=secret_box(cfg).encrypt(creds),
        config=config,
    )
    return row, cfg


EXPECTED_CALLS = {
    "x": [
        ("POST", "https://api.twitter.com/2/media/upload"),
        ("POST", "https://api.twitter.com/2/media/metadata"),
        ("POST", "https://api.twitter.com/2/tweets"),
    ],
    "facebook": [("POST", "https://graph.facebook.com/v23.0/555/photos")],
    "instagram": [
        ("GET", "https://graph.facebook.com/v23.0/17841400000000001/content_publishing_limit"),
        ("POST", "https://graph.facebook.com/v23.0/17841400000000001/media"),
        ("GET", "https://graph.facebook.com/v23.0/20000"),
        ("POST", "https://graph.facebook.com/v23.0/17841400000000001/media_publish"),
        ("GET", "https://graph.facebook.com/v23.0/dryrun-4"),
    ],
    "threads": [
        ("GET", "https://graph.threads.net/v1.0/26000000000000001/threads_publishing_limit"),
        ("POST", "https://graph.threads.net/v1.0/26000000000000001/threads"),
        ("GET", "https://graph.threads.net/v1.0/20000"),
        ("POST", "https://graph.threads.net/v1.0/26000000000000001/threads_publish"),
        ("GET", "https://graph.threads.net/v1.0/dryrun-4"),
    ],
    "bluesky": [
        ("POST", "https://bsky.social/xrpc/com.atproto.server.createSession"),
        ("POST", "https://bsky.social/xrpc/com.atproto.repo.uploadBlob"),
        ("POST", "https://bsky.social/xrpc/com.atproto.repo.createRecord"),
    ],
}


def test_every_live_platform_has_a_dry_run_case() -> None:
    assert set(CASES) == set(ADAPTERS) == set(EXPECTED_CALLS)


@pytest.mark.parametrize("platform", sorted(CASES))
@responses.activate
def test_dry_run_records_the_exact_requests_and_sends_nothing(
    tmp_path: Path, platform: str
) -> None:
    row, cfg = account(tmp_path, platform)
    adapter = for_account(row, cfg)
    assert isinstance(adapter, DryRunPlatform) and adapter.name == platform
    poster = image(tmp_path, size=(1080, 1350))
    req = request(media=(media(poster, "Poster dongeng"),))
    ref = adapter.publish(req)
    assert len(responses.calls) == 0
    assert ref.remote_id.startswith(f"dryrun-{platform}-7-") and ref.url.startswith("dryrun://")
    (record,) = dry_run_records(adapter.folder)
    assert record["remote_id"] == ref.remote_id and record["idempotency_key"] == "planner-7"
    assert [(c["method"], c["url"]) for c in record["requests"]] == EXPECTED_CALLS[platform]
    text = json.dumps(record)
    assert not [s for s in ALL_SECRETS if s in text]
    assert adapter.find_existing(req).remote_id == ref.remote_id
    assert adapter.find_existing(request(idempotency_key="planner-8")) is None
    assert adapter.fetch_metrics([ref]) == {}  # nothing was published, nothing is invented


@pytest.mark.parametrize("platform", sorted(CASES))
def test_dry_run_refuses_what_the_platform_would_refuse(tmp_path: Path, platform: str) -> None:
    row, cfg = account(tmp_path, platform)
    adapter = for_account(row, cfg)
    with pytest.raises(Rejected):
        adapter.publish(request("x" * 70_000, media=(media(image(tmp_path)),)))
    assert not adapter.folder.exists()


@responses.activate
def test_dry_run_of_x_body_carries_the_media_and_alt_text(tmp_path: Path) -> None:
    row, cfg = account(tmp_path, "x")
    adapter = for_account(row, cfg)
    calls = adapter.preview(request("Halo", media=(media(image(tmp_path), "Poster"),)))
    upload, meta, tweet = calls
    assert upload["body"]["media_category"] == "tweet_image"
    assert upload["body"]["media"]["content_type"] == "image/jpeg"
    assert upload["headers"]["Authorization"] == "OAuth ***"
    assert meta["body"] == {"id": "1000000000000000", "metadata": {"alt_text": {"text": "Poster"}}}
    assert tweet["body"] == {"text": "Halo", "media": {"media_ids": ["1000000000000000"]}}
    assert not adapter.folder.exists()  # a preview writes nothing


@responses.activate
def test_dry_run_of_bluesky_masks_the_app_password_and_builds_the_post(tmp_path: Path) -> None:
    row, cfg = account(tmp_path, "bluesky")
    adapter = for_account(row, cfg)
    calls = adapter.preview(request("Halo #literasi", media=(media(image(tmp_path), "Poster"),)))
    sign_in, upload, post = calls
    assert sign_in["body"] == {"identifier": "perpuskota.bsky.social", "password": "***"}
    assert upload["headers"]["Content-Type"] == "image/jpeg"
    record = post["body"]["record"]
    assert post["headers"]["Authorization"] == "Bearer ***"
    assert record["embed"]["images"][0]["alt"] == "Poster"
    assert record["facets"][0]["features"] == [
        {"$type": "app.bsky.richtext.facet#tag", "tag": "literasi"}
    ]
    assert len(responses.calls) == 0


@responses.activate
def test_connection_test_still_goes_to_the_platform(tmp_path: Path) -> None:
    responses.get(
        "https://graph.facebook.com/v23.0/555",
        json={"id": "555", "name": "Perpus", "category": "Library"},
        content_type="application/json",
    )
    row, cfg = account(tmp_path, "facebook")
    assert for_account(row, cfg).check_connection().name == "Perpus"
    assert len(responses.calls) == 1


@responses.activate
def test_dry_run_follows_the_v11_upload_fallback(tmp_path: Path) -> None:
    row, _ = account(tmp_path, "x")
    cfg = settings(tmp_path, x_media_upload="v1.1")
    calls = for_account(row, cfg).preview(request(media=(media(image(tmp_path), "Poster"),)))
    assert [c["url"] for c in calls] == [
        "https://upload.twitter.com/1.1/media/upload.json",
        "https://upload.twitter.com/1.1/media/metadata/create.json",
        "https://api.twitter.com/2/tweets",
    ]
    assert calls[1]["body"] == {"media_id": "1000000000000000", "alt_text": {"text": "Poster"}}
    assert len(responses.calls) == 0
