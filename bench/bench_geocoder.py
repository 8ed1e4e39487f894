"""Benchmark of the offline geocoder: prints figures (not a timed test).

    python bench/bench_geocoder.py [--cold]

cold index build (only with --cold: rebuilds into a temporary file), warm index open, warm lookups per
second (uncached, over the evaluation table's queries), 300-row CLI-like run, and the share of the
places of $POBRATYMY_DATA resolved. ``run() -> dict`` is what ``python -m pobratymy bench`` calls.
"""

from __future__ import annotations

import csv
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
    n = 0
    t = time.perf_counter()
    while time.perf_counter() - t < 2.0:
        for q, c, r in qs:
            g._cached.cache_clear()
            g.geocode(q, country=c or None, region=r or None)
            n += 1
    out["lookups_per_s_uncached"] = round(n / (time.perf_counter() - t))
    t = time.perf_counter()
    n = 0
    for _ in range(20):
        for q, c, r in qs:
            g.geocode(q, country=c or None, region=r or None)
            n += 1
    out["lookups_per_s_cached"] = round(n / (time.perf_counter() - t))

    try:
        from geo.dataset import resolve_place, wanted_places
        from pobratymy.config import Settings
        from pobratymy.io import load_partnerships

        frame = load_partnerships(Settings.from_env().data_path).frame
        wanted = wanted_places(frame)
        ok = sum(resolve_place(g, *v[:4], v[4]) is not None for v in wanted.values())
        out["dataset_places"] = len(wanted)
        out["dataset_resolved_share"] = round(ok / len(wanted), 4) if wanted else 0.0
    except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
        out["dataset_resolved_share"] = f"n/a ({type(exc).__name__}: {exc})"
    return out


if __name__ == "__main__":
    for k, v in run(cold="--cold" in sys.argv).items():
        print(f"{k}: {v}")
