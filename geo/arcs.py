"""Great-circle arcs between two ``(lat, lon)`` points, densified (pure, no I/O): one by one in Python,
or for many rows at once with numpy (:func:`arc_geometries`, the same numbers).

:func:`great_circle` interpolates on the unit sphere (spherical linear interpolation), with about one
vertex every ``step_deg`` degrees of arc, so a line Kramatorsk–Stamford bends over the Atlantic as a
flight would. :func:`arc_parts` splits the result where it crosses the antimeridian (±180°), so each
part is a valid GeoJSON line (RFC 7946 §3.1.9) and no line is drawn across the whole map.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Sequence
from contextlib import contextmanager

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


# ------------------------------------------------------------------------------------------ many at once
@contextmanager
def pause_gc():
    """Pause the cyclic garbage collector while building many small acyclic lists (the arcs' coordinates):
    otherwise it walks the whole heap again and again as they are allocated. Restored on exit."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _round_like_python(x, ndigits: int):
    """``round(v, ndigits)`` for every value of the float array ``x``, as Python's correctly rounded
    ``round`` gives it: numpy's ``x * 10**n`` rounding, with Python's ``round`` for the few values within a
    hair of a half (where the scaled product's own rounding could tip them the other way)."""
    import numpy as np

    scale = 10.0**ndigits
    y = x * scale
    out = np.rint(y) / scale
    near = np.flatnonzero(np.abs(np.abs(y - np.floor(y)) - 0.5) < 1e-6)
    for i in near.tolist():
        out[i] = round(float(x[i]), ndigits)
    return out


def arc_geometries(ua_lat, ua_lon, p_lat, p_lon, step_deg: float = 2.5, ndigits: int = 3) -> list[dict | None]:
    """For every row, ``to_geojson_geometry(arc_parts(a, b, step_deg, ndigits))`` (None when the arc rounds
    to a single point), computed with numpy for all rows in one pass.

    The same numbers as the one-by-one functions above (same formulas, same order of operations,
    Python's rounding); arcs that cross the antimeridian (a few Pacific ties) are split by
    :func:`arc_parts` itself.
    """
    import numpy as np

    la1, lo1, la2, lo2 = (np.asarray(v, dtype=float) for v in (ua_lat, ua_lon, p_lat, p_lon))
    m = len(la1)
    if not m:
        return []
    with np.errstate(all="ignore"):  # a row without both ends (NaN) is left to arc_parts
        return _many(la1, lo1, la2, lo2, step_deg, ndigits)


def _many(la1, lo1, la2, lo2, step_deg: float, ndigits: int) -> list[dict | None]:
    import numpy as np

    m = len(la1)
    r1, r2, q1, q2 = np.radians(la1), np.radians(la2), np.radians(lo1), np.radians(lo2)
    finite = np.isfinite(la1) & np.isfinite(lo1) & np.isfinite(la2) & np.isfinite(lo2)
    ends = list(zip(la1.tolist(), lo1.tolist(), la2.tolist(), lo2.tolist(), strict=True))
    # the angle of each row by central_angle's formula in numpy; numpy's trigonometry may differ from math's
    # in the last bit, which matters only where it could change a ceil (the number of vertices) or the
    # straight-line cut-off: those rows take central_angle itself (and so do rounding ties, below)
    h = np.sin((r2 - r1) / 2) ** 2 + np.cos(r1) * np.cos(r2) * np.sin((q2 - q1) / 2) ** 2
    angle = np.where(finite, np.degrees(2 * np.arcsin(np.minimum(1.0, np.sqrt(h)))), np.nan)
    steps = angle / step_deg
    edge = finite & ((np.abs(steps - np.rint(steps)) < 1e-9) | (np.abs(angle - 179.999) < 1e-9))
    for r in np.flatnonzero(edge).tolist():
        a, b, c, d = ends[r]
        angle[r] = central_angle((a, b), (c, d))
    n = np.ones(m, dtype=np.int64)
    n[finite] = np.clip(np.ceil(angle[finite] / step_deg), 1, 64).astype(np.int64)
    n[(n == 1) | (angle >= 179.999)] = 1  # straight: the two ends only
    npts = n + 1
    row = np.repeat(np.arange(m), npts)
    start = np.concatenate(([0], np.cumsum(npts)[:-1]))
    i = np.arange(len(row)) - start[row]  # vertex number within its row, 0..n
    nn = n[row]
    f = i / nn
    omega = np.radians(angle)[row]
    s = np.sin(omega)
    ka, kb = np.sin((1 - f) * omega) / s, np.sin(f * omega) / s
    va = (np.cos(r1) * np.cos(q1), np.cos(r1) * np.sin(q1), np.sin(r1))
    vb = (np.cos(r2) * np.cos(q2), np.cos(r2) * np.sin(q2), np.sin(r2))
    x, y, z = (ka * p[row] + kb * q[row] for p, q in zip(va, vb, strict=True))
    lat = np.degrees(np.arctan2(z, np.hypot(x, y)))
    lon = np.degrees(np.arctan2(y, x))
    first, last = i == 0, i == nn
    lat[first], lon[first] = la1[row[first]], lo1[row[first]]
    lat[last], lon[last] = la2[row[last]], lo2[row[last]]
    # a jump of more than 180° of longitude between consecutive vertices: the arc crosses ±180
    jump = np.zeros(m, dtype=bool)
    step = np.abs(np.diff(lon)) > 180
    jump[row[1:][step & (row[1:] == row[:-1])]] = True
    jump[row[np.abs(lon) > 179.999]] = True  # a vertex on the antimeridian: its side is a matter of one bit
    slow = jump | ~finite
    # where a vertex lies within a hair of a rounding half, numpy's last bit could tip it: take that vertex
    # as great_circle computes it
    scale = 10.0**ndigits
    tie = np.zeros(len(row), dtype=bool)
    for v in (lat, lon):
        y = v * scale
        tie |= np.abs(np.abs(y - np.floor(y)) - 0.5) < 1e-6
    tie &= ~first & ~last
    for k in np.flatnonzero(tie).tolist():
        r = int(row[k])
        a, b, c, d = ends[r]
        lat[k], lon[k] = _vertex((a, b), (c, d), central_angle((a, b), (c, d)), int(i[k]), int(nn[k]))
    rlat, rlon = _round_like_python(lat, ndigits), _round_like_python(lon, ndigits)
    with pause_gc():
        return _assemble(row, rlat, rlon, slow, (la1, lo1, la2, lo2), step_deg, ndigits)


def _vertex(a: LatLon, b: LatLon, angle: float, i: int, n: int) -> LatLon:
    """Vertex ``i`` of ``n`` of the arc a→b, computed as :func:`great_circle` computes it."""
    va, vb = _to_vec(*a), _to_vec(*b)
    omega = math.radians(angle)
    s = math.sin(omega)
    f = i / n
    ka, kb = math.sin((1 - f) * omega) / s, math.sin(f * omega) / s
    return _to_latlon(*(ka * p + kb * q for p, q in zip(va, vb, strict=True)))


def _assemble(row, rlat, rlon, slow, ends, step_deg: float, ndigits: int) -> list[dict | None]:
    """The rows' GeoJSON geometries from the rounded vertices (``row``: the row of every vertex)."""
    import numpy as np

    la1, lo1, la2, lo2 = ends
    m = len(la1)
    same = np.zeros(len(row), dtype=bool)
    same[1:] = (row[1:] == row[:-1]) & (rlat[1:] == rlat[:-1]) & (rlon[1:] == rlon[:-1])
    keep = ~same
    counts = np.bincount(row[keep], minlength=m)
    coords = np.column_stack((rlon[keep], rlat[keep])).tolist()
    offsets = np.concatenate(([0], np.cumsum(counts))).tolist()
    out: list[dict | None] = []
    slow, counts = slow.tolist(), counts.tolist()
    for r, (a, b, c, d) in enumerate(zip(la1.tolist(), lo1.tolist(), la2.tolist(), lo2.tolist(), strict=True)):
        if slow[r]:
            parts = arc_parts((a, b), (c, d), step_deg, ndigits)
            out.append(to_geojson_geometry(parts) if parts else None)
        elif counts[r] >= 2:
            out.append({"type": "LineString", "coordinates": coords[offsets[r]:offsets[r + 1]]})
        else:
            out.append(None)
    return out
