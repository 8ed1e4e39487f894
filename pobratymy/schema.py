"""The one schema of a partnership row: columns, allowed values and validation.

Every other module refers to columns through the constants here (``C.PARTNER_NAME``) and validates
through :func:`validate_records` / :func:`validate_frame`, which report *every* bad row at once, with
its spreadsheet row number (the header is row 1, so the first record is row 2).

Validation checks the whole frame at once with vectorised pandas checks (:func:`suspect_rows`); the rare
row they flag goes through the pydantic model (one class, ``Partnership``, built on first use), whose
messages are turned into short English reasons here, in one place.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np


class C:
    """Column names of ``data/partnerships.csv``, in file order."""

    ID = "id"
    UA_NAME_EN = "ua_name_en"
    UA_NAME_UK = "ua_name_uk"
    UA_OBLAST = "ua_oblast"
    UA_LEVEL = "ua_level"
    PARTNER_NAME = "partner_name"
    PARTNER_REGION = "partner_region"
    PARTNER_COUNTRY = "partner_country"
    PARTNER_LEVEL = "partner_level"
    KIND = "kind"
    STATUS = "status"
    DATE = "date"
    DATE_EVENT = "date_event"
    ENDED = "ended"
    FACILITATOR = "facilitator"
    SOURCE_URL = "source_url"
    OTHER_SOURCES = "other_sources"
    NOTES = "notes"
    UA_KATOTTG = "ua_katottg"
    UA_HROMADA_KATOTTG = "ua_hromada_katottg"
    LISTED_BY = "listed_by"
    EVENTS = "events"


COLUMNS: tuple[str, ...] = (
    C.ID,
    C.UA_NAME_EN,
    C.UA_NAME_UK,
    C.UA_OBLAST,
    C.UA_LEVEL,
    C.PARTNER_NAME,
    C.PARTNER_REGION,
    C.PARTNER_COUNTRY,
    C.PARTNER_LEVEL,
    C.KIND,
    C.STATUS,
    C.DATE,
    C.DATE_EVENT,
    C.ENDED,
    C.FACILITATOR,
    C.SOURCE_URL,
    C.OTHER_SOURCES,
    C.NOTES,
    C.UA_KATOTTG,
    C.UA_HROMADA_KATOTTG,
    C.LISTED_BY,
    C.EVENTS,
)

#: Columns a file may lack (older files, council spreadsheets): read as empty.
OPTIONAL_COLUMNS: frozenset[str] = frozenset({C.UA_KATOTTG, C.UA_HROMADA_KATOTTG, C.LISTED_BY, C.EVENTS})

REQUIRED: frozenset[str] = frozenset(
    {C.ID, C.UA_NAME_EN, C.UA_OBLAST, C.UA_LEVEL, C.PARTNER_NAME, C.PARTNER_COUNTRY, C.KIND, C.STATUS}
)
#: ``source_url`` is required too, unless ``notes`` cite the council's own register
#: (:mod:`pobratymy.provenance`: "council register: …; no public link"); it is never a non-http(s) link.

#: What each column means; the README's column table is checked against this (tests/test_docs.py).
DESCRIPTIONS: dict[str, str] = {
    C.ID: "stable readable id, e.g. `kramatorsk--stamford-us`",
    C.UA_NAME_EN: "Ukrainian side, official national Latin transliteration (KMU 2010)",
    C.UA_NAME_UK: "Ukrainian side in Cyrillic",
    C.UA_OBLAST: "ISO 3166-2 code of the oblast (`UA-14`), Kyiv City `UA-30`",
    C.UA_LEVEL: "city, hromada, village, raion or oblast",
    C.PARTNER_NAME: "foreign side as written in its country",
    C.PARTNER_REGION: "state / Land / voivodeship of the foreign side",
    C.PARTNER_COUNTRY: "ISO 3166-1 alpha-2 code",
    C.PARTNER_LEVEL: "city, town, village, district, county, region or state",
    C.KIND: "sister_city, twinning, partnership, solidarity_partnership, cooperation_agreement, memorandum, friendship",
    C.STATUS: ("signed, approved, announced, in_preparation, listed (only a list such as Wikidata or a Wikipedia "
               "list names the tie; no document seen), terminated (a source records the end), inactive (no longer "
               "active and no source records its end: a tie with a Russian or Belarusian body, or one whose own "
               "source says the relations rest)"),
    C.DATE: "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; only as precise as the source",
    C.DATE_EVENT: "which event `date` dates: signed, approved, announced, established, terminated",
    C.ENDED: "date the tie was cut, if any (same format as `date`)",
    C.FACILITATOR: "organisation that brokered the tie, if named",
    C.SOURCE_URL: "http(s) page the fact was read on; empty only when `notes` cite the council's own register",
    C.OTHER_SOURCES: "further http(s) sources, separated by ` | `",
    C.NOTES: "free text: evidence, conflicting dates, caveats",
    C.UA_KATOTTG: ("KATOTTG code of the Ukrainian side itself (settlement, hromada, raion or oblast) in the "
                   "2024 codifier, e.g. `UA14160150010066858`"),
    C.UA_HROMADA_KATOTTG: "KATOTTG code of the hromada of a settlement or hromada",
    C.LISTED_BY: "lists that name the tie (`Wikidata`, `English Wikipedia`), separated by `; `",
    C.EVENTS: "the documented events of the tie, oldest first, joined by ` → ` (e.g. `2023 memorandum signed → 2024 twinning approved`)",
}


class Kind(StrEnum):
    SISTER_CITY = "sister_city"
    TWINNING = "twinning"
    PARTNERSHIP = "partnership"
    SOLIDARITY_PARTNERSHIP = "solidarity_partnership"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    MEMORANDUM = "memorandum"
    FRIENDSHIP = "friendship"


class Status(StrEnum):
    SIGNED = "signed"
    APPROVED = "approved"
    ANNOUNCED = "announced"
    IN_PREPARATION = "in_preparation"
    LISTED = "listed"
    TERMINATED = "terminated"
    INACTIVE = "inactive"


#: Statuses of ties that are not active: never drawn as live nor counted in headline figures.
ENDED_STATUSES: frozenset[str] = frozenset({Status.TERMINATED, Status.INACTIVE})
#: Countries whose municipalities' ties with Ukrainian ones are never shown as live.
AGGRESSOR_COUNTRIES: frozenset[str] = frozenset({"RU", "BY"})


class DateEvent(StrEnum):
    SIGNED = "signed"
    APPROVED = "approved"
    ANNOUNCED = "announced"
    ESTABLISHED = "established"
    TERMINATED = "terminated"


class UaLevel(StrEnum):
    CITY = "city"
    HROMADA = "hromada"
    VILLAGE = "village"
    RAION = "raion"
    OBLAST = "oblast"


class PartnerLevel(StrEnum):
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    DISTRICT = "district"
    COUNTY = "county"
    REGION = "region"
    STATE = "state"


#: The 27 first-level regions of Ukraine (ISO 3166-2:UA), incl. Kyiv City (UA-30), Sevastopol (UA-40)
#: and the Autonomous Republic of Crimea (UA-43).
UA_OBLAST_CODES: frozenset[str] = frozenset(
    f"UA-{n:02d}"
    for n in (5, 7, 9, 12, 14, 18, 21, 23, 26, 30, 32, 35, 40, 43, 46, 48, 51, 53, 56, 59, 61, 63, 65, 68,
              71, 74, 77)
)

OTHER_SOURCES_SEP = " | "
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
KATOTTG_RE = re.compile(r"^UA\d{17}$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)*$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date only as precise as its source: year, year-month or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        if self.day:
            return self.first_day
        if self.month:
            nxt = _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        s = f"{self.year:04d}"
        if self.month:
            s += f"-{self.month:02d}"
            if self.day:
                s += f"-{self.day:02d}"
        return s


def parse_date(value: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` quoting the value."""
    m = DATE_RE.match(value or "")
    if not m:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1900 <= year <= 2100:
        raise ValueError(f"date {value!r}: year out of range 1900-2100")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"date {value!r}: month {month} does not exist")
    if day is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"date {value!r}: day {day} does not exist in that month") from None
    return PartialDate(year, month, day)


