"""Offline geocoder with geopy's shape: ``geocode(query, country=, region=, featuretype=) -> Location | None``.

Lookup order for one query (each step only if the previous found nothing):

1. the folded name as typed (GeoNames names and alternate names, official KMU 2010 names, renamed
   cities, region and country names);
2. the name romanised (Cyrillic -> KMU 2010 Latin);
3. the variant skeleton (:func:`geo.normalize.skeletons`), scored by string similarity;
4. a fuzzy match (rapidfuzz) within the given country, high threshold.

Candidates are narrowed by country, then region (ISO 3166-2 code, name, US postal code), and ranked
by match quality, then population. "Not found" is ``None``; an index that cannot be opened or built
raises :class:`pobratymy.errors.GazetteerError`.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from functools import lru_cache

from geopy.location import Location
from geopy.point import Point

from .countries import country_name, to_iso2
from .gazetteer import Gazetteer, Row
from .normalize import fold, has_cyrillic, latinize, skeletons

#: Longest query looked at; longer input is not a place name.
MAX_QUERY = 200
FEATURES = (None, "city", "region", "country")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PARENS = re.compile(r"\(([^()]*)\)")

#: Words that only say what kind of settlement follows ("м. Буча", "Bucha hromada"), folded.
SETTLEMENT_WORDS = frozenset(fold(w) for w in """
    м міс місто міста с село села смт селище селища сел с-ще громада громади тг отг обєднана обєднаної
    територіальна територіальної міська міської сільська сільської селищна селищної г город пгт
    hromada hromady territorial community communities otg tg city town village urban rural settlement
    рада ради council rada мерія administration адміністрація municipality of the stadt gemeinde markt gmina miasto obec mesto grad comune commune ville
""".split())
#: Words naming a unit below the first-level region (raion, powiat, county, kommun...). "Kovel raion" or
#: "Umeå kommun" is placed at its namesake seat (Kovel, Umeå) with lower confidence; "Ulster County",
#: which has no namesake place, stays unresolved.
UNIT_WORDS = frozenset(fold(w) for w in """
    raion raionu район району district powiat powiatu county kommun kommune stad landkreis kreis
    municipality municipio savivaldybe rajono novads okres gemeente kunta rajons
    metropole métropole eurometropole eurométropole agglomeration agglomération communaute communauté
    communes urbaine metropolitan area verbandsgemeinde
""".split())
#: Abbreviations in place names, written out (folded): "St. Louis" is also "Saint Louis".
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
#: Joining words inside a unit name ("Communauté de communes de X", "Eurométropole de Strasbourg").
_UNIT_GLUE = frozenset({"de", "du", "des", "d", "la", "le", "l", "of", "the"})
#: Slavic/Baltic adjective endings of a unit named after its seat, with the noun endings to try:
#: "powiat limanowski" -> Limanowa, "prudnicki" -> Prudnik, "opolski" -> Opole, "ostródzki" -> Ostróda.
_SEAT_SUFFIXES = (
    ("ienski", ("o", "")), ("nski", ("n", "na", "no", "ń")), ("cki", ("k", "ce", "c", "ca")),
    ("dzki", ("da", "d")), ("zki", ("za", "z", "g")), ("ski", ("", "a", "o", "e", "sk", "y")),
    ("sky", ("", "a", "y")), ("cky", ("k", "ce")), ("skis", ("", "ai", "iai")), ("u", ("i", "a", "")),
)
#: Words that say the place is a first-level region ("Donetsk Oblast", "штат Коннектикут"), folded.
REGION_WORDS = frozenset(fold(w) for w in """
    oblast oblasti область обл області state штат штату land bundesland freistaat voivodeship
    województwo wojewodztwo воєводство region регіон край kraj province провінція провинция
    региона регион autonomous republic prefecture self governing samospravny judetul judet
