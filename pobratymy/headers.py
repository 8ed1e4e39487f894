"""Map a spreadsheet's header row (Ukrainian or English, as clerks write it) to import fields.

The import fields are the schema columns (:class:`pobratymy.schema.C`) plus ``ua_place``: the
Ukrainian side as one cell in any script ("Краматорська міська територіальна громада", "Kramatorsk"),
resolved later by the geocoder. Headers are matched on :func:`geo.normalize.fold` keys against a table of
synonyms, then fuzzily (rapidfuzz, high threshold) for typos; unknown columns are listed, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from geo.normalize import fold

from .schema import C

UA_PLACE = "ua_place"

#: Every field a column can be mapped to, in the order the page's manual mapper shows them.
FIELDS: tuple[str, ...] = (
    UA_PLACE, C.UA_NAME_UK, C.UA_NAME_EN, C.UA_OBLAST, C.UA_LEVEL, C.PARTNER_NAME, C.PARTNER_REGION,
    C.PARTNER_COUNTRY, C.PARTNER_LEVEL, C.KIND, C.STATUS, C.DATE, C.DATE_EVENT, C.ENDED, C.FACILITATOR,
    C.SOURCE_URL, C.OTHER_SOURCES, C.NOTES, C.ID,
)

#: field -> header texts that mean it (folded on load). The schema's own column names are added too.
SYNONYMS: dict[str, tuple[str, ...]] = {
    UA_PLACE: (
        "місто україни", "місто в україні", "українське місто", "український партнер", "українська сторона",
        "українська громада", "громада україни", "українська тг", "ukrainian hromada",
        "громада", "територіальна громада", "назва громади", "тг", "отг", "місто", "населений пункт",
        "назва міста", "місто громада", "місто/громада", "city in ukraine", "ukrainian city",
        "ukrainian community", "ukrainian side", "ukrainian partner", "hromada", "community", "ua city",
        "ua place", "ua side", "город украины", "город", "громада / населений пункт", "громада (населений пункт)",
        "населений пункт / громада", "назва громади / населеного пункту", "тг / населений пункт",
        "територіальна громада / населений пункт", "громада, населений пункт", "орган місцевого самоврядування",
    ),
    C.UA_NAME_UK: ("назва українською", "ua name uk"),
    C.UA_NAME_EN: ("назва англійською", "назва латиницею", "ua name en", "ukrainian city en"),
    C.UA_OBLAST: (
        "область", "область україни", "регіон україни", "ua oblast", "ua oblast en", "oblast",
        "ukrainian oblast", "ukrainian region", "region of ukraine", "oblast of ukraine",
    ),
    C.UA_LEVEL: ("рівень", "тип громади", "ua level", "level", "тип населеного пункту"),
    C.PARTNER_NAME: (
        "місто партнер", "місто-партнер", "партнер", "іноземний партнер", "закордонний партнер",
        "побратим", "місто побратим", "місто-побратим", "партнерське місто", "назва партнера",
        "іноземне місто", "іноземна громада", "зарубіжний партнер", "partner", "partner city",
        "partner town", "partner municipality", "foreign partner", "foreign city", "sister city",
        "twin city", "twin town", "город партнер", "город побратим",
    ),
    C.PARTNER_REGION: (
        "регіон партнера", "регіон", "штат", "земля", "воєводство", "провінція", "округ",
        "адміністративна одиниця", "partner region", "region", "state", "province", "county",
        "region state", "state region", "регіон/штат", "штат/земля/воєводство",
    ),
    C.PARTNER_COUNTRY: (
        "країна", "країна партнера", "держава", "країна-партнер", "country", "partner country",
        "country of partner", "partner country iso2", "страна",
    ),
    C.PARTNER_LEVEL: ("рівень партнера", "partner level", "тип партнера"),
    C.KIND: (
        "тип", "вид", "тип партнерства", "вид партнерства", "форма співпраці", "вид угоди", "тип угоди",
        "тип відносин", "характер відносин", "форма", "type", "kind", "relationship", "type of partnership",
        "agreement type", "тип связи",
    ),
    C.STATUS: ("статус", "стан", "status", "state of agreement", "статус угоди"),
    C.DATE: (
        "дата", "дата підписання", "дата угоди", "дата укладення", "дата встановлення", "рік",
        "рік підписання", "дата рішення", "дата схвалення", "date", "date signed", "signed",
        "signing date", "date of signing", "year", "since", "з якого року", "дата подписания",
    ),
    C.DATE_EVENT: ("подія", "подія дати", "date event", "event"),
    C.ENDED: ("дата припинення", "припинено", "дата розірвання", "ended", "terminated", "end date"),
    C.FACILITATOR: ("посередник", "за сприяння", "організатор", "ініціатор", "facilitator", "broker", "programme"),
    C.SOURCE_URL: (
        "джерело", "джерела", "посилання", "лінк", "веб сторінка", "джерело інформації", "url", "link",
        "source", "sources", "web", "website", "source url", "источник",
    ),
    C.OTHER_SOURCES: ("інші джерела", "other sources", "додаткові джерела"),
    C.NOTES: (
        "примітки", "примітка", "коментар", "коментарі", "опис", "додатково", "notes", "note", "comment",
        "comments", "remarks", "evidence", "description", "примечание",
    ),
    C.ID: ("id", "ідентифікатор"),
}

#: Headers of the date column that say which event it dates.
DATE_EVENT_HINTS: dict[str, str] = {
    "дата підписання": "signed", "рік підписання": "signed", "дата укладення": "signed",
    "date signed": "signed", "signing date": "signed", "date of signing": "signed", "signed": "signed",
    "дата подписания": "signed", "дата рішення": "approved", "дата схвалення": "approved",
    "дата встановлення": "established", "з якого року": "established", "since": "established",
}

_INDEX: dict[str, str] = {}
for _field, _words in SYNONYMS.items():
    for _w in (*_words, _field):
        _INDEX.setdefault(fold(_w), _field)
for _c in (C.PARTNER_COUNTRY, C.UA_OBLAST):
    _INDEX.setdefault(_c, _c)
_INDEX[fold("partner_country_iso2")] = C.PARTNER_COUNTRY
_INDEX[fold("ua_oblast_en")] = C.UA_OBLAST
_INDEX[fold("type")] = C.KIND

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|[*:№#]")
FUZZY_CUTOFF = 88


def match_header(text: object) -> str | None:
    """The import field a header cell means, or ``None``."""
    if text is None:
        return None
    key = fold(str(text))
    if not key:
        return None
    hit = _INDEX.get(key) or _INDEX.get(fold(_PAREN.sub(" ", str(text))))
    if hit:
        return hit
    if len(key) < 4:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, _INDEX.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return _INDEX[best[0]] if best else None


@dataclass
class HeaderMap:
    """Which column index feeds which field; the header texts ignored; the date-event hint."""

    fields: dict[int, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    date_event_hint: str = ""

    def column_of(self, name: str) -> int | None:
        for i, f in self.fields.items():
            if f == name:
                return i
        return None

    @property
    def mapped(self) -> dict[str, int]:
        return {f: i for i, f in self.fields.items()}


def map_headers(header: Sequence[object], manual: Mapping[str, str] | None = None) -> HeaderMap:
    """Map header cells to fields. ``manual`` (header text -> field, or "" to ignore) wins.

    When two columns mean the same field, the first wins and the other is listed as unknown.
    """
    manual = dict(manual or {})
    hm = HeaderMap()
    taken: set[str] = set()
    for i, cell in enumerate(header):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        f = manual[text] if text in manual else match_header(text)
        if f and f not in FIELDS:
            raise ValueError(f"unknown import field {f!r} for column {text!r}")
        if not f or f in taken:
            hm.unknown.append(text)
            continue
        hm.fields[i] = f
        taken.add(f)
        if f == C.DATE:
            hm.date_event_hint = DATE_EVENT_HINTS.get(fold(_PAREN.sub(" ", text)), "")
    return hm


def score_header(row: Sequence[object]) -> int:
    """How many distinct fields a row's cells name: used to find the header under title rows."""
    return len({f for f in map(match_header, row) if f})
