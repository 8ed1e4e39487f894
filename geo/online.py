"""Opt-in online fallback: geopy's Nominatim behind geopy's RateLimiter, for places the gazetteer lacks.

Used only by ``python -m pobratymy geocode`` and the import flow when ``POBRATYMY_ONLINE_GEOCODER=1``
or ``--online``; results are cached forever by the caller (``data/places.csv``). Failures (timeout,
429, 5xx, garbage) are counted in :attr:`NominatimFallback.failures` with their reasons and give
``None``; successes are kept. The public server allows one request per second and forbids bulk jobs,
so the delay can only be lowered for another host (tests use a local server on 127.0.0.1).
"""

from __future__ import annotations

from collections import Counter

from geopy.location import Location

from pobratymy.errors import ConfigurationError

PUBLIC_DOMAIN = "nominatim.openstreetmap.org"
DEFAULT_USER_AGENT = "pobratymy-offline-dashboard/1.0 (https://github.com/pobratymy; geocode command)"


class NominatimFallback:
    """``geocode(query, country=, featuretype=) -> Location | None`` over Nominatim, rate limited."""

    def __init__(self, user_agent: str = DEFAULT_USER_AGENT, *, domain: str = PUBLIC_DOMAIN,
                 scheme: str = "https", timeout: float = 10.0, min_delay_seconds: float = 1.0):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        if not user_agent or "geopy" in user_agent.lower():
            raise ConfigurationError("the online geocoder needs an explicit user agent naming this project")
        if domain == PUBLIC_DOMAIN and min_delay_seconds < 1.0:
            raise ConfigurationError(f"the public Nominatim allows 1 request/s; min_delay_seconds={min_delay_seconds!r}")
        if timeout <= 0:
            raise ConfigurationError(f"timeout must be positive, got {timeout!r}")
        self.nominatim = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout)
        # swallow_exceptions=False on purpose: every failure is caught and counted below
        self._limited = RateLimiter(self.nominatim.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=0, swallow_exceptions=False)
        self.failures: Counter[str] = Counter()
        self.successes = 0
        self.not_found = 0

    def geocode(self, query: str, country: str | None = None, region: str | None = None,
                featuretype: str | None = None) -> Location | None:
        from geopy.exc import GeopyError

        if not isinstance(query, str) or not query.strip() or len(query) > 200 or "\x00" in query:
            return None
        q = ", ".join(p for p in (query.strip(), (region or "").strip()) if p)
        kwargs = {"exactly_one": True, "language": "en"}
        if country:
            kwargs["country_codes"] = country.lower()
        if featuretype in {"city", "state", "country"}:
            kwargs["featuretype"] = featuretype
        elif featuretype == "region":
            kwargs["featuretype"] = "state"
        try:
            loc = self._limited(q, **kwargs)
        except GeopyError as exc:
            self.failures[type(exc).__name__] += 1
            return None
        except (ValueError, TypeError, KeyError) as exc:  # a reply that is not Nominatim JSON
            self.failures[f"bad reply ({type(exc).__name__})"] += 1
            return None
        if loc is None:
            self.not_found += 1
            return None
        try:
            lat, lon = float(loc.latitude), float(loc.longitude)
        except (TypeError, ValueError):
            self.failures["bad coordinates"] += 1
            return None
        self.successes += 1
        raw = loc.raw if isinstance(loc.raw, dict) else {}
        addr = raw.get("address") or {}
        out = {
            "name": (raw.get("name") or loc.address or query).split(",")[0],
            "geonameid": None,
            "country": (addr.get("country_code") or country or "").upper(),
            "region": addr.get("state", ""),
            "source": "nominatim",
            "confidence": 0.7,
            "feature": "region" if raw.get("addresstype") in {"state", "region", "province"} else "city",
            "osm_id": raw.get("osm_id"),
        }
        return Location(loc.address, (lat, lon), out)
