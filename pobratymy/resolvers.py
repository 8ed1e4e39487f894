"""The importer's resolver with the opt-in online fallback: offline gazetteer, then the places cache,
then OpenStreetMap Nominatim.

``OnlineFallbackResolver(offline, online, cache)`` fits :class:`pobratymy.importer.Resolver`. For each
place it asks, in order: the offline geocoder; the places cache (``places.csv`` + overrides, so an
answer Nominatim gave once is never asked again); and only then ``online``
(:class:`geo.online.NominatimFallback`, rate limited, failures counted, never raised). A Ukrainian place
goes online only with its oblast (village names repeat across oblasts), and an answer from another oblast
is dropped. What Nominatim answers is kept in :attr:`OnlineFallbackResolver.learned` until the caller
saves it with :func:`remember_places` — the import command does so only when it saves the rows.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geo.normalize import has_cyrillic, translit_uk
from pobratymy.places import Place, load_places, place_key, read_places, write_places

NOMINATIM = "nominatim"


class _Cached:
    """A geopy-like location rebuilt from a places-cache row."""

    def __init__(self, place: Place, raw: dict[str, Any]):
        self.latitude, self.longitude = place.lat, place.lon
        self.address = place.matched_name or place.name
        self.raw = raw


def _has_coords(loc) -> bool:
    try:
        return loc is not None and loc.latitude is not None and loc.longitude is not None
    except AttributeError:
        return False


@functools.lru_cache(maxsize=1)
def _oblast_names() -> dict[str, str]:
    from geo.regions import ua_regions

    return {code: r.name_en for code, r in ua_regions().items()}


class OnlineFallbackResolver:
    """Offline first, then the places cache, then Nominatim; see the module docstring."""

    def __init__(self, offline, online, cache: Mapping[str, Place] | None = None, *, give_up_after: int = 3):
        self.offline, self.online = offline, online
        self.give_up_after = give_up_after  # consecutive failures (no internet, 429...) before asking no more
        self._failed_in_a_row = 0
        self.skipped = 0  # places not asked because the server kept failing
        self.cache: dict[str, Place] = dict(cache or {})
        self.learned: dict[str, Place] = {}
        self._asked: dict[tuple, Any] = {}  # every online question once per resolver, whatever the answer
        self.cached = 0  # places answered by the cache instead of asking online
        self.wrong_oblast = 0  # online answers dropped: the place was in another oblast

    # ------------------------------------------------------------------------------------ Resolver
    def resolve_ua(self, name: str, oblast: str | None = None):
        offline = self.offline.resolve_ua(name, oblast=oblast)
        if _has_coords(offline) or not oblast:
            return offline
        name_en = translit_uk(name) if has_cyrillic(name) else name
        key = place_key(name_en, "UA", oblast)
        extra = {"name_en": name_en, "name_uk": name if has_cyrillic(name) else "", "region": oblast}
        hit = self._from_cache(key, extra)
        if hit is not None or self.online is None:
            return hit or offline
        loc = self._ask(name, "UA", _oblast_names().get(oblast, ""))
        if loc is None:
            return offline
        from .importer import oblast_code

        state = str(loc.raw.get("region") or "")
        if state and oblast_code(state) not in (None, oblast):
            self.wrong_oblast += 1
            return offline
        loc.raw.update(extra)
        self._learn(key, name_en, "UA", oblast, loc)
        return loc

    def geocode(self, query: str, country: str | None = None, region: str | None = None):
        offline = self.offline.geocode(query, country=country, region=region)
        if _has_coords(offline):
            return offline
        key = place_key(query, country or "", region or "")
        hit = self._from_cache(key, {})
        if hit is not None or self.online is None:
            return hit or offline
        loc = self._ask(query, country, region)
        if loc is None:
            return offline
        # the importer keeps the name as written unless it is Cyrillic (then Nominatim's name is used)
        name = str(loc.raw.get("name") or query) if has_cyrillic(query) else query
        self._learn(place_key(name, country or "", region or ""), name, country or "", region or "", loc)
        return loc

    # ------------------------------------------------------------------------------------- figures
    def stats(self) -> dict[str, Any]:
        """``{"online", "successes", "failures", "not_found", "cached", "wrong_oblast", "skipped",
        "failure_reasons"}``; ``skipped``: places not asked after ``give_up_after`` failures in a row."""
        on = self.online
        return {
            "online": on is not None,
            "successes": on.successes if on else 0,
            "failures": sum(on.failures.values()) if on else 0,
            "not_found": on.not_found if on else 0,
            "cached": self.cached,
            "wrong_oblast": self.wrong_oblast,
            "skipped": self.skipped,
            "failure_reasons": dict(on.failures) if on else {},
        }

    # ------------------------------------------------------------------------------------ internals
    def _ask(self, query: str, country: str | None, region: str | None):
        """Nominatim's answer, asked once per resolver (a page rerun or a repeated name asks nobody)."""
        k = (query, country, region)
        if k not in self._asked:
            if self._failed_in_a_row >= self.give_up_after:
                self.skipped += 1
                return None
            before = sum(self.online.failures.values())
            self._asked[k] = self.online.geocode(query, country=country, region=region or None)
            failed = sum(self.online.failures.values()) > before
            self._failed_in_a_row = self._failed_in_a_row + 1 if failed else 0
        loc = self._asked[k]
        if loc is None:
            return None
        return type(loc)(loc.address, (loc.latitude, loc.longitude), dict(loc.raw)) \
            if hasattr(loc, "point") else loc

    def _from_cache(self, key: str, extra: dict[str, Any]):
        pl = self.cache.get(key)
        if pl is None or pl.latlon is None:
            return None
        self.cached += 1
        return _Cached(pl, {"name": pl.matched_name or pl.name, "geonameid": pl.geonameid or None,
                            "country": pl.country, "source": pl.source or "cache", **extra})

    def _learn(self, key: str, name: str, country: str, region: str, loc) -> None:
        raw = loc.raw
        self.learned[key] = Place(key, name, country, region, float(loc.latitude), float(loc.longitude),
                                  str(raw.get("name") or ""), "", NOMINATIM)


