"""Data quality: what an admin should look at, as plain values (pure; no ``streamlit``).

- :func:`place_issues` — places the dataset uses that have no coordinates in the places cache
  (``unresolved``), whose name fits several places of the gazetteer far apart (``ambiguous``), or whose
  match was loose (``low_confidence``), each with :class:`Candidate` places an admin can pick;
  :func:`override_for` + :func:`save_override` turn a pick into a row of ``places_overrides.csv``.
- :func:`missing` — rows without a date (or any other column); :func:`invalid_rows` — rows left out of
  the dataset by validation (a missing source among them).
- :func:`suspected_duplicates` — the same pair twice, or partner names so alike (rapidfuzz) for the
  same Ukrainian place and country that they are probably one tie.
- :func:`counts` — headline figures.

Candidates come from a :class:`CandidateFinder`; :class:`GazetteerFinder` asks the offline geocoder.
Places an admin has overridden (``source == "override"``) are decisions, never flagged again.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import pandas as pd

from geo.normalize import fold, latinize
from geo.places import Place, load_places, place_key, read_places, validate_latlon, write_places

from .errors import ReadOnlyError
from .exporting import rows_to_csv_bytes
from .io import FileLock
from .schema import C, Problem, Status, parse_date, split_sources

UNRESOLVED, AMBIGUOUS, LOW_CONFIDENCE = "unresolved", "ambiguous", "low_confidence"
SAME_PAIR, SIMILAR_NAME = "same_pair", "similar_name"
OVERRIDE_SOURCE = "override"

#: Two places of the same name this far apart are different places (km).
AMBIGUITY_KM = 25.0
#: A namesake this many times smaller than the place on the map does not make it ambiguous.
DWARFED_BY = 10.0
#: A match below this confidence (the geocoder's 0..1 score) is shown for checking.
LOW_CONFIDENCE_BELOW = 0.7
#: Partner names at least this alike (rapidfuzz token_set_ratio on folded names) are suspected duplicates.
SIMILAR_NAMES_FROM = 85
MAX_CANDIDATES = 8

#: feature hint of a partner level (as geo.dataset uses it)
_PARTNER_FEATURE = {"region": "region", "state": "region", "city": "city", "town": "city", "village": "city"}


# ------------------------------------------------------------------------------------------ places
@dataclass(frozen=True, slots=True)
class Candidate:
    """A place an admin may pick. ``confidence`` is the geocoder's score (0..1); ``pick`` marks what the
    geocoder itself would choose."""

    name: str
    country: str
    region: str
    lat: float
    lon: float
    feature: str = ""
    geonameid: str = ""
    source: str = ""
    population: int = 0
    confidence: float = 0.0
    pick: bool = False

    @property
    def latlon(self) -> tuple[float, float]:
        return (self.lat, self.lon)

    def label(self) -> str:
        bits = [self.name, self.region, self.country]
        pop = f" · {self.population:,}".replace(",", " ") if self.population else ""
        return f"{', '.join(b for b in bits if b)} ({self.lat:.4f}, {self.lon:.4f}){pop}"


class CandidateFinder(Protocol):
    def candidates(self, name: str, country: str, region: str = "", feature: str | None = None) -> list[Candidate]:
        """Places ``name`` may mean, the geocoder's own pick first (``pick=True``) when it has one."""
        ...


@dataclass(frozen=True, slots=True)
class PlaceUse:
    """A place as the dataset uses it, with the ids of the rows that use it."""

    key: str
    name: str
    country: str
    region: str
    feature: str | None
    ids: tuple[str, ...]
    side: str  # "ua" or "partner"


@dataclass(frozen=True, slots=True)
class PlaceIssue:
    key: str
    name: str
    country: str
    region: str
    problem: str  # UNRESOLVED | AMBIGUOUS | LOW_CONFIDENCE
    ids: tuple[str, ...]
    side: str
    current: Place | None = None
    confidence: float | None = None
    candidates: tuple[Candidate, ...] = ()
    feature: str | None = None  # the hint the dataset gives (partner level), as the geocoder was asked

    def as_row(self) -> dict[str, object]:
        cur = self.current.latlon if self.current else None
        return {"problem": self.problem, "key": self.key, "name": self.name, "country": self.country,
                "region": self.region, "side": self.side, "rows": len(self.ids), "ids": " ".join(self.ids),
                "lat": cur[0] if cur else "", "lon": cur[1] if cur else "",
                "matched_name": self.current.matched_name if self.current else "",
                "source": self.current.source if self.current else "",
                "confidence": "" if self.confidence is None else self.confidence,
                "candidates": " | ".join(c.label() for c in self.candidates)}


