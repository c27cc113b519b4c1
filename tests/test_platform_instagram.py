"""Instagram adapter: container → status polling → media_publish, public image URLs, quota,
JPEG and aspect rules, carousels, defensive batched metrics, errors and reconciliation."""

from __future__ import annotations

import io
import json
import math
import re
from datetime import UTC, timedelta
from pathlib import Path

import pytest
import requests
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
from planner.platforms.instagram import InstagramPlatform, media_metrics
from tests.live_worker import attempt_outcomes, run_worker
from tests.misbehaving_server import MisbehavingServer, answer
from tests.platform_helpers import (
    IG_CREDS,
    JSON,
    T0,
    bearer_only,
    form,
    graph_error,
    image,
    media,
    path,
    query,
    request,
    settings,
)

G = "https://graph.facebook.com/v23.0"
IG = "17841400000000001"
TOKEN = IG_CREDS["access_token"]
PUBLIC = re.compile(r"^https://media\.perpus\.example/p/[0-9a-f]{32}\.jpg$")


def ig(tmp_path: Path, sleeps: list | None = None, **overrides) -> InstagramPlatform:
    values = dict(ig_poll_interval_seconds=2.0, ig_poll_timeout_seconds=6.0)
    values.update(overrides)
    return InstagramPlatform(
        IG_CREDS,
        config={"ig_user_id": IG},
        settings=settings(tmp_path, **values),
        clock=lambda: T0,
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
    )


def quota(used: int = 3, total: int = 50) -> None:
    responses.get(
        f"{G}/{IG}/content_publishing_limit",
        json={
            "data": [
                {"quota_usage": used, "config": {"quota_total": total, "quota_duration": 86400}}
            ]
        },
        content_type=JSON,
    )


def status(container: str, *codes: str) -> None:
    for code in codes:
        responses.get(
            f"{G}/{container}",
            json={"status_code": code, "status": code, "id": container},
            content_type=JSON,
        )


def published(media_id: str = "18000000000000001") -> None:
    responses.post(f"{G}/{IG}/media_publish", json={"id": media_id}, content_type=JSON)
    responses.get(
        f"{G}/{media_id}",
        json={"permalink": f"https://www.instagram.com/p/{media_id[-4:]}/", "id": media_id},
        content_type=JSON,
    )


@responses.activate
def test_single_image_container_poll_publish(tmp_path: Path) -> None:
    poster = image(tmp_path, size=(1080, 1350))
    quota()
    responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
    status("c1", "IN_PROGRESS", "FINISHED")
    published()
    sleeps: list[float] = []
    adapter = ig(tmp_path, sleeps)
    assert isinstance(adapter, Platform)
    ref = adapter.publish(
        request("Dongeng Sabtu! #perpustakaan", media=(media(poster, "Poster dongeng"),))
    )
    assert ref == RemoteRef("18000000000000001", "https://www.instagram.com/p/0001/", T0)
    limit, container, poll1, _poll2, publish, link = responses.calls
    assert query(limit) == {"fields": "config,quota_usage"}
    fields = form(container)
    assert PUBLIC.match(fields.pop("image_url"))
    assert fields == {
        "caption": "Dongeng Sabtu! #perpustakaan",
        "alt_text": "Poster dongeng",
    }
    assert query(poll1)["fields"] == "status_code,status"
    assert sleeps == [2.0]
    assert form(publish) == {"creation_id": "c1"}
    assert query(link) == {"fields": "permalink"}
    assert all(path(c).startswith("/v23.0/") for c in responses.calls)
    assert all(bearer_only(c, TOKEN) for c in responses.calls)  # never in a URL or body


@responses.activate
def test_public_copy_is_a_stable_unguessable_jpeg(tmp_path: Path) -> None:
    png = image(tmp_path, "poster.png", fmt="PNG")
    for _ in range(2):
        quota()
        responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
        status("c1", "FINISHED")
        published()
    adapter = ig(tmp_path)
    adapter.publish(request(media=(media(png, "Poster", "image/png"),)))
    adapter.publish(request(media=(media(png, "Poster", "image/png"),)))
    urls = [
        form(c)["image_url"]
        for c in responses.calls
        if c.request.method == "POST" and path(c).endswith("/media")
    ]
    assert urls[0] == urls[1] and PUBLIC.match(urls[0])
    public = settings(tmp_path).public_dir / urls[0].rsplit("/", 1)[1]
    with Image.open(public) as img:
        assert img.format == "JPEG" and img.size == (1080, 1080)
    assert png.stem not in urls[0]  # nothing of the original name leaks into the address


