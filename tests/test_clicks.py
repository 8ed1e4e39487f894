"""A click on a partner dot selects that partner: the tooltips added to the click index are the ones the
map draws, and the partner's rows list its Ukrainian sides."""

import html

import pytest

from geo.countries import country_name
from pobratymy import filters as F
from pobratymy.render import clicks, mapbuild

ALL = F.Filters(statuses=("signed", "approved", "announced", "in_preparation", "terminated"))


def cn(code):
    return country_name(code, "uk")


@pytest.fixture
def index(map_frame):
    sel = F.apply(map_frame, ALL)
    _, idx = mapbuild.dynamic_layers(sel, "uk", cn)
    return clicks.add_partners(idx, sel, cn)


def test_every_partner_dot_tooltip_is_indexed(map_frame, index):
    _, dots = mapbuild.place_collections(F.apply(map_frame, ALL), "uk", cn)
    drawn = {html.unescape(f["properties"]["t"]) for f in dots["features"]}
    assert drawn and drawn <= set(index.by_tooltip)


@pytest.mark.parametrize(
    ("tooltip", "expected"),
    [
        ("Nürnberg (Німеччина)", "DE|bayern|nurnberg"),
        ("Stamford (Сполучені Штати Америки)", "US|connecticut|stamford"),
        ("Краматорськ — Stamford (Сполучені Штати Америки)", "UA|ua 14|kramatorsk"),  # a line: unchanged
        ("Cihanbeyli (Туреччина)", None),  # no coordinates, no dot
        ("Nürnberg", None),
    ],
)
def test_click_resolves_partner_dots(index, tooltip, expected):
    assert index.resolve(tooltip, {"lat": 49.4, "lng": 11.0}) == expected


def test_partner_rows_list_the_ukrainian_sides(map_frame):
    rows = F.partner_rows(map_frame, "DE|bayern|nurnberg")
    assert list(rows["id"]) == ["kharkiv--nurnberg-de"]
    assert F.partner_rows(map_frame, "UA|ua 63|kharkiv").empty  # a Ukrainian key is not a partner