""".split())


def _clean(text: object) -> str:
    if not isinstance(text, str):
        return ""
    if len(text) > MAX_QUERY:
        return ""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _adjective_stems(words: list[str]) -> list[str]:
    """Nouns behind a hromada adjective: ``краматорська`` -> ``краматорськ``, ``бучанська`` -> ``буча``."""
    out: list[str] = []
    for w in words:
        for suf in ("ська", "ський", "ське", "ської", "ska", "skyi", "ske", "skoi", "skoyi", "cька"):
            if w.endswith(suf) and len(w) > len(suf) + 1:
                stem = w[: -len(suf)]
                cyr = has_cyrillic(w)
                sk, soft, a = ("ськ", "ь", "а") if cyr else ("sk", "", "a")
                cands = [stem + sk, stem, stem + soft, stem + "с" + a if cyr else stem + "s" + a, stem + a]
                if stem.endswith(("н", "n")):
                    cands.append(stem[:-1] + a)
                if stem.endswith(("ів", "iv")):
                    cands.append(stem)
                if stem.endswith(("ц", "ts")):
                    cands.append(stem[: -len("ц" if cyr else "ts")] + ("к" if cyr else "k"))
                out.extend(cands)
                break
        for suf in ("цька", "tska", "tskyi", "зька", "zka"):
            if w.endswith(suf) and len(w) > len(suf) + 1:
                stem = w[: -len(suf)]
                cyr = has_cyrillic(w)
                out.extend([stem + ("к" if cyr else "k"), stem + ("ця" if cyr else "tsia"), stem + ("ці" if cyr else "tsi"),
                            stem + ("ць" if cyr else "ts"), stem + ("г" if cyr else "h")])
    return list(dict.fromkeys(out))


def seat_names(core: list[str]) -> list[str]:
    """Names a unit's seat may have, most likely first: the core as written, then each word's noun forms
    ("limanowski" -> "limanowa"...) and, for a Swedish/German genitive, the name without its "s"
    ("Jönköpings kommun" -> "Jönköping")."""
    words = [w for w in core if w not in _UNIT_GLUE]
    if not words:
        return []
    whole = " ".join(words)
    out = [whole]
    first = words[0]
    if len(words) == 1 and first.endswith("s") and len(first) > 4:
        out.append(first[:-1])
    if len(words) == 1 and first.endswith("u") and len(first) > 3:
        out.append(first + "n")  # Falu kommun -> Falun
    for w in words:
        for suf, ends in _SEAT_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                out.extend(w[: -len(suf)] + e for e in ends)
                break
    out.extend(_adjective_stems(words))  # Ukrainian forms: "inhuletskyi" -> "inhulets"
    return [n for n in dict.fromkeys(out) if len(n) >= 3]


def seat_stems(core: list[str]) -> list[str]:
    """Name beginnings a unit's seat may have, for a search inside the unit's region: the stem of an
    adjective ("grodziski" -> "grodzis", Grodzisk Wielkopolski) and the first part of a double name
    ("Saalfeld-Rudolstadt" -> "saalfeld"); at least 5 letters."""
    words = [w for w in core if w not in _UNIT_GLUE]
    out = []
    for w in words:
        for suf, _ends in _SEAT_SUFFIXES:
            if suf != "u" and w.endswith(suf) and len(w) - len(suf) >= 5:
                out.append(w[: -len(suf)])
                break
    if len(words) > 1:
        out.append(words[0])
    return [s for s in dict.fromkeys(out) if len(s) >= 5]


class OfflineGeocoder:
    """Offline gazetteer geocoder. Create with :meth:`default` (shared, index built on first use)."""

    _default: OfflineGeocoder | None = None
    _default_lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._cached = lru_cache(maxsize=8192)(self._geocode_uncached)
        self._fuzzy_names: dict[str, tuple[list[str], list[int]]] = {}

    @classmethod
    def default(cls) -> OfflineGeocoder:
        """The shared geocoder over the default index (built on first use, then reused)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls(Gazetteer.open())
            return cls._default

    # ------------------------------------------------------------------------------------------ public
    def geocode(self, query: str, country: str | None = None, region: str | None = None,
                featuretype: str | None = None, exactly_one: bool = True) -> Location | None:
        """Best match for ``query`` or ``None``. ``country``: ISO alpha-2 (or a country name);
        ``region``: ISO 3166-2 (``UA-14``), a region name or US postal code; ``featuretype``: None,
        "city", "region" or "country"."""
        if featuretype not in FEATURES:
            from pobratymy.errors import ConfigurationError  # a ValueError, as geopy's refusal is

            raise ConfigurationError(f"featuretype must be one of {FEATURES}, got {featuretype!r}")
        q, c, r = _clean(query), _clean(country or ""), _clean(region or "")
        if not fold(q):
            return None
        return self._cached(q, c, r, featuretype)

    def resolve_ua(self, name: str, oblast: str | None = None) -> Location | None:
        """A Ukrainian place (city, village, hromada or oblast) in any spelling; see :meth:`geocode`."""
        return self.geocode(name, country="UA", region=oblast)

    # ---------------------------------------------------------------------------------------- internals
    def _geocode_uncached(self, q: str, country: str, region: str, featuretype: str | None) -> Location | None:
        cc = to_iso2(country) if country else None
        if country and not cc:
            return None
        hints = [h.strip() for h in _PARENS.findall(q)]
        q = _PARENS.sub(" ", q)
        parts = [p.strip() for p in q.split(",") if p.strip()]
        if not parts:
            return None
        name, hints = parts[0], hints + parts[1:]
        regions_text = [region] if region else []
        for h in hints:
            hc = to_iso2(h)
            if hc and (not cc or hc == cc) and len(fold(h)) > 2:
                cc = hc
            else:
                regions_text.append(h)
        region_sets = [self._region_codes(t, cc) for t in regions_text]
        region_codes = set().union(*region_sets) if region_sets else set()
        if regions_text and not region_codes and region:
            region_codes = None  # a region was given but is unknown: do not filter on it
        if region_codes and not cc and len({c for c, _ in region_codes}) == 1:
            cc = next(iter(region_codes))[0]

        words = fold(name).split()
        feat = featuretype
        if feat is None and any(w in REGION_WORDS for w in words[1:] + words[:1]) and len(words) > 1:
            feat_hint = "region"
        else:
            feat_hint = None

        core = [w for w in words if w not in SETTLEMENT_WORDS and w not in REGION_WORDS and w not in UNIT_WORDS]
        unit = any(w in UNIT_WORDS for w in words)
        attempts = [(name, feat, feat_hint)]
        if core and core != words:
            if feat_hint != "region" and feat in (None, "city"):
                # "м. Буча", "Одеська міська рада": a settlement, so look for cities first
                attempts.append((" ".join(core), "city", None))
                attempts.extend((stem, "city", None) for stem in _adjective_stems(core) if len(stem) >= 4)
            attempts.append((" ".join(core), feat, feat_hint))
        best = None
        stems = set(_adjective_stems(core)) if core != words else set()
        if unit:  # a district/county: a region of that name, else its seat (never a look-alike)
            return self._unit(name, core, cc, region_codes)
        for loose in ((False,) if unit else (False, True)):
            for text, ft, hint in attempts:
                # a hromada adjective ("Бучанська") names a Ukrainian place unless a country says otherwise
                c2 = cc or ("UA" if text in stems else None)
                best = self._search(text, c2, region_codes, ft, hint, loose=loose)
                if best:
                    break
            if best:
                break
        if best is None:
            return None
        row, conf, matched = best
        return self._location(row, conf, matched)

    def _own_name(self, text: str, row: Row) -> bool:
        """``text`` is the place's own name, a spelling of it (same first four letters: Rokiškio ->
        Rokiškis) or a former name (renamed-cities table), not an alternate name of another place
        (Ulster -> Saugerties)."""
        key = fold(text)
        names = [fold(n) for n in (row.name, row.name_en, row.name_uk) if n]
        if key in names or any(n[:4] == key[:4] for n in names):
            return True
        return any(r.pid == row.pid and src == "renamed" for r, src in self.gaz.by_key(key))

    def _unit(self, name, core, cc, region_codes):
        """A unit below the first-level region (powiat, county, kommun, métropole...): a first-level region
        of exactly that name (Romanian and Hungarian counties are regions), else its seat, the namesake
        town in the same country (and region when given) - source "seat", confidence 0.8. Without a
        region, only an exact namesake; with one, also the largest town of the region whose name starts
        with the adjective's stem ("powiat grodziski" -> Grodzisk Wielkopolski)."""
        got = self._search(name, cc, region_codes, None, None)  # the whole name is itself a place
        if got and got[1] >= 0.9:
            return self._location(*got)
        if not core:
            return None
        core_text = " ".join(w for w in core if w not in _UNIT_GLUE)
        got = self._search(core_text, cc, region_codes, "region", "region") if cc else None
        if got and got[1] >= 0.9:
            return self._location(*got)
        for text in seat_names(core):
            got = self._search(text, cc, region_codes, "city", None)
            # the seat's own name, not an alternate name of some other place (Ulster -> Saugerties)
            if got and got[1] >= 0.85 and self._own_name(text, got[0]):
                return self._location(got[0], 0.8, got[2], source="seat")
        got = self._search(core_text, cc, region_codes, "city", None, loose=True)  # Vyzhnytsia/Vyzhnytsa
        if got and got[1] >= 0.85 and self._own_name(core_text, got[0]):
            return self._location(got[0], 0.8, got[2], source="seat")
        if cc and region_codes:
            for stem in seat_stems(core):
                rows = [r for r in self.gaz.by_key_prefix(stem, cc)
                        if r.feature == "city" and (r.cc, r.admin1) in region_codes and fold(r.name).startswith(stem)]
                if rows:
                    row = max(rows, key=lambda r: (r.pop, -r.pid))
                    return self._location(row, 0.8, stem, source="seat")
        return None

    def knows_region(self, text: str, country: str | None = None) -> bool:
        """True when ``text`` names a first-level region the gazetteer knows (of ``country`` if given)."""
        return bool(self._region_codes(_clean(text), _clean(country or "") or None))

    def _region_codes(self, text: str, cc: str | None) -> set[tuple[str, str]]:
        """(country, GeoNames admin1) pairs a region text may mean."""
        key = fold(text)
        if not key:
            return set()
        words = [w for w in key.split() if w not in REGION_WORDS]
        keys = [key] + ([" ".join(words)] if words and len(words) < len(key.split()) else [])
        bare = [w for w in words if w not in UNIT_WORDS]  # "Maramureș County": Romanian and Hungarian
        if bare and len(bare) < len(words):              # counties are first-level regions
            keys.append(" ".join(bare))
        for k in keys:
            rows = [r for r, _ in self.gaz.by_key(k) if r.feature == "region" and (not cc or r.cc == cc)]
            if rows:
                return {(r.cc, r.admin1) for r in rows}
        lat = latinize(" ".join(words) or key)
        from rapidfuzz import fuzz

        out = set()
        for s in skeletons(lat):
            for r, latin in self.gaz.by_skeleton(s, cc):
                if r.feature == "region" and fuzz.ratio(lat, latin) >= 60:
                    out.add((r.cc, r.admin1))
        return out

    def _filter(self, hits, cc, region_codes, feat):
        out = []
        for row, extra in hits:
            if cc and row.cc != cc:
                continue
            if feat and row.feature != feat:
                continue
            out.append((row, extra))
        if region_codes:
            inside = [(r, e) for r, e in out if (r.cc, r.admin1) in region_codes or r.feature == "country"]
            return inside, bool(inside)
        return out, True

    def _rank(self, cands, feat_hint):
        """Best candidate: match quality tier first; then log population + 50 x confidence (a primary or
        official name beats an alternate name of a place up to ~4.5 times larger) + a bonus by kind
        (city +3, country +2, region 0; a region's population is the sum of its GeoNames places), so
        "Texas" is the state but "New York" the city. A query that says "oblast"/"state" prefers regions."""
        bonus = {"city": 3.0, "country": 2.0, "region": 0.0}
        if feat_hint == "region":
            bonus = {"city": 0.0, "country": 0.0, "region": 100.0}

        def key(c):
            row, conf, _ = c
            tier = 0 if conf >= 0.9 else 1 if conf >= 0.7 else 2
            return (tier, -(math.log(row.pop + 10) + 50 * conf + bonus.get(row.feature, 0.0)))

        return min(cands, key=key) if cands else None

    def _search(self, name, cc, region_codes, feat, feat_hint, loose=False):
        key = fold(name)
        if not key:
            return None
        if loose:
            return self._search_loose(name, cc, region_codes, feat, feat_hint)
        # 1. exact folded name
        lat = latinize(name)
        for k, base in ((key, 1.0),) if lat == key else ((key, 1.0), (lat, 0.9)):
            hits, in_region = self._filter(self.gaz.by_key(k), cc, region_codes, feat)
            if hits:
                f = 1.0 if in_region else 0.75
                cands = []
                own = {row.cc for row, _ in hits if row.feature == "city" and self._official_key(k, row)}
                for row, src in hits:
                    conf = base * f * (1.0 if src in {"geonames", "ua_regions", "region", "country"} else 0.97)
                    if row.feature == "city" and not self._own_key(k, row):
                        conf *= 0.97  # an alternate name, not the primary one
                        if src == "geonames" and row.cc in own and not self._short_form(k, row):
                            # and the own name of another place of that country: that place wins (GeoNames
                            # lists districts and suburbs as alternate names of cities: Greenwood (US) is
                            # Greenwood, Indiana, not Kansas City); a short form of the city's own name
                            # still counts in full ("Halle" is Halle (Saale), "Ostrów" Ostrów Wielkopolski)
                            conf *= 0.85
                    cands.append((row, conf, k))
                return self._rank(cands, feat_hint)
        return None

    @staticmethod
    def _own_key(key: str, row: Row) -> bool:
        """``key`` (a folded name) is the place's own name, not one of its alternate names."""
        return key in (fold(row.name), fold(row.name_en), fold(row.name_uk))

    @staticmethod
    def _official_key(key: str, row: Row) -> bool:
        """``key`` is the place's official name: for Ukraine the Ukrainian name or its KMU 2010 form (many
        GeoNames villages there carry a Russian form, "Konstantinovka", as their main name), elsewhere
        the GeoNames name."""
        if row.cc == "UA":
            return key in (fold(row.name_en), fold(row.name_uk))
        return key == fold(row.name)

    @staticmethod
    def _short_form(key: str, row: Row) -> bool:
        """``key`` is the first word(s) of the place's own name (``halle`` of ``Halle (Saale)``) or that
        name with its abbreviations written out (``saint louis`` of ``St. Louis``)."""
        for n in (fold(row.name), fold(row.name_en), fold(row.name_uk)):
            if n and (n.startswith(key + " ") or " ".join(_ABBREVIATIONS.get(w, w) for w in n.split()) == key):
                return True
        return False

    @staticmethod
    def _primary(latin: str, row: Row) -> bool:
        """``latin`` (a romanised name) is the place's own name, not one of its alternate names."""
        return latin in (latinize(row.name), latinize(row.name_en), latinize(row.name_uk))

    def _search_loose(self, name, cc, region_codes, feat, feat_hint):
        # 2. variant skeleton, scored by similarity of the romanised forms
        from rapidfuzz import fuzz

        lat = latinize(name)
        sks = [s for s in skeletons(lat) if len(s) >= 3 or cc]
        cands = []
        for s in sks:
            hits, in_region = self._filter(self.gaz.by_skeleton(s, cc), cc, region_codes, feat)
            for row, latin in hits:
                sim = fuzz.ratio(lat, latin) / 100
                if sim >= (0.72 if cc else 0.85):
                    cands.append((row, (0.55 + 0.35 * sim) * (1.0 if in_region else 0.75), latin))
        if cands:
            # a name that is one candidate's own name and only an alternate name of another counts less for
            # the other, as in the exact stage ("Pleasantvile": Pleasantville NJ, not Greenville SC, which
            # GeoNames also calls Pleasantville)
            own = {latin for row, _, latin in cands if self._primary(latin, row)}
            cands = [(row, conf * 0.97 if row.feature == "city" and latin in own and not self._primary(latin, row)
                      else conf, latin) for row, conf, latin in cands]
            return self._rank(cands, feat_hint)
        # 3. fuzzy within the country
        if cc and len(lat) >= 5:
            names, pids = self._country_names(cc)
            from rapidfuzz import process

            got = process.extractOne(lat, names, scorer=fuzz.ratio, score_cutoff=88)
            if got:
                row = self.gaz.get(pids[got[2]])
                if row and (not feat or row.feature == feat) and (
                        not region_codes or (row.cc, row.admin1) in region_codes):
                    return (row, 0.5 * got[1] / 100, got[0])
        return None

    def _country_names(self, cc):
        if cc not in self._fuzzy_names:
            pairs = self.gaz.latin_names(cc)
            self._fuzzy_names[cc] = ([p[0] for p in pairs], [p[1] for p in pairs])
        return self._fuzzy_names[cc]

    def _location(self, row: Row, conf: float, matched: str, source: str | None = None) -> Location:
        raw = {
            "name": row.name_en or row.name if row.cc == "UA" else row.name,
            "geonameid": row.geonameid,
            "country": row.cc,
            "region": row.region if row.feature != "country" else "",
            "source": source or row.src,
            "confidence": round(min(1.0, conf), 3),
            "feature": row.feature,
            "population": row.pop,
            "matched": matched,
        }
        if row.cc == "UA":
            raw["name_en"] = row.name_en or row.name
            raw["name_uk"] = row.name_uk
        parts = [raw["name"]]
        if row.feature == "city" and row.region:
            parts.append(row.region)
        if row.feature != "country":
            parts.append(country_name(row.cc, "en"))
        # a Point, not a (lat, lon) tuple: geopy would parse the tuple into a Point and copy it (a fifth of a lookup)
        return Location(", ".join(p for p in parts if p), Point(row.lat, row.lon), raw)
