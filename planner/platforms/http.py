"""HTTP plumbing the live adapters share: timeouts, dry-run recording, errors.

tweepy and facebook-sdk both talk through a `requests.Session`, so everything here works at
that level: a session with a default timeout (tweepy sets none), a transport adapter that
records requests instead of sending them (dry run), and one place that decides what a
network failure means for the worker (nothing sent → retry; maybe sent → never resend).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import BaseAdapter

from planner.platforms.base import OutcomeUnknown, PlatformError, TransientError
from planner.redaction import MASK, one_line, redact

# -- small helpers ------------------------------------------------------------------------
_URL = re.compile(r"https?://\S+")


def chunks(items: list, size: int) -> Iterator[list]:
    """`items` in consecutive lists of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def comparable_text(text: str) -> str:
    """Text as platforms echo it back, for finding our own post again.

    Platforms shorten links (t.co), append media links and HTML-escape '&', so links are
    dropped, entities decoded and white space collapsed before comparing.
    """
    return " ".join(_URL.sub(" ", html.unescape(text or "")).split()).casefold()


# -- sessions -------------------------------------------------------------------------------
class TimeoutSession(requests.Session):
    """A session whose requests time out unless told otherwise (tweepy passes no timeout)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(self, method: str | bytes, url: str | bytes, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().request(method, url, **kwargs)


def network_error(exc: requests.RequestException, what: str, *, final: bool) -> PlatformError:
    """What a failed HTTP call means for the worker.

    `final` marks the request that makes a post public (create tweet, feed post,
    media_publish): if it may have reached the platform, the outcome is unknown and the
    target must be reconciled, never resent. Earlier steps (uploads, containers) publish
    nothing, so any failure there is safe to retry.
    """
    detail = one_line(exc.__class__.__name__)
    if isinstance(exc, requests.ConnectTimeout):
        return TransientError(f"{what}: could not connect in time; nothing was sent")
    if isinstance(exc, requests.Timeout):
        if final:
            return OutcomeUnknown(
                f"{what}: no answer in time after sending; the post may be live, check "
                "the account before publishing again"
            )
        return TransientError(f"{what}: no answer in time; nothing was published")
    if isinstance(exc, requests.ConnectionError) and final and "aborted" in str(exc).lower():
        # The connection dropped after the request went out (RemoteDisconnected).
        return OutcomeUnknown(
            f"{what}: the connection dropped after sending; the post may be live, check "
            "the account before publishing again"
        )
    return TransientError(f"{what}: network error ({detail}); nothing was published")


# -- dry run: record instead of send -------------------------------------------------------
Responder = Callable[[requests.PreparedRequest, int], Any]


class RecordingAdapter(BaseAdapter):
    """A transport that keeps each prepared request and answers with a canned JSON body."""

    def __init__(self, responder: Responder) -> None:
        super().__init__()
        self.responder = responder
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.requests.append(request)
        body = self.responder(request, len(self.requests))
        response = requests.Response()
        response.status_code = 200
        response.reason = "OK (dry run)"
        response._content = json.dumps(body).encode()
        response.headers["content-type"] = "application/json; charset=UTF-8"
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        """Nothing to close: no connection was ever opened."""


def recording_session(responder: Responder) -> tuple[requests.Session, RecordingAdapter]:
    """A session that sends nothing; the adapter holds what would have been sent."""
    session = requests.Session()
    adapter = RecordingAdapter(responder)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session, adapter


def _body(request: requests.PreparedRequest) -> Any:
    body = request.body
    if body is None:
        return None
    raw = body if isinstance(body, bytes) else str(body).encode()
    ctype = request.headers.get("Content-Type", "")
    if ctype.startswith("application/json"):
        return json.loads(raw)
    if ctype.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(raw.decode(), keep_blank_values=True))
    if ctype.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + raw
        )
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                fields[name] = {
                    "file": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "bytes": len(payload),
                }
            else:
                fields[name] = payload.decode("utf-8", "replace")
        return fields
    return f"<{len(raw)} bytes>"


def describe(request: requests.PreparedRequest, secrets: Iterable[str] = ()) -> dict[str, Any]:
    """A prepared request as plain data with every secret masked (for dry-run records)."""
    secrets = list(secrets)
    parts = urlsplit(request.url or "")
    query = {k: redact(v, secrets) for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    body = _body(request)
    if body is not None:
        body = json.loads(redact(json.dumps(body, ensure_ascii=False), secrets))
    headers = {}
    for key, value in request.headers.items():
        text = value.decode() if isinstance(value, bytes) else str(value)
        if key.lower() == "authorization":
            headers[key] = f"{text.split(' ', 1)[0]} {MASK}"
        elif key.lower() == "content-type":
            headers[key] = text.split(";", 1)[0]  # the multipart boundary is noise
    return {
        "method": request.method,
        "url": f"{parts.scheme}://{parts.netloc}{parts.path}",
        "query": query,
        "headers": headers,
        "body": body,
    }
