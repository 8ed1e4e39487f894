"""Variant skeletons and romanised keys (geo.normalize)."""

import pytest

from geo.normalize import fold, latinize, skeletons, translit_uk


@pytest.mark.parametrize(
    "group",
    [
        ["Kryvyi Rih", "Kryvyy Rih", "Krivoy Rog", "Кривий Ріг", "Krywyj Rih"],
        ["Zaporizhzhia", "Zaporizhzhya", "Saporischschja", "Запоріжжя"],
        ["Kharkiv", "Charkiw", "Харків", "Kharkov"],
        ["Chernivtsi", "Czerniowce", "Czernowitz", "Чернівці"],
        ["Kyiv", "Kiev", "Kiew", "Kijów", "Київ"],
        ["Düsseldorf", "Dusseldorf", "Дюссельдорф"],
        ["Rzeszów", "Жешув"],
    ],
)
def test_spellings_share_a_skeleton(group):
    sets = [set(skeletons(n)) for n in group]
    common = set.intersection(*sets)
    assert common, {n: s for n, s in zip(group, sets, strict=True)}


@pytest.mark.parametrize(("a", "b"), [("Kyiv", "Lviv"), ("Odesa", "Uzhhorod"), ("Kharkiv", "Kherson"),
                                      ("Sumy", "Rivne")])
def test_different_places_differ(a, b):
    assert not set(skeletons(a)) & set(skeletons(b))


@pytest.mark.parametrize(("text", "expected"), [("Кривий Ріг", "kryvyi rih"), ("Düsseldorf", "dusseldorf"),
                                                ("Кам’янець-Подільський", "kamianets podilskyi"), ("", "")])
def test_latinize(text, expected):
    assert latinize(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "<>", "\x00", "123"])
def test_skeleton_of_nothing_is_empty(text):
    assert skeletons(text) == []


def test_existing_behaviour_kept():
    assert translit_uk("Згурівка") == "Zghurivka"
    assert fold("Łódź") == "lodz"
