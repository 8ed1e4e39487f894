"""The explorer: a citizen or a journalist opens the map, filters by oblast, goes to every page and back,
switches the language, searches a place in several spellings, clicks a place, a line and a partner dot."""

import pytest

from tests.journeys.conftest import LARGE, PROJECTOR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LINE_TIPS = """() => Object.values(window.map._layers)
    .filter(l => l.feature && /LineString/.test(l.feature.geometry.type)).map(l => l.feature.properties.t)"""
PAGES_UK = ("Хронологія", "Імпорт", "Якість даних")


@pytest.mark.parametrize("viewport", [LARGE, PROJECTOR], ids=["1600x1000", "1280x720"])
def test_every_page_and_back_keeps_the_filters_in_both_languages(walk, viewport):
    w = walk(viewport, name=f"explorer-pages-{viewport['width']}")
    w.goto("/?oblast=UA-46", "map-lviv-oblast", map_shown=True)
    sidebar = w.page.locator('[data-testid="stSidebar"]')
    assert "Львівська область" in sidebar.inner_text()
    for title in PAGES_UK:
        w.nav(title, f"page-{title}")
        w.nav("Мапа", f"back-from-{title}", map_shown=True)
        assert "oblast=UA-46" in w.page.url, title
        assert "Львівська область" in sidebar.inner_text(), title
    # Timeline -> Map -> Timeline (crashed before)
    w.nav("Хронологія", "timeline-again")
    w.nav("Мапа", "map-again", map_shown=True)
    w.nav("Хронологія", "timeline-third")

    # switch to English: the filter stays, the labels change
    w.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    w.page.get_by_role("option", name="English").click()
    w.check("english-timeline")
    assert "oblast=UA-46" in w.page.url and "lang=en" in w.page.url
    assert "Lviv Oblast" in sidebar.inner_text()
    w.nav("Map", "english-map", map_shown=True)
    assert "Lviv Oblast" in sidebar.inner_text()
    # picking a status keeps the oblast (it was dropped before)
    status = w.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(3)
    status.scroll_into_view_if_needed()
    status.locator("input").click()
    w.page.keyboard.type("signed")
    w.page.keyboard.press("Enter")
    w.page.keyboard.press("Escape")
    w.check("english-status", map_shown=True)
    assert "oblast=UA-46" in w.page.url and "status=signed" in w.page.url
    for title in ("Timeline", "Import", "Data quality"):
        w.nav(title, f"en-page-{title}")
        w.nav("Map", f"en-back-from-{title}", map_shown=True)
    assert "oblast=UA-46" in w.page.url and "status=signed" in w.page.url and "lang=en" in w.page.url


@pytest.mark.parametrize(("query", "expected"), [
    ("Кривий Ріг", "Кривий Ріг"), ("Krivoy Rog", "Кривий Ріг"), ("Kryvyi Rih", "Кривий Ріг"),
    ("Кам'янець", "Кам"), ("Kharkov", "Харків"),
])
def test_search_in_several_spellings_then_click_the_place(walk, query, expected):
    w = walk(LARGE, name="explorer-search")
    w.goto(f"/?q={query}", f"search-{query}", map_shown=True)
    _, frame = w.map_frame()
    tips = frame.evaluate(LINE_TIPS)
    assert tips and sum(t.startswith(expected) for t in tips) * 2 > len(tips), tips[:5]
    assert w.page.locator('[data-testid="stAlert"]').filter(has_text="Точного збігу").count() == 0


def test_nonsense_finds_nothing_and_says_so(walk):
    w = walk(LARGE, name="explorer-nonsense")
    w.goto("/?q=xyzzy", "xyzzy")
    assert "нічого не знайдено" in w.page.locator('[data-testid="stMain"]').inner_text()


def _click_latlon(w, lat, lon, zoom):
    handle, frame = w.map_frame()
    frame.evaluate(f"() => {{ window.map.setView([{lat}, {lon}], {zoom}, {{animate: false}}); }}")
    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    pt = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    box = handle.bounding_box()
    w.page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])


def test_click_kyiv_selects_kyiv_not_a_smaller_place_on_top(walk):
    from geo.geocoder import OfflineGeocoder

    w = walk(LARGE, name="explorer-click")
    w.goto("/?oblast=UA-30,UA-32", "kyiv", map_shown=True)
    kyiv = OfflineGeocoder.default().resolve_ua("Київ")
    _click_latlon(w, kyiv.latitude, kyiv.longitude, 9)
    w.check("kyiv-clicked", map_shown=True)
    heads = w.page.locator('[data-testid="stHeading"]').all_inner_texts()
    assert any(h.strip() == "Київ" for h in heads), heads
    assert "place=" in w.page.url


def test_overview_line_click_filters_to_that_oblast_and_country(walk):
    w = walk(LARGE, name="explorer-overview")
    w.goto("/", "overview", map_shown=True)
    _, frame = w.map_frame()
    tips = frame.evaluate("""() => Object.values(window.map._layers)
        .filter(l => l.feature && /LineString/.test(l.feature.geometry.type) && l.feature.properties.w)
        .map(l => l.feature.properties.t)""")
    assert tips and any("→" in t for t in tips)  # aggregated lines oblast -> country
    assert "Огляд" in w.page.locator('[data-testid="stMain"]').inner_text()


def test_coverage_layer_follows_the_filters(walk):
    w = walk(LARGE, name="explorer-coverage")
    w.goto("/?oblast=UA-46", "lviv", map_shown=True)
    box = w.page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text="Покриття громад")
    box.scroll_into_view_if_needed()
    box.locator("label").click()
    w.check("coverage-on", map_shown=True)
    _, frame = w.map_frame()
    frame.wait_for_function("() => document.querySelector('.pb-cov-legend') !== null", timeout=30_000)
    tips = frame.evaluate("""() => Object.values(window.map._layers)
        .filter(l => l.feature && /Polygon/.test(l.feature.geometry.type) && l.feature.properties.t)
        .map(l => l.feature.properties.t)""")
    assert any("Львівська" in t for t in tips)
    w.nav("Покриття", "coverage-page")
    w.nav("Мапа", "back-to-map", map_shown=True)
    assert "oblast=UA-46" in w.page.url