PLACE_ISSUE_COLUMNS = ("problem", "key", "name", "country", "region", "side", "rows", "ids", "lat", "lon",
                       "matched_name", "source", "confidence", "candidates")


def dataset_places(frame: pd.DataFrame) -> dict[str, PlaceUse]:
    """Every place the rows use (both sides), keyed like the places cache (:func:`geo.places.place_key`)."""
    names: dict[str, tuple[str, str, str, str | None, str]] = {}
    ids: dict[str, list[str]] = defaultdict(list)
    for r in frame.fillna("").to_dict("records"):
        ua = place_key(r[C.UA_NAME_EN], "UA", r[C.UA_OBLAST])
        names.setdefault(ua, (r[C.UA_NAME_EN], "UA", r[C.UA_OBLAST],
                              "region" if r[C.UA_LEVEL] == "oblast" else None, "ua"))
        ids[ua].append(r[C.ID])
        p = place_key(r[C.PARTNER_NAME], r[C.PARTNER_COUNTRY], r[C.PARTNER_REGION])
        names.setdefault(p, (r[C.PARTNER_NAME], r[C.PARTNER_COUNTRY], r[C.PARTNER_REGION],
                             _PARTNER_FEATURE.get(r.get(C.PARTNER_LEVEL) or ""), "partner"))
        ids[p].append(r[C.ID])
    return {k: PlaceUse(k, *names[k][:4], tuple(dict.fromkeys(ids[k])), names[k][4]) for k in sorted(names)}


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two ``(lat, lon)`` points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def place_issues(frame: pd.DataFrame, places: Mapping[str, Place], finder: CandidateFinder | None = None, *,
                 ambiguity_km: float = AMBIGUITY_KM, low_below: float = LOW_CONFIDENCE_BELOW,
                 dwarfed_by: float = DWARFED_BY) -> list[PlaceIssue]:
    """Places to check, unresolved first, then ambiguous, then low confidence (each by rows affected).

    Without a ``finder`` only unresolved places are found (and without candidates)."""
    out: list[PlaceIssue] = []
    for use in dataset_places(frame).values():
        pl = places.get(use.key)
        if pl is not None and pl.source == OVERRIDE_SOURCE and pl.latlon:
            continue
        cands = tuple(finder.candidates(use.name, use.country, use.region, use.feature)) if finder else ()
        base = dict(key=use.key, name=use.name, country=use.country, region=use.region, ids=use.ids,
                    side=use.side, current=pl, candidates=cands[:MAX_CANDIDATES], feature=use.feature)
        if pl is None or pl.latlon is None:
            out.append(PlaceIssue(problem=UNRESOLVED, **base))
            continue
        near = [c for c in cands if km_between(c.latlon, pl.latlon) <= ambiguity_km]
        conf = max((c.confidence for c in near), default=None)
        pop = max((c.population for c in near), default=0)
        # another place of the same name far away, not dwarfed by the one on the map (a city of 700,000
        # is not in doubt because a village of 1,000 shares its name)
        far_same_name = [c for c in cands if c.confidence >= 0.9 and km_between(c.latlon, pl.latlon) > ambiguity_km
                         and c.population * dwarfed_by >= pop]
        if far_same_name:
            out.append(PlaceIssue(problem=AMBIGUOUS, confidence=conf, **base))
        elif conf is not None and conf < low_below:
            out.append(PlaceIssue(problem=LOW_CONFIDENCE, confidence=conf, **base))
    order = {UNRESOLVED: 0, AMBIGUOUS: 1, LOW_CONFIDENCE: 2}
    return sorted(out, key=lambda i: (order[i.problem], -len(i.ids), i.key))