@responses.activate
def test_several_images_make_a_carousel(tmp_path: Path) -> None:
    posters = [image(tmp_path, f"p{i}.jpg") for i in range(3)]
    quota()
    for cid in ("k1", "k2", "k3", "car"):
        responses.post(f"{G}/{IG}/media", json={"id": cid}, content_type=JSON)
    status("car", "FINISHED")
    published()
    ig(tmp_path).publish(
        request("Galeri", media=tuple(media(p, f"Foto {i}") for i, p in enumerate(posters)))
    )
    containers = [
        form(c)
        for c in responses.calls
        if c.request.method == "POST" and path(c).endswith("/media")
    ]
    for index, child in enumerate(containers[:3]):
        assert child["is_carousel_item"] == "true" and child["alt_text"] == f"Foto {index}"
        assert "caption" not in child
    assert containers[3] == {
        "media_type": "CAROUSEL",
        "children": "k1,k2,k3",
        "caption": "Galeri",
    }


@responses.activate
def test_quota_used_up_is_rate_limited_before_anything_is_made(tmp_path: Path) -> None:
    quota(used=50, total=50)
    with pytest.raises(RateLimited) as caught:
        ig(tmp_path).publish(request(media=(media(image(tmp_path)),)))
    assert caught.value.reset_at == T0 + timedelta(hours=1)
    assert len(responses.calls) == 1


@pytest.mark.parametrize(
    ("size", "ok"),
    [
        ((1080, 1350), True),
        ((1080, 1080), True),
        ((1910, 1000), True),
        ((1080, 1920), False),
        ((2000, 1000), False),
    ],
)
@responses.activate
def test_aspect_ratio_between_4_5_and_1_91(tmp_path: Path, size, ok) -> None:
    poster = image(tmp_path, size=size)
    if ok:
        quota()
        responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
        status("c1", "FINISHED")
        published()
        ig(tmp_path).publish(request(media=(media(poster),)))
    else:
        with pytest.raises(Rejected, match="ratio"):
            ig(tmp_path).publish(request(media=(media(poster),)))
        assert len(responses.calls) == 0


@pytest.mark.parametrize(
    ("text", "base_url", "items", "reason"),
    [
        ("Halo", None, 1, "PUBLIC_MEDIA_BASE_URL is not set"),
        ("Halo", "http://localhost:8501/app/static", 1, "cannot reach"),
        ("Halo", "http://192.168.1.20/media", 1, "private address"),
        ("Halo", "https://media.perpus.example/p", 0, "needs an image"),
        ("x" * 2201, "https://media.perpus.example/p", 1, "Text too long"),
        (
            " ".join(f"#t{i}" for i in range(31)),
            "https://media.perpus.example/p",
            1,
            "Too many hashtags",
        ),
        ("Halo", "https://media.perpus.example/p", "gif", "image/gif images are not accepted"),
    ],
)
@responses.activate
def test_preflight_refuses_before_any_call(tmp_path: Path, text, base_url, items, reason) -> None:
    poster = image(tmp_path)
    if items == "gif":
        attached = (media(image(tmp_path, "a.gif", fmt="GIF"), "Animasi", "image/gif"),)
    else:
        attached = tuple(media(poster) for _ in range(items))
    adapter = ig(tmp_path, public_media_base_url=base_url)
    with pytest.raises(Rejected, match=reason):
        adapter.publish(request(text, media=attached))
    assert len(responses.calls) == 0


@pytest.mark.parametrize(
    ("codes", "expected", "message"),
    [
        (("ERROR",), Rejected, "could not use the image"),
        (("EXPIRED",), TransientError, "expired"),
        (("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS"), TransientError, "still processing"),
    ],
)
@responses.activate
def test_container_that_never_finishes_is_not_published(
    tmp_path: Path, codes, expected, message
) -> None:
    quota()
    responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
    status("c1", *codes)
    sleeps: list[float] = []
    with pytest.raises(expected, match=message) as caught:
        ig(tmp_path, sleeps).publish(request(media=(media(image(tmp_path)),)))
    assert type(caught.value) is expected
    assert not [c for c in responses.calls if path(c).endswith("/media_publish")]
    if len(codes) == 3:
        assert sleeps == [2.0, 2.0]  # 6 s timeout / 2 s interval = 3 polls


