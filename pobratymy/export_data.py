"""The data download: a selection of partnerships as CSV, XLSX or GeoJSON (``export-data`` and the map
page's download use this one module).

Every schema column (incl. ``ua_katottg``, ``ua_hromada_katottg``, ``listed_by``, ``events``) plus
``ua_lat``, ``ua_lon``, ``partner_lat``, ``partner_lon`` (empty when a side is not on the map) and
``occupied_since`` (the date the Ukrainian side's occupation began, from ``data/occupied.csv``; empty when
the table does not list it). GeoJSON: one Feature per partnership, a LineString from the Ukrainian side to
the partner (``[lon, lat]``, WGS 84), properties = the columns; a row with a side not on the map keeps its
Feature with ``"geometry": null`` so nothing is lost. CSV/XLSX cells that look like formulas are
neutralised (``pobratymy.exporting.neutralise_formula``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .schema import COLUMNS, C

LAT_LON_COLUMNS = ("ua_lat", "ua_lon", "partner_lat", "partner_lon")
OCCUPIED_SINCE = "occupied_since"
EXPORT_COLUMNS: tuple[str, ...] = (*COLUMNS, *LAT_LON_COLUMNS, OCCUPIED_SINCE)
FORMATS = ("csv", "xlsx", "geojson")


def _coord(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return round(f, 5) if math.isfinite(f) else None


def select(df: pd.DataFrame, oblasts: Iterable[str] = (), countries: Iterable[str] = ()) -> pd.DataFrame:
    """Rows of these oblasts (ISO 3166-2) and partner countries (ISO alpha-2); empty = all. Every status
    is kept (the export says what each row is; ended ties are marked by their status)."""
    ob = {o.strip().upper() for o in oblasts if o.strip()}
    cc = {c.strip().upper() for c in countries if c.strip()}
    mask = pd.Series(True, index=df.index)
    if ob:
        mask &= df[C.UA_OBLAST].isin(ob)
    if cc:
        mask &= df[C.PARTNER_COUNTRY].isin(cc)
    return df[mask]


def export_rows(df: pd.DataFrame) -> list[dict[str, object]]:
    """One dict per row with :data:`EXPORT_COLUMNS`; coordinates as floats or None. ``df`` is the
    enriched frame (:func:`pobratymy.filters.enrich`: has ``ua_lat``/``ua_lon``/``p_lat``/``p_lon``)."""
    from . import filters as F
    from .occupied import row_occupied

    out = []
    for r in df.to_dict("records"):
        row: dict[str, object] = {c: "" if r.get(c) is None else str(r.get(c)) for c in COLUMNS}
        row["ua_lat"], row["ua_lon"] = _coord(r.get(F.UA_LAT)), _coord(r.get(F.UA_LON))
        row["partner_lat"], row["partner_lon"] = _coord(r.get(F.P_LAT)), _coord(r.get(F.P_LON))
        occ = row_occupied(row)
        row[OCCUPIED_SINCE] = occ.since if occ else ""
        out.append(row)
    return out


def to_geojson(rows: Sequence[Mapping[str, object]]) -> bytes:
    features = []
    for r in rows:
        pts = (r["ua_lon"], r["ua_lat"], r["partner_lon"], r["partner_lat"])
        geom = None
        if all(p is not None for p in pts):
            geom = {"type": "LineString", "coordinates": [[pts[0], pts[1]], [pts[2], pts[3]]]}
        features.append({"type": "Feature", "id": r[C.ID], "geometry": geom,
                         "properties": {c: r[c] for c in EXPORT_COLUMNS}})
    doc = {"type": "FeatureCollection", "features": features}
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def export_bytes(df: pd.DataFrame, fmt: str, *, oblasts: Iterable[str] = (),
                 countries: Iterable[str] = ()) -> bytes:
    """The file for a selection: ``fmt`` is ``csv`` (UTF-8 with BOM, comma-separated), ``xlsx`` or
    ``geojson``. ``df``: the enriched frame (the map page's, or :func:`load_enriched`)."""
    from .exporting import rows_to_xlsx_bytes

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    rows = export_rows(select(df, oblasts, countries))
    if fmt == "geojson":
        return to_geojson(rows)
    if fmt == "xlsx":
        return rows_to_xlsx_bytes(rows, EXPORT_COLUMNS, sheet="partnerships")
    return _csv(rows)


def _csv(rows: Sequence[Mapping[str, object]]) -> bytes:
    """UTF-8 with BOM, comma-separated; text cells neutralised, coordinates written as plain numbers."""
    import csv
    import io

    from .exporting import neutralise_formula

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(EXPORT_COLUMNS)
    for r in rows:
        w.writerow(["" if r[c] is None else (repr(r[c]) if c in LAT_LON_COLUMNS else neutralise_formula(str(r[c])))
                    for c in EXPORT_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def load_enriched(settings) -> tuple[pd.DataFrame, list]:
    """The partnerships of ``settings`` with their places' coordinates (and the load problems)."""
    from geo.places import load_places

    from . import filters as F
    from .io import load_partnerships

    data = settings.data_path
    beside = data.parent / "places.csv"
    places, overrides = ((beside, data.parent / "places_overrides.csv") if beside.exists()
                         else (settings.places_path, settings.overrides_path))
    loaded = load_partnerships(data)
    return F.enrich(loaded.frame, load_places(places, overrides)), loaded.problems


def figures(rows: Sequence[Mapping[str, object]]) -> dict[str, object]:
    """The done-when figures of an export: rows, places, countries, dated, sources, live RU/BY, codes."""
    from .schema import AGGRESSOR_COUNTRIES, ENDED_STATUSES, KATOTTG_RE, is_http_url

    n = len(rows) or 1
    pct = lambda k: round(100 * k / n, 1)  # noqa: E731
    return {
        "partnerships": len(rows),
        "ukrainian_places": len({(r[C.UA_OBLAST], r[C.UA_LEVEL] == "oblast", r[C.UA_NAME_EN]) for r in rows}),
        "partner_countries": len({r[C.PARTNER_COUNTRY] for r in rows}),
        "dated_pct": pct(sum(bool(r[C.DATE]) for r in rows)),
        "http_source_pct": pct(sum(is_http_url(str(r[C.SOURCE_URL])) for r in rows)),
        "ru_by_live": sum(r[C.PARTNER_COUNTRY] in AGGRESSOR_COUNTRIES and r[C.STATUS] not in ENDED_STATUSES
                          for r in rows),
        "katottg_pct": pct(sum(bool(KATOTTG_RE.match(str(r[C.UA_KATOTTG]))) for r in rows)),
        "on_map_pct": pct(sum(all(r[c] is not None for c in LAT_LON_COLUMNS) for r in rows)),
    }
