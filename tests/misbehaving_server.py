"""A local HTTP server that misbehaves on cue, so tests see the exceptions `requests` really
raises when an answer stalls or is cut off, and a way to route an adapter's session to it.

Each connection reads one whole request (kept in `requests`, for asserting exactly what was
sent) and is then answered by the next step of the script: a normal JSON answer, a status
line and headers followed by silence (the client's read timeout fires mid-body), or a
chunked body closed half-way.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from planner.platforms.http import TimeoutSession


@dataclass
class Received:
    """One request as it arrived on the wire."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Step = Callable[[socket.socket], None]


def answer(body: Any, status: str = "200 OK") -> Step:
    """A complete JSON answer."""

    def step(conn: socket.socket) -> None:
        data = json.dumps(body).encode()
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json; charset=UTF-8\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
            + data
        )

    return step


def stall_after_headers(status: str = "200 OK") -> Step:
    """The platform starts answering, promises a body, then says nothing more."""

    def step(conn: socket.socket) -> None:
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json; charset=UTF-8\r\n"
            'Content-Length: 400\r\n\r\n{"data": {'.encode()
        )

    return step


def cut_mid_chunk(status: str = "200 OK") -> Step:
    """A chunked answer whose connection closes after the first chunk."""

    def step(conn: socket.socket) -> None:
        first = b'{"data": {"id": "1'
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json; charset=UTF-8\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
            + f"{len(first):x}\r\n".encode()
            + first
            + b"\r\n"
        )
        conn.shutdown(socket.SHUT_RDWR)

    return step


class MisbehavingServer:
    """Serves `script` one step per connection on 127.0.0.1 in a thread; use as a context."""

    def __init__(self, script: list[Step]) -> None:
        self.script = list(script)
        self.requests: list[Received] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> MisbehavingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._listener.close()
        for conn in self._open:  # stalled answers are held open until the test ends
            conn.close()
        self._thread.join(5)

    def _serve(self) -> None:
        self._listener.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:  # timeout, or closed by __exit__
                continue
            self._open.append(conn)
            conn.settimeout(5)
            try:
                self.requests.append(_read_request(conn))
                step = self.script.pop(0) if self.script else answer({"error": "unscripted"})
                step(conn)
            except OSError:
                conn.close()

    def session(self, timeout: float = 0.5) -> requests.Session:
        """A session like the adapters' own whose https:// requests all come here."""
        return local_session(self.port, timeout)


def local_session(port: int, timeout: float = 0.5) -> requests.Session:
    """A session like the adapters' own (default timeout) whose https:// requests all go to
    127.0.0.1:`port` over plain HTTP, path and query unchanged."""
    session = TimeoutSession(timeout)
    session.mount("https://", _ToLocal(port))
    return session


class _ToLocal(HTTPAdapter):
    """Sends every request to the local server, keeping its path and query."""

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        parts = urlsplit(request.url or "")
        request.url = urlunsplit(("http", f"127.0.0.1:{self.port}", parts.path, parts.query, ""))
        return super().send(request, **kwargs)


def _read_request(conn: socket.socket) -> Received:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise OSError("closed before a whole request arrived")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return Received(method, target, headers, body)


def refused_port() -> int:
    """A local port nobody listens on: connecting is refused before anything is sent."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FullBacklog:
    """A listener whose accept queue is full, so a new connection times out while
    connecting (the request is never sent); use as a context manager. Linux drops the
    connection attempts of a full queue silently, which is what makes the timeout."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=0)
        self.port = self._listener.getsockname()[1]
        self._waiting: list[socket.socket] = []

    def __enter__(self) -> FullBacklog:
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", self.port))
            self._waiting.append(filler)
        return self

    def __exit__(self, *exc: object) -> None:
        for filler in self._waiting:
            filler.close()
        self._listener.close()
