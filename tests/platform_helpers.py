"""Shared pieces of the platform tests: images, settings, credentials, request inspection."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
import urllib3
from PIL import Image

from planner.config import Settings
from planner.platforms.base import MediaItem, PublishRequest

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
JSON = "application/json; charset=UTF-8"

X_CREDS = {
    "consumer_key": "ck-CONSUMERKEY123",
    "consumer_secret": "cs-CONSUMERSECRET456",
    "access_token": "1234-ACCESSTOKEN789",
    "access_token_secret": "ats-TOKENSECRET000",
}
FB_CREDS = {"page_access_token": "EAAG-PAGETOKEN-abcdef123456"}
IG_CREDS = {"access_token": "EAAG-IGTOKEN-zyxwvu987654"}
TH_CREDS = {"access_token": "THAA-THREADSTOKEN-qwerty5678"}
BSKY_CREDS = {"app_password": "abcd-efgh-ijkl-mnop"}
BSKY_CONFIG = {"handle": "perpuskota.bsky.social"}
ALL_SECRETS = [
    *X_CREDS.values(),
    *FB_CREDS.values(),
    *IG_CREDS.values(),
    *TH_CREDS.values(),
    *BSKY_CREDS.values(),
]


def image(folder: Path, name: str = "poster.jpg", size=(1080, 1080), fmt: str = "JPEG") -> Path:
    """A real image file of the given size and format."""
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, (0, 94, 184, 255) if mode == "RGBA" else (0, 94, 184)).save(buffer, fmt)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def media(path: Path, alt: str = "Poster acara dongeng", mime: str = "image/jpeg") -> MediaItem:
    return MediaItem(path=path, alt_text=alt, mime=mime)


def request(text: str = "Halo pembaca! Dongeng Kancil hari Sabtu.", **kw: Any) -> PublishRequest:
    values: dict[str, Any] = dict(target_id=7, account_id=1, text=text, idempotency_key="planner-7")
    values.update(kw)
    return PublishRequest(**values)


def settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings on a private data dir; public media served from a public host by default."""
    values: dict[str, Any] = dict(
        data_dir=tmp_path / "data",
        public_media_base_url="https://media.perpus.example/p",
        ig_poll_interval_seconds=1.0,
        ig_poll_timeout_seconds=5.0,
        secret_key=None,
    )
    values.update(overrides)
    return Settings(**values)


def form(call: Any) -> dict[str, Any]:
    """The fields of a call's urlencoded, multipart or JSON body (files as (name, bytes))."""
    return body_fields(call.request)


def body_fields(prepared: Any) -> dict[str, Any]:
    """The fields of a prepared request's body."""
    body = prepared.body
    raw = body if isinstance(body, bytes) else (body or "").encode()
    ctype = prepared.headers.get("Content-Type", "")
    if ctype.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + raw
        )
        out: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            out[name] = (part.get_filename(), payload) if part.get_filename() else payload.decode()
        return out
    if ctype.startswith("application/json"):
        return json.loads(raw)
    return dict(parse_qsl(raw.decode(), keep_blank_values=True))


def bearer_only(call: Any, token: str) -> bool:
    """The Graph token went in the Authorization header and nowhere else (URL, body)."""
    body = call.request.body or b""
    raw = body if isinstance(body, bytes) else body.encode()
    return (
        call.request.headers.get("Authorization") == f"Bearer {token}"
        and token not in call.request.url
        and token.encode() not in raw
    )


def query(call: Any) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(call.request.url).query, keep_blank_values=True))


def path(call: Any) -> str:
    return urlsplit(call.request.url).path


def graph_error(code: int | None, message: str = "boom", status: int = 400, **extra: Any) -> dict:
    """A Graph API error reply (Facebook and Instagram alike), as `responses` arguments."""
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Ax1"}
    return dict(json={"error": {**error, **extra}}, status=status, content_type=JSON)


X_ME = "https://api.twitter.com/2/users/me"


def x_me(
    user_id: str = "1234",
    username: str = "perpuskotapkl",
    name: str = "Perpustakaan Kota Pekalongan",
    status: int = 200,
) -> None:
    """Stub X's GET /2/users/me (connection tests): this account, or the error `status`."""
    import responses

    if status == 200:
        body = {"data": {"id": user_id, "name": name, "username": username}}
    else:
        body = {"title": "Unauthorized", "detail": "Unauthorized", "status": status}
    responses.get(X_ME, json=body, status=status, content_type=JSON)


# Network failures shaped exactly as requests raises them (urllib3's reason inside), for
# `responses` bodies; tests/misbehaving_server.py produces the same ones on a real socket.
def refused() -> requests.ConnectionError:
    """Nothing listens there: the request never left this machine."""
    reason = urllib3.exceptions.NewConnectionError(
        None, "Failed to establish a new connection: [Errno 111] Connection refused"
    )
    return requests.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/", reason=reason))


def stalled_mid_answer() -> requests.ConnectionError:
    """The platform began answering, then went silent until the read timeout."""
    return requests.ConnectionError(
        urllib3.exceptions.ReadTimeoutError(None, None, "Read timed out.")
    )


def cut_off_answer() -> requests.exceptions.ChunkedEncodingError:
    """The platform began answering, then the connection closed mid-body."""
    return requests.exceptions.ChunkedEncodingError(
        urllib3.exceptions.ProtocolError("Response ended prematurely")
    )
