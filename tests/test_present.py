"""pobratymy.present: focus in any spelling, title card, spotlight, fitting, stepping; i18n plurals."""

from __future__ import annotations

import pytest

from pobratymy import filters as F
from pobratymy import i18n
from pobratymy import present as P

KRAMATORSK = "UA|ua 14|kramatorsk"
KAMIANETS = "UA|ua 68|kamianets podilskyi"


@pytest.mark.parametrize(("query", "key"), [
    ("Kramatorsk", KRAMATORSK),
    ("Краматорськ", KRAMATORSK),
    ("  KRAMATORSK ", KRAMATORSK),
    ("kramatorsk", KRAMATORSK),
    ("Кам'янець-Подільський", KAMIANETS),
    ("Kamianets", KAMIANETS),
    ("Каменец-Подольский", KAMIANETS),
    ("Kharkov", "UA|ua 63|kharkiv"),
    ("Stamford", None),  # a partner is not a Ukrainian place
    ("zzzz", None),
    ("", None),
])
def test_find_place(map_frame, query, key):
    assert P.find_place(map_frame, query) == key


def test_find_place_uses_old_names():
    import pandas as pd

    df = pd.DataFrame({F.UA_KEY: ["UA|ua 14|bakhmut"], "ua_name_en": ["Bakhmut"], "ua_name_uk": ["Бахмут"],
                       "ua_oblast": ["UA-14"], F.PARTNER_KEY: ["x"]})
    aliases = {("bakhmut", "UA-14"): ["Artemivsk"]}
    assert P.find_place(df, "Artemivsk", aliases) == "UA|ua 14|bakhmut"
    assert P.find_place(df, "Artemivsk") is None


def _names(lang):
    return P.oblast_namer(lang), P.country_namer(lang)


@pytest.mark.parametrize(("lang", "filters", "expected"), [
    ("en", F.Filters(oblasts=("UA-14",)), "Donetsk Oblast · 3 partnerships · 1 country"),
    ("uk", F.Filters(oblasts=("UA-14",)), "Донецька область · 3 партнерства · 1 країна"),
    ("uk", F.Filters(), "Україна · 9 партнерств · 6 країн"),
    ("en", F.Filters(), "Ukraine · 9 partnerships · 6 countries"),
    ("en", F.Filters(oblasts=("UA-68",), countries=("DE",)), "Khmelnytskyi Oblast — Germany · 1 partnership · 1 country"),
])
def test_title_card(map_frame, lang, filters, expected):
    sel = F.apply(map_frame, filters)
    assert str(P.title_card(sel, filters, lang, *_names(lang))) == expected


def test_title_card_for_a_focus_place(map_frame):
    sel = map_frame[map_frame[F.UA_KEY] == KRAMATORSK]
    card = P.title_card(sel, F.Filters(), "uk", *_names("uk"), focus="Краматорськ")
    assert (card.title, card.subtitle) == ("Краматорськ", "1 партнерство · 1 країна")


@pytest.mark.parametrize(("lang", "label", "date"), [
    ("uk", "Краматорськ", "6 квітня 2023"),
    ("en", "Kramatorsk", "6 April 2023"),
])
def test_spotlight_kramatorsk(map_frame, lang, label, date):
    sp = P.spotlight(map_frame, KRAMATORSK, lang, P.country_namer(lang))
    assert sp.label == label
    assert [(p.name, p.date_label) for p in sp.partners] == [("Stamford", date)]
    assert sp.partners[0].latlon == pytest.approx((41.05343, -73.53873))
    assert sp.years == [2023]


def test_spotlight_orders_by_signing_and_puts_undated_last(map_frame):
    sp = P.spotlight(map_frame, KAMIANETS, "uk", P.country_namer("uk"))
    assert [p.name for p in sp.partners] == ["Brantford", "Esslingen am Neckar", "Cihanbeyli"]
    assert [p.date_label for p in sp.partners] == ["квітень 2022", "квітень 2023", "дата невідома"]
    assert [p.name for p in sp.up_to(2022)] == ["Brantford"]
    assert len(sp.up_to(None)) == 3
    assert sp.partners[2].latlon is None


def test_spotlight_of_unknown_place_is_none(map_frame):
    assert P.spotlight(map_frame, "UA|ua 99|nowhere", "uk", str) is None


@pytest.mark.parametrize(("years", "current", "expected"), [
    ([2022, 2023], None, 2022), ([2022, 2023], 2022, 2023), ([2022, 2023], 2023, None), ([], None, None),
    ([2022, 2023], 2019, 2022),
])
def test_next_year(years, current, expected):
    assert P.next_year(years, current) == expected


@pytest.mark.parametrize(("i", "n", "delta", "expected"), [(0, 3, 1, 1), (2, 3, 1, 0), (0, 3, -1, 2), (5, 0, 1, 0)])
def test_step(i, n, delta, expected):
    assert P.step(i, n, delta) == expected


def test_spotlight_bounds_include_the_arc_and_fit_view_contains_them(map_frame):
    (s, w), (n, e) = P.spotlight_bounds(map_frame, KRAMATORSK)
    assert w == pytest.approx(-73.539, abs=0.01) and e == pytest.approx(37.568, abs=0.01)
    assert n > 55  # the great circle to Connecticut bends far north of both ends
    (lat, lon), zoom = P.fit_view(((s, w), (n, e)), 1200, 700)
    assert w < lon < e and s < lat < n
    assert zoom == 2 or zoom == 3
    _, zoom_small = P.fit_view(((48.7, 37.5), (49.1, 37.9)), 1200, 700)
    assert zoom_small == 9  # capped


def test_fit_bounds_ignores_missing_points():
    assert P.fit_bounds([None, (1.0, 2.0), (3.0, -4.0)]) == ((1.0, -4.0), (3.0, 2.0))
    assert P.fit_bounds([]) is None


@pytest.mark.parametrize(("n", "uk", "en"), [
    (0, "0 партнерств", "0 partnerships"), (1, "1 партнерство", "1 partnership"), (2, "2 партнерства", "2 partnerships"),
    (4, "4 партнерства", "4 partnerships"), (5, "5 партнерств", "5 partnerships"), (11, "11 партнерств", "11 partnerships"),
    (12, "12 партнерств", "12 partnerships"), (14, "14 партнерств", "14 partnerships"),
    (21, "21 партнерство", "21 partnerships"), (22, "22 партнерства", "22 partnerships"),
    (111, "111 партнерств", "111 partnerships"), (1092, "1\u202f092 партнерства", "1,092 partnerships"),
])
def test_counted_phrases(n, uk, en):
    assert i18n.tn("pr.partnerships_n", "uk", n) == uk
    assert i18n.tn("pr.partnerships_n", "en", n) == en


def test_catalogue_complete_in_both_languages():
    assert i18n.missing_keys() == {"uk": [], "en": []}
    for key, entry in i18n.CATALOGUE.items():  # counted phrases have as many forms as the language needs
        if "|" in entry["uk"] or "|" in entry["en"]:
            assert len(entry["uk"].split("|")) == 3 and len(entry["en"].split("|")) == 2, key


def test_partner_line():
    p = P.Partner("id", "k", "Stamford", "US", "США", "sister_city", "signed", "2023-04-06", "6 квітня 2023", 2023, None)
    assert P.partner_line(p) == "Stamford (США) — 6 квітня 2023"
