"""A browser-less Streamlit client: the websocket protocol a browser tab speaks, in asyncio.

The browser opens ws://host:port/_stcore/stream with the subprotocol "streamlit" and its
cookies, sends a BackMsg `rerun_script` (ClientState: query string, page, widget states,
fragment id) and reads ForwardMsgs until `script_finished`. A page made with
`st.fragment(run_every=…)` announces itself with `auto_rerun`; the browser then asks for
a rerun of that fragment every interval, answered or not. This client does the same and
costs a few milliseconds per run, so one process can drive many sessions.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FRAGMENT_DONE = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


class RunFailed(RuntimeError):
    """The server did not finish a run in time, or the page showed an exception."""


@dataclass
class Widget:
    """A widget seen in the page's deltas: what a click or an entry needs."""

    id: str
    kind: str
    label: str
    disabled: bool = False


@dataclass
class Refresh:
    """One auto-rerun request of a fragment and when (if ever) a fragment run answered it."""

    sent: float
    answered: float | None = None


@dataclass
class StreamlitClient:
    """One browser tab: a websocket session with its pages, widgets and fragment timers."""

    url: str
    cookies: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # url pathname -> page script hash
    widgets: dict[str, Widget] = field(default_factory=dict)  # label -> widget (last run)
    fragments: dict[str, float] = field(default_factory=dict)  # fragment id -> interval
    exceptions: list[str] = field(default_factory=list)
    refreshes: list[Refresh] = field(default_factory=list)
    page: str = ""
    ran_hash: str = ""  # the page script the last run ran (from st.navigation)

    def __post_init__(self) -> None:
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Queue[int] = asyncio.Queue()
        self._timers: list[asyncio.Task] = []

    async def connect(self) -> None:
        """Open the websocket as a browser tab does (subprotocol "streamlit", its cookies)."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        """Stop the fragment timers and close the websocket."""
        for task in self._timers:
            task.cancel()
        self._timers.clear()
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    async def _read(self) -> None:
        async for data in self._ws:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.ran_hash = msg.navigation.page_script_hash
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "delta":
                self._note_delta(msg)
            elif kind == "auto_rerun":
                self.fragments[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "script_finished":
                # A refresh is answered by the next run that finished after it was asked: the
                # fragment's own, or the whole page when the fragment asked for that (live
                # pages rerun the page only when something changed).
                if msg.script_finished != EARLY:
                    now = time.monotonic()
                    for refresh in self.refreshes:
                        if refresh.answered is None:
                            refresh.answered = now
                self._finished.put_nowait(msg.script_finished)

    def _note_delta(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            return
        proto = getattr(element, kind, None)
        widget_id = getattr(proto, "id", "")
        label = getattr(proto, "label", "")
        if widget_id and label:
            self.widgets[label] = Widget(
                widget_id, kind, label, bool(getattr(proto, "disabled", False))
            )

    def _request(self, *, page: str = "", fragment_id: str = "", clicks: tuple[str, ...] = ()):
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_name = page
        state.page_script_hash = self.pages.get(page, "")
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        for widget_id in clicks:
            state.widget_states.widgets.add(id=widget_id, trigger_value=True)
        return msg.SerializeToString()

    async def run(self, page: str | None = None, *, click: str | None = None, timeout=120.0):
        """Run `page` (a url pathname; "" is the default page, None the current one) as a
        click in the menu does, or press the button labelled `click`; returns the seconds
        until the run finished (reruns the page asked for included)."""
        if page is not None:
            self.page = page
            self.widgets.clear()
        clicks = ()
        if click is not None:
            widget = self.widgets.get(click)
            if widget is None:
                raise RunFailed(f"no button {click!r} on {self.page or 'the default page'}")
            clicks = (widget.id,)
        while not self._finished.empty():
            self._finished.get_nowait()
        started = time.monotonic()
        errors_before = len(self.exceptions)
        await self._ws.send(self._request(page=self.page, clicks=clicks))
        deadline = started + timeout
        while True:
            try:
                status = await asyncio.wait_for(
                    self._finished.get(), max(0.01, deadline - time.monotonic())
                )
            except TimeoutError as exc:
                raise RunFailed(f"no answer within {timeout:.0f} s") from exc
            if status not in (EARLY, FRAGMENT_DONE):
                break
        if len(self.exceptions) > errors_before:
            raise RunFailed(self.exceptions[-1])
        if self.pages.get(self.page) not in (None, self.ran_hash):
            raise RunFailed(f"asked for {self.page!r}, the server ran another page")
        return time.monotonic() - started

    def start_auto_reruns(self) -> None:
        """Ask for each announced fragment every interval, as the browser's timer does."""
        for fragment_id, interval in self.fragments.items():
            self._timers.append(asyncio.create_task(self._tick(fragment_id, interval)))

    async def _tick(self, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self.refreshes.append(Refresh(time.monotonic()))
            await self._ws.send(self._request(page=self.page, fragment_id=fragment_id))
