"""Bluesky adapter: XRPC calls with an app password, blobs with alt text, rich-text facets at
byte offsets, reply chains, getPosts metrics, XRPC errors mapped to ours."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from PIL import Image

from planner.platforms.base import (
    AuthExpired,
    OutcomeUnknown,
    Platform,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.platforms.bluesky import BlueskyPlatform, facets, post_metrics
from planner.validation import text_length, validate
from tests.platform_helpers import (
    BSKY_CONFIG,
    BSKY_CREDS,
    JSON,
    T0,
    image,
    media,
    query,
    request,
    settings,
)

X = "https://bsky.social/xrpc"
DID = "did:plc:perpuskota4pekalongan7"
PASSWORD = BSKY_CREDS["app_password"]


def bsky(tmp_path: Path) -> BlueskyPlatform:
    return BlueskyPlatform(
        BSKY_CREDS, config=BSKY_CONFIG, settings=settings(tmp_path), clock=lambda: T0
    )


def signed_in() -> None:
    responses.post(
        f"{X}/com.atproto.server.createSession",
        json={
            "did": DID,
            "handle": "perpuskota.bsky.social",
            "accessJwt": "eyJ-ACCESS",
            "refreshJwt": "eyJ-REFRESH",
            "active": True,
        },
        content_type=JSON,
    )


def created(*rkeys: str) -> None:
    for rkey in rkeys:
        responses.post(
            f"{X}/com.atproto.repo.createRecord",
            json={
                "uri": f"at://{DID}/app.bsky.feed.post/{rkey}",
                "cid": f"bafyrei{rkey}",
                "commit": {"cid": "bafyreicommit", "rev": "3lb"},
                "validationStatus": "valid",
            },
            content_type=JSON,
        )


def body(call) -> dict:
    return json.loads(call.request.body)


def test_is_a_platform(tmp_path: Path) -> None:
    assert isinstance(bsky(tmp_path), Platform)


@pytest.mark.parametrize(
    ("credentials", "config", "said"),
    [({}, BSKY_CONFIG, "app_password"), (BSKY_CREDS, {}, "handle")],
)
def test_needs_an_app_password_and_a_handle(credentials, config, said) -> None:
    with pytest.raises(ValueError, match=said):
        BlueskyPlatform(credentials, config=config)


@responses.activate
def test_an_image_post_goes_session_blob_record(tmp_path: Path) -> None:
    signed_in()
    responses.post(
        f"{X}/com.atproto.repo.uploadBlob",
        json={
            "blob": {
                "$type": "blob",
                "ref": {"$link": "bafkreiposter"},
                "mimeType": "image/jpeg",
                "size": 2048,
            }
        },
        content_type=JSON,
    )
    created("3lbpost1")
    poster = image(tmp_path, size=(1080, 1350))
    ref = bsky(tmp_path).publish(request("Dongeng Kancil Sabtu", media=(media(poster, "Poster"),)))
    assert ref.remote_id == f"at://{DID}/app.bsky.feed.post/3lbpost1"
    assert ref.url == "https://bsky.app/profile/perpuskota.bsky.social/post/3lbpost1"
    sign_in, upload, post = responses.calls
    assert body(sign_in) == {"identifier": "perpuskota.bsky.social", "password": PASSWORD}
    assert "Authorization" not in sign_in.request.headers
    assert upload.request.headers["Content-Type"] == "image/jpeg"
    assert upload.request.body == poster.read_bytes()
    assert upload.request.headers["Authorization"] == "Bearer eyJ-ACCESS"
    assert body(post) == {
        "repo": DID,
        "collection": "app.bsky.feed.post",
        "record": {
            "$type": "app.bsky.feed.post",
            "text": "Dongeng Kancil Sabtu",
            "createdAt": "2026-12-01T02:00:00Z",
            "embed": {
                "$type": "app.bsky.embed.images",
                "images": [
                    {
                        "alt": "Poster",
                        "image": {
                            "$type": "blob",
                            "ref": {"$link": "bafkreiposter"},
                            "mimeType": "image/jpeg",
                            "size": 2048,
                        },
                        "aspectRatio": {"width": 1080, "height": 1350},
                    }
                ],
            },
        },
    }


def _at(text: str, part: str) -> dict[str, int]:
    start = text.encode().index(part.encode())
    return {"byteStart": start, "byteEnd": start + len(part.encode())}


def test_facets_mark_links_mentions_and_tags_at_utf8_byte_offsets() -> None:
    text = (
        "📚 Ayo baca bersama @kakrina.bsky.social di "
        "https://perpustakaan.pekalongankota.go.id/agenda?x=1 #literasi"
    )
    known = {"kakrina.bsky.social": "did:plc:kakrina"}
    found = facets(text, known.get)
    assert found == [
        {
            "index": _at(text, "@kakrina.bsky.social"),
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:kakrina"}],
        },
        {
            "index": _at(text, "https://perpustakaan.pekalongankota.go.id/agenda?x=1"),
            "features": [
                {
                    "$type": "app.bsky.richtext.facet#link",
                    "uri": "https://perpustakaan.pekalongankota.go.id/agenda?x=1",
                }
            ],
        },
        {
            "index": _at(text, "#literasi"),
            "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "literasi"}],
        },
    ]
    assert found[0]["index"]["byteStart"] != text.index("@")  # bytes, not characters


def test_an_unknown_handle_stays_plain_text() -> None:
    assert facets("Halo @tidakada.example", lambda handle: None) == []


def test_a_bare_domain_is_linked_over_https() -> None:
    (link,) = facets("Katalog: opac.pekalongankota.go.id", lambda handle: None)
    assert link["features"][0]["uri"] == "https://opac.pekalongankota.go.id"


@responses.activate
def test_mentions_are_resolved_to_dids_before_posting(tmp_path: Path) -> None:
    signed_in()
    responses.get(
        f"{X}/com.atproto.identity.resolveHandle",
        json={"did": "did:plc:kakrina"},
        content_type=JSON,
    )
    created("3lbpost2")
    bsky(tmp_path).publish(request("Bersama @kakrina.bsky.social"))
    resolve = responses.calls[1]
    assert query(resolve) == {"handle": "kakrina.bsky.social"}
    facet = body(responses.calls[2])["record"]["facets"][0]
    assert facet["features"][0] == {
        "$type": "app.bsky.richtext.facet#mention",
        "did": "did:plc:kakrina",
    }


@responses.activate
def test_a_thread_refers_each_reply_to_its_root_and_parent(tmp_path: Path) -> None:
    signed_in()
    created("r1", "r2", "r3")
    bsky(tmp_path).publish(request("Satu (1/3)", thread=("Dua (2/3)", "Tiga (3/3)")))
    records = [body(c)["record"] for c in responses.calls[1:]]
    root = {"uri": f"at://{DID}/app.bsky.feed.post/r1", "cid": "bafyreir1"}
    assert "reply" not in records[0]
    assert records[1]["reply"] == {"root": root, "parent": root}
    assert records[2]["reply"] == {
        "root": root,
        "parent": {"uri": f"at://{DID}/app.bsky.feed.post/r2", "cid": "bafyreir2"},
    }


@responses.activate
def test_a_failed_reply_leaves_a_thread_that_needs_a_person(tmp_path: Path) -> None:
    signed_in()
    created("r1")
    responses.post(
        f"{X}/com.atproto.repo.createRecord",
        json={"error": "InternalServerError", "message": "Internal Server Error"},
        status=500,
    )
    with pytest.raises(OutcomeUnknown, match="thread partly published: post 1 is live"):
        bsky(tmp_path).publish(request("Satu (1/2)", thread=("Dua (2/2)",)))


def test_length_is_counted_in_graphemes() -> None:
    family = "👨‍👩‍👧‍👦"  # seven code points, one grapheme
    assert text_length("bluesky", family * 300) == 300
    assert validate("bluesky", family * 300).ok
    assert not validate("bluesky", "a" * 301).ok


def _big_jpeg(folder: Path) -> Path:
    noise = Image.effect_noise((1400, 1400), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=100)
    path = folder / "big.jpg"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("case", ["long", "big image", "five images", "no alt"])
@responses.activate
def test_what_bluesky_would_refuse_is_refused_before_any_call(tmp_path: Path, case: str) -> None:
    pic = media(image(tmp_path))
    req = {
        "long": request("a" * 301),
        "big image": request("Halo", media=(media(_big_jpeg(tmp_path)),)),
        "five images": request("Halo", media=(pic,) * 5),
        "no alt": request("Halo", media=(media(image(tmp_path), ""),)),
    }[case]
    with pytest.raises(Rejected, match="Bluesky: "):
        bsky(tmp_path).publish(req)
    assert len(responses.calls) == 0


def _sign_in_fails(status: int, error: str, **headers) -> None:
    responses.post(
        f"{X}/com.atproto.server.createSession",
        json={"error": error, "message": f"{error} happened"},
        status=status,
        headers=headers,
    )


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        (401, "AuthenticationRequired", AuthExpired),
        (400, "AccountTakedown", AuthExpired),
        (429, "RateLimitExceeded", RateLimited),
        (500, "InternalServerError", TransientError),
        (400, "InvalidRequest", Rejected),
    ],
)
@responses.activate
def test_sign_in_errors_map_to_our_classes(tmp_path: Path, status, error, expected) -> None:
    _sign_in_fails(status, error, **{"ratelimit-reset": "1764561600"})
    with pytest.raises(expected) as caught:
        bsky(tmp_path).check_connection()
    assert type(caught.value) is expected and PASSWORD not in caught.value.message
    if expected is RateLimited:
        assert caught.value.reset_at == datetime.fromtimestamp(1764561600, UTC)


@pytest.mark.parametrize(
    ("status", "expected"),
    [(400, Rejected), (502, TransientError), (504, OutcomeUnknown)],
)
@responses.activate
def test_errors_on_the_publishing_call(tmp_path: Path, status, expected) -> None:
    """A gateway that gave up waiting (504) may have let the post through: never resend."""
    signed_in()
    responses.post(
        f"{X}/com.atproto.repo.createRecord",
        json={"error": "InvalidRequest", "message": "Record/text must not be longer"},
        status=status,
    )
    with pytest.raises(expected) as caught:
        bsky(tmp_path).publish(request("Halo"))
    assert type(caught.value) is expected


@responses.activate
def test_metrics_come_from_get_posts_25_at_a_time(tmp_path: Path) -> None:
    signed_in()
    uris = [f"at://{DID}/app.bsky.feed.post/p{i}" for i in range(30)]

    def answer(req):
        asked = [v for k, v in parse_qsl(urlsplit(req.url).query) if k == "uris"]
        posts = [
            {
                "uri": u,
                "cid": "bafy",
                "author": {"did": DID, "handle": "perpuskota.bsky.social"},
                "record": {"text": "x"},
                "replyCount": 2,
                "repostCount": 3,
                "likeCount": 14,
                "quoteCount": 1,
                "indexedAt": "2026-12-01T02:00:01.000Z",
            }
            for u in asked
        ]
        return 200, {"content-type": JSON}, json.dumps({"posts": posts})

    responses.add_callback(responses.GET, f"{X}/app.bsky.feed.getPosts", callback=answer)
    found = bsky(tmp_path).fetch_metrics([RemoteRef(u) for u in uris])
    assert set(found) == set(uris)
    figures = found[uris[0]]
    assert (figures.likes, figures.comments, figures.shares) == (14, 2, 4)
    assert {"impressions", "views", "reach", "clicks"} <= set(figures.missing)
    calls = [c for c in responses.calls if "getPosts" in c.request.url]
    assert [c.request.url.count("uris=") for c in calls] == [25, 5]


def test_metrics_list_what_bluesky_did_not_give() -> None:
    figures = post_metrics({"uri": "at://x", "likeCount": 1})
    assert figures.likes == 1 and {"comments", "shares"} <= set(figures.missing)


@responses.activate
def test_connection_and_audience_read_the_profile(tmp_path: Path) -> None:
    signed_in()
    responses.get(
        f"{X}/app.bsky.actor.getProfile",
        json={
            "did": DID,
            "handle": "perpuskota.bsky.social",
            "displayName": "Perpustakaan Kota Pekalongan",
            "followersCount": 410,
            "followsCount": 95,
            "postsCount": 12,
        },
        content_type=JSON,
    )
    adapter = bsky(tmp_path)
    info = adapter.check_connection()
    assert (info.remote_id, info.name, info.handle) == (
        DID,
        "Perpustakaan Kota Pekalongan",
        "@perpuskota.bsky.social",
    )
    assert adapter.account_config(info) == {"did": DID, "handle": "perpuskota.bsky.social"}
    audience = adapter.fetch_audience()
    assert (audience.followers, audience.following, audience.missing) == (410, 95, [])
    assert query(responses.calls[1]) == {"actor": DID}
    assert [c.request.url.rsplit("/", 1)[1].split("?")[0] for c in responses.calls] == [
        "com.atproto.server.createSession",
        "app.bsky.actor.getProfile",
        "app.bsky.actor.getProfile",
    ]  # one sign-in per adapter


@responses.activate
def test_reconciliation_reads_the_accounts_own_repository(tmp_path: Path) -> None:
    signed_in()
    responses.get(
        f"{X}/com.atproto.repo.listRecords",
        json={
            "records": [
                {
                    "uri": f"at://{DID}/app.bsky.feed.post/r9",
                    "cid": "bafyreir9",
                    "value": {
                        "$type": "app.bsky.feed.post",
                        "text": "Buku & dongeng",
                        "createdAt": "2026-12-01T02:00:00.000Z",
                    },
                }
            ]
        },
        content_type=JSON,
    )
    adapter = bsky(tmp_path)
    found = adapter.find_existing(request("Buku & dongeng"))
    assert found is not None and found.remote_id.endswith("/r9") and found.published_at == T0
    assert query(responses.calls[1]) == {
        "repo": DID,
        "collection": "app.bsky.feed.post",
        "limit": "50",
    }
    assert adapter.find_existing(request("Belum pernah")) is None
