"""The issue's Done-when checks on the bundled data (data/partnerships.csv + data/places.csv)."""

import pytest
from streamlit.testing.v1 import AppTest

from pobratymy.config import DEFAULT_DATA, DEFAULT_PLACES, ROOT

pytestmark = pytest.mark.skipif(not (DEFAULT_DATA.exists() and DEFAULT_PLACES.exists()), reason="no bundled data")


def test_donetsk_oblast_draws_the_connecticut_ties():
    from geo.countries import country_name
    from pobratymy import filters as F
    from pobratymy.config import DEFAULT_OVERRIDES
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild

    df = F.enrich(load_partnerships(DEFAULT_DATA).frame, load_places(DEFAULT_PLACES, DEFAULT_OVERRIDES))
    sel = F.apply(df, F.Filters(oblasts=("UA-14",)))
    tips = {f["properties"]["t"] for fc in mapbuild.line_collections(sel, "en", lambda c: country_name(c, "en")).values()
            for f in fc["features"]}
    for pair in ("Kramatorsk — Stamford", "Lyman — Westport", "Sviatohirsk — Easton"):
        assert any(t.startswith(pair) for t in tips), pair


@pytest.mark.apptest
def test_clicking_kramatorsk_lists_stamford_with_date_and_source(monkeypatch):
    monkeypatch.setenv("POBRATYMY_DATA", str(DEFAULT_DATA))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"lang": "en", "oblast": "UA-14", "place": "UA|ua 14|kramatorsk"})
    at.run()
    assert not at.exception
    md = "\n".join(m.value for m in at.markdown)
    assert "Stamford" in md and "6 April 2023" in md
    assert 'href="https://' in md and 'target="_blank"' in md
