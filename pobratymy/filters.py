"""Filtering the partnerships, headline figures and top lists (pure: DataFrames in, values out).

:func:`enrich` joins the valid rows with the places cache once (keys, coordinates, year, search text);
:func:`apply` narrows them by a :class:`Filters` value; :func:`headline`, :func:`top_countries`,
:func:`top_places` and :func:`place_rows` summarise a selection. The sidebar produces a ``Filters``, this
module never sees a widget.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geo.normalize import fold, latinize, skeletons
from pobratymy.places import Place, place_key

from .schema import ENDED_STATUSES, C, Status, parse_date

# derived columns added by enrich()
UA_KEY = "ua_key"
PARTNER_KEY = "partner_key"
UA_LAT, UA_LON, P_LAT, P_LON = "ua_lat", "ua_lon", "p_lat", "p_lon"
ON_MAP = "on_map"
YEAR = "year"
FIRST_DAY = "first_day"
SINCE_INVASION = "since_invasion"  # the first possible day is on or after 24 February 2022
SEARCH = "search_text"
OCCUPIED = "occupied"  # the Ukrainian place's occupation caveat (pobratymy.occupied.Occupation) or None
P_GEONAMEID = "p_geonameid"  # the partner place's GeoNames id from the places cache ("" when unknown)

#: ``query -> GeoNames ids of the places it names`` (see :func:`gazetteer_place_ids`)
PlaceIds = Callable[[str], Collection[str]]

#: 24 February 2022, the start of Russia's full-scale invasion.
INVASION = _dt.date(2022, 2, 24)

#: Statuses shown unless the user asks otherwise: every status but the ended ones ("terminated",
#: "inactive": a tie with a Russian/Belarusian body that no source records the end of).
DEFAULT_STATUSES: tuple[str, ...] = tuple(s.value for s in Status if s not in ENDED_STATUSES)


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user narrowed the map to. Empty tuples mean "all" (statuses: all but terminated)."""

    oblasts: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    year_from: int | None = None
    year_to: int | None = None
    query: str = ""

    @property
    def shows_terminated(self) -> bool:
        return Status.TERMINATED.value in self.statuses


@dataclass(frozen=True, slots=True)
class Headline:
    partnerships: int
    ua_places: int
    partner_countries: int
    since_invasion: int
    not_on_map: int
    unmapped_ids: tuple[str, ...] = field(default=())