def with_candidates(issue: PlaceIssue, finder: CandidateFinder) -> PlaceIssue:
    """``issue`` with candidates from ``finder`` when it has none yet (e.g. the overview skipped fuzzy names)."""
    if issue.candidates:
        return issue
    cands = finder.candidates(issue.name, issue.country, issue.region, issue.feature)
    return replace(issue, candidates=tuple(cands[:MAX_CANDIDATES]))


def override_for(issue: PlaceIssue, cand: Candidate) -> Place:
    """The overrides-file row that pins ``issue``'s place to ``cand``."""
    lat, lon = validate_latlon(cand.lat, cand.lon)
    return Place(issue.key, issue.name, issue.country, issue.region, lat, lon, cand.name, cand.geonameid,
                 OVERRIDE_SOURCE)


def save_override(overrides_path: str | Path, place: Place, *, writable: bool, who: str = "admin",
                  change_log: str | Path | None = None) -> None:
    """Add or replace ``place`` in the overrides file (atomic, under a lock), then log it.

    Refused with :class:`ReadOnlyError` before touching the disk unless ``writable`` (admin unlocked)."""
    if not writable:
        raise ReadOnlyError("read-only: overriding a place needs the admin password")
    path = Path(overrides_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path.with_name(path.name + ".lock"))
    lock.acquire()
    try:
        rows = read_places(path)
        rows[place.key] = place
        write_places(path, rows.values())
    finally:
        lock.release()
    if change_log is not None:
        from .store import append_change

        append_change(change_log, who, f"override place {place.key} -> {place.lat},{place.lon}", ids=[place.key])


class GazetteerFinder:
    """Candidates from the offline geocoder (:class:`geo.geocoder.OfflineGeocoder`): its pick (with the
    region, else without it, else without the feature hint), every place of the country (and of the pick's region, when the data names one)
    whose primary name is the same, and — only when nothing matched — fuzzy names of the country."""

    def __init__(self, geocoder, fuzzy: bool = True):
        self.geocoder = geocoder
        self.fuzzy = fuzzy  # the fuzzy fallback reads a country's every name (~0.1 s): skip it for overviews
        self._names: dict[str, tuple[list[str], list[int]]] = {}

    def candidates(self, name: str, country: str, region: str = "", feature: str | None = None) -> list[Candidate]:
        g = self.geocoder
        out: list[Candidate] = []
        tries = [(region, feature), ("", feature)] if region else [("", feature)]
        if feature:
            tries.append((region, None))
        for reg, feat in tries:  # the first answer is the pick: a region given narrows the question
            loc = g.geocode(name, country=country or None, region=reg or None, featuretype=feat)
            if loc is not None:
                out.append(_from_location(loc, pick=True))
                break
        cc = (country or "").strip().upper()
        pick = out[0] if out else None
        keys = list(dict.fromkeys(k for k in (fold(name), fold(latinize(name))) if k))
        same: list[Candidate] = []
        for k in keys:
            for row, _src in g.gaz.by_key(k):
                if cc and row.cc != cc:
                    continue
                if pick and row.feature != pick.feature or not pick and feature and row.feature != feature:
                    continue
                if pick and region and row.region != pick.region:
                    continue
                if k in (fold(row.name), fold(row.name_en), fold(row.name_uk)):
                    same.append(_from_row(row, 0.9))
        out += sorted(same, key=lambda c: -c.population)
        if not out and self.fuzzy and cc and len(fold(name)) >= 3:
            out += self._fuzzy(latinize(name), cc, region, feature)
        return _dedupe(out)[:MAX_CANDIDATES]

    def _fuzzy(self, latin: str, cc: str, region: str, feature: str | None) -> list[Candidate]:
        """Names of the country like ``latin`` (rapidfuzz ratio >= 70), those in ``region`` first."""
        from rapidfuzz import fuzz, process

        gaz = self.geocoder.gaz
        if cc not in self._names:  # folded Latin names of a country, read once
            pairs = gaz.latin_names(cc)
            self._names[cc] = ([n.lower() for n, _ in pairs], [pid for _, pid in pairs])  # folded already
        names, pids = self._names[cc]
        got = process.extract(fold(latin), names, scorer=fuzz.ratio, limit=40, score_cutoff=70)
        out = []
        for _name, score, i in got:
            row = gaz.get(pids[i])
            if row is not None and (not feature or row.feature == feature):
                out.append(_from_row(row, round(0.5 * score / 100, 3)))
        reg = fold(region)
        return sorted(out, key=lambda c: (not reg or fold(c.region) != reg, -c.confidence, -c.population))


