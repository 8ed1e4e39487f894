"""A filter change as a person feels it, in headless Chromium against a real ``streamlit run`` (issue 10 §8):

    python bench/bench_filter_browser.py [--n real|10000] [--runs 5]

From the widget change (picking an oblast in the sidebar multiselect, then removing it again: "back to
all") until the map's iframe has drawn the new lines: ``window.pbSettled`` (set by the map's fit once the
view has moved and two frames were painted) has changed and the line count in ``window.map._layers`` is
the one that state draws. The baseline is a trivial widget rerun: a click on "Reset filters" when no
filter is set (the page reruns, the map does not change), timed until the server's ``script_finished``
message has reached the browser and two frames were painted. Every request but the local server's is
refused. Times are Python wall clock around the Playwright calls (the same overhead in every measure).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "bench"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LINE_COUNT_JS = """() => window.map ? Object.values(window.map._layers)
    .filter(l => l.feature && /LineString/.test(l.feature.geometry.type)).length : -1"""
SETTLED_JS = "() => window.map && window.map._loaded && window.pbSettled ? window.pbSettled : null"
#: the state after a change: a new fit key and the line count of that state
CHANGED_JS = f"""([old, want]) => {{ const k = ({SETTLED_JS})(); return !!k && k !== old
    && ({LINE_COUNT_JS})() === want; }}"""
#: idle = no running indicator and the main block present, for 1.2 s in a row (as the journeys wait)
IDLE_JS = """() => { const busy = !!document.querySelector('[data-testid=stStatusWidget]')
    || !document.querySelector('[data-testid=stMainBlockContainer]');
    const now = Date.now(); if (busy) { window.__pbIdle = null; return false; }
    window.__pbIdle = window.__pbIdle || now; return now - window.__pbIdle > 1200; }"""
TIMEOUT = int(os.environ.get("PB_BENCH_TIMEOUT_MS", "180000"))
OBLAST = ("UA-46", "Львівська")  # picked by typing its name into the oblast multiselect
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _chromium_args() -> list[str]:
    from tests.conftest import CHROMIUM_ARGS

    return list(CHROMIUM_ARGS)


class _Finished:
    """Counts the ``script_finished`` messages the server sends over the page's websocket."""

    def __init__(self, page):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.count, self._msg = 0, ForwardMsg
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        try:
            msg = self._msg.FromString(payload)
        except Exception:  # noqa: BLE001 - not a ForwardMsg: ignore
            return
        if msg.WhichOneof("type") == "script_finished":
            self.count += 1


def _idle(page) -> None:
    page.evaluate("window.__pbIdle = null")
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT, polling=100)


def _frame(page):
    fr = page.locator(IFRAME).first.element_handle(timeout=TIMEOUT).content_frame()
    fr.wait_for_function(SETTLED_JS, timeout=TIMEOUT)
    return fr


def _oblast_input(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.locator("input")


def _pick_oblast(page) -> None:
    inp = _oblast_input(page)
    inp.click()
    inp.fill(OBLAST[1])
    page.locator('[role="option"]', has_text=OBLAST[1]).first.wait_for(timeout=30_000)


def _say(msg: str) -> None:
    if os.environ.get("PB_BENCH_VERBOSE"):
        print(f"[filter-browser] {msg}", file=sys.stderr, flush=True)


def measure(url: str, exe: str, runs: int) -> dict:
    """Medians (ms) of: to one oblast, back to all, and the baseline rerun; and the line counts."""
    from playwright.sync_api import sync_playwright

    to_one, to_all, base = [], [], []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=_chromium_args())
        try:
            ctx = b.new_context(viewport={"width": 1400, "height": 950})
            ctx.route(lambda u: not u.startswith(url), lambda r: r.abort())  # offline: the local server only
            page = ctx.new_page()
            done = _Finished(page)
            page.goto(url)
            fr = _frame(page)
            _idle(page)
            lines_all = fr.evaluate(LINE_COUNT_JS)
            _say(f"loaded: {lines_all} lines")
            # one untimed round: the line count of the one-oblast state, and warm caches on both sides
            _pick_oblast(page)
            key = fr.evaluate(SETTLED_JS)
            page.keyboard.press("Enter")
            fr.wait_for_function(f"(old) => {{ const k = ({SETTLED_JS})(); return !!k && k !== old; }}", arg=key,
                                 timeout=TIMEOUT)
            _idle(page)
            lines_one = fr.evaluate(LINE_COUNT_JS)
            _say(f"one oblast: {lines_one} lines")
            _oblast_input(page).click()
            page.keyboard.press("Backspace")
            _idle(page)
            reset = page.locator('[data-testid="stSidebar"] button', has_text="Скинути фільтри").first
            for _ in range(runs):
                # to one oblast: the option is on screen, the Enter is the widget change
                _pick_oblast(page)
                old = fr.evaluate(SETTLED_JS)
                t0 = time.perf_counter()
                page.keyboard.press("Enter")
                fr.wait_for_function(CHANGED_JS, arg=[old, lines_one], timeout=TIMEOUT, polling="raf")
                to_one.append((time.perf_counter() - t0) * 1000)
                _say(f"to one {to_one[-1]:.0f} ms")
                _idle(page)
                # back to all: Backspace in the multiselect removes the oblast
                _oblast_input(page).click()
                old = fr.evaluate(SETTLED_JS)
                t0 = time.perf_counter()
                page.keyboard.press("Backspace")
                fr.wait_for_function(CHANGED_JS, arg=[old, lines_all], timeout=TIMEOUT, polling="raf")
                to_all.append((time.perf_counter() - t0) * 1000)
                _say(f"to all {to_all[-1]:.0f} ms")
                _idle(page)
                # the baseline: a rerun that changes nothing on the map
                seen = done.count
                t0 = time.perf_counter()
                reset.click()
                while done.count == seen:
                    page.wait_for_timeout(5)
                page.evaluate(TWO_FRAMES)
                base.append((time.perf_counter() - t0) * 1000)
                _say(f"baseline {base[-1]:.0f} ms")
                _idle(page)
            ctx.close()
        finally:
            b.close()
    return {"lines_all": lines_all, "lines_one": lines_one, "to_one_ms": statistics.median(to_one),
            "to_all_ms": statistics.median(to_all), "baseline_ms": statistics.median(base), "runs": runs}


def run(n: int | None, exe: str, runs: int = 5, seed: int = 7) -> dict:
    """``n`` None: the bundled data; else a synthetic load of ``n`` partnerships (bench/synth.py)."""
    from pobratymy.devserver import running_dashboard

    with tempfile.TemporaryDirectory(prefix="pobratymy-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "POBRATYMY_DATA"}
        if n is not None:
            import synth

            env["POBRATYMY_DATA"] = str(synth.write_load(synth.grow(n, seed), Path(tmp)))
        with running_dashboard(env, Path(tmp) / "server.log", timeout=300) as url:
            out = measure(url, exe, runs)
    if n is None:
        from pobratymy.config import DEFAULT_DATA
        from pobratymy.io import read_csv_str

        n = len(read_csv_str(DEFAULT_DATA))
        out["real"] = True
    return {"n": n, **out}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", default="real", help="'real' (the bundled data) or a synthetic size")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    from pobratymy.exporting import chromium_executable

    exe = chromium_executable()
    if not exe:
        print("Chromium not found", file=sys.stderr)
        return 1
    print(run(None if args.n == "real" else int(args.n), exe, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
