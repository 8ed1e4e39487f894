"""Import a council's spreadsheet: every row gets a verdict, a reason and the normalised record.

``import_file(path)`` / ``import_bytes(data, name)`` read the file (:mod:`pobratymy.reading`), find the
header row under any title rows, map the columns (:mod:`pobratymy.headers`), and turn each row into a
schema record (:mod:`pobratymy.schema`): dates through :mod:`pobratymy.dates`, countries through
:func:`geo.countries.to_iso2`, places through a *resolver* (the offline geocoder, or a fake in tests).
Then each row is ``accepted``, ``rejected`` (with the reason a clerk can fix) or ``duplicate`` (of an
earlier row of the file or of a record of the current dataset, by :func:`pair_key`). No row is lost:
blank rows are listed as skipped, everything else gets a verdict.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from geo.normalize import fold, has_cyrillic, translit_uk

from .dates import parse_messy_date
from .headers import UA_PLACE, HeaderMap, map_headers, score_header
from .reading import Table, read_bytes, read_path
from .schema import COLUMNS, C, Kind, PartnerLevel, Status, UaLevel, validate_record
from .vocabulary import map_kind, map_status

ACCEPTED, REJECTED, DUPLICATE = "accepted", "rejected", "duplicate"


class Resolver(Protocol):
    """What the importer needs from a geocoder (``geo.geocoder.OfflineGeocoder`` fits).

    Both return a geopy-like ``Location`` (``.latitude``, ``.longitude``, ``.raw``) or ``None``.
    ``resolve_ua`` fills ``raw["name_en"]``, ``raw["name_uk"]``, ``raw["region"]`` (``UA-14``).
    """

    def resolve_ua(self, name: str, oblast: str | None = None) -> Any: ...

    def geocode(self, query: str, country: str | None = None, region: str | None = None) -> Any: ...


class NullResolver:
    """Finds nothing: rows are still checked, without coordinates (used when no gazetteer exists)."""

    def resolve_ua(self, name: str, oblast: str | None = None) -> None:
        return None

    def geocode(self, query: str, country: str | None = None, region: str | None = None) -> None:
        return None


# ---------------------------------------------------------------------------------------------- rows
@dataclass
class RowResult:
    """The verdict on one spreadsheet row. ``row`` is the spreadsheet row number (header = 1)."""

    row: int
    verdict: str
    reason: str = ""
    duplicate_of: int | str | None = None
    warnings: list[str] = field(default_factory=list)
    record: dict[str, str] = field(default_factory=dict)
    ua_latlon: tuple[float, float] | None = None
    partner_latlon: tuple[float, float] | None = None
    cells: dict[str, object] = field(default_factory=dict)  # the row as written, by header text

    def to_json(self) -> dict[str, Any]:
        ua, pa = self.ua_latlon or (None, None), self.partner_latlon or (None, None)
        return {
            "row": self.row, "verdict": self.verdict, "reason": self.reason or None,
            "duplicate_of": self.duplicate_of, "warnings": list(self.warnings),
            "record": {c: self.record.get(c, "") for c in COLUMNS},
            "ua_lat": ua[0], "ua_lon": ua[1], "partner_lat": pa[0], "partner_lon": pa[1],
        }


@dataclass
class ImportResult:
    """Every row's verdict plus what was learnt about the file."""

    rows: list[RowResult]
    header_row: int
    header: list[str]
    mapping: HeaderMap
    skipped_blank: list[int] = field(default_factory=list)
    table: Table | None = None

    @property
    def unknown_columns(self) -> list[str]:
        return list(self.mapping.unknown)

    def counts(self) -> dict[str, int]:
        out = {ACCEPTED: 0, REJECTED: 0, DUPLICATE: 0}
        for r in self.rows:
            out[r.verdict] += 1
        return out

    @property
    def accepted(self) -> list[RowResult]:
        return [r for r in self.rows if r.verdict == ACCEPTED]

    @property
    def not_accepted(self) -> list[RowResult]:
        return [r for r in self.rows if r.verdict != ACCEPTED]

    def accepted_records(self) -> list[dict[str, str]]:
        return [{c: r.record.get(c, "") for c in COLUMNS} for r in self.accepted]

    @property
    def exit_code(self) -> int:
        """0 when every row was accepted, 1 when any was rejected or a duplicate."""
        return 0 if all(r.verdict == ACCEPTED for r in self.rows) else 1

    def to_json(self) -> dict[str, Any]:
        return {"rows": [r.to_json() for r in self.rows]}


