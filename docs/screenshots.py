"""Retake the README's screenshots from the journeys (tests/journeys/: headless Chromium, no internet,
the bundled data, at projector size and on a large screen):

    python docs/screenshots.py   # runs the journeys, then copies the chosen steps into docs/

Every step of every journey is saved in tests/artifacts/journeys/; this script picks the README's ones.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "artifacts" / "journeys"

#: README picture -> the journey step it is taken from
PICKS = {
    "screenshot-map.png": "explorer-click-02-kyiv-clicked.png",
    "screenshot-overview.png": "explorer-overview-01-overview.png",
    "screenshot-present.png": "presenter-1280-04-second-partner.png",
    "screenshot-coverage.png": "presenter-coverage-01-lviv-coverage.png",
    "screenshot-timeline.png": "explorer-pages-1600-02-page-Хронологія.png",
}


def main() -> int:
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/journeys"],
                         cwd=ROOT)
    missing = [src for src in PICKS.values() if not (SHOTS / src).exists()]
    for name, src in PICKS.items():
        if (SHOTS / src).exists():
            shutil.copyfile(SHOTS / src, ROOT / "docs" / name)
            print(f"docs/{name} <- {src}")
    if missing:
        print(f"missing steps: {missing}", file=sys.stderr)
    return run.returncode or (1 if missing else 0)


if __name__ == "__main__":
    raise SystemExit(main())
