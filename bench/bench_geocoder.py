"""Benchmark of the offline geocoder: prints figures (not a timed test).

    python bench/bench_geocoder.py [--cold]

cold index build (only with --cold: rebuilds into a temporary file), warm index open, warm lookups per
second over the evaluation table's queries (median of several rounds: with the result cache cleared before
each lookup; also with the name-normalisation caches cleared, as for queries never seen before; and
cached), and the share of the places of $POBRATYMY_DATA resolved: by the gazetteer alone, and on the map
(data/places.csv with data/places_overrides.csv on top, as the dashboard loads them).
``run() -> dict`` is what ``python -m pobratymy bench`` calls.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _queries() -> list[tuple[str, str, str]]:
    with (ROOT / "tests" / "fixtures" / "geo_eval.csv").open(encoding="utf-8") as fh:
        return [(r["query"], r["country"], r["region"]) for r in csv.DictReader(fh)]


def _rate(g, qs, clear_normalisation: bool, rounds: int = 5) -> int:
    """Median lookups per second over ``rounds`` passes of the queries, the result cache cleared before
    each lookup (and, with ``clear_normalisation``, the fold/latinize/skeleton caches too)."""
    from geo import normalize

    caches = [normalize._fold, normalize._latinize, normalize._skeletons] if clear_normalisation else []
    for q, c, r in qs:  # warm-up: per-country name lists, SQLite pages
        g.geocode(q, country=c or None, region=r or None)
    rates = []
    for _ in range(rounds):
        t = time.perf_counter()
        for q, c, r in qs:
            g._cached.cache_clear()
            for cache in caches:
                cache.cache_clear()
            g.geocode(q, country=c or None, region=r or None)
        rates.append(len(qs) / (time.perf_counter() - t))
    return round(statistics.median(rates))


def _dataset_shares(g) -> dict[str, float | int]:
    """Places of the dataset resolved by the gazetteer alone, and those with a point on the map
    (``data/places.csv`` with ``data/places_overrides.csv`` on top, overrides win)."""
    from pobratymy.config import Settings
    from pobratymy.geocode_dataset import resolve_place, wanted_places
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places

    settings = Settings.from_env()
    wanted = wanted_places(load_partnerships(settings.data_path).frame)
    if not wanted:
        return {"dataset_places": 0}
    alone = sum(resolve_place(g, *v[:4], v[4]) is not None for v in wanted.values())
    places = load_places(settings.places_path, settings.overrides_path)
    on_map = sum(k in places and places[k].latlon is not None for k in wanted)
    return {"dataset_places": len(wanted),
            "dataset_resolved_share_gazetteer": round(alone / len(wanted), 4),
            "dataset_resolved_share": round(on_map / len(wanted), 4)}


def run(cold: bool = False) -> dict[str, float | str]:
    from geo.build_index import build
    from geo.gazetteer import Gazetteer, default_index_path
    from geo.geocoder import OfflineGeocoder

    out: dict[str, float | str] = {}
    if cold:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            build(Path(tmp) / "g.sqlite")
            out["cold_build_s"] = round(time.perf_counter() - t, 2)
    Gazetteer.open()  # make sure the index exists before timing the warm open
    t = time.perf_counter()
    g = OfflineGeocoder(Gazetteer(default_index_path()))
    g.geocode("Kyiv")
    out["warm_load_s"] = round(time.perf_counter() - t, 3)

    qs = _queries()
    out["lookups_per_s_uncached"] = _rate(g, qs, clear_normalisation=False)
    out["lookups_per_s_first_sight"] = _rate(g, qs, clear_normalisation=True)
    t = time.perf_counter()
    n = 0
    for _ in range(20):
        for q, c, r in qs:
            g.geocode(q, country=c or None, region=r or None)
            n += 1
    out["lookups_per_s_cached"] = round(n / (time.perf_counter() - t))

    try:
        out.update(_dataset_shares(g))
    except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
        out["dataset_resolved_share"] = f"n/a ({type(exc).__name__}: {exc})"
    return out


if __name__ == "__main__":
    for k, v in run(cold="--cold" in sys.argv).items():
        print(f"{k}: {v}")
