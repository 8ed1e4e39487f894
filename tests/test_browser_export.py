"""Real Chromium: the exported HTML draws with every network request refused; the growth replay runs
from 2014 to today on one and the same map iframe; the presentation spotlight shows its card."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pobratymy import exporting, i18n, present
from pobratymy.exporting import LINES_DRAWN_JS
from pobratymy.render import assets, encode, mapbuild
from pobratymy.safe import json_for_script

pytestmark = pytest.mark.browser

BASEMAP_DRAWN_JS = """() => {
  const m = Object.values(window).find(v => window.L && v instanceof L.Map);
  let n = 0;
  if (m) { m.eachLayer(l => { if (l instanceof L.Polygon && l._parts && l._parts.length) { n++; } }); }
  return n;
}"""

#: every basemap polygon and every partnership line the map holds, drawn on screen or not
LAYERS_JS = """() => {
  const m = Object.values(window).find(v => window.L && v instanceof L.Map);
  const out = {polygons: 0, lines: 0};
  m.eachLayer(l => { if (l instanceof L.Polygon) { out.polygons++; } else if (l instanceof L.Polyline) { out.lines++; } });
  return out;
}"""


def _basemap_features() -> int:
    assets.ensure_static()
    return sum(len(json.loads((assets.STATIC_DIR / assets.VENDOR / rel).read_text(encoding="utf-8"))["features"])
               for rel in assets.BASEMAP_FILES)



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
        layers = page.evaluate(LAYERS_JS)
    finally:
        ctx.close()
    assert lines >= 5  # the fixture has 8 ties on the map, grouped into line layers by kind
    assert polygons > 50  # countries and oblasts of the inlined basemap
    n_lines = sum(len(fc["features"]) for fc in mapbuild.line_collections(map_frame, "uk", present.country_namer("uk")).values())
    assert layers == {"polygons": _basemap_features(), "lines": n_lines}  # decoded: every feature is there
    assert refused == [] and seen == [url]  # nothing else was even asked for
    assert errors == []


def test_encoded_coordinates_decode_exactly_in_chromium(browser, map_frame, tmp_path):
    """pbDecode in the real JS engine gives the very numbers the plain GeoJSON parses to."""
    assets.ensure_static()
    plain = [json.loads((assets.STATIC_DIR / assets.VENDOR / rel).read_text(encoding="utf-8"))
             for rel in assets.BASEMAP_FILES]
    plain += list(mapbuild.line_collections(map_frame, "uk", present.country_namer("uk")).values())
    enc = [encode.encode_collection(fc) for fc in plain]
    assert all(e is not None for e in enc)
    page_js = (f"<script>{encode.DECODER_JS}</script><script>window.PLAIN = {json_for_script(plain)};"
               f"window.ENC = {json_for_script(enc)};</script>")
    path = tmp_path / "decode.html"
    path.write_text(f"<!doctype html><meta charset=utf-8>{page_js}", encoding="utf-8")
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(path.as_uri())
        same = page.evaluate("""() => window.ENC.map((e, i) =>
            JSON.stringify(pbDecode(e)) === JSON.stringify(window.PLAIN[i]))""")
    finally:
        ctx.close()
    assert same == [True] * len(plain)


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
    title = page.locator("p.pb-title").inner_text()  # the place, then what is shown of it
    assert title.startswith("Краматорськ") and "1 партнерство" in title, title
    assert not page.locator("section[data-testid='stSidebar']").is_visible()
    page.wait_for_function("() => document.querySelector(\"iframe[title*='st_folium']\") !== null")
    for _ in range(300):
        frame = _map_frame(page)
        if frame and frame.evaluate(LINES_DRAWN_JS) > 0:
            break
        page.wait_for_timeout(100)
    assert frame.evaluate(LINES_DRAWN_JS) > 0
    assert page.foreign == []
