"""Seeded synthetic load for benchmarks: the real dataset grown to N distinct partnerships over real places.

A benchmark load, never data. :func:`grow` keeps the real rows of ``data/partnerships.csv`` (a seeded
sample of them when N is smaller) and adds synthetic rows that pair a real Ukrainian side with a real
partner side already in the places cache, so every synthetic row has the coordinates of a real place
and no pair repeats (neither a real pair nor another synthetic one). Synthetic rows say so: their id
starts with ``synth-``, their source is ``https://example.org/synthetic`` and their note says
"synthetic benchmark row"; kind, status and date are copied from a real row chosen with the same seed.

:func:`write_load` writes such a frame with a copy of the places cache into a folder the caller owns
(a temporary one); it refuses the project's ``data/`` folder.

    python bench/synth.py 10000 /tmp/load   # writes /tmp/load/partnerships.csv and places.csv
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SYNTH_PREFIX = "synth-"
SYNTH_SOURCE = "https://example.org/synthetic"
SYNTH_NOTE = "synthetic benchmark row"


def _real(data: Path | None, places: Path | None, overrides: Path | None):
    from pobratymy import filters as F
    from pobratymy.config import DEFAULT_DATA, DEFAULT_OVERRIDES, DEFAULT_PLACES
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places

    loaded = load_partnerships(data or DEFAULT_DATA)
    enriched = F.enrich(loaded.frame, load_places(places or DEFAULT_PLACES, overrides or DEFAULT_OVERRIDES))
    return loaded.frame, enriched


def grow(n: int, seed: int = 7, *, data: Path | None = None, places: Path | None = None,
         overrides: Path | None = None):
    """A schema frame of ``n`` distinct partnerships: real rows first, then synthetic ones.

    Raises ``ValueError`` when ``n`` is not positive or exceeds the distinct pairs the real places allow.
    """
    import pandas as pd

    from pobratymy import filters as F
    from pobratymy.schema import COLUMNS, C

    if n <= 0:
        raise ValueError(f"n must be positive, got {n!r}")
    frame, enriched = _real(data, places, overrides)
    rng = random.Random(seed)
    if n <= len(frame):
        keep = sorted(rng.sample(range(len(frame)), n))
        return frame.iloc[keep].reset_index(drop=True)[list(COLUMNS)]

    on_map = enriched[enriched[F.ON_MAP]]
    ua_cols = [C.UA_NAME_EN, C.UA_NAME_UK, C.UA_OBLAST, C.UA_LEVEL]
    p_cols = [C.PARTNER_NAME, C.PARTNER_REGION, C.PARTNER_COUNTRY, C.PARTNER_LEVEL]
    meta_cols = [C.KIND, C.STATUS, C.DATE, C.DATE_EVENT, C.ENDED]
    ua_sides = {k: {c: r[c] for c in ua_cols} for k, r in zip(on_map[F.UA_KEY], on_map.to_dict("records"), strict=True)}
    p_sides = {k: {c: r[c] for c in p_cols}
               for k, r in zip(on_map[F.PARTNER_KEY], on_map.to_dict("records"), strict=True)}
    ua_keys, p_keys = sorted(ua_sides), sorted(p_sides)
    metas = [{c: r[c] for c in meta_cols} for r in frame.to_dict("records")]
    taken = set(zip(enriched[F.UA_KEY], enriched[F.PARTNER_KEY], strict=True))
    need = n - len(frame)
    if need > len(ua_keys) * len(p_keys) - len(taken):
        raise ValueError(f"only {len(ua_keys)} x {len(p_keys)} real place pairs; cannot make {n} distinct partnerships")
    rows = []
    while len(rows) < need:
        ua, p = rng.choice(ua_keys), rng.choice(p_keys)
        if (ua, p) in taken:
            continue
        taken.add((ua, p))
        row = dict.fromkeys(COLUMNS, "")
        row.update(ua_sides[ua] | p_sides[p] | rng.choice(metas))
        row[C.ID] = f"{SYNTH_PREFIX}{len(rows) + 1:06d}"
        row[C.SOURCE_URL] = SYNTH_SOURCE
        row[C.NOTES] = SYNTH_NOTE
        rows.append(row)
    return pd.concat([frame[list(COLUMNS)], pd.DataFrame(rows, columns=list(COLUMNS))], ignore_index=True)


def write_load(frame, folder: Path, *, places: Path | None = None, overrides: Path | None = None) -> Path:
    """Write ``frame`` as ``folder/partnerships.csv`` with copies of the places cache beside it (where the
    app and ``export-map`` look first); returns the CSV path. Never writes into the project's ``data/``."""
    from pobratymy.config import DATA_DIR, DEFAULT_OVERRIDES, DEFAULT_PLACES
    from pobratymy.io import write_csv_atomic

    folder = Path(folder).resolve()
    if folder == DATA_DIR.resolve() or DATA_DIR.resolve() in folder.parents:
        raise ValueError(f"refusing to write a synthetic load into {DATA_DIR}")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "partnerships.csv"
    write_csv_atomic(out, frame)
    shutil.copyfile(places or DEFAULT_PLACES, folder / "places.csv")
    ov = overrides or DEFAULT_OVERRIDES
    if Path(ov).exists():
        shutil.copyfile(ov, folder / "places_overrides.csv")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python bench/synth.py N FOLDER")
    path = write_load(grow(int(sys.argv[1])), Path(sys.argv[2]))
    print(path)
