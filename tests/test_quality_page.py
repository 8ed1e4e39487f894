"""The data quality page (AppTest): renders the lists and counts, read-only without the admin password,
and with it pins a chosen place in the overrides file beside the data — never in the repository's data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pobratymy.places import read_places
from pobratymy.store import read_change_log
from tests.conftest import REPO_DATA, snapshot

pytestmark = pytest.mark.apptest  # Streamlit's AppTest runs the page

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    shutil.copy(FIX / "quality_partnerships.csv", tmp_path / "partnerships.csv")
    shutil.copy(FIX / "quality_places.csv", tmp_path / "places.csv")
    shutil.copy(FIX / "quality_overrides.csv", tmp_path / "places_overrides.csv")
    monkeypatch.setenv("POBRATYMY_DATA", str(tmp_path / "partnerships.csv"))
    monkeypatch.delenv("POBRATYMY_ADMIN_PASSWORD", raising=False)
    return tmp_path



def app(**query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "quality.py"), default_timeout=120)
    at.query_params.update(query)
    return at.run()


def test_page_shows_counts_and_every_list_read_only(data_dir):
    before = snapshot(data_dir, REPO_DATA)
    at = app()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Записи"] == "8" and metrics["З датою"] == "75 %" and metrics["Місця без координат"] == "2"
    heads = [s.value for s in at.subheader]
    assert "Записи без дати (2)" in heads and "Записи без джерела (1)" in heads and "Можливі дублікати (2)" in heads
    issues = list(at.selectbox(key="q_issue").options)
    assert any("Springfield" in o for o in issues) and any("Westport (CT)" in o for o in issues)
    assert not any("Cincinnati" in o for o in issues)  # overridden: an admin already decided
    assert download_keys(at) == {"dl_places", "dl_no-date", "dl_no-source", "dl_invalid-rows", "dl_duplicates"}
    assert not [b for b in at.button if b.key in {"quality_override", "quality_override_manual"}]
    assert not [i for i in at.text_input if i.key == "admin_password"]  # no password configured at all
    assert snapshot(data_dir, REPO_DATA) == before


def download_keys(at) -> set[str]:
    """Keys of the download buttons (AppTest has no accessor for them; the key ends the element id)."""
    return {el.proto.id.split("-", 2)[-1] for el in at.get("download_button")}


def test_page_speaks_english_with_lang_en(data_dir):
    at = app(lang="en")
    assert not at.exception
    assert at.title[0].value == "Data quality"
    assert "Records without a date (2)" in [s.value for s in at.subheader]


@pytest.mark.parametrize("given", ["", "wrong", "S3CRET"])
def test_without_the_right_password_there_is_no_override_button(data_dir, monkeypatch, given):
    monkeypatch.setenv("POBRATYMY_ADMIN_PASSWORD", "s3cret")
    before = snapshot(data_dir, REPO_DATA)
    at = app()
    at.text_input(key="admin_password").input(given).run()
    assert not at.exception
    assert not [b for b in at.button if b.key in {"quality_override", "quality_override_manual"}]
    assert not at.number_input
    assert snapshot(data_dir, REPO_DATA) == before


def test_admin_pins_a_candidate_into_the_overrides_file_beside_the_data(data_dir, monkeypatch):
    monkeypatch.setenv("POBRATYMY_ADMIN_PASSWORD", "s3cret")
    repo_before = snapshot(REPO_DATA)
    at = app()
    at.selectbox(key="q_issue").set_value("US||springfield").run()
    radio = at.radio(key="q_cand_US||springfield")  # options are shown labels, values their indices
    radio.set_value(next(i for i, label in enumerate(radio.options) if "Illinois" in label)).run()
    at.text_input(key="admin_password").input("s3cret").run()
    assert [b for b in at.button if b.key == "quality_override"]
    at.button(key="quality_override").click().run()
    assert not at.exception
    pinned = read_places(data_dir / "places_overrides.csv")
    assert set(pinned) == {"US|ohio|cincinnati", "US||springfield"}
    assert pinned["US||springfield"].latlon == pytest.approx((39.80172, -89.64371), abs=1e-3)
    assert pinned["US||springfield"].source == "override"
    assert read_change_log(data_dir / "changes.csv")[-1]["ids"] == "US||springfield"
    assert [s.value for s in at.success] and not any("Springfield" in o for o in at.selectbox(key="q_issue").options)
    assert snapshot(REPO_DATA) == repo_before


def test_admin_types_coordinates_for_a_place(data_dir, monkeypatch):
    monkeypatch.setenv("POBRATYMY_ADMIN_PASSWORD", "s3cret")
    at = app()
    at.selectbox(key="q_issue").set_value("UA|ua 14|sviatohirsk").run()
    at.text_input(key="admin_password").input("s3cret").run()
    assert at.button(key="quality_override_manual").disabled  # nothing typed yet
    at.number_input(key="q_lat_UA|ua 14|sviatohirsk").set_value(49.04101)
    at.number_input(key="q_lon_UA|ua 14|sviatohirsk").set_value(37.57194).run()
    at.button(key="quality_override_manual").click().run()
    assert not at.exception
    pl = read_places(data_dir / "places_overrides.csv")["UA|ua 14|sviatohirsk"]
    assert (pl.latlon, pl.source, pl.name, pl.region) == ((49.04101, 37.57194), "override", "Sviatohirsk", "UA-14")


def test_missing_data_file_is_a_message_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("POBRATYMY_DATA", str(tmp_path / "none.csv"))
    at = app()
    assert not at.exception
    assert at.error and "none.csv" in at.error[0].value
    assert list(tmp_path.iterdir()) == []
