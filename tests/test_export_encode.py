"""The export's compact coordinates (pobratymy/render/encode.py): every coordinate decodes to exactly the value the
plain GeoJSON holds; what cannot be reproduced exactly is left plain; the strings are standard encoded
polylines (checked against the ``polyline`` package) and script-safe."""

from __future__ import annotations

import json
import re

import polyline
import pytest

from pobratymy import exporting, present
from pobratymy.render import assets, encode, mapbuild
from pobratymy.safe import json_for_script


def fc(*geoms, props=None) -> dict:
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": dict(props or {"t": str(i)}), "geometry": g}
                         for i, g in enumerate(geoms)]}


LINE = {"type": "LineString", "coordinates": [[24.0316, 49.8397], [13.405, 52.52], [-73.9352, 40.7306]]}
ANTIMERIDIAN = {"type": "MultiLineString", "coordinates": [[[170.1234, 60.0], [180.0, 61.5]],
                                                           [[-180.0, 61.5], [-150.5, 61.2345]]]}
HOLE = {"type": "Polygon", "coordinates": [[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 0.0]],
                                          [[2.0, 2.0], [3.0, 2.0], [3.0, 3.0], [2.0, 2.0]]]}
MULTI = {"type": "MultiPolygon", "coordinates": [[[[30.52, 50.45], [30.6, 50.4], [30.5, 50.3], [30.52, 50.45]]],
                                                 [[[-0.01, -0.02], [0.03, 0.0], [0.0, 0.01], [-0.01, -0.02]]]]}
POINT = {"type": "Point", "coordinates": [30.5234, 50.4501]}
FINE = {"type": "LineString", "coordinates": [[-179.9999999, -89.9999999], [179.9999999, 89.9999999]]}


@pytest.mark.parametrize(("data", "k"), [
    (fc(LINE), 4),
    (fc(ANTIMERIDIAN), 4),
    (fc(HOLE), 0),
    (fc(MULTI), 2),
    (fc(FINE), 7),
    (fc(LINE, POINT, HOLE), 4),  # points ride along unchanged
    (fc({"type": "LineString", "coordinates": []}, LINE), 4),
])
def test_round_trip_is_exact(data, k):
    enc = encode.encode_collection(data)
    assert enc is not None and enc["k"] == k
    assert "coordinates" not in json.dumps([f["geometry"] for f in enc["features"] if f["geometry"]["type"] != "Point"])
    back = encode.decode_collection(enc)
    assert back == data
    assert json.dumps(back) == json.dumps(data)  # the same doubles, not merely close ones
    assert encode.encode_collection(data) == enc and data == fc(*[f["geometry"] for f in data["features"]])


@pytest.mark.parametrize("data", [
    fc(POINT),  # nothing to encode
    fc(),
    fc({"type": "LineString", "coordinates": [[0.123456789, 1.0], [2.0, 3.0]]}),  # more than 7 decimals
    fc({"type": "LineString", "coordinates": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),  # 3-D
    fc({"type": "LineString", "coordinates": [[1e300, 2.0], [4.0, 5.0]]}),  # beyond exact integers
    fc({"type": "LineString", "coordinates": [[1.0, "2"], [4.0, None]]}),
])
def test_what_cannot_be_exact_is_left_plain(data):
    assert encode.encode_collection(data) is None
    assert encode.script_expression(data) == json_for_script(data)


@pytest.mark.parametrize("geom", [LINE, ANTIMERIDIAN, HOLE, MULTI, FINE])
def test_strings_are_standard_encoded_polylines(geom):
    enc = encode.encode_collection(fc(geom))
    k, e = enc["k"], enc["features"][0]["geometry"]["e"]
    strings = [e] if isinstance(e, str) else [s for x in e for s in ([x] if isinstance(x, str) else x)]
    rings = encode._rings(geom)
    assert len(strings) == len(rings)
    for s, ring in zip(strings, rings, strict=True):
        assert re.fullmatch(r"[?-~]*", s)  # no <, >, &, ' or quote: script-safe inside JSON
        ref = polyline.decode(s, precision=k)  # an independent decoder of Google's format
        assert [list(p) for p in ref] == [[float(x), float(y)] for x, y in ring]


@pytest.mark.parametrize("rel", list(assets.BASEMAP_FILES))
def test_bundled_basemap_round_trips(rel):
    path = assets.STATIC_DIR / assets.VENDOR / rel
    assets.ensure_static()
    plain = json.loads(path.read_text(encoding="utf-8"))
    enc = json.loads((assets.STATIC_DIR / assets.VENDOR / assets.encoded_name(rel)).read_text(encoding="utf-8"))
    assert enc["k"] == assets.BASEMAP_DIGITS
    assert encode.decode_collection(enc) == plain
    assert len(json.dumps(enc)) < len(json.dumps(plain)) / 3


def test_fixture_arcs_round_trip(map_frame):
    for data in mapbuild.line_collections(map_frame, "uk", present.country_namer("uk")).values():
        enc = encode.encode_collection(data)
        assert enc["k"] <= mapbuild.POINT_DIGITS
        assert encode.decode_collection(enc) == data


@pytest.mark.parametrize("focus", [None, "UA|ua 14|kramatorsk"])
def test_export_embeds_encoded_coordinates_once_decoded(map_frame, focus):
    html = exporting.map_html(map_frame, "uk", present.country_namer("uk"), focus=focus, title="Т")
    assert html.count("function pbDecode(") == 1
    assert html.index("function pbDecode(") < html.index("pbDecode({")  # defined in <head>, before use
    calls = html.count("pbDecode({")
    lines = len(mapbuild.line_collections(map_frame, "uk", present.country_namer("uk")))
    assert calls >= 2 + lines  # countries, oblasts and every line layer
    assert '"type":"LineString","coordinates"' not in html  # no arc left as plain JSON
    assert "fetch(" not in html
