"""Country names and codes -> ISO alpha-2 (geo.countries)."""

import pytest

from geo.countries import country_name, to_iso2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DE", "DE"), ("de", "DE"), ("DEU", "DE"), ("POL", "PL"), ("UA", "UA"),
        ("Німеччина", "DE"), ("ФРН", "DE"), ("Deutschland", "DE"), ("Germany", "DE"), ("Германия", "DE"),
        ("США", "US"), ("USA", "US"), ("United States", "US"), ("Сполучені Штати Америки", "US"),
        ("UK", "GB"), ("United Kingdom", "GB"), ("Велика Британія", "GB"), ("Great Britain", "GB"),
        ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Чехія", "CZ"), ("Česko", "CZ"),
        ("Польща", "PL"), ("Polska", "PL"), ("Poland", "PL"),
        ("Molodova", "MD"), ("Moldova", "MD"), ("Moldova, Republic of", "MD"), ("Молдова", "MD"),
        ("Франція", "FR"), ("France", "FR"), ("Литва", "LT"), ("Lietuva", "LT"), ("Грузія", "GE"),
        ("Туреччина", "TR"), ("Türkiye", "TR"), ("South Korea", "KR"), ("Korea, Republic of", "KR"),
        ("Нідерланди", "NL"), ("the Netherlands", "NL"), ("Holland", "NL"),
        ("Österreich", "AT"), ("Austria", "AT"), ("Австрія", "AT"), ("Італія", "IT"), ("Italia", "IT"),
        ("Сербія", "RS"), ("Kosovo", "XK"), ("Україна", "UA"), ("Ukraine", "UA"), ("Канада", "CA"),
        ("  Japan  ", "JP"), ("JAPAN", "JP"),
    ],
)
def test_to_iso2_known(text, expected):
    assert to_iso2(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", None, "xx", "Atlantis", "<script>alert(1)</script>", "'; DROP TABLE x; --", "a\x00b",
     "x" * 5000, 42],
)
def test_to_iso2_unknown_is_none(text):
    assert to_iso2(text) is None


@pytest.mark.parametrize(
    ("iso2", "lang", "expected"),
    [("DE", "uk", "Німеччина"), ("CZ", "uk", "Чехія"), ("GB", "uk", "Велика Британія"),
     ("PL", "uk", "Польща"), ("DE", "en", "Germany"), ("pl", "en", "Poland"), ("ZZ", "uk", "ZZ")],
)
def test_country_name(iso2, lang, expected):
    assert country_name(iso2, lang) == expected


def test_country_name_rejects_unknown_language():
    with pytest.raises(ValueError, match="'fr'"):
        country_name("DE", "fr")