# ---------------------------------------------------------------------------------------- public API
def import_file(path, resolver: Resolver | None = None, existing: Iterable[Mapping[str, str]] | None = None,
                *, mapping: Mapping[str, str] | None = None, default_source: str = "",
                sheet: str | None = None) -> ImportResult:
    """Read and import a CSV/XLSX file; raises :class:`pobratymy.errors.DataFileError` if unreadable."""
    return import_table(read_path(path, sheet=sheet), resolver, existing, mapping=mapping,
                        default_source=default_source)


def import_bytes(data: bytes, name: str, resolver: Resolver | None = None,
                 existing: Iterable[Mapping[str, str]] | None = None, *,
                 mapping: Mapping[str, str] | None = None, default_source: str = "",
                 sheet: str | None = None) -> ImportResult:
    """Same as :func:`import_file` for uploaded bytes (the page's file uploader)."""
    return import_table(read_bytes(data, name, sheet=sheet), resolver, existing, mapping=mapping,
                        default_source=default_source)


def find_header_row(table: Table) -> int:
    """Index in ``table.rows`` of the header: the row among the first 15 non-blank ones naming the
    most fields (title rows such as "Перелік міст-партнерів" above it are skipped)."""
    best_i, best_score = None, 0
    seen = 0
    for i, (_, cells) in enumerate(table.rows):
        if not any(_blank(c) is False for c in cells):
            continue
        if best_i is None:
            best_i = i
        s = score_header(cells)
        if s > best_score:
            best_i, best_score = i, s
        seen += 1
        if seen >= 15:
            break
    return best_i or 0


def import_table(table: Table, resolver: Resolver | None = None,
                 existing: Iterable[Mapping[str, str]] | None = None, *,
                 mapping: Mapping[str, str] | None = None, default_source: str = "") -> ImportResult:
    """Give every data row of ``table`` a verdict. ``mapping`` (header text -> field or "") overrides
    the automatic header mapping; ``default_source`` is the page where the whole list is published,
    used for rows that give no link of their own."""
    resolver = _Memo(resolver or NullResolver())
    if not table.rows:
        return ImportResult([], 1, [], HeaderMap(), table=table)
    h = find_header_row(table)
    header_row, header_cells = table.rows[h]
    header = ["" if c is None else str(c).strip() for c in header_cells]
    hm = map_headers(header, mapping)
    existing_pairs, existing_ids = _index_existing(existing)
    seen_pairs: dict[str, int] = {}
    used_ids = set(existing_ids)
    results: list[RowResult] = []
    blank: list[int] = []
    for rownum, cells in table.rows[h + 1:]:
        if all(_blank(c) for c in cells):
            blank.append(rownum)
            continue
        formats = {j: table.formats[(rownum, j)] for j in range(len(cells)) if (rownum, j) in table.formats}
        res = _import_row(rownum, cells, formats, hm, header, resolver, default_source)
        if res.verdict == ACCEPTED:
            key = pair_key(res.record)
            if key in existing_pairs:
                res.verdict, res.duplicate_of = DUPLICATE, existing_pairs[key]
                res.reason = f"already in the dataset as {existing_pairs[key]}"
            elif key in seen_pairs:
                res.verdict, res.duplicate_of = DUPLICATE, seen_pairs[key]
                res.reason = f"same partnership as row {seen_pairs[key]} of this file"
            else:
                seen_pairs[key] = rownum
                res.record[C.ID] = _unique_id(res.record.get(C.ID) or make_id(res.record), used_ids)
                used_ids.add(res.record[C.ID])
        results.append(res)
    return ImportResult(results, header_row, header, hm, blank, table)


# ------------------------------------------------------------------------------------ identity, ids
def pair_key(record: Mapping[str, str]) -> str:
    """Identity of a partnership: resolved Ukrainian place (oblast + folded Latin name), partner
    country and folded partner name. Two rows with the same key are the same tie."""
    from geo.places import place_key

    ua = place_key(record.get(C.UA_NAME_EN, ""), "UA", record.get(C.UA_OBLAST, ""))
    return f"{ua}||{(record.get(C.PARTNER_COUNTRY) or '').upper()}|{fold(record.get(C.PARTNER_NAME, ''))}"


