"""pobratymy.quality on tiny fixtures: place issues with a fake candidate finder, overrides (admin only),
rows without date/source, suspected duplicates, counts, formula-safe downloads; one real-gazetteer test."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from geo.places import load_places, read_places
from pobratymy import quality as Q
from pobratymy.errors import ReadOnlyError
from pobratymy.io import load_partnerships, read_csv_str
from pobratymy.store import read_change_log

FIX = Path(__file__).parent / "fixtures"
DATA, PLACES, OVERRIDES = FIX / "quality_partnerships.csv", FIX / "quality_places.csv", FIX / "quality_overrides.csv"

# real GeoNames coordinates (as the offline gazetteer gives them)
SPRINGFIELD_MO = Q.Candidate("Springfield", "US", "Missouri", 37.21533, -93.29824, "city", "4409896", "geonames",
                             170188, 1.0, True)
SPRINGFIELD_IL = Q.Candidate("Springfield", "US", "Illinois", 39.80172, -89.64371, "city", "4250542", "geonames",
                             114394, 0.9)
SPRINGFIELD_MA = Q.Candidate("Springfield", "US", "Massachusetts", 42.1015, -72.5898, "city", "4951788", "geonames",
                             154341, 0.9)
EASTON_CT = Q.Candidate("Easton", "US", "Connecticut", 41.25287, -73.29734, "city", "4833661", "geonames", 7490,
                        0.55, True)
WESTPORT_CT = Q.Candidate("Westport", "US", "Connecticut", 41.14149, -73.3579, "city", "4845585", "geonames", 26391,
                          0.45)
SVIATOHIRSK = Q.Candidate("Sviatohirsk", "UA", "UA-14", 49.04101, 37.57194, "city", "692016", "geonames", 4309,
                          1.0, True)
CINCINNATI = Q.Candidate("Cincinnati", "US", "Ohio", 39.12711, -84.51439, "city", "4508722", "geonames", 296943,
                         1.0, True)
CINCINNATI_IA = Q.Candidate("Cincinnati", "US", "Iowa", 40.6303, -92.9238, "city", "", "geonames", 357, 0.9)
KRAMATORSK = Q.Candidate("Kramatorsk", "UA", "UA-14", 48.73106, 37.56779, "city", "704508", "geonames", 173700,
                         1.0, True)


class FakeFinder:
    """Candidates by (name, country); records every question."""

    TABLE = {
        ("Springfield", "US"): [SPRINGFIELD_MO, SPRINGFIELD_IL, SPRINGFIELD_MA],
        ("Easton", "US"): [EASTON_CT],
        ("Westport (CT)", "US"): [WESTPORT_CT],
        ("Sviatohirsk", "UA"): [SVIATOHIRSK],
        ("Cincinnati", "US"): [CINCINNATI, CINCINNATI_IA],  # overridden in the fixture
        ("Kramatorsk", "UA"): [KRAMATORSK],
    }

    def __init__(self):
        self.asked = []

    def candidates(self, name, country, region="", feature=None):
        self.asked.append((name, country, region, feature))
        return list(self.TABLE.get((name, country), []))


@pytest.fixture(scope="module")
def loaded():
    return load_partnerships(DATA)


@pytest.fixture(scope="module")
def places():
    return load_places(PLACES, OVERRIDES)


def by_key(issues):
    return {i.key: i for i in issues}


# ------------------------------------------------------------------------------------------ places
def test_dataset_places_lists_both_sides_with_the_rows_that_use_them(loaded):
    uses = Q.dataset_places(loaded.frame)
    assert len(uses) == 13
    assert uses["UA|ua 14|lyman"].ids == ("lyman--westport-us", "lyman--westport-ct-us")
    assert uses["UA|ua 14|lyman"].side == "ua"
    assert (uses["US||springfield"].side, uses["US||springfield"].feature) == ("partner", "city")
    assert "US|connecticut|westport ct" in uses


@pytest.mark.parametrize(("key", "problem", "confidence", "n_candidates"), [
    ("UA|ua 14|sviatohirsk", Q.UNRESOLVED, None, 1),       # a row without lat/lon
    ("US|connecticut|westport ct", Q.UNRESOLVED, None, 1),  # no row at all
    ("US||springfield", Q.AMBIGUOUS, 1.0, 3),               # same name 700+ km apart, no region given
    ("US|connecticut|easton", Q.LOW_CONFIDENCE, 0.55, 1),
])
def test_place_issues(loaded, places, key, problem, confidence, n_candidates):
    issue = by_key(Q.place_issues(loaded.frame, places, FakeFinder()))[key]
    assert (issue.problem, issue.confidence, len(issue.candidates)) == (problem, confidence, n_candidates)


def test_place_issues_flags_nothing_else_and_sorts_unresolved_first(loaded, places):
    issues = Q.place_issues(loaded.frame, places, FakeFinder())
    assert [i.key for i in issues] == ["UA|ua 14|sviatohirsk", "US|connecticut|westport ct", "US||springfield",
                                       "US|connecticut|easton"]


def test_an_overridden_place_is_a_decision_and_never_asked_about(tmp_path, loaded):
    ov = tmp_path / "places_overrides.csv"
    ov.write_text(OVERRIDES.read_text(encoding="utf-8") + "US||springfield,Springfield,US,,39.80172,-89.64371,"
                  "Springfield,4250542,override\n", encoding="utf-8")
    finder = FakeFinder()
    issues = by_key(Q.place_issues(loaded.frame, load_places(PLACES, ov), finder))
    assert "US||springfield" not in issues and "US|connecticut|easton" in issues
    assert [a for a in finder.asked if a[0] in {"Springfield", "Cincinnati"}] == []


@pytest.mark.parametrize(("dwarfed_by", "flagged"), [(10.0, False), (1000.0, True)])
def test_a_tiny_namesake_does_not_make_a_city_ambiguous(loaded, dwarfed_by, flagged):
    # Cincinnati, Ohio (296,943) and Cincinnati, Iowa (357), without the override
    issues = by_key(Q.place_issues(loaded.frame, load_places(PLACES), FakeFinder(), dwarfed_by=dwarfed_by))
    assert ("US|ohio|cincinnati" in issues) is flagged


def test_without_a_finder_only_unresolved_places_are_found(loaded, places):
    issues = Q.place_issues(loaded.frame, places)
    assert [(i.key, i.problem, i.candidates) for i in issues] == [
        ("UA|ua 14|sviatohirsk", Q.UNRESOLVED, ()), ("US|connecticut|westport ct", Q.UNRESOLVED, ())]


@pytest.mark.parametrize(("a", "b", "km"), [
    ((50.45466, 30.5238), (50.45466, 30.5238), 0.0),
    ((50.45466, 30.5238), (48.85341, 2.3488), 2023.0),      # Kyiv - Paris
    ((37.21533, -93.29824), (39.80172, -89.64371), 428.7),  # Springfield MO - IL
    ((0.0, 179.9), (0.0, -179.9), 22.2),                     # across the antimeridian
])
def test_km_between(a, b, km):
    assert Q.km_between(a, b) == pytest.approx(km, abs=1.0)


def test_dedupe_keeps_one_candidate_per_place():
    twin = Q.Candidate("Springfield", "US", "Missouri", 37.2154, -93.2983, "city", "", "renamed", 0, 0.9)
    assert Q._dedupe([SPRINGFIELD_MO, twin, SPRINGFIELD_IL, SPRINGFIELD_IL]) == [SPRINGFIELD_MO, SPRINGFIELD_IL]


# ------------------------------------------------------------------------------------------ overrides
def test_override_is_refused_without_admin_rights_before_touching_the_disk(tmp_path, loaded, places):
    issue = by_key(Q.place_issues(loaded.frame, places, FakeFinder()))["US||springfield"]
    with pytest.raises(ReadOnlyError):
        Q.save_override(tmp_path / "places_overrides.csv", Q.override_for(issue, SPRINGFIELD_IL), writable=False,
                        change_log=tmp_path / "changes.csv")
    assert list(tmp_path.iterdir()) == []


def test_override_is_written_atomically_keeps_other_rows_logs_and_settles_the_issue(tmp_path, loaded):
    ov = tmp_path / "places_overrides.csv"
    ov.write_bytes(OVERRIDES.read_bytes())
    issue = by_key(Q.place_issues(loaded.frame, load_places(PLACES, ov), FakeFinder()))["US||springfield"]
    Q.save_override(ov, Q.override_for(issue, SPRINGFIELD_IL), writable=True, who="olena",
                    change_log=tmp_path / "changes.csv")
    rows = read_places(ov)
    assert set(rows) == {"US|ohio|cincinnati", "US||springfield"}
    pl = rows["US||springfield"]
    assert (pl.latlon, pl.source, pl.matched_name, pl.geonameid) == ((39.80172, -89.64371), "override", "Springfield",
                                                                    "4250542")
    log = read_change_log(tmp_path / "changes.csv")
    assert (log[-1]["who"], log[-1]["ids"]) == ("olena", "US||springfield")
    after = by_key(Q.place_issues(loaded.frame, load_places(PLACES, ov), FakeFinder()))
    assert "US||springfield" not in after and "US|connecticut|easton" in after
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("lat", "lon", "error"), [(float("nan"), 1.0, ValueError), (91.0, 0.0, ValueError),
                                                   ("north", 0.0, TypeError)])
def test_override_refuses_impossible_coordinates(lat, lon, error):
    issue = Q.PlaceIssue("US||x", "X", "US", "", Q.UNRESOLVED, ("a",), "partner")
    with pytest.raises(error):
        Q.override_for(issue, Q.Candidate("X", "US", "", lat, lon))


# -------------------------------------------------------------------------------------------- rows
@pytest.mark.parametrize(("column", "rows"), [
    ("date", [(5, "lyman--westport-ct-us"), (6, "kyiv--paris-fr")]),
    ("source_url", [(10, "kharkiv--bologna-it")]),
    ("ended", [2, 3, 4, 5, 6, 7, 9, 10]),
    ("no_such_column", []),
])
def test_missing_gives_file_row_numbers(column, rows):
    got = Q.missing(read_csv_str(DATA), column)
    if rows and isinstance(rows[0], int):
        assert [r["row"] for r in got] == rows
    else:
        assert [(r["row"], r["id"]) for r in got] == rows


def test_invalid_rows_lists_what_validation_left_out(loaded):
    assert Q.invalid_rows(loaded.problems) == [
        {"row": 10, "id": "kharkiv--bologna-it", "column": "source_url", "reason": "is required"}]


# ------------------------------------------------------------------------------------------ duplicates
def test_suspected_duplicates(loaded):
    got = [(d.reason, d.ids, d.score) for d in Q.suspected_duplicates(loaded.frame)]
    # one identity rule (pobratymy/identity.py): "Westport (CT)" is the seat town Westport, so the same pair
    assert got == [(Q.SAME_PAIR, ("kramatorsk--stamford-us", "kramatorsk--stamford-us-2"), 100),
                   (Q.SAME_PAIR, ("lyman--westport-us", "lyman--westport-ct-us"), 100)]


@pytest.mark.parametrize(("a", "b", "suspected"), [
    ("Stamford", "Stamfort", True),        # a typo
    ("Esslingen", "Esslingen am Neckar", True),
    ("Trakai", "Trakai District Municipality", True),   # the town or its district: worth a look
    ("Województwo Lubuskie", "Województwo Opolskie", False),  # only the generic word in common
    ("Nowy Sącz", "Nowy Targ", False),     # two real, different towns
    ("Bryansk", "Brest", False),
])
def test_similar_partner_names_of_the_same_place_and_country(loaded, a, b, suspected):
    df = loaded.frame.iloc[[0, 2]].copy()  # Kramatorsk-Stamford and Lyman-Westport
    df.loc[:, "ua_name_en"], df.loc[:, "ua_oblast"] = "Kramatorsk", "UA-14"
    df.loc[:, "partner_name"] = [a, b]
    got = [d.reason for d in Q.suspected_duplicates(df)]
    assert got == ([Q.SIMILAR_NAME] if suspected else [])


def test_alike_names_in_different_countries_are_not_duplicates(loaded):
    df = loaded.frame.iloc[[0, 2]].copy()
    df.loc[:, "ua_name_en"], df.loc[:, "ua_oblast"] = "Kramatorsk", "UA-14"
    df.loc[:, "partner_name"], df.loc[:, "partner_country"] = "Stamford", ["US", "GB"]
    assert Q.suspected_duplicates(df) == []


# -------------------------------------------------------------------------------------------- counts
def test_counts(loaded, places):
    issues = Q.place_issues(loaded.frame, places, FakeFinder())
    c = Q.counts(loaded.frame, loaded.problems, issues, Q.suspected_duplicates(loaded.frame))
    assert (c.rows, c.invalid_rows, c.with_date, c.day_precision, c.terminated, c.sources) == (8, 1, 6, 1, 1, 9)
    assert (c.with_date_pct, c.day_precision_pct, c.sources_per_row) == (75.0, 12.5, pytest.approx(1.12, abs=0.01))
    assert (c.places, c.unresolved_places, c.ambiguous_places, c.low_confidence_places, c.duplicates) == (
        13, 2, 1, 1, 2)


def test_counts_of_nothing_are_zero_not_a_division_error(loaded):
    c = Q.counts(loaded.frame.iloc[0:0])
    assert (c.rows, c.with_date_pct, c.sources_per_row) == (0, 0.0, 0.0)


# ------------------------------------------------------------------------------------------- exports
@pytest.mark.parametrize(("value", "written"), [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
                                                ("+1", "'+1"), ("@SUM(A1)", "'@SUM(A1)"), ("Kyiv", "Kyiv")])
def test_downloads_neutralise_formulas(value, written):
    data = Q.csv_bytes([{"name": value, "rows": 1}], ["name", "rows"])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["name", "rows"], [written, "1"]]


def test_issue_rows_fit_their_columns(loaded, places):
    for i in Q.place_issues(loaded.frame, places, FakeFinder()):
        assert tuple(i.as_row()) == Q.PLACE_ISSUE_COLUMNS
    for d in Q.suspected_duplicates(loaded.frame):
        assert tuple(d.as_row()) == Q.DUPLICATE_COLUMNS


# ------------------------------------------------------------------------------- the real gazetteer
@pytest.fixture(scope="module")
def gazetteer_finder():
    from geo.geocoder import OfflineGeocoder

    return Q.GazetteerFinder(OfflineGeocoder.default())


@pytest.mark.parametrize(("name", "country", "region", "first", "at_least", "regions"), [
    ("Springfield", "US", "", "Missouri", 5, {"Illinois", "Massachusetts"}),  # many: ambiguous
    ("Springfield", "US", "Illinois", "Illinois", 1, {"Illinois"}),           # the region settles it
    ("Mykolaivka", "UA", "UA-14", "UA-14", 2, {"UA-14"}),                     # two in Donetsk oblast
    ("Stamfort", "US", "Connecticut", "Connecticut", 1, {"Connecticut"}),     # typo: fuzzy, in region first
    ("Xyzzyq", "DE", "", None, 0, set()),
])
def test_gazetteer_finder(gazetteer_finder, name, country, region, first, at_least, regions):
    got = gazetteer_finder.candidates(name, country, region)
    assert len(got) >= at_least and len(got) <= Q.MAX_CANDIDATES
    if first:
        assert got[0].region == first and all(c.country == country for c in got)
    assert regions <= {c.region for c in got}
    assert sum(c.pick for c in got) <= 1


def test_with_candidates_fills_only_an_issue_without_them():
    bare = Q.PlaceIssue("US||springfield", "Springfield", "US", "", Q.UNRESOLVED, ("a",), "partner", feature="city")
    finder = FakeFinder()
    filled = Q.with_candidates(bare, finder)
    assert filled.candidates == (SPRINGFIELD_MO, SPRINGFIELD_IL, SPRINGFIELD_MA)
    assert finder.asked == [("Springfield", "US", "", "city")]
    assert Q.with_candidates(filled, finder) is filled and len(finder.asked) == 1


def test_the_overview_finder_skips_fuzzy_names(gazetteer_finder):
    quick = Q.GazetteerFinder(gazetteer_finder.geocoder, fuzzy=False)
    assert quick.candidates("Stamfort", "US", "Connecticut") == []
    assert gazetteer_finder.candidates("Stamfort", "US", "Connecticut")
