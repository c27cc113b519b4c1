"""Facebook Pages through the Graph API (facebook-sdk 3.1.0, version pinned in graph.py).

Posts: text with an optional link (`{page}/feed`), one photo with its caption
(`{page}/photos`, multipart), or several photos: each uploaded unpublished, then attached
to one feed post. Metrics come in Graph batches of 50 posts; post insights are asked for
defensively, because Meta retires metrics (impressions became `views`-style metrics in
2025): a refused metric is dropped, reported in `Metrics.missing`, and never fatal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from planner.limits import limits_for, media_problems
from planner.platforms.base import (
    AccountInfo,
    Audience,
    MediaItem,
    Metrics,
    PublishRequest,
    Rejected,
    RemoteRef,
)
from planner.platforms.graph import GraphAdapter, insight_values, parse_time
from planner.platforms.http import comparable_text
from planner.validation import validate

# Newest first: when Meta refuses a metric without naming it, the last one is given up.
POST_INSIGHTS = ["post_media_view", "post_impressions_unique", "post_clicks", "post_impressions"]
OBJECT_FIELDS = "shares,reactions.summary(true).limit(0),comments.summary(true).limit(0)"


def _total(node: Mapping[str, Any], edge: str) -> int | None:
    """An edge's summary count; None when the edge or its summary is not in the answer."""
    value = ((node.get(edge) or {}).get("summary") or {}).get("total_count")
    return value if isinstance(value, int) else None


def post_metrics(
    node: Mapping[str, Any], requested: list[str], refused: Mapping[str, str]
) -> Metrics:
    """Metrics from one post node (fields above); whatever the answer lacks is a gap.

    Insights Meta refused or retired, and reaction or comment summaries a token may not
    read, are listed in `missing`; only `shares` is 0 when absent, because Graph leaves
    the field out of a post nobody shared.
    """
    insights = insight_values(node)
    views = insights.get("post_media_view")
    shares = (node.get("shares") or {}).get("count", 0)
    figures = {
        "impressions": insights.get("post_impressions", views),
        "reach": insights.get("post_impressions_unique"),
        "likes": _total(node, "reactions"),
        "comments": _total(node, "comments"),
        "shares": shares if isinstance(shares, int) else None,
        "saves": None,  # Facebook posts have no public save count
        "clicks": insights.get("post_clicks"),
        "views": views,
    }
    return Metrics(
        **{name: value or 0 for name, value in figures.items()},
        missing=[name for name, value in figures.items() if value is None],
        raw={
            "node": {k: v for k, v in node.items() if k != "insights"},
            "insights": insights,
            "requested": list(requested),
            "refused": {m: refused[m] for m in POST_INSIGHTS if m in refused},
        },
    )


def page_audience(node: Mapping[str, Any]) -> Audience:
    """Audience from a Page node: followers, else the older like count; a Page follows nobody.

    Pages in Meta's new Page experience have followers only (no likes): `followers_count`
    is the figure; `fan_count` stands in when an older Page answers without it.
    """
    followers = node.get("followers_count")
    if not isinstance(followers, int):
        followers = node.get("fan_count")
    followers = followers if isinstance(followers, int) else None
    return Audience(
        followers=followers,
        following=None,
        missing=(["followers"] if followers is None else []) + ["following"],
        raw={k: node[k] for k in ("followers_count", "fan_count") if k in node},
    )


