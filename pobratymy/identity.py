"""One identity rule for partnerships: when two rows are the same tie, readable ids, level -> feature.

Used by the data build (``pobratymy/build.py``), the importer and the data quality page, so the three
never disagree about what a duplicate is.

**Same Ukrainian side**: the same KATOTTG code (``ua_katottg``) when both rows carry one; else the
same GeoNames id when both are known; else the same oblast, the same level class (settlement, raion
or oblast) and the same folded official Latin name.

**Same partner**: the same country and then the same GeoNames id (or the same first-level region)
when both are known; else the same *seat town + level*: the folded core name (generic words such as
*gmina*, *Stadt*, *municipality* dropped) and the same level group (local -- a town and the gmina or
municipality of that name are one council, however a source labels it -- or region: a voivodeship is never
its capital). A town and its county have different names (*Przeworsk* / *Powiat przeworski*), so they
stay two ties unless a reviewed alias (``data/sources/partner_aliases.csv``) joins them.

**Same tie**: same Ukrainian side and same partner. :func:`pair_key` is the hashable form used for
dictionaries (strongest identifier each row carries); :class:`TieIndex` finds a row's tie among
known rows by any identifier and confirms with :func:`same_tie`, so a row without a KATOTTG code still
meets its twin that has one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping

from geo.normalize import fold, latinize

from .schema import KATOTTG_RE, C

UA_KATOTTG = C.UA_KATOTTG

# ------------------------------------------------------------------------------------------ levels
#: Ukrainian levels -> level class.
UA_LEVEL_CLASS = {"city": "settlement", "hromada": "settlement", "village": "settlement",
                  "raion": "raion", "oblast": "oblast"}
#: Partner levels -> level class: a settlement, a unit drawn at its seat, or a first-level region.
PARTNER_LEVEL_CLASS = {"": "settlement", "city": "settlement", "town": "settlement", "village": "settlement",
                       "district": "unit", "county": "unit", "region": "region", "state": "region"}
#: Level class -> gazetteer feature type (``OfflineGeocoder.geocode(featuretype=...)``); ``None`` for a
#: unit placed at its seat (the gazetteer finds the seat from the unit's name).
FEATURE_TYPE = {"settlement": "city", "unit": None, "region": "region", "raion": None, "oblast": "region"}


def ua_level_class(level: str) -> str:
    return UA_LEVEL_CLASS.get((level or "").strip().lower(), "settlement")


def partner_level_class(level: str) -> str:
    return PARTNER_LEVEL_CLASS.get((level or "").strip().lower(), "unit")


def partner_level_group(level: str) -> str:
    """``region`` for a first-level region (state, Land, voivodeship), else ``local``: a town and the
    municipality, gmina or district of the same name are one local body in the seat rule (sources label the
    same council as town or district), but a region is never its capital (Lublin Voivodeship is not
    Lublin)."""
    return "region" if partner_level_class(level) == "region" else "local"


def seat_key(name: str, country: str, level: str) -> tuple:
    """The partner's identity without a GeoNames id: country, level group and the core of its name."""
    return ("seat", (country or "").strip().upper(), partner_level_group(level), partner_core(name))


def feature_type(level: str) -> str | None:
    """Gazetteer feature type for a partner level: city/town/village -> ``city``, region/state ->
    ``region``, district/county -> ``None`` (placed at its seat)."""
    return FEATURE_TYPE[partner_level_class(level)]


# ----------------------------------------------------------------------------------------- names
#: Words that only say what kind of municipality a foreign name is (dropped from the matching key only).
GENERIC_PARTNER_WORDS = frozenset(fold(w) for w in """
    gmina miasto kommun kommune kommuna municipality municipal city of town stadt gemeinde
    voivodeship wojewodztwo województwo
""".split())
_PARENS = re.compile(r"\s*\([^()]*\)")


def partner_core(name: str) -> str:
    """Folded partner name without parenthesised parts and generic words (matching key only)."""
    words = fold(_PARENS.sub("", name or "")).split()
    kept = [w for w in words if w not in GENERIC_PARTNER_WORDS]
    return " ".join(kept or words)


def slug(text: str) -> str:
    """ASCII slug: folded, Cyrillic romanised, words joined by '-'."""
    s = latinize(text or "")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", s.lower()))


def make_id(record: Mapping[str, str], ua_qualifier: str = "") -> str:
    """Readable id ``<ua-slug>--<partner-slug>-<cc>`` (e.g. ``kramatorsk--stamford-us``); the qualifier
    (the oblast code, lower-case) joins the UA slug when two Ukrainian places share a name."""
    ua = slug(record.get(C.UA_NAME_EN, "")) or "ua"
    if ua_qualifier:
        ua = f"{ua}-{slug(ua_qualifier)}"
    partner = slug(record.get(C.PARTNER_NAME, "")) or "partner"
    return f"{ua}--{partner}-{(record.get(C.PARTNER_COUNTRY) or 'xx').lower()}"


