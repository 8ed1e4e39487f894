"""Benchmark of the data quality checks: prints figures (not a timed test).

    python bench/bench_quality.py [DATA.csv [PLACES.csv [OVERRIDES.csv]]]

Defaults: $POBRATYMY_DATA and the places cache beside it (else data/places.csv). Prints the rows and
places, seconds for place issues with the offline gazetteer (overview without fuzzy candidates, and
with them; cold and warm geocoder cache), for
duplicates and counts, and how many issues of each kind were found.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run(data: str | None = None, places: str | None = None, overrides: str | None = None) -> dict[str, object]:
    from geo.gazetteer import Gazetteer
    from geo.geocoder import OfflineGeocoder
    from pobratymy import quality as Q
    from pobratymy.config import Settings
    from pobratymy.io import load_partnerships

    s = Settings.from_env()
    data_p = Path(data) if data else s.data_path
    places_p = Path(places) if places else (data_p.parent / "places.csv" if (data_p.parent / "places.csv").exists()
                                            else s.places_path)
    over_p = Path(overrides) if overrides else places_p.parent / "places_overrides.csv"
    loaded = load_partnerships(data_p)
    pl = Q.load_all_places(places_p, over_p)
    out: dict[str, object] = {"rows": len(loaded.frame), "places": len(Q.dataset_places(loaded.frame))}
    for fuzzy in (False, True):  # the page's overview skips fuzzy candidates; the CLI-like full run has them
        finder = Q.GazetteerFinder(OfflineGeocoder(Gazetteer.open()), fuzzy=fuzzy)  # a cold geocoder cache
        for run_name in ("cold", "warm"):
            t = time.perf_counter()
            issues = Q.place_issues(loaded.frame, pl, finder)
            out[f"place_issues_{'fuzzy' if fuzzy else 'overview'}_{run_name}_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    dups = Q.suspected_duplicates(loaded.frame)
    out["duplicates_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    c = Q.counts(loaded.frame, loaded.problems, issues, dups)
    out["counts_s"] = round(time.perf_counter() - t, 3)
    out.update({f"issues_{k}": v for k, v in sorted(Counter(i.problem for i in issues).items())})
    out["issues_with_candidates"] = sum(bool(i.candidates) for i in issues)
    out["duplicate_groups"] = dict(Counter(d.reason for d in dups))
    out["with_date_pct"], out["day_precision_pct"], out["sources_per_row"] = (
        c.with_date_pct, c.day_precision_pct, c.sources_per_row)
    return out


if __name__ == "__main__":
    for k, v in run(*sys.argv[1:4]).items():
        print(f"{k:>24}: {v}")
