"""Great-circle arcs between two ``(lat, lon)`` points, densified in Python (pure, no I/O).

:func:`great_circle` interpolates on the unit sphere (spherical linear interpolation), with about one
vertex every ``step_deg`` degrees of arc, so a line Kramatorsk–Stamford bends over the Atlantic as a
flight would. :func:`arc_parts` splits the result where it crosses the antimeridian (±180°), so each
part is a valid GeoJSON line (RFC 7946 §3.1.9) and no line is drawn across the whole map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

LatLon = tuple[float, float]


def _to_vec(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _to_latlon(x: float, y: float, z: float) -> LatLon:
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def central_angle(a: LatLon, b: LatLon) -> float:
    """Angle between two points seen from the Earth's centre, in degrees (haversine, stable for small)."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return math.degrees(2 * math.asin(min(1.0, math.sqrt(h))))


def great_circle(a: LatLon, b: LatLon, step_deg: float = 2.5, max_segments: int = 64) -> list[LatLon]:
    """Vertices of the shorter great-circle arc from ``a`` to ``b``, both ends included.

    Longitudes are in [-180, 180]; use :func:`arc_parts` to split at the antimeridian. Antipodal
    points have no unique great circle: the straight pair is returned.
    """
    angle = central_angle(a, b)
    n = max(1, min(max_segments, math.ceil(angle / step_deg)))
    if n == 1 or angle >= 179.999:
        return [a, b]
    va, vb = _to_vec(*a), _to_vec(*b)
    omega = math.radians(angle)
    s = math.sin(omega)
    out = [a]
    for i in range(1, n):
        f = i / n
        ka, kb = math.sin((1 - f) * omega) / s, math.sin(f * omega) / s
        out.append(_to_latlon(*(ka * p + kb * q for p, q in zip(va, vb, strict=True))))
    out.append(b)
    return out


def split_antimeridian(points: Sequence[LatLon]) -> list[list[LatLon]]:
    """Split a polyline wherever consecutive longitudes jump by more than 180° (an antimeridian
    crossing): each part ends/starts exactly on ±180 at the interpolated latitude."""
    if not points:
        return []
    parts: list[list[LatLon]] = [[points[0]]]
    for (la1, lo1), (la2, lo2) in zip(points, points[1:], strict=False):
        if abs(lo2 - lo1) > 180:
            edge = 180.0 if lo1 > 0 else -180.0
            lo2u = lo2 + 360 if lo1 > 0 else lo2 - 360  # lo2 unwrapped next to lo1
            f = (edge - lo1) / (lo2u - lo1) if lo2u != lo1 else 0.0
            lat_x = la1 + f * (la2 - la1)
            parts[-1].append((lat_x, edge))
            parts.append([(lat_x, -edge)])
        parts[-1].append((la2, lo2))
    return [p for p in parts if len(p) >= 2]


def arc_parts(a: LatLon, b: LatLon, step_deg: float = 2.5, ndigits: int = 3) -> list[list[LatLon]]:
    """The great-circle arc ``a``→``b`` as parts split at the antimeridian, coordinates rounded."""
    parts = split_antimeridian(great_circle(a, b, step_deg))
    out = []
    for part in parts:
        rounded = [(round(la, ndigits), round(lo, ndigits)) for la, lo in part]
        dedup = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if len(dedup) >= 2:
            out.append(dedup)
    return out


def to_geojson_geometry(parts: Sequence[Sequence[LatLon]]) -> dict:
    """GeoJSON ``LineString`` (one part) or ``MultiLineString`` from (lat, lon) parts: [lon, lat]."""
    coords = [[[lon, lat] for lat, lon in part] for part in parts]
    if len(coords) == 1:
        return {"type": "LineString", "coordinates": coords[0]}
    return {"type": "MultiLineString", "coordinates": coords}
