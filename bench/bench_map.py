"""Map benchmark: build time and payload at N partnerships, and the server time of a filter change.

``python bench/bench_map.py [--n 2000] [--seed 7] [--repeat 5]`` prints the figures; :func:`run` returns
them as a dict (for ``python -m pobratymy bench``).

The N rows are *synthetic* (a benchmark load, never data): each pairs a Ukrainian place and a partner
place drawn with a fixed seed from the real ``data/partnerships.csv`` rows that have coordinates, with
a kind, status and date taken from a real row. They are written to a temporary folder with a copy of
the places cache, so the app runs on them exactly as on real data.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def synthetic_rows(n: int, seed: int = 7, data: Path | None = None, places: Path | None = None):
    """(frame of n synthetic rows over real places, places path)."""
    import pandas as pd

    from geo.places import load_places
    from pobratymy import filters as F
    from pobratymy.config import DEFAULT_DATA, DEFAULT_OVERRIDES, DEFAULT_PLACES
    from pobratymy.io import load_partnerships
    from pobratymy.schema import C

    data = data or DEFAULT_DATA
    places = places or DEFAULT_PLACES
    real = F.enrich(load_partnerships(data).frame, load_places(places, DEFAULT_OVERRIDES))
    real = real[real[F.ON_MAP]].reset_index(drop=True)
    rng = random.Random(seed)
    ua_cols = [C.UA_NAME_EN, C.UA_NAME_UK, C.UA_OBLAST, C.UA_LEVEL]
    p_cols = [C.PARTNER_NAME, C.PARTNER_REGION, C.PARTNER_COUNTRY, C.PARTNER_LEVEL]
    meta_cols = [C.KIND, C.STATUS, C.DATE, C.DATE_EVENT, C.ENDED, C.FACILITATOR, C.SOURCE_URL]
    recs = real.to_dict("records")
    rows = []
    for i in range(n):
        ua, p, meta = rng.choice(recs), rng.choice(recs), rng.choice(recs)
        row = {c: "" for c in real.columns if c in C.__dict__.values()}
        row.update({c: ua[c] for c in ua_cols} | {c: p[c] for c in p_cols} | {c: meta[c] for c in meta_cols})
        row[C.ID] = f"bench-{i:05d}--synthetic"
        row[C.NOTES] = "synthetic benchmark row"
        rows.append(row)
    from pobratymy.schema import COLUMNS

    return pd.DataFrame(rows, columns=list(COLUMNS)), places


def payload_bytes(base, groups) -> dict[str, int]:
    """Bytes streamlit-folium sends for one render: base script + header + html, and the layers."""
    from streamlit_folium import _get_feature_group_string, _get_header, _get_html, _get_map_string

    base.render()
    html, header, script = _get_html(base), _get_header(base), _get_map_string(base)
    layers = "".join(_get_feature_group_string(g, base, i) for i, g in enumerate(groups))
    return {"base_bytes": len((html + header + script).encode()), "layers_bytes": len(layers.encode())}


def run(n: int = 2000, seed: int = 7, repeat: int = 5) -> dict:
    from streamlit.testing.v1 import AppTest

    from geo import mapbuild
    from geo.countries import country_name
    from geo.places import load_places
    from pobratymy import filters as F
    from pobratymy.io import write_csv_atomic

    frame, places_path = synthetic_rows(n, seed)
    out: dict = {"partnerships": n, "seed": seed}
    t0 = time.perf_counter()
    df = mapbuild.with_arcs(F.enrich(frame, load_places(places_path)))
    out["load_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    sel = F.apply(df, F.Filters(statuses=tuple(F.DEFAULT_STATUSES) + ("terminated",)))
    cn = lambda c: country_name(c, "uk")  # noqa: E731
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        groups, _ = mapbuild.dynamic_layers(sel, "uk", cn)
        sizes = payload_bytes(mapbuild.base_map("uk"), groups)
        times.append((time.perf_counter() - t0) * 1000)
    out["map_build_ms"] = round(statistics.median(times), 1)
    out.update(sizes)
    out["payload_bytes"] = sizes["base_bytes"] + sizes["layers_bytes"]
    out["lines_drawn"] = int(sel[F.ON_MAP].sum())

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "partnerships.csv"
        write_csv_atomic(data, frame)
        shutil.copyfile(places_path, Path(tmp) / "places.csv")
        old = os.environ.get("POBRATYMY_DATA")
        os.environ["POBRATYMY_DATA"] = str(data)
        try:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
            at.run()
            if at.exception:
                raise RuntimeError(at.exception[0].value)
            oblasts = sorted(set(frame["ua_oblast"]))
            to_one, to_all, cpu = [], [], []
            for i in range(repeat * 2):  # alternate: one oblast, then back to all N partnerships
                one = i % 2 == 0
                at.multiselect(key="f_oblast").set_value([oblasts[(i // 2) % len(oblasts)]] if one else [])
                t0, c0 = time.perf_counter(), time.process_time()
                at.run()
                (to_one if one else to_all).append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                if at.exception:
                    raise RuntimeError(at.exception[0].value)
            out["filter_to_one_oblast_ms"] = round(statistics.median(to_one), 1)
            out["filter_to_all_ms"] = round(statistics.median(to_all), 1)
            out["filter_change_ms_median"] = round(statistics.median(to_one + to_all), 1)
            out["filter_change_cpu_ms_median"] = round(statistics.median(cpu), 1)
        finally:
            if old is None:
                os.environ.pop("POBRATYMY_DATA", None)
            else:
                os.environ["POBRATYMY_DATA"] = old
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    for k, v in run(args.n, args.seed, args.repeat).items():
        print(f"{k:26s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
