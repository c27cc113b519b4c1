"""The Meta Graph API client Facebook Pages and Instagram share: facebook-sdk, pinned version.

facebook-sdk 3.1.0 refuses any version above 3.1 in its constructor, yet builds every path
from `graph.version`; `GraphClient.__init__` sets a current version (settings
`graph_api_version`, e.g. v23.0) right after construction, and every call goes through
`GraphClient.call`, so no request can reach another version.

facebook-sdk raises `GraphAPIError` only when a JSON body carries "error": the HTTP status
is remembered with a response hook, so 5xx and non-JSON replies are classified too.

The access token travels in an `Authorization: Bearer` header, never in a URL: facebook-sdk
would put it in the query of every GET (where urllib3's debug log, proxies and server logs
keep it) and in the form body of every POST, so the sdk is given no token and a session
that adds the header (`BearerSession`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, ClassVar

import facebook
import requests

from planner.config import Settings, get_settings
from planner.platforms.base import Metrics, PlatformError, RateLimited, RemoteRef, TransientError
from planner.platforms.graph_errors import PERMISSION_CODES, QUOTA_RETRY, classify_error
from planner.platforms.http import TimeoutSession, chunks, network_error
from planner.redaction import one_line, register_secrets

BATCH_LIMIT = 50  # Graph batch requests take at most 50 operations


class BearerSession:
    """What facebook-sdk sees as its session: each request gets the token as a header.

    facebook-sdk only calls `session.request(...)`; everything else (timeouts, hooks,
    dry-run recording) stays with the wrapped session.
    """

    def __init__(
        self, session: requests.Session, token: str, host: str = facebook.FACEBOOK_GRAPH_URL
    ) -> None:
        self.session = session
        self._header = f"Bearer {token}"
        self.host = host

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """The wrapped session's request with the Authorization header added.

        facebook-sdk builds every URL on graph.facebook.com; a Graph API on another host
        (Threads: graph.threads.net, same shapes and errors) gets that prefix swapped here.
        """
        headers = dict(kwargs.pop("headers", None) or {})
        headers["Authorization"] = self._header
        if url.startswith(facebook.FACEBOOK_GRAPH_URL):
            url = self.host + url[len(facebook.FACEBOOK_GRAPH_URL) :]
        return self.session.request(method, url, headers=headers, **kwargs)


class GraphClient:
    """One token's view of the Graph API through facebook-sdk, errors mapped to ours."""

    def __init__(
        self,
        access_token: str,
        *,
        version: str,
        session: requests.Session,
        label: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        host: str = facebook.FACEBOOK_GRAPH_URL,
    ) -> None:
        # No token for the sdk: it would add it to the URL or the body (see BearerSession).
        self.api = facebook.GraphAPI(session=BearerSession(session, access_token, host))
        self.api.version = version  # the one place: the sdk's constructor refuses > 3.1
        self.label = label
        self._token = access_token
        self._clock = clock
        self._last: requests.Response | None = None
        self.last_error: dict[str, Any] | None = None  # the Graph error body of the last call
        session.hooks.setdefault("response", []).append(self._remember)

    def _remember(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._last = response

    @property
    def version(self) -> str:
        return self.api.version

    def call(
        self,
        path: str,
        *,
        what: str,
        method: str = "GET",
        args: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        files: dict[str, Any] | None = None,
        final: bool = False,
    ) -> Any:
        """One Graph request under the pinned version; `final` marks a publishing write."""
        with self.errors(what, final=final):
            return self.api.request(
                f"{self.api.version}/{path}",
                args=dict(args or {}),
                post_args=dict(data) if data is not None else None,
                files=files,
                method=method,
            )

    def batch(self, operations: list[dict[str, Any]], *, what: str) -> list[dict | None]:
        """Up to 50 GETs in one call; each answer is a parsed body or None (timed out)."""
        if len(operations) > BATCH_LIMIT:
            raise ValueError(f"a Graph batch takes at most {BATCH_LIMIT} operations")
        result = self.call(
            "",
            what=what,
            method="POST",
            data={"batch": json.dumps(operations), "include_headers": "false"},
        )
        out: list[dict | None] = []
        for item in result or []:
            if item is None:
                out.append(None)
                continue
            try:
                body = json.loads(item.get("body") or "null")
            except ValueError:
                body = {"error": {"message": "non-JSON answer", "code": None}}
            if isinstance(body, dict) and item.get("code", 200) >= 400 and "error" not in body:
                body = {"error": {"message": f"HTTP {item.get('code')}", "code": None}}
            out.append(body)
        return out

    @contextmanager
    def errors(self, what: str, *, final: bool = False) -> Iterator[None]:
        """Turn facebook-sdk and requests failures into the worker's error classes."""
        self._last = None
        self.last_error = None
        try:
            yield
        except facebook.GraphAPIError as exc:
            if isinstance(exc.result, dict) and isinstance(exc.result.get("error"), dict):
                self.last_error = exc.result["error"]  # for callers that read the code
            raise self.classify(exc.result, what) from None
        except KeyError as exc:
            # facebook-sdk reads the content type unconditionally: a bare proxy error page.
            if self._last is not None and "content-type" not in self._last.headers:
                status = self._last.status_code
                raise TransientError(f"{what}: HTTP {status} without a body type") from exc
            raise
        except requests.RequestException as exc:
            raise network_error(exc, f"{self.label}: {what}", final=final) from None

    def classify(self, result: Any, what: str) -> PlatformError:
        """Our error for a Graph error body (a dict with "error") or a non-JSON answer."""
        status = self._last.status_code if self._last is not None else None
        error = result.get("error") if isinstance(result, dict) else None
        if not isinstance(error, dict):
            shown = f"HTTP {status}" if status else "an unreadable answer"
            return TransientError(f"{self.label}: {what}: {shown} (not a Graph API reply)")
        return classify_error(
            error,
            f"{self.label}: {what}",
            status=status,
            now=self._clock(),
            usage=self._last.headers if self._last is not None else {},
            secrets=[self._token],
        )


_METRIC_LIST = re.compile(r"one of the following values:\s*([\w,\s]+)", re.I)


def refine_metrics(requested: list[str], error: dict[str, Any]) -> tuple[list[str], str] | None:
    """After an insights error: the metrics to try next and why, or None if not about metrics.

    Meta answers an unknown or retired metric with code 100 (sometimes naming the valid
    ones); a missing permission for insights with code 10 or 200-299.
    """
    message = str(error.get("message", ""))
    code = error.get("code")
    allowed = _METRIC_LIST.search(message)
    if allowed:  # "must be one of the following values: a, b, c" names the valid ones
        valid = {v.strip() for v in allowed.group(1).split(",")}
        kept = [m for m in requested if m in valid]
        if kept != requested:
            return kept, message
    named = [m for m in requested if re.search(rf"\b{re.escape(m)}\b", message)]
    if named and len(named) < len(requested):  # "x is deprecated" names the refused ones
        return [m for m in requested if m not in named], message
    if code in PERMISSION_CODES:
        return [], message
    if "metric" in message.lower() or "insight" in message.lower():
        return requested[:-1], message  # unnamed: give up the least important one, try again
    return None


def insight_values(node: dict[str, Any]) -> dict[str, int]:
    """{metric: value} from an `insights` edge, older (values) or newer (total_value) shape."""
    out: dict[str, int] = {}
    for entry in (node.get("insights") or {}).get("data", []):
        value = None
        if isinstance(entry.get("total_value"), dict):
            value = entry["total_value"].get("value")
        elif entry.get("values"):
            value = entry["values"][-1].get("value")
        if isinstance(value, int | float):
            out[entry.get("name", "")] = int(value)
    return out


def batched_nodes(
    client: GraphClient,
    ids: list[str],
    fields: Callable[[list[str]], str],
    metrics: list[str],
    refused: dict[str, str],
    *,
    what: str,
) -> dict[str, tuple[dict[str, Any], list[str]]]:
    """Each object's fields (with insights) in batches of 50, dropping metrics Meta refuses.

    Returns {id: (node, metrics requested for it)}. A refused metric is recorded in
    `refused` (metric → Meta's message) and the affected objects are asked again without
    it, so one retired metric costs one extra call instead of every figure. Objects that
    fail for other reasons (deleted posts) are left out.
    """
    results: dict[str, tuple[dict[str, Any], list[str]]] = {}
    pending = list(ids)
    for _round in range(len(metrics) + 1):
        current = [m for m in metrics if m not in refused]
        retry: list[str] = []
        for chunk in chunks(pending, BATCH_LIMIT):
            operations = [
                {"method": "GET", "relative_url": f"{object_id}?fields={fields(current)}"}
                for object_id in chunk
            ]
            for object_id, body in zip(chunk, client.batch(operations, what=what), strict=False):
                if not isinstance(body, dict):
                    continue
                error = body.get("error")
                if not error:
                    results[object_id] = (body, current)
                    continue
                refined = refine_metrics(current, error) if current else None
                if refined is None:
                    continue
                kept, reason = refined
                for metric in current:
                    if metric not in kept:
                        refused[metric] = one_line(reason)
                retry.append(object_id)
        if not retry:
            break
        pending = retry
    return results


def quota_reached(
    result: Mapping[str, Any], label: str, now: datetime, *, prefix: str = ""
) -> RateLimited | None:
    """The error to raise when a publishing-limit answer says the 24-hour quota is used up.

    Instagram's `content_publishing_limit` and Threads' `threads_publishing_limit` answer
    alike: `{"data": [{"quota_usage": 4, "config": {"quota_total": 250, ...}}]}`; replies on
    Threads have their own `reply_quota_usage` and `reply_config` (`prefix="reply_"`).
    """
    entry = (result.get("data") or [{}])[0]
    used = entry.get(f"{prefix}quota_usage")
    total = (entry.get(f"{prefix}config") or {}).get("quota_total")
    if isinstance(used, int) and isinstance(total, int) and used >= total:
        what = "replies" if prefix else "posts"
        return RateLimited(
            f"{label}: the account has used {used} of its {total} {what} for the last 24 hours",
            reset_at=now + QUOTA_RETRY,
        )
    return None


def parse_time(value: str | None) -> datetime | None:
    """A Graph timestamp ('2026-12-06T02:00:00+0000'), or None."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z") if value else None


MetricsParser = Callable[[Mapping[str, Any], list[str], Mapping[str, str]], Metrics]


class GraphAdapter:
    """What the Facebook Page and Instagram adapters share: one token, one Graph client,
    and metrics read in batches with the insights Meta refuses dropped along the way.

    Subclasses name their token field, their object fields and insights (newest first:
    when Meta refuses a metric without naming it, the last one is given up), and how one
    node becomes Metrics (a staticmethod).
    """

    label: ClassVar[str]
    host: ClassVar[str] = facebook.FACEBOOK_GRAPH_URL
    api_version: ClassVar[str | None] = None  # None: settings' graph_api_version
    token_field: ClassVar[str]
    object_fields: ClassVar[str]
    insights: ClassVar[list[str]]
    metrics_from: ClassVar[MetricsParser]
    convertible: ClassVar[tuple[str, ...]] = ()  # image types re-encoded before sending

    def __init__(
        self,
        credentials: Mapping[str, str],
        *,
        config: Mapping[str, Any] | None = None,
        settings: Settings | None = None,
        session: requests.Session | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        token = str(credentials.get(self.token_field) or "").strip()
        if not token:
            raise ValueError(f"{self.label} needs {self.token_field}")
        register_secrets([token])
        self.config = dict(config or {})
        self._clock = clock or (lambda: datetime.now(UTC))
        self.session = session or TimeoutSession(self.settings.platform_timeout_seconds)
        self.graph = GraphClient(
            token,
            version=self.api_version or self.settings.graph_api_version,
            session=self.session,
            label=self.label,
            clock=self._clock,
            host=self.host,
        )
        self.refused: dict[str, str] = {}  # metric → Meta's reason, remembered between calls

    def _fields(self, metrics: list[str]) -> str:
        if not metrics:
            return self.object_fields
        return f"{self.object_fields},insights.metric({','.join(metrics)})"

    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Counts and insights for many posts, 50 per batch call."""
        ids = list(dict.fromkeys(ref.remote_id for ref in refs))
        nodes = batched_nodes(
            self.graph, ids, self._fields, self.insights, self.refused, what="read metrics"
        )
        return {
            remote_id: self.metrics_from(node, requested, self.refused)
            for remote_id, (node, requested) in nodes.items()
        }