@responses.activate
def test_image_download_failure_is_retried_with_a_hint(tmp_path: Path) -> None:
    quota()
    responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
    responses.get(
        f"{G}/c1",
        json={
            "status_code": "ERROR",
            "status": "Error: Media download has failed. "
            "The media URI doesn't meet our requirements.",
        },
        content_type=JSON,
    )
    with pytest.raises(TransientError, match="PUBLIC_MEDIA_BASE_URL"):
        ig(tmp_path).publish(request(media=(media(image(tmp_path)),)))


@pytest.mark.parametrize(
    ("step", "reply", "expected"),
    [
        ("container", graph_error(190, "Error validating access token"), AuthExpired),
        ("container", graph_error(4, "(#4) Application request limit reached"), RateLimited),
        (
            "container",
            graph_error(9007, "Media ID is not available", error_subcode=2207027),
            TransientError,
        ),
        (
            "container",
            graph_error(2, "Service temporarily unavailable", status=503),
            TransientError,
        ),
        (
            "container",
            graph_error(36003, "The aspect ratio is not supported.", error_subcode=2207009),
            Rejected,
        ),
        ("container", dict(body=requests.ReadTimeout("read timed out")), TransientError),
        ("publish", graph_error(368, "The action attempted has been deemed abusive"), Rejected),
        ("publish", graph_error(190, "Session has expired"), AuthExpired),
        ("publish", dict(body=requests.ReadTimeout("read timed out")), OutcomeUnknown),
        (
            "publish",
            dict(body="<html>502</html>", status=502, content_type="text/html"),
            TransientError,
        ),
    ],
)
@responses.activate
def test_errors_map_to_worker_classes(tmp_path: Path, step, reply, expected) -> None:
    quota()
    if step == "container":
        responses.post(f"{G}/{IG}/media", **reply)
    else:
        responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
        status("c1", "FINISHED")
        responses.post(f"{G}/{IG}/media_publish", **reply)
    with pytest.raises(expected) as caught:
        ig(tmp_path).publish(request(media=(media(image(tmp_path)),)))
    assert type(caught.value) is expected
    assert TOKEN not in str(caught.value)


def _documented(code: int, subcode: int, title: str, user_msg: str) -> dict:
    """An error as Instagram's error-code table shows it (HTTP 400, is_transient false)."""
    return graph_error(
        code,
        title,
        error_subcode=subcode,
        is_transient=False,
        error_user_title=title,
        error_user_msg=user_msg,
    )


# Rows of Instagram's error-code table: step, code/subcode, class, words the reason carries
INSTAGRAM_TABLE = [
    ("container", -1, 2207001, TransientError, "Instagram server error"),
    ("container", -2, 2207003, TransientError, "too long to download"),
    ("container", -1, 2207032, TransientError, "re-create media"),
    ("container", 9004, 2207052, TransientError, "PUBLIC_MEDIA_BASE_URL"),
    ("container", 25, 2207050, AuthExpired, "reconnect"),
    ("publish", 9, 2207042, RateLimited, "quota frees"),
    ("publish", 24, 2207008, TransientError, "temporary error"),
    ("publish", 24, 2207006, TransientError, "new one is made"),
    ("publish", 4, 2207051, Rejected, "suspected spam"),
]
USER_MESSAGES = {
    2207001: "Instagram server error. Try again.",
    2207003: "It takes too long to download the media.",
    2207032: "Create media fail, please try to re-create media",
    2207052: "Media download has failed.",
    2207050: "The Instagram account is restricted.",
    2207042: "You reached maximum number of posts that is allowed to be published by "
    "Content Publishing API.",
    2207008: "The media builder does not exist or has expired.",
    2207006: "The media with this id cannot be found.",
    2207051: "We restrict certain activity to protect our community.",
}


