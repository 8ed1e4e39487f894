"""The map page through Streamlit's AppTest: figures follow the filters, the URL restores the view,
the details panel lists a place's partners, a missing data file is a message (not a traceback)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MAP_DATA, ROOT

pytestmark = pytest.mark.apptest  # Streamlit's AppTest runs the page


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("POBRATYMY_DATA", str(MAP_DATA))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def figures(at):
    return [int(m.value) for m in at.metric]


def markdown(at):
    return "\n".join(m.value for m in at.markdown)


def test_opens_with_figures_and_caption(app):
    app.run()
    assert not app.exception
    assert figures(app) == [9, 7, 6, 5]
    assert any("10 записів · 10 джерел" in c.value for c in app.caption)
    assert any("Не на мапі: 1" in c.value for c in app.caption)


@pytest.mark.parametrize(
    ("widget", "value", "expected"),
    [
        ("f_oblast", ["UA-14"], [3, 3, 1, 3]),
        ("f_country", ["DE"], [2, 2, 1, 1]),
        ("f_kind", ["twinning"], [3, 2, 3, 1]),
        # ended ties are drawn when asked for but never counted in the headline figures (issue 12)
        ("f_status", ["terminated"], [0, 0, 0, 0]),
    ],
)
def test_filters_change_the_figures_and_the_url(app, widget, value, expected):
    app.run()
    app.multiselect(key=widget).set_value(value).run()
    assert not app.exception
    assert figures(app) == expected
    assert app.query_params  # the view is in the URL


def test_search_box(app):
    app.run()
    app.text_input(key="f_query").set_value("Святогорск").run()
    assert figures(app)[0] == 1


def test_url_restores_view_and_details(app):
    app.query_params["lang"] = "en"
    app.query_params["oblast"] = "UA-14"
    app.query_params["place"] = "UA|ua 14|kramatorsk"
    app.run()
    assert not app.exception
    assert app.multiselect(key="f_oblast").value == ["UA-14"]
    assert figures(app) == [3, 3, 1, 3]
    md = markdown(app)
    assert "Stamford" in md and "6 April 2023" in md and "Ukraine Aid International" in md
    assert '<a href="https://example.org/fixture/kramatorsk-stamford" target="_blank"' in md


def test_details_in_ukrainian_with_date_at_its_precision(app):
    app.query_params["place"] = "UA|ua 14|lyman"
    app.run()
    md = markdown(app)
    assert "Westport" in md and "грудень 2022" in md


def test_missing_data_file_is_a_message(app, monkeypatch, tmp_path):
    monkeypatch.setenv("POBRATYMY_DATA", str(tmp_path / "nope.csv"))
    app.run()
    assert not app.exception
    assert any("nope.csv" in e.value for e in app.error)


def test_a_map_click_selects_the_place(app):
    app.run()
    assert "Stamford" not in markdown(app)
    # what streamlit-folium stores under the map's key when a line is clicked in the browser
    app.session_state["map_uk"] = {"last_object_clicked_tooltip": "Краматорськ — Stamford (Сполучені Штати Америки)",
                                   "last_object_clicked": {"lat": 45.0, "lng": -20.0}}
    app.run()
    assert not app.exception
    assert "Stamford" in markdown(app) and "6 квітня 2023" in markdown(app)
    assert app.query_params["place"] in ("UA|ua 14|kramatorsk", ["UA|ua 14|kramatorsk"])


def test_edited_data_file_is_reloaded_on_the_next_run(tmp_path, monkeypatch):
    """The cached load is keyed on the files' modification times: a save by an admin (or an import)
    shows up at once, without restarting the app."""
    import os
    import shutil

    data = tmp_path / "partnerships.csv"
    shutil.copy(MAP_DATA, data)
    shutil.copy(MAP_DATA.parent / "places.csv", tmp_path / "places.csv")
    monkeypatch.setenv("POBRATYMY_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    before = figures(at)[0]
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(lines[:-1]), encoding="utf-8")  # one row fewer
    st = data.stat()
    os.utime(data, (st.st_atime, st.st_mtime + 5))
    at.run()
    assert not at.exception
    assert figures(at)[0] < before


def test_a_click_on_a_partner_dot_lists_its_ukrainian_partners(app):
    app.query_params["lang"] = "en"
    app.run()
    app.session_state["map_en"] = {"last_object_clicked_tooltip": "Nürnberg (Germany)",
                                   "last_object_clicked": {"lat": 49.45, "lng": 11.08}}
    app.run()
    assert not app.exception
    assert any(s.value == "Nürnberg" for s in app.subheader)
    assert any("Germany · Ukrainian partners: 1" in c.value for c in app.caption)
    md = markdown(app)
    assert "<b>Kharkiv</b> (Kharkiv Oblast)" in md and "April 1990" in md
    assert 'href="https://example.org/fixture/kharkiv-nurnberg"' in md
    assert app.query_params["place"] in ("DE|bayern|nurnberg", ["DE|bayern|nurnberg"])


def test_search_finds_a_partner_by_its_english_name(app):
    app.run()
    app.text_input(key="f_query").set_value("Nuremberg").run()
    assert not app.exception
    assert figures(app)[0] == 1


def test_going_back_to_a_selection_reuses_its_layers_and_another_draws_anew(app):
    """The session keeps the drawn layers of its last selections (pages/common.py map_layers): one oblast
    and back to all reuses the first drawing; a new selection or another language draws its own."""
    from pages.common import MEMO_KEY

    def layer_entries():
        return [k for k in app.session_state[MEMO_KEY] if k[0] == "layers"]

    app.run()
    first = layer_entries()
    assert len(first) == 1
    all_layers = app.session_state[MEMO_KEY][first[0]][1]
    app.multiselect(key="f_oblast").set_value(["UA-14"]).run()
    assert len(layer_entries()) == 2 and figures(app) == [3, 3, 1, 3]
    app.multiselect(key="f_oblast").set_value([]).run()
    assert not app.exception and figures(app) == [9, 7, 6, 5]
    assert len(layer_entries()) == 2  # a hit: the same objects as the first run
    assert app.session_state[MEMO_KEY][layer_entries()[-1]][1] is all_layers
    app.multiselect(key="f_country").set_value(["DE"]).run()
    assert len(layer_entries()) == 3
