"""A local OAI-PMH server for the catalogue tests: recorded SLiMS- and INLISLite-shaped answers.

The answers are files in tests/oai_responses/ (shaped on SLiMS 9's `oai.php` and INLISLite
3.3's `/oai-pmh`: SLiMS sends headers without a datestamp, URL-encoded resumption tokens
and the stray word "resumption" on later pages). A test gives the server a `route`: a
function from the request's query parameters to a `Reply` (status, file or body, delay,
headers), and reads `requests` to assert exactly what the harvester asked.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from PIL import Image

RESPONSES = Path(__file__).parent / "oai_responses"


@dataclass
class Reply:
    """What the server answers: a recorded file (or a body), after an optional delay."""

    file: str = ""
    body: bytes = b""
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/xml; charset=utf-8"


Route = Callable[[dict[str, str]], Reply]


def cover_png() -> bytes:
    """A small real picture, as a catalogue's cover file."""
    out = io.BytesIO()
    Image.new("RGB", (300, 450), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


class OaiServer:
    """A threaded HTTP server on 127.0.0.1 answering OAI requests by `route`."""

    def __init__(self, route: Route | None = None) -> None:
        self.route: Route = route or (lambda params: Reply(status=404))
        self.requests: list[dict[str, str]] = []
        self.cover_requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        """The OAI-PMH address (as SLiMS names it)."""
        return f"{self.base}/oai.php"

    def start(self) -> OaiServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def verbs(self) -> list[str]:
        return [r.get("verb", "") for r in self.requests]

    def _reply(self, path: str, params: dict[str, str]) -> Reply:
        if path.startswith(("/images/", "/uploaded_files/")):
            self.cover_requests.append(path)
            return Reply(body=cover_png(), content_type="image/png")
        self.requests.append(params)
        return self.route(params)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                reply = server._reply(parts.path, dict(parse_qsl(parts.query)))
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body
                if reply.file:
                    text = (RESPONSES / reply.file).read_text(encoding="utf-8")
                    body = text.replace("COVER_URL", server.base).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def slims_route(params: dict[str, str]) -> Reply:
    """SLiMS: two pages of Dublin Core, joined by SLiMS's own resumption token."""
    verb = params.get("verb")
    if verb == "Identify":
        return Reply(file="slims_identify.xml")
    if verb == "ListMetadataFormats":
        return Reply(file="slims_formats.xml")
    if verb == "ListRecords":
        token = params.get("resumptionToken")
        if token is None:
            return Reply(file="slims_page1.xml")
        if token == "offset%3D2%26metadataPrefix%3Doai_dc":
            return Reply(file="slims_page2.xml")
        return Reply(file="bad_token.xml")
    return Reply(file="slims_disabled.xml")
