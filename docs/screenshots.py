"""Regenerate the README screenshots from the real data with headless Chromium:

    python docs/screenshots.py   # docs/screenshot-map.png, screenshot-present.png, screenshot-timeline.png

Starts ``streamlit run dashboard.py`` on a free loopback port, waits until it is healthy and the map has
drawn its lines (no fixed sleeps), refuses every request that is not to the local server.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pobratymy.devserver import running_dashboard  # noqa: E402
from pobratymy.exporting import LINES_DRAWN_JS, chromium_executable  # noqa: E402
from tests.conftest import CHROMIUM_ARGS  # noqa: E402

SHOTS = {
    "screenshot-map.png": ("/?place=UA%7Cua+14%7Ckramatorsk", (1500, 1000)),
    "screenshot-present.png": ("/?present=1&focus=Kramatorsk&lang=uk", (1600, 900)),
    "screenshot-timeline.png": ("/timeline", (1500, 1350)),
}


def map_lines(page) -> int:
    """Lines drawn in the first map iframe of the page (-1 while it is not ready)."""
    for frame in page.frames:
        if "st_folium" in frame.url:
            try:
                return int(frame.evaluate(LINES_DRAWN_JS))
            except Exception:  # noqa: BLE001 - the frame may still be loading
                return -1
    return -1


def main() -> int:
    from playwright.sync_api import sync_playwright

    exe = chromium_executable()
    if not exe:
        print("no Chromium found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp, running_dashboard(os.environ, os.path.join(tmp, "log")) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            for name, (path, (w, h)) in SHOTS.items():
                ctx = browser.new_context(viewport={"width": w, "height": h})
                ctx.route(lambda u: (urlparse(u).hostname or "") not in {"127.0.0.1", "localhost"},
                          lambda route: route.abort())
                page = ctx.new_page()
                page.goto(url + path)
                page.wait_for_function("() => document.querySelector('iframe[title*=\"st_folium\"]') !== null",
                                       timeout=60_000)
                deadline = 600
                while map_lines(page) <= 0 and deadline:
                    page.wait_for_timeout(100)
                    deadline -= 1
                page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                       timeout=60_000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                out = ROOT / "docs" / name
                page.screenshot(path=str(out), full_page=False)
                print(f"{out}: {map_lines(page)} lines drawn")
                ctx.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
