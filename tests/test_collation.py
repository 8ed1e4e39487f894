"""Ukrainian collation: the order of the Ukrainian alphabet, not of code points."""

import pytest

from pobratymy.collation import collate

UK_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def test_every_letter_of_the_alphabet_in_order():
    words = [f"{ch}а" for ch in UK_ALPHABET]
    assert collate(reversed(words)) == words


@pytest.mark.parametrize(("given", "expected"), [
    (["Івано-Франківська", "Автономна Республіка Крим"], ["Автономна Республіка Крим", "Івано-Франківська"]),
    (["Єгипет", "Австралія"], ["Австралія", "Єгипет"]),
    (["Їжаків", "Ізраїль", "Йорданія", "Индія"], ["Индія", "Ізраїль", "Їжаків", "Йорданія"]),
    (["Ґданськ", "Гя", "Дніпро"], ["Гя", "Ґданськ", "Дніпро"]),
    (["Кам'янець-Подільський", "Камʼянка", "Калуш"], ["Калуш", "Кам'янець-Подільський", "Камʼянка"]),
    (["Zürich", "Zagreb", "Ölsnitz", "Oslo"], ["Ölsnitz", "Oslo", "Zagreb", "Zürich"]),
])
def test_sorted_as_a_reader_expects(given, expected):
    assert collate(given) == expected


def test_label_function_and_codes():
    names = {"UA-26": "Івано-Франківська область", "UA-43": "Автономна Республіка Крим", "UA-05": "Вінницька область"}
    assert collate(names, names.get) == ["UA-43", "UA-05", "UA-26"]
