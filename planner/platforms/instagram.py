"""Instagram professional accounts through the Graph API (Instagram API with Facebook Login).

Publishing takes three steps: `POST /{ig-user-id}/media` with `image_url`, `caption` and
`alt_text` makes a container; the container's `status_code` is polled until FINISHED;
`POST /{ig-user-id}/media_publish` makes it public. Several images become a carousel (one
child container each). Instagram downloads the image itself, so each one is first copied
to the public media folder (planner/public_media.py) and offered at PUBLIC_MEDIA_BASE_URL.
Before sending, the account's 24-hour quota is read from `content_publishing_limit`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from PIL import Image

from planner.limits import limits_for, media_problems
from planner.platforms.base import (
    AccountInfo,
    Audience,
    MediaItem,
    Metrics,
    PlatformError,
    PublishRequest,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.platforms.graph import GraphAdapter, insight_values, parse_time, quota_reached
from planner.platforms.graph_errors import MEDIA_HINT
from planner.platforms.http import comparable_text
from planner.public_media import PublicMediaError, aspect_problem, base_url_problem, publish_image
from planner.validation import validate

# Newest first: when Meta refuses a metric without naming it, the last one is given up.
MEDIA_INSIGHTS = ["views", "reach", "saved", "shares", "total_interactions", "likes", "comments"]
OBJECT_FIELDS = "like_count,comments_count"
CONVERTIBLE = ("image/png", "image/webp")  # re-encoded as JPEG before Instagram sees them


def media_metrics(
    node: Mapping[str, Any], requested: list[str], refused: Mapping[str, str]
) -> Metrics:
    """Metrics from one media node; Instagram's `views` stands in for retired impressions."""
    insights = insight_values(node)
    likes = insights.get("likes", node.get("like_count"))
    comments = insights.get("comments", node.get("comments_count"))
    figures = {
        "views": insights.get("views"),
        "reach": insights.get("reach"),
        "saves": insights.get("saved"),
        "shares": insights.get("shares"),
        "likes": likes,
        "comments": comments,
    }
    missing = [name for name, value in figures.items() if value is None]
    missing.append("clicks")  # Instagram feed posts have no link clicks
    if figures["views"] is None:
        missing.append("impressions")
    return Metrics(
        impressions=figures["views"] or 0,
        reach=figures["reach"] or 0,
        likes=likes or 0,
        comments=comments or 0,
        shares=figures["shares"] or 0,
        saves=figures["saves"] or 0,
        views=figures["views"] or 0,
        missing=missing,
        raw={
            "node": {k: v for k, v in node.items() if k != "insights"},
            "insights": insights,
            "total_interactions": insights.get("total_interactions"),
            "requested": list(requested),
            "refused": {m: refused[m] for m in MEDIA_INSIGHTS if m in refused},
        },
    )


def user_audience(node: Mapping[str, Any]) -> Audience:
    """Audience from an IG User node (followers_count, follows_count); absent is a gap."""
    figures = {"followers": node.get("followers_count"), "following": node.get("follows_count")}
    figures = {k: v if isinstance(v, int) else None for k, v in figures.items()}
    return Audience(
        **figures,
        missing=[name for name, value in figures.items() if value is None],
        raw={k: node[k] for k in ("followers_count", "follows_count") if k in node},
    )


