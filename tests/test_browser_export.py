"""Real Chromium: the exported HTML draws with every network request refused; the growth replay runs
from 2014 to today on one and the same map iframe; the presentation spotlight shows its card."""

from __future__ import annotations

import datetime as dt

import pytest

from pobratymy import exporting, i18n, present
from pobratymy.exporting import LINES_DRAWN_JS

pytestmark = pytest.mark.browser

BASEMAP_DRAWN_JS = """() => {
  const m = Object.values(window).find(v => window.L && v instanceof L.Map);
  let n = 0;
  if (m) { m.eachLayer(l => { if (l instanceof L.Polygon && l._parts && l._parts.length) { n++; } }); }
  return n;
}"""


@pytest.mark.parametrize("focus", [None, "UA|ua 14|kramatorsk"])
def test_exported_html_draws_with_network_refused(browser, map_frame, tmp_path, focus):
    html = exporting.map_html(map_frame, "uk", present.country_namer("uk"), focus=focus, title="Краматорськ")
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    seen, refused = [], []

    def route(r):
        seen.append(r.request.url)
        if r.request.url == url:
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_function(f"({LINES_DRAWN_JS})() > 0", timeout=20_000)
        lines = page.evaluate(LINES_DRAWN_JS)
        polygons = page.evaluate(BASEMAP_DRAWN_JS)
    finally:
        ctx.close()
    assert lines >= 5  # the fixture has 8 ties on the map, grouped into line layers by kind
    assert polygons > 50  # countries and oblasts of the inlined basemap
    assert refused == [] and seen == [url]  # nothing else was even asked for
    assert errors == []


def _map_frame(page):
    for f in page.frames:
        if "st_folium" in f.url:
            return f
    return None


def test_replay_runs_2014_to_today_on_the_same_iframe(app_server, page):
    page.goto(f"{app_server}/timeline")
    page.wait_for_selector("iframe[title*='st_folium']", timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll(\"iframe[title*='st_folium']\").length === 1")
    page.evaluate("() => { document.querySelector(\"iframe[title*='st_folium']\").dataset.pbMark = 'original'; }")
    first = i18n.format_date(dt.date(2014, 12, 31).isoformat(), "uk")
    last = i18n.format_date(dt.date.today().isoformat(), "uk")
    page.get_by_role("button", name=i18n.t("rp.play", "uk")).click()
    page.get_by_text(f"Станом на {first}").first.wait_for(timeout=30_000)  # the replay started in 2014
    seen = set()
    for _ in range(600):  # up to 60 s of 0.1 s polls; the replay takes ~13 steps of 1.2 s
        status = page.locator("strong", has_text="Станом на").first.inner_text()
        seen.add(status)
        if page.get_by_role("button", name=i18n.t("rp.play", "uk")).count() and last in status:
            break
        page.wait_for_timeout(100)
    assert last in status, status
    assert len(seen) >= 5, seen  # it stepped through time
    marks = page.evaluate("() => [...document.querySelectorAll(\"iframe[title*='st_folium']\")].map(f => f.dataset.pbMark)")
    assert marks == ["original"]  # the same iframe element: never re-created
    frame = _map_frame(page)
    assert frame is not None and frame.evaluate(LINES_DRAWN_JS) > 0
    assert page.foreign == [] and page.dialogs == []


def test_presentation_spotlight_card_in_ukrainian(app_server, page):
    page.goto(f"{app_server}/?present=1&focus=Kramatorsk&lang=uk")
    card = page.locator(".pb-card")
    card.wait_for(timeout=60_000)
    assert "Stamford" in card.inner_text() and "6 квітня 2023" in card.inner_text()
    assert page.locator("p.pb-title").inner_text() == "Краматорськ"
    assert not page.locator("section[data-testid='stSidebar']").is_visible()
    page.wait_for_function("() => document.querySelector(\"iframe[title*='st_folium']\") !== null")
    for _ in range(300):
        frame = _map_frame(page)
        if frame and frame.evaluate(LINES_DRAWN_JS) > 0:
            break
        page.wait_for_timeout(100)
    assert frame.evaluate(LINES_DRAWN_JS) > 0
    assert page.foreign == []
