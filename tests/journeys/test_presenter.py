"""The presenter: a council clerk prepares a slide on a laptop and shows it on a projector (1280×720),
often offline — opens the map, filters an oblast, spotlights a place, steps through its partners with the
keyboard or a clicker, and exports the view as PNG and HTML for the slides."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.journeys.conftest import LARGE, PROJECTOR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FULL_HD = {"width": 1920, "height": 1080}


@pytest.mark.parametrize("viewport", [PROJECTOR, FULL_HD], ids=["1280x720", "1920x1080"])
def test_spotlight_steps_through_partners_with_the_keyboard_without_scrolling(walk, viewport):
    w = walk(viewport, name=f"presenter-{viewport['width']}")
    w.goto("/?oblast=UA-63", "map-kharkiv-oblast", map_shown=True)
    assert "oblast=UA-63" in w.page.url
    w.goto("/?oblast=UA-63&present=1&focus=Kharkiv", "spotlight-kharkiv", map_shown=True)
    page = w.page
    title = page.locator("p.pb-title")
    assert "Харків" in title.inner_text()
    buttons = [page.locator(f".st-key-{k} button") for k in ("pr_prev", "pr_next", "pr_year_btn", "pr_exit")]
    for b in buttons:  # every step control on screen, no scrolling
        assert w.in_viewport(b), b
    assert w.in_viewport(page.locator(IFRAME_SEL))
    items = page.locator(".pb-card li")
    n = items.count()
    assert n >= 10  # Kharkiv has many partners: the list scrolls inside its box, the page does not
    assert page.evaluate("() => document.scrollingElement.scrollHeight <= window.innerHeight + 2")

    page.keyboard.press("ArrowRight")
    w.check("first-partner")
    now = page.locator(".pb-card li.pb-now")
    assert now.count() == 1 and now.inner_text() == items.nth(0).inner_text()
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    w.check("second-partner")
    assert page.locator(".pb-card li.pb-now").inner_text() == items.nth(1).inner_text()
    assert w.in_viewport(page.locator(".pb-card li.pb-now"))
    # the current partner is legible: dark text on a light box
    colours = page.locator(".pb-card li.pb-now").evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert colours[0] != colours[1] and "255, 225, 77" in colours[1]
    page.keyboard.press("PageUp")
    w.check("back-to-first")
    assert page.locator(".pb-card li.pb-now").inner_text() == items.nth(0).inner_text()

    # labels on the map: the current partner's is shown, none overlaps another or leaves the map
    _, frame = w.map_frame()
    frame.wait_for_function("() => window.map.pbLabels && window.map.pbLabels.pbShown > 0", timeout=30_000)
    overlaps = frame.evaluate("""() => {
        const box = window.map.getContainer().getBoundingClientRect();
        const els = [...document.querySelectorAll('.pb-label')].filter(e => e.style.visibility !== 'hidden');
        const r = els.map(e => e.getBoundingClientRect());
        let bad = 0;
        r.forEach((a, i) => { if (a.left < box.left || a.right > box.right || a.top < box.top || a.bottom > box.bottom) bad++;
            r.forEach((b, j) => { if (j > i && !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom)) bad++; }); });
        return [bad, els.map(e => e.className).join(' ')];
    }""")
    assert overlaps[0] == 0
    assert "pb-current" in overlaps[1]

    page.keyboard.press("ArrowDown")  # next year: the card says which year, the list shrinks to it
    w.check("first-year")
    assert page.locator("p.pb-year").count() == 1
    assert page.locator(".pb-card li").count() < n


IFRAME_SEL = 'iframe[title="streamlit_folium.st_folium"]'


def test_presentation_title_says_what_is_shown(walk):
    w = walk(PROJECTOR, name="presenter-title")
    w.goto("/?present=1&status=terminated", "terminated")
    sub = w.page.locator("p.pb-title .pb-sub").inner_text()
    assert "розірван" in sub
    w.goto("/?present=1&country=PL&lang=en", "poland-en")
    text = w.page.locator("p.pb-title").inner_text()
    assert "Poland" in text and "partnership" in text


def _pixels_differ(a_path, b_path) -> float:
    from PIL import Image, ImageChops

    a, b = Image.open(a_path).convert("RGB"), Image.open(b_path).convert("RGB")
    assert a.size == b.size
    diff = ImageChops.difference(a, b).convert("L")
    changed = sum(diff.histogram()[1:])
    return changed / (a.size[0] * a.size[1])


@pytest.mark.parametrize("args", [["--oblast", "UA-46"], ["--focus", "Kharkiv"], ["--country", "PL", "--lang", "en"]],
                         ids=["lviv-oblast", "focus-kharkiv", "poland-en"])
def test_export_png_is_the_settled_html(chromium, tmp_path, args):
    """``export-map --png`` gives the same picture as a settled screenshot of the exported HTML."""
    from pobratymy.exporting import SETTLED_JS

    html, png = tmp_path / "map.html", tmp_path / "map.png"
    out = subprocess.run([sys.executable, "-m", "pobratymy", "export-map", "--out", str(html), *args, "--png", str(png)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    ctx = chromium.new_context(viewport={"width": 1600, "height": 900})
    url = html.as_uri()
    ctx.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_function(SETTLED_JS, timeout=60_000)
    page.wait_for_timeout(1500)  # a person looks at the page a moment later: nothing may have moved
    settled = tmp_path / "settled.png"
    page.screenshot(path=str(settled))
    text = page.locator(".pb-card").inner_text()
    ctx.close()
    assert _pixels_differ(png, settled) < 0.005
    assert "2026" in text or "20" in text  # the date of the data on the slide
    assert ("джерела" in text) or ("sources" in text)


def test_map_page_exports_name_what_is_in_them(walk):
    w = walk(LARGE, name="presenter-exports")
    w.goto("/?oblast=UA-46&country=PL", "lviv-poland", map_shown=True)
    page = w.page
    with page.expect_download(timeout=120_000) as dl:
        page.locator(".st-key-ex_csv button").click()
    name = dl.value.suggested_filename
    assert name.startswith("pobratymy-partnerships-lvivska-oblast-PL-") and name.endswith(".csv")
    body = open(dl.value.path(), encoding="utf-8-sig").read()
    assert "Львівська область" in body and "Польща" in body
    with page.expect_download(timeout=120_000) as dl:
        page.locator(".st-key-ex_html button").click()
    assert dl.value.suggested_filename.startswith("pobratymy-lvivska-oblast-PL-")
    w.check("after-downloads")


def test_coverage_slide_of_an_oblast(walk):
    w = walk(PROJECTOR, name="presenter-coverage")
    w.goto("/?present=1&view=coverage&oblast=UA-46", "lviv-coverage", map_shown=True)
    title = w.page.locator("p.pb-title").inner_text()
    assert title.startswith("Львівська область:") and "з 73 громад мають партнерів" in title
    _, frame = w.map_frame()
    assert frame.locator(".pb-cov-legend").count() == 1
    assert w.in_viewport(w.page.locator(IFRAME_SEL))
