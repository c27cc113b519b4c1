"""X (formerly Twitter) through tweepy 4.17 with OAuth 1.0a user context.

Posts: text, up to four images with alt text, and threads (reply chains). tweepy 4.17 has
no v2 media upload, and X moved uploads to `POST /2/media/upload` (+ `/2/media/metadata`
for alt text) in 2025, so those two calls are made here with tweepy's own OAuth1 signing
on the client's session; the v1.1 upload (upload.twitter.com) stays available as a
fallback (setting `x_media_upload`, or `media_upload` in the account's config).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import tweepy

from planner.config import Settings, get_settings
from planner.limits import limits_for, media_problems
from planner.platforms.base import (
    AccountInfo,
    Audience,
    AuthExpired,
    MediaItem,
    Metrics,
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

API = "https://api.twitter.com"
MEDIA_UPLOAD_V2 = f"{API}/2/media/upload"
MEDIA_METADATA_V2 = f"{API}/2/media/metadata"
METRICS_BATCH = 100  # GET /2/tweets takes at most 100 ids
NON_PUBLIC_WINDOW = timedelta(days=30)  # X serves non_public_metrics for 30 days only
PUBLIC_FIELDS = ["public_metrics", "created_at"]
ALL_FIELDS = ["public_metrics", "non_public_metrics", "created_at"]
UPLOAD_MODES = ("v2", "v1.1")


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _count(source: Mapping[str, Any], key: str) -> int | None:
    value = source.get(key)
    return value if isinstance(value, int) else None


def tweet_metrics(tweet: Mapping[str, Any]) -> Metrics:
    """Metrics from one tweet object of GET /2/tweets; a count X left out is a gap.

    Older payloads lack bookmark and impression counts, and a cut-short answer may lack
    public_metrics altogether: those figures are listed in `missing`, never passed as 0.
    """
    public = tweet.get("public_metrics") or {}
    private = tweet.get("non_public_metrics") or {}
    impressions = _count(private, "impression_count")
    if impressions is None:
        impressions = _count(public, "impression_count")
    retweets, quotes = _count(public, "retweet_count"), _count(public, "quote_count")
    shares = None if retweets is None and quotes is None else (retweets or 0) + (quotes or 0)
    figures = {
        "impressions": impressions,
        "reach": None,  # X reports no unique reach
        "likes": _count(public, "like_count"),
        "comments": _count(public, "reply_count"),
        "shares": shares,
        "saves": _count(public, "bookmark_count"),
        "clicks": _count(private, "url_link_clicks"),
        "views": impressions,
    }
    return Metrics(
        **{name: value or 0 for name, value in figures.items()},
        missing=[name for name, value in figures.items() if value is None],
        raw={"public_metrics": dict(public), "non_public_metrics": dict(private)},
    )


def user_audience(user: Mapping[str, Any]) -> Audience:
    """Audience from a user object of GET /2/users/me; an absent count is a gap."""
    public = user.get("public_metrics") or {}
    followers, following = public.get("followers_count"), public.get("following_count")
    return Audience(
        followers=followers if isinstance(followers, int) else None,
        following=following if isinstance(following, int) else None,
        missing=[
            name
            for name, value in (("followers", followers), ("following", following))
            if not isinstance(value, int)
        ],
        raw={"public_metrics": dict(public)},
    )


def raise_for_x(response: requests.Response) -> None:
    """tweepy's own status → exception mapping, for the calls tweepy cannot make itself."""
    status = response.status_code
    if 200 <= status < 300:
        return
    if status == 429:
        reset = response.headers.get("x-rate-limit-reset")
        raise tweepy.TooManyRequests(response, reset_time=int(reset) if reset else None)
    errors = {
        400: tweepy.BadRequest,
        401: tweepy.Unauthorized,
        403: tweepy.Forbidden,
        404: tweepy.NotFound,
    }
    if status in errors:
        raise errors[status](response)
    if status >= 500:
        raise tweepy.TwitterServerError(response)
    raise tweepy.HTTPException(response)


