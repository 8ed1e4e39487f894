"""The sidebar search on the real data with the gazetteer's names (``python bench/bench_search.py``):
prints ms per search, with and without the exonym look-up, after a one-time load."""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.geocoder import OfflineGeocoder  # noqa: E402
from pobratymy import filters as F  # noqa: E402
from pobratymy.config import GEO_DATA_DIR, Settings  # noqa: E402
from pobratymy.io import load_partnerships  # noqa: E402
from pobratymy.places import load_places  # noqa: E402

QUERIES = ["Nuremberg", "Munich", "Мюнхен", "Cologne", "Warsaw", "Кам'янець", "zzzz", "Lemberg", "Paris"]


def main() -> None:
    s = Settings.from_env()
    t0 = time.perf_counter()
    df = F.enrich(load_partnerships(s.data_path).frame, load_places(s.places_path, s.overrides_path),
                  F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv"))
    ids = F.gazetteer_place_ids(OfflineGeocoder.default().gaz)
    print(f"rows {len(df)}; one-time load {1000 * (time.perf_counter() - t0):.0f} ms")
    for label, resolver in (("text only", None), ("with gazetteer", ids)):
        times = []
        for q in QUERIES:
            t = time.perf_counter()
            n = len(F.apply(df, F.Filters(query=q), resolver))
            times.append(1000 * (time.perf_counter() - t))
            if resolver:
                print(f"  {q!r}: {n} rows")
        print(f"{label}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms per search (first call)")


if __name__ == "__main__":
    main()
