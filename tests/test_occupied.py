"""The occupied-places table and its lookup (pobratymy/occupied.py)."""

from __future__ import annotations

import csv

from pobratymy.occupied import OCCUPIED_FILE, occupied, row_occupied
from pobratymy.schema import C, is_http_url, parse_date


def test_table_rows_have_a_date_and_http_sources():
    with open(OCCUPIED_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["ua_oblast"] for r in rows if r["level"] == "oblast"} == {"UA-43", "UA-40"}
    for r in rows:
        parse_date(r["since"])
        assert is_http_url(r["source_url"]) and r["evidence"]
        assert all(is_http_url(u.strip()) for u in r["other_sources"].split("|") if u.strip())


def test_crimea_and_sevastopol_since_2014():
    assert occupied("UA-43", "Yalta").since == "2014-02-20"
    assert occupied("UA-40", "Sevastopol").since == "2014-02-20"
    assert "20 February 2014" in occupied("UA-43", "Kerch").text("en")
    assert "20 лютого 2014" in occupied("UA-43", "Kerch").text("uk")


def test_a_city_row_covers_the_city_not_its_oblast():
    assert occupied("UA-14", "Donetsk").since == "2014"
    assert occupied("UA-14", "", ua_name_uk="Горлівка") is not None
    assert occupied("UA-14", "Donetsk Oblast", "oblast") is None
    assert occupied("UA-14", "Kramatorsk") is None
    assert occupied("UA-63", "Donetsk") is None  # same name elsewhere: not this table row


def test_row_lookup():
    assert row_occupied({C.UA_OBLAST: "UA-43", C.UA_NAME_EN: "Yalta", C.UA_LEVEL: "city"}) is not None
    assert row_occupied({C.UA_OBLAST: "UA-46", C.UA_NAME_EN: "Lviv", C.UA_LEVEL: "city"}) is None
