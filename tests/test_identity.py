"""The one identity rule (pobratymy/identity.py): same Ukrainian side, same partner, same tie, ids."""

from __future__ import annotations

from pobratymy.identity import (
    TieIndex,
    feature_type,
    make_id,
    pair_key,
    partner_core,
    same_partner,
    same_tie,
    same_ua,
    slug,
    unique_id,
)
from pobratymy.schema import C


def rec(ua="Kramatorsk", oblast="UA-14", level="city", partner="Stamford", cc="US", plevel="city", code=""):
    return {C.UA_NAME_EN: ua, C.UA_OBLAST: oblast, C.UA_LEVEL: level, C.PARTNER_NAME: partner,
            C.PARTNER_COUNTRY: cc, C.PARTNER_LEVEL: plevel, "ua_katottg": code}


def test_feature_type_by_level():
    assert feature_type("city") == "city" and feature_type("town") == "city" and feature_type("") == "city"
    assert feature_type("region") == "region" and feature_type("state") == "region"
    assert feature_type("county") is None and feature_type("district") is None


def test_katottg_decides_the_ukrainian_side_when_both_carry_it():
    a = rec(code="UA14160150010066858")
    assert same_ua(a, rec(ua="Kramatorsk ", code="UA14160150010066858"))
    # same name, different register codes: two places (e.g. two Slobozhanske hromadas)
    assert not same_ua(rec(ua="Slobozhanske", code="UA63120270000014497"),
                       rec(ua="Slobozhanske", code="UA12040170000025624"))
    # one without a code: the name rule decides
    assert same_ua(a, rec())
    assert not same_ua(a, rec(oblast="UA-63"))


def test_geonames_decides_the_partner_else_seat_and_level():
    assert same_partner(rec(partner="Köln", cc="DE"), rec(partner="Cologne", cc="DE"), 2886242, 2886242)
    assert not same_partner(rec(partner="Köln", cc="DE"), rec(partner="Cologne", cc="DE"))
    assert same_partner(rec(partner="Gmina Przeworsk", cc="PL"), rec(partner="Przeworsk", cc="PL"))
    # a town and the gmina of that name are one council, whatever level a source labels it with
    assert same_partner(rec(partner="Bisztynek", cc="PL", plevel="town"),
                        rec(partner="Gmina Bisztynek", cc="PL", plevel="district"))
    # a town and its county have different names: two partners unless a reviewed alias joins them
    assert not same_partner(rec(partner="Przeworsk", cc="PL"), rec(partner="Powiat przeworski", cc="PL",
                                                                     plevel="county"))
    # a region is never its capital
    assert not same_partner(rec(partner="Lublin", cc="PL"), rec(partner="Lublin Voivodeship", cc="PL",
                                                                plevel="region"))
    assert not same_partner(rec(partner="Paris", cc="FR"), rec(partner="Paris", cc="US"))


def test_same_tie_and_pair_key():
    a, b = rec(), rec(partner="City of Stamford")
    assert same_tie(a, b) and pair_key(a) == pair_key(b)
    assert not same_tie(a, rec(partner="Easton"))
    assert pair_key(a) != pair_key(rec(partner="Easton"))


def test_index_finds_a_row_by_any_identifier():
    idx = TieIndex()
    idx.add(rec(code="UA14160150010066858"), "kramatorsk--stamford-us", {"partner_geonameid": 4843564})
    assert idx.find(rec(partner="Stamford (Connecticut)")) == "kramatorsk--stamford-us"
    assert idx.find(rec(ua="Kramatorsk", code="UA14160150010066858", partner="Stamford CT"),
                    {"partner_geonameid": 4843564}) == "kramatorsk--stamford-us"
    assert idx.find(rec(code="UA99999999999999999")) is None
    assert idx.find(rec(partner="Easton")) is None


def test_slug_and_ids():
    assert slug("Кам'янець-Подільський") == slug("Kamianets-Podilskyi") == "kamianets-podilskyi"
    assert partner_core("Gmina Miasto Przeworsk (powiat)") == "przeworsk"
    assert make_id(rec()) == "kramatorsk--stamford-us"
    assert make_id(rec(), "UA-14") == "kramatorsk-ua-14--stamford-us"
    assert unique_id("a", {"a", "a-2"}) == "a-3" and unique_id("b", {"a"}) == "b"