#: characters that are not allowed anywhere in a URL: whitespace (as :meth:`str.isspace` sees it) and
#: control characters
_NO_URL_CHARS = r"\s\x00-\x1f"
#: an absolute http(s) URL: scheme, optional ``user@`` (up to the last ``@`` of the authority), a host
#: with a dot (or ``localhost``), an optional port, then anything without whitespace/control characters
#: (``localhost`` in any case of its ASCII letters only: a case-blind pattern would also take ``ſ`` for ``s``)
_HTTP_URL_RE = re.compile(
    rf"(?i:https?)://(?:[^/?#{_NO_URL_CHARS}]*@)?"
    rf"(?:[^/?#:@{_NO_URL_CHARS}]*\.[^/?#:@{_NO_URL_CHARS}]*|[lL][oO][cC][aA][lL][hH][oO][sS][tT])"
    rf"(?::[^/?#@{_NO_URL_CHARS}]*)?(?:[/?#][^{_NO_URL_CHARS}]*)?",
)


def is_http_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host and no whitespace or control characters (one
    compiled pattern; the host, after any ``user@`` and before any ``:port``, has a dot or is localhost)."""
    return bool(value) and _HTTP_URL_RE.fullmatch(value) is not None


def split_sources(value: str) -> list[str]:
    return [s.strip() for s in (value or "").split("|") if s.strip()]


@functools.cache
def _model() -> type:
    """The pydantic model of a row, built on first use: the frame checks (:func:`suspect_rows`) pass
    almost every row, so most processes never import pydantic (it costs ~60 ms at start-up)."""
    from pydantic import BaseModel, ConfigDict, field_validator, model_validator

    class Partnership(BaseModel):
        """One partnership row. All fields are strings as in the CSV; empty string = unknown."""

        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

        id: str
        ua_name_en: str
        ua_name_uk: str = ""
        ua_oblast: str
        ua_level: UaLevel
        partner_name: str
        partner_region: str = ""
        partner_country: str
        partner_level: PartnerLevel | None = None
        kind: Kind
        status: Status
        date: str = ""
        date_event: DateEvent | None = None
        ended: str = ""
        facilitator: str = ""
        source_url: str = ""
        other_sources: str = ""
        notes: str = ""
        ua_katottg: str = ""
        ua_hromada_katottg: str = ""
        listed_by: str = ""
        events: str = ""

        @field_validator("partner_level", "date_event", mode="before")
        @classmethod
        def _empty_enum_is_none(cls, v: Any) -> Any:
            return None if v == "" else v

        @field_validator("id")
        @classmethod
        def _id(cls, v: str) -> str:
            if not ID_RE.match(v):
                raise ValueError(f"id {v!r} must be lowercase ascii words joined by '-'")
            return v

        @field_validator("ua_name_en", "partner_name")
        @classmethod
        def _nonempty_name(cls, v: str) -> str:
            if not v:
                raise ValueError("must not be empty")
            if any(ord(ch) < 32 for ch in v):
                raise ValueError("contains control characters")
            return v

        @field_validator("ua_oblast")
        @classmethod
        def _oblast(cls, v: str) -> str:
            if v not in UA_OBLAST_CODES:
                raise ValueError(f"{v!r} is not an ISO 3166-2:UA region code such as UA-14")
            return v

        @field_validator("partner_country")
        @classmethod
        def _country(cls, v: str) -> str:
            if not ISO2_RE.match(v):
                raise ValueError(f"{v!r} is not an ISO 3166-1 alpha-2 code such as DE")
            return v

        @field_validator("date", "ended")
        @classmethod
        def _date(cls, v: str) -> str:
            if v:
                parse_date(v)
            return v

        @field_validator("ua_katottg", "ua_hromada_katottg")
        @classmethod
        def _katottg(cls, v: str) -> str:
            if v and not KATOTTG_RE.match(v):
                raise ValueError(f"{v[:40]!r} is not a KATOTTG code such as UA14160150010066858")
            return v

        @field_validator("source_url")
        @classmethod
        def _source(cls, v: str) -> str:
            if v and not is_http_url(v):
                raise ValueError(f"{v[:80]!r} is not an http(s) URL")
            return v

        @field_validator("other_sources")
        @classmethod
        def _other_sources(cls, v: str) -> str:
            bad = [s for s in split_sources(v) if not is_http_url(s)]
            if bad:
                raise ValueError(f"{bad[0][:80]!r} is not an http(s) URL")
            return v

        @model_validator(mode="after")
        def _consistency(self) -> Partnership:
            if self.date and not self.date_event:
                raise ValueError("date is set but date_event does not say which event it dates")
            if self.ended and self.status is not Status.TERMINATED:
                raise ValueError("ended is set but status is not terminated")
            if not self.source_url:
                from .provenance import has_register_citation

                if not has_register_citation(self.notes):
                    raise ValueError(_NO_SOURCE)
            return self

    return Partnership


def __getattr__(name: str) -> Any:  # ``schema.Partnership``, built lazily
    if name == "Partnership":
        return _model()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a row is bad. ``row`` is the spreadsheet row number (header = 1)."""

    row: int
    column: str
    reason: str
    id: str = ""

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" ({self.id})" if self.id else "")
        col = f" {self.column}:" if self.column else ""
        return f"{where}:{col} {self.reason}"


