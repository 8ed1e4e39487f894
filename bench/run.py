"""One benchmark run: prints a Markdown table of medians and ratios, optionally writes BENCHMARKS.md.

    python bench/run.py [--sizes 1000,2000,10000,50000] [--runs 5] [--write BENCHMARKS.md] [--quick]
    python -m pobratymy bench ...            # the same

Measured on a seeded synthetic load (:mod:`bench.synth`: the real dataset grown to N distinct
partnerships over real places), never on data/ itself:

1. map build, per size: the project's renderer (:func:`pobratymy.render.mapbuild.dynamic_layers` + the base map,
   rendered as streamlit-folium sends it; arcs are computed once per data load and shown apart) against
   the naive approach (one ``folium.PolyLine`` with a tooltip per partnership, the whole map rendered),
   and the ``export-map`` HTML (:func:`pobratymy.exporting.map_html`) against the naive HTML;
   the load path from the CSV on disk (read + validate, place join, arcs), and whole processes:
   ``python -m pobratymy export-map`` against the naive page as a script (``bench/naive_page.py``);
2. server time of a filter change (Streamlit AppTest): one oblast, then back to everything;
3. the offline geocoder: index open + first lookup in this process, lookups per second (bench_geocoder);
4. page load to drawn map in headless Chromium against a real ``streamlit run`` (when Chromium exists),
   and a filter change to the redrawn map beside a trivial rerun (``bench/bench_filter_browser.py``).

Every time is the median of ``--runs`` runs (the naive map above 10,000 partnerships is run once: it
takes minutes). Machines are noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
for _p in (ROOT, BENCH):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from pobratymy.devserver import running_dashboard  # noqa: E402 - after the sys.path set-up above

DEFAULT_SIZES = (1000, 2000, 10000, 50000)
FILTER_SIZES = (2000, 10000)
BROWSER_SIZES = (20, 2000, 10000)  # 20: a baseline, what Streamlit itself costs
PROCESS_SIZES = (10000,)  # whole processes: export-map vs the naive page (bench/naive_page.py)
BROWSER_FILTER_SIZES = (None, 10000)  # None: the bundled data
NAIVE_FULL_RUNS_UP_TO = 10000  # above this the naive map is built once (it takes minutes)
#: targets of issue 6
TARGET_TIME_RATIO, TARGET_BYTES_RATIO, TARGET_FILTER_MS, TARGET_DRAWN_S = 0.15, 0.5, 150.0, 3.0
#: targets of issue 11 (whole processes, load path, back to all) and issue 10 (filter change in a browser)
TARGET_PROCESS_RATIO, TARGET_LOAD_50K_S, TARGET_BACK_TO_ALL_MS, TARGET_BROWSER_OVER_BASE_S = 0.25, 1.5, 150.0, 0.5


@dataclass
class Report:
    """What one run measured; :meth:`markdown` turns it into the tables."""

    sizes: tuple[int, ...]
    runs: int
    seed: int
    maps: list[dict] = field(default_factory=list)
    exports: list[dict] = field(default_factory=list)
    filters: list[dict] = field(default_factory=list)
    geocoder: dict = field(default_factory=dict)
    browser: list[dict] = field(default_factory=list)
    loads: list[dict] = field(default_factory=list)
    processes: list[dict] = field(default_factory=list)
    browser_filter: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    load: tuple[str, str] = ("?", "?")

    def markdown(self) -> str:
        return render(self)


def _median_ms(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), out


# ------------------------------------------------------------------------------------------ loads
def load(n: int, seed: int):
    """(synthetic schema frame, enriched frame without arcs, arcs ms, enriched frame with arcs)."""
    import synth

    from pobratymy import filters as F
    from pobratymy.config import DEFAULT_OVERRIDES, DEFAULT_PLACES, GEO_DATA_DIR
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild

    frame = synth.grow(n, seed)
    df = F.enrich(frame, load_places(DEFAULT_PLACES, DEFAULT_OVERRIDES),
                  F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv"))
    t0 = time.perf_counter()
    with_arcs = mapbuild.with_arcs(df)
    return frame, (time.perf_counter() - t0) * 1000, with_arcs


def everything(df):
    """Every row, terminated ties too: the largest map a user can ask for."""
    from pobratymy import filters as F
    from pobratymy.schema import Status

    return F.apply(df, F.Filters(statuses=tuple(s.value for s in Status)))


# ------------------------------------------------------------------------------------------ 1. map
def payload_bytes(base, groups) -> int:
    """Bytes streamlit-folium sends for one render: base script + header + html, and the layers."""
    from streamlit_folium import _get_feature_group_string, _get_header, _get_html, _get_map_string

    base.render()
    html, header, script = _get_html(base), _get_header(base), _get_map_string(base)
    layers = "".join(_get_feature_group_string(g, base, i) for i, g in enumerate(groups))
    return len((html + header + script).encode()) + len(layers.encode())


def project_map(sel, lang: str, cn) -> int:
    """The project's per-rerun work: layers for the selection + base map, rendered as streamlit-folium
    sends them; returns the payload bytes."""
    from pobratymy.render import mapbuild

    groups, _ = mapbuild.dynamic_layers(sel, lang, cn)
    return payload_bytes(mapbuild.base_map(lang), groups)


def naive_map(sel, lang: str, cn) -> int:
    """The obvious alternative: one ``folium.PolyLine`` with a tooltip per partnership; returns the bytes
    of the rendered page (which, unlike the project's, still fetches Leaflet from CDNs)."""
    import folium

    from pobratymy import filters as F
    from pobratymy.render import mapbuild

    m = folium.Map(location=list(mapbuild.DEFAULT_CENTER), zoom_start=mapbuild.DEFAULT_ZOOM)
    on = sel[sel[F.ON_MAP]]
    for r in on.to_dict("records"):
        folium.PolyLine([(r[F.UA_LAT], r[F.UA_LON]), (r[F.P_LAT], r[F.P_LON])],
                        tooltip=mapbuild.line_label(r, lang, cn)).add_to(m)
    return len(m.get_root().render().encode("utf-8"))


def export_map(sel, lang: str, cn) -> int:
    """What ``python -m pobratymy export-map`` builds: one self-contained HTML file; returns its bytes."""
    from pobratymy import exporting

    return len(exporting.map_html(sel, lang, cn, title="Pobratymy").encode("utf-8"))


def bench_maps(rep: Report, lang: str = "uk", with_export: bool = True) -> None:
    from geo.countries import country_name
    from pobratymy import filters as F

    cn = lambda code: country_name(code, lang)  # noqa: E731
    first, fixed = True, 0
    for n in rep.sizes:
        _, arcs_ms, df = load(n, rep.seed)
        sel = everything(df)
        if first:  # warm imports and template caches once, outside the timings
            project_map(sel.head(50), lang, cn)
            naive_map(sel.head(50), lang, cn)
            if with_export:  # the part of every export that does not grow: Leaflet, its CSS, the basemap
                fixed = export_map(sel.head(0), lang, cn)
            first = False
        p_ms, p_bytes = _median_ms(lambda s=sel: project_map(s, lang, cn), rep.runs)
        naive_runs = rep.runs if n <= NAIVE_FULL_RUNS_UP_TO else 1
        n_ms, n_bytes = _median_ms(lambda s=sel: naive_map(s, lang, cn), naive_runs)
        rep.maps.append({"n": n, "lines": int(sel[F.ON_MAP].sum()), "arcs_ms": arcs_ms, "project_ms": p_ms,
                         "project_bytes": p_bytes, "naive_ms": n_ms, "naive_bytes": n_bytes,
                         "naive_runs": naive_runs})
        if with_export:
            e_ms, e_bytes = _median_ms(lambda s=sel: export_map(s, lang, cn), max(1, min(rep.runs, 3)))
            rep.exports.append({"n": n, "export_ms": e_ms, "export_bytes": e_bytes, "naive_ms": n_ms,
                                "naive_bytes": n_bytes, "fixed_bytes": fixed})


# ------------------------------------------------------------------------------------------ 1b. load path
def bench_load(n: int, seed: int, runs: int) -> dict:
    """What a process does before it can draw, from the CSV on disk: read + validate
    (:func:`pobratymy.io.load_partnerships`), join the places (:func:`pobratymy.filters.enrich`), arcs
    (:func:`pobratymy.render.mapbuild.with_arcs`); medians in ms."""
    import synth

    from pobratymy import filters as F
    from pobratymy.config import GEO_DATA_DIR
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild

    with tempfile.TemporaryDirectory(prefix="pobratymy-bench-") as tmp:
        data = synth.write_load(synth.grow(n, seed), Path(tmp))
        read, join, arcs = [], [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            frame = load_partnerships(data).frame
            t1 = time.perf_counter()
            df = F.enrich(frame, load_places(data.parent / "places.csv", data.parent / "places_overrides.csv"),
                          F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv"))
            t2 = time.perf_counter()
            mapbuild.with_arcs(df)
            t3 = time.perf_counter()
            read.append((t1 - t0) * 1000)
            join.append((t2 - t1) * 1000)
            arcs.append((t3 - t2) * 1000)
    r, j, a = statistics.median(read), statistics.median(join), statistics.median(arcs)
    return {"n": n, "read_ms": r, "join_ms": j, "arcs_ms": a, "total_ms": r + j + a}


# ------------------------------------------------------------------------------------------ 1c. whole processes
def bench_process(n: int, seed: int, runs: int) -> dict:
    """Whole processes on the same CSV: ``python -m pobratymy export-map --out F.html`` (start-up, load,
    validation, arcs, the self-contained page) against ``python bench/naive_page.py`` (the naive folium
    page: read, join, one PolyLine + tooltip per partnership, save). Runs alternate so that both see the
    same machine load; medians in ms and the files' bytes."""
    import subprocess

    import synth

    with tempfile.TemporaryDirectory(prefix="pobratymy-bench-") as tmp:
        data = synth.write_load(synth.grow(n, seed), Path(tmp))
        env = {**os.environ, "POBRATYMY_DATA": str(data)}
        exp_out, naive_out = Path(tmp) / "export.html", Path(tmp) / "naive.html"
        cmds = {"export": [sys.executable, "-m", "pobratymy", "export-map", "--out", str(exp_out)],
                "naive": [sys.executable, str(BENCH / "naive_page.py"), str(data), str(naive_out)]}
        times: dict[str, list[float]] = {"export": [], "naive": []}
        for _ in range(runs):
            for name, cmd in cmds.items():
                t0 = time.perf_counter()
                subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
                times[name].append((time.perf_counter() - t0) * 1000)
        return {"n": n, "export_ms": statistics.median(times["export"]), "naive_ms": statistics.median(times["naive"]),
                "export_bytes": exp_out.stat().st_size, "naive_bytes": naive_out.stat().st_size, "runs": runs}


# ------------------------------------------------------------------------------------------ 2. filter change
def bench_filter(n: int, seed: int, runs: int) -> dict:
    """Median server time of a sidebar filter change in AppTest: to one oblast, and back to all."""
    import synth
    from streamlit.testing.v1 import AppTest

    frame = synth.grow(n, seed)
    with tempfile.TemporaryDirectory(prefix="pobratymy-bench-") as tmp:
        data = synth.write_load(frame, Path(tmp))
        old = os.environ.get("POBRATYMY_DATA")
        os.environ["POBRATYMY_DATA"] = str(data)
        try:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
            shared = _share_script_cache()
            t0 = time.perf_counter()
            at.run()
            first_ms = (time.perf_counter() - t0) * 1000
            if at.exception:
                raise RuntimeError(at.exception[0].value)
            oblasts = sorted(set(frame["ua_oblast"]))
            to_one, to_all, cpu = [], [], []
            for i in range(runs * 2):
                one = i % 2 == 0
                at.multiselect(key="f_oblast").set_value([oblasts[(i // 2) % len(oblasts)]] if one else [])
                t0, c0 = time.perf_counter(), time.process_time()
                at.run()
                (to_one if one else to_all).append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                if at.exception:
                    raise RuntimeError(at.exception[0].value)
            # back to all with nothing kept: the layers drawn anew (a selection the session has not seen)
            from collections import OrderedDict

            from pages.common import MEMO_KEY

            cold = []
            for i in range(runs):
                at.multiselect(key="f_oblast").set_value([oblasts[i % len(oblasts)]])
                at.run()
                at.session_state[MEMO_KEY] = OrderedDict()
                at.multiselect(key="f_oblast").set_value([])
                t0 = time.perf_counter()
                at.run()
                cold.append((time.perf_counter() - t0) * 1000)
                if at.exception:
                    raise RuntimeError(at.exception[0].value)
        finally:
            if shared:
                shared()
            if old is None:
                os.environ.pop("POBRATYMY_DATA", None)
            else:
                os.environ["POBRATYMY_DATA"] = old
    return {"n": n, "first_run_ms": first_ms, "to_one_ms": statistics.median(to_one),
            "to_all_ms": statistics.median(to_all), "median_ms": statistics.median(to_one + to_all),
            "to_all_drawn_ms": statistics.median(cold),
            "cpu_ms": statistics.median(cpu), "script_cache_shared": shared is not None}


def _share_script_cache() -> Callable[[], None] | None:
    """AppTest compiles the page scripts again on every run (a new ``ScriptCache`` per run), which a
    Streamlit server does once per script; share one cache so a rerun costs what it costs on a server.
    Returns the undo function, or None when this Streamlit's internals differ (then AppTest is as is)."""
    try:
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache
        from streamlit.testing.v1 import local_script_runner as lsr
    except ImportError:
        return None
    if getattr(lsr, "ScriptCache", None) is not ScriptCache:
        return None
    one = ScriptCache()
    lsr.ScriptCache = lambda: one

    def undo() -> None:
        lsr.ScriptCache = ScriptCache

    return undo


# ------------------------------------------------------------------------------------------ 3. geocoder
def bench_geocoder() -> dict:
    import bench_geocoder as bg

    return bg.run(cold=False)


# ------------------------------------------------------------------------------------------ 4. browser
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LINE_COUNT_JS = """() => window.map ? Object.values(window.map._layers)
    .filter(l => l.feature && /LineString/.test(l.feature.geometry.type)).length : -1"""


def chromium() -> str | None:
    from pobratymy.exporting import chromium_executable

    return chromium_executable()


def expected_lines(df) -> int:
    """Line features the map page draws by default (every status but terminated, both ends placed)."""
    from pobratymy import filters as F
    from pobratymy.render import mapbuild

    sel = F.apply(df, F.Filters())
    return int((sel[F.ON_MAP] & sel[mapbuild.GEOM].notna()).sum())


def bench_browser(n: int, seed: int, runs: int, exe: str) -> dict:
    """Page load to drawn map: ``goto`` until the iframe's Leaflet map has fitted its first view
    (``window.pbSettled``, set by the fit after the line layers were added and two frames painted) with
    lines on it. The default view may be the overview (oblast → country lines), so the lines drawn are
    counted in the browser. The first load fills the server's cache."""
    import synth
    from playwright.sync_api import sync_playwright

    frame = synth.grow(n, seed)
    with tempfile.TemporaryDirectory(prefix="pobratymy-bench-") as tmp:
        data = synth.write_load(frame, Path(tmp))
        with running_dashboard({**os.environ, "POBRATYMY_DATA": str(data)}, Path(tmp) / "server.log") as url:
            times, lines = [], 0
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
                try:
                    for _ in range(runs + 1):
                        ctx = b.new_context(viewport={"width": 1400, "height": 950})
                        ctx.route(lambda u: not u.startswith(url), lambda r: r.abort())  # offline
                        page = ctx.new_page()
                        t0 = time.perf_counter()
                        page.goto(url)
                        fr = page.wait_for_selector(IFRAME, timeout=180_000).content_frame()
                        fr.wait_for_function(f"() => window.pbSettled && ({LINE_COUNT_JS})() > 0", timeout=180_000)
                        fr.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                        times.append(time.perf_counter() - t0)
                        lines = fr.evaluate(LINE_COUNT_JS)
                        ctx.close()
                finally:
                    b.close()
    return {"n": n, "lines": lines, "first_s": times[0], "warm_s": statistics.median(times[1:])}


# ------------------------------------------------------------------------------------------ table
def _r(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "—"


def _kb(b: int) -> str:
    return f"{b / 1024:,.0f} kB"


def _ok(met: bool) -> str:
    return "met" if met else "**missed**"


def render(rep: Report) -> str:
    out = [f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.system()} {platform.machine()}, "
           f"Python {platform.python_version()}, {os.cpu_count()} CPU(s); seed {rep.seed}; times are medians "
           f"of {rep.runs} run(s) unless noted. Synthetic load: the real dataset grown to N distinct "
           f"partnerships over real places (`bench/synth.py`). Load average at start/end: "
           f"{rep.load[0]} / {rep.load[1]}.", ""]
    if rep.maps:
        out += ["### Map build: project renderer vs naive folium (one `PolyLine` + tooltip per partnership)", "",
                "| partnerships | lines | arcs (once per load) | project build | project bytes | naive build "
                "| naive bytes | time ratio | time ratio incl. arcs | bytes ratio |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for m in rep.maps:
            runs = "" if m["naive_runs"] == rep.runs else f" ({m['naive_runs']} run)"
            out.append(f"| {m['n']:,} | {m['lines']:,} | {m['arcs_ms']:,.0f} ms | {m['project_ms']:,.0f} ms "
                       f"| {_kb(m['project_bytes'])} | {m['naive_ms']:,.0f} ms{runs} | {_kb(m['naive_bytes'])} "
                       f"| {_r(m['project_ms'], m['naive_ms'])} | {_r(m['project_ms'] + m['arcs_ms'], m['naive_ms'])} "
                       f"| {_r(m['project_bytes'], m['naive_bytes'])} |")
        out.append("")
    if rep.exports:
        out += ["### `export-map` (self-contained HTML: Leaflet and basemap inlined) vs the naive map page", "",
                "| partnerships | export build | export bytes | naive build | naive bytes | time ratio | bytes ratio "
                "| bytes ratio without the fixed part |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for e in rep.exports:
            out.append(f"| {e['n']:,} | {e['export_ms']:,.0f} ms | {_kb(e['export_bytes'])} | {e['naive_ms']:,.0f} ms "
                       f"| {_kb(e['naive_bytes'])} | {_r(e['export_ms'], e['naive_ms'])} "
                       f"| {_r(e['export_bytes'], e['naive_bytes'])} "
                       f"| {_r(e['export_bytes'] - e['fixed_bytes'], e['naive_bytes'])} |")
        out += ["", f"Fixed part of every export (an empty selection): {_kb(rep.exports[0]['fixed_bytes'])} — Leaflet, "
                "its CSS and the country/oblast basemap inlined so the file draws offline. The naive page has "
                "none of it: it loads Leaflet, jQuery and Bootstrap from CDNs and shows no basemap offline.", ""]
    if rep.loads:
        out += ["### Load path: from the CSV on disk to arcs ready to draw (once per data load)", "",
                "| partnerships | read + validate | join places (`enrich`) | arcs (`with_arcs`) | load + arcs |",
                "|---:|---:|---:|---:|---:|"]
        for x in rep.loads:
            out.append(f"| {x['n']:,} | {x['read_ms']:,.0f} ms | {x['join_ms']:,.0f} ms | {x['arcs_ms']:,.0f} ms "
                       f"| {x['total_ms']:,.0f} ms |")
        out.append("")
    if rep.processes:
        out += ["### Whole processes: `python -m pobratymy export-map` vs the naive folium page "
                "(`bench/naive_page.py`)", "",
                "| partnerships | export-map process | export bytes | naive process | naive bytes | time ratio "
                "| bytes ratio |", "|---:|---:|---:|---:|---:|---:|---:|"]
        for x in rep.processes:
            out.append(f"| {x['n']:,} | {x['export_ms']:,.0f} ms | {_kb(x['export_bytes'])} | {x['naive_ms']:,.0f} ms "
                       f"| {_kb(x['naive_bytes'])} | {_r(x['export_ms'], x['naive_ms'])} "
                       f"| {_r(x['export_bytes'], x['naive_bytes'])} |")
        out += ["", "Start-up (imports), reading, validation, the place join, arcs and writing the file included; "
                "the two commands alternate in each run.", ""]
    if rep.filters:
        out += ["### Filter change, server time (AppTest, whole map page: sidebar → filter → layers → tables)", "",
                "| partnerships | first run (load + arcs) | to one oblast | back to all | back to all, drawn anew "
                "| median | median CPU |",
                "|---:|---:|---:|---:|---:|---:|---:|"]
        for f in rep.filters:
            out.append(f"| {f['n']:,} | {f['first_run_ms']:,.0f} ms | {f['to_one_ms']:,.0f} ms "
                       f"| {f['to_all_ms']:,.0f} ms | {f['to_all_drawn_ms']:,.0f} ms "
                       f"| {f['median_ms']:,.0f} ms | {f['cpu_ms']:,.0f} ms |")
        if all(f["script_cache_shared"] for f in rep.filters):
            out += ["", "AppTest recompiles the page scripts on every run; a server compiles them once, so the "
                    "bench shares one script cache across runs (`_share_script_cache`)."]
        out += ["", "A session keeps the drawn layers of its last few selections (`pages/common.py` `map_layers`): "
                "\"back to all\" after one oblast reuses them. \"Drawn anew\" is the same change with that memo "
                "emptied first (a selection the session has not seen: every line, dot and tooltip built again)."]
        out.append("")
    if rep.geocoder:
        out += ["### Offline geocoder (`bench/bench_geocoder.py`)", "", "| measure | value |", "|---|---:|"]
        out += [f"| {GEOCODER_LABELS.get(k, k)} | {v} |" for k, v in rep.geocoder.items()]
        out.append("")
    if rep.browser:
        base = min(rep.browser, key=lambda b: b["n"])
        out += ["### Page load to drawn map, headless Chromium, no internet", "",
                "| partnerships | lines drawn | first load (cold server cache) | later loads "
                f"| later loads minus the {base['n']}-row page |", "|---:|---:|---:|---:|---:|"]
        for b in rep.browser:
            out.append(f"| {b['n']:,} | {b['lines']:,} | {b['first_s']:.2f} s | {b['warm_s']:.2f} s "
                       f"| {b['warm_s'] - base['warm_s']:+.2f} s |")
        out.append("")
    if rep.browser_filter:
        out += ["### Filter change to redrawn map, headless Chromium, no internet", "",
                "| partnerships | lines (all / one oblast) | to one oblast | back to all | baseline rerun "
                "| filter change minus baseline |", "|---:|---:|---:|---:|---:|---:|"]
        for x in rep.browser_filter:
            worst = max(x["to_one_ms"], x["to_all_ms"])
            label = f"{x['n']:,} (real data)" if x.get("real") else f"{x['n']:,}"
            out.append(f"| {label} | {x['lines_all']:,} / {x['lines_one']:,} | {x['to_one_ms']:,.0f} ms "
                       f"| {x['to_all_ms']:,.0f} ms | {x['baseline_ms']:,.0f} ms | {worst - x['baseline_ms']:+,.0f} ms |")
        out += ["", "From the widget change (the oblast picked in the sidebar; Backspace removes it) until the map's "
                "iframe has the new fit (`window.pbSettled`) and that state's line count in `window.map._layers`. "
                "Baseline: \"Reset filters\" clicked with no filter set (the page reruns, the map does not "
                f"change), until `script_finished` reached the browser and two frames were painted. Medians "
                f"of {rep.browser_filter[0]['runs']} runs (`bench/bench_filter_browser.py`).", ""]
    out += targets(rep)
    if rep.notes:
        out += ["", *[f"- {n}" for n in rep.notes]]
    return "\n".join(out) + "\n"


GEOCODER_LABELS = {
    "cold_build_s": "index build from GeoNames, s (once per install)",
    "warm_load_s": "cold start: open the built index + first lookup in a fresh process, s",
    "lookups_per_s_uncached": "warm lookups per second (result cache cleared each time)",
    "lookups_per_s_cached": "warm lookups per second (repeated queries, cached)",
    "lookups_per_s_first_sight": "warm lookups per second, every cache cleared (first sight of each name)",
    "dataset_resolved_share_gazetteer": "share of them placed by the gazetteer alone",
    "dataset_places": "places in the dataset",
    "dataset_resolved_share": "share of them with a point on the map (places.csv + overrides)",
}


def targets(rep: Report) -> list[str]:
    rows = []
    m10 = next((m for m in rep.maps if m["n"] == 10000), None)
    if m10:
        tr, br = (m10["project_ms"] + m10["arcs_ms"]) / m10["naive_ms"], m10["project_bytes"] / m10["naive_bytes"]
        rows.append(f"| map build at 10k ≤ {TARGET_TIME_RATIO}× naive time (arcs included) | {tr:.3f}× | "
                    f"{_ok(tr <= TARGET_TIME_RATIO)} |")
        rows.append(f"| map payload at 10k ≤ {TARGET_BYTES_RATIO}× naive bytes | {br:.3f}× | {_ok(br <= TARGET_BYTES_RATIO)} |")
    e10 = next((e for e in rep.exports if e["n"] == 10000), None)
    if e10:
        tr, br = e10["export_ms"] / e10["naive_ms"], e10["export_bytes"] / e10["naive_bytes"]
        rows.append(f"| export-map at 10k ≤ {TARGET_TIME_RATIO}× naive time | {tr:.3f}× | {_ok(tr <= TARGET_TIME_RATIO)} |")
        rows.append(f"| export-map at 10k ≤ {TARGET_BYTES_RATIO}× naive bytes | {br:.3f}× | {_ok(br <= TARGET_BYTES_RATIO)} |")
    f2 = next((f for f in rep.filters if f["n"] == 2000), None)
    if f2:
        rows.append(f"| filter change at 2k ≤ {TARGET_FILTER_MS:.0f} ms | {f2['median_ms']:.0f} ms | "
                    f"{_ok(f2['median_ms'] <= TARGET_FILTER_MS)} |")
    b10 = next((b for b in rep.browser if b["n"] == 10000), None)
    if b10:
        rows.append(f"| drawn map at 10k ≤ {TARGET_DRAWN_S:.0f} s (later loads) | {b10['warm_s']:.2f} s | "
                    f"{_ok(b10['warm_s'] <= TARGET_DRAWN_S)} |")
    p10 = next((x for x in rep.processes if x["n"] == 10000), None)
    if p10:
        tr, br = p10["export_ms"] / p10["naive_ms"], p10["export_bytes"] / p10["naive_bytes"]
        rows.append(f"| whole export-map process at 10k ≤ {TARGET_PROCESS_RATIO}× the naive page's process | {tr:.3f}× "
                    f"| {_ok(tr <= TARGET_PROCESS_RATIO)} |")
        rows.append(f"| its file at 10k ≤ {TARGET_BYTES_RATIO}× the naive page's bytes (same run) | {br:.3f}× "
                    f"| {_ok(br <= TARGET_BYTES_RATIO)} |")
    l50 = next((x for x in rep.loads if x["n"] == 50000), None)
    if l50:
        s50 = (l50["read_ms"] + l50["arcs_ms"]) / 1000
        rows.append(f"| load (read + validate) + arcs at 50k ≤ {TARGET_LOAD_50K_S} s | {s50:.2f} s | "
                    f"{_ok(s50 <= TARGET_LOAD_50K_S)} |")
        t50 = l50["total_ms"] / 1000
        rows.append(f"| … with the place join too | {t50:.2f} s | {_ok(t50 <= TARGET_LOAD_50K_S)} |")
    f10 = next((f for f in rep.filters if f["n"] == 10000), None)
    if f10:
        rows.append(f"| back to all at 10k ≤ {TARGET_BACK_TO_ALL_MS:.0f} ms (server) | {f10['to_all_ms']:.0f} ms | "
                    f"{_ok(f10['to_all_ms'] <= TARGET_BACK_TO_ALL_MS)} |")
    bf = next((x for x in rep.browser_filter if x.get("real")), None)
    if bf:
        over = (max(bf["to_one_ms"], bf["to_all_ms"]) - bf["baseline_ms"]) / 1000
        rows.append(f"| filter change in Chromium at real size ≤ baseline + {TARGET_BROWSER_OVER_BASE_S} s | "
                    f"{over:+.2f} s | {_ok(over <= TARGET_BROWSER_OVER_BASE_S)} |")
    if not rows:
        return []
    return ["### Targets (issues 6, 10, 11)", "", "| target | measured | |", "|---|---:|---|", *rows]


# ------------------------------------------------------------------------------------------ main
def run(sizes=DEFAULT_SIZES, runs: int = 5, seed: int = 7, *, quick: bool = False, geocoder: bool = True,
        browser: bool = True, export: bool = True, log=sys.stderr) -> Report:
    """Run every section; ``quick``: the given sizes only (no 2k/10k extras), one run, no browser."""
    sizes = tuple(sorted(set(sizes)))
    rep = Report(sizes=sizes, runs=1 if quick else runs, seed=seed)
    say = lambda msg: print(f"[bench] {msg}", file=log, flush=True)  # noqa: E731
    start_load = _loadavg()
    if geocoder:
        say("geocoder")
        try:
            rep.geocoder = bench_geocoder()
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
            rep.notes.append(f"geocoder not measured: {type(exc).__name__}: {exc}")
    say(f"map build at {', '.join(map(str, sizes))}")
    bench_maps(rep, with_export=export)
    for n in sizes:
        say(f"load path at {n}")
        rep.loads.append(bench_load(n, seed, rep.runs))
    if export and not quick:
        for n in PROCESS_SIZES:
            say(f"whole processes at {n}")
            rep.processes.append(bench_process(n, seed, rep.runs))
    for n in (sizes if quick else FILTER_SIZES):
        say(f"filter change at {n}")
        rep.filters.append(bench_filter(n, seed, rep.runs))
    exe = chromium() if browser and not quick else None
    if browser and not quick and not exe:
        rep.notes.append("Chromium not found: page-load timings not measured")
    if exe:
        try:
            import playwright  # noqa: F401
        except ImportError:
            exe = None
            rep.notes.append("playwright not installed: page-load timings not measured")
    for n in (BROWSER_SIZES if exe else ()):
        say(f"Chromium at {n}")
        try:
            rep.browser.append(bench_browser(n, seed, rep.runs, exe))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
            rep.notes.append(f"page load in Chromium at {n} not measured: {type(exc).__name__}")
    for n in (BROWSER_FILTER_SIZES if exe else ()):
        say(f"Chromium filter change at {n or 'the real data'}")
        import bench_filter_browser

        try:
            rep.browser_filter.append(bench_filter_browser.run(n, exe, rep.runs, seed))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
            rep.notes.append(f"filter change in Chromium at {n or 'real data'} not measured: {type(exc).__name__}")
    rep.load = (start_load, _loadavg())
    if any(m["naive_runs"] != rep.runs for m in rep.maps):
        rep.notes.append(f"the naive map above {NAIVE_FULL_RUNS_UP_TO:,} partnerships is built once, not "
                         f"{rep.runs} times (each build takes a minute or more)")
    return rep


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def write_into(path: Path, table: str) -> None:
    """Replace the text between the ``<!-- bench:start -->``/``<!-- bench:end -->`` markers of ``path``
    (or create the file with a heading and the markers)."""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = f"{start}\n{table}{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n" + f"{start}\n{end}\n"
    if start in old and end in old:
        new = old[: old.index(start)] + block + old[old.index(end) + len(end):]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    from pobratymy.io import atomic_write_bytes

    atomic_write_bytes(path, new.encode("utf-8"))


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The options, declared once in ``pobratymy/commands/bench.py`` (``python -m pobratymy bench``)."""
    from pobratymy.commands.bench import add_arguments as declare

    declare(ap)


def main_args(args) -> int:
    try:
        sizes = tuple(int(s) for s in str(args.sizes).split(",") if s.strip())
    except ValueError:
        print(f"error: --sizes {args.sizes!r} is not a comma-separated list of numbers", file=sys.stderr)
        return 2
    if not sizes or min(sizes) <= 0 or args.runs <= 0:
        print("error: --sizes and --runs must be positive", file=sys.stderr)
        return 2
    rep = run(sizes, args.runs, args.seed, quick=args.quick, geocoder=not args.no_geocoder,
              browser=not args.no_browser, export=not args.no_export)
    table = rep.markdown()
    print(table)
    if args.write:
        write_into(Path(args.write), table)
        print(f"written into {args.write}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(ap)
    return main_args(ap.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
