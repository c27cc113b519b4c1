"""X adapter: exact requests (v2 upload + metadata, v1.1 fallback, tweets, threads), metrics
batching and parsing, reconciliation, and every error mapped to the worker's classes."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import responses

from planner.platforms.base import (
    AuthExpired,
    OutcomeUnknown,
    Platform,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.platforms.x import (
    MEDIA_METADATA_V2,
    MEDIA_UPLOAD_V2,
    XPlatform,
    tweet_metrics,
)
from planner.validation import text_length, thread_parts
from tests.platform_helpers import (
    JSON,
    T0,
    X_CREDS,
    cut_off_answer,
    form,
    image,
    media,
    query,
    refused,
    request,
    settings,
    stalled_mid_answer,
    x_me,
)

TWEETS = "https://api.twitter.com/2/tweets"
ME = "https://api.twitter.com/2/users/me"
USER_TWEETS = "https://api.twitter.com/2/users/1234/tweets"
UPLOAD_V11 = "https://upload.twitter.com/1.1/media/upload.json"
METADATA_V11 = "https://upload.twitter.com/1.1/media/metadata/create.json"


def oauth(call) -> str:
    value = call.request.headers["Authorization"]
    return value.decode() if isinstance(value, bytes) else value


def tweet(tweet_id: str, text: str = "", **extra) -> dict:
    return {"id": tweet_id, "text": text, "edit_history_tweet_ids": [tweet_id], **extra}


def created(tweet_id: str, text: str = "") -> dict:
    return {"data": tweet(tweet_id, text)}


def x(tmp_path: Path, **overrides) -> XPlatform:
    config = overrides.pop("config", {"user_id": "1234", "username": "perpuskotapkl"})
    return XPlatform(
        X_CREDS, config=config, settings=settings(tmp_path, **overrides), clock=lambda: T0
    )


@responses.activate
def test_text_only_post(tmp_path: Path) -> None:
    responses.post(TWEETS, json=created("1850000000000000001"), content_type=JSON)
    adapter = x(tmp_path)
    assert isinstance(adapter, Platform)
    ref = adapter.publish(request())
    assert ref.remote_id == "1850000000000000001"
    assert ref.url == "https://x.com/perpuskotapkl/status/1850000000000000001"
    assert ref.published_at == T0
    (call,) = responses.calls
    assert json.loads(call.request.body) == {"text": "Halo pembaca! Dongeng Kancil hari Sabtu."}
    assert oauth(call).startswith("OAuth oauth_")


@responses.activate
def test_images_with_alt_text_use_v2_upload_and_metadata(tmp_path: Path) -> None:
    first, second = image(tmp_path, "a.jpg"), image(tmp_path, "b.png", fmt="PNG")
    responses.post(
        MEDIA_UPLOAD_V2,
        json={"data": {"id": "111", "media_key": "3_111", "size": 10}},
        content_type=JSON,
    )
    responses.post(
        MEDIA_METADATA_V2,
        json={"data": {"id": "111", "associated_metadata": {}}},
        content_type=JSON,
    )
    responses.post(
        MEDIA_UPLOAD_V2, json={"data": {"id": "222", "media_key": "3_222"}}, content_type=JSON
    )
    responses.post(
        MEDIA_METADATA_V2,
        json={"data": {"id": "222", "associated_metadata": {}}},
        content_type=JSON,
    )
    responses.post(TWEETS, json=created("9"), content_type=JSON)
    x(tmp_path).publish(
        request(media=(media(first, "Poster 1"), media(second, "Poster 2", "image/png")))
    )
    upload, meta, upload2, meta2, post = responses.calls
    fields = form(upload)
    assert fields["media_category"] == "tweet_image" and fields["media_type"] == "image/jpeg"
    assert fields["media"] == ("a.jpg", first.read_bytes())
    assert form(upload2)["media_type"] == "image/png"
    assert json.loads(meta.request.body) == {
        "id": "111",
        "metadata": {"alt_text": {"text": "Poster 1"}},
    }
    assert json.loads(meta2.request.body)["metadata"]["alt_text"]["text"] == "Poster 2"
    for call in (upload, meta, upload2, meta2):
        assert oauth(call).startswith("OAuth oauth_")
    assert json.loads(post.request.body) == {
        "text": "Halo pembaca! Dongeng Kancil hari Sabtu.",
        "media": {"media_ids": ["111", "222"]},
    }


@responses.activate
def test_v11_upload_fallback(tmp_path: Path) -> None:
    path = image(tmp_path)
    responses.post(
        UPLOAD_V11,
        json={"media_id": 333, "media_id_string": "333", "size": 10, "expires_after_secs": 86400},
        content_type=JSON,
    )
    responses.post(METADATA_V11, body="", content_type="text/html")
    responses.post(TWEETS, json=created("10"), content_type=JSON)
    x(tmp_path, x_media_upload="v1.1").publish(request(media=(media(path, "Poster"),)))
    upload, meta, post = responses.calls
    assert form(upload)["media_category"] == "tweet_image"
    assert form(upload)["media"][1] == path.read_bytes()
    assert json.loads(meta.request.body) == {"media_id": "333", "alt_text": {"text": "Poster"}}
    assert json.loads(post.request.body)["media"] == {"media_ids": ["333"]}


def test_account_config_can_choose_the_upload_path(tmp_path: Path) -> None:
    adapter = XPlatform(X_CREDS, config={"media_upload": "v1.1"}, settings=settings(tmp_path))
    assert adapter.upload_mode == "v1.1"
    with pytest.raises(ValueError, match=r"v2, v1\.1"):
        XPlatform(X_CREDS, config={"media_upload": "v3"}, settings=settings(tmp_path))


@responses.activate
def test_thread_is_a_reply_chain(tmp_path: Path) -> None:
    for tweet_id in ("1", "2", "3"):
        responses.post(TWEETS, json=created(tweet_id), content_type=JSON)
    ref = x(tmp_path).publish(request("Bagian 1/3", thread=("Bagian 2/3", "Bagian 3/3")))
    assert ref.remote_id == "1"
    bodies = [json.loads(c.request.body) for c in responses.calls]
    assert bodies == [
        {"text": "Bagian 1/3"},
        {"text": "Bagian 2/3", "reply": {"in_reply_to_tweet_id": "1"}},
        {"text": "Bagian 3/3", "reply": {"in_reply_to_tweet_id": "2"}},
    ]


@responses.activate
def test_thread_failing_half_way_needs_attention(tmp_path: Path) -> None:
    responses.post(TWEETS, json=created("1"), content_type=JSON)
    responses.post(
        TWEETS,
        json={"title": "Service Unavailable", "detail": "down", "status": 503},
        status=503,
        content_type=JSON,
    )
    with pytest.raises(
        OutcomeUnknown, match=r"post 1 is live at https://x\.com/perpuskotapkl/status/1"
    ):
        x(tmp_path).publish(request("Satu", thread=("Dua",)))


@pytest.mark.parametrize(
    ("text", "items", "reason"),
    [
        ("x" * 281, 0, "Text too long"),
        ("", 0, "empty"),
        ("Halo", 5, "At most 4 images"),
        ("Halo", "gif", "image/gif images are not accepted"),
        ("Halo", "no-alt", "alt text"),
    ],
)
@responses.activate
def test_preflight_refuses_before_any_call(tmp_path: Path, text, items, reason) -> None:
    path = image(tmp_path)
    if items == "gif":
        gif = image(tmp_path, "a.gif", fmt="GIF")
        attached = (media(gif, "Animasi", "image/gif"),)
    elif items == "no-alt":
        attached = (media(path, ""),)
    else:
        attached = tuple(media(path) for _ in range(items))
    with pytest.raises(Rejected, match=reason):
        x(tmp_path).publish(request(text, media=attached))
    assert len(responses.calls) == 0


def _error(status: int, body: dict | str, headers: dict | None = None) -> dict:
    if isinstance(body, dict):
        return dict(json=body, status=status, headers=headers or {}, content_type=JSON)
    return dict(body=body, status=status, headers=headers or {}, content_type="text/html")


RESET = int(datetime(2026, 12, 1, 2, 15, tzinfo=UTC).timestamp())
ERRORS = [
    (
        "429",
        _error(
            429,
            {
                "title": "Too Many Requests",
                "detail": "Too Many Requests",
                "type": "about:blank",
                "status": 429,
            },
            {"x-rate-limit-reset": str(RESET)},
        ),
        RateLimited,
    ),
    (
        "401",
        _error(
            401,
            {
                "title": "Unauthorized",
                "type": "about:blank",
                "status": 401,
                "detail": "Unauthorized",
            },
        ),
        AuthExpired,
    ),
    (
        "403 permissions",
        _error(
            403,
            {
                "title": "Forbidden",
                "status": 403,
                "type": "https://api.twitter.com/2/problems/oauth1-permissions",
                "detail": "Your client app is not configured with the appropriate oauth1 app "
                "permissions for this endpoint.",
            },
        ),
        AuthExpired,
    ),
    (
        "403 policy",
        _error(
            403,
            {
                "title": "Forbidden",
                "status": 403,
                "detail": "You are not permitted to create a Tweet with this content.",
            },
        ),
        Rejected,
    ),
    (
        "400",
        _error(
            400,
            {
                "errors": [{"message": "Invalid media_ids"}],
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request",
            },
        ),
        Rejected,
    ),
    ("500", _error(500, {"title": "Internal Server Error", "status": 500}), TransientError),
    ("503 html", _error(503, "<html>Over capacity</html>"), TransientError),
    ("connection refused", dict(body=refused()), TransientError),
    ("connect timeout", dict(body=requests.ConnectTimeout("connect timed out")), TransientError),
    ("read timeout", dict(body=requests.ReadTimeout("read timed out")), OutcomeUnknown),
    (
        "aborted",
        dict(body=requests.ConnectionError("('Connection aborted.', RemoteDisconnected())")),
        OutcomeUnknown,
    ),
    ("answer stalled mid-body", dict(body=stalled_mid_answer()), OutcomeUnknown),
    ("answer cut off", dict(body=cut_off_answer()), OutcomeUnknown),
]


@pytest.mark.parametrize(("case", "reply", "expected"), ERRORS, ids=[e[0] for e in ERRORS])
@responses.activate
def test_post_errors_map_to_worker_classes(tmp_path: Path, case, reply, expected) -> None:
    responses.post(TWEETS, **reply)
    with pytest.raises(expected) as caught:
        x(tmp_path).publish(request())
    assert type(caught.value) is expected
    if expected is RateLimited:
        assert caught.value.reset_at == datetime(2026, 12, 1, 2, 15, tzinfo=UTC)


@pytest.mark.parametrize("mode", ["v2", "v1.1"])
@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (dict(body=requests.ReadTimeout("read timed out")), TransientError),
        (dict(body=refused()), TransientError),
        (dict(body=cut_off_answer()), TransientError),
        (_error(503, {"title": "Service Unavailable"}), TransientError),
        (_error(401, {"title": "Unauthorized", "detail": "Unauthorized"}), AuthExpired),
    ],
)
@responses.activate
def test_upload_failures_never_count_as_maybe_published(tmp_path, mode, reply, expected) -> None:
    responses.post(MEDIA_UPLOAD_V2 if mode == "v2" else UPLOAD_V11, **reply)
    with pytest.raises(expected) as caught:
        x(tmp_path, x_media_upload=mode).publish(request(media=(media(image(tmp_path)),)))
    assert type(caught.value) is expected  # a timeout while uploading published nothing
    assert not [c for c in responses.calls if c.request.url == TWEETS]


@responses.activate
def test_duplicate_is_rejected_and_points_at_the_live_post(tmp_path: Path) -> None:
    text = "Pameran buku & dongeng https://perpus.example/acara"
    responses.post(
        TWEETS,
        **_error(
            403,
            {
                "title": "Forbidden",
                "status": 403,
                "type": "about:blank",
                "detail": "You are not allowed to create a Tweet with duplicate content.",
            },
        ),
    )
    responses.get(
        USER_TWEETS,
        json={
            "data": [
                tweet(
                    "77",
                    "Pameran buku &amp; dongeng https://t.co/abc https://t.co/img",
                    created_at="2026-11-30T01:00:00.000Z",
                )
            ],
            "meta": {"result_count": 1},
        },
        content_type=JSON,
    )
    with pytest.raises(
        Rejected, match=r"duplicate content.*already live at https://x.com/perpuskotapkl/status/77"
    ):
        x(tmp_path).publish(request(text))


@responses.activate
def test_find_existing_matches_text_despite_tco_links_and_entities(tmp_path: Path) -> None:
    responses.get(
        USER_TWEETS,
        json={
            "data": [
                tweet("5", "Lain lagi", created_at="2026-11-30T01:00:00.000Z"),
                tweet(
                    "6",
                    "Pameran buku &amp; dongeng https://t.co/abc https://t.co/img",
                    created_at="2026-11-30T02:00:00.000Z",
                ),
            ],
            "meta": {"result_count": 2},
        },
        content_type=JSON,
    )
    adapter = x(tmp_path)
    found = adapter.find_existing(request("Pameran buku & dongeng https://perpus.example/acara"))
    assert found == RemoteRef(
        "6", "https://x.com/perpuskotapkl/status/6", datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    )
    assert adapter.find_existing(request("Belum pernah diunggah")) is None
    params = query(responses.calls[0])
    assert params["max_results"] == "100" and params["exclude"] == "retweets,replies"


@responses.activate
def test_find_existing_asks_who_we_are_when_the_id_is_unknown(tmp_path: Path) -> None:
    x_me(name="Perpus", username="perpus")
    responses.get(USER_TWEETS, json={"meta": {"result_count": 0}}, content_type=JSON)
    assert x(tmp_path, config={}).find_existing(request()) is None
    assert [c.request.url.split("?")[0] for c in responses.calls] == [ME, USER_TWEETS]


@responses.activate
def test_check_connection_shows_the_handle(tmp_path: Path) -> None:
    x_me()
    adapter = x(tmp_path)
    info = adapter.check_connection()
    assert (info.remote_id, info.name, info.handle) == (
        "1234",
        "Perpustakaan Kota Pekalongan",
        "@perpuskotapkl",
    )
    assert adapter.account_config(info) == {"user_id": "1234", "username": "perpuskotapkl"}
    assert query(responses.calls[0])["user.fields"] == "username,name"


@responses.activate
def test_check_connection_with_revoked_tokens(tmp_path: Path) -> None:
    responses.get(
        ME, **_error(401, {"title": "Unauthorized", "detail": "Unauthorized", "status": 401})
    )
    with pytest.raises(AuthExpired):
        x(tmp_path).check_connection()


def _metrics_server(seen: list[list[str]]):
    def reply(req):
        ids = query_of(req)["ids"].split(",")
        fields = query_of(req)["tweet.fields"]
        seen.append(ids)
        data = []
        for tweet_id in ids:
            metrics = {
                "public_metrics": {
                    "retweet_count": 1,
                    "reply_count": 2,
                    "like_count": 10,
                    "quote_count": 1,
                    "bookmark_count": 3,
                    "impression_count": 400,
                },
            }
            if "non_public_metrics" in fields:
                metrics["non_public_metrics"] = {
                    "impression_count": 410,
                    "url_link_clicks": 7,
                    "user_profile_clicks": 1,
                }
            data.append(tweet(tweet_id, "t", **metrics))
        return 200, {"content-type": JSON}, json.dumps({"data": data})

    return reply


def query_of(req) -> dict:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(req.url).query))


@pytest.mark.parametrize("n", [1, 99, 100, 101, 250])
@responses.activate
def test_metrics_take_one_call_per_hundred_posts(tmp_path: Path, n: int) -> None:
    seen: list[list[str]] = []
    responses.add_callback(responses.GET, TWEETS, callback=_metrics_server(seen))
    refs = [RemoteRef(str(1000 + i), published_at=T0 - timedelta(days=1)) for i in range(n)]
    figures = x(tmp_path).fetch_metrics(refs)
    assert len(responses.calls) == math.ceil(n / 100)
    assert all(len(ids) <= 100 for ids in seen)
    assert sorted(figures) == sorted(r.remote_id for r in refs)
    first = figures["1000"]
    assert (first.likes, first.comments, first.shares, first.saves) == (10, 2, 2, 3)
    assert (first.impressions, first.clicks) == (410, 7)


@responses.activate
def test_private_counts_only_within_thirty_days(tmp_path: Path) -> None:
    seen: list[list[str]] = []
    responses.add_callback(responses.GET, TWEETS, callback=_metrics_server(seen))
    refs = [
        RemoteRef("1", published_at=T0 - timedelta(days=2)),
        RemoteRef("2", published_at=T0 - timedelta(days=45)),
    ]
    figures = x(tmp_path).fetch_metrics(refs)
    fields = [query(c)["tweet.fields"] for c in responses.calls]
    assert fields == ["public_metrics,non_public_metrics,created_at", "public_metrics,created_at"]
    assert "clicks" not in figures["1"].missing and "clicks" in figures["2"].missing
    assert figures["2"].impressions == 400  # the public impression count


@responses.activate
def test_private_counts_refused_falls_back_to_public(tmp_path: Path) -> None:
    responses.get(
        TWEETS,
        json={
            "data": [
                tweet(
                    "1",
                    "a",
                    public_metrics={
                        "like_count": 4,
                        "retweet_count": 0,
                        "reply_count": 0,
                        "quote_count": 0,
                    },
                )
            ],
            "errors": [
                {
                    "value": "2",
                    "detail": "Sorry, you are not authorized to access 'non_public_metrics' "
                    "on the Tweet with ids: 2.",
                    "title": "Field Authorization Error",
                    "resource_type": "tweet",
                    "field": "non_public_metrics",
                    "resource_id": "2",
                    "type": "https://api.twitter.com/2/problems/not-authorized-for-field",
                }
            ],
        },
        content_type=JSON,
    )
    responses.get(
        TWEETS,
        json={
            "data": [
                tweet(
                    "2",
                    "b",
                    public_metrics={
                        "like_count": 9,
                        "retweet_count": 0,
                        "reply_count": 0,
                        "quote_count": 0,
                        "bookmark_count": 0,
                        "impression_count": 50,
                    },
                )
            ]
        },
        content_type=JSON,
    )
    figures = x(tmp_path).fetch_metrics(
        [RemoteRef("1", published_at=T0), RemoteRef("2", published_at=T0)]
    )
    assert figures["1"].likes == 4 and figures["2"].likes == 9
    assert query(responses.calls[1]) == {"ids": "2", "tweet.fields": "public_metrics,created_at"}


@pytest.mark.parametrize(
    ("payload", "expected", "missing"),
    [
        (
            {
                "public_metrics": {
                    "retweet_count": 3,
                    "reply_count": 1,
                    "like_count": 20,
                    "quote_count": 2,
                    "bookmark_count": 4,
                    "impression_count": 900,
                },
                "non_public_metrics": {
                    "impression_count": 910,
                    "url_link_clicks": 12,
                    "user_profile_clicks": 5,
                },
            },
            dict(likes=20, comments=1, shares=5, saves=4, impressions=910, clicks=12, views=910),
            ["reach"],
        ),
        (  # before X added bookmarks and public impressions (2022 payloads)
            {
                "public_metrics": {
                    "retweet_count": 1,
                    "reply_count": 0,
                    "like_count": 2,
                    "quote_count": 0,
                }
            },
            dict(likes=2, shares=1, saves=0, impressions=0, clicks=0),
            ["impressions", "reach", "saves", "clicks", "views"],
        ),
        (  # a cut-short answer without public_metrics: every figure is a gap, none a zero
            {},
            dict(likes=0, impressions=0),
            ["impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "views"],
        ),
        (  # quotes left out: shares are the retweets; likes left out: a gap
            {"public_metrics": {"retweet_count": 3, "reply_count": 1, "bookmark_count": 0}},
            dict(likes=0, comments=1, shares=3, saves=0),
            ["impressions", "reach", "likes", "clicks", "views"],
        ),
    ],
)
def test_tweet_metrics_parsing(payload, expected, missing) -> None:
    metrics = tweet_metrics(tweet("1", "t", **payload))
    assert {k: getattr(metrics, k) for k in expected} == expected
    assert metrics.missing == missing and not metrics.simulated


@responses.activate
def test_metrics_errors_are_mapped(tmp_path: Path) -> None:
    responses.get(
        TWEETS, **_error(429, {"title": "Too Many Requests"}, {"x-rate-limit-reset": str(RESET)})
    )
    with pytest.raises(RateLimited):
        x(tmp_path).fetch_metrics([RemoteRef("1", published_at=T0)])


def test_missing_credentials_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="access_token_secret"):
        XPlatform({**X_CREDS, "access_token_secret": " "}, settings=settings(tmp_path))


def test_thread_parts_fit_and_keep_every_word() -> None:
    text = (
        "Perpustakaan Kota Pekalongan mengundang adik-adik ke Dongeng Kancil. " * 8
        + "\nDaftar: https://perpus.example/daftar "
        + "Ayo datang! " * 20
    ).strip()
    parts = thread_parts(text)
    assert len(parts) == 4
    assert all(text_length("x", p) <= 280 for p in parts)
    assert [p.rsplit(" ", 1)[1] for p in parts] == ["(1/4)", "(2/4)", "(3/4)", "(4/4)"]
    rejoined = " ".join(p.rsplit(" ", 1)[0] for p in parts)
    assert rejoined.split() == text.split() and "Kancil.\nDaftar:" in parts[2]
    assert thread_parts("Pendek saja") == ["Pendek saja"]
