"""Offline geocoder: an evaluation table (tests/fixtures/geo_eval.csv) and hostile input.

Expected places are GeoNames ids (or region/country codes); their coordinates come from the index
itself, so the table checks that the right place is found, not that a number was copied."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from geo.geocoder import MAX_QUERY, OfflineGeocoder

EVAL = Path(__file__).parent / "fixtures" / "geo_eval.csv"


def _rows():
    with EVAL.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            r["query"] = r["query"].replace("\\x00", "\x00")
            marks = [pytest.mark.xfail(strict=True, reason=r["known_miss"])] if r.get("known_miss") else []
            yield pytest.param(r, id=f"{r['category']}:{r['query'][:40]}", marks=marks)


def _km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="session")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder.default()


@pytest.mark.parametrize("case", list(_rows()))
def test_evaluation_table(geocoder, case):
    loc = geocoder.geocode(case["query"], country=case["country"] or None, region=case["region"] or None,
                           featuretype=case["featuretype"] or None)
    expect = case["expect"]
    if not expect:
        assert loc is None
        return
    assert loc is not None, "not found"
    raw = loc.raw
    assert 0 < raw["confidence"] <= 1
    if expect.startswith("country:"):
        assert (raw["feature"], raw["country"]) == ("country", expect.split(":")[1])
    elif expect.startswith("region:"):
        code = expect.split(":")[1]
        assert raw["feature"] == "region"
        if "|" in code:
            cc, admin1 = code.split("|")
            row = geocoder.gaz.get(_pid_of_region(geocoder, cc, admin1))
            assert (raw["country"], raw["region"]) == (cc, row.region)
        else:
            assert raw["region"] == code
    else:
        want = geocoder.gaz.get(int(expect))
        assert want is not None, f"fixture names GeoNames id {expect} that is not in the index"
        km = _km((loc.latitude, loc.longitude), (want.lat, want.lon))
        assert km <= float(case["tol_km"]), f"{loc.address} is {km:.0f} km from {want.name}"
        assert raw["geonameid"] == want.geonameid


def _pid_of_region(geocoder, cc, admin1):
    hits = [r for r in geocoder.gaz.regions(cc) if r.admin1 == admin1]
    assert hits, f"no region {cc}/{admin1} in the index"
    return hits[0].pid


@pytest.mark.parametrize(
    "query",
    ["", " ", "\t\n", "x" * 5000, "Kyiv" * 2000, "\x00", "Ky\x00iv" * 100, "<script>alert(1)</script>",
     "' OR 1=1 --", None, 42, b"Kyiv", ["Kyiv"], "\u202e\u202d", "🙂🙂🙂", "."],
)
def test_hostile_input_is_none(geocoder, query):
    assert geocoder.geocode(query) is None


def test_long_query_is_capped(geocoder):
    assert geocoder.geocode("Kyiv " + " " * MAX_QUERY) is None
    assert geocoder.geocode("Kyiv") is not None


def test_unknown_featuretype_is_an_error(geocoder):
    with pytest.raises(ValueError, match="featuretype"):
        geocoder.geocode("Kyiv", featuretype="planet")


@pytest.mark.parametrize(
    ("name", "oblast", "name_en", "name_uk", "region"),
    [
        ("Кривий Ріг", None, "Kryvyi Rih", "Кривий Ріг", "UA-12"),
        ("Krivoy Rog", None, "Kryvyi Rih", "Кривий Ріг", "UA-12"),
        ("Dnipropetrovsk", None, "Dnipro", "Дніпро", "UA-12"),
        ("Artemivsk", "UA-14", "Bakhmut", "Бахмут", "UA-14"),
        ("Zaporizhzhya", "Запорізька область", "Zaporizhzhia", "Запоріжжя", "UA-23"),
        ("Donetsk", "UA-14", "Donetsk", "Донецьк", "UA-14"),
        ("Kremenchuk", None, "Kremenchuk", "Кременчук", "UA-53"),
    ],
)
def test_resolve_ua_names(geocoder, name, oblast, name_en, name_uk, region):
    loc = geocoder.resolve_ua(name, oblast)
    assert loc is not None
    assert (loc.raw["name_en"], loc.raw["name_uk"], loc.raw["region"], loc.raw["country"]) == (
        name_en, name_uk, region, "UA")


def test_oblast_is_a_region(geocoder):
    loc = geocoder.resolve_ua("Донеччина")
    assert (loc.raw["feature"], loc.raw["region"], loc.raw["source"]) == ("region", "UA-14", "ua_regions")


def test_region_filter_beats_population(geocoder):
    ct = geocoder.geocode("Easton", country="US", region="Connecticut")
    pa = geocoder.geocode("Easton", country="US", region="PA")
    assert ct.raw["region"] == "Connecticut" and pa.raw["region"] == "Pennsylvania"


def test_country_filter(geocoder):
    assert geocoder.geocode("Lemberg", country="DE").raw["country"] == "DE"
    assert geocoder.geocode("Lemberg", country="UA").raw["country"] == "UA"
    assert geocoder.geocode("Kyiv", country="Atlantis") is None


@pytest.mark.parametrize(
    ("core", "expected"),
    [
        (["limanowski"], "limanowa"), (["prudnicki"], "prudnik"), (["opolski"], "opole"),
        (["ostrodzki"], "ostroda"), (["gnieznienski"], "gniezno"), (["jonkopings"], "jonkoping"),
        (["falu"], "falun"), (["de", "strasbourg"], "strasbourg"), (["inhuletskyi"], "inhulets"),
    ],
)
def test_seat_names(core, expected):
    from geo.geocoder import seat_names

    assert expected in seat_names(core)


@pytest.mark.parametrize(
    ("query", "country", "region"),
    [("Powiat krakowski", "PL", None), ("Falu kommun", "SE", "Dalarnas län"), ("Kovel raion", "UA", "UA-07")],
)
def test_unit_at_its_seat_says_so(geocoder, query, country, region):
    loc = geocoder.geocode(query, country=country, region=region)
    assert loc is not None and loc.raw["source"] == "seat" and loc.raw["confidence"] == 0.8


@pytest.mark.parametrize(("present", "current", "left"), [
    (["gazetteer-v14.sqlite", "gazetteer-v15.sqlite"], "gazetteer-v15.sqlite", ["gazetteer-v15.sqlite"]),
    (["gazetteer-v9.sqlite", "gazetteer-v15.sqlite", "notes.txt", "gazetteer-v14.sqlite.tmp"],
     "gazetteer-v15.sqlite", ["gazetteer-v14.sqlite.tmp", "gazetteer-v15.sqlite", "notes.txt"]),
    (["gazetteer-v15.sqlite", "gazetteer-vX.sqlite"], "gazetteer-v15.sqlite",
     ["gazetteer-v15.sqlite", "gazetteer-vX.sqlite"]),
])
def test_remove_stale_indexes(tmp_path, present, current, left):
    from geo.gazetteer import remove_stale_indexes

    for name in present:
        (tmp_path / name).write_bytes(b"x")
    remove_stale_indexes(tmp_path / current)
    assert sorted(p.name for p in tmp_path.iterdir()) == left
