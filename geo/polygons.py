"""Point in polygon for the oblast outlines (``geo/data/ukraine_oblasts.geojson``): pure Python, no GEOS.

:func:`oblast_at` answers "which oblast is this point in" (ISO 3166-2 or ``None``); :func:`contains`
tests one GeoJSON Polygon/MultiPolygon geometry (even-odd rule, holes respected). Coordinates in are
``(lat, lon)``; GeoJSON's ``[lon, lat]`` is handled here, at the edge.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

OBLASTS_GEOJSON = Path(__file__).resolve().parent / "data" / "ukraine_oblasts.geojson"


def _in_ring(lon: float, lat: float, ring) -> bool:
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """``True`` when ``(lat, lon)`` lies inside the GeoJSON Polygon or MultiPolygon ``geometry``."""
    kind = geometry.get("type")
    polys = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"] if kind == "MultiPolygon" else []
    for rings in polys:
        if rings and _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, h) for h in rings[1:]):
            return True
    return False


@functools.lru_cache(maxsize=2)
def _oblasts(path: str) -> tuple[tuple[str, dict, tuple[float, float, float, float]], ...]:
    feats = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    out = []
    for f in feats:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        xs = [p[0] for rings in polys for p in rings[0]]
        ys = [p[1] for rings in polys for p in rings[0]]
        out.append((f["properties"]["iso_3166_2"], g, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def oblast_at(lat: float, lon: float, path: str | Path = OBLASTS_GEOJSON) -> str | None:
    """ISO 3166-2 code of the oblast whose outline holds ``(lat, lon)``; ``None`` outside them all."""
    for iso, geom, (x0, y0, x1, y1) in _oblasts(str(path)):
        if x0 <= lon <= x1 and y0 <= lat <= y1 and contains(geom, lat, lon):
            return iso
    return None
