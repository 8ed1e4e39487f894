"""Map building: GeoJSON layers from the fixture, click index, offline assets, escaping in the output."""

import re

import pandas as pd
import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from pobratymy import filters as F
from pobratymy.places import Place, place_key
from pobratymy.render import assets, mapbuild
from pobratymy.schema import C

EN = lambda code: {"US": "United States", "FR": "France", "DE": "Germany"}.get(code, code)  # noqa: E731


def _all(df):
    return F.apply(df, F.Filters(statuses=("signed", "approved", "announced", "in_preparation", "terminated")))


@pytest.mark.parametrize(
    ("group", "n_features"),
    [
        (("sister_city", "signed"), 4),  # Kramatorsk, Lyman, Sviatohirsk, Kyiv
        (("twinning", "signed"), 2),  # Kamianets-Brantford, Kharkiv-Nurnberg (Cihanbeyli has no coordinates)
        (("solidarity_partnership", "signed"), 1),
        (("partnership", "signed"), 1),
        (("terminated", "terminated"), 1),  # Kharkiv-Belgorod
    ],
)
def test_line_layers_per_kind_and_status(map_frame, group, n_features):
    layers = mapbuild.line_collections(_all(map_frame), "en", EN)
    assert len(layers[group]["features"]) == n_features


def test_line_layers_only_nonempty_groups_and_terminated_last(map_frame):
    layers = mapbuild.line_collections(_all(map_frame), "en", EN)
    assert len(layers) == 5
    assert list(layers)[-1] == ("terminated", "terminated")


def test_line_coordinates_are_lon_lat(map_frame):
    layers = mapbuild.line_collections(map_frame, "en", EN)
    kram = next(f for f in layers[("sister_city", "signed")]["features"] if f["properties"]["t"].startswith("Kramatorsk"))
    coords = kram["geometry"]["coordinates"]
    assert coords[0] == [37.568, 48.731] and coords[-1] == [-73.539, 41.053]
    assert kram["properties"]["t"] == "Kramatorsk — Stamford (United States)"


def test_places_sized_by_partners_and_unmapped_left_out(map_frame):
    ua, partners = mapbuild.place_collections(map_frame, "uk", EN)
    by_name = {f["properties"]["t"].split(" · ")[0]: f for f in ua["features"]}
    assert len(by_name) == 7
    kam = by_name["Кам&#x27;янець-Подільський"]  # escaped: the apostrophe cannot end a JS string
    assert kam["properties"]["n"] == 2  # Esslingen, Brantford; Cihanbeyli has no coordinates
    assert kam["geometry"]["coordinates"] == [26.5852, 48.6788]
    assert kam["properties"]["r"] > by_name["Краматорськ"]["properties"]["r"]
    assert len(partners["features"]) == 9  # every partner but Cihanbeyli (no coordinates)


@pytest.mark.parametrize(("n", "expected"), [(0, 2.5), (1, 4.0), (4, 5.5), (10_000, 14.0)])
def test_marker_radius(n, expected):
    assert mapbuild.marker_radius(n) == expected


def test_click_index_resolves_lines_and_places(map_frame):
    idx = mapbuild.click_index(map_frame, "en", EN)
    kram = place_key("Kramatorsk", "UA", "UA-14")
    assert idx.resolve("Kramatorsk — Stamford (United States)") == kram
    assert idx.resolve("  Kramatorsk · partners: 1\n") == kram
    assert idx.resolve("Somewhere else") is None
    assert idx.resolve(None) is None


def test_click_index_same_tooltip_picks_nearest():
    idx = mapbuild.ClickIndex()
    idx.add("Lyman · partners: 1", "UA|ua 14|lyman", 48.99, 37.81)
    idx.add("Lyman · partners: 1", "UA|ua 17|lyman", 45.67, 29.74)
    assert idx.resolve("Lyman · partners: 1", {"lat": 45.7, "lng": 29.8}) == "UA|ua 17|lyman"
    assert idx.resolve("Lyman · partners: 1", {"lat": 49.0, "lng": 37.8}) == "UA|ua 14|lyman"


def test_base_map_loads_only_local_files():
    m = mapbuild.base_map("uk")
    links = [u for _, u in assets.OfflineMap.default_js + assets.OfflineMap.default_css]
    assert links == ["../../app/static/vendor/leaflet/leaflet.js", "../../app/static/vendor/leaflet/leaflet.css"]
    html = m.get_root().render()
    assert not re.search(r"""(src|href)=["']https?://""", html), "a script or stylesheet from the internet"
    assert "tile.openstreetmap" not in html  # tiles only when asked for


def test_base_map_script_is_stable_so_the_component_stays_mounted(map_frame):
    """streamlit-folium remounts the map when the hash of the base script changes."""
    h1 = generate_js_hash(_get_map_string(mapbuild.base_map("uk")), "map", False)
    h2 = generate_js_hash(_get_map_string(mapbuild.base_map("uk")), "map", False)
    assert h1 == h2
    assert h1 != generate_js_hash(_get_map_string(mapbuild.base_map("en")), "map", False)