def _slug(text: str) -> str:
    s = fold(translit_uk(text or ""))
    s = re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode()).strip("-")
    return s


def make_id(record: Mapping[str, str]) -> str:
    """Readable id such as ``kramatorsk--stamford-us``."""
    ua = _slug(record.get(C.UA_NAME_EN, "")) or "ua"
    partner = _slug(record.get(C.PARTNER_NAME, "")) or "partner"
    return f"{ua}--{partner}-{(record.get(C.PARTNER_COUNTRY) or 'xx').lower()}"


def _unique_id(rid: str, used: set[str]) -> str:
    if rid not in used:
        return rid
    n = 2
    while f"{rid}-{n}" in used:
        n += 1
    return f"{rid}-{n}"


def _index_existing(existing) -> tuple[dict[str, str], set[str]]:
    if existing is None:
        return {}, set()
    if hasattr(existing, "to_dict"):
        existing = existing.fillna("").to_dict("records")
    pairs: dict[str, str] = {}
    ids: set[str] = set()
    for rec in existing:
        rid = str(rec.get(C.ID) or "")
        ids.add(rid)
        pairs.setdefault(pair_key(rec), rid)
    return pairs, ids


# ------------------------------------------------------------------------------------ value helpers
def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _clean(v: object) -> str:
    """A cell as one line of text: NBSP and runs of whitespace collapsed, ends stripped."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, _dt.datetime | _dt.date):
        return v.isoformat()
    return " ".join(str(v).replace("\u00a0", " ").split())


_HTML_TAGS = frozenset(
    "a abbr b body br button div em embed font form frame frameset h1 h2 h3 h4 h5 h6 head hr html i "
    "iframe img image input link math meta object p script select span strong style svg table td "
    "template textarea tr u ul li ol video audio source base marquee details noscript applet".split()
)


def is_markup(name: str) -> bool:
    """True when a name contains HTML markup (a real tag, an event handler, ``javascript:``) rather than
    a plausible name that merely has a ``<`` in it (``Town <North>`` is kept as text)."""
    if re.search(r"\bon[a-z]+\s*=|javascript:|<!--|<\?", name, re.I):
        return True
    if re.search(r"<\s*(script|iframe|svg|img|object|embed|style)\b", name, re.I):
        return True
    for m in re.finditer(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>", name):
        if m.group(1).lower() in _HTML_TAGS:
            return True
    return False


def looks_like_formula(value: str) -> bool:
    return bool(value) and value[0] in "=+@" or value.startswith("-=")


_UNSAFE_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript|file):", re.I)
_URL_TOKEN = re.compile(r"(?:https?://|www\.)[^\s|;,<>\"']+|(?:javascript|data|vbscript|file):[^\s|]*", re.I)


def split_source_cell(text: str) -> tuple[list[str], list[str], str]:
    """(http(s) links, warnings, leftover text) from a source cell that may hold several links."""
    urls: list[str] = []
    warnings: list[str] = []
    for tok in _URL_TOKEN.findall(text or ""):
        tok = tok.rstrip(".)]")
        if _UNSAFE_SCHEMES.match(tok):
            warnings.append(f"unsafe link {tok[:40]!r} dropped (only http/https links are kept)")
            continue
        if tok.lower().startswith("www."):
            tok = "https://" + tok
            warnings.append(f"link {tok[8:48]!r} had no http(s)://; https:// added")
        from .schema import is_http_url

        if is_http_url(tok) and tok not in urls:
            urls.append(tok)
    leftover = _URL_TOKEN.sub(" ", text or "")
    leftover = " ".join(leftover.replace("|", " ").split()).strip(" ;,")
    return urls, warnings, leftover


# ------------------------------------------------------------------------------------- enum mapping
_DATE_EVENT_WORDS: tuple[tuple[str, str], ...] = (
    ("підпис", "signed"), ("sign", "signed"), ("схвал", "approved"), ("рішен", "approved"),
    ("approv", "approved"), ("оголош", "announced"), ("announc", "announced"), ("встанов", "established"),
    ("establ", "established"), ("припин", "terminated"), ("terminat", "terminated"),
)
_UA_LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    ("громад", UaLevel.HROMADA), ("отг", UaLevel.HROMADA), ("hromada", UaLevel.HROMADA),
    ("community", UaLevel.HROMADA), ("область", UaLevel.OBLAST), ("обласн", UaLevel.OBLAST),
    ("oblast", UaLevel.OBLAST), ("район", UaLevel.RAION), ("raion", UaLevel.RAION),
    ("село", UaLevel.VILLAGE), ("селище", UaLevel.VILLAGE), ("смт", UaLevel.VILLAGE),
    ("village", UaLevel.VILLAGE), ("місто", UaLevel.CITY), ("city", UaLevel.CITY), ("town", UaLevel.CITY),
)
_PARTNER_LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    ("містечк", PartnerLevel.TOWN), ("town", PartnerLevel.TOWN), ("гміна", PartnerLevel.TOWN),
    ("gmina", PartnerLevel.TOWN), ("місто", PartnerLevel.CITY), ("city", PartnerLevel.CITY),
    ("село", PartnerLevel.VILLAGE), ("village", PartnerLevel.VILLAGE), ("район", PartnerLevel.DISTRICT),
    ("district", PartnerLevel.DISTRICT), ("повіт", PartnerLevel.COUNTY), ("графств", PartnerLevel.COUNTY),
    ("county", PartnerLevel.COUNTY), ("powiat", PartnerLevel.COUNTY), ("штат", PartnerLevel.STATE),
    ("state", PartnerLevel.STATE), ("земля", PartnerLevel.STATE), ("воєводств", PartnerLevel.REGION),
    ("провінці", PartnerLevel.REGION), ("регіон", PartnerLevel.REGION), ("region", PartnerLevel.REGION),
    ("voivodeship", PartnerLevel.REGION), ("province", PartnerLevel.REGION),
)


def _word_map(text: str, table: Sequence[tuple[str, str]], values: Iterable[str]) -> str | None:
    key = fold(text)
    if not key:
        return None
    allowed = {str(v) for v in values}
    if key.replace(" ", "_") in allowed:
        return key.replace(" ", "_")
    for word, value in table:
        if word in key:
            return str(value)
    return None


# ---------------------------------------------------------------------------------------- geography
@functools.lru_cache(maxsize=1)
def _oblast_index() -> dict[str, str]:
    from .config import GEO_DATA_DIR

    index: dict[str, str] = {}
    with (GEO_DATA_DIR / "ua_regions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["iso_3166_2"]
            for name in (code, row["name_en"], row["name_uk"], *row["aliases"].split("|")):
                if name.strip():
                    index.setdefault(fold(name), code)
    return index


def oblast_code(text: str) -> str | None:
    """``UA-14`` for "Донецька область", "Donetsk Oblast", "Донеччина", "UA-14"; ``None`` if unknown."""
    key = fold(text)
    if not key:
        return None
    idx = _oblast_index()
    hit = idx.get(key)
    if hit:
        return hit
    for suffix in (" обл", " область", " oblast", " region", " обл."):
        k = fold(key.removesuffix(fold(suffix)))
        if k in idx:
            return idx[k]
    return None


def to_iso2(text: str) -> str | None:
    """Country code from a name/abbreviation/code in Ukrainian, English, Russian or the local language."""
    try:
        from geo.countries import to_iso2 as _geo_to_iso2
    except ImportError:  # pragma: no cover - the geocoder package ships it
        import pycountry

        try:
            return pycountry.countries.lookup(text).alpha_2
        except LookupError:
            return None
    return _geo_to_iso2(text)


_REGION_PREFIX = re.compile(
    r"^(?:штат|земля|федеральна земля|воєводство|провінція|графство|округ|регіон|область|кантон|"
    r"state of|state|land|province of|province|county of|county|canton|region|voivodeship)\s+", re.I)
_REGION_SUFFIX = re.compile(r"\s+(?:воєводство|провінція|графство|county|province|state|voivodeship)$", re.I)


@functools.lru_cache(maxsize=4096)
def subdivision(text: str, country: str) -> str | None:
    """English/local name of a first-level subdivision of ``country`` from its code (``CT`` in the
    US), its name or its Ukrainian name (``Коннектикут``); ``None`` if not recognised."""
    import gettext

    import pycountry

    key = fold(_REGION_SUFFIX.sub("", _REGION_PREFIX.sub("", text.strip())))
    if not key or not country:
        return None
    subs = pycountry.subdivisions.get(country_code=country.upper()) or []
    try:
        uk = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
    except OSError:
        uk = gettext.NullTranslations()
    for s in subs:
        if getattr(s, "parent_code", None):
            continue
        code = s.code.split("-", 1)[1].lower()
        names = {fold(s.name), fold(uk.gettext(s.name)), code}
        names |= {fold(_REGION_SUFFIX.sub("", _REGION_PREFIX.sub("", uk.gettext(s.name))))}
        if key in names:
            return s.name
    return None


_PAREN_PART = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]+)[)\]]\s*$")


def split_place(text: str) -> tuple[str, list[str]]:
    """``"Westport, CT"`` -> ``("Westport", ["CT"])``; ``"Істон (штат Коннектикут)"`` ->
    ``("Істон", ["штат Коннектикут"])``; qualifiers come innermost first."""
    name, quals = text.strip(), []
    m = _PAREN_PART.match(name)
    if m and m.group(1).strip():
        name = m.group(1).strip()
        quals.extend(q.strip() for q in m.group(2).split(",") if q.strip())
    if "," in name:
        first, *rest = [p.strip() for p in name.split(",")]
        if first:
            name = first
            quals = [q for q in rest if q] + quals
    return name, quals


_UA_PREFIX = re.compile(r"^(?:м\.|місто|с\.|село|смт\.?|селище|сел\.|city of|town of|m\.)\s*", re.I)


def _ua_level_from_text(text: str) -> str | None:
    key = fold(text)
    if re.match(r"^(?:с\.|село|смт|селище)\s", text.strip().lower()):
        return UaLevel.VILLAGE.value
    if "громад" in key or key.endswith(" отг") or "hromada" in key:
        return UaLevel.HROMADA.value
    if re.search(r"\bобласть\b|\boblast\b|обласна", key):
        return UaLevel.OBLAST.value
    if re.search(r"\bрайон\b|\braion\b|районна", key):
        return UaLevel.RAION.value
    return None


class _Memo:
    """Remembers the resolver's answers within one import (a file names the same city many times)."""

    def __init__(self, inner):
        self.inner = inner
        self._ua: dict = {}
        self._geo: dict = {}

    def resolve_ua(self, name, oblast=None):
        k = (name, oblast)
        if k not in self._ua:
            self._ua[k] = self.inner.resolve_ua(name, oblast=oblast)
        return self._ua[k]

    def geocode(self, query, country=None, region=None):
        k = (query, country, region)
        if k not in self._geo:
            self._geo[k] = self.inner.geocode(query, country=country, region=region)
        return self._geo[k]


