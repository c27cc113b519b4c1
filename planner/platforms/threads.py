"""Threads (Meta) through the Threads API on graph.threads.net, the Instagram way.

Publishing is Instagram's container flow under other names: `POST /{user}/threads` makes a
container (`media_type` TEXT, IMAGE or CAROUSEL, with `text`, `image_url` and `alt_text`),
its `status` is polled until FINISHED, and `POST /{user}/threads_publish` with the
`creation_id` makes it public. A long text goes out as a thread: each further part is a
container with `reply_to_id` set to the post before it. Threads fetches images itself, so
they are offered at PUBLIC_MEDIA_BASE_URL like Instagram's. Before sending, the 24-hour
quota is read from `threads_publishing_limit` (and the reply quota for a thread). Errors
have the Graph API's shape and codes, so the shared Graph client maps them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from planner.limits import limits_for
from planner.platforms.base import (
    AccountInfo,
    Audience,
    Metrics,
    OutcomeUnknown,
    PlatformError,
    PublishRequest,
    RemoteRef,
)
from planner.platforms.graph import insight_values, parse_time, refine_metrics
from planner.platforms.http import comparable_text
from planner.platforms.instagram import InstagramPlatform
from planner.platforms.thread_parts import partly_published, thread_problems

HOST = "https://graph.threads.net/"
VERSION = "v1.0"
# Newest first: when Meta refuses a metric without naming it, the last one is given up.
POST_INSIGHTS = ["views", "likes", "replies", "reposts", "quotes", "shares"]


def post_metrics(values: Mapping[str, int], requested: list[str]) -> Metrics:
    """Metrics from one post's insights; a figure Threads did not give is listed as missing."""
    reposts, quotes = values.get("reposts"), values.get("quotes")
    shared = [v for v in (reposts, quotes, values.get("shares")) if v is not None]
    figures = {
        "views": values.get("views"),
        "likes": values.get("likes"),
        "comments": values.get("replies"),
        "shares": sum(shared) if shared else None,
    }
    missing = [name for name, value in figures.items() if value is None]
    missing += ["reach", "saves", "clicks"]  # Threads reports none of these per post
    if figures["views"] is None:
        missing.append("impressions")
    return Metrics(
        impressions=figures["views"] or 0,
        views=figures["views"] or 0,
        likes=figures["likes"] or 0,
        comments=figures["comments"] or 0,
        shares=figures["shares"] or 0,
        missing=missing,
        raw={"insights": dict(values), "requested": list(requested)},
    )