def test_dynamic_layers_render_and_are_small(map_frame):
    groups, _ = mapbuild.dynamic_layers(map_frame, "uk", EN)
    m = mapbuild.base_map("uk")
    js = "".join(_get_feature_group_string(g, m, i) for i, g in enumerate(groups))
    assert len(groups) == 1
    assert js.count("L.geoJSON(") == 5 + 2  # a layer per (kind, status) group present, two point layers
    assert "Краматорськ" in js  # UTF-8, not \\uXXXX per letter
    assert len(js.encode()) < 20_000


def test_osm_tiles_only_on_request(map_frame):
    without, _ = mapbuild.dynamic_layers(map_frame, "en", EN)
    with_tiles, _ = mapbuild.dynamic_layers(map_frame, "en", EN, with_tiles=True)
    assert len(with_tiles) == len(without) + 1
    m = mapbuild.base_map("en")
    js = _get_feature_group_string(with_tiles[0], m, 0)
    assert "tile.openstreetmap.org" in js and "openstreetmap.org/copyright" in js  # with attribution


HOSTILE = ["<img src=x onerror=alert(1)>", "`${alert(1)}`", "</script><script>alert(1)</script>", "Кам'янець'",
           "{{ 7*7 }}{% if true %}", "{# x"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_reach_the_page_escaped(name):
    row = {C.ID: "x--y-de", C.UA_NAME_EN: name, C.UA_NAME_UK: name, C.UA_OBLAST: "UA-14", C.UA_LEVEL: "city",
           C.PARTNER_NAME: name, C.PARTNER_REGION: "", C.PARTNER_COUNTRY: "DE", C.PARTNER_LEVEL: "",
           C.KIND: "twinning", C.STATUS: "signed", C.DATE: "", C.DATE_EVENT: "", C.ENDED: "",
           C.FACILITATOR: "", C.SOURCE_URL: "https://example.org/x", C.OTHER_SOURCES: "", C.NOTES: ""}
    places = {place_key(name, "UA", "UA-14"): Place(place_key(name, "UA", "UA-14"), name, "UA", "UA-14", 48.7, 37.6),
              place_key(name, "DE", ""): Place(place_key(name, "DE", ""), name, "DE", "", 52.5, 13.4)}
    df = mapbuild.with_arcs(F.enrich(pd.DataFrame([row]), places))
    groups, _ = mapbuild.dynamic_layers(df, "uk", EN)
    m = mapbuild.base_map("uk")
    js = "".join(_get_feature_group_string(g, m, i) for i, g in enumerate(groups))
    for bad in ("<img", "<script", "</script", "`", "${", "'"):
        assert bad not in js.split("L.geoJSON(", 1)[1].split("}).addTo", 1)[0].replace("'basemap'", ""), bad
    # the whole-page render (export) must not treat data as a Jinja template
    html = mapbuild.static_map(df, "uk", EN).get_root().render()
    assert ("{{ 7*7 }}" in html) if "{{" in name else True  # kept literally, not evaluated to 49


def test_inline_html_is_self_contained(map_frame, tmp_path):
    assets.ensure_static(tmp_path)
    countries = assets.basemap_geojson(assets.GEO_DATA / "world_countries.geojson", ("ISO_A2",))
    oblasts = assets.basemap_geojson(assets.GEO_DATA / "ukraine_oblasts.geojson", ("iso_3166_2",))
    m = mapbuild.static_map(map_frame, "en", EN, inline_basemap=(countries, oblasts))
    html = assets.inline_html(m, tmp_path)
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=", html), "a file loaded from outside the page"
    assert "fetch(" not in html and '"ISO_A2":"UA"' in html
    assert "L.Map" in html or "L.map(" in html  # Leaflet itself is embedded


def test_ensure_static_is_idempotent(tmp_path):
    first = assets.ensure_static(tmp_path)
    assert "leaflet/leaflet.js" in first and "basemap/countries.json" in first
    assert assets.ensure_static(tmp_path) == []
    size = (tmp_path / "vendor/basemap/countries.json").stat().st_size
    assert size < (assets.GEO_DATA / "world_countries.geojson").stat().st_size


def test_selected_place_gets_a_ring(map_frame):
    kram = place_key("Kramatorsk", "UA", "UA-14")
    m = mapbuild.base_map("en")
    plain, _ = mapbuild.dynamic_layers(map_frame, "en", EN)
    ringed, _ = mapbuild.dynamic_layers(map_frame, "en", EN, selected=kram)
    js_plain = _get_feature_group_string(plain[0], m, 0)
    js_ring = _get_feature_group_string(ringed[0], m, 0)
    assert mapbuild.SELECTED_COLOUR not in js_plain
    assert js_ring.count("L.geoJSON(") == js_plain.count("L.geoJSON(") + 1
    assert mapbuild.SELECTED_COLOUR in js_ring and "[37.5678,48.7311]" in js_ring.split(mapbuild.SELECTED_COLOUR)[0][-400:]
