"""Reasons given for dataset places the offline gazetteer cannot place (data/places_report.md)."""

from __future__ import annotations

import pytest

from pobratymy.geocode_dataset import PlacesReport, report_markdown, unresolved_reason


@pytest.mark.parametrize(
    ("name", "country", "region", "part"),
    [
        ("Powiat lubelski", "PL", "Lublin Voivodeship", "administrative unit"),
        ("Kreis Segeberg", "DE", "Schleswig-Holstein", "administrative unit"),
        ("Gmina Solina", "PL", "", "administrative unit"),
        ("Myrohoshcha", "UA", "UA-56", "Ukrainian village"),
        ("Csókakő", "HU", "Fejér County", "under 500 people"),
        ("Somewhere", "Poland", "", "not an ISO alpha-2"),
    ],
)
def test_unresolved_reason(name, country, region, part):
    assert part in unresolved_reason(name, country, region)


def test_report_lists_every_unresolved_place():
    rep = PlacesReport(total=3, resolved=1, by_source={"seat": 1},
                       unresolved=[("PL|lublin voivodeship|powiat lubelski", "why one"), ("UA|ua 56|pryvilne", "why two")])
    text = report_markdown(rep)
    assert "## Unresolved (2)" in text
    assert "- `PL|lublin voivodeship|powiat lubelski`: why one" in text and "why two" in text
    assert "seat 1" in text
