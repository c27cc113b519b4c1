"""Bluesky through the AT Protocol's XRPC endpoints, called with `requests`.

Why not the `atproto` SDK's client: it talks through httpx, so it would sit outside the
`requests` session every other adapter shares, and with it the three things that session
gives: the one network-failure rule (nothing sent → retry; maybe sent → never resend,
planner/platforms/http.py), the dry run's recording transport, and `responses` tests that
assert each exact request. The endpoints are few and documented (lexicons in
bluesky-social/atproto), so they are called directly:

- `com.atproto.server.createSession` (handle + app password) → access token and DID;
- `com.atproto.repo.uploadBlob` per image (raw bytes), embedded as `app.bsky.embed.images`
  with alt text and aspect ratio;
- `com.atproto.repo.createRecord` of an `app.bsky.feed.post` with rich-text facets (links,
  mentions resolved to DIDs, hashtags; UTF-8 byte offsets) and, for each further part of a
  thread, `reply` refs to the first post (root) and the one before (parent);
- `app.bsky.feed.getPosts` (25 URIs a call) for likes, reposts, quotes and replies;
  `com.atproto.repo.listRecords` to find a post again; `app.bsky.actor.getProfile`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from PIL import Image
from twitter_text import extract_urls_with_indices

from planner.config import Settings, get_settings
from planner.limits import limits_for, media_problems
from planner.platforms.base import (
    AccountInfo,
    Audience,
    AuthExpired,
    MediaItem,
    Metrics,
    OutcomeUnknown,
    PlatformError,
    PublishRequest,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.platforms.http import TimeoutSession, chunks, comparable_text, network_error
from planner.platforms.thread_parts import partly_published, thread_problems
from planner.redaction import one_line, register_secrets

SERVICE = "https://bsky.social"  # Bluesky's entryway; a self-hosted PDS sets config "service"
POSTS_BATCH = 25  # app.bsky.feed.getPosts takes at most 25 URIs
AUTH_ERRORS = {"AuthenticationRequired", "ExpiredToken", "InvalidToken", "AccountTakedown"}
AUTH_ERRORS |= {"AccountDeactivated", "AccountSuspended"}

# Mentions: the pattern Bluesky's "links, mentions and rich text" guide gives (handles are
# domain names). Links: twitter-text's extractor (its list of real top-level domains; a bare
# "perpus.go.id" is linked as https://, as the Bluesky app does).
_MENTION = re.compile(
    rb"(?:^|[$|\W])(@([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+"
    rb"[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)"
)
_TAG = re.compile(r"(?:^|\s)(#[^\d\s\W][\w]*)", re.UNICODE)


def _slice(start: int, end: int, feature: dict[str, Any]) -> dict[str, Any]:
    return {"index": {"byteStart": start, "byteEnd": end}, "features": [feature]}


def facets(text: str, resolve: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """Rich-text facets for `text`: links, mentions (`resolve` maps a handle to its DID;
    an unknown handle stays plain text) and hashtags, at UTF-8 byte offsets."""
    raw = text.encode("utf-8")

    def at(index: int) -> int:  # a character index as a UTF-8 byte offset
        return len(text[:index].encode("utf-8"))

    found = []
    for link in extract_urls_with_indices(text):
        start, end = link["indices"]
        uri = link["url"] if "://" in link["url"] else f"https://{link['url']}"
        found.append(_slice(at(start), at(end), {"$type": _F + "link", "uri": uri}))
    for match in _MENTION.finditer(raw):
        did = resolve(match.group(1)[1:].decode())
        if did:
            found.append(
                _slice(match.start(1), match.end(1), {"$type": _F + "mention", "did": did})
            )
    for match in _TAG.finditer(text):
        tag = match.group(1)
        start = at(match.start(1))
        end = start + len(tag.encode())
        found.append(_slice(start, end, {"$type": _F + "tag", "tag": tag[1:]}))
    return sorted(found, key=lambda f: f["index"]["byteStart"])


_F = "app.bsky.richtext.facet#"


def post_metrics(post: Mapping[str, Any]) -> Metrics:
    """Metrics from one post view of getPosts; a count Bluesky left out is a gap."""

    def count(key: str) -> int | None:
        value = post.get(key)
        return value if isinstance(value, int) else None

    reposts, quotes = count("repostCount"), count("quoteCount")
    figures = {
        "likes": count("likeCount"),
        "comments": count("replyCount"),
        "shares": None if reposts is None and quotes is None else (reposts or 0) + (quotes or 0),
        "saves": count("bookmarkCount"),
    }
    missing = [name for name, value in figures.items() if value is None]
    missing += ["impressions", "reach", "clicks", "views"]  # Bluesky shows no view counts
    return Metrics(
        **{name: value or 0 for name, value in figures.items()},
        missing=missing,
        raw={
            k: post[k]
            for k in ("likeCount", "repostCount", "quoteCount", "replyCount", "bookmarkCount")
            if k in post
        },
    )


def _rkey(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class BlueskyPlatform:
    """One Bluesky account, signed in with its handle and an app password."""

    name = "bluesky"
    label = "Bluesky"
    limits = limits_for("bluesky")
    credential_fields = ("app_password",)
    config_fields = ("handle",)
    remote_id_key = "did"
    fetches_images = False  # images are uploaded as blobs
    convertible: tuple[str, ...] = ()

    def __init__(
        self,
        credentials: Mapping[str, str],
        *,
        config: Mapping[str, Any] | None = None,
        settings: Settings | None = None,
        session: requests.Session | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        settings = settings or get_settings()
        self._password = str(credentials.get("app_password") or "").strip()
        if not self._password:
            raise ValueError("Bluesky needs app_password (Settings → Privacy and security)")
        self.config = dict(config or {})
        self.handle = str(self.config.get("handle") or "").strip().lstrip("@")
        if not self.handle:
            raise ValueError("Bluesky needs handle (e.g. perpuskota.bsky.social)")
        register_secrets([self._password])
        self.service = str(self.config.get("service") or SERVICE).rstrip("/")
        self.session = session or TimeoutSession(settings.platform_timeout_seconds)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._auth: dict[str, str] | None = None

    # -- XRPC -----------------------------------------------------------------------------
    def _call(
        self,
        method: str,
        nsid: str,
        *,
        what: str,
        final: bool = False,
        auth: bool = True,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """One XRPC call; its failure as the worker's error classes."""
        headers = dict(kwargs.pop("headers", None) or {})
        if auth:
            headers["Authorization"] = f"Bearer {self._signed_in()['accessJwt']}"
        with self._errors(what, final=final):
            response = self.session.request(
                method, f"{self.service}/xrpc/{nsid}", headers=headers, **kwargs
            )
            if response.status_code >= 400:
                raise self._classify(response, what, final)
            return response.json() if response.content else {}

    @contextmanager
    def _errors(self, what: str, *, final: bool) -> Iterator[None]:
        try:
            yield
        except requests.RequestException as exc:
            # An unreadable 2xx body (requests' JSONDecodeError) lands here too: after the
            # final call that is an unknown outcome, before it nothing was published.
            raise network_error(exc, f"Bluesky: {what}", final=final) from None

    def _classify(self, response: requests.Response, what: str, final: bool) -> PlatformError:
        """XRPC errors ({"error": name, "message": text}) by status and name."""
        try:
            body = response.json()
        except ValueError:
            body = {}
        name = str(body.get("error") or "") if isinstance(body, dict) else ""
        said = str(body.get("message") or "") if isinstance(body, dict) else ""
        status = response.status_code
        message = one_line(
            f"Bluesky: {what}: {name or 'HTTP ' + str(status)}{': ' + said if said else ''}",
            [self._password],
        )
        if status == 429 or name == "RateLimitExceeded":
            reset = response.headers.get("ratelimit-reset")
            at = datetime.fromtimestamp(int(reset), UTC) if reset and reset.isdigit() else None
            return RateLimited(message, reset_at=at)
        if status == 401 or name in AUTH_ERRORS:
            return AuthExpired(f"{message}; create a new app password and reconnect")
        if status == 504 and final:  # the gateway gave up waiting: the post may exist
            return OutcomeUnknown(
                f"{message}; the post may be live: check the account before publishing again"
            )
        if status >= 500:
            return TransientError(message)
        return Rejected(message)

    def _signed_in(self) -> dict[str, str]:
        """The session of this adapter (createSession once, with the app password)."""
        if self._auth is None:
            self._auth = self._call(
                "POST",
                "com.atproto.server.createSession",
                what="sign in",
                auth=False,
                json={"identifier": self.handle, "password": self._password},
            )
            register_secrets([self._auth.get("accessJwt", ""), self._auth.get("refreshJwt", "")])
        return self._auth

    # -- publishing -----------------------------------------------------------------------
    def publish(self, request: PublishRequest) -> RemoteRef:
        """Upload the images, create the post, then each further part as a reply."""
        parts = [request.text, *request.thread]
        self._preflight(request, parts)
        images = [self._upload(item) for item in request.media]
        root = self._create(parts[0], images=images)
        ref = RemoteRef(root["uri"], self._url(root["uri"]), self._clock())
        parent = root
        for number, part in enumerate(parts[1:], start=2):
            try:
                parent = self._create(part, reply={"root": root, "parent": parent})
            except PlatformError as exc:
                raise partly_published("Bluesky", ref.url, number, len(parts), exc) from None
        return ref

    def _preflight(self, request: PublishRequest, parts: list[str]) -> None:
        """Refuse, before any call, what Bluesky would refuse (a dry run stops here too)."""
        problems = thread_problems("bluesky", request)
        for item in request.media:
            problems += media_problems(item, self.limits)
        if problems:
            raise Rejected("Bluesky: " + "; ".join(problems))

    def _upload(self, item: MediaItem) -> dict[str, Any]:
        """One image as a blob, with its alt text and shape for the embed."""
        data = Path(item.path).read_bytes()
        with Image.open(item.path) as img:
            ratio = {"width": img.width, "height": img.height}
        answer = self._call(
            "POST",
            "com.atproto.repo.uploadBlob",
            what="image upload",
            data=data,
            headers={"Content-Type": item.mime},
        )
        return {"alt": item.alt_text, "image": answer["blob"], "aspectRatio": ratio}

    def _create(
        self,
        text: str,
        *,
        images: list[dict[str, Any]] | None = None,
        reply: dict[str, dict[str, str]] | None = None,
    ) -> dict[str, str]:
        record: dict[str, Any] = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": self._clock().isoformat().replace("+00:00", "Z"),
        }
        found = facets(text, self._resolve)
        if found:
            record["facets"] = found
        if images:
            record["embed"] = {"$type": "app.bsky.embed.images", "images": images}
        if reply:
            record["reply"] = {k: {"uri": v["uri"], "cid": v["cid"]} for k, v in reply.items()}
        answer = self._call(
            "POST",
            "com.atproto.repo.createRecord",
            what="post",
            final=True,
            json={
                "repo": self._signed_in()["did"],
                "collection": "app.bsky.feed.post",
                "record": record,
            },
        )
        return {"uri": str(answer["uri"]), "cid": str(answer["cid"])}

    def _resolve(self, handle: str) -> str | None:
        """The DID of a mentioned handle; None (plain text) when Bluesky does not know it."""
        try:
            answer = self._call(
                "GET",
                "com.atproto.identity.resolveHandle",
                what="resolve a mention",
                params={"handle": handle},
            )
        except Rejected:
            return None
        return answer.get("did")

    def _url(self, uri: str) -> str:
        return f"https://bsky.app/profile/{self.handle}/post/{_rkey(uri)}"

    # -- reading --------------------------------------------------------------------------
    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Likes, reposts, quotes and replies for many posts, 25 per call."""
        uris = list(dict.fromkeys(ref.remote_id for ref in refs))
        out: dict[str, Metrics] = {}
        for chunk in chunks(uris, POSTS_BATCH):
            answer = self._call(
                "GET", "app.bsky.feed.getPosts", what="read metrics", params={"uris": chunk}
            )
            for post in answer.get("posts") or []:
                out[str(post["uri"])] = post_metrics(post)
        return out

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The account's recent post with this text, read from its own repository."""
        answer = self._call(
            "GET",
            "com.atproto.repo.listRecords",
            what="look for the post",
            params={
                "repo": self._signed_in()["did"],
                "collection": "app.bsky.feed.post",
                "limit": 50,
            },
        )
        wanted = comparable_text(request.text)
        for item in answer.get("records") or []:
            value = item.get("value") or {}
            if comparable_text(value.get("text", "")) == wanted:
                uri = str(item["uri"])
                return RemoteRef(uri, self._url(uri), _time(value.get("createdAt")))
        return None

    def _profile(self, what: str) -> dict[str, Any]:
        return self._call(
            "GET",
            "app.bsky.actor.getProfile",
            what=what,
            params={"actor": self._signed_in()["did"]},
        )

    def fetch_audience(self) -> Audience:
        """Followers and follows of the account (app.bsky.actor.getProfile)."""
        profile = self._profile("read followers")
        figures = {
            "followers": profile.get("followersCount"),
            "following": profile.get("followsCount"),
        }
        figures = {k: v if isinstance(v, int) else None for k, v in figures.items()}
        return Audience(
            **figures,
            missing=[name for name, value in figures.items() if value is None],
            raw={k: profile[k] for k in ("followersCount", "followsCount") if k in profile},
        )

    def check_connection(self) -> AccountInfo:
        """Sign in with the app password and read whose account it is."""
        profile = self._profile("test connection")
        handle = str(profile.get("handle") or self._signed_in().get("handle") or self.handle)
        return AccountInfo(
            remote_id=str(profile.get("did") or self._signed_in()["did"]),
            name=profile.get("displayName") or handle,
            handle=f"@{handle}",
        )

    def account_config(self, info: AccountInfo) -> dict[str, Any]:
        """What to remember about the account after a successful test (not secret)."""
        return {"did": info.remote_id, "handle": info.handle.lstrip("@")}

    # -- dry run --------------------------------------------------------------------------
    @staticmethod
    def dry_run_response(request: requests.PreparedRequest, index: int) -> Any:
        """What the XRPC endpoints would answer, so a dry run builds every later request."""
        nsid = urlsplit(request.url or "").path.rsplit("/", 1)[-1]
        if nsid == "com.atproto.server.createSession":
            return {
                "did": "did:plc:dryrun",
                "handle": "dryrun.bsky.social",
                "accessJwt": "dry-run",
                "refreshJwt": "dry-run",
            }
        if nsid == "com.atproto.repo.uploadBlob":
            return {
                "blob": {
                    "$type": "blob",
                    "ref": {"$link": f"bafkreidryrun{index}"},
                    "mimeType": request.headers.get("Content-Type", "image/jpeg"),
                    "size": len(request.body or b""),
                }
            }
        if nsid == "com.atproto.repo.createRecord":
            return {
                "uri": f"at://did:plc:dryrun/app.bsky.feed.post/dryrun-{index}",
                "cid": f"bafyreidryrun{index}",
            }
        if nsid == "com.atproto.identity.resolveHandle":
            return {"did": "did:plc:dryrun-mention"}
        return {}
