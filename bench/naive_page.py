"""The naive map page as a whole process, for ``bench/run.py``'s process comparison:

    python bench/naive_page.py DATA.csv OUT.html [--lang uk]

What an obvious folium script does with the same data: read the CSV with pandas, place both ends with the
project's places cache (the same join as the project, so the same lines), then one ``folium.PolyLine``
with a tooltip (the project's line label) per partnership on the map, and save the page. Every status
is drawn, as in the bench's in-process naive map. The page fetches Leaflet from CDNs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    import folium
    import pandas as pd

    from geo.countries import country_name
    from pobratymy import filters as F
    from pobratymy.places import load_places
    from pobratymy.render.mapbuild import DEFAULT_CENTER, DEFAULT_ZOOM, line_label

    data, out = Path(argv[0]), Path(argv[1])
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "uk"
    frame = pd.read_csv(data, dtype=str, keep_default_na=False)
    df = F.enrich(frame, load_places(data.parent / "places.csv", data.parent / "places_overrides.csv"))
    m = folium.Map(location=list(DEFAULT_CENTER), zoom_start=DEFAULT_ZOOM)
    for r in df[df[F.ON_MAP]].to_dict("records"):
        folium.PolyLine([(r[F.UA_LAT], r[F.UA_LON]), (r[F.P_LAT], r[F.P_LON])],
                        tooltip=line_label(r, lang, lambda c: country_name(c, lang))).add_to(m)
    m.save(str(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
