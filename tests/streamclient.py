"""A client that speaks Streamlit's websocket protocol, as the browser does, for the load benchmark and its test.

The browser opens ``/_stcore/stream`` (subprotocol ``streamlit``), sends a ``BackMsg`` asking for a script run
with the page's query string and its widgets' values, and receives ``ForwardMsg``s: the page's elements as
deltas, the query string the script writes (``page_info_changed``), then ``script_finished``. A source switch is
the rerun the sidebar's source list asks for: the same message with that list's new value.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

SOURCE_LIST_KEY = "source_one"  # the key of the sidebar's one-source list in app.py


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    status: str
    elements: list[str] = field(default_factory=list)
    query_string: str | None = None
    exceptions: list[str] = field(default_factory=list)
    deck_json: str = ""


class StreamSession:
    """One browser tab's worth of session: connect, run the page, switch the source list."""

    def __init__(self, url: str) -> None:
        """``url`` is the server's ``http://host:port``."""
        self.url = url
        self.ws: ClientConnection | None = None
        self.source_list_id = ""
        self.source_labels: list[str] = []

    async def __aenter__(self) -> StreamSession:
        """Open the websocket."""
        self.ws = await connect(self.url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                origin=self.url, max_size=None, open_timeout=60)  # type: ignore[arg-type]  # str is an Origin
        return self

    async def __aexit__(self, *_: object) -> None:
        """Close it."""
        if self.ws is not None:
            await self.ws.close()

    async def run(self, query_string: str, source_label: str | None = None, timeout: float = 120.0) -> Run:
        """Ask for a script run (with the source list set to ``source_label``) and read until it finishes."""
        assert self.ws is not None
        back = BackMsg()
        back.rerun_script.query_string = query_string
        if source_label is not None:
            state = back.rerun_script.widget_states.widgets.add()
            state.id = self.source_list_id
            state.string_value = source_label
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        run = Run(0.0, "no answer")
        deadline = started + timeout
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.perf_counter())))
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._read_element(msg, run)
            elif kind == "page_info_changed":
                run.query_string = msg.page_info_changed.query_string
            elif kind == "script_finished":
                run.seconds = time.perf_counter() - started
                run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                return run

    def _read_element(self, msg: ForwardMsg, run: Run) -> None:
        element = msg.delta.new_element
        name = element.WhichOneof("type") or ""
        run.elements.append(name)
        if name == "exception":
            run.exceptions.append(element.exception.message)
        elif name == "deck_gl_json_chart":
            run.deck_json = element.deck_gl_json_chart.json
        elif name == "selectbox" and element.selectbox.id.endswith("-" + SOURCE_LIST_KEY):
            self.source_list_id = element.selectbox.id
            self.source_labels = list(element.selectbox.options)
