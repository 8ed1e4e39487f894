"""Presentation mode (pure): the title card, the spotlight on one place, where to point the map, and
stepping through partners and years.

``?present=1`` shows a :func:`title_card` built from the selection ("Donetsk Oblast · 14 partnerships ·
6 countries"); ``?focus=<place>`` (any spelling, see :func:`find_place`) adds a :func:`spotlight`: the
place's partners in the order they were signed, each with its date at its own precision, and the map
bounds that fit them (:func:`fit_bounds`, :func:`fit_view`).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.normalize import fold

from . import filters as F
from . import i18n
from .schema import C, DateEvent, parse_date

LatLon = tuple[float, float]


# ------------------------------------------------------------------ finding the focus place

def _place_names(df: pd.DataFrame, aliases: Mapping[tuple[str, str], list[str]] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, en, uk, ob in zip(df[F.UA_KEY], df[C.UA_NAME_EN], df[C.UA_NAME_UK], df[C.UA_OBLAST], strict=True):
        if key not in out:
            out[key] = [n for n in (en, uk, *(aliases or {}).get((fold(en), ob), [])) if n]
    return out


def find_place(df: pd.DataFrame, query: str,
               aliases: Mapping[tuple[str, str], list[str]] | None = None) -> str | None:
    """The Ukrainian place key ``query`` means, in any spelling ("Kramatorsk", "Краматорськ",
    "kramatorsk", an old name from ``aliases``); None when nothing matches. An exact name beats a
    partial one; among equals the place with most partners wins (then the key, for stability)."""
    q = (query or "").strip()
    if not q or not len(df):
        return None
    fq = fold(q)
    partners = df.groupby(F.UA_KEY)[F.PARTNER_KEY].nunique()
    best: tuple | None = None
    for key, names in _place_names(df, aliases).items():
        folded = [fold(n) for n in names]
        if fq in folded:
            rank = 0
        elif any(f.startswith(fq) for f in folded):
            rank = 1
        elif F.matches(q, F.search_text(names)):
            rank = 2
        else:
            continue
        cand = (rank, -int(partners.get(key, 0)), key)
        if best is None or cand < best:
            best = cand
    return best[2] if best else None


# ------------------------------------------------------------------ the title card

@dataclass(frozen=True, slots=True)
class TitleCard:
    title: str
    subtitle: str

    def __str__(self) -> str:
        return f"{self.title} · {self.subtitle}"


def scope_label(f: F.Filters, lang: str, oblast_name: Callable[[str], str],
                country_name: Callable[[str], str], focus: str = "") -> str:
    """What the selection covers: the focus place, the oblasts (and partner countries), or Ukraine."""
    if focus:
        return focus
    parts = [", ".join(oblast_name(o) for o in f.oblasts)] if f.oblasts else []
    if f.countries:
        parts.append(", ".join(country_name(c) for c in f.countries))
    return " — ".join(parts) if parts else i18n.t("pr.ukraine", lang)


def qualifiers(f: F.Filters, lang: str, period: tuple[_dt.date, _dt.date] | None = None) -> list[str]:
    """What else narrows the selection, in words, so a slide never passes for more than it shows:
    "лише розірвані" / "only terminated", the kinds, the statuses, the years or the picked period."""
    from .schema import ENDED_STATUSES

    out: list[str] = []
    statuses = set(f.statuses)
    if statuses and statuses <= set(ENDED_STATUSES):
        out.append(i18n.t("pr.only_terminated", lang))
    elif statuses != set(F.DEFAULT_STATUSES):
        labels = ", ".join(i18n.status_label(s, lang) for s in f.statuses)
        out.append(i18n.t("pr.statuses", lang, statuses=labels))
    if f.kinds:
        out.append(", ".join(i18n.kind_label(k, lang) for k in f.kinds))
    if period:
        out.append(f"{i18n.format_date(f'{period[0]:%Y-%m}', lang)} – {i18n.format_date(f'{period[1]:%Y-%m}', lang)}")
    elif f.year_from or f.year_to:
        out.append(i18n.t("pr.years", lang, first=f.year_from or "…", last=f.year_to or "…"))
    return out


def title_card(sel: pd.DataFrame, f: F.Filters, lang: str, oblast_name: Callable[[str], str],
               country_name: Callable[[str], str], focus: str = "",
               period: tuple[_dt.date, _dt.date] | None = None) -> TitleCard:
    """"Donetsk Oblast" / "14 partnerships · 6 countries" (Ukrainian plural forms in Ukrainian), then
    what else narrows the selection (:func:`qualifiers`): terminated ties, a period, kinds."""
    from .schema import ENDED_STATUSES

    n, c = len(sel), int(sel[C.PARTNER_COUNTRY].nunique()) if len(sel) else 0
    key = "pr.ended_n" if f.statuses and set(f.statuses) <= set(ENDED_STATUSES) else "pr.partnerships_n"
    parts = [i18n.tn(key, lang, n), i18n.tn("pr.countries_n", lang, c), *qualifiers(f, lang, period)]
    return TitleCard(scope_label(f, lang, oblast_name, country_name, focus), " · ".join(parts))


# ------------------------------------------------------------------ the spotlight

@dataclass(frozen=True, slots=True)
class Partner:
    """One line of the spotlight card."""

    id: str
    partner_key: str
    name: str
    country: str
    country_label: str
    kind: str
    status: str
    date: str  # as in the data (YYYY[-MM[-DD]]) or ""
    date_label: str  # "6 квітня 2023" / "березень 2023" / "2022" / "date unknown"
    year: int | None
    latlon: LatLon | None


@dataclass(frozen=True, slots=True)
class Spotlight:
    key: str
    label: str
    oblast: str
    latlon: LatLon | None
    partners: tuple[Partner, ...]

    @property
    def years(self) -> list[int]:
        return sorted({p.year for p in self.partners if p.year is not None})

    def up_to(self, year: int | None) -> tuple[Partner, ...]:
        """Partners dated in or before ``year`` (all partners for None; undated ones only then)."""
        if year is None:
            return self.partners
        return tuple(p for p in self.partners if p.year is not None and p.year <= year)


def _latlon(lat, lon) -> LatLon | None:
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(la) or math.isnan(lo) else (la, lo)


def _sort_key(row: Mapping) -> tuple:
    """Oldest signing first (by first, then last possible day), undated last, then by name."""
    d = row[C.DATE]
    if d and row[C.DATE_EVENT] != DateEvent.TERMINATED:
        try:
            pd_ = parse_date(d)
            return (0, pd_.first_day, pd_.last_day, row[C.PARTNER_NAME])
        except ValueError:
            pass
    return (1, _dt.date.max, _dt.date.max, row[C.PARTNER_NAME])


def spotlight(df: pd.DataFrame, key: str, lang: str, country_name: Callable[[str], str]) -> Spotlight | None:
    """The place ``key`` and its partners in ``df``, oldest signing first, undated last."""
    rows = df[df[F.UA_KEY] == key]
    if not len(rows):
        return None
    first = rows.iloc[0]
    recs = sorted(rows.to_dict("records"), key=_sort_key)
    partners = []
    for r in recs:
        dated = bool(r[C.DATE]) and r[C.DATE_EVENT] != DateEvent.TERMINATED
        year = None
        if dated:
            try:
                year = parse_date(r[C.DATE]).year
            except ValueError:
                dated = False
        partners.append(Partner(
            id=r[C.ID], partner_key=r[F.PARTNER_KEY], name=r[C.PARTNER_NAME], country=r[C.PARTNER_COUNTRY],
            country_label=country_name(r[C.PARTNER_COUNTRY]), kind=r[C.KIND], status=r[C.STATUS],
            date=r[C.DATE] if dated else "",
            date_label=i18n.format_date(r[C.DATE], lang) if dated else i18n.t("pr.no_date", lang),
            year=year, latlon=_latlon(r.get(F.P_LAT), r.get(F.P_LON)),
        ))
    uk = str(first.get(C.UA_NAME_UK) or "")
    label = uk if (i18n.lang_or_default(lang) == "uk" and uk) else str(first[C.UA_NAME_EN])
    return Spotlight(key, label, str(first[C.UA_OBLAST]), _latlon(first.get(F.UA_LAT), first.get(F.UA_LON)),
                     tuple(partners))


def step(index: int, n: int, delta: int = 1) -> int:
    """The next (or previous) index in a ring of ``n`` items; 0 for an empty ring."""
    return (index + delta) % n if n else 0


def next_year(years: Sequence[int], current: int | None) -> int | None:
    """Stepping through years: first year after ``current``; after the last year, None ("all years");
    from None, the first year."""
    if not years:
        return None
    if current is None:
        return years[0]
    later = [y for y in years if y > current]
    return later[0] if later else None


# ------------------------------------------------------------------ fitting the map

def fit_bounds(points: Iterable[LatLon]) -> tuple[LatLon, LatLon] | None:
    """((south, west), (north, east)) around ``points``; None for no point."""
    pts = [p for p in points if p is not None]
    if not pts:
        return None
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return (min(lats), min(lons)), (max(lats), max(lons))


def geometry_points(geom: Mapping | None) -> list[LatLon]:
    """(lat, lon) vertices of a GeoJSON LineString / MultiLineString / Point (which is [lon, lat])."""
    if not geom:
        return []
    t, coords = geom.get("type"), geom.get("coordinates") or []
    if t == "Point":
        return [(coords[1], coords[0])]
    if t == "LineString":
        return [(c[1], c[0]) for c in coords]
    if t == "MultiLineString":
        return [(c[1], c[0]) for part in coords for c in part]
    return []


def _merc_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(bounds: tuple[LatLon, LatLon], width_px: int = 1200, height_px: int = 700,
             padding_px: int = 40, max_zoom: int = 9, min_zoom: int = 2) -> tuple[LatLon, int]:
    """Centre and the largest whole zoom at which ``bounds`` fits a ``width_px`` × ``height_px`` map
    (Web Mercator, 256-pixel tiles), like Leaflet's ``fitBounds``."""
    (s, w), (n, e) = bounds
    w_px, h_px = max(1, width_px - 2 * padding_px), max(1, height_px - 2 * padding_px)
    dx = max(abs(e - w) / 360.0, 1e-9)
    dy = max(abs(_merc_y(n) - _merc_y(s)) / (2 * math.pi), 1e-9)
    zoom = math.floor(min(math.log2(w_px / 256 / dx), math.log2(h_px / 256 / dy)))
    zoom = int(max(min_zoom, min(max_zoom, zoom)))
    yc = (_merc_y(n) + _merc_y(s)) / 2
    lat_c = math.degrees(2 * math.atan(math.exp(yc)) - math.pi / 2)
    return (round(lat_c, 4), round((w + e) / 2, 4)), zoom


