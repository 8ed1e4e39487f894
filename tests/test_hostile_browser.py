"""Hostile data in a real headless Chromium (no internet): the app on tests/fixtures/hostile_data, every
page, the map's tooltips (opened one by one, and one real hover), the details panel, the tables, the
presentation view, the import page with an uploaded hostile spreadsheet, and the exported HTML.

Each check: no dialog fired (an ``alert`` from any frame would be recorded by the ``page`` fixture), no
injected element exists (``img[src=x]``, ``svg[onload]``), the payload text is shown as text, and no
``a[href]`` in the page or any frame (the map iframes included) is a ``javascript:``/``data:`` link.
Skipped without Chromium unless CI/POBRATYMY_REQUIRE_BROWSER."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from pobratymy.devserver import running_dashboard

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_data"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"
JINJA = "{{ 7*7 }}"
APOS = "Кам'янець-Подільський"
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
KRAMATORSK = "UA|ua 14|kramatorsk"
ALL_STATUSES = "signed,approved,announced,in_preparation,terminated"

HREFS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"
INJECTED_JS = """() => document.querySelectorAll(
    'img[src="x"], svg[onload], [onerror], [onload]:not(body):not(iframe):not(script), script:not([src])[data-x]').length"""
#: open every tooltip of the Leaflet map in this frame; returns (texts, injected elements seen)
TOOLTIPS_JS = """() => {
  const m = window.map || Object.values(window).find(v => window.L && v instanceof L.Map);
  if (!m) { return null; }
  const texts = []; let bad = 0;
  m.eachLayer(l => {
    if (!l.getTooltip || !l.getTooltip()) { return; }
    const ll = l.getLatLng ? l.getLatLng() : (l.getBounds ? l.getBounds().getCenter() : null);
    if (!ll) { return; }
    l.openTooltip(ll);
    const el = l.getTooltip().getElement();
    if (el) { texts.push(el.innerText); bad += el.querySelectorAll('img, svg, script, iframe, a').length; }
    l.closeTooltip();
  });
  return [texts, bad];
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """``streamlit run dashboard.py`` on the hostile fixture (places.csv beside it), read-only."""
    log = tmp_path_factory.mktemp("hostile") / "streamlit.log"
    env = {k: v for k, v in os.environ.items() if k != "POBRATYMY_ADMIN_PASSWORD"}
    env["POBRATYMY_DATA"] = str(HOSTILE / "partnerships.csv")
    with running_dashboard(env, log, timeout=60) as url:
        yield url


def settle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit's script run has finished (the app root says ``notRunning``)."""
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)


def assert_clean(page) -> None:
    """No dialog, no script link, no injected element in the page and in every frame."""
    assert page.dialogs == [], f"a dialog fired: {page.dialogs}"
    for frame in page.frames:
        try:
            hrefs = frame.evaluate(HREFS_JS)
            injected = frame.evaluate(INJECTED_JS)
        except Exception as exc:  # noqa: BLE001 - a frame detached meanwhile has nothing left to check
            if "detached" in str(exc).lower() or "destroyed" in str(exc).lower():
                continue
            raise
        bad = [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
        assert bad == [], f"script links in {frame.url}: {bad}"
        assert injected == 0, f"injected elements in {frame.url}"


def map_tooltips(page, n_maps: int = 1) -> list[str]:
    """Open every tooltip of every st_folium map on the page; return their texts (after checks)."""
    page.wait_for_selector(IFRAME, timeout=60_000)
    texts: list[str] = []
    for handle in page.query_selector_all(IFRAME)[:n_maps]:
        frame = handle.content_frame()
        frame.wait_for_function("() => !!(window.L && Object.values(window).find(v => v instanceof L.Map))",
                                timeout=60_000)
        frame.wait_for_function(f"() => {{ const r = ({TOOLTIPS_JS})(); return r && r[0].length > 0; }}",
                                timeout=60_000)
        got, bad = frame.evaluate(TOOLTIPS_JS)
        assert bad == 0, "a tooltip holds an element built from data"
        texts += got
    return texts


def test_map_page_tooltips_details_and_tables(page, hostile_server):
    page.goto(f"{hostile_server}/?status={ALL_STATUSES}&place={quote(KRAMATORSK)}")
    settle(page)
    tips = map_tooltips(page)
    joined = "\n".join(tips)
    for text in (IMG, SCRIPT, "`${alert(3)}`", JINJA, "javascript:alert(4)", "\"'><svg onload=alert(5)>", APOS):
        assert text in joined, f"{text!r} not shown as text in a tooltip"
    # details panel of Kramatorsk: the partner and facilitator as text, sources as https links only
    page.get_by_text(IMG, exact=False).first.wait_for(timeout=20_000)
    page.get_by_text(SCRIPT, exact=False).first.wait_for(timeout=20_000)
    link = page.get_by_role("link", name="джерело 1").first
    assert link.get_attribute("href").startswith("https://example.org/hostile?q=")
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2  # top countries and places tables
    assert_clean(page)


def test_real_hover_shows_the_place_name_as_text(page, hostile_server):
    page.goto(hostile_server)
    settle(page)
    handle = page.wait_for_selector(IFRAME, timeout=60_000)
    frame = handle.content_frame()
    frame.wait_for_function("() => window.map && Object.keys(window.map._layers).length > 5", timeout=60_000)
    frame.evaluate("() => { window.map.setView([48.73106, 37.56779], 9, {animate: false}); }")
    pt = frame.evaluate("() => window.map.latLngToContainerPoint([48.73106, 37.56779])")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + pt["x"], box["y"] + pt["y"])
    tip = frame.locator(".leaflet-tooltip").first
    tip.wait_for(timeout=20_000)
    assert IMG in tip.inner_text()
    assert tip.locator("img").count() == 0
    assert_clean(page)