def renamed_aliases(path: str | Path) -> dict[tuple[str, str], list[str]]:
    """``{(folded current name, oblast code): [old names]}`` from ``geo/data/ua_renamed_cities.csv``."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    p = Path(path)
    if not p.exists():
        return {}
    with p.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(fold(row.get("current_name_en", "")), row.get("oblast_iso", ""))].append(row.get("old_name", ""))
    return dict(out)


def _search_parts(names: Iterable[str]) -> tuple[str, str]:
    """(folded and romanised forms joined by " | ", consonant skeletons joined by spaces) of ``names``."""
    words: list[str] = []
    skels: list[str] = []
    for name in names:
        if not name:
            continue
        words += [fold(name), latinize(name)]
        skels += skeletons(name)
        for word in latinize(name).split():
            skels += skeletons(word)
    return " | ".join(dict.fromkeys(w for w in words if w)), " ".join(dict.fromkeys(skels))


def search_text(names: Iterable[str]) -> str:
    """The text a query is matched against: folded and romanised forms, then consonant skeletons."""
    words, skels = _search_parts(names)
    return f"{words} # {skels} "


#: how a row's names answer a search: the name contains the query, a spelling variant of it (same
#: consonant skeleton and letters mostly alike: Krivoy Rog, Kharkov, Zaporozhye), only the same skeleton
#: (Paris ~ Piraeus: shown only when nothing better exists, and marked), or nothing
EXACT, VARIANT, APPROXIMATE, NO_MATCH = 0, 1, 2, 3
VARIANT_SIMILARITY = 55  # rapidfuzz ratio (0-100) of the romanised query and the closest name
APPROX_SIMILARITY = 45  # below it (xyzzy ~ kryvyi: 36) a shared skeleton is a coincidence


def match_tier(query: str, text: str) -> int:
    """:data:`EXACT`, :data:`VARIANT`, :data:`APPROXIMATE` or :data:`NO_MATCH` for a :func:`search_text`."""
    from rapidfuzz import fuzz

    q = query.strip()
    if not q or _contains(q, text):
        return EXACT
    if not matches(q, text):
        return NO_MATCH
    words = text.partition(" # ")[0]
    lq = latinize(q)
    names = [w.strip() for w in words.split(" | ") if w.strip()]
    tokens = [t for n in names for t in n.replace("-", " ").split()]
    best = max((fuzz.ratio(lq, w) for w in (*names, *tokens)), default=0)
    if best >= VARIANT_SIMILARITY:
        return VARIANT
    return APPROXIMATE if best >= APPROX_SIMILARITY else NO_MATCH


def query_match(df: pd.DataFrame, query: str, place_ids: PlaceIds | None = None) -> tuple[pd.Series, str]:
    """Rows a search finds and how: ``"exact"`` (names containing the query, spelling variants, a partner
    found by another language's name through ``place_ids``), else ``"approximate"`` (only similar-sounding
    names: say so), else ``"none"`` (nonsense finds nothing). A blank query: every row, ``"all"``."""
    q = query.strip()
    if not q:
        return pd.Series(True, index=df.index), "all"
    tiers = {t: match_tier(q, t) for t in set(df[SEARCH])} if len(df) else {}
    tier = df[SEARCH].map(tiers) if len(df) else pd.Series(dtype=int)
    good = (tier <= VARIANT).astype(bool) if len(df) else pd.Series(False, index=df.index)
    ids = place_ids(q) if place_ids is not None else ()
    if ids and P_GEONAMEID in df.columns:
        good |= df[P_GEONAMEID].isin(ids)
    if good.any():
        return good, "exact"
    approx = (tier == APPROXIMATE).astype(bool) if len(df) else good
    if approx.any():
        return approx, "approximate"
    return approx, "none"


def _contains(query: str, text: str) -> bool:
    """A name in ``text`` (a :func:`search_text`) contains the query, folded or romanised."""
    words = text.partition(" # ")[0]
    return fold(query) in words or latinize(query) in words


def matches(query: str, text: str) -> bool:
    """True when ``query`` (any spelling) is part of a name in ``text`` or has the same skeleton."""
    q = query.strip()
    if not q or _contains(q, text):
        return True
    padded = f" {text.partition(' # ')[2]}"
    if any(f" {s} " in padded for s in skeletons(q)):
        return True
    parts = [skeletons(w) for w in latinize(q).split()]  # every word of the query, by its skeleton
    return bool(parts) and all(any(len(s) >= 3 and f" {s} " in padded for s in p) for p in parts)


def _year_and_first_day(value: str) -> tuple[float, _dt.date | None]:
    if not value:
        return float("nan"), None
    try:
        d = parse_date(value)
    except ValueError:
        return float("nan"), None
    return float(d.year), d.first_day


def _per_distinct(df: pd.DataFrame, cols: list[str], fn: Callable[..., object]) -> np.ndarray:
    """``fn(*values)`` for each row's values of ``cols``, computed once per distinct combination (a
    dataset names a few hundred places in thousands of rows) and spread back to the rows in one take."""
    keys = df[cols]
    codes = keys.groupby(cols, sort=False, dropna=False).ngroup().to_numpy()
    distinct = keys.drop_duplicates()
    values = np.empty(len(distinct), dtype=object)
    values[:] = [fn(*t) for t in zip(*(distinct[c].tolist() for c in cols), strict=True)]
    return values[codes]


def enrich(frame: pd.DataFrame, places: Mapping[str, Place],
           aliases: Mapping[tuple[str, str], list[str]] | None = None, *, search: bool = True) -> pd.DataFrame:
    """Valid rows + place keys, coordinates (NaN when unknown), year, first possible day, search text
    (``search=False``: no search text, for a caller that never searches — :func:`apply` with a query then
    fails loudly).

    Columnar: every derived value is computed once per distinct place, date or name and spread to the
    rows (at 50,000 rows a per-row loop cost seconds)."""
    from .occupied import occupied

    df = frame.copy()
    aliases = aliases or {}
    nan = float("nan")

    def place_of(key: str) -> tuple[float, float, str]:
        pl = places.get(key)
        ll = pl.latlon if pl else None
        return (ll[0], ll[1], pl.geonameid or "") if ll else (nan, nan, (pl.geonameid or "") if pl else "")

    ua_keys = _per_distinct(df, [C.UA_NAME_EN, C.UA_OBLAST], lambda n, o: place_key(n, "UA", o))
    p_keys = _per_distinct(df, [C.PARTNER_NAME, C.PARTNER_COUNTRY, C.PARTNER_REGION], place_key)
    df[UA_KEY], df[PARTNER_KEY] = ua_keys, p_keys
    ua = _per_distinct(df, [UA_KEY], place_of)
    partner = _per_distinct(df, [PARTNER_KEY], place_of)
    df[UA_LAT] = np.fromiter((t[0] for t in ua), float, len(ua))
    df[UA_LON] = np.fromiter((t[1] for t in ua), float, len(ua))
    df[P_LAT] = np.fromiter((t[0] for t in partner), float, len(partner))
    df[P_LON] = np.fromiter((t[1] for t in partner), float, len(partner))
    df[P_GEONAMEID] = [t[2] for t in partner]
    df[ON_MAP] = df[[UA_LAT, UA_LON, P_LAT, P_LON]].notna().all(axis=1)
    yf = _per_distinct(df, [C.DATE], _year_and_first_day)
    df[YEAR] = pd.array([y for y, _ in yf], dtype="Float64")
    df[FIRST_DAY] = [d for _, d in yf]
    df[SINCE_INVASION] = np.fromiter((d is not None and d >= INVASION for _, d in yf), bool, len(yf))
    # search text = the Ukrainian side's names (with former names) and the partner's, each side's parts
    # computed once per distinct side
    if search:
        ua_parts = _per_distinct(df, [C.UA_NAME_EN, C.UA_NAME_UK, C.UA_OBLAST],
                                 lambda en, uk, ob: _search_parts([en, uk, *aliases.get((fold(en), ob), [])]))
        p_parts = _per_distinct(df, [C.PARTNER_NAME], lambda pn: _search_parts([pn]))
        df[SEARCH] = [f"{' | '.join(w for w in (uw, pw) if w)} # {' '.join(s for s in (us, ps) if s)} "
                      for (uw, us), (pw, ps) in zip(ua_parts, p_parts, strict=True)]
    df[OCCUPIED] = _per_distinct(df, [C.UA_OBLAST, C.UA_NAME_EN, C.UA_LEVEL, C.UA_NAME_UK], occupied)
    return df


def gazetteer_place_ids(gazetteer, maxsize: int = 1024) -> PlaceIds:
    """A :data:`PlaceIds` over the offline gazetteer (:class:`geo.gazetteer.Gazetteer`): the GeoNames ids
    of every place whose name or alternate name is exactly the folded query, in any country ("Nuremberg",
    "Нюрнберг" -> Nürnberg's id). Exact names only, so a half-typed word names nothing new."""
    @functools.lru_cache(maxsize=maxsize)
    def place_ids(query: str) -> frozenset[str]:
        key = fold(query)
        if not key:
            return frozenset()
        return frozenset(str(row.geonameid) for row, _ in gazetteer.by_key(key) if row.geonameid)
    return place_ids


def apply(df: pd.DataFrame, f: Filters, place_ids: PlaceIds | None = None) -> pd.DataFrame:
    """Rows of an :func:`enrich`-ed frame that pass every filter. With ``place_ids`` the query also finds
    a partner by another language's name of it: rows whose partner place has one of the ids it returns."""
    mask = pd.Series(True, index=df.index)
    if f.oblasts:
        mask &= df[C.UA_OBLAST].isin(f.oblasts)
    if f.countries:
        mask &= df[C.PARTNER_COUNTRY].isin(f.countries)
    if f.kinds:
        mask &= df[C.KIND].isin(f.kinds)
    mask &= df[C.STATUS].isin(f.statuses or DEFAULT_STATUSES)
    if f.year_from is not None or f.year_to is not None:  # a narrowed range leaves undated rows out
        year = df[YEAR]
        ok = year.notna()
        if f.year_from is not None:
            ok &= year >= f.year_from
        if f.year_to is not None:
            ok &= year <= f.year_to
        mask &= ok.fillna(False).astype(bool)
    if f.query.strip():
        found, _ = query_match(df[mask], f.query, place_ids)
        mask &= found.reindex(df.index, fill_value=False)
    return df[mask]


def headline(df: pd.DataFrame) -> Headline:
    """Figures for a selection. Ended ties (terminated, inactive) are never counted, even when shown.
    "Since invasion" counts signed rows whose *first possible* day is on or after 24 February 2022 (so a
    date known only as "2022" does not count)."""
    since = int(((df[C.STATUS] == Status.SIGNED) & df[SINCE_INVASION]).sum())
    unmapped = df.loc[~df[ON_MAP], C.ID]
    live = df[~df[C.STATUS].isin(ENDED_STATUSES)]
    return Headline(
        partnerships=len(live),
        ua_places=live[UA_KEY].nunique(),
        partner_countries=live[C.PARTNER_COUNTRY].nunique(),
        since_invasion=since,
        not_on_map=len(unmapped),
        unmapped_ids=tuple(unmapped),
    )


def top_countries(df: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """``country, count`` of the ``n`` partner countries with most partnerships (ties by code)."""
    counts = df.groupby(C.PARTNER_COUNTRY).size().reset_index(name="count")
    counts = counts.sort_values(["count", C.PARTNER_COUNTRY], ascending=[False, True])
    return counts.head(n).reset_index(drop=True)


def top_places(df: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` Ukrainian places with most distinct partners: key, names, oblast, ``partners`` (ties by
    English name, then key)."""
    cols = [UA_KEY, C.UA_NAME_EN, C.UA_NAME_UK, C.UA_OBLAST]
    if not len(df):
        return pd.DataFrame({**{c: pd.Series(dtype=str) for c in cols}, "partners": pd.Series(dtype=int)})
    first = df.drop_duplicates(UA_KEY)[cols].set_index(UA_KEY)
    first["partners"] = df.groupby(UA_KEY, sort=False)[PARTNER_KEY].nunique()
    first = first.reset_index().sort_values(["partners", C.UA_NAME_EN, UA_KEY], ascending=[False, True, True],
                                            kind="stable")
    out = first.head(n).reset_index(drop=True)
    out["partners"] = out["partners"].astype(int)
    return out


_STATUS_ORDER = {s.value: i for i, s in enumerate(Status)}


def _live_first(rows: pd.DataFrame, name_col: str) -> pd.DataFrame:
    rows = rows.copy()
    rows["_st"] = rows[C.STATUS].map(_STATUS_ORDER)
    rows["_d"] = [d.toordinal() if d else 0 for d in rows[FIRST_DAY]]
    rows = rows.sort_values(["_st", "_d", name_col], ascending=[True, False, True])
    return rows.drop(columns=["_st", "_d"])


def place_rows(df: pd.DataFrame, ua_key: str) -> pd.DataFrame:
    """Every partnership of one Ukrainian place: live ties first (by status), newest date first."""
    return _live_first(df[df[UA_KEY] == ua_key], C.PARTNER_NAME)


def partner_rows(df: pd.DataFrame, partner_key: str) -> pd.DataFrame:
    """Every partnership of one partner place (its Ukrainian sides), in :func:`place_rows`' order."""
    return _live_first(df[df[PARTNER_KEY] == partner_key], C.UA_NAME_EN)


def year_bounds(df: pd.DataFrame) -> tuple[int, int] | None:
    """(first, last) year among dated rows, or None when no row is dated."""
    years = df[YEAR].dropna()
    if years.empty:
        return None
    return int(years.min()), int(years.max())
