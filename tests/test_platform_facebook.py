"""Facebook Page adapter: feed/photo/multi-photo requests, pinned Graph version, batched and
defensive metrics, reconciliation, and every Graph error code mapped to the worker's classes."""

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
from planner.platforms.facebook import FacebookPlatform, post_metrics
from tests.platform_helpers import (
    FB_CREDS,
    JSON,
    T0,
    bearer_only,
    cut_off_answer,
    form,
    graph_error,
    image,
    media,
    path,
    query,
    refused,
    request,
    settings,
    stalled_mid_answer,
)

G = "https://graph.facebook.com/v23.0"
TOKEN = FB_CREDS["page_access_token"]


def fb(tmp_path: Path, **overrides) -> FacebookPlatform:
    return FacebookPlatform(
        FB_CREDS,
        config={"page_id": "555"},
        settings=settings(tmp_path, **overrides),
        clock=lambda: T0,
    )


@responses.activate
def test_text_with_link_goes_to_the_feed(tmp_path: Path) -> None:
    responses.post(f"{G}/555/feed", json={"id": "555_901"}, content_type=JSON)
    adapter = fb(tmp_path)
    assert isinstance(adapter, Platform)
    ref = adapter.publish(request("Lomba membaca cepat!", link="https://perpus.example/lomba"))
    assert ref == RemoteRef("555_901", "https://www.facebook.com/555_901", T0)
    (call,) = responses.calls
    assert form(call) == {
        "message": "Lomba membaca cepat!",
        "link": "https://perpus.example/lomba",
    }
    assert bearer_only(call, TOKEN)


@responses.activate
def test_one_photo_with_caption_alt_text_and_link(tmp_path: Path) -> None:
    poster = image(tmp_path)
    responses.post(f"{G}/555/photos", json={"id": "7001", "post_id": "555_902"}, content_type=JSON)
    ref = fb(tmp_path).publish(
        request(
            "Dongeng Sabtu",
            media=(media(poster, "Poster dongeng"),),
            link="https://perpus.example/d",
        )
    )
    assert ref.remote_id == "555_902"
    fields = form(responses.calls[0])
    assert fields["source"] == ("poster.jpg", poster.read_bytes())
    assert fields["message"] == "Dongeng Sabtu\n\nhttps://perpus.example/d"
    assert fields["alt_text_custom"] == "Poster dongeng"
    assert "published" not in fields and bearer_only(responses.calls[0], TOKEN)


@responses.activate
def test_several_photos_are_unpublished_then_attached_to_one_post(tmp_path: Path) -> None:
    posters = [image(tmp_path, f"p{i}.jpg") for i in range(3)]
    for photo_id in ("81", "82", "83"):
        responses.post(f"{G}/555/photos", json={"id": photo_id}, content_type=JSON)
    responses.post(f"{G}/555/feed", json={"id": "555_903"}, content_type=JSON)
    ref = fb(tmp_path).publish(
        request("Galeri lomba", media=tuple(media(p, f"Foto {i}") for i, p in enumerate(posters)))
    )
    assert ref.remote_id == "555_903"
    *uploads, post = responses.calls
    for index, call in enumerate(uploads):
        fields = form(call)
        assert fields["published"] == "false"  # the string, as the Graph API expects
        assert fields["alt_text_custom"] == f"Foto {index}"
        assert "message" not in fields
    assert form(post) == {
        "message": "Galeri lomba",
        "attached_media[0]": json.dumps({"media_fbid": "81"}),
        "attached_media[1]": json.dumps({"media_fbid": "82"}),
        "attached_media[2]": json.dumps({"media_fbid": "83"}),
    }
    assert all(bearer_only(call, TOKEN) for call in responses.calls)


@pytest.mark.parametrize("version", ["v23.0", "v24.0"])
@responses.activate
def test_every_request_goes_to_the_configured_version(tmp_path: Path, version: str) -> None:
    base = f"https://graph.facebook.com/{version}"
    responses.post(f"{base}/555/feed", json={"id": "555_1"}, content_type=JSON)
    responses.post(f"{base}/555/photos", json={"id": "9"}, content_type=JSON)
    responses.post(
        f"{base}/", json=[{"code": 200, "body": json.dumps({"id": "555_1"})}], content_type=JSON
    )
    responses.get(f"{base}/555/posts", json={"data": []}, content_type=JSON)
    responses.get(
        f"{base}/555",
        json={"id": "555", "name": "Perpus", "category": "Library"},
        content_type=JSON,
    )
    adapter = fb(tmp_path, graph_api_version=version)
    poster = image(tmp_path)
    adapter.publish(request())
    adapter.publish(request(media=(media(poster), media(poster))))
    adapter.fetch_metrics([RemoteRef("555_1")])
    adapter.find_existing(request())
    adapter.check_connection()
    assert len(responses.calls) == 7
    assert all(path(c).startswith(f"/{version}/") for c in responses.calls)