@pytest.mark.parametrize("path", [
    "/?lang=en&status=" + ALL_STATUSES + "&place=" + quote("UA|ua 68|kamianets podilskyi"),
    "/timeline",
    "/timeline?lang=en",
    "/quality",
    "/?present=1",
    "/?present=1&focus=" + quote("Краматорськ"),
    "/?q=" + quote(IMG),
])
def test_every_page_survives(page, hostile_server, path):
    page.goto(hostile_server + path)
    settle(page)
    if page.locator(IFRAME).count():
        map_tooltips(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert_clean(page)


def test_import_page_with_a_hostile_spreadsheet(page, hostile_server):
    page.goto(f"{hostile_server}/import")
    settle(page)
    page.locator('input[type="file"]').set_input_files(str(HOSTILE / "import.csv"))
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    settle(page)
    if page.locator(IFRAME).count():
        map_tooltips(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert_clean(page)


def _only(url: str):
    """A route handler that lets the file itself through and refuses every other request."""
    return lambda route: route.continue_() if route.request.url == url else route.abort()


def test_exported_html_in_the_browser(browser, tmp_path):
    from pobratymy import exporting, present
    from pobratymy import filters as F
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild
    from pobratymy.schema import Status

    df = mapbuild.with_arcs(F.enrich(load_partnerships(HOSTILE / "partnerships.csv").frame,
                                     load_places(HOSTILE / "places.csv")))
    sel = F.apply(df, F.Filters(statuses=tuple(s.value for s in Status)))
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    dialogs: list[str] = []
    try:
        for i, focus in enumerate((None, KRAMATORSK)):
            html = exporting.map_html(sel, "uk", present.country_namer("uk"), focus=focus, title=IMG,
                                      subtitle=SCRIPT, card_lines=[JINJA, APOS])
            path = tmp_path / f"export-{i}.html"
            path.write_text(html, encoding="utf-8")
            url = path.as_uri()
            ctx.route("**/*", _only(url))
            pg = ctx.new_page()
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pg.goto(url, wait_until="load")
            pg.wait_for_function(f"({exporting.LINES_DRAWN_JS})() > 0", timeout=30_000)
            tips, bad = pg.evaluate(TOOLTIPS_JS)
            assert bad == 0
            assert any(IMG in t for t in tips) or focus  # spotlight labels replace some tooltips
            card = pg.locator(".pb-card").inner_text()
            assert IMG in card and SCRIPT in card and JINJA in card and APOS in card
            hrefs = pg.evaluate(HREFS_JS)
            assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
            assert pg.evaluate(INJECTED_JS) == 0
            pg.close()
            ctx.unroute("**/*")
    finally:
        ctx.close()
    assert dialogs == []