def spotlight_bounds(df: pd.DataFrame, key: str) -> tuple[LatLon, LatLon] | None:
    """Bounds of the place ``key`` and its on-map arcs (the arcs bend north, so use their vertices)."""
    from pobratymy.render.mapbuild import GEOM

    rows = df[(df[F.UA_KEY] == key) & df[F.ON_MAP]] if len(df) else df
    pts: list[LatLon] = []
    for r in rows.to_dict("records"):
        pts.append((r[F.UA_LAT], r[F.UA_LON]))
        pts.append((r[F.P_LAT], r[F.P_LON]))
        pts.extend(geometry_points(r.get(GEOM)))
    return fit_bounds(pts)


def oblast_namer(lang: str) -> Callable[[str], str]:
    """``UA-14`` -> "Donetsk Oblast" / "Донецька область" (the code itself when unknown)."""
    from geo.regions import oblast_name

    lng = i18n.lang_or_default(lang)
    return lambda code: oblast_name(code, lng)


def country_namer(lang: str) -> Callable[[str], str]:
    """``DE`` -> "Germany" / "Німеччина" (from :mod:`geo.countries`)."""
    from geo.countries import country_name

    lng = i18n.lang_or_default(lang)
    return lambda code: country_name(code, lng)


def partner_line(p: Partner) -> str:
    """"Stamford (США) — 6 квітня 2023": one partner of the spotlight card as plain text."""
    return f"{p.name} ({p.country_label}) — {p.date_label}"
