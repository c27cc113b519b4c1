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
import ssl
from collections.abc import Callable, Iterable, Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.client import IncompleteRead
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import BaseAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError

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


# Failures that prove the request never left this machine: no connection was made (refused,
# unreachable, name unknown, connect timeout, proxy down), the server's certificate was
# refused during the handshake, or the request could not even be built.
_BEFORE_SENDING: tuple[type[BaseException], ...] = (
    NewConnectionError,  # also NameResolutionError
    ConnectTimeoutError,
    requests.ConnectTimeout,
    requests.exceptions.ProxyError,
    ssl.SSLCertVerificationError,
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.InvalidHeader,
)
_STALLED: tuple[type[BaseException], ...] = (requests.Timeout, ReadTimeoutError, TimeoutError)
_CUT_OFF: tuple[type[BaseException], ...] = (
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
    IncompleteRead,  # also urllib3's IncompleteRead and InvalidChunkLength
)


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and everything it wraps: requests and urllib3 keep the underlying error in
    `args`, in MaxRetryError's `reason` and in `__cause__` (`raise … from`)."""
    found: list[BaseException] = []
    pending = [exc]
    while pending:
        current = pending.pop(0)
        if any(current is seen for seen in found):
            continue
        found.append(current)
        pending += [a for a in current.args if isinstance(a, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            pending.append(reason)
        if current.__cause__ is not None:
            pending.append(current.__cause__)
    return found


def network_error(exc: requests.RequestException, what: str, *, final: bool) -> PlatformError:
    """What a failed HTTP call means for the worker, from what is known about it.

    `final` marks the request that makes a post public (create tweet, feed/photo post,
    media_publish). On it only a failure that proves the request never left (no
    connection, certificate refused) is safe to retry; once the request may have been
    sent — no answer in time, an answer that stalled or was cut off mid-body, a dropped
    connection, anything unrecognised — the post may be live and the outcome is unknown:
    resending would duplicate it (on X: a duplicate-content refusal of a live post).
    Earlier steps (uploads, containers) publish nothing, so any failure there is safe to
    retry.
    """
    chain = _causes(exc)
    deepest = chain[-1].__class__.__name__
    shown = exc.__class__.__name__
    detail = one_line(shown if deepest == shown else f"{shown}: {deepest}")
    if any(isinstance(c, _BEFORE_SENDING) for c in chain):
        return TransientError(f"{what}: could not reach the platform ({detail}); nothing was sent")
    stalled = any(isinstance(c, _STALLED) for c in chain)
    if not final:
        if stalled:
            return TransientError(f"{what}: no answer in time; nothing was published")
        return TransientError(f"{what}: network error ({detail}); nothing was published")
    if stalled:
        how = "the platform stopped answering after the request was sent"
    elif any(isinstance(c, _CUT_OFF) for c in chain):
        how = "the platform's answer was cut off after the request was sent"
    else:
        how = "the connection failed after the request may have been sent"
    return OutcomeUnknown(
        f"{what}: {how} ({detail}); the post may be live: check the account before publishing again"
    )


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
