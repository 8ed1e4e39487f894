"""The coverage layers for the map: choropleth with figures and legend, hromada points; offline and escaped."""

from __future__ import annotations

import re

import folium
import pandas as pd
import pytest

from pobratymy import coverage_layers as L

HOSTILE = "Кам'янець `${alert(1)}` <img src=x onerror=alert(1)> {{ 7*7 }}"


def table(rows):
    return pd.DataFrame(rows, columns=["katottg", "name_uk", "name_en", "oblast", "lat", "lon", "partnerships",
                                       "covered"])


T = table([
    ("UA1", HOSTILE, "Hostile", "UA-46", 49.84, 24.03, 3, True),
    ("UA2", "Жовківська міська громада", "Zhovkivska miska hromada", "UA-46", 50.05, 23.97, 0, False),
    ("UA3", "Без координат", "Unplaced", "UA-46", float("nan"), float("nan"), 0, False),
    ("UA4", "Краматорська міська громада", "Kramatorska miska hromada", "UA-14", 48.73, 37.57, 1, True),
])


@pytest.mark.parametrize("share, colour", [(0.0, "#eff3ff"), (0.099, "#eff3ff"), (0.1, "#bdd7e7"), (0.25, "#6baed6"),
                                           (0.49, "#3182bd"), (0.5, "#08519c"), (1.0, "#08519c"),
                                           (None, L.NO_DATA_COLOUR), (float("nan"), L.NO_DATA_COLOUR)])
def test_share_colour(share, colour):
    assert L.share_colour(share) == colour


def test_choropleth_has_every_oblast_with_figures_in_the_tooltip():
    fc = L.choropleth_collection(T, "uk")
    props = {f["properties"]["t"].split(":")[0]: f["properties"] for f in fc["features"]}
    assert len(fc["features"]) == 27
    lviv = props["Львівська область"]
    assert lviv["s"] == round(1 / 3, 3) and lviv["c"] == L.share_colour(1 / 3)
    assert "1 з 3 громад мають партнерів (33\u00a0%)" in lviv["t"]
    assert props["Донецька область"]["s"] == 1.0
    assert props["Автономна Республіка Крим"]["c"] == L.NO_DATA_COLOUR
    assert "окупована з 2014 року" in props["Автономна Республіка Крим"]["t"]
    assert props["Волинська область"]["s"] is None and "Немає даних" in props["Волинська область"]["t"]
    en = L.choropleth_collection(T, "en")
    assert any(f["properties"]["t"] == "Lviv Oblast: 1 of 3 hromadas have a partner (33%)" for f in en["features"])


def test_points_split_with_and_without_and_leave_unplaced_out():
    with_fc, without_fc = L.point_collections(T, "en")
    assert len(with_fc["features"]) == 2 and len(without_fc["features"]) == 1
    assert without_fc["features"][0]["properties"]["t"] == "Zhovkivska miska hromada · no partners"
    assert with_fc["features"][1]["geometry"]["coordinates"] == [37.57, 48.73]  # GeoJSON: lon, lat


def test_layers_render_offline_escaped_and_never_as_a_template():
    m = folium.Map(tiles=None)
    for g in L.coverage_layers(T, "uk"):
        g.add_to(m)
    html = m.get_root().render()
    assert "<img src=x" not in html and "${alert" not in html
    assert "\\u0026#96;\\u0026#36;{alert(1)}\\u0026#96;" in html  # no backtick or ${ reaches JS as such
    assert "{{ 7*7 }}" in html  # data is never compiled as a Jinja template
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html  # escaped, then script-safe JSON
    assert "pb-cov-legend" in html and "Частка громад з партнерами" in html
    assert html.count("L.geoJSON(") == 3  # choropleth, without, with
    urls = set(re.findall(r"https?://[^\"' )]+", html))
    assert all("openstreetmap" not in u and "unpkg" not in u.lower() for u in urls - _folium_defaults())


def _folium_defaults() -> set[str]:
    html = folium.Map(tiles=None).get_root().render()
    return set(re.findall(r"https?://[^\"' )]+", html))


def test_layers_can_be_asked_one_by_one():
    assert len(L.coverage_layers(T, "en", choropleth=False)) == 1
    assert len(L.coverage_layers(T, "en", points=False)) == 1
    assert L.coverage_layers(T, "en", choropleth=False, points=False) == []


def test_legend_lists_classes_and_point_kinds():
    html = L.legend_html("en")
    assert html.count("<i ") == len(L.SHARE_COLOURS) + 3
    assert "No data" in html and "has partners" in html and "no partners" in html


def test_filters_change_the_choropleth():
    """With partners in Poland only, fewer hromadas are covered and some oblast changes class."""
    from pobratymy import coverage as V
    from pobratymy.io import load_partnerships
    from pobratymy.register import load_register
    from tests.test_coverage import V_DATA

    df = load_partnerships(V_DATA).frame
    reg = load_register()
    every = L.choropleth_collection(V.coverage_table(V.hromada_ties(df), reg), "en")
    poland = L.choropleth_collection(V.coverage_table(V.hromada_ties(df[df["partner_country"] == "PL"]), reg), "en")
    shares = lambda fc: [f["properties"]["s"] or 0 for f in fc["features"]]  # noqa: E731
    assert all(p <= e for p, e in zip(shares(poland), shares(every), strict=True))
    assert shares(poland) != shares(every)
