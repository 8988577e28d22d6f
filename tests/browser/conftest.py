"""A real `streamlit run app.py` on a free localhost port, driven by Debian's headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
MAP_CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"
SCRIPT_IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""  # no "running" status shown
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:",
                  "about:")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    env_extra: dict[str, str] | None = None, app: str | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start streamlit (``app.py`` unless ``app`` names another script) on a free port; wait until healthy."""
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app or str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start_server` (terminate, then kill after 10 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    proc, url = start_server()
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with 'apt-get install -y chromium' (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Session:
    """One browser page on the app, with every request URL and websocket it opened."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    websockets: list[Any] = field(default_factory=list)

    def open(self, query: str = "", timeout_ms: int = 60_000) -> None:
        """Load the app and wait the way Streamlit's e2e suite does."""
        self.page.goto(f"{self.url}/{query}")
        self.wait_ready(timeout_ms)

    def wait_ready(self, timeout_ms: int = 60_000) -> None:
        """Connected websocket, script finished (no running status widget), a map canvas present."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not any("/_stcore/stream" in ws.url and not ws.is_closed() for ws in self.websockets):
            if time.monotonic() > deadline:
                raise AssertionError("the app's websocket never connected")
            self.page.wait_for_timeout(100)
        self.page.wait_for_selector(MAP_CANVAS, timeout=timeout_ms)
        self.page.wait_for_timeout(300)
        self.page.wait_for_function(SCRIPT_IDLE, timeout=timeout_ms)
        self.page.wait_for_timeout(1500)  # deck.gl paints on the next animation frames

    def outside_requests(self) -> list[str]:
        """Every request that went anywhere but this machine."""
        return [u for u in self.requests if not u.startswith(LOCAL_PREFIXES)]


@pytest.fixture()
def session(browser: Any, server: str) -> Iterator[Session]:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    s = Session(page, server)
    page.on("request", lambda r: s.requests.append(r.url))
    page.on("websocket", lambda ws: s.websockets.append(ws))
    try:
        yield s
    finally:
        context.close()
