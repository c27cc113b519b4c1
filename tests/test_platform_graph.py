"""The shared Graph client: one place pins the version, errors and refused metrics as data."""

from __future__ import annotations

import json

import facebook
import pytest
import requests
import responses

from planner.platforms.graph import (
    BATCH_LIMIT,
    GraphClient,
    insight_values,
    refine_metrics,
)
from tests.platform_helpers import JSON, bearer_only, form


def client(version: str = "v23.0") -> GraphClient:
    return GraphClient(
        "TOKEN-GRAPH-1234567", version=version, session=requests.Session(), label="Facebook"
    )


def test_the_sdk_refuses_current_versions_so_the_client_sets_it_after() -> None:
    with pytest.raises(facebook.GraphAPIError):
        facebook.GraphAPI(access_token="t", version="23.0")
    assert client("v23.0").version == "v23.0"


@responses.activate
def test_call_uses_the_pinned_version_and_sends_the_token_only_in_a_header() -> None:
    responses.get("https://graph.facebook.com/v23.0/555", json={"id": "555"}, content_type=JSON)
    responses.post("https://graph.facebook.com/v23.0/555/feed", json={"id": "1"}, content_type=JSON)
    responses.post(
        "https://graph.facebook.com/v23.0/555/photos", json={"id": "2"}, content_type=JSON
    )
    responses.post("https://graph.facebook.com/v23.0/", json=[], content_type=JSON)
    graph = client()
    assert graph.call("555", what="read", args={"fields": "id"}) == {"id": "555"}
    graph.call("555/feed", what="post", data={"message": "Halo"}, final=True)
    graph.call(
        "555/photos", what="post", data={}, files={"source": ("p.jpg", b"jpg", "image/jpeg")}
    )
    graph.batch([{"method": "GET", "relative_url": "555?fields=id"}], what="read")
    read, feed, photo, batch = responses.calls
    assert read.request.url == "https://graph.facebook.com/v23.0/555?fields=id"
    assert form(feed) == {"message": "Halo"}
    assert form(batch) == {"batch": '[{"method": "GET", "relative_url": "555?fields=id"}]',
                           "include_headers": "false"}  # fmt: skip
    for call in responses.calls:  # GET query, form body, multipart and batch alike
        assert bearer_only(call, "TOKEN-GRAPH-1234567"), call.request.url
    assert photo.request.url == "https://graph.facebook.com/v23.0/555/photos"


@responses.activate
def test_batch_parses_bodies_and_refuses_more_than_fifty() -> None:
    responses.post(
        "https://graph.facebook.com/v23.0/",
        json=[
            {"code": 200, "body": json.dumps({"id": "1"})},
            None,
            {"code": 500, "body": "oops"},
            {"code": 404, "body": "{}"},
        ],
        content_type=JSON,
    )
    ops = [{"method": "GET", "relative_url": str(i)} for i in range(4)]
    one, slow, broken, missing = client().batch(ops, what="read")
    assert one == {"id": "1"} and slow is None
    assert broken["error"]["code"] is None and missing["error"]["message"] == "HTTP 404"
    with pytest.raises(ValueError, match="50"):
        client().batch(ops * 13, what="read")
    assert BATCH_LIMIT == 50


METRICS = ["post_media_view", "post_clicks", "post_impressions"]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            {"code": 100, "message": "(#100) The value must be a valid insights metric"},
            ["post_media_view", "post_clicks"],
        ),
        (
            {"code": 100, "message": "(#100) post_clicks is deprecated for v21.0 and higher"},
            ["post_media_view", "post_impressions"],
        ),
        (
            {
                "code": 100,
                "message": "metric[0] must be one of the following values: post_media_view, "
                "post_impressions, page_fans",
            },
            ["post_media_view", "post_impressions"],
        ),
        ({"code": 10, "message": "(#10) Requires read_insights"}, []),
        ({"code": 100, "message": "Unsupported get request. Object does not exist"}, None),
    ],
)
def test_refine_metrics(error, expected) -> None:
    result = refine_metrics(METRICS, error)
    assert (result[0] if result else None) == expected


def test_insight_values_reads_both_payload_shapes() -> None:
    node = {
        "insights": {
            "data": [
                {"name": "reach", "period": "lifetime", "values": [{"value": 10}]},
                {"name": "views", "period": "lifetime", "total_value": {"value": 30}},
                {"name": "odd", "period": "lifetime", "values": [{"value": {"k": 1}}]},
            ]
        }
    }
    assert insight_values(node) == {"reach": 10, "views": 30}
    assert insight_values({}) == {}


@pytest.mark.parametrize(
    "values",
    [{"graph_api_version": "23.0"}, {"graph_api_version": "v23"}, {"ig_poll_interval_seconds": 0}],
)
def test_settings_refuse_unusable_values(values) -> None:
    from pydantic import ValidationError

    from planner.config import Settings

    with pytest.raises(ValidationError):
        Settings(**values)
