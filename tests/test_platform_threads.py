"""Threads adapter: containers and threads_publish on graph.threads.net, replies for a thread,
the 24-hour quota read first, per-post insights, Graph errors mapped to ours."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
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
from planner.platforms.threads import ThreadsPlatform, post_metrics
from tests.platform_helpers import (
    JSON,
    T0,
    TH_CREDS,
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

G = "https://graph.threads.net/v1.0"
USER = "26000000000000001"
TOKEN = TH_CREDS["access_token"]
PUBLIC = re.compile(r"^https://media\.perpus\.example/p/[0-9a-f]{32}\.jpg$")


def th(tmp_path: Path, **overrides) -> ThreadsPlatform:
    return ThreadsPlatform(
        TH_CREDS,
        config={"threads_user_id": USER},
        settings=settings(tmp_path, **overrides),
        clock=lambda: T0,
        sleep=lambda s: None,
    )


def quota(used: int = 4, total: int = 250, replies_used: int = 0) -> None:
    entry = {
        "quota_usage": used,
        "config": {"quota_total": total, "quota_duration": 86400},
        "reply_quota_usage": replies_used,
        "reply_config": {"quota_total": 1000, "quota_duration": 86400},
    }
    responses.get(f"{G}/{USER}/threads_publishing_limit", json={"data": [entry]}, content_type=JSON)


def container(container_id: str, state: str = "FINISHED", message: str | None = None) -> None:
    responses.post(f"{G}/{USER}/threads", json={"id": container_id}, content_type=JSON)
    body = {"status": state, "id": container_id}
    if message:
        body["error_message"] = message
    responses.get(f"{G}/{container_id}", json=body, content_type=JSON)


def published(media_id: str) -> None:
    responses.post(f"{G}/{USER}/threads_publish", json={"id": media_id}, content_type=JSON)
    responses.get(
        f"{G}/{media_id}",
        json={"id": media_id, "permalink": f"https://www.threads.net/@perpus/post/C{media_id}"},
        content_type=JSON,
    )


def test_is_a_platform(tmp_path: Path) -> None:
    assert isinstance(th(tmp_path), Platform)


def test_needs_a_token() -> None:
    with pytest.raises(ValueError, match="access_token"):
        ThreadsPlatform({}, config={})


@responses.activate
def test_one_image_goes_container_status_publish_on_the_threads_host(tmp_path: Path) -> None:
    quota()
    container("c1")
    published("1789")
    poster = image(tmp_path, size=(1080, 1350))
    ref = th(tmp_path).publish(request("Dongeng Kancil Sabtu", media=(media(poster, "Poster"),)))
    assert ref.remote_id == "1789" and ref.url.endswith("/C1789") and ref.published_at == T0
    calls = responses.calls
    assert [(c.request.method, path(c)) for c in calls] == [
        ("GET", f"/v1.0/{USER}/threads_publishing_limit"),
        ("POST", f"/v1.0/{USER}/threads"),
        ("GET", "/v1.0/c1"),
        ("POST", f"/v1.0/{USER}/threads_publish"),
        ("GET", "/v1.0/1789"),
    ]
    assert all(c.request.url.startswith(G) and bearer_only(c, TOKEN) for c in calls)
    assert query(calls[0]) == {"fields": "config,quota_usage"}
    sent = form(calls[1])
    assert PUBLIC.match(sent.pop("image_url"))
    assert sent == {"media_type": "IMAGE", "text": "Dongeng Kancil Sabtu", "alt_text": "Poster"}
    assert query(calls[2]) == {"fields": "status,error_message"}
    assert form(calls[3]) == {"creation_id": "c1"}


@responses.activate
def test_text_only_needs_no_public_media_address(tmp_path: Path) -> None:
    quota()
    container("c1")
    published("1790")
    adapter = th(tmp_path, public_media_base_url=None)
    adapter.publish(request("Perpustakaan buka Minggu ini"))
    assert form(responses.calls[1]) == {
        "media_type": "TEXT",
        "text": "Perpustakaan buka Minggu ini",
    }


@responses.activate
def test_several_images_become_a_carousel(tmp_path: Path) -> None:
    quota()
    for child in ("k1", "k2"):
        responses.post(f"{G}/{USER}/threads", json={"id": child}, content_type=JSON)
    container("c9")
    published("1791")
    pics = tuple(media(image(tmp_path, f"p{i}.jpg"), f"Foto {i}") for i in (1, 2))
    th(tmp_path).publish(request("Keseruan lomba", media=pics))
    posts = [form(c) for c in responses.calls if c.request.method == "POST"]
    assert [p.get("is_carousel_item") for p in posts[:2]] == ["true", "true"]
    assert [p["alt_text"] for p in posts[:2]] == ["Foto 1", "Foto 2"]
    assert posts[2] == {"media_type": "CAROUSEL", "children": "k1,k2", "text": "Keseruan lomba"}


@responses.activate
def test_a_thread_posts_each_part_as_a_reply_to_the_one_before(tmp_path: Path) -> None:
    quota()
    for c, m in (("c1", "m1"), ("c2", "m2"), ("c3", "m3")):
        container(c)
        published(m)
    th(tmp_path).publish(request("Bagian satu (1/3)", thread=("Dua (2/3)", "Tiga (3/3)")))
    assert query(responses.calls[0]) == {
        "fields": "config,quota_usage,reply_config,reply_quota_usage"
    }
    made = [form(c) for c in responses.calls if path(c) == f"/v1.0/{USER}/threads"]
    assert made == [
        {"media_type": "TEXT", "text": "Bagian satu (1/3)"},
        {"media_type": "TEXT", "text": "Dua (2/3)", "reply_to_id": "m1"},
        {"media_type": "TEXT", "text": "Tiga (3/3)", "reply_to_id": "m2"},
    ]


@responses.activate
def test_a_failed_reply_leaves_a_thread_that_needs_a_person(tmp_path: Path) -> None:
    quota()
    container("c1")
    published("m1")
    responses.post(f"{G}/{USER}/threads", **graph_error(1, "An unknown error occurred", 500))
    with pytest.raises(OutcomeUnknown, match="thread partly published: post 1 is live"):
        th(tmp_path).publish(request("Satu (1/2)", thread=("Dua (2/2)",)))


@pytest.mark.parametrize(
    ("used", "replies_used", "thread", "said"),
    [(250, 0, (), "250 of its 250 posts"), (4, 1000, ("Dua",), "1000 of its 1000 replies")],
)
@responses.activate
def test_a_used_up_quota_stops_before_anything_is_sent(
    tmp_path: Path, used: int, replies_used: int, thread: tuple, said: str
) -> None:
    quota(used=used, replies_used=replies_used)
    with pytest.raises(RateLimited, match=said) as caught:
        th(tmp_path).publish(request("Halo", thread=thread))
    assert caught.value.reset_at == T0 + timedelta(hours=1)
    assert [c.request.method for c in responses.calls] == ["GET"]


@pytest.mark.parametrize(
    ("text", "pictures", "said"),
    [("x" * 501, 0, "Text too long: 501/500"), ("Halo", 21, "At most 20 images")],
)
@responses.activate
def test_what_threads_would_refuse_is_refused_before_any_call(
    tmp_path: Path, text: str, pictures: int, said: str
) -> None:
    pics = tuple(media(image(tmp_path, f"p{i}.jpg")) for i in range(pictures))
    with pytest.raises(Rejected, match=said):
        th(tmp_path).publish(request(text, media=pics))
    assert len(responses.calls) == 0


@responses.activate
def test_a_container_in_error_is_refused_with_its_reason(tmp_path: Path) -> None:
    quota()
    container("c1", "ERROR", "INVALID_ASPEC_RATIO")
    with pytest.raises(Rejected, match="Threads could not use the image: INVALID_ASPEC_RATIO"):
        th(tmp_path).publish(request("Halo", media=(media(image(tmp_path)),)))
    assert not [c for c in responses.calls if path(c).endswith("/threads_publish")]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (graph_error(190, "Error validating access token", 401), AuthExpired),
        (graph_error(10, "Application does not have permission", 403), AuthExpired),
        (graph_error(4, "Application request limit reached", 400), RateLimited),
        (graph_error(1, "An unknown error occurred", 500), TransientError),
        (graph_error(100, "Invalid parameter", 400), Rejected),
        (
            dict(body="<html>Bad gateway</html>", status=502, content_type="text/html"),
            TransientError,
        ),
    ],
)
@responses.activate
def test_graph_errors_on_the_container_map_to_our_classes(tmp_path: Path, error, expected) -> None:
    quota()
    responses.post(f"{G}/{USER}/threads", **error)
    with pytest.raises(expected) as caught:
        th(tmp_path).publish(request("Halo"))
    assert type(caught.value) is expected and TOKEN not in caught.value.message


INSIGHTS = {"views": 240, "likes": 12, "replies": 3, "reposts": 2, "quotes": 1, "shares": 4}


def insights(media_id: str, names: list[str]) -> None:
    data = [
        {
            "name": n,
            "period": "lifetime",
            "values": [{"value": INSIGHTS[n]}],
            "title": n,
            "description": "",
            "id": f"{media_id}/insights/{n}/lifetime",
        }
        for n in names
    ]
    responses.get(f"{G}/{media_id}/insights", json={"data": data}, content_type=JSON)


@responses.activate
def test_metrics_come_from_each_posts_insights(tmp_path: Path) -> None:
    insights("m1", list(INSIGHTS))
    figures = th(tmp_path).fetch_metrics([RemoteRef("m1")])["m1"]
    assert query(responses.calls[0]) == {"metric": "views,likes,replies,reposts,quotes,shares"}
    assert (figures.views, figures.impressions, figures.likes, figures.comments) == (
        240,
        240,
        12,
        3,
    )
    assert figures.shares == 2 + 1 + 4
    assert set(figures.missing) == {"reach", "saves", "clicks"}


@responses.activate
def test_a_metric_threads_refuses_is_dropped_and_remembered(tmp_path: Path) -> None:
    responses.get(
        f"{G}/m1/insights",
        **graph_error(
            100,
            "(#100) metric[5] must be one of the following values: views, likes, replies, "
            "reposts, quotes",
        ),
    )
    insights("m1", ["views", "likes", "replies", "reposts", "quotes"])
    insights("m2", ["views", "likes", "replies", "reposts", "quotes"])
    adapter = th(tmp_path)
    found = adapter.fetch_metrics([RemoteRef("m1"), RemoteRef("m2")])
    assert found["m1"].shares == 3 and found["m2"].likes == 12
    assert "shares" in adapter.refused
    assert [query(c)["metric"] for c in responses.calls] == [
        "views,likes,replies,reposts,quotes,shares",
        "views,likes,replies,reposts,quotes",
        "views,likes,replies,reposts,quotes",
    ]


@responses.activate
def test_a_deleted_post_has_no_figures_rather_than_failing_the_rest(tmp_path: Path) -> None:
    responses.get(f"{G}/gone/insights", **graph_error(100, "Unsupported get request."))
    insights("m1", list(INSIGHTS))
    found = th(tmp_path).fetch_metrics([RemoteRef("gone"), RemoteRef("m1")])
    assert set(found) == {"m1"}


def test_metrics_list_what_threads_did_not_give() -> None:
    figures = post_metrics({"likes": 2}, ["likes"])
    assert figures.likes == 2 and {"views", "comments", "shares", "impressions"} <= set(
        figures.missing
    )


@responses.activate
def test_connection_reads_the_profile_from_the_token(tmp_path: Path) -> None:
    responses.get(
        f"{G}/me",
        json={"id": USER, "username": "perpuskotapkl", "name": "Perpus Kota"},
        content_type=JSON,
    )
    adapter = ThreadsPlatform(TH_CREDS, config={}, settings=settings(tmp_path))
    info = adapter.check_connection()
    assert (info.remote_id, info.name, info.handle) == (USER, "Perpus Kota", "@perpuskotapkl")
    assert adapter.account_config(info) == {"threads_user_id": USER}
    assert query(responses.calls[0]) == {"fields": "id,username,name"}


@responses.activate
def test_followers_come_from_the_profile_insights(tmp_path: Path) -> None:
    responses.get(
        f"{G}/{USER}/threads_insights",
        json={
            "data": [
                {
                    "name": "followers_count",
                    "title": "followers_count",
                    "total_value": {"value": 870},
                    "id": f"{USER}/insights/followers_count/day",
                }
            ]
        },
        content_type=JSON,
    )
    audience = th(tmp_path).fetch_audience()
    assert (audience.followers, audience.following, audience.missing) == (870, None, ["following"])
    assert query(responses.calls[0]) == {"metric": "followers_count"}


@responses.activate
def test_reconciliation_finds_the_post_by_its_text(tmp_path: Path) -> None:
    responses.get(
        f"{G}/{USER}/threads",
        json={
            "data": [
                {
                    "id": "m7",
                    "text": "Buku &amp; dongeng https://perpus.example/a",
                    "permalink": "https://www.threads.net/@perpus/post/Cm7",
                    "timestamp": "2026-12-01T02:00:00+0000",
                }
            ]
        },
        content_type=JSON,
    )
    found = th(tmp_path).find_existing(request("Buku & dongeng https://perpus.example/a"))
    assert found is not None and found.remote_id == "m7" and found.published_at is not None
    assert query(responses.calls[0]) == {"fields": "id,text,permalink,timestamp", "limit": "50"}