ERRORS = [
    (
        "190 expired",
        graph_error(190, "Error validating access token: Session has expired", error_subcode=463),
        AuthExpired,
    ),
    ("102 session", graph_error(102, "Session key invalid"), AuthExpired),
    (
        "200 permission",
        graph_error(200, "(#200) Requires pages_manage_posts permission", status=403),
        AuthExpired,
    ),
    (
        "10 permission",
        graph_error(10, "(#10) Application does not have permission for this action", status=403),
        AuthExpired,
    ),
    (
        "4 app limit",
        graph_error(4, "(#4) Application request limit reached", status=403),
        RateLimited,
    ),
    (
        "17 user limit",
        graph_error(17, "(#17) User request limit reached", status=403),
        RateLimited,
    ),
    (
        "32 page limit",
        graph_error(32, "(#32) Page request limit reached", status=403),
        RateLimited,
    ),
    ("341 feed limit", graph_error(341, "(#341) Feed action request limit reached"), RateLimited),
    (
        "613 calls",
        graph_error(613, "(#613) Calls to this api have exceeded the rate limit."),
        RateLimited,
    ),
    (
        "80001 BUC",
        graph_error(80001, "There have been too many calls to this Page account."),
        RateLimited,
    ),
    (
        "368 blocked",
        graph_error(368, "The action attempted has been deemed abusive or is otherwise disallowed"),
        Rejected,
    ),
    ("506 duplicate", graph_error(506, "Duplicate status message"), Rejected),
    ("100 invalid", graph_error(100, "(#100) Invalid parameter"), Rejected),
    ("1 unknown", graph_error(1, "An unknown error occurred", status=500), TransientError),
    (
        "2 service",
        graph_error(
            2, "An unexpected error has occurred. Please retry your request later.", status=503
        ),
        TransientError,
    ),
    ("is_transient", graph_error(9999, "Temporary issue", is_transient=True), TransientError),
    ("500 unknown code", graph_error(12345, "Something", status=500), TransientError),
    (
        "502 html",
        dict(body="<html><body>Bad Gateway</body></html>", status=502, content_type="text/html"),
        TransientError,
    ),
    (
        "502 no content type",
        dict(body="Bad Gateway", status=502, content_type=None),
        TransientError,
    ),
    ("connection refused", dict(body=refused()), TransientError),
    ("read timeout", dict(body=requests.ReadTimeout("read timed out")), OutcomeUnknown),
    ("answer stalled mid-body", dict(body=stalled_mid_answer()), OutcomeUnknown),
    ("answer cut off", dict(body=cut_off_answer()), OutcomeUnknown),
]


@pytest.mark.parametrize(("case", "reply", "expected"), ERRORS, ids=[e[0] for e in ERRORS])
@responses.activate
def test_graph_errors_map_to_worker_classes(tmp_path: Path, case, reply, expected) -> None:
    responses.post(f"{G}/555/feed", **reply)
    with pytest.raises(expected) as caught:
        fb(tmp_path).publish(request())
    assert type(caught.value) is expected
    assert TOKEN not in str(caught.value)


@responses.activate
def test_business_use_case_throttling_says_when_to_retry(tmp_path: Path) -> None:
    usage = {"555": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 12}]}
    responses.post(
        f"{G}/555/feed",
        json={"error": {"message": "Too many calls", "code": 80001}},
        status=400,
        headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
        content_type=JSON,
    )
    with pytest.raises(RateLimited) as caught:
        fb(tmp_path).publish(request())
    assert caught.value.reset_at == T0 + timedelta(minutes=12)


@responses.activate
def test_timeout_while_uploading_unpublished_photos_is_safe_to_retry(tmp_path: Path) -> None:
    poster = image(tmp_path)
    responses.post(f"{G}/555/photos", body=requests.ReadTimeout("read timed out"))
    with pytest.raises(TransientError) as caught:
        fb(tmp_path).publish(request(media=(media(poster), media(poster))))
    assert type(caught.value) is TransientError


