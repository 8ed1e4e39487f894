"""The journeys: what people do with Pobratymy, walked in a real headless Chromium with no internet, on the
bundled data, at projector size (1280×720) and on a large screen (1600×1000). They are the acceptance of
the app; unit tests stay for its parts.

Every step waits for Streamlit to be idle (no running indicator for a while), asserts that no exception
element is on the page, and saves a screenshot into ``tests/artifacts/journeys/`` (always, so a person can
look at them; the README's screenshots are taken from there).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import ARTIFACTS, running_dashboard

SHOTS = ARTIFACTS / "journeys"
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
PROJECTOR = {"width": 1280, "height": 720}
LARGE = {"width": 1600, "height": 1000}

#: idle = no running indicator and the main block present, for 1.2 s in a row
IDLE_JS = """() => { const busy = !!document.querySelector('[data-testid=stStatusWidget]')
    || !document.querySelector('[data-testid=stMainBlockContainer]');
    const now = Date.now(); if (busy) { window.__pbIdle = null; return false; }
    window.__pbIdle = window.__pbIdle || now; return now - window.__pbIdle > 1200; }"""


@pytest.fixture(scope="session")
def real_server(tmp_path_factory):
    """The dashboard on the bundled data (POBRATYMY_DATA unset), on a free loopback port."""
    log = tmp_path_factory.mktemp("journey-server") / "streamlit.log"
    env = {k: v for k, v in os.environ.items() if k != "POBRATYMY_DATA"}
    with running_dashboard(env, log, timeout=120) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(browser):
    """The module's headless Chromium (tests/conftest.py ``browser``: one Playwright at a time)."""
    return browser


class Walk:
    """One person's browser tab: offline (every request but the local server's refused), recording
    dialogs and requests that tried to leave the machine."""

    def __init__(self, browser, base: str, viewport: dict, name: str):
        self.base, self.name, self.step = base, name, 0
        self.ctx = browser.new_context(viewport=viewport)
        self.ctx.route(lambda u: (urlparse(u).hostname or "") not in {"127.0.0.1", "localhost"},
                       lambda route: route.abort())
        self.page = self.ctx.new_page()
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", self._on_request)

    def _on_request(self, req) -> None:
        host = urlparse(req.url).hostname or ""
        if req.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in {"127.0.0.1", "localhost"}:
            self.foreign.append(req.url)

    def idle(self, timeout: float = 120_000) -> None:
        self.page.evaluate("window.__pbIdle = null")
        self.page.wait_for_timeout(300)
        self.page.wait_for_function(IDLE_JS, timeout=timeout, polling=150)

    def shot(self, label: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.step += 1
        path = SHOTS / f"{self.name}-{self.step:02d}-{label}.png"
        self.page.screenshot(path=str(path))
        return path

    def check(self, label: str, *, map_shown: bool = False) -> None:
        """Idle, (the map drawn and fitted,) a screenshot, and no exception on the page."""
        self.idle()
        if map_shown:
            self.map_frame()
        self.shot(label)
        errors = [e.inner_text()[:400] for e in self.page.locator('[data-testid="stException"]').all()]
        assert errors == [], f"{label}: exception on the page: {errors}"
        assert self.dialogs == [], f"{label}: dialogs: {self.dialogs}"

    def goto(self, path: str, label: str, *, map_shown: bool = False) -> None:
        self.page.goto(self.base + path)
        self.check(label, map_shown=map_shown)

    def nav(self, title: str, label: str, *, map_shown: bool = False) -> None:
        self.page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        self.check(label, map_shown=map_shown)

    def map_frame(self, index: int = 0):
        handle = self.page.locator(IFRAME).nth(index).element_handle(timeout=60_000)
        frame = handle.content_frame()
        frame.wait_for_function("() => window.map && window.map._loaded && window.pbSettled !== null", timeout=60_000)
        frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return handle, frame

    def in_viewport(self, locator) -> bool:
        box = locator.bounding_box()
        vp = self.page.viewport_size
        return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= vp["height"] and box["x"] >= 0 \
            and box["x"] + box["width"] <= vp["width"]

    def close(self) -> None:
        assert self.foreign == [], f"requests to the internet: {self.foreign[:5]}"
        self.ctx.close()


@pytest.fixture
def walk(chromium, real_server, request):
    walks: list[Walk] = []

    def start(viewport: dict = LARGE, name: str | None = None) -> Walk:
        w = Walk(chromium, real_server, viewport, name or request.node.name)
        walks.append(w)
        return w

    yield start
    for w in walks:
        w.close()