def unique_id(rid: str, used: set[str] | Mapping[str, object]) -> str:
    """``rid`` or ``rid-2``, ``rid-3`` ... whichever is not used yet."""
    if rid not in used:
        return rid
    n = 2
    while f"{rid}-{n}" in used:
        n += 1
    return f"{rid}-{n}"


# -------------------------------------------------------------------------------------- identities
def valid_katottg(code: str) -> bool:
    return bool(KATOTTG_RE.match((code or "").strip()))


def ua_keys(record: Mapping[str, str], geonameid: str | int | None = None) -> list[tuple]:
    """Every identifier of the Ukrainian side, strongest first."""
    keys: list[tuple] = []
    code = (record.get(UA_KATOTTG) or "").strip()
    if valid_katottg(code):
        keys.append(("katottg", code))
    if geonameid:
        keys.append(("geonames", str(geonameid)))
    keys.append(("name", (record.get(C.UA_OBLAST) or "").strip().upper(),
                 ua_level_class(record.get(C.UA_LEVEL, "")), fold(record.get(C.UA_NAME_EN, ""))))
    return keys


def partner_keys(record: Mapping[str, str], geonameid: str | int | None = None,
                 region: str | None = None) -> list[tuple]:
    """Every identifier of the partner within its country, strongest first: GeoNames id (or the
    first-level region the gazetteer gives), then seat town + level class."""
    cc = (record.get(C.PARTNER_COUNTRY) or "").strip().upper()
    keys: list[tuple] = []
    if geonameid:
        keys.append(("geonames", cc, str(geonameid)))
    if region:
        keys.append(("region", cc, fold(region)))
    keys.append(seat_key(record.get(C.PARTNER_NAME, ""), cc, record.get(C.PARTNER_LEVEL, "")))
    return keys


def _same(a: list[tuple], b: list[tuple]) -> bool:
    """Compare by the strongest kind of identifier both carry."""
    kinds_b = {k[0]: k for k in b}
    for k in a:
        if k[0] in kinds_b:
            return k == kinds_b[k[0]]
    return False


def same_ua(a: Mapping[str, str], b: Mapping[str, str], a_geonameid=None, b_geonameid=None) -> bool:
    return _same(ua_keys(a, a_geonameid), ua_keys(b, b_geonameid))


def same_partner(a: Mapping[str, str], b: Mapping[str, str], a_geonameid=None, b_geonameid=None) -> bool:
    return _same(partner_keys(a, a_geonameid), partner_keys(b, b_geonameid))


def same_tie(a: Mapping[str, str], b: Mapping[str, str], *, ids_a: Mapping[str, object] | None = None,
             ids_b: Mapping[str, object] | None = None) -> bool:
    """True when two rows are the same tie. ``ids_*`` may give ``ua_geonameid`` and
    ``partner_geonameid`` (e.g. from ``data/places.csv``)."""
    ia, ib = ids_a or {}, ids_b or {}
    return (same_ua(a, b, ia.get("ua_geonameid"), ib.get("ua_geonameid"))
            and same_partner(a, b, ia.get("partner_geonameid"), ib.get("partner_geonameid")))


def pair_key(record: Mapping[str, str], *, ua_geonameid=None, partner_geonameid=None) -> str:
    """Hashable identity from the strongest identifier each side carries (see module doc). Rows of one
    dataset built the same way compare equal by this key; across sources prefer :class:`TieIndex`."""
    ua = ua_keys(record, ua_geonameid)[0]
    partner = partner_keys(record, partner_geonameid)[0]
    return "|".join(map(str, ua)) + "||" + "|".join(map(str, partner))


class TieIndex:
    """Known ties, found by any identifier and confirmed by :func:`same_tie`."""

    def __init__(self) -> None:
        self._by_key: dict[tuple, list[int]] = {}
        self._items: list[tuple[Mapping[str, str], Mapping[str, object], Hashable]] = []

    def _keys(self, record, ids) -> Iterable[tuple]:
        ua = ua_keys(record, ids.get("ua_geonameid"))
        pk = partner_keys(record, ids.get("partner_geonameid"))
        return [(u, p) for u in ua for p in pk]

    def add(self, record: Mapping[str, str], value: Hashable, ids: Mapping[str, object] | None = None) -> None:
        ids = ids or {}
        n = len(self._items)
        self._items.append((record, ids, value))
        for k in self._keys(record, ids):
            self._by_key.setdefault(k, []).append(n)

    def find(self, record: Mapping[str, str], ids: Mapping[str, object] | None = None) -> Hashable | None:
        """The value of the first known row that is the same tie as ``record``, else ``None``."""
        ids = ids or {}
        seen: set[int] = set()
        for k in self._keys(record, ids):
            for n in self._by_key.get(k, ()):
                if n in seen:
                    continue
                seen.add(n)
                other, oids, value = self._items[n]
                if same_tie(record, other, ids_a=ids, ids_b=oids):
                    return value
        return None

    def __len__(self) -> int:
        return len(self._items)
