"""Ukraine's 27 first-level regions (``geo/data/ua_regions.csv``): the one reader of that table.

``ua_regions()`` returns the rows as immutable :class:`Region` values keyed by ISO 3166-2 (``UA-46``).
New code that needs an oblast's name, capital or aliases calls this instead of opening the CSV.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "ua_regions.csv"

#: Regions under Russian occupation since 2014 (the whole region): Crimea and Sevastopol.
OCCUPIED_SINCE_2014: frozenset[str] = frozenset({"UA-43", "UA-40"})


@dataclass(frozen=True, slots=True)
class Region:
    iso: str  # ISO 3166-2, "UA-46"
    geonames_admin1: str
    name_en: str
    name_uk: str
    capital_en: str
    capital_uk: str
    type: str  # oblast | city | autonomous_republic
    aliases: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def ua_regions(path: str | Path = TABLE) -> dict[str, Region]:
    """ISO 3166-2 code -> :class:`Region`, in the table's order."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return {
            r["iso_3166_2"]: Region(
                iso=r["iso_3166_2"], geonames_admin1=r["geonames_admin1"], name_en=r["name_en"],
                name_uk=r["name_uk"], capital_en=r["capital_en"], capital_uk=r["capital_uk"], type=r["type"],
                aliases=tuple(a.strip() for a in r.get("aliases", "").split("|") if a.strip()),
            )
            for r in csv.DictReader(fh)
        }


def oblast_name(code: str, lang: str = "uk") -> str:
    """``UA-14`` -> "Донецька область" / "Donetsk Oblast" (the code itself when unknown)."""
    r = ua_regions().get(code)
    return (r.name_uk if lang == "uk" else r.name_en) if r else code


@functools.lru_cache(maxsize=1)
def oblast_index() -> dict[str, str]:
    """Every name people write for a region (code, English, Ukrainian, aliases), folded -> ISO code."""
    from .normalize import fold

    index: dict[str, str] = {}
    for r in ua_regions().values():
        for name in (r.iso, r.name_en, r.name_uk, *r.aliases):
            if fold(name):
                index.setdefault(fold(name), r.iso)
    return index