def _latlon(loc) -> tuple[float, float] | None:
    if loc is None:
        return None
    try:
        return (float(loc.latitude), float(loc.longitude))
    except (AttributeError, TypeError, ValueError):
        return None


def _raw(loc) -> dict:
    return dict(getattr(loc, "raw", None) or {}) if loc is not None else {}


# ------------------------------------------------------------------------------------------ one row
class _Reject(Exception):
    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def _import_row(rownum: int, cells: list[object], formats: dict[int, str], hm: HeaderMap,
                header: list[str], resolver: _Memo, default_source: str) -> RowResult:
    res = RowResult(rownum, ACCEPTED)
    res.cells = {(header[j] if j < len(header) and header[j] else f"column {j + 1}"): v
                 for j, v in enumerate(cells) if not _blank(v)}
    get = {f: (cells[i] if i < len(cells) else None) for i, f in hm.fields.items()}
    text = {f: _clean(v) for f, v in get.items()}
    rec: dict[str, str] = {c: "" for c in COLUMNS}
    try:
        _fill_partner(rec, text, res, resolver)
        _fill_ua(rec, text, res, resolver)
        _fill_kind_status_dates(rec, text, get, formats, hm, res)
        _fill_sources_notes(rec, text, res, default_source)
        rid = text.get(C.ID, "")
        if rid:
            rec[C.ID] = rid
        _, problems = validate_record({**rec, C.ID: rec[C.ID] or make_id(rec)}, rownum)
        if problems:
            raise _Reject("; ".join(f"{p.column}: {p.reason}" if p.column else p.reason for p in problems))
    except _Reject as exc:
        res.verdict, res.reason = REJECTED, exc.reason
    res.record = rec
    return res