@pytest.mark.parametrize(
    ("step", "code", "subcode", "expected", "words"),
    INSTAGRAM_TABLE,
    ids=[f"{row[1]}/{row[2]}" for row in INSTAGRAM_TABLE],
)
@responses.activate
def test_instagrams_documented_errors(tmp_path, step, code, subcode, expected, words) -> None:
    """ "Try again" rows are retried and the publishing limit waits for the quota; none of
    them fails the post for good. Nothing after the failing call is asked."""
    reply = _documented(code, subcode, "Error", USER_MESSAGES[subcode])
    quota()
    if step == "container":
        responses.post(f"{G}/{IG}/media", **reply)
    else:
        responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
        status("c1", "FINISHED")
        responses.post(f"{G}/{IG}/media_publish", **reply)
    with pytest.raises(expected) as caught:
        ig(tmp_path).publish(request(media=(media(image(tmp_path)),)))
    assert type(caught.value) is expected and words in caught.value.message
    assert f"(code {code}/{subcode})" in caught.value.message
    sent = [f"{c.request.method} {path(c)}" for c in responses.calls]
    expected_calls = [f"GET /v23.0/{IG}/content_publishing_limit", f"POST /v23.0/{IG}/media"]
    if step == "publish":
        expected_calls += ["GET /v23.0/c1", f"POST /v23.0/{IG}/media_publish"]
    assert sent == expected_calls
    if expected is RateLimited:
        assert caught.value.reset_at == T0 + timedelta(hours=1)


@pytest.mark.parametrize(
    ("step", "code", "subcode", "status", "retry_at"),
    [
        ("container", -1, 2207001, "retrying", None),
        ("container", 9004, 2207052, "retrying", None),
        ("publish", 9, 2207042, "retrying", T0 + timedelta(hours=1)),
    ],
    ids=["server error", "download failed", "publishing limit"],
)
def test_retryable_instagram_errors_keep_the_post_through_the_worker(
    sqlite_db, tmp_path, step, code, subcode, status, retry_at
) -> None:
    """Over the wire and through the worker: retried (at the quota's time), not failed."""
    error = answer(
        {"error": {"message": USER_MESSAGES[subcode], "type": "OAuthException", "code": code,
                   "error_subcode": subcode, "is_transient": False, "fbtrace_id": "Ax1"}},
        status="400 Bad Request",
    )  # fmt: skip
    script = [answer({"data": [{"quota_usage": 1, "config": {"quota_total": 50}}]})]
    if step == "container":
        script.append(error)
    else:
        script += [answer({"id": "c1"}), answer({"id": "c1", "status_code": "FINISHED"}), error]
    with MisbehavingServer(script) as server:
        target = run_worker("instagram", server.session(), tmp_path)
        calls = len(server.requests)
    assert calls == len(script)
    assert target.status == status and attempt_outcomes() == ["not_sent"]
    assert f"{code}/{subcode}" in target.last_error
    if retry_at is not None:
        assert (
            retry_at
            <= target.next_attempt_at.replace(tzinfo=UTC)
            <= retry_at + timedelta(seconds=5)
        )


@responses.activate
def test_a_missing_permalink_does_not_undo_a_publish(tmp_path: Path) -> None:
    quota()
    responses.post(f"{G}/{IG}/media", json={"id": "c1"}, content_type=JSON)
    status("c1", "FINISHED")
    responses.post(f"{G}/{IG}/media_publish", json={"id": "18000000000000009"}, content_type=JSON)
    responses.get(f"{G}/18000000000000009", **graph_error(2, "Service unavailable", status=503))
    ref = ig(tmp_path).publish(request(media=(media(image(tmp_path)),)))
    assert ref.remote_id == "18000000000000009" and ref.url is None


def _insights(values: dict, shape: str = "values") -> dict:
    if shape == "values":
        data = [
            {
                "name": k,
                "period": "lifetime",
                "values": [{"value": v}],
                "title": k,
                "id": f"x/insights/{k}/lifetime",
            }
            for k, v in values.items()
        ]
    else:
        data = [
            {
                "name": k,
                "period": "lifetime",
                "total_value": {"value": v},
                "title": k,
                "id": f"x/insights/{k}/lifetime",
            }
            for k, v in values.items()
        ]
    return {"data": data}


FULL = {
    "views": 1200,
    "reach": 800,
    "saved": 14,
    "shares": 6,
    "total_interactions": 90,
    "likes": 60,
    "comments": 10,
}


def _batch(seen, answer):
    def reply(req):
        from urllib.parse import parse_qsl

        ops = json.loads(dict(parse_qsl(req.body))["batch"])
        seen.append(ops)
        out = []
        for op in ops:
            media_id, _, fields = op["relative_url"].partition("?fields=")
            code, body = answer(media_id, fields)
            out.append({"code": code, "body": json.dumps(body)})
        return 200, {"content-type": JSON}, json.dumps(out)

    return reply


