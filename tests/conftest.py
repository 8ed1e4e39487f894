"""Shared fixtures: the small real-place map fixture, and the browser harness (a Streamlit server on a
free loopback port, polled until healthy, and a headless Chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pobratymy.devserver import free_port, running_dashboard, wait_healthy  # noqa: F401 - re-exported

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAP_DATA = FIXTURES / "map" / "partnerships.csv"
MAP_PLACES = FIXTURES / "map" / "places.csv"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
REPO_DATA = ROOT / "data"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def map_frame():
    """The map fixture loaded, joined with its places and arcs (what the map page works on)."""
    from pobratymy import filters as F
    from pobratymy.config import GEO_DATA_DIR
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild

    loaded = load_partnerships(MAP_DATA)
    assert not loaded.problems, loaded.problems
    aliases = F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv")
    return mapbuild.with_arcs(F.enrich(loaded.frame, load_places(MAP_PLACES), aliases))


def browser_required() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or os.environ.get("POBRATYMY_REQUIRE_BROWSER") == "1"


def chromium_path() -> str | None:
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """``streamlit run dashboard.py`` on a free port with POBRATYMY_DATA = the map fixture; yields the URL."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with running_dashboard({**os.environ, "POBRATYMY_DATA": str(MAP_DATA)}, log, timeout=60) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module (the journeys use it too). Module scope: Playwright's sync API runs one
    instance per thread at a time, so each module's is stopped before the next starts."""
    exe = chromium_path()
    if not exe:
        if browser_required():
            pytest.fail("Chromium is required (CI or POBRATYMY_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("chromium not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if browser_required():
            raise
        pytest.skip("playwright not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records dialogs, failed requests and requests to non-loopback hosts; takes a
    screenshot into tests/artifacts/ when the test fails."""
    from urllib.parse import urlparse

    ctx = browser.new_context(viewport={"width": 1400, "height": 950})
    pg = ctx.new_page()
    pg.dialogs, pg.failed, pg.foreign = [], [], []

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    def on_request(req):
        host = urlparse(req.url).hostname or ""
        if req.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in {"127.0.0.1", "localhost"}:
            pg.foreign.append(req.url)

    pg.on("dialog", on_dialog)
    pg.on("request", on_request)
    pg.on("requestfailed", lambda r: pg.failed.append((r.resource_type, r.url, r.failure)))
    pg.on("response", lambda r: r.status >= 400 and pg.failed.append((r.request.resource_type, r.url, r.status)))
    # block anything that is not loopback, so no test can pass thanks to the internet
    ctx.route(lambda u: (urlparse(u).hostname or "") not in {"127.0.0.1", "localhost"}, lambda route: route.abort())
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    ctx.close()


def pytest_collection_modifyitems(config, items):
    """Run the journeys (tests/journeys/, their own session-wide Playwright) after every other test."""
    journeys = Path(__file__).resolve().parent / "journeys"
    items.sort(key=lambda item: journeys in Path(str(item.path)).resolve().parents)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def snapshot(*dirs: Path) -> dict[Path, bytes]:
    """Bytes of every file under ``dirs`` — for the repository's data/ only what the app's pages could
    write there (other work may rebuild data/partnerships.csv or data/places.csv meanwhile). Tests
    compare two snapshots to prove that a read-only page wrote nothing."""
    out = {}
    for d in dirs:
        if d == REPO_DATA:
            files = [d / "places_overrides.csv", d / "changes.csv", *(d / "backups").glob("*")]
        else:
            files = list(d.rglob("*"))
        out.update({p: p.read_bytes() for p in files if p.is_file()})
    return out
