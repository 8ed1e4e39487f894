"""The Coverage page (AppTest): headline, tables, gaps with downloads, leads; follows the map's filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from pobratymy.io import to_csv_bytes
from tests.test_coverage import ROWS

pytestmark = pytest.mark.apptest  # Streamlit's AppTest runs the page

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    path = tmp_path / "partnerships.csv"
    path.write_bytes(to_csv_bytes([r for r in ROWS if r["status"] != "inactive"]))
    monkeypatch.setenv("POBRATYMY_DATA", str(path))
    return path


def app(**query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "coverage.py"), default_timeout=120)
    at.query_params.update(query)
    return at.run()


def download_keys(at) -> set[str]:
    return {el.proto.id.split("-", 2)[-1] for el in at.get("download_button")}


def test_page_shows_headline_tables_gaps_and_leads(data_file):
    at = app()
    assert not at.exception
    assert at.subheader[0].value == "4 з 1\u202f469 громад мають партнерів"
    oblasts, raions, gaps = (d.value for d in at.dataframe[:3])  # in page order (AppTest keeps no keys)
    assert len(oblasts) == 24 and oblasts["З партнерами"].sum() == 4
    assert raions["Громад"].sum() == 1469
    assert len(gaps) == 1465
    assert download_keys(at) == {"cov_dl_csv", "cov_dl_xlsx"}
    at.selectbox(key="cov_lead_hromada").set_value("UA46060130000059055").run()  # Жовківська
    assert not at.exception
    leads, regions = (d.value for d in at.dataframe[3:5])
    assert list(leads["partner"]) == ["Hdorf", "Iburg"] and leads["rows"].iloc[0] == "r8, r9"
    assert list(regions["partner"]) == ["Dregion"]


def test_page_follows_the_filters_and_speaks_english(data_file):
    at = app(oblast="UA-46", lang="en")
    assert not at.exception
    assert at.subheader[0].value.endswith(": 2 of 73 hromadas have a partner")