def _check_name(value: str, what: str) -> str:
    if not value:
        return value
    if is_markup(value):
        raise _Reject(f"{what} {value[:60]!r} is HTML markup, not a name")
    if looks_like_formula(value):
        raise _Reject(f"{what} {value[:60]!r} looks like a spreadsheet formula, not a name")
    if not re.search(r"[^\W\d_]", value):
        raise _Reject(f"{what} {value[:60]!r} has no letters")
    if len(value) > 150:
        raise _Reject(f"{what} is {len(value)} characters long; not a place name")
    return value


def _fill_partner(rec: dict, text: dict, res: RowResult, resolver: _Memo) -> None:
    raw_name = text.get(C.PARTNER_NAME, "")
    if not raw_name:
        raise _Reject("partner city is empty")
    _check_name(raw_name, "partner name")
    name, quals = split_place(raw_name)
    country_text = text.get(C.PARTNER_COUNTRY, "")
    country = to_iso2(country_text) if country_text else None
    if country_text and not country:
        raise _Reject(f"country {country_text!r} is not recognised; write its name or ISO code (DE, PL, US)")
    region_text = text.get(C.PARTNER_REGION, "")
    region = ""
    for q in quals:
        sub = subdivision(q, country) if country else None
        if sub or (country and region_text == "" and not to_iso2(q)):
            region = region or (sub if sub and (has_cyrillic(q) or len(fold(q)) <= 3) else
                                _REGION_PREFIX.sub("", q).strip())
            continue
        iso = to_iso2(q)
        if iso and not country:
            country = iso
            continue
        if iso and iso == country:
            continue
        region = region or _REGION_PREFIX.sub("", q).strip()
    if region_text:
        sub = subdivision(region_text, country) if country else None
        region = sub if sub and (has_cyrillic(region_text) or len(fold(region_text)) <= 3) else region_text
    if not country:
        raise _Reject("partner country is missing")
    _check_name(region, "partner region")
    loc = resolver.geocode(name, country=country, region=region or None)
    res.partner_latlon = _latlon(loc)
    raw = _raw(loc)
    if has_cyrillic(name):
        local = raw.get("name") or raw.get("name_en") or ""
        if local and not has_cyrillic(local):
            res.warnings.append(f"partner {name!r} written as {local!r}, its name in its country")
            name = local
        else:
            res.warnings.append(f"partner {name!r} kept in Cyrillic: not found in the gazetteer")
    if loc is None:
        res.warnings.append(f"partner {name!r} ({country}) not found in the gazetteer: no coordinates")
    if has_cyrillic(region) and raw.get("region_name") and not has_cyrillic(str(raw["region_name"])):
        region = str(raw["region_name"])
    rec[C.PARTNER_NAME] = name
    rec[C.PARTNER_COUNTRY] = country
    rec[C.PARTNER_REGION] = region
    level_text = text.get(C.PARTNER_LEVEL, "")
    if level_text:
        level = _word_map(level_text, _PARTNER_LEVEL_WORDS, PartnerLevel)
        if not level:
            res.warnings.append(f"partner level {level_text!r} not recognised; left blank")
        rec[C.PARTNER_LEVEL] = level or ""


