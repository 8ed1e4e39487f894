"""Figures for the timeline and the exports on the real data (prints, asserts nothing):

    python bench/bench_export.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run() -> dict[str, float]:
    from pobratymy import exporting, present
    from pobratymy import timeline as T
    from pobratymy.commands.export_map import load_frame
    from pobratymy.config import Settings

    out: dict[str, float] = {}
    df, _, _ = load_frame(Settings.from_env())
    out["rows"] = len(df)
    t0 = time.perf_counter()
    T.build(df, "month", "country", today=dt.date.today())
    out["timeline_build_month_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    steps = T.replay_steps(dt.date(2014, 1, 1), dt.date.today(), "quarter")
    s = T.starts(df)
    for d in steps:
        T.as_of(s, d)
    out["replay_as_of_per_step_ms"] = (time.perf_counter() - t0) / len(steps) * 1000
    cn = present.country_namer("uk")
    t0 = time.perf_counter()
    html = exporting.map_html(df, "uk", cn, title="Україна")
    out["html_export_s"] = time.perf_counter() - t0
    out["html_mb"] = len(html.encode("utf-8")) / 1e6
    if exporting.chromium_executable():
        t0 = time.perf_counter()
        png = exporting.map_png(html)
        out["png_s"] = time.perf_counter() - t0
        out["png_kb"] = len(png) / 1e3
    t0 = time.perf_counter()
    exporting.selection_xlsx(df)
    out["xlsx_s"] = time.perf_counter() - t0
    return out


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:28s} {v:10.3f}")
