"""The geocoding cache ``data/places.csv`` and the hand-edited ``data/places_overrides.csv``.

One row per place the dataset uses, so the dashboard never geocodes at render time. The overrides file
has the same columns and always wins. Both are plain UTF-8 CSV, sorted by key, written atomically.

A place is identified by :func:`place_key` of (name, country, region): the folded name, the ISO
alpha-2 country and the folded region, joined by ``|`` — e.g. ``UA|UA-14|kramatorsk`` or
``US|connecticut|stamford``. Coordinates are ``(lat, lon)`` floats; an unresolved place has no row
(or empty lat/lon), never ``(0, 0)``.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from geo.normalize import fold


def place_key(name: str, country: str = "", region: str = "") -> str:
    """Cache key of a place: ``COUNTRY|region|name`` (country upper-case, region/name folded)."""
    return f"{(country or '').strip().upper()}|{fold(region)}|{fold(name)}"


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str
    country: str
    region: str
    lat: float | None
    lon: float | None
    matched_name: str = ""
    geonameid: str = ""
    source: str = ""

    @property
    def latlon(self) -> tuple[float, float] | None:
        if self.lat is None or self.lon is None:
            return None
        return (self.lat, self.lon)


PLACE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Place))


def validate_latlon(lat: float, lon: float) -> tuple[float, float]:
    """Return ``(lat, lon)`` as floats or raise: ``TypeError`` for the wrong kind, ``ValueError`` for
    out-of-range or non-finite values (quoting them)."""
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from exc
    if not (math.isfinite(la) and math.isfinite(lo)) or not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise ValueError(f"coordinates out of range: {lat!r}, {lon!r}")
    return la, lo


def _row_to_place(row: Mapping[str, str]) -> Place:
    lat_s, lon_s = (row.get("lat") or "").strip(), (row.get("lon") or "").strip()
    lat = lon = None
    if lat_s and lon_s:
        lat, lon = validate_latlon(lat_s, lon_s)
    name, country, region = row.get("name", ""), row.get("country", ""), row.get("region", "")
    key = (row.get("key") or "").strip() or place_key(name, country, region)
    return Place(key, name, country, region, lat, lon, row.get("matched_name", ""),
                 row.get("geonameid", ""), row.get("source", ""))


def read_places(path: str | os.PathLike) -> dict[str, Place]:
    """Read a places CSV into ``{key: Place}``; a missing file is an empty cache."""
    p = Path(path)
    if not p.exists():
        return {}
    with p.open(newline="", encoding="utf-8") as fh:
        return {pl.key: pl for pl in map(_row_to_place, csv.DictReader(fh))}


def load_places(cache_path: str | os.PathLike, overrides_path: str | os.PathLike | None = None) -> dict[str, Place]:
    """The cache with the overrides applied on top (overrides always win)."""
    places = read_places(cache_path)
    if overrides_path:
        places.update(read_places(overrides_path))
    return places


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.5f}".rstrip("0").rstrip(".")
    return str(v)


def write_places(path: str | os.PathLike, places: Iterable[Place]) -> None:
    """Write places sorted by key, atomically (temp file, fsync, replace)."""
    from pobratymy.io import atomic_write_bytes

    rows = sorted(places, key=lambda p: p.key)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(PLACE_COLUMNS)
    for pl in rows:
        d = asdict(pl)
        w.writerow([_fmt(d[c]) for c in PLACE_COLUMNS])
    atomic_write_bytes(path, buf.getvalue().encode("utf-8"))