class XPlatform:
    """One X account (OAuth 1.0a user context: API key/secret and access token/secret)."""

    name = "x"
    limits = limits_for("x")
    credential_fields = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
    config_fields: tuple[str, ...] = ()
    remote_id_key = "user_id"  # the config field naming the remote account
    fetches_images = False  # images are uploaded with the post
    convertible: tuple[str, ...] = ()  # every accepted type is sent as it is

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
        missing = [f for f in self.credential_fields if not str(credentials.get(f) or "").strip()]
        if missing:
            raise ValueError(f"X needs {', '.join(missing)}")
        self._creds = {f: str(credentials[f]).strip() for f in self.credential_fields}
        register_secrets(self._creds.values())
        self.config = dict(config or {})
        self.upload_mode = self.config.get("media_upload") or settings.x_media_upload
        if self.upload_mode not in UPLOAD_MODES:
            raise ValueError(f"X media upload must be one of {', '.join(UPLOAD_MODES)}")
        self._timeout = settings.platform_timeout_seconds
        self.session = session or TimeoutSession(self._timeout)
        self._clock = clock or (lambda: datetime.now(UTC))
        self.client = tweepy.Client(
            consumer_key=self._creds["consumer_key"],
            consumer_secret=self._creds["consumer_secret"],
            access_token=self._creds["access_token"],
            access_token_secret=self._creds["access_token_secret"],
            return_type=dict,
        )
        self.client.session = self.session

    # -- publishing -----------------------------------------------------------------------
    def publish(self, request: PublishRequest) -> RemoteRef:
        """Upload the images, post the text, then each further thread part as a reply."""
        parts = [request.text, *request.thread]
        self._preflight(request, parts)
        media_ids = [self._upload(item) for item in request.media]
        first = self._create(parts[0], media_ids=media_ids)
        ref = RemoteRef(first, self._url(first), published_at=self._clock())
        previous = first
        for number, part in enumerate(parts[1:], start=2):
            try:
                previous = self._create(part, reply_to=previous)
            except PlatformError as exc:
                raise partly_published("X", ref.url, number, len(parts), exc) from None
        return ref

    def _preflight(self, request: PublishRequest, parts: list[str]) -> None:
        """Refuse, before any call, what X would refuse (the dry run stops here too)."""
        problems = thread_problems("x", request)
        for item in request.media:
            problems += media_problems(item, self.limits)
        if problems:
            raise Rejected("X: " + "; ".join(problems))

    def _create(
        self, text: str, *, media_ids: list[str] | None = None, reply_to: str | None = None
    ) -> str:
        kwargs: dict[str, Any] = {"text": text, "user_auth": True}
        if media_ids:
            kwargs["media_ids"] = media_ids
        if reply_to:
            kwargs["in_reply_to_tweet_id"] = reply_to
        try:
            with self._errors("post", final=True):
                data = self.client.create_tweet(**kwargs)
        except Rejected as exc:
            if "duplicate" in exc.message.lower() and reply_to is None:
                raise self._duplicate(text, exc) from None
            raise
        return str(data["data"]["id"])

    def _duplicate(self, text: str, exc: Rejected) -> Rejected:
        """X refuses the same text twice; say where the earlier post is when we can find it."""
        try:
            existing = self._find_text(text)
        except PlatformError:
            existing = None
        where = f" (already live at {existing.url})" if existing else ""
        return Rejected(f"X refused duplicate content: this exact text is on the account{where}")

    def _upload(self, item: MediaItem) -> str:
        data = Path(item.path).read_bytes()
        if self.upload_mode == "v1.1":
            return self._upload_v11(item, data)
        return self._upload_v2(item, data)

    def _oauth(self) -> tweepy.OAuth1UserHandler:
        """tweepy's OAuth 1.0a handler for this account (what its Client signs with)."""
        return tweepy.OAuth1UserHandler(
            self._creds["consumer_key"],
            self._creds["consumer_secret"],
            self._creds["access_token"],
            self._creds["access_token_secret"],
        )

    def _upload_v2(self, item: MediaItem, data: bytes) -> str:
        with self._errors("image upload"):
            response = self.session.post(
                MEDIA_UPLOAD_V2,
                data={"media_category": "tweet_image", "media_type": item.mime},
                files={"media": (Path(item.path).name, data, item.mime)},
                auth=self._oauth().apply_auth(),
            )
            raise_for_x(response)
            media_id = str(response.json()["data"]["id"])
            if item.alt_text:
                response = self.session.post(
                    MEDIA_METADATA_V2,
                    json={"id": media_id, "metadata": {"alt_text": {"text": item.alt_text}}},
                    auth=self._oauth().apply_auth(),
                )
                raise_for_x(response)
        return media_id

    def _upload_v11(self, item: MediaItem, data: bytes) -> str:
        api = tweepy.API(self._oauth(), timeout=self._timeout)
        api.session = self.session
        with self._errors("image upload (v1.1)"):
            media = api.simple_upload(
                Path(item.path).name, file=io.BytesIO(data), media_category="tweet_image"
            )
            if item.alt_text:
                api.create_media_metadata(media.media_id_string, item.alt_text)
        return str(media.media_id_string)

    def _url(self, tweet_id: str) -> str:
        username = self.config.get("username")
        if username:
            return f"https://x.com/{username}/status/{tweet_id}"
        return f"https://x.com/i/web/status/{tweet_id}"

    # -- reading --------------------------------------------------------------------------
    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Counts for many tweets, 100 per call; private counts only where X still serves them."""
        now = self._clock()
        recent, older = [], []
        for ref in dict.fromkeys(refs):
            young = ref.published_at is None or now - ref.published_at < NON_PUBLIC_WINDOW
            (recent if young else older).append(ref.remote_id)
        out: dict[str, Metrics] = {}
        for ids, fields in ((recent, ALL_FIELDS), (older, PUBLIC_FIELDS)):
            for chunk in chunks(list(dict.fromkeys(ids)), METRICS_BATCH):
                out.update(self._metrics_call(chunk, fields))
        return out

    def _metrics_call(self, ids: list[str], fields: list[str]) -> dict[str, Metrics]:
        with self._errors("read metrics"):
            data = self.client.get_tweets(ids=ids, tweet_fields=fields, user_auth=True)
        found = {str(t["id"]): tweet_metrics(t) for t in data.get("data") or []}
        # A token may not see private counts (not the author's app, or too old): X then
        # answers with field errors; those tweets are asked again for public counts only.
        denied = {
            str(e.get("resource_id"))
            for e in data.get("errors") or []
            if e.get("field") == "non_public_metrics"
            or "not-authorized-for-field" in str(e.get("type", ""))
        }
        again = [i for i in ids if i not in found and i in denied]
        if again and "non_public_metrics" in fields:
            found.update(self._metrics_call(again, PUBLIC_FIELDS))
        return found

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The account's recent tweet with this request's text, if any (reconciliation)."""
        return self._find_text(request.text)

    def _find_text(self, text: str) -> RemoteRef | None:
        with self._errors("look for the post"):
            data = self.client.get_users_tweets(
                self._user_id(),
                max_results=100,
                exclude=["retweets", "replies"],
                tweet_fields=["created_at"],
                user_auth=True,
            )
        wanted = comparable_text(text)
        for tweet in data.get("data") or []:
            if comparable_text(tweet.get("text", "")) == wanted:
                tweet_id = str(tweet["id"])
                return RemoteRef(
                    tweet_id, self._url(tweet_id), published_at=_parse_time(tweet.get("created_at"))
                )
        return None

    def fetch_audience(self) -> Audience:
        """Followers and following of the account (GET /2/users/me, public_metrics)."""
        with self._errors("read followers"):
            data = self.client.get_me(user_auth=True, user_fields=["public_metrics"])
        return user_audience((data or {}).get("data") or {})

    def _user_id(self) -> str:
        if self.config.get("user_id"):
            return str(self.config["user_id"])
        return self.check_connection().remote_id

    def check_connection(self) -> AccountInfo:
        """Who the tokens belong to (GET /2/users/me)."""
        with self._errors("test connection"):
            data = self.client.get_me(user_auth=True, user_fields=["username", "name"])
        user = data["data"]
        return AccountInfo(
            remote_id=str(user["id"]),
            name=user.get("name") or user["username"],
            handle=f"@{user['username']}",
        )

    def account_config(self, info: AccountInfo) -> dict[str, Any]:
        """What to remember about the account after a successful test (not secret)."""
        return {"user_id": info.remote_id, "username": info.handle.lstrip("@")}

    # -- errors ---------------------------------------------------------------------------
    @contextmanager
    def _errors(self, what: str, *, final: bool = False) -> Iterator[None]:
        try:
            yield
        except tweepy.TweepyException as exc:
            raise self._classify(exc, what, final) from None
        except requests.RequestException as exc:
            raise network_error(exc, f"X: {what}", final=final) from None

    def _classify(self, exc: tweepy.TweepyException, what: str, final: bool) -> PlatformError:
        message = one_line(f"X: {what}: {exc}")
        if isinstance(exc, tweepy.TooManyRequests):
            reset = datetime.fromtimestamp(exc.reset_time, UTC) if exc.reset_time else None
            return RateLimited(message, reset_at=reset)
        if isinstance(exc, tweepy.Unauthorized):
            return AuthExpired(message)
        if isinstance(exc, tweepy.Forbidden):
            said = " ".join(map(str, exc.api_messages)) or str(exc)
            lowered = said.lower()
            if "duplicate" in lowered:
                return Rejected(f"X: {what}: duplicate content")
            if "oauth1 app permissions" in lowered or "not permitted to perform" in lowered:
                return AuthExpired(
                    f"{message}; give the X app Read and Write permission and create new "
                    "access tokens"
                )
            return Rejected(message)
        if isinstance(exc, tweepy.TwitterServerError):
            return TransientError(message)
        if isinstance(exc, tweepy.HTTPException):
            return Rejected(message)
        # tweepy.API wraps network failures as TweepyException("Failed to send request").
        if isinstance(exc.__context__, requests.RequestException):
            return network_error(exc.__context__, f"X: {what}", final=final)
        return TransientError(message)

    # -- dry run --------------------------------------------------------------------------
    @staticmethod
    def dry_run_response(request: requests.PreparedRequest, index: int) -> Any:
        """What X would answer, so a dry run can build every later request too."""
        path = urlsplit(request.url or "").path
        if path.endswith("/media/upload") or path.endswith("/media/upload.json"):
            media_id = f"{index}000000000000000"
            return {
                "data": {"id": media_id, "media_key": f"3_{media_id}"},
                "media_id": int(media_id),
                "media_id_string": media_id,
            }
        if path.endswith("/2/media/metadata"):
            return {"data": {"id": "0", "associated_metadata": {}}}
        if path.endswith("/2/tweets"):
            tweet_id = f"dryrun-{index}"
            return {"data": {"id": tweet_id, "text": "", "edit_history_tweet_ids": [tweet_id]}}
        if path.endswith("/2/users/me"):
            return {"data": {"id": "0", "name": "dry run", "username": "dryrun"}}
        return {}