class FacebookPlatform(GraphAdapter):
    """One Facebook Page, through a Page access token."""

    name = "facebook"
    label = "Facebook"
    limits = limits_for("facebook")
    token_field = "page_access_token"
    credential_fields = ("page_access_token",)
    config_fields = ("page_id",)
    remote_id_key = "page_id"  # the config field naming the remote account
    fetches_images = False  # images are uploaded with the post
    object_fields = OBJECT_FIELDS
    insights = POST_INSIGHTS
    metrics_from = staticmethod(post_metrics)

    @property
    def page(self) -> str:
        """The Page's id (a Page token's "me" is the Page itself)."""
        return str(self.config.get("page_id") or "me")

    # -- publishing -----------------------------------------------------------------------
    def publish(self, request: PublishRequest) -> RemoteRef:
        """A feed post, a photo post, or unpublished photos attached to one feed post."""
        self._preflight(request)
        message = self._message(request)
        media = list(request.media)
        if not media:
            data = {"message": message}
            if request.link:
                data["link"] = request.link
            result = self.graph.call(f"{self.page}/feed", what="post", data=data, final=True)
            post_id = str(result["id"])
        elif len(media) == 1:
            result = self._photo(media[0], message=message, final=True)
            post_id = str(result.get("post_id") or result["id"])
        else:
            photo_ids = [str(self._photo(item, published=False)["id"]) for item in media]
            data = {"message": message}
            for index, photo_id in enumerate(photo_ids):
                data[f"attached_media[{index}]"] = json.dumps({"media_fbid": photo_id})
            result = self.graph.call(f"{self.page}/feed", what="post", data=data, final=True)
            post_id = str(result["id"])
        return RemoteRef(post_id, f"https://www.facebook.com/{post_id}", self._clock())

    @staticmethod
    def _message(request: PublishRequest) -> str:
        """The text; a link goes into the text when photos carry the post (no link field)."""
        text = "\n\n".join([request.text, *request.thread])
        if request.media and request.link and request.link not in text:
            text = f"{text}\n\n{request.link}"
        return text

    def _preflight(self, request: PublishRequest) -> None:
        result = validate(
            "facebook",
            self._message(request),
            image_count=len(request.media),
            alt_texts=[m.alt_text for m in request.media],
        )
        problems = [p.text("en") for p in result.errors]
        for item in request.media:
            problems += media_problems(item, self.limits)
        if problems:
            raise Rejected("Facebook: " + "; ".join(problems))

    def _photo(
        self, item: MediaItem, *, message: str = "", published: bool = True, final: bool = False
    ) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if message:
            data["message"] = message
        if item.alt_text:
            data["alt_text_custom"] = item.alt_text
        if not published:
            data["published"] = "false"  # a string: the form encoder would send "False"
        source = (Path(item.path).name, Path(item.path).read_bytes(), item.mime)
        return self.graph.call(
            f"{self.page}/photos",
            what="photo upload" if not published else "post",
            data=data,
            files={"source": source},
            final=final,
        )

    # -- reading (fetch_metrics: GraphAdapter) ------------------------------------------
    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The Page's recent post with this request's text, if any (reconciliation)."""
        result = self.graph.call(
            f"{self.page}/posts",
            what="look for the post",
            args={"fields": "id,message,created_time,permalink_url", "limit": "50"},
        )
        wanted = comparable_text(self._message(request))
        for post in result.get("data", []):
            if comparable_text(post.get("message", "")) == wanted:
                return RemoteRef(
                    str(post["id"]),
                    post.get("permalink_url") or f"https://www.facebook.com/{post['id']}",
                    parse_time(post.get("created_time")),
                )
        return None

    def check_connection(self) -> AccountInfo:
        """The Page the token belongs to; a person's token is refused with a clear reason."""
        try:
            page = self.graph.call(
                self.page, what="test connection", args={"fields": "id,name,username,category"}
            )
        except Rejected as exc:
            if "category" in exc.message:
                raise Rejected(
                    "Facebook: this is a person's token, not a Page access token: create a "
                    "Page access token for the library's Page"
                ) from None
            raise
        handle = page.get("username") or ""
        return AccountInfo(
            remote_id=str(page["id"]), name=page.get("name", ""), handle=handle and f"@{handle}"
        )

    def fetch_audience(self) -> Audience:
        """The Page's followers (`followers_count`; `fan_count`, its likes, kept in raw)."""
        node = self.graph.call(
            self.page, what="read followers", args={"fields": "followers_count,fan_count"}
        )
        return page_audience(node)

    def account_config(self, info: AccountInfo) -> dict[str, Any]:
        """What to remember about the Page after a successful test (not secret)."""
        return {"page_id": info.remote_id}

    # -- dry run --------------------------------------------------------------------------
    @staticmethod
    def dry_run_response(request: requests.PreparedRequest, index: int) -> Any:
        """What the Graph API would answer, so a dry run builds every later request too."""
        path = urlsplit(request.url or "").path
        if path.endswith("/photos"):
            return {"id": f"{index}0000", "post_id": f"0_{index}0000"}
        if path.endswith("/feed"):
            return {"id": f"0_{index}0000"}
        return {"data": [], "id": "0", "name": "dry run"}