@responses.activate
def test_preflight_refuses_before_any_call(tmp_path: Path) -> None:
    gif = image(tmp_path, "a.webp", fmt="WEBP")
    with pytest.raises(Rejected, match="image/webp images are not accepted"):
        fb(tmp_path).publish(request(media=(media(gif, "x", "image/webp"),)))
    with pytest.raises(Rejected, match="alt text"):
        fb(tmp_path).publish(request(media=(media(image(tmp_path), ""),)))
    assert len(responses.calls) == 0


def _node(post_id: str, *, likes=12, comments=3, shares=None, insights=None) -> dict:
    node = {
        "id": post_id,
        "reactions": {"data": [], "summary": {"total_count": likes, "viewer_reaction": "NONE"}},
        "comments": {
            "data": [],
            "summary": {"order": "ranked", "total_count": comments, "can_comment": True},
        },
    }
    if shares is not None:
        node["shares"] = {"count": shares}
    if insights is not None:
        node["insights"] = {
            "data": [
                {
                    "name": name,
                    "period": "lifetime",
                    "values": [{"value": value}],
                    "title": name,
                    "id": f"{post_id}/insights/{name}/lifetime",
                }
                for name, value in insights.items()
            ],
            "paging": {},
        }
    return node


def _batch_server(seen: list[list[dict]], answer):
    def reply(req):
        ops = json.loads(form_of(req)["batch"])
        seen.append(ops)
        out = []
        for op in ops:
            post_id, _, fields = op["relative_url"].partition("?fields=")
            code, body = answer(post_id, fields)
            out.append({"code": code, "body": json.dumps(body)} if code else None)
        return 200, {"content-type": JSON}, json.dumps(out)

    return reply


def _asked(fields: str) -> set[str]:
    return set(fields.partition("insights.metric(")[2].rstrip(")").split(",")) - {""}


def form_of(req) -> dict:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(req.body if isinstance(req.body, str) else req.body.decode()))


FULL = {
    "post_media_view": 900,
    "post_impressions_unique": 600,
    "post_clicks": 40,
    "post_impressions": 950,
}


@pytest.mark.parametrize("n", [1, 49, 50, 51, 120])
@responses.activate
def test_metrics_take_one_batch_call_per_fifty_posts(tmp_path: Path, n: int) -> None:
    seen: list[list[dict]] = []
    responses.add_callback(
        responses.POST,
        f"{G}/",
        callback=_batch_server(seen, lambda pid, f: (200, _node(pid, shares=2, insights=FULL))),
    )
    refs = [RemoteRef(f"555_{i}") for i in range(n)]
    figures = fb(tmp_path).fetch_metrics(refs)
    assert len(responses.calls) == math.ceil(n / 50)
    assert all(len(ops) <= 50 for ops in seen)
    assert sorted(figures) == sorted(r.remote_id for r in refs)
    op = seen[0][0]
    assert op == {
        "method": "GET",
        "relative_url": "555_0?fields=shares,reactions.summary(true).limit(0),"
        "comments.summary(true).limit(0),insights.metric(post_media_view,"
        "post_impressions_unique,post_clicks,post_impressions)",
    }
    assert form_of(responses.calls[0].request)["include_headers"] == "false"
    m = figures["555_0"]
    assert (m.likes, m.comments, m.shares, m.impressions, m.reach, m.clicks, m.views) == (
        12,
        3,
        2,
        950,
        600,
        40,
        900,
    )
    assert m.missing == ["saves"]


@pytest.mark.parametrize(
    ("error", "refused"),
    [
        (
            {"message": "(#100) The value must be a valid insights metric", "code": 100},
            ["post_impressions"],
        ),
        (
            {"message": "(#100) post_impressions_unique has been deprecated", "code": 100},
            ["post_impressions_unique"],
        ),
        (
            {"message": "(#10) This endpoint requires the 'read_insights' permission", "code": 10},
            ["post_media_view", "post_impressions_unique", "post_clicks", "post_impressions"],
        ),
    ],
)
@responses.activate
def test_a_refused_metric_is_skipped_and_reported(tmp_path: Path, error, refused) -> None:
    def answer(post_id, fields):
        if _asked(fields) & set(refused):
            return 400, {"error": {**error, "type": "OAuthException"}}
        kept = {k: v for k, v in FULL.items() if k not in refused}
        return 200, _node(post_id, insights=kept or None)

    seen: list[list[dict]] = []
    responses.add_callback(responses.POST, f"{G}/", callback=_batch_server(seen, answer))
    adapter = fb(tmp_path)
    figures = adapter.fetch_metrics([RemoteRef("555_1"), RemoteRef("555_2")])
    assert len(responses.calls) == 2  # the refusal costs one extra call, not the figures
    assert sorted(figures) == ["555_1", "555_2"]
    m = figures["555_1"]
    assert m.likes == 12 and sorted(m.raw["refused"]) == sorted(refused)
    # The next collection does not ask for the refused metric again.
    adapter.fetch_metrics([RemoteRef("555_3")])
    assert len(responses.calls) == 3
    assert not _asked(seen[-1][0]["relative_url"]) & set(refused)


