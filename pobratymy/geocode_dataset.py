"""Resolve every place of the partnerships CSV into ``data/places.csv`` (the dashboard's geocoding cache).

Ukrainian side: ``place_key(ua_name_en, "UA", ua_oblast)``; partner side:
``place_key(partner_name, partner_country, partner_region)``, with ``partner_level`` as a feature hint.
Rows of ``data/places_overrides.csv`` always win and are not geocoded; earlier online (Nominatim)
answers in ``data/places.csv`` are kept (cached forever).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pobratymy.places import PLACE_COLUMNS, Place, place_key, read_places, write_places

_RAION_WORD = re.compile(r"\s+(raion|district)\b.*$", re.IGNORECASE)

PARTNER_FEATURE = {"region": "region", "state": "region", "county": None, "district": None, "city": "city",
                   "town": "city", "village": "city", "": None}


@dataclass
class PlacesReport:
    total: int = 0
    resolved: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (key, reason)
    path: str = ""


def _place(key, name, country, region, loc) -> Place:
    raw = loc.raw
    gid = raw.get("geonameid")
    return Place(key, name, country, region, float(loc.latitude), float(loc.longitude), raw.get("name", ""),
                 "" if gid is None else str(gid), raw.get("source", ""))


def wanted_places(frame) -> dict[str, tuple[str, str, str, str | None, list[str]]]:
    """key -> (name, country, region, feature hint, other spellings) for every place the data uses."""
    from pobratymy.schema import C

    out: dict[str, tuple[str, str, str, str | None, list[str]]] = {}
    for r in frame.to_dict("records"):
        ua_key = place_key(r[C.UA_NAME_EN], "UA", r[C.UA_OBLAST])
        feat = "region" if r[C.UA_LEVEL] == "oblast" else None
        others = [r.get(C.UA_NAME_UK) or ""]
        if r[C.UA_LEVEL] == "raion":  # a raion sits at its seat town, never at the oblast's point
            feat = "city"
            others = [_RAION_WORD.sub("", r[C.UA_NAME_EN]).strip(), *others]
        out.setdefault(ua_key, (r[C.UA_NAME_EN], "UA", r[C.UA_OBLAST], feat, others))
        p_key = place_key(r[C.PARTNER_NAME], r[C.PARTNER_COUNTRY], r[C.PARTNER_REGION])
        feat = PARTNER_FEATURE.get(r.get(C.PARTNER_LEVEL) or "", None)
        out.setdefault(p_key, (r[C.PARTNER_NAME], r[C.PARTNER_COUNTRY], r[C.PARTNER_REGION], feat, []))
    return out


def resolve_place(geocoder, name, country, region, feature, others=(), online=None):
    """Location for one dataset place or None: the feature hint first, then without it, then the other
    spellings, then (if given) online. (A region that matches nothing is already relaxed by the geocoder.)"""
    attempts = [(name, region, feature)]
    if feature:
        attempts.append((name, region, None))
    attempts += [(o, region, feature) for o in others if o]
    seat_only = country == "UA" and feature == "city"  # a raion: at its seat town, never the oblast's point
    for n, reg, feat in attempts:
        loc = geocoder.geocode(n, country=country or None, region=reg or None, featuretype=feat)
        if loc is not None and not (seat_only and loc.raw.get("feature") != "city"):
            return loc
    if online is not None:
        return online.geocode(name, country=country or None, region=region or None, featuretype=feature)
    return None


def build_places(settings, geocoder, online=None) -> PlacesReport:
    from pobratymy.io import atomic_write_bytes, load_partnerships

    loaded = load_partnerships(settings.data_path)
    overrides = read_places(settings.overrides_path)
    previous = read_places(settings.places_path)
    report = PlacesReport(path=str(settings.places_path))
    out: list[Place] = []
    for key, (name, country, region, feature, others) in sorted(wanted_places(loaded.frame).items()):
        report.total += 1
        if key in overrides:
            src = "override"
            report.resolved += 1
            report.by_source[src] = report.by_source.get(src, 0) + 1
            continue
        loc = resolve_place(geocoder, name, country, region, feature, others)
        if loc is not None and country != "UA" and loc.raw.get("feature") == "region" and feature is None:
            loc = unit_seat(geocoder, name, country, loc) or loc
        namesakes = ambiguous_namesakes(geocoder, name, country, region, loc)
        if namesakes:
            report.unresolved.append((key, (
                f"the name exists in several regions of {country} ({', '.join(namesakes)}) and the source gives "
                "no region: placed only with its region (add partner_region or an override row)")))
            continue
        if loc is None and key in previous and previous[key].source == "nominatim" and previous[key].latlon:
            out.append(previous[key])
            report.resolved += 1
            report.by_source["nominatim"] = report.by_source.get("nominatim", 0) + 1
            continue
        if loc is None and online is not None:
            loc = online.geocode(name, country=country or None, region=region or None, featuretype=feature)
        if loc is None:
            why = unresolved_reason(name, country, region)
            report.unresolved.append((key, why + (" (online lookup also failed)" if online else "")))
            continue
        pl = _place(key, name, country, region, loc)
        out.append(pl)
        report.resolved += 1
        report.by_source[pl.source] = report.by_source.get(pl.source, 0) + 1
    write_places(settings.places_path, out)
    atomic_write_bytes(Path(settings.places_path).with_name("places_report.md"),
                       report_markdown(report).encode("utf-8"))
    ov = Path(settings.overrides_path)
    if not ov.exists():
        atomic_write_bytes(ov, (",".join(PLACE_COLUMNS) + "\n").encode("utf-8"))
    return report


def unit_seat(geocoder, name: str, country: str, region_loc):
    """A district/county the gazetteer found as a first-level region (Romanian județ, Moldovan raion,
    Hungarian megye, Latvian novads...) sits at its seat: the namesake town of that region ("Strășeni
    District" -> Strășeni, "Kuldīgas novads" -> Kuldīga), when there is one; else None."""
    from geo.geocoder import REGION_WORDS, UNIT_WORDS, seat_names
    from geo.normalize import fold

    words = [w for w in fold(name).split() if w not in UNIT_WORDS and w not in REGION_WORDS and w != "of"]
    region = region_loc.raw.get("region") or region_loc.raw.get("name")
    here = (region_loc.latitude, region_loc.longitude)  # (GeoNames' point of the region, not always central)
    for cand in seat_names(words):
        # within the region; else (GeoNames region codes differ) a namesake town near the region's point
        for reg in (region, None):
            loc = geocoder.geocode(cand, country=country, region=reg, featuretype="city")
            if (loc is not None and loc.raw.get("feature") == "city" and float(loc.raw.get("confidence", 0)) >= 0.9
                    and fold(loc.raw.get("name", ""))[:4] == fold(cand)[:4]
                    and (reg or _km(here, (loc.latitude, loc.longitude)) <= SEAT_KM
                         or _only_city(geocoder, loc.raw.get("name", ""), country))):
                return loc
    return None


def _only_city(geocoder, name: str, country: str) -> bool:
    """The country has exactly one city of this name in the gazetteer."""
    from geo.normalize import fold

    gaz = getattr(geocoder, "gaz", None)
    if gaz is None:
        return False
    key = fold(name)
    return len({r.pid for r, _ in gaz.by_key(key) if r.cc == country and r.feature == "city"
                and fold(r.name) == key}) == 1


#: How far (km) from a region's point its namesake seat may lie when the gazetteer's region codes differ.
SEAT_KM = 60.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


#: A namesake this many times larger than every other is the place a source means without a region.
DOMINANT_POPULATION = 10


def ambiguous_namesakes(geocoder, name: str, country: str, region: str, loc) -> list[str]:
    """Regions of the partner's country holding a city of exactly this name, when the source gives no region
    (or one the gazetteer does not know, so it could not narrow the search) and no namesake is :data:`DOMINANT_POPULATION` times larger than the others (so 'Boyarka''s partner
    'Bziny' is not put at an unrelated Bziny); [] when the place is unambiguous (or Ukrainian, or has a
    region, or was matched as a region or a unit's seat)."""
    from geo.normalize import fold

    if not country or country == "UA" or loc is None or loc.raw.get("feature") != "city":
        return []
    knows = getattr(geocoder, "knows_region", None)
    if region and (knows is None or knows(region, country)):  # a region the gazetteer understands narrowed it
        return []
    gaz = getattr(geocoder, "gaz", None)
    if gaz is None or loc.raw.get("source") == "seat":
        return []
    key = fold(loc.raw.get("matched") or name)
    best: dict[str, int] = {}
    for row, _src in gaz.by_key(key):
        if row.cc != country or row.feature != "city" or fold(row.name) != key:
            continue
        best[row.region] = max(best.get(row.region, 0), int(row.pop or 0))
    if len(best) < 2:
        return []
    pops = sorted(best.values(), reverse=True)
    if pops[0] >= DOMINANT_POPULATION * max(pops[1], 1):
        return []
    return sorted(best)


def unresolved_reason(name: str, country: str, region: str) -> str:
    """Why a dataset place has no coordinates, in words a clerk can act on."""
    from geo.geocoder import UNIT_WORDS
    from geo.normalize import fold

    where = f"{country}{', ' + region if region else ''}"
    if country and len(country) != 2:
        return f"country {country!r} is not an ISO alpha-2 code"
    words = set(fold(name).split())
    if words & UNIT_WORDS or {"gmina", "sectorul", "bezirk", "parish", "council", "authority", "liitto"} & words:
        return (f"an administrative unit ({where}) whose seat is not a namesake town in GeoNames cities500 "
                "(or a body without one seat): a person should pick the point and add it to the overrides")
    if country == "UA":
        return (f"a Ukrainian village or hromada centre ({region}) that is not among GeoNames places of 500+ "
                "people; the raw sources give no coordinates for it")
    return (f"no place of this name or a close spelling in GeoNames cities500 ({where}): a settlement under "
            "500 people, a city district or a unit GeoNames does not list")


def report_markdown(rep: PlacesReport) -> str:
    """``data/places_report.md``: the counts and every unresolved place with its reason."""
    lines = ["# Places report of data/places.csv", "",
             "Written by `python -m pobratymy geocode --dataset`; regenerated on every run. A place listed here "
             "has no point on the map until a row for its key is added to `data/places_overrides.csv`.", "",
             f"- places used by the dataset: {rep.total}",
             f"- resolved: {rep.resolved} ({', '.join(f'{k} {v}' for k, v in sorted(rep.by_source.items()))})",
             f"- unresolved: {len(rep.unresolved)}", "", f"## Unresolved ({len(rep.unresolved)})", ""]
    lines += [f"- `{k}`: {why}" for k, why in rep.unresolved] or ["(none)"]
    return "\n".join(lines) + "\n"


def format_report(rep: PlacesReport) -> str:
    lines = [f"{rep.path}: {rep.resolved}/{rep.total} places resolved "
             f"({', '.join(f'{k} {v}' for k, v in sorted(rep.by_source.items()))})"]
    if rep.unresolved:
        lines.append(f"{len(rep.unresolved)} unresolved (add them to data/places_overrides.csv):")
        lines += [f"  {k}: {why}" for k, why in rep.unresolved]
    return "\n".join(lines)
