"""Build ``data/partnerships.csv`` from the raw files in ``data/sources/`` (``build-data``).

Pipeline: read every raw row (:func:`read_sources`) -> place the Ukrainian side (official KMU 2010
Latin, Cyrillic, oblast code) and key the foreign side -> group rows of one pair -> merge each group
into one schema row (:func:`merge_pair`) -> stable ids and order. Rows that cannot be placed are
returned as :class:`Reported` with file, spreadsheet row number (header = 1) and reason; nothing is
dropped silently.

Pair identity = (Ukrainian place, partner country, partner key). The partner key is the GeoNames id
(or first-level region) the offline gazetteer finds for the name (so *Köln* = *Cologne*, *Firenze* =
*Florence*), else the folded name without generic words, after the hand-checked aliases in
``partner_aliases.csv``.

The geocoder is reached through two seams, ``resolve_ua(name, oblast) -> mapping | None`` (the shape
of ``OfflineGeocoder.resolve_ua(...).raw`` plus ``lat``/``lon``) and ``resolve_partner(name, country,
featuretype) -> hashable | None``, so tests pass tiny fakes.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.normalize import fold, translit_uk

from .identity import feature_type, make_id, partner_core, seat_key, slug
from .schema import (
    AGGRESSOR_COUNTRIES,
    ID_RE,
    OTHER_SOURCES_SEP,
    C,
    DateEvent,
    Kind,
    PartialDate,
    Status,
    UaLevel,
    is_http_url,
    parse_date,
    split_sources,
)

HARVEST_GLOB = "harvest_*.csv"
WIKIDATA_FILE = "wikidata_twins_ua.csv"
WIKIPEDIA_FILE = "wikipedia_en_lists_ua.csv"
#: The lists, by file: rows only these name are "listed" (no document seen), never "signed".
LIST_NAMES = {WIKIDATA_FILE: "Wikidata", WIKIPEDIA_FILE: "English Wikipedia"}
ALIASES_FILE = "partner_aliases.csv"

UaResolver = Callable[[str, "str | None"], "Mapping | None"]
PartnerResolver = Callable[[str, str, "str | None"], "Hashable | None"]

#: Wikidata entities that the extract codes as Ukrainian but are not (wikidata_twins_ua.md).
NOT_UKRAINE = {"Q809787": "Basarabeasca is a town in Moldova, not Ukraine (data error in the extract)"}
#: Box around Crimea (wikidata_twins_ua.md, step 4): a partner there coded RU is a Ukrainian city.
CRIMEA_BOX = (44.3, 46.3, 32.4, 36.7)
#: How far (km) a gazetteer match may lie from the Wikidata coordinates of the same city.
MAX_WIKIDATA_KM = 25.0
#: Crimea and Sevastopol: a town there with a Russian partner and no date cannot be told apart from a tie
#: imposed under occupation (shared/data/README.md): left out.
CRIMEA_OBLASTS = frozenset({"UA-43", "UA-40"})

_STATUS_RANK = {Status.IN_PREPARATION: 0, Status.ANNOUNCED: 1, Status.APPROVED: 2, Status.SIGNED: 3}
#: Events that date the start of a tie, by status; the first group with a date wins.
_START_EVENTS = (
    (DateEvent.SIGNED, DateEvent.ESTABLISHED),
    (DateEvent.APPROVED,),
    (DateEvent.ANNOUNCED,),
)
#: Kinds given by equally many sources: the one that establishes a tie wins over a later document.
_KIND_ORDER = (Kind.TWINNING, Kind.SISTER_CITY, Kind.SOLIDARITY_PARTNERSHIP, Kind.PARTNERSHIP, Kind.FRIENDSHIP,
               Kind.COOPERATION_AGREEMENT, Kind.MEMORANDUM)
#: Kinds of document that often follow an established tie (deepening it); see :func:`_later_document`.
_LATER_KINDS = frozenset({Kind.MEMORANDUM, Kind.COOPERATION_AGREEMENT})
_ESTABLISHING_EVENTS = frozenset({DateEvent.SIGNED, DateEvent.ESTABLISHED, DateEvent.APPROVED})
_EVENT_FOR_STATUS = {
    Status.SIGNED: 0, Status.TERMINATED: 0, Status.INACTIVE: 0, Status.LISTED: 0, Status.APPROVED: 1, Status.ANNOUNCED: 2, Status.IN_PREPARATION: 2,
}
_LEVEL_ORDER = {"city": 0, "hromada": 1, "village": 2, "raion": 3, "oblast": 4}
_SETTLEMENT_LEVELS = {"city", "hromada", "village"}
_PRECISION = {"day": 3, "month": 2, "year": 1}

_PARENS = re.compile(r"\s*\([^()]*\)")
_UA_HROMADA = re.compile(r"\s+(hromada|territorial community)$", re.IGNORECASE)
_UK_HROMADA = re.compile(r"\s+(територіальна\s+)?громада$", re.IGNORECASE)


# --------------------------------------------------------------------------------------------- values
@dataclass(frozen=True, slots=True)
class RawRow:
    """One raw record as read, with where it came from (``row`` = spreadsheet row, header = 1)."""

    file: str
    row: int
    ua_name_en: str
    ua_name_uk: str
    ua_oblast_en: str
    ua_level: str
    partner_name: str
    partner_region: str
    partner_country: str
    partner_level: str
    kind: str
    status: str
    date: str
    date_event: str
    facilitator: str
    source_url: str
    evidence: str = ""
    wikidata: str = ""
    ua_lat: float | None = None
    ua_lon: float | None = None
    partner_lat: float | None = None
    partner_lon: float | None = None
    mirror: str = ""  # the proxy-mirror URL the source gave, when source_url is its original

    @property
    def where(self) -> str:
        return f"{self.file}:{self.row}"

    @property
    def is_wikidata(self) -> bool:
        return bool(self.wikidata)

    @property
    def list_name(self) -> str:
        """Who lists the tie when the row rests on a list, not a document, else '': 'Wikidata' /
        'English Wikipedia' for the list files; for a harvest row, the Wikipedia it cites (a list page
        or an infobox, also through a mirror) or, when its evidence only says the partner is 'listed
        among' someone's partners (undated), 'a partner list on <host>' (see :func:`harvest_list_name`)."""
        return LIST_NAMES.get(self.file, "") or harvest_list_name(self.source_url, self.evidence, self.date)

    @property
    def is_list(self) -> bool:
        return bool(self.list_name)


_WIKIPEDIA = re.compile(r"(?:^|[/.-])([a-z]{2,3})(?:\.m)?\.wikipedia(?:-on-ipfs)?\.org", re.I)
_WIKI_LANGS = {"en": "English Wikipedia", "uk": "Ukrainian Wikipedia"}
#: Evidence that only reports a list ("Listed among Lviv's 29 twin cities", "Guide article lists it among
#: Kyiv's partner cities", a third city's page listing the Ukrainian city's partners): the list names the
#: tie, no act of it is seen.
_LIST_EVIDENCE = re.compile(
    r"^\s*(?:listed\s+(?:among|as)\b|(?:an?\s+)?(?:guide\s+)?article\s+lists\b|wikipedia\b[^.;]*\blists?\b"
    # a third city's portrait of the Ukrainian city listing that city's other partners (Heidelberg on Simferopol)
    r"|[^.;]*\b(?:city portrait|partner-city page for \w+)\b[^.;]*\blists\b[^.;]*\bamong\b)", re.I)


def harvest_list_name(url: str, evidence: str, date: str = "") -> str:
    """The list a harvest row rests on, or '' when it reports a document: a Wikipedia page (list or
    infobox: 'English Wikipedia', 'Ukrainian Wikipedia', 'Wikipedia (sco)'), else, for an undated row
    whose evidence only says the partner is listed among partners, 'a partner list on <host>'."""
    m = _WIKIPEDIA.search(url or "")
    if m:
        lang = m.group(1).lower()
        return _WIKI_LANGS.get(lang, f"Wikipedia ({lang})")
    host = re.sub(r"^www\.", "", re.sub(r"^https?://([^/?#:]+).*$", r"\1", url or "", flags=re.I)).rstrip(".")
    if re.match(r"^\s*(?:\w+\s+)?wikipedia\b", evidence or "", re.I):  # a Wikipedia copy on another host
        return f"Wikipedia (a copy on {host.lower()})"
    if not date and _LIST_EVIDENCE.match(evidence or ""):
        return f"a partner list on {host.lower()}"
    return ""


@dataclass(frozen=True, slots=True)
class UaPlace:
    """The Ukrainian side of a pair, in official form."""

    name_en: str
    name_uk: str
    oblast: str
    level_class: str  # "settlement", "raion" or "oblast"
    former: str = ""  # an old name the source used, if it was renamed

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.oblast, self.level_class, fold(self.name_en))


@dataclass(frozen=True, slots=True)
class Reported:
    """A raw row the build could not use, or a fact it changed, with the reason."""

    file: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.reason}"


@dataclass
class BuildResult:
    rows: list[dict[str, str]]
    reported: list[Reported]
    read: dict[str, int]
    merged_names: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    urls_fixed: list[str] = field(default_factory=list)
    no_katottg: list[str] = field(default_factory=list)

    def stats(self) -> dict[str, object]:
        rows = self.rows
        n = len(rows) or 1
        return {
            "rows read": dict(self.read),
            "pairs after merge": len(rows),
            "UA places": len({(r[C.UA_OBLAST], r[C.UA_LEVEL] == "oblast", r[C.UA_NAME_EN]) for r in rows}),
            "partner countries": len({r[C.PARTNER_COUNTRY] for r in rows}),
            "with a date": f"{sum(bool(r[C.DATE]) for r in rows)} ({100 * sum(bool(r[C.DATE]) for r in rows) / n:.1f}%)",
            "terminated": sum(r[C.STATUS] == Status.TERMINATED for r in rows),
            "inactive (RU/BY or a source says it rests; no recorded end)": sum(r[C.STATUS] == Status.INACTIVE for r in rows),
            "listed only (no document seen)": sum(r[C.STATUS] == Status.LISTED for r in rows),
            "with a KATOTTG code": f"{sum(bool(r[C.UA_KATOTTG]) for r in rows)} "
                                   f"({100 * sum(bool(r[C.UA_KATOTTG]) for r in rows) / n:.1f}%)",
            "rows reported": len(self.reported),
        }


# -------------------------------------------------------------------------------------------- reading
def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in rec.items()} for rec in csv.DictReader(fh)]


def _float(v: str) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def read_sources(sources_dir: str | Path) -> tuple[list[RawRow], dict[str, int]]:
    """Every raw row of the harvest files (sorted by name) and the Wikidata file, in file order."""
    sources_dir = Path(sources_dir)
    rows: list[RawRow] = []
    read: dict[str, int] = {}
    for path in sorted(sources_dir.glob(HARVEST_GLOB)):
        recs = _read_csv(path)
        read[path.name] = len(recs)
        for i, r in enumerate(recs):
            rows.append(RawRow(
                file=path.name, row=i + 2, ua_name_en=r.get("ua_name_en", ""), ua_name_uk=r.get("ua_name_uk", ""),
                ua_oblast_en=r.get("ua_oblast_en", ""), ua_level=r.get("ua_level", ""),
                partner_name=r.get("partner_name", ""), partner_region=r.get("partner_region", ""),
                partner_country=r.get("partner_country_iso2", "").upper(), partner_level=r.get("partner_level", ""),
                kind=r.get("type", ""), status=r.get("status", ""), date=r.get("date", ""),
                date_event=r.get("date_event", ""), facilitator=r.get("facilitator", ""),
                source_url=r.get("source_url", ""), evidence=r.get("evidence", ""),
            ))
    wd = sources_dir / WIKIDATA_FILE
    if wd.exists():
        recs = _read_csv(wd)
        read[wd.name] = len(recs)
        for i, r in enumerate(recs):
            q = r.get("ua_wikidata", "")
            rows.append(RawRow(
                file=wd.name, row=i + 2, ua_name_en=r.get("ua_name", ""), ua_name_uk="", ua_oblast_en="",
                ua_level="city", partner_name=r.get("partner_name", ""), partner_region="",
                partner_country=r.get("partner_country_iso2", "").upper(), partner_level="",
                kind=Kind.TWINNING, status=Status.LISTED, date="", date_event="", facilitator="",
                source_url=f"https://www.wikidata.org/wiki/{q}" if re.fullmatch(r"Q\d+", q) else "",
                evidence="Wikidata P190 (twinned administrative body), no date",
                wikidata=q or "?", ua_lat=_float(r.get("ua_lat", "")), ua_lon=_float(r.get("ua_lon", "")),
                partner_lat=_float(r.get("partner_lat", "")), partner_lon=_float(r.get("partner_lon", "")),
            ))
    wp = sources_dir / WIKIPEDIA_FILE
    if wp.exists():
        recs = _read_csv(wp)
        read[wp.name] = len(recs)
        for i, r in enumerate(recs):
            rows.append(RawRow(
                file=wp.name, row=i + 2, ua_name_en=r.get("ua_name_en", ""), ua_name_uk="", ua_oblast_en="",
                ua_level=r.get("ua_level", "") or "city", partner_name=r.get("partner_name", ""),
                partner_region="", partner_country=r.get("partner_country_iso2", "").upper(), partner_level="",
                kind=Kind.TWINNING, status=Status.LISTED, date="", date_event="", facilitator="",
                source_url=r.get("source_url", ""), evidence=r.get("evidence", ""),
            ))
    return rows, read


def load_aliases(path: str | Path) -> dict[tuple[str, str], str]:
    """``partner_aliases.csv``: (country, folded variant) -> canonical spelling."""
    path = Path(path)
    if not path.exists():
        return {}
    return {(r["country"].upper(), fold(r["variant"])): r["canonical"] for r in _read_csv(path) if r.get("variant")}


# ----------------------------------------------------------------------------------- Ukrainian places
@dataclass(frozen=True)
class UaTables:
    """The bundled tables: region names -> ISO code, and renamed cities (old name + oblast -> current)."""

    regions: dict[str, tuple[str, str, str]]  # folded name/alias -> (iso, name_en, name_uk)
    region_by_code: dict[str, tuple[str, str]]  # iso -> (name_en, name_uk)
    renamed: dict[tuple[str, str], tuple[str, str, str]]  # (folded old name, iso) -> (en, uk, old)

    @classmethod
    def load(cls, geo_dir: str | Path) -> UaTables:
        geo_dir = Path(geo_dir)
        regions: dict[str, tuple[str, str, str]] = {}
        by_code: dict[str, tuple[str, str]] = {}
        for r in _read_csv(geo_dir / "ua_regions.csv"):
            val = (r["iso_3166_2"], r["name_en"], r["name_uk"])
            by_code[r["iso_3166_2"]] = (r["name_en"], r["name_uk"])
            for name in [r["name_en"], r["name_uk"], *r.get("aliases", "").split("|")]:
                if fold(name):
                    regions.setdefault(fold(name), val)
        # "Kyiv City" is how the harvest names the capital's region
        if "UA-30" in by_code:
            regions.setdefault(fold("Kyiv City"), ("UA-30", *by_code["UA-30"]))
        renamed: dict[tuple[str, str], tuple[str, str, str]] = {}
        for r in _read_csv(geo_dir / "ua_renamed_cities.csv"):
            if r.get("kind") in {"renamed", "historical"}:
                renamed.setdefault((fold(r["old_name"]), r["oblast_iso"]),
                                   (r["current_name_en"], r["current_name_uk"], r["old_name"]))
        return cls(regions, by_code, renamed)

    def oblast_code(self, text: str) -> str:
        return self.regions.get(fold(text), ("",))[0]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _core(name: str) -> tuple[str, str]:
    """(name without parenthesised part and 'hromada', the parenthesised part)."""
    m = re.search(r"\(([^()]*)\)", name)
    core = _PARENS.sub("", name).strip()
    core = _UK_HROMADA.sub("", _UA_HROMADA.sub("", core)).strip()
    return core, (m.group(1).strip() if m else "")


def place_ua(raw: RawRow, tables: UaTables, resolve_ua: UaResolver | None) -> UaPlace | str:
    """The Ukrainian side of a raw row, or the reason it cannot be placed."""
    if raw.is_wikidata:
        return _place_wikidata(raw, resolve_ua)
    if raw.file == WIKIPEDIA_FILE:
        return _place_listed(raw, tables, resolve_ua)
    level = raw.ua_level
    if level not in _LEVEL_ORDER:
        return f"unknown ua_level {level!r}"
    oblast = tables.oblast_code(raw.ua_oblast_en) if raw.ua_oblast_en else ""
    if level == UaLevel.OBLAST:
        code = oblast or tables.oblast_code(raw.ua_name_en) or tables.oblast_code(raw.ua_name_uk)
        if not code:
            return f"oblast {raw.ua_oblast_en or raw.ua_name_en!r} is not a Ukrainian region"
        en, uk = tables.region_by_code[code]
        return UaPlace(en, uk, code, "oblast")
    if not oblast and not raw.ua_oblast_en and level != UaLevel.RAION:
        # no oblast given: the codifier may have the name in one region only
        uk = _core(raw.ua_name_uk)[0]
        found = settlement_oblasts(uk) if uk and not uk.endswith(("ська", "цька", "зька")) else set()
        if len(found) == 1:
            oblast = next(iter(found))
        elif len(found) > 1:
            return (f"no oblast given and the codifier has a {uk} in several regions ({', '.join(sorted(found))}): "
                    f"cannot tell which Ukrainian {raw.ua_name_en or raw.ua_name_uk!r} is meant")
    if not oblast:
        why = f"unknown oblast {raw.ua_oblast_en!r}" if raw.ua_oblast_en else "no oblast given"
        return f"{why}: cannot tell which Ukrainian {raw.ua_name_en or raw.ua_name_uk!r} is meant"
    if level == UaLevel.RAION:
        if not raw.ua_name_en:
            return "no Ukrainian name"
        return UaPlace(raw.ua_name_en, raw.ua_name_uk, oblast, "raion")
    en_core, en_old = _core(raw.ua_name_en)
    uk_core, uk_old = _core(raw.ua_name_uk)
    if not (en_core or uk_core):
        return "no Ukrainian name"
    # 1. renamed cities table: old name AND oblast
    for name in (en_core, uk_core, en_old, uk_old):
        hit = tables.renamed.get((fold(name), oblast)) if name else None
        if hit and fold(hit[0]) != fold(name):
            return UaPlace(hit[0], hit[1], oblast, "settlement", former=hit[2])
    # 2. the Cyrillic the source gives -> KMU 2010 (an adjective "Бучанська громада" names no place yet)
    adjective = bool(_UK_HROMADA.search(raw.ua_name_uk)) and uk_core.endswith(("ська", "цька", "зька"))
    if uk_core and not adjective:
        return UaPlace(translit_uk(uk_core), uk_core, oblast, "settlement", former=en_old)
    # 3. the gazetteer, for the place behind a hromada adjective; it must give the same Latin name
    if resolve_ua is not None:
        for query in dict.fromkeys(q for q in (raw.ua_name_uk, uk_core, en_core) if q):
            got = resolve_ua(query, oblast)
            if got and _accept_ua(got, oblast, en_core):
                return UaPlace(got["name_en"], got.get("name_uk") or "", oblast, "settlement", former=en_old)
    # 4. the source's own names as they are
    return UaPlace(en_core or raw.ua_name_en, raw.ua_name_uk, oblast, "settlement", former=en_old)


def _accept_ua(got: Mapping, oblast: str, en_core: str) -> bool:
    return (got.get("feature") == "city" and got.get("region") == oblast
            and fold(got.get("name_en", "")) == fold(en_core))


def _place_wikidata(raw: RawRow, resolve_ua: UaResolver | None) -> UaPlace | str:
    if raw.wikidata in NOT_UKRAINE:
        return NOT_UKRAINE[raw.wikidata]
    if resolve_ua is None:
        return "no gazetteer to place the Wikidata city"
    got = resolve_ua(raw.ua_name_en, None)
    if not got or got.get("feature") != "city" or not got.get("region"):
        return f"{raw.ua_name_en!r} not found among Ukrainian places"
    if raw.ua_lat is not None and got.get("lat") is not None:
        d = _km((raw.ua_lat, raw.ua_lon), (got["lat"], got["lon"]))
        if d > MAX_WIKIDATA_KM:
            return f"{raw.ua_name_en!r}: the gazetteer's match lies {d:.0f} km from the Wikidata coordinates"
    return UaPlace(got["name_en"], got.get("name_uk", ""), got["region"], "settlement")


def _one_codifier_city(name: str) -> tuple[str, str] | None:
    """(oblast, Ukrainian name) of the one city the KATOTTG codifier has under this official Latin (or
    Cyrillic) name; None when it has none or several ('Vyzhnytsia' -> Вижниця, not the gazetteer's
    Russian form 'Вижница')."""
    from .register import lookup

    found = {(m.oblast, m.name_uk) for m in lookup(name, None, "city") if m.level == "city"}
    return next(iter(found)) if len(found) == 1 else None


def settlement_oblasts(name_uk: str) -> set[str]:
    """Regions that have a city (else any settlement) of this Cyrillic name in the KATOTTG codifier
    (:func:`pobratymy.register.lookup`): a list naming 'Boyarka' means the city, not two villages."""
    from .register import lookup

    return {m.oblast for m in lookup(name_uk, None, "city")}


def register_codes(row: Mapping[str, str]) -> tuple[str, str, str]:
    """(ua_katottg, ua_hromada_katottg, '' or why not) for a row's Ukrainian side, from the KATOTTG codifier
    (:func:`pobratymy.register.lookup`): Cyrillic name first, then the official Latin; several matches
    count only when one kind of unit ranks first (a city before a village of that name)."""
    got, why = register_match(row)
    return (got.ua_katottg, got.ua_hromada_katottg, "") if got is not None else ("", "", why)


def register_match(row: Mapping[str, str]):
    """(the codifier's match for a row's Ukrainian side or None, '' or why not); see :func:`register_codes`."""
    from .register import CATEGORY_RANK, lookup

    level = row[C.UA_LEVEL]
    tried: list = []
    for name in dict.fromkeys(n for n in (row[C.UA_NAME_UK], row[C.UA_NAME_EN]) if n):
        got = lookup(name, row[C.UA_OBLAST], level)
        if len(got) == 1 or (len(got) > 1 and CATEGORY_RANK[got[0].category] < CATEGORY_RANK[got[1].category]):
            return got[0], ""
        tried = tried or got
    if tried:
        return None, f"{len(tried)} units of the codifier match ({', '.join(m.ua_katottg for m in tried[:4])})"
    if level == UaLevel.RAION:
        return None, ("not found in the 2024 KATOTTG codifier: a raion abolished by the 2020 reform or a city "
                      "district (the codifier lists neither as such)")
    return None, "not found in the KATOTTG codifier"


#: How the codifier matched a name: the register's own name first, a former name last.
_MATCH_RANK = {"": 0, "former name": 2}


def one_place_per_code(placed: list[tuple], renamed: set[str]) -> list[tuple]:
    """Two spellings of one Ukrainian unit, or its old and new name (a renamed raion), are one place: the
    places that the KATOTTG codifier matches to the same unit (same code, same level class) take the name of
    the one matched by the register's own name (else not by a former name, else the one most rows give);
    the others keep the name their source used as ``former``. Each merge is reported."""
    pre: dict[tuple, list[tuple[RawRow, UaPlace]]] = defaultdict(list)
    for raw, ua, *_ in placed:
        pre[ua.key].append((raw, ua))
    found: dict[tuple, tuple] = {}
    for k, items in pre.items():
        bp = _pick_ua([u for _, u in items])
        level = _pick_level(bp, _levels([r for r, _ in items]))
        got, _ = register_match({C.UA_NAME_UK: bp.name_uk, C.UA_NAME_EN: bp.name_en, C.UA_OBLAST: bp.oblast,
                                 C.UA_LEVEL: level})
        if got is not None:
            found[k] = (got, bp)
    by_code: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for k, (got, bp) in found.items():
        by_code[(got.ua_katottg, bp.level_class)].append(k)
    remap: dict[tuple, UaPlace] = {}
    for (code, _), keys in sorted(by_code.items()):
        if len(keys) < 2:
            continue
        main = min(keys, key=lambda k: (_MATCH_RANK.get(found[k][0].how, 1), -len(pre[k]), k))
        got, bp = found[main]
        name_uk = bp.name_uk or (f"{got.name_uk} район" if bp.level_class == "raion" else got.name_uk)
        for k in keys:
            remap[k] = UaPlace(bp.name_en, name_uk, bp.oblast, bp.level_class,
                               "" if k == main else found[k][1].name_en)
            if k != main:
                renamed.add(f"{found[k][1].name_en} / {found[k][1].name_uk or '-'} ({bp.oblast}) and "
                            f"{bp.name_en} / {name_uk} are one unit of the KATOTTG codifier ({code}): one place")
    out = []
    for raw, ua, *rest in placed:
        new = remap.get(ua.key)
        if new is not None:
            ua = UaPlace(new.name_en, new.name_uk, new.oblast, new.level_class, new.former or ua.former)
        out.append((raw, ua, *rest))
    return out


def _place_listed(raw: RawRow, tables: UaTables, resolve_ua: UaResolver | None) -> UaPlace | str:
    """The Ukrainian side of a Wikipedia list row: the name as the page writes it, no oblast. Placed only
    when the gazetteer finds it and the codifier has that name in one region only."""
    name = raw.ua_name_en
    core, paren = _core(name)
    if paren:
        return f"{name!r}: a city district or a qualified name the lists give without its body; not placed"
    if raw.ua_level == UaLevel.OBLAST:
        code = tables.oblast_code(name)
        return UaPlace(*tables.region_by_code[code], code, "oblast") if code else f"unknown region {name!r}"
    seat = re.sub(r"\s+raion$", "", core, flags=re.IGNORECASE)
    city = _one_codifier_city(seat)  # the official Latin name of the codifier's one city of that name
    if city is None:
        if resolve_ua is None:
            return "no gazetteer to place the listed Ukrainian name"
        got = resolve_ua(seat, None)
        if not got or got.get("feature") != "city" or not got.get("region"):
            return f"{name!r} not found among Ukrainian places"
        if float(got.get("confidence", 1.0)) < 0.9:
            return f"{name!r}: only a loose match ({got.get('name_en')}) in the gazetteer; not placed"
        oblasts = settlement_oblasts(got.get("name_uk") or "") if got.get("name_uk") else set()
        if len(oblasts) > 1:
            return (f"{name!r}: the codifier has a {got.get('name_uk')} in several regions "
                    f"({', '.join(sorted(oblasts))}) and the list gives no region; not placed")
        # the gazetteer's Cyrillic name, when the codifier has one city of it (not a same-name village the
        # gazetteer picked elsewhere); else the gazetteer's place as it is
        city = _one_codifier_city(got["name_uk"]) if got.get("name_uk") else None
        if city is None:
            if raw.ua_level == UaLevel.RAION:
                return UaPlace(name, "", got["region"], "raion")
            return UaPlace(got["name_en"], got.get("name_uk", ""), got["region"], "settlement")
    oblast, name_uk = city
    if raw.ua_level == UaLevel.RAION:
        return UaPlace(name, "", oblast, "raion")
    return UaPlace(translit_uk(name_uk), name_uk, oblast, "settlement")


# ---------------------------------------------------------------------------------------- source URLs
#: Proxy mirrors that embed the original URL in their path: ``http://1.2.3.4:8011/https/host/path`` and
#: ``http://1.2.3.4/host-http-host/path``.
_MIRRORS = (
    re.compile(r"^https?://\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?/(https?)/([a-z0-9-]+(?:\.[a-z0-9-]+)+\.?)(/.*)?$", re.I),
    re.compile(r"^https?://\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?/host-(https?)-([a-z0-9-]+(?:\.[a-z0-9-]+)+\.?)(/.*)?$",
               re.I),
)
_TRAILING_DOT_HOST = re.compile(r"^(https?://[^/?#@]+?)\.(?=(?::\d+)?(?:[/?#]|$))", re.I)


def clean_source_url(url: str) -> tuple[str, str]:
    """(the URL with a proxy mirror undone and a host's trailing dot dropped, the mirror URL or '').

    >>> clean_source_url("http://209.141.35.7:8011/https/www.dw.com/uk/a-1")
    ('https://www.dw.com/uk/a-1', 'http://209.141.35.7:8011/https/www.dw.com/uk/a-1')
    >>> clean_source_url("https://uk.wikipedia.org./wiki/X")
    ('https://uk.wikipedia.org/wiki/X', '')
    """
    mirror = ""
    for pattern in _MIRRORS:
        m = pattern.match(url)
        if m:
            mirror, url = url, f"{m.group(1).lower()}://{m.group(2)}{m.group(3) or '/'}"
            break
    return _TRAILING_DOT_HOST.sub(r"\1", url), mirror


def _mirror_notes(items: Sequence[RawRow]) -> list[str]:
    """Report lines for the mirrors of one merged pair: dropped (original cited too) or un-mirrored."""
    out = []
    for r in items:
        if not r.mirror:
            continue
        twins = [o for o in items if not o.mirror and o.source_url == r.source_url]
        if twins:
            out.append(f"{r.where}: dropped proxy mirror {r.mirror} (the same row also cites {r.source_url}, "
                       f"{twins[0].where})")
        else:
            out.append(f"{r.where}: un-mirrored {r.mirror} -> {r.source_url} (the only copy; the mirror's path "
                       "embeds the original)")
    return out


# ------------------------------------------------------------------------------------- foreign places
def partner_key(raw: RawRow, aliases: Mapping[tuple[str, str], str],
                resolve_partner: PartnerResolver | None) -> tuple[Hashable, str]:
    """(identity key of the foreign side within its country, alias applied or '')."""
    cc = raw.partner_country
    name = raw.partner_name
    alias = aliases.get((cc, fold(name))) or aliases.get((cc, partner_core(name)))
    if alias:
        name = alias
    if resolve_partner is not None:
        ftype = feature_type(raw.partner_level)
        if ftype:
            queries = [name, _PARENS.sub("", name).strip(), partner_core(name)]
            outside, inside = _PARENS.sub("", name).strip(), re.findall(r"\(([^()]*)\)", name)
            if inside and not re.search(r"[A-Za-z\u00C0-\u024F]", outside):
                queries.append(inside[0].strip())  # "大阪市 (Osaka)": a non-Latin name with its Latin form
            for q in dict.fromkeys(queries):
                got = resolve_partner(q, cc, ftype) if q else None
                if got is not None:
                    return got, alias or ""
    return seat_key(name, cc, raw.partner_level), alias or ""


def _unify(keys: list[tuple[Hashable, tuple]]) -> list[int]:
    """Component number of each partner of one (UA place, country): two partners are one when they share
    the gazetteer key or the seat key (:func:`pobratymy.identity.seat_key`: 'Bisztynek' as a town and as
    a district are one; 'Lublin Voivodeship' is not 'Lublin')."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[Hashable, int] = {}
    for i, (key, core) in enumerate(keys):
        for k in (key, core):
            if k in first:
                parent[find(i)] = find(first[k])
            else:
                first[k] = i
    return [find(i) for i in range(len(keys))]


# -------------------------------------------------------------------------------------------- merging
@dataclass(frozen=True, slots=True)
class _Event:
    event: str
    date: PartialDate
    raw: RawRow


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    sa, sb = str(a), str(b)
    return sa.startswith(sb) or sb.startswith(sa)


def _best(events: list[_Event], kind: str = "") -> _Event:
    """The earliest date, refined by the most precise date compatible with it (2022 + 2022-10-27); of
    equal dates, one from a source of ``kind``."""
    earliest = min(events, key=lambda e: (e.date.first_day, -_PRECISION[e.date.precision]))
    same = [e for e in events if _compatible(e.date, earliest.date)]
    return min(same, key=lambda e: (-_PRECISION[e.date.precision], str(e.date), e.raw.kind != kind,
                                    e.raw.file, e.raw.row))


def _conflict_note(label: str, events: list[_Event], chosen: _Event) -> str | None:
    """A note when sources give dates of one event that do not refine the chosen one."""
    others = sorted({str(e.date) for e in events if not _compatible(e.date, chosen.date)})
    if not others:
        return None
    parts = []
    for d in others:
        urls = sorted({e.raw.source_url for e in events if str(e.date) == d})
        parts.append(f"{d} ({', '.join(urls)})")
    return (f"{label} dates differ between sources (separate events or a disagreement): "
            f"{chosen.date} used; also " + "; ".join(parts))


def _kind_of(raws: Sequence[RawRow]) -> str:
    """The kind most sources (distinct pages) give; a tie goes to the establishing kind (_KIND_ORDER)."""
    harvest = [r for r in raws if not r.is_wikidata] or list(raws)
    pages = Counter(k for k, _ in {(r.kind, r.source_url) for r in harvest})
    return min(pages, key=lambda k: (-pages[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))


def _kind_of_act(raws: Sequence[RawRow]) -> str:
    """Kind of the documents that record one act (rows of one status): first a kind whose source names
    the act itself (its ``date_event`` is an event of that status: 'signed' or 'established' for a
    signed tie, not none - a page that only says the tie exists does not outweigh one that names its
    act), then an establishing kind before a memorandum or cooperation agreement, then a kind whose
    act a source dates, then the kind most pages give, then _KIND_ORDER."""
    pages = Counter(k for k, _ in {(r.kind, r.source_url) for r in raws})
    dated = {r.kind for r in raws if r.date}
    named = {r.kind for r in raws if r.date_event and r.date_event in STATUS_EVENTS.get(r.status, (r.status,))}
    return min(pages, key=lambda k: (bool(named) and k not in named, k in _LATER_KINDS, k not in dated, -pages[k],
                                     _KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))


#: How a source says a tie was ended, first match wins (checked on the row's evidence, lower-case).
_ACTS = (
    (("russian-controlled", "occupation authorit"), "an act of the occupation authorities"),
    (("executive committee", "executive-committee", "виконком"), "executive committee decision"),
    (("mayor order", "mayor's order", "order of the mayor", "розпорядження"), "mayor's order"),
    (("military administration", " ova ", "ova head"), "military administration"),
    (("letter", "wrote"), "mayor's letter"),
    (("council", "decision no", "рада", "рішення"), "council decision"),
)


_NO_ACT = "an act the source does not name"


def termination_act(evidence: str) -> str:
    """Which act ended a tie, as the source's evidence says it ('council decision', 'mayor's letter',
    'executive committee decision' ...), else 'an act the source does not name'."""
    text = f" {(evidence or '').lower()} "
    for words, act in _ACTS:
        if any(w in text for w in words):
            return act
    return _NO_ACT


def event_of(r: RawRow) -> str:
    """The event a raw row dates. A signing that a row only announces (status announced or
    in_preparation, date_event signed: "online signing planned for 21 Feb") is an announcement, not a
    signing; so is the date of an announced or in-preparation row that names no event."""
    ev = r.date_event or ("terminated" if r.status == Status.TERMINATED else "")
    if r.status in {Status.ANNOUNCED, Status.IN_PREPARATION} and (ev in _ESTABLISHING_EVENTS or (r.date and not ev)):
        return DateEvent.ANNOUNCED  # a dated plan or request ("Kalush requested twinning", 2022-11)
    return ev


def events_ladder(harvest: Sequence[RawRow], lists: Sequence[str] = ()) -> str:
    """Every documented event of a tie, oldest first, each once at its most precise date:
    '2023 memorandum signed → 2024-05 twinning approved → twinning in preparation (undated)'."""
    found: dict[tuple[str, str], list[PartialDate | None]] = defaultdict(list)
    acts: dict[str, str] = {}  # the termination's date -> the act a source names for it
    for r in harvest:
        ev = "terminated" if r.status == Status.TERMINATED else (event_of(r) or r.status)
        label = "terminated" if ev == "terminated" else f"{r.kind.replace('_', ' ')} {ev.replace('_', ' ')}"
        if ev != "terminated" and _IMPLEMENTING.search(r.evidence):  # a protocol, plan or renewal of the act
            label = f"follow-up to the {r.kind.replace('_', ' ')} {ev.replace('_', ' ')}"
        found[(label, ev)].append(parse_date(r.date) if r.date else None)
        if ev == "terminated":
            act = termination_act(r.evidence)
            if act != _NO_ACT or r.date not in acts:
                acts.setdefault(r.date if act != _NO_ACT else f"~{r.date}", act)
        if r.status != Status.TERMINATED and ev not in STATUS_EVENTS.get(r.status, ()):
            # the page states the status too (e.g. signed) while its date dates another event (approved)
            found[(f"{r.kind.replace('_', ' ')} {r.status.replace('_', ' ')}", r.status)].append(None)
    items: list[tuple[tuple, str]] = []
    for (label, ev), dates in found.items():
        known = sorted({d for d in dates if d is not None}, key=lambda d: (d.first_day, -_PRECISION[d.precision]))
        kept = [d for d in known if not any(o != d and _compatible(o, d)
                                            and _PRECISION[o.precision] > _PRECISION[d.precision] for o in known)]
        for d in kept:
            items.append(((0, d.first_day, label), f"{d} {_act_label(label, str(d), acts)}"))
        if not kept:
            items.append(((1, _STATUS_ORDER_EV.get(ev, 9), label), f"{_act_label(label, '', acts)} (undated)"))
    out = [t for _, t in sorted(items)]
    out += [f"listed by {n}" for n in lists]
    return " → ".join(out)


def _act_label(label: str, date: str, acts: Mapping[str, str]) -> str:
    """'terminated (council decision)': the act named for this date or a compatible one, else any named."""
    if label != "terminated":
        return label
    named = {d: a for d, a in acts.items() if not d.startswith("~")}
    act = named.get(date) or next((a for d, a in sorted(named.items()) if d and date and
                                   (d.startswith(date) or date.startswith(d))), None)
    act = act or next(iter(sorted(named.values())), _NO_ACT)
    return f"terminated ({act})"


#: Events of the ladder that support a status (what :func:`pobratymy.rules.check` looks for).
STATUS_EVENTS: dict[str, tuple[str, ...]] = {
    Status.SIGNED: ("signed", "established"), Status.APPROVED: ("approved",), Status.ANNOUNCED: ("announced",),
    Status.IN_PREPARATION: ("in_preparation", "announced"),
}

_STATUS_ORDER_EV = {"established": 0, "signed": 1, "approved": 2, "announced": 3, "in_preparation": 4,
                    "terminated": 5}


#: Live statuses of a documented act: the row's date must date that very act (never another act's date).
_OWN_ACT_STATUSES = frozenset({Status.SIGNED, Status.APPROVED, Status.ANNOUNCED, Status.IN_PREPARATION})


#: Evidence that a tie rests ("relations rest since 2014 occupation"): never shown as live.
_DORMANT = re.compile(r"\b(?:relations|ties|partnership|contacts|cooperation)\s+(?:have\s+)?(?:rest(?:ed)?|"
                      r"(?:are|is|been)\s+(?:dormant|suspended|frozen))\s+since\b|\bdormant since\b"
                      r"|\b(?:relations|ties|partnership|contacts|cooperation|relationship)\s+(?:have\s+)?lapsed\b"
                      r"|\b(?:relations|ties|partnership|contacts|cooperation|relationship)\s+(?:has\s+been\s+|is\s+)?"
                      r"long\s+frozen\b", re.I)

#: Evidence that a dated document implements, continues or renews an earlier act (an executive protocol to a
#: memorandum, a yearly programme or action plan, an agreement "extending" or "continuing" the cooperation,
#: a "renewed" agreement): not the act that established the tie, so it never dates the row.
_IMPLEMENTING = re.compile(
    r"\bexecutive protocols?\b|\bвиконавч\w* протокол|\bprogramme of joint activities\b|\baction plan\b"
    r"|\bagreement (?:extending|continuing)\b|\bsigned (?:a |the )?renewed\b|\bto continue and consolidate\b"
    r"|\bdeclaration continuing\b|\btwinning agreement in \w+, renewing\b", re.I)


def _signing_first(cands: list[_Event]) -> list[_Event]:
    """A signing date before an 'established' one ("twinned in March 2023") that is at most a year older:
    the looser report of the same act; an 'established' date older than that (partners since 1996, an
    agreement signed 2019) stays a candidate, and the earliest wins."""
    signed = [e for e in cands if e.event == DateEvent.SIGNED]
    loose = [e for e in cands if e.event == DateEvent.ESTABLISHED]
    if not signed or not loose:
        return cands
    first = min(e.date.first_day for e in signed)
    return signed if all(e.date.first_day.year >= first.year - 1 for e in loose) else cands


#: Evidence that an 'established' date is when contacts began, not when the document was signed.
_BEGAN = re.compile(r"\b(began|begun)\b", re.I)


def _date_groups(status: str, kind: str) -> tuple[tuple[str, ...], ...]:
    """Which events may date a row, in order. A signed/approved/announced tie is dated only by its own
    act (a signing by a signing or the tie's establishment; a memorandum or cooperation agreement by its
    signing first, and never by 'cooperation began in 2016' (:data:`_BEGAN`)): an approval dates an
    approved tie, never a signed one, which then stays undated with the approval in ``events`` and notes.
    Ended and listed ties take the first dated event of the ladder (``date_event`` says which)."""
    i = _EVENT_FOR_STATUS[status]
    if status in _OWN_ACT_STATUSES:
        if status == Status.SIGNED and kind in _LATER_KINDS:  # the signing before 'established'
            return (DateEvent.SIGNED,), (DateEvent.ESTABLISHED,)
        return (_START_EVENTS[i],)
    return _START_EVENTS[i:] + _START_EVENTS[:i]


def _later_document(e: _Event, starts: Sequence[_Event]) -> bool:
    """A memorandum or cooperation agreement dated after a tie of an establishing kind was approved or
    signed: a later step (deepening, renewal), not the event that established the tie."""
    if e.raw.kind not in _LATER_KINDS:
        return False
    return any(o.raw.kind not in _LATER_KINDS and o.event in _ESTABLISHING_EVENTS
               and not _compatible(o.date, e.date) and o.date.last_day < e.date.first_day for o in starts)


def _event_note(event: str, date: str, other_kind: str, urls: set[str]) -> str:
    """'approved 2023-02-09' for an event of the tie itself; 'signed memorandum 2024-02 (url)' otherwise."""
    if not other_kind:
        return f"{event} {date}"
    return f"{event} {other_kind.replace('_', ' ')} {date} ({', '.join(sorted(urls))})"


def merge_pair(ua: UaPlace, raws: Sequence[RawRow], partner_names: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """One schema row from every raw row of one pair; also the conflict notes (for the report).

    kind: what most sources call the tie (:func:`_kind_of`). status: the most advanced any source
    records (terminated when one records the cut). date: the event that established the tie -
    signed/established before approved before announced, the earliest of that group, refined by a more
    precise agreeing date of the same event - leaving out later documents (:func:`_later_document`).
    Other dated events go in notes: 'approved 2023-02-09' for the tie's own kind, 'signed memorandum
    2024-02 (url)' for another; differing dates of the chosen event go in a conflict note.
    """
    harvest = [r for r in raws if not r.is_list]
    lists = sorted({r.list_name for r in raws if r.is_list})
    statuses = {r.status for r in harvest}
    cc = raws[0].partner_country
    if not harvest:  # only a list names it: no document seen, no status stronger than "listed"
        status, kind = Status.LISTED, _kind_of(raws)
    elif Status.TERMINATED in statuses:
        status = Status.TERMINATED
        kind = _kind_of([r for r in harvest if r.status != Status.TERMINATED] or harvest)
    else:  # the most advanced documented act, and the kind of document of that very act
        status = max((Status(s) for s in statuses if s in _STATUS_RANK), key=_STATUS_RANK.__getitem__)
        kind = _kind_of_act([r for r in harvest if r.status == status])
    dormant = next((r for r in harvest if _DORMANT.search(r.evidence)), None)
    if cc in AGGRESSOR_COUNTRIES and status != Status.TERMINATED:
        status = Status.INACTIVE
    elif dormant is not None and status not in {Status.TERMINATED, Status.LISTED}:
        status = Status.INACTIVE  # its own source says the tie rests: not shown as live

    starts: list[_Event] = []
    ends: list[_Event] = []
    for r in raws:
        if not r.date:
            continue
        d = parse_date(r.date)
        ev = event_of(r)
        if r.status == Status.TERMINATED and ev not in {DateEvent.SIGNED, DateEvent.ESTABLISHED}:
            ends.append(_Event(ev, d, r))
        elif ev:
            starts.append(_Event(ev, d, r))

    notes: list[str] = []
    conflicts: list[str] = []
    date = date_event = ended = ""
    chosen: _Event | None = None
    end: _Event | None = None
    covered: list[_Event] = []  # start events the date or a conflict note already tells
    if status == Status.TERMINATED:
        pool = [e for e in starts if not _later_document(e, starts)]
    else:  # the date of the act the row's kind names, never another document's
        pool = [e for e in starts if e.raw.kind == kind and not _IMPLEMENTING.search(e.raw.evidence)
                and not (kind in _LATER_KINDS and e.event == DateEvent.ESTABLISHED and _BEGAN.search(e.raw.evidence))]
    groups = _date_groups(status, kind)
    for group in groups:
        cands = _signing_first([e for e in pool if e.event in group])
        if cands:
            chosen = _best(cands, kind)
            date, date_event = str(chosen.date), chosen.event
            covered = cands
            note = _conflict_note(group[0].value, cands, chosen)
            if note:
                conflicts.append(note)
            if chosen.raw.kind != kind:  # no source of the tie's own kind gives this date
                notes.append(f"date given for the {chosen.raw.kind.replace('_', ' ')} ({chosen.raw.source_url})")
            break
    if status == Status.TERMINATED and ends:
        end = _best(ends)
        ended = str(end.date)
        note = _conflict_note("termination", ends, end)
        if note:
            conflicts.append(note)
        if not date:
            chosen, date, date_event = end, ended, DateEvent.TERMINATED
        if end.event not in {DateEvent.TERMINATED, ""}:
            notes.append(f"termination {end.event} {ended}")
    # other dated events, once each: not the chosen one nor what it refines or a conflict note tells,
    # and per event and kind only the most precise of compatible dates
    shown = [e for e in starts if e not in covered]
    kept = [e for e in shown
            if not any(o.event == e.event and o.raw.kind == e.raw.kind and _compatible(o.date, e.date)
                       and _PRECISION[o.date.precision] > _PRECISION[e.date.precision] for o in shown)]
    others: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for e in kept:
        others[(str(e.date), e.event, "" if e.raw.kind == kind else e.raw.kind)].add(e.raw.source_url)
    if others:
        notes.append("; ".join(_event_note(ev, d, k, urls) for (d, ev, k), urls in sorted(others.items())))
    notes.extend(conflicts)

    # the primary source: the row that dates the tie, else the most informative harvest row
    def rank(r: RawRow):
        prec = _PRECISION[parse_date(r.date).precision] if r.date else 0
        return (chosen is None or r is not chosen.raw, r.is_list, r.status != status, -prec, r.file, r.row)

    ordered = sorted(raws, key=rank)
    primary = ordered[0]
    urls = list(dict.fromkeys(r.source_url for r in ordered))
    kinds = Counter(r.kind for r in harvest) or Counter(r.kind for r in raws)
    also = sorted(k for k in kinds if k != kind)
    if also:
        notes.append("also called " + ", ".join(k.replace("_", " ") for k in also))
    if not harvest:
        notes.append(f"listed by {' and '.join(lists)}; no document seen")
    elif lists:
        notes.append(f"also listed by {' and '.join(lists)}")
    if status == Status.INACTIVE and cc in AGGRESSOR_COUNTRIES:
        notes.append("a tie with a Russian or Belarusian body: no longer active; no source here records its end")
    elif status == Status.INACTIVE and dormant is not None:
        notes.append(f"no longer active: a source says the relations rest ({dormant.source_url}); "
                     "no source here records its end")
    if end is not None:
        notes.append(f"ended by {termination_act(end.raw.evidence)} ({end.raw.source_url})")
    if ua.former:
        notes.append(f"source names the Ukrainian side {ua.former}")
    if primary.evidence and primary.file not in LIST_NAMES:
        notes.append(f"source: {primary.evidence}")

    facilitators = []
    for r in ordered:
        for f in re.split(r";\s*", r.facilitator):
            if f and f not in facilitators:
                facilitators.append(f)
    regions = Counter(r.partner_region for r in ordered if r.partner_region)
    levels = [r.partner_level for r in ordered if r.partner_level]
    ua_level = _pick_level(ua, _levels(raws))
    row = {
        C.ID: "",
        C.UA_NAME_EN: ua.name_en,
        C.UA_NAME_UK: ua.name_uk,
        C.UA_OBLAST: ua.oblast,
        C.UA_LEVEL: ua_level,
        C.PARTNER_NAME: _display_name(raws, partner_names),
        C.PARTNER_REGION: regions.most_common(1)[0][0] if regions else "",
        C.PARTNER_COUNTRY: cc,
        C.PARTNER_LEVEL: levels[0] if levels else "",
        C.KIND: kind,
        C.STATUS: status,
        C.DATE: date,
        C.DATE_EVENT: date_event,
        C.ENDED: ended,
        C.FACILITATOR: "; ".join(facilitators),
        C.SOURCE_URL: urls[0],
        C.OTHER_SOURCES: OTHER_SOURCES_SEP.join(urls[1:]),
        C.NOTES: "; ".join(notes),
        C.LISTED_BY: "; ".join(lists),
        C.EVENTS: events_ladder(harvest, lists),
    }
    return row, conflicts


def _display_name(raws: Sequence[RawRow], names: Sequence[str]) -> str:
    """The spelling most sources use; ties go to a foreign (native) page, then to non-ASCII spellings."""
    count = Counter(names)
    foreign = {n for r, n in zip(raws, names, strict=True) if "foreign" in r.file}
    return min(count, key=lambda n: (-count[n], n not in foreign, n.isascii(), n))


# ------------------------------------------------------------------------------------------------ ids
def assign_ids(rows: list[dict[str, str]]) -> None:
    """``<ua-slug>--<partner-slug>-<cc>``; the oblast code joins the UA slug when two places share it."""
    places = defaultdict(set)
    for r in rows:
        places[slug(r[C.UA_NAME_EN])].add((r[C.UA_OBLAST], r[C.UA_LEVEL] == "oblast"))
    used: Counter[str] = Counter()
    for r in sorted(rows, key=sort_key):
        ua = slug(r[C.UA_NAME_EN]) or "ua"
        base = make_id(r, r[C.UA_OBLAST].lower() if len(places[ua]) > 1 else "")
        used[base] += 1
        rid = base if used[base] == 1 else f"{base}-{used[base]}"
        assert ID_RE.match(rid), rid
        r[C.ID] = rid


def sort_key(r: Mapping[str, str]) -> tuple:
    return (r[C.UA_OBLAST], r[C.UA_LEVEL] != "oblast", fold(r[C.UA_NAME_EN]), r[C.PARTNER_COUNTRY],
            fold(r[C.PARTNER_NAME]), r[C.PARTNER_NAME], r[C.SOURCE_URL])


# ---------------------------------------------------------------------------------------------- build
def _check_raw(raw: RawRow) -> str | None:
    """Reason a raw row cannot be used at all, or None."""
    if not raw.partner_name:
        return "no partner name"
    if not re.fullmatch(r"[A-Z]{2}", raw.partner_country or ""):
        return f"no ISO country code for the partner ({raw.partner_country!r})"
    if raw.partner_country == "UA":
        return "partner is in Ukraine: a domestic tie, out of scope"
    if not is_http_url(raw.source_url):
        return f"source {raw.source_url[:80]!r} is not an http(s) URL"
    if raw.kind not in Kind.__members__.values():
        return f"unknown type {raw.kind!r}"
    if raw.status not in Status.__members__.values():
        return f"unknown status {raw.status!r}"
    if raw.date_event and raw.date_event not in DateEvent.__members__.values():
        return f"unknown date_event {raw.date_event!r}"
    if raw.is_wikidata and raw.partner_country == "RU" and raw.partner_lat is not None:
        lat0, lat1, lon0, lon1 = CRIMEA_BOX
        if lat0 <= raw.partner_lat <= lat1 and lon0 <= (raw.partner_lon or 0) <= lon1:
            return (f"partner {raw.partner_name!r} is in Crimea (Ukraine) but coded RU by the source: "
                    "a domestic tie, out of scope")
    return None


def build(sources_dir: str | Path, geo_dir: str | Path, *, resolve_ua: UaResolver | None = None,
          resolve_partner: PartnerResolver | None = None) -> BuildResult:
    """Read, place, merge and order every pair of the raw sources (pure apart from reading files)."""
    raws, read = read_sources(sources_dir)
    tables = UaTables.load(geo_dir)
    aliases = load_aliases(Path(sources_dir) / ALIASES_FILE)
    reported: list[Reported] = []
    renamed: set[str] = set()
    placed: list[tuple[RawRow, UaPlace, Hashable, str]] = []
    ua_cache: dict[tuple, UaPlace | str] = {}
    dotted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for raw in raws:
        url, mirror = clean_source_url(raw.source_url)
        if url != raw.source_url:
            if not mirror:
                dotted[(raw.source_url, url)].append(raw.where)
            raw = _replace(raw, source_url=url, mirror=mirror)
        why = _check_raw(raw)
        if why is None and raw.partner_country not in {"XK"} and not _known_country(raw.partner_country):
            why = f"{raw.partner_country!r} is not an ISO 3166-1 country code"
        if why is None and raw.date:
            try:
                parse_date(raw.date)
            except ValueError as exc:
                reported.append(Reported(raw.file, raw.row, f"date left out: {exc}"))
                raw = _replace(raw, date="", date_event="")
        if why:
            reported.append(Reported(raw.file, raw.row, why))
            continue
        ck = (raw.ua_name_en, raw.ua_name_uk, raw.ua_oblast_en, raw.ua_level, raw.wikidata)
        if ck not in ua_cache:
            ua_cache[ck] = place_ua(raw, tables, resolve_ua)
        ua = ua_cache[ck]
        if isinstance(ua, str):
            reported.append(Reported(raw.file, raw.row, ua))
            continue
        if ua.oblast in CRIMEA_OBLASTS and raw.partner_country in AGGRESSOR_COUNTRIES and not raw.date:
            reported.append(Reported(raw.file, raw.row, (
                f"{ua.name_en} (Crimea) with a {raw.partner_country} partner and no date: cannot be told apart "
                "from a tie imposed under occupation; left out")))
            continue
        said = raw.ua_name_en if ua.level_class != "settlement" else _core(raw.ua_name_en)[0]
        if fold(ua.name_en) != fold(said) and not raw.is_wikidata:
            renamed.add(f"{raw.ua_name_en} / {raw.ua_name_uk} ({raw.ua_oblast_en}) -> {ua.name_en} / {ua.name_uk}")
        pkey, alias = partner_key(raw, aliases, resolve_partner)
        placed.append((raw, ua, pkey, alias))

    placed = one_place_per_code(placed, renamed)
    # group rows of one pair: same UA place, same country, same partner (gazetteer key or core name)
    by_side: dict[tuple, list[int]] = defaultdict(list)
    for i, (raw, ua, _, _) in enumerate(placed):
        by_side[(ua.key, raw.partner_country)].append(i)
    groups: dict[tuple, list[tuple[RawRow, UaPlace, str]]] = defaultdict(list)
    for side, idx in by_side.items():
        comps = _unify([(placed[i][2], seat_key(placed[i][3] or placed[i][0].partner_name,
                                                 placed[i][0].partner_country, placed[i][0].partner_level))
                        for i in idx])
        for i, comp in zip(idx, comps, strict=True):
            raw, ua, _, alias = placed[i]
            groups[(*side, comp)].append((raw, ua, alias))

    # one spelling and one level per Ukrainian place across the whole dataset
    by_place: dict[tuple, list[tuple[RawRow, UaPlace]]] = defaultdict(list)
    for items in groups.values():
        for r, u, _ in items:
            by_place[u.key].append((r, u))
    best_place = {k: _pick_ua([u for _, u in v]) for k, v in by_place.items()}
    place_level = {k: _pick_level(best_place[k], _levels([r for r, _ in v])) for k, v in by_place.items()}

    rows: list[dict[str, str]] = []
    merged_names: list[str] = []
    conflicts: list[str] = []
    urls_fixed = [f"{old} -> {new} (host with a trailing dot; {', '.join(where)})"
                  for (old, new), where in dotted.items()]
    for key, items in groups.items():
        group_raws = [r for r, _, _ in items]
        urls_fixed.extend(_mirror_notes(group_raws))
        ua = best_place[key[0]]
        names = [a or r.partner_name for r, _, a in items]
        row, confl = merge_pair(ua, group_raws, names)
        row[C.UA_LEVEL] = place_level[key[0]]
        rows.append(row)
        spellings = sorted({r.partner_name for r in group_raws})
        if len({fold(s) for s in spellings}) > 1:
            merged_names.append(f"{ua.name_en} - {' = '.join(spellings)} ({row[C.PARTNER_COUNTRY]})")
        conflicts.extend(f"{ua.name_en} - {row[C.PARTNER_NAME]}: {c}" for c in confl)
    rows = _occupation_rule(rows, reported)
    codes: dict[tuple, tuple[str, str, str]] = {}
    no_code: list[str] = []
    for row in rows:
        k = (row[C.UA_NAME_UK], row[C.UA_NAME_EN], row[C.UA_OBLAST], row[C.UA_LEVEL])
        if k not in codes:
            codes[k] = register_codes(row)
            if codes[k][2]:
                no_code.append(f"{row[C.UA_NAME_EN]} / {row[C.UA_NAME_UK]} ({row[C.UA_OBLAST]}, "
                               f"{row[C.UA_LEVEL]}): {codes[k][2]}")
        row[C.UA_KATOTTG], row[C.UA_HROMADA_KATOTTG] = codes[k][:2]
    assign_ids(rows)
    rows.sort(key=sort_key)
    reported.sort(key=lambda p: (p.file, p.row, p.reason))
    return BuildResult(rows, reported, read, sorted(merged_names), sorted(renamed), sorted(conflicts),
                       sorted(urls_fixed), sorted(no_code))


_RU_HOST = re.compile(r"^https?://[^/?#:]+\.(?:ru|su|рф)\.?(?::\d+)?(?:[/?#]|$)", re.I)


def _occupation_rule(rows: list[dict[str, str]], reported: list[Reported]) -> list[dict[str, str]]:
    """Places under occupation (data/occupied.csv): a tie dated after the occupation began is left out
    (it may have been made by the occupation authorities) unless its source is a Ukrainian authority, which
    the row's notes then say; every kept row's notes carry the caveat."""
    from .occupied import after_occupation, row_occupied, ukrainian_authority

    kept = []
    for row in rows:
        occ = row_occupied(row)
        if occ is None:
            kept.append(row)
            continue
        urls = [row[C.SOURCE_URL], *split_sources(row[C.OTHER_SOURCES])]
        if not row[C.DATE] and all(_RU_HOST.match(u) for u in urls):
            reported.append(Reported("(merged)", 0, (
                f"{row[C.UA_NAME_EN]} - {row[C.PARTNER_NAME]} ({row[C.PARTNER_COUNTRY]}): undated, a place under "
                f"occupation since {occ.since}, and every source is a Russian site ({row[C.SOURCE_URL]}): cannot be "
                "told apart from a tie made under occupation; left out")))
            continue
        if after_occupation(row, occ):
            gov = [u for u in [row[C.SOURCE_URL], *row[C.OTHER_SOURCES].split(OTHER_SOURCES_SEP)]
                   if ukrainian_authority(u)]
            if not gov:
                reported.append(Reported("(merged)", 0, (
                    f"{row[C.UA_NAME_EN]} - {row[C.PARTNER_NAME]} ({row[C.PARTNER_COUNTRY]}) dated {row[C.DATE]}, "
                    f"after the occupation of {occ.place} began ({occ.since}), and no source is a Ukrainian "
                    "authority: left out")))
                continue
            row[C.NOTES] = _add_note(row[C.NOTES], f"dated after the occupation began; source is a Ukrainian "
                                                   f"authority ({gov[0]})")
        row[C.NOTES] = _add_note(row[C.NOTES], f"place under temporary occupation since {occ.since} "
                                               f"({occ.source_url})")
        kept.append(row)
    return kept


def _add_note(notes: str, note: str) -> str:
    return f"{notes}; {note}" if notes else note


def _pick_ua(places: list[UaPlace]) -> UaPlace:
    """Of the spellings of one UA place, a real Cyrillic name first (not a hromada adjective), then the
    one most rows gave."""
    count = Counter(places)
    return min(count, key=lambda p: (not p.name_uk, "громада" in p.name_uk, -count[p], p.former != "",
                                     p.name_en, p.name_uk))


def _levels(raws: Sequence[RawRow]) -> list[str]:
    """The Ukrainian side's levels the documents give (a list's is a default, not a statement), else all."""
    return [r.ua_level for r in raws if not r.is_list] or [r.ua_level for r in raws]


def _pick_level(place: UaPlace, levels: list[str]) -> str:
    """oblast/raion from the place; for a settlement the level most rows give (city first on a tie)."""
    if place.level_class != "settlement":
        return place.level_class
    count = Counter(lv for lv in levels if lv in _SETTLEMENT_LEVELS)
    return min(count, key=lambda lv: (-count[lv], _LEVEL_ORDER[lv]), default="city")


def _replace(raw: RawRow, **kw) -> RawRow:
    from dataclasses import replace

    return replace(raw, **kw)


def _known_country(cc: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_2=cc) is not None


# ------------------------------------------------------------------------------------------- geocoder
def geocoder_resolvers() -> tuple[UaResolver, PartnerResolver]:
    """Resolvers backed by the offline gazetteer (``geo.geocoder.OfflineGeocoder.default()``)."""
    from geo.geocoder import OfflineGeocoder

    geo = OfflineGeocoder.default()

    def resolve_ua(name: str, oblast: str | None) -> Mapping | None:
        loc = geo.resolve_ua(name, oblast)
        if loc is None:
            return None
        return {**loc.raw, "lat": loc.latitude, "lon": loc.longitude}

    def resolve_partner(name: str, cc: str, featuretype: str | None) -> Hashable | None:
        loc = geo.geocode(name, country=cc, featuretype=featuretype)
        if loc is None or loc.raw.get("country") != cc or float(loc.raw.get("confidence", 0)) < 0.9:
            return None
        if loc.raw.get("feature") == "region":
            return ("region", cc, loc.raw.get("region") or loc.raw.get("name"))
        if loc.raw.get("geonameid"):
            return ("geonames", loc.raw["geonameid"])
        return None

    return resolve_ua, resolve_partner


# --------------------------------------------------------------------------------------------- report
def near_duplicates(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """Pairs of one UA place and country whose partner names start with the same word (one name inside
    the other), left as separate rows: a town and its county, a city and its metropolitan body."""
    by_side: dict[tuple, list[str]] = defaultdict(list)
    for r in rows:
        by_side[(r[C.UA_NAME_EN], r[C.UA_OBLAST], r[C.PARTNER_COUNTRY])].append(r[C.PARTNER_NAME])
    out = []
    for (ua, _, cc), names in sorted(by_side.items()):
        folded = sorted((fold(n), n) for n in names)
        for i, (a, na) in enumerate(folded):
            for b, nb in folded[i + 1:]:
                if b.startswith(a + " ") or a.startswith(b + " ") or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
                    out.append(f"{ua} ({cc}): {na} / {nb}")
    return out


#: Probably one tie twice (audit of 2026-12-01, kind 3): a town that a list names and its municipality or county
#: that a document names. In Lithuania and Latvia the district municipality is the only self-governing body,
#: but no source here shows that the two rows are one act, so they stay apart until a person decides.
PROBABLE_SAME_TIE: tuple[tuple[str, str], ...] = (
    ("lutsk--trakai-lt", "lutsk--trakai-district-municipality-lt"),
    ("korosten--ukmerge-lt", "korosten--ukmerges-rajono-savivaldybe-lt"),
    ("lebedyn--telsiai-lt", "lebedyn--telsiu-rajono-savivaldybe-lt"),
    ("hola-prystan--kaisiadorys-lt", "hola-prystan--kaisiadorys-district-municipality-lt"),
    ("mariupol--akmene-lt", "mariupol--akmenes-rajono-savivaldybe-lt"),
    ("shostka--akmene-lt", "shostka--akmenes-rajono-savivaldybe-lt"),
    ("balta--balvi-lv", "balta--balvu-novads-lv"),
    ("drohobych--ostrzeszow-pl", "drohobych--ostrzeszow-county-pl"),
    ("kamianets-podilskyi--glogow-pl", "kamianets-podilskyi--powiat-glogowski-pl"),
    ("kamianets-podilskyi--sanok-pl", "kamianets-podilskyi--sanok-county-pl"),
    ("novovolynsk--otwock-pl", "novovolynsk--otwock-county-pl"),
    ("izmail--tulcea-ro", "izmail--judetul-tulcea-ro"),
    ("bolhrad--shklow-by", "bolhrad--shklow-district-by"),
    ("cherkasy--mozyr-by", "cherkasy--mazyr-district-by"),
    ("ivano-frankivsk--chrzanow-pl", "ivano-frankivsk--powiat-chrzanowski-pl"),
    ("manevychi-raion--kupiskis-lt", "manevychi--kupiskio-rajono-savivaldybe-lt"),  # one mg.gov.ua report, 1999
)


def probable_same_tie(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """:data:`PROBABLE_SAME_TIE` with what each row says now (kind, status, date, sources)."""
    by_id = {r[C.ID]: r for r in rows}

    def say(rid: str) -> str:
        r = by_id.get(rid)
        if r is None:
            return f"`{rid}` (no longer a row)"
        return (f"`{rid}` {r[C.KIND]} {r[C.STATUS]} {r[C.DATE] or 'undated'}"
                f" ({r[C.LISTED_BY] and 'listed by ' + r[C.LISTED_BY] + '; '}{r[C.SOURCE_URL]})")

    return [f"{say(a)} / {say(b)}" for a, b in PROBABLE_SAME_TIE]


#: Questions an independent audit (2026-12-01, round 5) raised that the sources in hand cannot settle: a
#: person reads the pages and corrects the raw data or the rules. Not fixed silently, not hidden.
AUDIT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("kyiv--barcelona-es", "Barcelona's pages call the 2022 act an agreement of collaboration and friendship, "
                           "not a sister-city tie: kind?"),
    ("brody--wolfratshausen-de", "Wolfratshausen calls it a town friendship begun 2001-2003: kind and date?"),
    ("lviv--graz-at", "the source approves a project partnership: a tie of the cities?"),
    ("odesa-oblast--freie-hansestadt-bremen-de", "only a memorandum is documented: kind?"),
    ("kherson--vaasa-fi", "'built a relationship since 2023': a signed act?"),
    ("cherkasy--wanzhou-cn", "the source reports a visit: a signed act?"),
    ("mukachevo--bamberg-de", "dated 2023 ('twinned since 2023', certificate handed over in December 2023); "
                              "the partnership was sealed on 2026-01-28: which act dates it?"),
    ("zhovkva--altdorf-bei-nurnberg-de", "October 2023 is the council decision; signed at the 16 November session"),
    ("kropyvnytskyi--krefeld-de", "May 2023 is the council decision; the signing date is not in the sources"),
    ("fastiv--walcz-pl", "the same tie as `fastiv--powiat-walecki-pl`?"),
    ("novovolynsk--bytom-pl", "about 70 rows (Novovolynsk, Brovary, Chernivtsi, Khmelnytskyi, Bucha, ICLD...) rest "
                              "only on a page naming the partner among a city's partners - a council's own list, "
                              "a newspaper: a register of signed ties, or a list (then `listed`)?"),
    ("koltiv--zabrodzie-pl", "a hromada merged in 2020: the row carries its successor's code (Zolochiv hromada)"),
    ("zhvyrka--szczebrzeszyn-pl", "a hromada merged in 2020: the row carries its successor's code (Sokal hromada)"),
    ("mala-pereshchepyna--pliska-bg", "a hromada merged in 2020: the row carries its successor's code (Novi Sanzhary "
                                      "hromada)"),
    ("borsukiv--gmina-grajewo-pl", "'Борсуків' is not in the codifier; the hromada is Борсуківська, centred on "
                                   "Borsuky"),
    ("volyn-oblast--dolj-county-ro", "Romanian and Hungarian counties are first-level regions here and sit at "
                                     "GeoNames' point of the region, not at their seat (no offline table of seats)"),
)


def audit_questions(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """:data:`AUDIT_QUESTIONS` for the rows that still exist."""
    ids = {r[C.ID] for r in rows}
    return [f"`{rid}`: {q}" for rid, q in AUDIT_QUESTIONS if rid in ids]


def _coarse_occupations(rows: Sequence[Mapping[str, str]]) -> list[str]:
    from .occupied import load_table

    places = {(r[C.UA_OBLAST], fold(r[C.UA_NAME_EN])) for r in rows}
    return [f"{occ.place} ({oblast}): since {occ.since} ({occ.source_url})"
            for oblast, level, en, _, occ in load_table() if level == "city" and len(occ.since) < 10
            and (oblast, en) in places and not occ.since.startswith("2014")]


def report_markdown(result: BuildResult) -> str:
    """The build report: summary, every row left out with its reason, merges, renamings, conflicts."""
    lines = ["# Build report of data/partnerships.csv", "",
             "Written by `python -m pobratymy build-data`; regenerated on every build.", "", "## Summary", ""]
    for k, v in result.stats().items():
        if isinstance(v, dict):
            lines.append(f"- {k}: " + ", ".join(f"{f} {n}" for f, n in v.items()))
        else:
            lines.append(f"- {k}: {v}")
    sections = [
        ("Rows not used or changed (file:row, header = row 1)", [str(p) for p in result.reported]),
        ("Spelling variants merged into one pair", result.merged_names),
        ("Ukrainian names normalised (as the source wrote them -> official)", result.renamed),
        ("Conflicting dates (kept visible in notes)", result.conflicts),
        ("Source URLs normalised (proxy mirrors, broken hosts)", result.urls_fixed),
        ("Similar partner names kept apart (check by hand; e.g. a town and its county)", near_duplicates(result.rows)),
        ("Probably one tie twice: a town and its municipality or county (a person decides whether the sources "
         "tell one act; then add a reviewed row to data/sources/partner_aliases.csv)", probable_same_tie(result.rows)),
        ("Questions of the independent audit the sources cannot settle (a person reads the pages)",
         audit_questions(result.rows)),
        ("Ukrainian places without a KATOTTG code (a person decides)", result.no_katottg),
        ("Ties whose recorded end is an act of the occupation authorities (a person decides whether the tie "
         "still stands for the legitimate Ukrainian council)",
         [f"{r[C.ID]} ({r[C.SOURCE_URL]})" for r in result.rows if "an act of the occupation authorities" in r[C.NOTES]]),
        ("Occupied places whose start date the source gives only as a year or a month (data/occupied.csv; a person "
         "may find the day in the Ministry's list of occupied territories)", _coarse_occupations(result.rows)),
        ("Terminated ties whose sources give no end date (a person may find it)",
         [f"{r[C.ID]} ({r[C.SOURCE_URL]})" for r in result.rows if r[C.STATUS] == Status.TERMINATED and not r[C.ENDED]]),
    ]
    for title, items in sections:
        lines += ["", f"## {title} ({len(items)})", ""]
        lines += [f"- {i}" for i in items] or ["(none)"]
    return "\n".join(lines) + "\n"