def _from_location(loc, pick: bool) -> Candidate:
    raw = loc.raw or {}
    gid = raw.get("geonameid")
    return Candidate(str(raw.get("name") or loc.address), str(raw.get("country") or ""), str(raw.get("region") or ""),
                     float(loc.latitude), float(loc.longitude), str(raw.get("feature") or ""),
                     "" if gid is None else str(gid), str(raw.get("source") or ""), int(raw.get("population") or 0),
                     float(raw.get("confidence") or 0.0), pick)


def _from_row(row, confidence: float) -> Candidate:
    name = (row.name_en or row.name) if row.cc == "UA" else row.name
    return Candidate(name, row.cc, row.region if row.feature != "country" else "", float(row.lat), float(row.lon),
                     row.feature, "" if row.geonameid is None else str(row.geonameid), row.src, int(row.pop or 0),
                     confidence)


def _dedupe(cands: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per place (same geonameid, or within 1 km with the same name); the first wins."""
    out: list[Candidate] = []
    for c in cands:
        if any((c.geonameid and c.geonameid == o.geonameid)
               or (fold(c.name) == fold(o.name) and km_between(c.latlon, o.latlon) < 1.0) for o in out):
            continue
        out.append(c)
    return out


# -------------------------------------------------------------------------------------------- rows
ROW_COLUMNS = ("row", C.ID, C.UA_NAME_EN, C.PARTNER_NAME, C.PARTNER_COUNTRY, C.KIND, C.STATUS, C.DATE,
               C.SOURCE_URL)


def missing(frame: pd.DataFrame, column: str) -> list[dict[str, str]]:
    """Rows whose ``column`` is empty, with their spreadsheet row number (``row``; header = 1).

    ``frame`` is a file read as strings (:func:`pobratymy.io.read_csv_str`), so numbers match the file."""
    if column not in frame.columns:
        return []
    out = []
    for i, r in enumerate(frame.fillna("").to_dict("records")):
        if not str(r.get(column, "")).strip():
            out.append({"row": i + 2, **{c: str(r.get(c, "")) for c in ROW_COLUMNS[1:]}})
    return out


PROBLEM_COLUMNS = ("row", "id", "column", "reason")


def invalid_rows(problems: Iterable[Problem]) -> list[dict[str, object]]:
    """The validation problems that kept rows out of the dataset, one line each."""
    return [{"row": p.row, "id": p.id, "column": p.column, "reason": p.reason} for p in problems]


# ---------------------------------------------------------------------------------------- duplicates
@dataclass(frozen=True, slots=True)
class Duplicate:
    reason: str  # SAME_PAIR | SIMILAR_NAME
    ids: tuple[str, ...]
    ua_name: str
    country: str
    partner_names: tuple[str, ...]
    score: int = 100

    def as_row(self) -> dict[str, object]:
        return {"reason": self.reason, "ids": " ".join(self.ids), "ua_name": self.ua_name, "country": self.country,
                "partner_names": " | ".join(self.partner_names), "score": self.score}


DUPLICATE_COLUMNS = ("reason", "ids", "ua_name", "country", "partner_names", "score")


def suspected_duplicates(frame: pd.DataFrame, similar_from: int = SIMILAR_NAMES_FROM) -> list[Duplicate]:
    """Groups of rows with the same pair key (:func:`pobratymy.identity.pair_key`), then pairs of rows of
    the same Ukrainian place and partner country whose partner names are alike but not equal."""
    from rapidfuzz import fuzz

    from .identity import pair_key

    recs = frame.fillna("").to_dict("records")
    by_pair: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        by_pair[pair_key(r)].append(r)
    out = [Duplicate(SAME_PAIR, tuple(r[C.ID] for r in rs), rs[0][C.UA_NAME_EN], rs[0][C.PARTNER_COUNTRY],
                     tuple(dict.fromkeys(r[C.PARTNER_NAME] for r in rs)))
           for rs in by_pair.values() if len(rs) > 1]
    groups: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for pk, rs in by_pair.items():
        r = rs[0]
        groups[(place_key(r[C.UA_NAME_EN], "UA", r[C.UA_OBLAST]), r[C.PARTNER_COUNTRY].upper())].append((pk, r))
    for members in groups.values():
        for i, (_, a) in enumerate(members):
            for _, b in members[i + 1:]:
                score = round(fuzz.token_set_ratio(_core_name(a[C.PARTNER_NAME]), _core_name(b[C.PARTNER_NAME])))
                if score >= similar_from:
                    out.append(Duplicate(SIMILAR_NAME, (a[C.ID], b[C.ID]), a[C.UA_NAME_EN], a[C.PARTNER_COUNTRY],
                                         (a[C.PARTNER_NAME], b[C.PARTNER_NAME]), score))
    return out


#: Words that say what kind of place follows, left out when comparing names ("Województwo Lubuskie" and
#: "Województwo Opolskie" are not alike); folded.
GENERIC_WORDS = frozenset(fold(w) for w in """
    county district municipality metropolitan area region oblast province state city town village
    powiat wojewodztwo gmina miasto kreis landkreis bezirk stadt gemeinde markt samtgemeinde
    verbandsgemeinde departement commune ville agglomeration metropole comune provincia citta
    okres kraj obec mesto megye varos jaras rajons novads apskritis savivaldybe rajono mestas
    rayon raion район області область громада місто село of the de la le du der die das
""".split())


def _core_name(name: str) -> str:
    words = fold(name).split()
    core = [w for w in words if w not in GENERIC_WORDS]
    return " ".join(core or words)


# -------------------------------------------------------------------------------------------- counts
@dataclass(frozen=True, slots=True)
class Counts:
    rows: int
    invalid_rows: int
    with_date: int
    day_precision: int
    terminated: int
    sources: int  # every source link of every row
    places: int
    unresolved_places: int
    ambiguous_places: int
    low_confidence_places: int
    duplicates: int

    @staticmethod
    def pct(part: int, whole: int) -> float:
        return round(100.0 * part / whole, 1) if whole else 0.0

    @property
    def with_date_pct(self) -> float:
        return self.pct(self.with_date, self.rows)

    @property
    def day_precision_pct(self) -> float:
        return self.pct(self.day_precision, self.rows)

    @property
    def sources_per_row(self) -> float:
        return round(self.sources / self.rows, 2) if self.rows else 0.0


def counts(frame: pd.DataFrame, problems: Sequence[Problem] = (), issues: Sequence[PlaceIssue] = (),
           duplicates: Sequence[Duplicate] = ()) -> Counts:
    """Headline figures of the valid rows ``frame`` (plus the number of rows validation left out)."""
    recs = frame.fillna("").to_dict("records")
    dated = [r[C.DATE] for r in recs if r[C.DATE]]
    day = 0
    for d in dated:
        try:
            day += parse_date(d).precision == "day"
        except ValueError:
            pass
    n_sources = sum(bool(r[C.SOURCE_URL]) + len(split_sources(r[C.OTHER_SOURCES])) for r in recs)
    by = defaultdict(int)
    for i in issues:
        by[i.problem] += 1
    return Counts(
        rows=len(recs), invalid_rows=len({p.row for p in problems}), with_date=len(dated), day_precision=day,
        terminated=sum(r[C.STATUS] == Status.TERMINATED for r in recs), sources=n_sources,
        places=len(dataset_places(frame)), unresolved_places=by[UNRESOLVED], ambiguous_places=by[AMBIGUOUS],
        low_confidence_places=by[LOW_CONFIDENCE], duplicates=len(duplicates))


# ------------------------------------------------------------------------------------------- exports
def csv_bytes(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> bytes:
    """A list for Excel (UTF-8 BOM, ``;``), every cell formula-neutralised (:mod:`pobratymy.exporting`)."""
    return rows_to_csv_bytes(rows, columns)


def load_all_places(places_path: str | Path, overrides_path: str | Path) -> dict[str, Place]:
    """The places cache with the overrides on top (a missing file is empty)."""
    return load_places(places_path, overrides_path)
