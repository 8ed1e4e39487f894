"""Places under temporary occupation: a documented table (``data/occupied.csv``) and one pure lookup.

Each row of the table names a region (``level`` = oblast: the whole region) or a city (with the settlements
subordinate to its council), the date (or year) its occupation began, and the public source read for it:

- the Autonomous Republic of Crimea (UA-43) and Sevastopol (UA-40) since 20 February 2014, Law of Ukraine
  No 1207-VII "On ensuring civil rights and freedoms and the legal regime on the temporarily occupied
  territory of Ukraine", art. 3;
- the cities of Donetsk and Luhansk oblasts listed by Presidential Decree No 32/2019, occupied since 2014.

- places occupied since 2022 that the dataset has (Mariupol, Melitopol, Berdiansk, Dniprorudne, Hola Prystan,
  Skadovsk, Kakhovka, Nova Kakhovka, Starobilsk, Popasna, Bakhmut, Avdiivka, Siverskodonetsk, Starobilsk Raion,
  the hromadas of Vesele and Chulakivka), Starobesheve (its raion is in Decree No 32/2019) and Slovianoserbsk
  (since 2014), each with the page read for it and the date that page gives (only a month or a year where
  the page gives no day). The official list is the Ministry's "Перелік територій, на яких ведуться (велися)
  бойові дії або тимчасово окупованих" (order No 309 of 22.12.2022 as amended, e.g. order No 221 of 2 August
  2024, cited at https://ns-gromada.gov.ua/news/1724438243); its per-place content could not be read here, so a
  person may refine the dates from it.
Mind that ties signed after 2022 by the *legitimate* councils of occupied towns (working from
government-controlled territory) are real: the build keeps a post-occupation tie only when a source is a
Ukrainian authority, so such rows need that source in the row. :func:`occupied` answers ``None`` for a place that is not in the table -
which means "not in the table", not "free".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.normalize import fold

from .schema import PartialDate, parse_date

OCCUPIED_FILE = Path(__file__).resolve().parent.parent / "data" / "occupied.csv"


@dataclass(frozen=True, slots=True)
class Occupation:
    """The caveat for one place: which table row matched, since when, on what source."""

    place: str  # the table's name of the occupied region or city (English)
    place_uk: str
    since: str  # YYYY or YYYY-MM-DD
    source_url: str
    evidence: str

    @property
    def since_date(self) -> PartialDate:
        return parse_date(self.since)

    def text(self, lang: str = "uk") -> str:
        """One line for a tooltip or the details panel, e.g. 'Sevastopol: temporarily occupied since 2014-02-20'."""
        from .i18n import format_date, t

        return t("data.occupied", lang, place=self.place_uk if lang == "uk" else self.place,
                 since=format_date(self.since, lang))


@lru_cache(maxsize=4)
def load_table(path: str | Path = OCCUPIED_FILE) -> tuple[tuple[str, str, str, str, Occupation], ...]:
    """(oblast, level, folded en name, folded uk name, Occupation) for each row of the table."""
    with open(path, encoding="utf-8", newline="") as fh:
        out = []
        for r in csv.DictReader(fh):
            parse_date(r["since"])  # a bad date in the table is an error, not a silent skip
            occ = Occupation(r["name_en"], r["name_uk"], r["since"], r["source_url"], r["evidence"])
            out.append((r["ua_oblast"], r["level"], fold(r["name_en"]), fold(r["name_uk"]), occ))
    return tuple(out)


def occupied(ua_oblast: str, ua_name: str = "", ua_level: str = "", ua_name_uk: str = "",
             table_path: str | Path = OCCUPIED_FILE) -> Occupation | None:
    """The occupation caveat for a Ukrainian side, or ``None`` when the table does not list it.

    A region row covers every place of that region (and the region itself); a city row covers the city
    (matched on its English or Cyrillic name within its oblast), not the oblast it lies in.

    >>> occupied("UA-40", "Sevastopol").since
    '2014-02-20'
    >>> occupied("UA-14", "Kramatorsk") is None
    True
    """
    names = {fold(ua_name), fold(ua_name_uk)} - {""}
    for oblast, level, en, uk, occ in load_table(str(table_path)):
        if oblast != ua_oblast:
            continue
        if level == "oblast":
            return occ
        if ua_level != "oblast" and names & {en, uk}:
            return occ
    return None


def ukrainian_authority(url: str) -> bool:
    """A source published by a Ukrainian authority (a ``gov.ua`` host: ministries, councils, military
    administrations)."""
    import re

    m = re.match(r"^https?://([^/?#:]+)", url or "", flags=re.IGNORECASE)
    host = m.group(1).lower().rstrip(".") if m else ""
    return host == "gov.ua" or host.endswith(".gov.ua")


def after_occupation(row, occ: Occupation | None = None) -> Occupation | None:
    """The occupation a row's ``date`` falls after (a tie that may have been made under occupation), else
    None. A date known only as the year the occupation began is not "after" it; a date that dates the end
    (``date_event`` terminated) is not the tie's start."""
    from .schema import C

    occ = occ or row_occupied(row)
    date = row.get(C.DATE, "")
    if occ is None or not date or row.get(C.DATE_EVENT) == "terminated":  # an end date, not the tie's start
        return None
    return occ if parse_date(date).first_day > occ.since_date.last_day else None


def row_occupied(row) -> Occupation | None:
    """:func:`occupied` for a partnership row (mapping with the schema's columns)."""
    from .schema import C

    return occupied(row.get(C.UA_OBLAST, ""), row.get(C.UA_NAME_EN, ""), row.get(C.UA_LEVEL, ""),
                    row.get(C.UA_NAME_UK, ""))