class ThreadsPlatform(InstagramPlatform):
    """One Threads profile, through a token with threads_basic and threads_content_publish
    (and threads_manage_insights for metrics, threads_manage_replies for threads)."""

    name = "threads"
    label = "Threads"
    limits = limits_for("threads")
    host = HOST
    api_version = VERSION
    token_field = "access_token"
    credential_fields = ("access_token",)
    config_fields: tuple[str, ...] = ()  # the profile's id is read from the token (/me)
    remote_id_key = "threads_user_id"
    insights = POST_INSIGHTS
    convertible: tuple[str, ...] = ()
    container_edge = "threads"
    publish_edge = "threads_publish"
    quota_edge = "threads_publishing_limit"
    status_fields = "status,error_message"

    def _user_id(self) -> str:
        return str(self.config.get("threads_user_id") or "").strip() or "me"

    @staticmethod
    def _state(answer: Mapping[str, Any]) -> tuple[str | None, str | None]:
        return answer.get("status"), answer.get("error_message")

    # -- publishing -----------------------------------------------------------------------
    def publish(self, request: PublishRequest) -> RemoteRef:
        """The first post (with the images), then each further part as a reply to the last."""
        parts = [request.text, *request.thread]
        self._preflight(request, request.text)
        self._check_quota(replies=len(parts) > 1)
        first = self._post(parts[0], request)
        ref = RemoteRef(first, self._permalink(first), self._clock())
        previous = first
        for number, part in enumerate(parts[1:], start=2):
            try:
                previous = self._post(part, None, reply_to=previous)
            except PlatformError as exc:
                raise partly_published(
                    "Threads", ref.url or first, number, len(parts), exc
                ) from None
        return ref

    def _text_problems(self, request: PublishRequest, caption: str) -> list[str]:
        return thread_problems(self.name, request)

    def _post(self, text: str, request: PublishRequest | None, *, reply_to: str = "") -> str:
        """One container (text only, one image or a carousel), ready, then published."""
        media = list(request.media) if request is not None else []
        common = {"text": text, "reply_to_id": reply_to}
        if not media:
            container = self._container({"media_type": "TEXT", **common})
        elif len(media) == 1:
            url = self._public_url(media[0])
            container = self._container(
                {"media_type": "IMAGE", "image_url": url, "alt_text": media[0].alt_text, **common}
            )
        else:
            children = [
                self._container(
                    {
                        "media_type": "IMAGE",
                        "image_url": self._public_url(item),
                        "is_carousel_item": "true",
                        "alt_text": item.alt_text,
                    }
                )
                for item in media
            ]
            container = self._container(
                {"media_type": "CAROUSEL", "children": ",".join(children), **common}
            )
        self._wait(container)
        return self._publish_container(container)

    # -- reading --------------------------------------------------------------------------
    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Each post's insights (`GET /{media-id}/insights`; Threads has no batch calls)."""
        out: dict[str, Metrics] = {}
        for remote_id in dict.fromkeys(ref.remote_id for ref in refs):
            found = self._insights(remote_id)
            if found is not None:
                out[remote_id] = found
        return out

    def _insights(self, media_id: str) -> Metrics | None:
        """One post's figures; a metric Threads refuses is dropped and remembered."""
        requested = [m for m in self.insights if m not in self.refused]
        while requested:
            try:
                answer = self.graph.call(
                    f"{media_id}/insights",
                    what="read metrics",
                    args={"metric": ",".join(requested)},
                )
            except PlatformError as exc:
                error = self.graph.last_error or {}
                refined = refine_metrics(requested, error) if error else None
                if refined is None:
                    if isinstance(exc, OutcomeUnknown):
                        raise
                    return None  # deleted or not ours: no figures rather than no metrics at all
                kept, reason = refined
                for metric in requested:
                    if metric not in kept:
                        self.refused[metric] = reason
                requested = kept
                continue
            return post_metrics(insight_values({"insights": answer}), requested)
        return post_metrics({}, [])

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The profile's recent post with this text, if any (reconciliation)."""
        result = self.graph.call(
            f"{self.user}/threads",
            what="look for the post",
            args={"fields": "id,text,permalink,timestamp", "limit": "50"},
        )
        wanted = comparable_text(request.text)
        for item in result.get("data", []):
            if comparable_text(item.get("text", "")) == wanted:
                return RemoteRef(
                    str(item["id"]), item.get("permalink"), parse_time(item.get("timestamp"))
                )
        return None

    def check_connection(self) -> AccountInfo:
        """The Threads profile the token belongs to (GET /me)."""
        node = self.graph.call("me", what="test connection", args={"fields": "id,username,name"})
        username = node.get("username", "")
        return AccountInfo(
            remote_id=str(node["id"]),
            name=node.get("name") or username,
            handle=username and f"@{username}",
        )

    def fetch_audience(self) -> Audience:
        """The profile's followers (`threads_insights`, metric followers_count)."""
        answer = self.graph.call(
            f"{self.user}/threads_insights",
            what="read followers",
            args={"metric": "followers_count"},
        )
        followers = insight_values({"insights": answer}).get("followers_count")
        return Audience(
            followers=followers,
            missing=["following"] + ([] if followers is not None else ["followers"]),
            raw={"followers_count": followers},
        )

    def account_config(self, info: AccountInfo) -> dict[str, Any]:
        """What to remember about the profile after a successful test (not secret)."""
        return {"threads_user_id": info.remote_id}

    # -- dry run --------------------------------------------------------------------------
    @staticmethod
    def dry_run_response(request: requests.PreparedRequest, index: int) -> Any:
        """What the Threads API would answer, so a dry run builds every later request too."""
        path = urlsplit(request.url or "").path
        if path.endswith("/threads_publishing_limit"):
            return {
                "data": [
                    {
                        "quota_usage": 0,
                        "config": {"quota_total": 250, "quota_duration": 86400},
                        "reply_quota_usage": 0,
                        "reply_config": {"quota_total": 1000, "quota_duration": 86400},
                    }
                ]
            }
        if path.endswith("/threads") and request.method == "POST":
            return {"id": f"{index}0000"}
        if path.endswith("/threads_publish"):
            return {"id": f"dryrun-{index}"}
        if request.method == "GET":
            return {"id": "0", "status": "FINISHED", "permalink": None}
        return {}