def places_paths(data_path: Path, default_places: Path, default_overrides: Path) -> tuple[Path, Path]:
    """The places cache beside the data file (``places.csv``) when there is one, else the defaults
    (the same rule as ``pages.common.places_paths``)."""
    beside = Path(data_path).parent / "places.csv"
    if beside.exists():
        return beside, beside.with_name("places_overrides.csv")
    return Path(default_places), Path(default_overrides)


def load_cache(places_path: Path, overrides_path: Path) -> dict[str, Place]:
    """The places cache with overrides on top; an unreadable cache is an empty one (the import goes on)."""
    try:
        return load_places(places_path, overrides_path)
    except (OSError, ValueError, TypeError, csv.Error):
        return {}


def remember_places(places_path: Path, learned: Iterable[Place]) -> int:
    """Add ``learned`` places to the cache file (atomically); a key already there is kept as it is.
    Returns how many were added."""
    current = read_places(places_path)
    new = [p for p in learned if p.key not in current and p.latlon is not None]
    if new:
        current.update((p.key, p) for p in new)
        write_places(places_path, current.values())
    return len(new)


def places_of(result) -> list[Place]:
    """The places of the accepted rows of an import result that have coordinates (both sides), so that a
    save puts the new rows on the map at once, without waiting for ``geocode --dataset``.

    Callers add them only to a ``places.csv`` that sits beside the data file they saved to (see
    :func:`new_places_target`), never to another dataset's cache."""
    from pobratymy.places import place_key

    out: dict[str, Place] = {}
    for row in result.accepted:
        rec = row.record
        sides = (
            (rec.get("ua_name_en", ""), "UA", rec.get("ua_oblast", ""), row.ua_latlon),
            (rec.get("partner_name", ""), rec.get("partner_country", ""), rec.get("partner_region", ""),
             row.partner_latlon),
        )
        for name, country, region, latlon in sides:
            if name and latlon:
                key = place_key(name, country, region)
                out.setdefault(key, Place(key, name, country, region, float(latlon[0]), float(latlon[1]),
                                          "", "", "import"))
    return list(out.values())


def new_places_target(data_path: Path) -> Path | None:
    """Where the places of newly saved rows go: ``places.csv`` beside the data file, if there is one."""
    beside = Path(data_path).parent / "places.csv"
    return beside if beside.exists() else None
