"""The UI catalogue: complete in both languages; dates shown at their own precision."""

import pytest

from pobratymy import i18n
from pobratymy.schema import DateEvent, Kind, Status


def test_every_key_exists_in_every_language():
    assert i18n.missing_keys() == {lang: [] for lang in i18n.LANGS}


def test_every_enum_value_has_labels():
    assert set(i18n.KIND_LABELS) == {k.value for k in Kind}
    assert set(i18n.STATUS_LABELS) == {s.value for s in Status}
    assert set(i18n.DATE_EVENT_LABELS) == {e.value for e in DateEvent}


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_placeholders_match_between_languages(key):
    import string

    names = {lang: {f for _, f, _, _ in string.Formatter().parse(i18n.CATALOGUE[key][lang]) if f}
             for lang in i18n.LANGS}
    assert names["uk"] == names["en"]


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2023-04-06", "uk", "6 квітня 2023"),
        ("2023-04-06", "en", "6 April 2023"),
        ("2023-03", "uk", "березень 2023"),
        ("2023-03", "en", "March 2023"),
        ("2022", "uk", "2022"),
        ("2022", "en", "2022"),
        ("", "uk", ""),
        ("2022-13", "en", "2022-13"),  # not a date: shown as written, never guessed
    ],
)
def test_format_date(value, lang, expected):
    assert i18n.format_date(value, lang) == expected


@pytest.mark.parametrize(("given", "expected"), [("en", "en"), ("EN", "en"), ("uk", "uk"), ("ru", "uk"), (None, "uk")])
def test_lang_or_default(given, expected):
    assert i18n.lang_or_default(given) == expected


def test_t_fills_placeholders_and_refuses_unknown_keys():
    assert i18n.t("fig.not_on_map", "en", n=3) == "Not on map: 3"
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")
