"""The import page's opt-in Nominatim checkbox (AppTest): shown only when POBRATYMY_ONLINE_GEOCODER allows
it, off by default, and when ticked it asks the loopback server (127.0.0.1; no internet) for what the
offline side (the fixture fake) lacks, and says how many lookups failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_fakes import FakeResolver
from test_nominatim_fallback import server  # noqa: F401 - the loopback Nominatim fixture

from geo.online import NominatimFallback
from pobratymy.commands import import_ as import_cmd
from pobratymy.places import write_places

pytestmark = pytest.mark.apptest  # Streamlit's AppTest runs the page

ROOT = Path(__file__).resolve().parent.parent
SHEET = ("Місто України,Місто-партнер,Країна,Дата,Джерело\n"
         "Лиман,ok,США,2023,https://example.org/1\nХарків,broken,США,2023,https://example.org/2\n").encode()


@pytest.fixture
def page(server, tmp_path, monkeypatch):  # noqa: F811 - the fixture imported above
    import streamlit as st

    from geo import geocoder as G

    monkeypatch.setattr(G.OfflineGeocoder, "default", classmethod(lambda cls: FakeResolver()))
    domain = f"127.0.0.1:{server.server_address[1]}"
    monkeypatch.setattr(import_cmd, "make_online", lambda: NominatimFallback(
        "pobratymy-tests/1.0", domain=domain, scheme="http", timeout=0.5, min_delay_seconds=0.0))
    monkeypatch.setenv("POBRATYMY_DATA", str(tmp_path / "partnerships.csv"))
    monkeypatch.delenv("POBRATYMY_ADMIN_PASSWORD", raising=False)
    write_places(tmp_path / "places.csv", [])
    st.cache_resource.clear()  # the page's offline resolver must be the fake

    def run(online_setting: str, tick: bool | None = None):
        from streamlit.testing.v1 import AppTest

        monkeypatch.setenv("POBRATYMY_ONLINE_GEOCODER", online_setting)
        at = AppTest.from_file(str(ROOT / "pages" / "import.py"), default_timeout=60)
        at.query_params["lang"] = "en"
        at.run()
        if tick is not None:
            at.checkbox(key="import_online").set_value(tick)
        at.file_uploader(key="import_file").set_value(("council.csv", SHEET, "text/csv"))
        return at.run()

    yield run
    st.cache_resource.clear()


def online_checkboxes(at) -> list:
    return [c for c in at.checkbox if c.key == "import_online"]


@pytest.mark.parametrize(("setting", "shown"), [("", False), ("0", False), ("1", True)])
def test_checkbox_only_when_the_setting_allows_it_and_off_by_default(page, server, setting, shown):  # noqa: F811
    before = len(server.seen)
    at = page(setting)
    assert not at.exception
    boxes = online_checkboxes(at)
    assert len(boxes) == int(shown) and all(b.value is False for b in boxes)
    assert len(server.seen) == before  # nothing asked online unless ticked


def test_ticked_asks_nominatim_and_reports_the_failure(page, server):  # noqa: F811
    before = len(server.seen)
    at = page("1", tick=True)
    assert not at.exception
    assert sorted(q for q, _ in server.seen[before:]) == ["broken", "ok"]
    captions = [c.value for c in at.caption]
    assert any("Nominatim: 1 found, 0 not found, 1 failed, 0 from the cache" in c for c in captions), captions
    assert any("failed for 1 place" in w.value for w in at.warning)