@responses.activate
def test_deleted_and_timed_out_posts_are_left_out(tmp_path: Path) -> None:
    def answer(post_id, fields):
        if post_id == "555_gone":
            return 400, {
                "error": {
                    "message": "Unsupported get request. Object with ID '555_gone' does not exist",
                    "code": 100,
                    "error_subcode": 33,
                }
            }
        if post_id == "555_slow":
            return None, None
        return 200, _node(post_id, insights=FULL)

    responses.add_callback(responses.POST, f"{G}/", callback=_batch_server([], answer))
    figures = fb(tmp_path).fetch_metrics(
        [RemoteRef("555_ok"), RemoteRef("555_gone"), RemoteRef("555_slow")]
    )
    assert list(figures) == ["555_ok"]
    assert len(responses.calls) == 1


@pytest.mark.parametrize(
    ("node", "expected", "missing"),
    [
        (
            _node("1", shares=5, insights=FULL),
            dict(likes=12, comments=3, shares=5, impressions=950, reach=600, clicks=40, views=900),
            ["saves"],
        ),
        # Graph omits `shares` at zero; after Nov 2025 only the views-style metric remains.
        (
            _node("1", insights={"post_media_view": 300}),
            dict(shares=0, impressions=300, views=300, reach=0),
            ["reach", "saves", "clicks"],
        ),
        (
            _node("1"),
            dict(likes=12, impressions=0),
            ["impressions", "reach", "saves", "clicks", "views"],
        ),
        # A cut-short answer (or a token that may not read reactions and comments): the
        # counts it lacks are gaps, not zeros; only the omitted `shares` means nobody shared.
        (
            {"id": "1"},
            dict(likes=0, comments=0, shares=0),
            ["impressions", "reach", "likes", "comments", "saves", "clicks", "views"],
        ),
    ],
)
def test_post_metrics_parsing(node, expected, missing) -> None:
    metrics = post_metrics(node, ["post_media_view"], {})
    assert {k: getattr(metrics, k) for k in expected} == expected
    assert metrics.missing == missing


@responses.activate
def test_find_existing_matches_the_page_post(tmp_path: Path) -> None:
    responses.get(
        f"{G}/555/posts",
        json={
            "data": [
                {"id": "555_1", "message": "Lain", "created_time": "2026-11-30T01:00:00+0000"},
                {
                    "id": "555_2",
                    "message": "Lomba membaca &amp; hadiah\nhttps://perpus.example/l",
                    "created_time": "2026-11-30T02:00:00+0000",
                    "permalink_url": "https://www.facebook.com/perpus/posts/2",
                },
            ],
            "paging": {"cursors": {"before": "a", "after": "b"}},
        },
        content_type=JSON,
    )
    found = fb(tmp_path).find_existing(
        request("Lomba membaca & hadiah", link="https://perpus.example/l")
    )
    assert found == RemoteRef(
        "555_2", "https://www.facebook.com/perpus/posts/2", datetime(2026, 11, 30, 2, tzinfo=UTC)
    )
    assert query(responses.calls[0])["fields"] == "id,message,created_time,permalink_url"


@responses.activate
def test_check_connection_names_the_page(tmp_path: Path) -> None:
    responses.get(
        f"{G}/555",
        json={
            "id": "555",
            "name": "Perpustakaan Kota Pekalongan",
            "username": "perpuskotapkl",
            "category": "Library",
        },
        content_type=JSON,
    )
    adapter = fb(tmp_path)
    info = adapter.check_connection()
    assert (info.remote_id, info.name, info.handle) == (
        "555",
        "Perpustakaan Kota Pekalongan",
        "@perpuskotapkl",
    )
    assert adapter.account_config(info) == {"page_id": "555"}


@responses.activate
def test_a_persons_token_is_refused_with_a_reason(tmp_path: Path) -> None:
    responses.get(
        f"{G}/me",
        **graph_error(
            100, "(#100) Tried accessing nonexisting field (category) on node type (User)"
        ),
    )
    adapter = FacebookPlatform(FB_CREDS, settings=settings(tmp_path))
    with pytest.raises(Rejected, match="Page access token"):
        adapter.check_connection()
