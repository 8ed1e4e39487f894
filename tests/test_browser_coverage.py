"""Real Chromium: the coverage layers (choropleth with legend, hromada points) draw with every network
request refused, and follow the filters."""

from __future__ import annotations

import pytest

from geo import assets, mapbuild
from geo.encode import DECODER_JS
from pobratymy import coverage as V
from pobratymy import coverage_layers as CL
from pobratymy.exporting import _inline_basemap
from pobratymy.io import load_partnerships
from pobratymy.register import load_register
from tests.test_coverage import V_DATA

pytestmark = pytest.mark.browser

COUNT_JS = """() => {
  const m = Object.values(window).find(v => window.L && v instanceof L.Map);
  const out = {filled: {}, points: 0};
  m.eachLayer(l => {
    if (l instanceof L.Polygon && l.feature && l.feature.properties.c) {
      out.filled[l.feature.properties.c] = (out.filled[l.feature.properties.c] || 0) + 1;
    } else if (l instanceof L.CircleMarker) { out.points++; }
  });
  return out;
}"""


def _html(table, lang: str) -> str:
    """The offline base map (basemap inlined) with the coverage layers, as one HTML page."""
    assets.ensure_static()
    m = mapbuild.base_map(lang)
    _inline_basemap(m, assets.inline_basemap_js(assets.STATIC_DIR))
    m.get_root().header.add_child(mapbuild._Verbatim(f"<script>{DECODER_JS}</script>"), name="pb_decode")
    for g in CL.coverage_layers(table, lang):
        g.add_to(m)
    return assets.inline_html(m, assets.STATIC_DIR)


@pytest.mark.parametrize("countries", [(), ("PL",)])
def test_coverage_layers_draw_offline_and_follow_the_filters(browser, tmp_path, countries):
    df = load_partnerships(V_DATA).frame
    if countries:
        df = df[df["partner_country"].isin(countries)]
    table = V.coverage_table(V.hromada_ties(df), load_register())
    path = tmp_path / "coverage.html"
    path.write_text(_html(table, "uk"), encoding="utf-8")
    url = path.as_uri()
    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
    refused, errors = [], []

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_selector(".pb-cov-legend", timeout=20_000)
        legend = page.inner_text(".pb-cov-legend")
        got = page.evaluate(COUNT_JS)
    finally:
        ctx.close()
    assert "Частка громад з партнерами" in legend
    fc = CL.choropleth_collection(table, "uk")
    assert set(got["filled"]) == {f["properties"]["c"] for f in fc["features"]}
    assert sum(got["filled"].values()) >= len(fc["features"]) == 27
    assert got["points"] == int(table["lat"].notna().sum())
    assert refused == [] and errors == []