def _fill_ua(rec: dict, text: dict, res: RowResult, resolver: _Memo) -> None:
    place = text.get(UA_PLACE) or text.get(C.UA_NAME_UK) or text.get(C.UA_NAME_EN) or ""
    if not place:
        raise _Reject("Ukrainian city/hromada is empty")
    _check_name(place, "Ukrainian place")
    oblast_text = text.get(C.UA_OBLAST, "")
    oblast = oblast_code(oblast_text) if oblast_text else None
    if oblast_text and not oblast:
        res.warnings.append(f"oblast {oblast_text!r} not recognised; ignored")
    bare = _UA_PREFIX.sub("", place).strip() or place
    loc = resolver.resolve_ua(bare, oblast=oblast)
    raw = _raw(loc)
    level = None
    if text.get(C.UA_LEVEL):
        level = _word_map(text[C.UA_LEVEL], _UA_LEVEL_WORDS, UaLevel)
        if not level:
            res.warnings.append(f"level {text[C.UA_LEVEL]!r} not recognised")
    level = level or _ua_level_from_text(place) or raw.get("level") or None
    if loc is not None and raw.get("name_en") and raw.get("region"):
        rec[C.UA_NAME_EN] = str(raw["name_en"])
        rec[C.UA_NAME_UK] = str(raw.get("name_uk") or (place if has_cyrillic(place) else ""))
        rec[C.UA_OBLAST] = str(raw["region"])
        res.ua_latlon = _latlon(loc)
        if oblast and oblast != rec[C.UA_OBLAST]:
            res.warnings.append(f"{place!r} was found in {rec[C.UA_OBLAST]}, not in the given oblast {oblast}")
    else:
        if _ua_level_from_text(place) in {UaLevel.HROMADA.value, UaLevel.RAION.value}:
            raise _Reject(f"Ukrainian place {place!r} not found in the gazetteer; write the city or village name")
        if not oblast:
            raise _Reject(f"Ukrainian place {place!r} not found in the gazetteer; add its oblast")
        rec[C.UA_NAME_UK] = bare if has_cyrillic(bare) else text.get(C.UA_NAME_UK, "")
        rec[C.UA_NAME_EN] = text.get(C.UA_NAME_EN) or (translit_uk(bare) if has_cyrillic(bare) else bare)
        rec[C.UA_OBLAST] = oblast
        res.warnings.append(f"Ukrainian place {place!r} not found in the gazetteer: no coordinates")
    rec[C.UA_LEVEL] = level or UaLevel.CITY.value
    if not level:
        res.warnings.append("level of the Ukrainian side not given; recorded as city")


