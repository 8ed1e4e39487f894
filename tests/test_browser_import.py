"""The import page in a real headless Chromium with every non-loopback request refused: a council's register
uploaded into an empty dataset, the preview map drawn by the main map's renderer (offline Leaflet and
basemap), and the page's words in Ukrainian. Skipped without Chromium unless CI/POBRATYMY_REQUIRE_BROWSER."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pobratymy.devserver import running_dashboard

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "tests" / "fixtures" / "council_register" / "register_cp1251.csv"
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LINES_JS = """() => window.map ? Object.values(window.map._layers)
    .filter(l => l.feature && /LineString/.test(l.feature.geometry.type)).map(l => l.feature.properties.t) : null"""


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    from pobratymy.schema import COLUMNS

    d = tmp_path_factory.mktemp("import-empty")
    data = d / "partnerships.csv"
    data.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "POBRATYMY_ADMIN_PASSWORD"}
    env["POBRATYMY_DATA"] = str(data)
    with running_dashboard(env, d / "streamlit.log", timeout=60) as url:
        yield url


def test_preview_map_draws_offline_with_the_main_renderer(page, empty_server):
    page.goto(f"{empty_server}/import")
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)
    page.locator('input[type="file"]').set_input_files(str(REGISTER))
    handle = page.wait_for_selector(IFRAME, timeout=90_000)
    frame = handle.content_frame()
    frame.wait_for_function(f"() => {{ const t = ({LINES_JS})(); return t && t.length > 0; }}", timeout=60_000)
    drawn = frame.evaluate(LINES_JS)
    assert len(drawn) == 39  # every accepted row of the register: both ends placed
    assert "Київ — Munich (Німеччина)" in drawn
    frame.wait_for_function("() => document.querySelector('.leaflet-basemap-pane canvas') !== null", timeout=30_000)
    assert "Вид зв" in frame.locator(".pb-legend").inner_text()  # the main map's legend, in Ukrainian
    page.get_by_text("Рядки, де назва підходить кільком громадам", exact=False).first.wait_for(timeout=30_000)
    assert page.foreign == [], f"requests to the internet: {page.foreign[:5]}"
    # (Streamlit's front end first probes /import/_stcore/... when a page URL is opened directly: its 404s
    # are the framework's own, not the map's)
    bad = [f for f in page.failed if f[0] in {"script", "stylesheet", "fetch", "xhr"}
           and not f[1].split("?")[0].endswith(("/import/_stcore/host-config", "/import/_stcore/health"))]
    assert bad == [], f"failed requests: {bad}"
    assert page.dialogs == []