_NO_SOURCE = "source_url is required (an http(s) link, or notes citing the council's register)"


def _problem(row: int, err: Mapping[str, Any], rid: str) -> Problem:
    column = ".".join(str(p) for p in err["loc"]) if err["loc"] else ""
    reason = _reason(err)
    if reason == _NO_SOURCE:  # a missing link is reported like any missing required column
        column, reason = C.SOURCE_URL, "is required"
    return Problem(row, column, reason, rid)


def _reason(err: Mapping[str, Any]) -> str:
    msg = str(err.get("msg", "invalid"))
    msg = msg.removeprefix("Value error, ")
    if err.get("type") == "missing":
        return "is required"
    if err.get("type") == "enum":
        ctx = err.get("ctx") or {}
        return f"{err.get('input')!r} is not one of {ctx.get('expected', '')}"
    if err.get("type") == "extra_forbidden":
        return "is not a column of the schema"
    return msg


def validate_record(record: Mapping[str, Any], row: int) -> tuple[Any, list[Problem]]:
    """Validate one record (a mapping column -> string). Returns the model or the problems."""
    clean = {k: ("" if v is None else str(v)) for k, v in record.items()}
    for col in REQUIRED:
        if col in clean and clean[col].strip() == "":
            del clean[col]  # reported as "is required"
    from pydantic import ValidationError

    try:
        return _model()(**clean), []
    except ValidationError as exc:
        rid = str(record.get(C.ID) or "")
        probs = [_problem(row, e, rid) for e in exc.errors()]
        return None, probs


