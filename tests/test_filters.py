"""Filtering, headline figures and top lists on the real-place fixture."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from geo.normalize import fold
from pobratymy import filters as F
from pobratymy.io import load_partnerships
from pobratymy.places import load_places
from pobratymy.schema import COLUMNS

ALL = ("signed", "approved", "announced", "in_preparation", "terminated")
DONETSK = {"kramatorsk--stamford-us", "lyman--westport-us", "sviatohirsk--easton-us"}


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        (F.Filters(oblasts=("UA-14",)), DONETSK),
        (F.Filters(countries=("US",)), DONETSK),
        (F.Filters(countries=("RU",)), set()),  # terminated ties are hidden unless asked for
        (F.Filters(countries=("RU",), statuses=ALL), {"kharkiv--belgorod-ru"}),
        (F.Filters(statuses=("terminated",)), {"kharkiv--belgorod-ru"}),
        (F.Filters(kinds=("solidarity_partnership",)), {"kamianets-podilskyi--esslingen-am-neckar-de"}),
        (F.Filters(year_from=2023), {"kramatorsk--stamford-us", "sviatohirsk--easton-us",
                                     "kamianets-podilskyi--esslingen-am-neckar-de"}),
        (F.Filters(year_to=1999), {"kharkiv--nurnberg-de"}),  # undated rows drop out of a narrowed range
        (F.Filters(oblasts=("UA-68",), countries=("DE", "CA")),
         {"kamianets-podilskyi--esslingen-am-neckar-de", "kamianets-podilskyi--brantford-ca"}),
        (F.Filters(oblasts=("UA-05",)), set()),
    ],
)
def test_apply(map_frame, filters, expected_ids):
    assert set(F.apply(map_frame, filters)["id"]) == expected_ids


KAM = {"kamianets-podilskyi--esslingen-am-neckar-de", "kamianets-podilskyi--brantford-ca",
       "kamianets-podilskyi--cihanbeyli-tr"}


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("Кам'янець", KAM),  # Cyrillic with apostrophe
        ("Камʼянець-Подільський", KAM),  # another apostrophe character
        ("kamyanets", KAM),  # variant transliteration
        ("Kamenets-Podolsky", KAM),  # Russian-style romanisation (same consonant skeleton)
        ("КРАМАТОРСЬК", {"kramatorsk--stamford-us"}),
        ("stamford", {"kramatorsk--stamford-us"}),
        ("Charkiw", {"kharkiv--nurnberg-de"}),  # German spelling; Belgorod is terminated, hidden
        ("Святогорск", {"sviatohirsk--easton-us"}),  # Russian name of the town
        ("Львов", {"lviv--wroclaw-pl"}),
        ("Lwów", {"lviv--wroclaw-pl"}),
        ("zzzz", set()),
        ("   ", None),  # blank query = no filter
    ],
)
def test_search_finds_places_by_any_spelling(map_frame, query, expected_ids):
    got = set(F.apply(map_frame, F.Filters(query=query))["id"])
    if expected_ids is None:
        assert got == set(F.apply(map_frame, F.Filters())["id"])
    else:
        assert got == expected_ids


def test_headline_counts(map_frame):
    h = F.headline(F.apply(map_frame, F.Filters()))
    assert (h.partnerships, h.ua_places, h.partner_countries) == (9, 7, 6)
    # signed and dated on/after 24 Feb 2022: Kramatorsk 2023-04-06, Lyman 2022-12, Sviatohirsk 2023-03,
    # Esslingen 2023-04, Brantford 2022-04 (Belgorod is terminated, Nurnberg 1990, Paris undated)
    assert h.since_invasion == 5
    assert h.not_on_map == 1 and h.unmapped_ids == ("kamianets-podilskyi--cihanbeyli-tr",)


@pytest.mark.parametrize(
    ("date", "counts"),
    [("2022-02-24", True), ("2022-02-23", False), ("2022-02", False), ("2022-03", True), ("2022", False),
     ("2023", True), ("", False)],
)
def test_since_invasion_uses_first_possible_day(map_frame, date, counts):
    df = map_frame[map_frame["id"] == "lviv--wroclaw-pl"].copy()
    df["date"] = date
    df = F.enrich(df[[c for c in df.columns if c in COLUMNS]], {})  # the derived date columns anew
    assert F.headline(df).since_invasion == int(counts)
    assert F.INVASION == dt.date(2022, 2, 24)


def test_top_lists(map_frame):
    sel = F.apply(map_frame, F.Filters())
    tc = F.top_countries(sel, n=2)
    assert list(tc["partner_country"]) == ["US", "DE"] and list(tc["count"]) == [3, 2]
    tp = F.top_places(sel, n=1)
    assert tp.loc[0, "ua_name_en"] == "Kamianets-Podilskyi" and tp.loc[0, "partners"] == 3


def test_place_rows_sorted_live_first(map_frame):
    rows = F.place_rows(map_frame, "UA|ua 63|kharkiv")
    assert list(rows["id"]) == ["kharkiv--nurnberg-de", "kharkiv--belgorod-ru"]


def test_year_bounds(map_frame):
    assert F.year_bounds(map_frame) == (1990, 2023)
    assert F.year_bounds(map_frame[map_frame["date"] == ""]) is None


# ---------------------------------------------------------------- partners by another language's name

EXONYMS = Path(__file__).resolve().parent / "fixtures" / "exonyms"
NUR, MUC, KOELN = "kharkiv--nurnberg-de", "kyiv--munchen-de", "dnipro--koln-de"


def _fake_ids(table: dict[str, set[str]]):
    return lambda q: frozenset(table.get(fold(q), ()))


FAKE = _fake_ids({"nuremberg": {"2861650"}, "мюнхен": {"2867714"}, "warsaw": {"756135"}})


@pytest.mark.parametrize(
    ("query", "place_ids", "expected_ids"),
    [
        ("Nuremberg", FAKE, {"kharkiv--nurnberg-de"}),
        ("Nuremberg", None, set()),  # without a gazetteer: today's text search only
        ("Charkiw", FAKE, {"kharkiv--nurnberg-de"}),  # the text search still works beside it
        ("Warsaw", FAKE, set()),  # a known place that is nobody's partner in the fixture
        ("zzzz", FAKE, set()),
    ],
)
def test_search_by_partner_id_with_fake_resolver(map_frame, query, place_ids, expected_ids):
    assert set(F.apply(map_frame, F.Filters(query=query), place_ids)["id"]) == expected_ids


@pytest.fixture(scope="module")
def exonym_frame():
    loaded = load_partnerships(EXONYMS / "partnerships.csv")
    assert not loaded.problems, loaded.problems
    return F.enrich(loaded.frame, load_places(EXONYMS / "places.csv"))


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("Мюнхен", {MUC}),
        ("Munich", {MUC}),
        ("Warsaw", set()),
        ("Monaco", set()),
    ],
)
def test_search_by_partner_id_fake_on_exonyms(exonym_frame, query, expected_ids):
    ids = _fake_ids({"мюнхен": {"2867714"}, "munich": {"2867714"}, "warsaw": {"756135"}})
    assert set(F.apply(exonym_frame, F.Filters(query=query), ids)["id"]) == expected_ids


@pytest.fixture(scope="module")
def gazetteer_ids():
    from geo.geocoder import OfflineGeocoder

    return F.gazetteer_place_ids(OfflineGeocoder.default().gaz)


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("Nuremberg", {NUR}),
        ("Нюрнберг", {NUR}),
        ("Munich", {MUC}),
        ("Мюнхен", {MUC}),
        ("Cologne", {KOELN}),
        ("Кельн", {KOELN}),
        ("Köln", {KOELN}),  # the data's own spelling: the text search
        ("Харків", {NUR}),  # the Ukrainian side, by the text search
        ("Warsaw", set()),  # a real city, nobody's partner here
        ("Nuremb", set()),  # a half-typed exonym names nothing (exact names only)
        ("Bavaria", set()),  # a region name is not a partner place
    ],
)
def test_search_by_exonym_with_real_gazetteer(exonym_frame, gazetteer_ids, query, expected_ids):
    assert set(F.apply(exonym_frame, F.Filters(query=query), gazetteer_ids)["id"]) == expected_ids
    if expected_ids and query in {"Nuremberg", "Munich", "Cologne"}:  # the gap this closes
        assert set(F.apply(exonym_frame, F.Filters(query=query))["id"]) == set()


def test_enrich_per_distinct_equals_each_row_alone():
    """enrich computes keys, coordinates, dates, search text and occupation once per distinct value and
    spreads them to the rows; every row must get what it gets when enriched alone (real data)."""
    from pobratymy.config import GEO_DATA_DIR

    root = Path(__file__).resolve().parent.parent / "data"
    frame = load_partnerships(root / "partnerships.csv").frame
    places = load_places(root / "places.csv", root / "places_overrides.csv")
    aliases = F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv")
    whole = F.enrich(frame, places, aliases)
    step = max(1, len(frame) // 60)
    for i in range(0, len(frame), step):
        alone = F.enrich(frame.iloc[[i]], places, aliases).iloc[0]
        row = whole.iloc[i]
        for col in (F.UA_KEY, F.PARTNER_KEY, F.P_GEONAMEID, F.SEARCH, F.FIRST_DAY, F.SINCE_INVASION, F.OCCUPIED,
                    F.ON_MAP):
            assert row[col] == alone[col], (i, col)
        for col in (F.UA_LAT, F.UA_LON, F.P_LAT, F.P_LON, F.YEAR):
            assert (pd.isna(row[col]) and pd.isna(alone[col])) or row[col] == alone[col], (i, col)


def test_enrich_empty_frame_has_the_derived_columns(map_frame):
    empty = F.enrich(map_frame.iloc[0:0][[c for c in map_frame.columns if c in COLUMNS]], {})
    for col in (F.UA_KEY, F.PARTNER_KEY, F.UA_LAT, F.P_LON, F.ON_MAP, F.YEAR, F.SEARCH, F.OCCUPIED):
        assert col in empty.columns
    assert F.apply(empty, F.Filters()).empty


def test_enrich_without_search_text_fails_loudly_on_a_query(map_frame):
    raw = map_frame[[c for c in map_frame.columns if c in COLUMNS]]
    df = F.enrich(raw, {}, search=False)
    assert F.SEARCH not in df.columns
    assert len(F.apply(df, F.Filters(oblasts=("UA-14",)))) == len(F.apply(F.enrich(raw, {}), F.Filters(oblasts=("UA-14",))))
    with pytest.raises(KeyError):
        F.apply(df, F.Filters(query="Lviv"))
