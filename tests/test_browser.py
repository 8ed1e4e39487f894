"""A real headless Chromium with no internet: the map draws, loads nothing from outside, survives a filter
change and opens the details panel on a click. Skipped without Chromium unless CI/POBRATYMY_REQUIRE_BROWSER."""

import re

import pytest

pytestmark = pytest.mark.browser

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LINES_JS = """() => window.map ? Object.values(window.map._layers)
    .filter(l => l.feature && /LineString/.test(l.feature.geometry.type)).map(l => l.feature.properties.t) : null"""
KRAMATORSK = (48.73106, 37.56779)


def map_frame(page):
    handle = page.wait_for_selector(IFRAME, timeout=30_000)
    frame = handle.content_frame()
    frame.wait_for_function(f"() => {{ const t = ({LINES_JS})(); return t && t.length > 0; }}", timeout=30_000)
    return handle, frame


def lines(frame):
    return frame.evaluate(LINES_JS)


def assert_offline_and_clean(page):
    assert page.foreign == [], f"requests to the internet: {page.foreign[:5]}"
    bad = [f for f in page.failed if f[0] in {"script", "stylesheet", "fetch", "xhr"}]
    assert bad == [], f"failed requests: {bad}"
    assert page.dialogs == []


def test_map_draws_offline_and_survives_a_filter_change_then_a_click_opens_details(page, app_server):
    page.goto(app_server)
    handle, frame = map_frame(page)
    # the first view is the overview: one line per oblast -> partner country, labelled with its count;
    # together they carry the fixture's 8 live ties with coordinates on both ends
    overview = lines(frame)
    assert overview and all(" → " in t for t in overview), overview
    assert sum(int(re.search(r": (\d+) ", t).group(1)) for t in overview) == 8, overview
    assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1  # canvas renderer
    frame.wait_for_function("() => document.querySelector('.leaflet-basemap-pane canvas') !== null")
    assert "Вид зв" in frame.locator(".pb-legend").inner_text()

    frame.evaluate("window.__mounted_marker = 'still here'")
    page.get_by_role("textbox", name="Пошук місця").fill("Краматорськ")
    page.keyboard.press("Enter")
    frame.wait_for_function(f"() => ({LINES_JS})().length === 1", timeout=20_000)
    assert lines(frame) == ["Краматорськ — Stamford (Сполучені Штати Америки)"]
    assert frame.evaluate("window.__mounted_marker") == "still here"  # same map, not rebuilt
    assert handle.evaluate("el => el.isConnected")  # the same iframe element
    assert "q=" in page.url  # the filter is in the URL

    frame.evaluate(f"() => {{ window.map.setView([{KRAMATORSK[0]}, {KRAMATORSK[1]}], 8, {{animate: false}}); }}")
    pt = frame.evaluate(f"() => window.map.latLngToContainerPoint([{KRAMATORSK[0]}, {KRAMATORSK[1]}])")
    box = handle.bounding_box()
    page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])
    page.get_by_text("6 квітня 2023").wait_for(timeout=20_000)
    link = page.get_by_role("link", name="джерело 1")
    assert link.get_attribute("href") == "https://example.org/fixture/kramatorsk-stamford"
    assert link.get_attribute("target") == "_blank"
    assert "place=" in page.url
    assert_offline_and_clean(page)


def test_deep_link_restores_donetsk_in_english(page, app_server):
    page.goto(f"{app_server}/?lang=en&oblast=UA-14&place=UA%7Cua+14%7Ckramatorsk")
    _, frame = map_frame(page)
    assert sorted(lines(frame)) == [
        "Kramatorsk — Stamford (United States)",
        "Lyman — Westport (United States)",
        "Sviatohirsk — Easton (United States)",
    ]
    page.get_by_text("6 April 2023").wait_for(timeout=20_000)
    assert_offline_and_clean(page)