def validate_records(records: Iterable[Mapping[str, Any]], first_row: int = 2) -> list[Problem]:
    """Validate every record; return every problem (empty list = valid). Also reports duplicate ids."""
    import pandas as pd

    records = list(records)
    cols = set(COLUMNS)
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS)) if records else pd.DataFrame(columns=list(COLUMNS))
    # records the frame cannot stand for exactly (a missing or unknown key, a value that is not a string)
    # go to the model as they are
    odd = np.fromiter((not (REQUIRED <= r.keys() <= cols) or not all(isinstance(v, str) for v in r.values())
                       for r in records), dtype=bool, count=len(records))
    probs = _row_problems(frame.fillna(""), first_row, records.__getitem__, odd)
    ids = [str(r.get(C.ID) or "") for r in records]
    return _with_duplicates(probs, ids, first_row)


def validate_frame(df) -> list[Problem]:
    """Validate a DataFrame read with ``dtype=str`` (see :func:`pobratymy.io.read_partnerships`)."""
    problems: list[Problem] = []
    missing = [c for c in COLUMNS if c not in df.columns and c not in OPTIONAL_COLUMNS]
    unknown = [c for c in df.columns if c not in COLUMNS]
    if missing:
        problems.append(Problem(1, "", f"missing columns: {', '.join(missing)}"))
    if unknown:
        problems.append(Problem(1, "", f"unknown columns: {', '.join(map(str, unknown))}"))
    if problems:
        return problems
    df = with_optional_columns(df).fillna("")
    probs = row_problems(df)
    return _with_duplicates(probs, [str(v or "") for v in df[C.ID].tolist()], 2)


def _with_duplicates(probs: dict[int, list[Problem]], ids: list[str], first_row: int) -> list[Problem]:
    """Every row's problems in row order, each duplicate id reported after its row's own problems."""
    import pandas as pd

    s = pd.Series(ids, dtype=object)
    dup = (s != "") & s.duplicated()
    first: dict[str, int] = {}
    if dup.any():
        nonempty = s[s != ""]
        first = dict(zip(nonempty[~nonempty.duplicated()], nonempty.index[~nonempty.duplicated()] + first_row, strict=True))
    out: list[Problem] = []
    for i in sorted(set(probs) | set(np.flatnonzero(dup.to_numpy()).tolist())):
        out.extend(probs.get(i, ()))
        if dup.iat[i]:
            out.append(Problem(first_row + i, C.ID, f"duplicate id, first used on row {first[ids[i]]}", ids[i]))
    return out


# ------------------------------------------------------------------------------------------ the frame at once
#: what :meth:`str.isspace` calls whitespace, besides the control characters (checked apart)
_SPACES = "".join(c for c in map(chr, (0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F,
                                       0x205F, 0x3000)))