class InstagramPlatform(GraphAdapter):
    """One Instagram professional account, through a token with instagram_content_publish."""

    name = "instagram"
    label = "Instagram"
    limits = limits_for("instagram")
    token_field = "access_token"
    credential_fields = ("access_token",)
    config_fields = ("ig_user_id",)
    object_fields = OBJECT_FIELDS
    insights = MEDIA_INSIGHTS
    convertible = CONVERTIBLE
    metrics_from = staticmethod(media_metrics)
    remote_id_key = "ig_user_id"
    fetches_images = True  # from PUBLIC_MEDIA_BASE_URL (planner/public_media.py)
    # The Graph edges of the container → publish flow (Threads names them differently).
    container_edge = "media"
    publish_edge = "media_publish"
    quota_edge = "content_publishing_limit"
    status_fields = "status_code,status"

    def __init__(
        self,
        credentials: Mapping[str, str],
        *,
        sleep: Callable[[float], None] = time.sleep,
        **kwargs: Any,
    ) -> None:
        super().__init__(credentials, **kwargs)
        self.user = self._user_id()
        self._sleep = sleep

    def _user_id(self) -> str:
        user = str(self.config.get("ig_user_id") or "").strip()
        if not user:
            raise ValueError("Instagram needs ig_user_id (the professional account's id)")
        return user

    # -- publishing -----------------------------------------------------------------------
    def publish(self, request: PublishRequest) -> RemoteRef:
        """Container(s) → wait until FINISHED → media_publish."""
        caption = "\n\n".join([request.text, *request.thread])
        self._preflight(request, caption)
        self._check_quota()
        urls = [self._public_url(item) for item in request.media]
        media = list(request.media)
        if len(media) == 1:
            container = self._container(
                {"image_url": urls[0], "caption": caption, "alt_text": media[0].alt_text}
            )
        else:
            children = [
                self._container(
                    {"image_url": url, "is_carousel_item": "true", "alt_text": item.alt_text}
                )
                for url, item in zip(urls, media, strict=True)
            ]
            container = self._container(
                {"media_type": "CAROUSEL", "children": ",".join(children), "caption": caption}
            )
        self._wait(container)
        media_id = self._publish_container(container)
        return RemoteRef(media_id, self._permalink(media_id), self._clock())

    def _publish_container(self, container: str) -> str:
        """The step that makes a post public: only its failure can leave the outcome unknown."""
        result = self.graph.call(
            f"{self.user}/{self.publish_edge}",
            what="publish",
            data={"creation_id": container},
            final=True,
        )
        return str(result["id"])

    def _text_problems(self, request: PublishRequest, caption: str) -> list[str]:
        result = validate(
            self.name,
            caption,
            image_count=len(request.media),
            alt_texts=[m.alt_text for m in request.media],
        )
        return [p.text("en") for p in result.errors]

    def _preflight(self, request: PublishRequest, caption: str) -> None:
        """Refuse, before any call, what the platform would refuse (a dry run stops here too)."""
        problems = self._text_problems(request, caption)
        for item in request.media:
            found = media_problems(item, self.limits, convertible=self.convertible)
            if not found:
                with Image.open(item.path) as img:
                    shape = aspect_problem(img.width, img.height, self.limits)
                found = [shape] if shape else []
            problems += found
        url_problem = base_url_problem(self.settings) if request.media else None
        if url_problem:
            problems.append(url_problem)
        if problems:
            raise Rejected(f"{self.label}: " + "; ".join(problems))

    def _check_quota(self, *, replies: bool = False) -> None:
        """Read the 24-hour publishing quota and stop, with nothing sent, when it is used up."""
        fields = "config,quota_usage" + (",reply_config,reply_quota_usage" if replies else "")
        result = self.graph.call(
            f"{self.user}/{self.quota_edge}",
            what="read the publishing quota",
            args={"fields": fields},
        )
        for prefix in ("", "reply_") if replies else ("",):
            reached = quota_reached(result, self.label, self._clock(), prefix=prefix)
            if reached is not None:
                raise reached

    def _public_url(self, item: MediaItem) -> str:
        if item.public_url:
            return item.public_url
        try:
            return publish_image(Path(item.path), self.settings).url
        except PublicMediaError as exc:
            raise Rejected(f"{self.label}: {exc}") from None

    def _container(self, data: dict[str, str]) -> str:
        data = {k: v for k, v in data.items() if v}
        result = self.graph.call(
            f"{self.user}/{self.container_edge}", what="media container", data=data
        )
        return str(result["id"])

    @staticmethod
    def _state(answer: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """A container's status code and its detail (Instagram: status_code and status)."""
        return answer.get("status_code"), answer.get("status")

    def _wait(self, container: str) -> None:
        """Poll the container until Instagram has fetched and processed the image."""
        interval = self.settings.ig_poll_interval_seconds
        polls = max(1, math.ceil(self.settings.ig_poll_timeout_seconds / interval))
        for poll in range(polls):
            answer = self.graph.call(
                container, what="container status", args={"fields": self.status_fields}
            )
            code, detail = self._state(answer)
            if code in ("FINISHED", "PUBLISHED"):
                return
            detail = detail or code
            if code == "ERROR":
                if "download" in str(detail).lower() or "fetch" in str(detail).lower():
                    raise TransientError(
                        f"{self.label} could not download the image ({detail}); {MEDIA_HINT}"
                    )
                raise Rejected(f"{self.label} could not use the image: {detail}")
            if code == "EXPIRED":
                raise TransientError(f"{self.label}: the container expired before publishing")
            if poll < polls - 1:
                self._sleep(interval)
        raise TransientError(
            f"{self.label} was still processing the image after "
            f"{self.settings.ig_poll_timeout_seconds:g} s; nothing was published"
        )

    def _permalink(self, media_id: str) -> str | None:
        """The post's address; the post is already live, so a failure here only loses the link."""
        try:
            node = self.graph.call(media_id, what="read the link", args={"fields": "permalink"})
        except PlatformError:  # published already: never turn that success into a failure
            return None
        return node.get("permalink")

    # -- reading (fetch_metrics: GraphAdapter) ------------------------------------------
    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The account's recent post with this caption, if any (reconciliation)."""
        result = self.graph.call(
            f"{self.user}/media",
            what="look for the post",
            args={"fields": "id,caption,permalink,timestamp", "limit": "50"},
        )
        wanted = comparable_text("\n\n".join([request.text, *request.thread]))
        for item in result.get("data", []):
            if comparable_text(item.get("caption", "")) == wanted:
                return RemoteRef(
                    str(item["id"]), item.get("permalink"), parse_time(item.get("timestamp"))
                )
        return None

    def check_connection(self) -> AccountInfo:
        """The professional account the token and id belong to."""
        node = self.graph.call(
            self.user, what="test connection", args={"fields": "id,username,name"}
        )
        username = node.get("username", "")
        return AccountInfo(
            remote_id=str(node["id"]),
            name=node.get("name") or username,
            handle=username and f"@{username}",
        )

    def fetch_audience(self) -> Audience:
        """The account's followers and whom it follows (GET /{ig-user-id})."""
        node = self.graph.call(
            self.user, what="read followers", args={"fields": "followers_count,follows_count"}
        )
        return user_audience(node)

    def account_config(self, info: AccountInfo) -> dict[str, Any]:
        """What to remember about the account after a successful test (not secret)."""
        return {"ig_user_id": info.remote_id}

    # -- dry run --------------------------------------------------------------------------
    @staticmethod
    def dry_run_response(request: requests.PreparedRequest, index: int) -> Any:
        """What the Graph API would answer, so a dry run builds every later request too."""
        path = urlsplit(request.url or "").path
        if path.endswith("/content_publishing_limit"):
            return {"data": [{"quota_usage": 0, "config": {"quota_total": 50}}]}
        if path.endswith("/media") and request.method == "POST":
            return {"id": f"{index}0000"}
        if path.endswith("/media_publish"):
            return {"id": f"dryrun-{index}"}
        if request.method == "GET":
            return {"id": "0", "status_code": "FINISHED", "permalink": None}
        return {}
