"""``arc_geometries`` (numpy, all rows at once) gives exactly what ``arc_parts`` gives row by row, and
``with_arcs`` exactly the geometry and script JSON it gave before, on the real data and on hard cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.arcs import arc_geometries, arc_parts, to_geojson_geometry
from pobratymy import filters as F
from pobratymy import safe
from pobratymy.render import mapbuild


def one_by_one(ends, step_deg=2.5, ndigits=3):
    out = []
    for a, b, c, d in ends:
        parts = arc_parts((a, b), (c, d), step_deg, ndigits)
        out.append(to_geojson_geometry(parts) if parts else None)
    return out


def many(ends, **kw):
    cols = list(zip(*ends, strict=True)) if ends else [[], [], [], []]
    return arc_geometries(*cols, **kw)


HARD = [
    (48.73106, 37.56779, 41.05343, -73.53873),  # Kramatorsk - Stamford
    (35.6895, 139.69171, 21.30694, -157.85833),  # Tokyo - Honolulu: crosses the antimeridian
    (0.0, 170.0, 0.0, -170.0), (0.0, -170.0, 0.0, 170.0),
    (45.0, 0.0, 45.0, 180.0),  # over the pole
    (10.0, 20.0, -10.0, -160.0),  # antipodal: straight pair
    (50.45, 30.52, 50.45, 30.52),  # the same point: None
    (50.4501, 30.5201, 50.45012, 30.52013),  # rounds to one point: None
    (50.4505, 30.5215, 50.4515, 30.5225),  # halves at 3 decimals
    (-33.8688, 151.2093, 49.8397, 24.0297),  # Sydney - Lviv
    (64.1466, -21.9426, 50.0, 36.23),
]


def test_hard_cases_identical():
    assert many(HARD) == one_by_one(HARD)


def test_empty():
    assert many([]) == []


@pytest.mark.parametrize("ndigits", [3, 4])
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-89.9, 89.9), st.floats(-180, 180), st.floats(-89.9, 89.9),
                          st.floats(-180, 180)), max_size=30))
def test_random_rows_identical(ndigits, ends):
    assert many(ends, ndigits=ndigits) == one_by_one(ends, ndigits=ndigits)


@pytest.fixture(scope="module")
def real_enriched():
    from pobratymy.config import DEFAULT_DATA, DEFAULT_OVERRIDES, DEFAULT_PLACES
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places

    return F.enrich(load_partnerships(DEFAULT_DATA).frame, load_places(DEFAULT_PLACES, DEFAULT_OVERRIDES))


def test_with_arcs_on_the_real_data_matches_row_by_row(real_enriched):
    df = real_enriched
    new = mapbuild.with_arcs(df)
    for g, js, ok, a, b, c, d in zip(new[mapbuild.GEOM], new[mapbuild.GEOM_JS], df[F.ON_MAP], df[F.UA_LAT],
                                     df[F.UA_LON], df[F.P_LAT], df[F.P_LON], strict=True):
        old = mapbuild.arc_geometry((a, b), (c, d)) if ok else None
        assert g == old
        assert (js if isinstance(js, str) else None) == (safe.json_for_script(old) if old else None)
    assert new[mapbuild.GEOM].notna().sum() > 1000


def test_with_arcs_script_json_for_multilines():
    import pandas as pd

    df = pd.DataFrame({F.ON_MAP: [True, True, False, True], F.UA_LAT: [35.6895, 48.7, math.nan, 50.45],
                       F.UA_LON: [139.69171, 37.5, math.nan, 30.52], F.P_LAT: [21.30694, 41.0, 1.0, 50.45],
                       F.P_LON: [-157.85833, -73.5, 1.0, 30.52]})
    out = mapbuild.with_arcs(df)
    assert out[mapbuild.GEOM].iloc[0]["type"] == "MultiLineString"
    assert out[mapbuild.GEOM].iloc[2] is None and out[mapbuild.GEOM].iloc[3] is None
    for g, js in zip(out[mapbuild.GEOM], out[mapbuild.GEOM_JS], strict=True):
        assert (js if isinstance(js, str) else None) == (safe.json_for_script(g) if g else None)


def test_round_like_python_on_halves():
    from geo.arcs import _round_like_python

    xs = np.array([2.675, 0.0005, 1.0005, -1.0005, 30.5215, 180.0, -0.0004, 12.3455, 0.1 + 0.2])
    assert _round_like_python(xs, 3).tolist() == [round(float(x), 3) for x in xs]
