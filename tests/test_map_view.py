"""Deep links: the view <-> URL query parameters."""

import pytest

from pobratymy.filters import DEFAULT_STATUSES, Filters
from pobratymy.view import View, from_params, to_params


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(lang="en"),
        View(filters=Filters(oblasts=("UA-14",)), place="UA|ua 14|kramatorsk"),
        View(filters=Filters(countries=("US", "DE"), kinds=("sister_city", "twinning"), year_from=2022,
                             year_to=2024, query="Кам'янець"), tiles=True),
        View(filters=Filters(statuses=("signed", "terminated"))),
    ],
)
def test_round_trip(view):
    assert from_params(to_params(view)) == view


def test_defaults_write_nothing():
    assert to_params(View()) == {}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"oblast": "UA-14,UA-99,nonsense"}, Filters(oblasts=("UA-14",))),
        ({"country": "us,XYZ,1"}, Filters(countries=("US",))),
        ({"kind": "sister_city,bogus"}, Filters(kinds=("sister_city",))),
        ({"status": "bogus"}, Filters(statuses=DEFAULT_STATUSES)),
        ({"from": "20x2", "to": "2023"}, Filters(year_to=2023)),
        ({"q": ["old", "  new  "]}, Filters(query="new")),
    ],
)
def test_invalid_values_are_dropped(params, expected):
    assert from_params(params).filters == expected


def test_unknown_language_falls_back_to_ukrainian():
    assert from_params({"lang": "ru"}).lang == "uk"