#: a cell the quick checks leave to the model: a control character anywhere, whitespace at either end
_SUSPECT_RE = rf"[\x00-\x1f]|^[{_SPACES}]|[{_SPACES}]$"
_ENUMS: dict[str, tuple[type[StrEnum], bool]] = {
    C.UA_LEVEL: (UaLevel, False), C.KIND: (Kind, False), C.STATUS: (Status, False),
    C.PARTNER_LEVEL: (PartnerLevel, True), C.DATE_EVENT: (DateEvent, True),
}


def _bad_values(col, ok) -> Any:
    """Mask of the cells of ``col`` whose value ``ok`` rejects (``ok`` called once per distinct value)."""
    uniq = col.unique()
    bad = [v for v in uniq if not ok(v)]
    return col.isin(bad).to_numpy() if bad else np.zeros(len(col), dtype=bool)


def _date_ok(v: str) -> bool:
    if not v:
        return True
    try:
        parse_date(v)
    except ValueError:
        return False
    return True


def suspect_rows(df) -> Any:
    """Boolean mask (numpy) of the rows of a schema frame (every column, strings) that may be invalid.

    Vectorised: every check :class:`Partnership` makes, column by column over the whole frame. A row
    it passes is valid (the model would accept it); a row it flags is handed to the model, which gives
    the reasons (or, for cells with stray whitespace the model strips, accepts it). Deliberately
    stricter than the model, never looser (``tests/test_schema_frame.py`` checks both agree).
    """
    n = len(df)
    bad = np.zeros(n, dtype=bool)
    if not n:
        return bad
    col = {c: df[c].astype(str) for c in COLUMNS}
    for c in COLUMNS:
        bad |= col[c].str.contains(_SUSPECT_RE, regex=True).to_numpy(dtype=bool)
    for c in (*REQUIRED, C.SOURCE_URL):  # an empty link: the model decides (a council register citation)
        bad |= (col[c] == "").to_numpy(dtype=bool)
    bad |= ~col[C.ID].str.fullmatch(ID_RE.pattern.strip("^$")).to_numpy(dtype=bool)
    for c, (enum, optional) in _ENUMS.items():
        allowed = [e.value for e in enum] + ([""] if optional else [])
        bad |= ~col[c].isin(allowed).to_numpy(dtype=bool)
    bad |= ~col[C.UA_OBLAST].isin(sorted(UA_OBLAST_CODES)).to_numpy(dtype=bool)
    bad |= ~col[C.PARTNER_COUNTRY].str.fullmatch(r"[A-Z]{2}").to_numpy(dtype=bool)
    for c in (C.UA_KATOTTG, C.UA_HROMADA_KATOTTG):
        bad |= ~((col[c] == "") | col[c].str.fullmatch(r"UA[0-9]{17}")).to_numpy(dtype=bool)
    for c in (C.DATE, C.ENDED):
        bad |= _bad_values(col[c], _date_ok)
    bad |= _bad_values(col[C.SOURCE_URL], is_http_url)
    bad |= _bad_values(col[C.OTHER_SOURCES], lambda v: all(is_http_url(u) for u in split_sources(v)))
    bad |= ((col[C.DATE] != "") & (col[C.DATE_EVENT] == "")).to_numpy(dtype=bool)
    bad |= ((col[C.ENDED] != "") & (col[C.STATUS] != Status.TERMINATED.value)).to_numpy(dtype=bool)
    return bad


def _row_problems(frame, first_row: int, record_at, force=None) -> dict[int, list[Problem]]:
    """``{position: problems}`` of the rows of ``frame`` that have problems; the suspect rows (and those
    in ``force``) go through :func:`validate_record` with ``record_at(position)``."""
    flagged = suspect_rows(frame)
    if force is not None and len(force):
        flagged |= force
    out: dict[int, list[Problem]] = {}
    for i in np.flatnonzero(flagged).tolist():
        _, probs = validate_record(record_at(i), first_row + i)
        if probs:
            out[i] = probs
    return out


def row_problems(df, first_row: int = 2) -> dict[int, list[Problem]]:
    """``{position: problems}`` of a schema frame (every column present): the reasons
    :func:`validate_record` gives, found for the whole frame at once (see :func:`suspect_rows`)."""
    cols = list(df.columns)

    def record_at(i: int) -> dict:
        return dict(zip(cols, df.iloc[i].tolist(), strict=True))

    return _row_problems(df, first_row, record_at)


def with_optional_columns(df):
    """``df`` with every optional column it lacks added as empty strings (a copy when one is added)."""
    lacking = [c for c in COLUMNS if c in OPTIONAL_COLUMNS and c not in df.columns]
    if not lacking:
        return df
    df = df.copy()
    for c in lacking:
        df[c] = ""
    return df
