"""The view as URL query parameters and back (pure), so a link restores filters and the selected place.

``?lang=en&oblast=UA-14&kind=sister_city,twinning&from=2022&q=Краматорськ&place=UA|ua 14|kramatorsk``.
Only values that differ from the defaults are written; unknown or invalid values are dropped on read
(a hand-edited link never crashes the page).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import i18n
from .filters import DEFAULT_STATUSES, Filters
from .schema import UA_OBLAST_CODES, Kind, Status

P_LANG, P_OBLAST, P_COUNTRY, P_KIND, P_STATUS = "lang", "oblast", "country", "kind", "status"
P_FROM, P_TO, P_QUERY, P_PLACE, P_TILES = "from", "to", "q", "place", "tiles"
PARAMS: tuple[str, ...] = (P_LANG, P_OBLAST, P_COUNTRY, P_KIND, P_STATUS, P_FROM, P_TO, P_QUERY, P_PLACE, P_TILES)

_KINDS = {k.value for k in Kind}
_STATUSES = {s.value for s in Status}


@dataclass(frozen=True, slots=True)
class View:
    lang: str = i18n.DEFAULT_LANG
    filters: Filters = field(default_factory=Filters)
    place: str = ""
    tiles: bool = False


def _one(params: Mapping, name: str) -> str:
    v = params.get(name, "")
    if isinstance(v, (list, tuple)):
        v = v[-1] if v else ""
    return str(v or "").strip()


def _many(params: Mapping, name: str, allowed: Iterable[str] | None = None, upper: bool = False) -> tuple[str, ...]:
    raw = params.get(name, "")
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    out: list[str] = []
    for item in items:
        for part in str(item or "").split(","):
            p = part.strip().upper() if upper else part.strip()
            if p and (allowed is None or p in allowed) and p not in out:
                out.append(p)
    return tuple(out)


def _year(params: Mapping, name: str) -> int | None:
    v = _one(params, name)
    return int(v) if v.isdigit() and 1900 <= int(v) <= 2100 else None


def from_params(params: Mapping) -> View:
    """A :class:`View` from ``st.query_params`` (or any mapping of str -> str | list[str])."""
    countries = tuple(c for c in _many(params, P_COUNTRY, upper=True) if len(c) == 2 and c.isalpha())
    statuses = _many(params, P_STATUS, _STATUSES) or DEFAULT_STATUSES
    f = Filters(
        oblasts=_many(params, P_OBLAST, UA_OBLAST_CODES, upper=True),
        countries=countries,
        kinds=_many(params, P_KIND, _KINDS),
        statuses=statuses,
        year_from=_year(params, P_FROM),
        year_to=_year(params, P_TO),
        query=_one(params, P_QUERY)[:100],
    )
    return View(lang=i18n.lang_or_default(_one(params, P_LANG)), filters=f, place=_one(params, P_PLACE)[:200],
                tiles=_one(params, P_TILES) == "1")


def to_params(view: View) -> dict[str, str]:
    """The non-default parts of ``view`` as query parameters (str -> str)."""
    f = view.filters
    out: dict[str, str] = {}
    if view.lang != i18n.DEFAULT_LANG:
        out[P_LANG] = view.lang
    if f.oblasts:
        out[P_OBLAST] = ",".join(f.oblasts)
    if f.countries:
        out[P_COUNTRY] = ",".join(f.countries)
    if f.kinds:
        out[P_KIND] = ",".join(f.kinds)
    if tuple(sorted(f.statuses)) != tuple(sorted(DEFAULT_STATUSES)) and f.statuses:
        out[P_STATUS] = ",".join(f.statuses)
    if f.year_from is not None:
        out[P_FROM] = str(f.year_from)
    if f.year_to is not None:
        out[P_TO] = str(f.year_to)
    if f.query.strip():
        out[P_QUERY] = f.query.strip()
    if view.place:
        out[P_PLACE] = view.place
    if view.tiles:
        out[P_TILES] = "1"
    return out