def _word_cell(value: str, mapper, default: str, what: str, examples: str, res: RowResult) -> str:
    """A kind/status cell through its word table; empty -> ``default`` with a warning; unknown -> reject."""
    if not value:
        res.warnings.append(f"{what} not given; recorded as {default}")
        return default
    mapped = mapper(value)
    if not mapped:
        raise _Reject(f"{what} {value!r} is not recognised; use e.g. {examples}")
    return mapped


def _fill_kind_status_dates(rec: dict, text: dict, get: dict, formats: dict, hm: HeaderMap,
                            res: RowResult) -> None:
    rec[C.KIND] = _word_cell(text.get(C.KIND, ""), map_kind, Kind.PARTNERSHIP.value, "type",
                             "партнерство, побратимство, меморандум, угода про співпрацю", res)
    rec[C.STATUS] = _word_cell(text.get(C.STATUS, ""), map_status, Status.SIGNED.value, "status",
                               "підписано, схвалено, оголошено, в підготовці, припинено", res)
    col = hm.column_of(C.DATE)
    dr = parse_messy_date(get.get(C.DATE), formats.get(col) if col is not None else None)
    if dr.warning:
        res.warnings.append(dr.warning)
    rec[C.DATE] = str(dr.date) if dr.date else ""
    if rec[C.DATE]:
        ev_text = text.get(C.DATE_EVENT, "")
        event = _word_map(ev_text, _DATE_EVENT_WORDS, ("signed", "approved", "announced", "established",
                                                       "terminated")) if ev_text else None
        by_status = {"approved": "approved", "announced": "announced", "in_preparation": "announced"}
        # a "date of signing" column still dates an announcement when the row says it is not signed yet
        rec[C.DATE_EVENT] = event or by_status.get(rec[C.STATUS]) or hm.date_event_hint or "signed"
    col = hm.column_of(C.ENDED)
    er = parse_messy_date(get.get(C.ENDED), formats.get(col) if col is not None else None)
    if er.warning:
        res.warnings.append("ended: " + er.warning)
    if er.date:
        if rec[C.STATUS] != Status.TERMINATED.value:
            res.warnings.append("an end date is given, so status set to terminated")
            rec[C.STATUS] = Status.TERMINATED.value
        rec[C.ENDED] = str(er.date)


def _fill_sources_notes(rec: dict, text: dict, res: RowResult, default_source: str) -> None:
    urls, warns, leftover = split_source_cell(text.get(C.SOURCE_URL, ""))
    more, warns2, leftover2 = split_source_cell(text.get(C.OTHER_SOURCES, ""))
    res.warnings.extend(warns + warns2)
    urls += [u for u in more if u not in urls]
    notes = [text.get(C.NOTES, "")]
    for extra in (leftover, leftover2):
        if extra:
            notes.append(f"source: {extra}")
    if not urls and default_source:
        urls = [default_source]
    rec[C.FACILITATOR] = text.get(C.FACILITATOR, "")
    if rec[C.FACILITATOR]:
        _check_name(rec[C.FACILITATOR], "facilitator")
    rec[C.NOTES] = "; ".join(n for n in notes if n)
    if not urls:
        raise _Reject("no source link: add the http(s) page where the partnership is published")
    rec[C.SOURCE_URL] = urls[0]
    rec[C.OTHER_SOURCES] = " | ".join(urls[1:])
