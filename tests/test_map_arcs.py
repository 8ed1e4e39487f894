"""Great-circle arcs: endpoints, geometry on the sphere, antimeridian splitting, GeoJSON order."""

import pytest

from geo.arcs import arc_parts, central_angle, great_circle, split_antimeridian, to_geojson_geometry

KRAMATORSK, STAMFORD = (48.73106, 37.56779), (41.05343, -73.53873)
TOKYO, HONOLULU = (35.6895, 139.69171), (21.30694, -157.85833)


@pytest.mark.parametrize(
    ("a", "b", "expected_mid"),
    [
        ((0.0, 0.0), (0.0, 90.0), (0.0, 45.0)),  # along the equator
        ((0.0, 10.0), (60.0, 10.0), (30.0, 10.0)),  # along a meridian
        ((45.0, 0.0), (45.0, 180.0), (90.0, None)),  # over the North Pole (longitude undefined there)
    ],
)
def test_great_circle_midpoint(a, b, expected_mid):
    pts = great_circle(a, b, step_deg=central_angle(a, b) / 2)  # exactly 2 segments -> the midpoint
    assert pts[0] == a and pts[-1] == b and len(pts) == 3
    assert pts[1][0] == pytest.approx(expected_mid[0], abs=1e-9)
    if expected_mid[1] is not None:
        assert pts[1][1] == pytest.approx(expected_mid[1], abs=1e-9)


def test_vertices_lie_on_the_arc_and_are_evenly_spaced():
    pts = great_circle(KRAMATORSK, STAMFORD, step_deg=2.5)
    total = central_angle(KRAMATORSK, STAMFORD)
    steps = [central_angle(p, q) for p, q in zip(pts, pts[1:], strict=False)]
    assert sum(steps) == pytest.approx(total, rel=1e-9)  # no detour: the points are on the great circle
    assert max(steps) - min(steps) < 1e-6
    assert len(pts) - 1 == pytest.approx(total / 2.5, abs=1)
    # the arc to Connecticut bends north of both ends (the flight route over the North Atlantic)
    assert max(lat for lat, _ in pts) > 60


@pytest.mark.parametrize(
    ("a", "b", "n_parts"),
    [
        (KRAMATORSK, STAMFORD, 1),
        ((50.45, 30.52), (48.85, 2.35), 1),  # Kyiv - Paris
        (TOKYO, HONOLULU, 2),
        ((0.0, 170.0), (0.0, -170.0), 2),
        ((0.0, -170.0), (0.0, 170.0), 2),
    ],
)
def test_antimeridian_split(a, b, n_parts):
    parts = arc_parts(a, b)
    assert len(parts) == n_parts
    for part in parts:
        lons = [lon for _, lon in part]
        assert all(-180 <= lon <= 180 for lon in lons)
        assert all(abs(q - p) < 180 for p, q in zip(lons, lons[1:], strict=False))
    if n_parts == 2:
        (la1, lo1), (la2, lo2) = parts[0][-1], parts[1][0]
        assert abs(lo1) == 180 and lo2 == -lo1 and la1 == la2  # one crossing point, both sides


def test_split_equator_crossing_latitude():
    assert split_antimeridian([(0.0, 170.0), (10.0, -170.0)]) == [[(0.0, 170.0), (5.0, 180.0)],
                                                                   [(5.0, -180.0), (10.0, -170.0)]]


def test_rounding_and_geojson_order():
    parts = arc_parts(KRAMATORSK, STAMFORD, ndigits=3)
    geom = to_geojson_geometry(parts)
    assert geom["type"] == "LineString"
    assert geom["coordinates"][0] == [37.568, 48.731]  # [lon, lat]
    assert geom["coordinates"][-1] == [-73.539, 41.053]
    assert to_geojson_geometry(arc_parts(TOKYO, HONOLULU))["type"] == "MultiLineString"


def test_same_point_gives_no_line():
    assert arc_parts((50.0, 30.0), (50.00001, 30.00001)) == []