@pytest.mark.parametrize("n", [1, 50, 51, 130])
@responses.activate
def test_metrics_take_one_batch_call_per_fifty_posts(tmp_path: Path, n: int) -> None:
    seen: list = []
    responses.add_callback(
        responses.POST,
        f"{G}/",
        callback=_batch(
            seen,
            lambda mid, f: (
                200,
                {"id": mid, "like_count": 61, "comments_count": 11, "insights": _insights(FULL)},
            ),
        ),
    )
    refs = [RemoteRef(str(18000 + i)) for i in range(n)]
    figures = ig(tmp_path).fetch_metrics(refs)
    assert len(responses.calls) == math.ceil(n / 50)
    assert all(len(ops) <= 50 for ops in seen)
    assert seen[0][0]["relative_url"] == (
        "18000?fields=like_count,comments_count,"
        "insights.metric(views,reach,saved,shares,total_interactions,likes,comments)"
    )
    m = figures["18000"]
    assert (m.impressions, m.views, m.reach, m.likes, m.comments, m.saves, m.shares) == (
        1200,
        1200,
        800,
        60,
        10,
        14,
        6,
    )
    assert m.raw["total_interactions"] == 90 and m.missing == ["clicks"]


@responses.activate
def test_metric_outside_the_allowed_list_is_dropped(tmp_path: Path) -> None:
    allowed = "reach, likes, comments, saved, shares, total_interactions, follows, profile_visits"

    def answer(media_id, fields):
        if "views" in fields:
            return 400, {
                "error": {
                    "message": f"(#100) metric[0] must be one of the following values: {allowed}",
                    "type": "OAuthException",
                    "code": 100,
                }
            }
        kept = {k: v for k, v in FULL.items() if k != "views"}
        return 200, {
            "id": media_id,
            "like_count": 60,
            "comments_count": 10,
            "insights": _insights(kept, "total_value"),
        }

    responses.add_callback(responses.POST, f"{G}/", callback=_batch([], answer))
    figures = ig(tmp_path).fetch_metrics([RemoteRef("1"), RemoteRef("2")])
    assert len(responses.calls) == 2
    m = figures["1"]
    assert m.reach == 800 and m.views == 0 and m.impressions == 0
    assert "views" in m.missing and "impressions" in m.missing
    assert "views" in m.raw["refused"]


@pytest.mark.parametrize(
    ("node", "expected", "missing"),
    [
        (
            {"like_count": 5, "comments_count": 2},
            dict(likes=5, comments=2, reach=0),
            ["views", "reach", "saves", "shares", "clicks", "impressions"],
        ),
        (
            {"like_count": 5, "insights": _insights({"reach": 40, "saved": 1}, "total_value")},
            dict(likes=5, reach=40, saves=1),
            ["views", "shares", "comments", "clicks", "impressions"],
        ),
    ],
)
def test_media_metrics_parsing(node, expected, missing) -> None:
    metrics = media_metrics(node, [], {})
    assert {k: getattr(metrics, k) for k in expected} == expected
    assert metrics.missing == missing


@responses.activate
def test_find_existing_and_check_connection(tmp_path: Path) -> None:
    responses.get(
        f"{G}/{IG}/media",
        json={
            "data": [
                {
                    "id": "180001",
                    "caption": "Dongeng Sabtu! #perpustakaan",
                    "permalink": "https://www.instagram.com/p/abc/",
                    "timestamp": "2026-11-30T02:00:00+0000",
                }
            ]
        },
        content_type=JSON,
    )
    responses.get(
        f"{G}/{IG}",
        json={"id": IG, "username": "perpuskotapekalongan", "name": "Perpustakaan Kota Pekalongan"},
        content_type=JSON,
    )
    adapter = ig(tmp_path)
    found = adapter.find_existing(request("Dongeng Sabtu!  #perpustakaan"))
    assert (
        found is not None
        and found.remote_id == "180001"
        and found.url == "https://www.instagram.com/p/abc/"
    )
    assert adapter.find_existing(request("Belum ada")) is None
    info = adapter.check_connection()
    assert (info.remote_id, info.handle) == (IG, "@perpuskotapekalongan")
    assert adapter.account_config(info) == {"ig_user_id": IG}


def test_account_without_instagram_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ig_user_id"):
        InstagramPlatform(IG_CREDS, config={}, settings=settings(tmp_path))


def test_png_becomes_jpeg_on_a_white_background() -> None:
    from planner.public_media import as_jpeg

    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, "PNG")
    data, width, height = as_jpeg(buffer.getvalue())
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG" and (width, height) == (10, 10)
        assert img.getpixel((5, 5))[0] > 240
