"""The timeline page, presentation mode and the language parameter through Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MAP_DATA, ROOT

pytestmark = pytest.mark.apptest  # Streamlit's AppTest runs the page


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("POBRATYMY_DATA", str(MAP_DATA))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
                     + [h.value for h in at.header] + [s.value for s in at.subheader])


def figures(at):
    return [int(m.value) for m in at.metric]


@pytest.mark.parametrize(("lang", "expect"), [
    ("uk", ["Хронологія підписань", "Дати початку: 1 — з точністю до дня, 5 — до місяця", "Як зростала мережа"]),
    ("en", ["Signing timeline", "Start dates: 1 to the day, 5 to the month", "How the network grew"]),
])
def test_timeline_page_opens(app, lang, expect):
    app.query_params["lang"] = lang
    app.switch_page("pages/timeline.py")
    app.run()
    assert not app.exception
    for s in expect:
        assert s in texts(app), s
    assert len(app.get("vega_lite_chart")) == 1  # the chart


def test_slider_period_reaches_the_url_and_clears(app):
    app.switch_page("pages/timeline.py")
    app.run()
    slider = next(s for s in app.select_slider if s.key.startswith("tl_slider"))
    slider.set_value((dt.date(2022, 1, 1), dt.date(2022, 12, 1))).run()
    assert not app.exception
    assert app.query_params["period"] in ("2022-01..2022-12", ["2022-01..2022-12"])
    assert "Мапа: підписання січень 2022 — грудень 2022" in texts(app)
    app.button(key="tl_clear").click().run()
    assert "period" not in app.query_params


@pytest.mark.parametrize(("period", "figs"), [
    ("2022-01..2022-12", [2, 2, 2, 2]),  # Lyman 2022-12 and Brantford 2022-04 (Belgorod is terminated: hidden)
    ("2023-04..2023-04", [2, 2, 2, 2]),  # Kramatorsk 2023-04-06, Esslingen 2023-04
    ("1990..1990", [1, 1, 1, 0]),
    ("nonsense", [9, 7, 6, 5]),  # a broken link shows everything
])
def test_period_in_the_url_filters_the_map(app, period, figs):
    app.query_params["period"] = period
    app.run()
    assert not app.exception
    assert figures(app) == figs


def test_replay_play_and_pause(app):
    app.switch_page("pages/timeline.py")
    app.run()
    app.button(key="rp_button").click().run()
    assert not app.exception
    assert app.button(key="rp_button").label == "⏸ Пауза"
    first = "Станом на 31 грудня 2014"
    assert first in texts(app)  # the replay starts in 2014
    app.button(key="rp_button").click().run()
    assert app.button(key="rp_button").label == "▶ Відтворити"


@pytest.mark.parametrize(("params", "title", "sub", "card"), [
    ({"present": "1", "focus": "Kramatorsk", "lang": "uk"}, "Краматорськ", "1 партнерство · 1 країна",
     ["Stamford", "6 квітня 2023"]),
    ({"present": "1", "focus": "Краматорськ", "lang": "en"}, "Kramatorsk", "1 partnership · 1 country",
     ["Stamford", "6 April 2023"]),
    ({"present": "1", "oblast": "UA-14", "lang": "en"}, "Donetsk Oblast", "3 partnerships · 1 country", []),
    ({"present": "1"}, "Україна", "9 партнерств · 6 країн", []),
])
def test_presentation_title_card_and_spotlight(app, params, title, sub, card):
    for k, v in params.items():
        app.query_params[k] = v
    app.run()
    assert not app.exception
    body = texts(app)
    assert f'<p class="pb-title">{title}<span class="pb-sub">{sub}</span></p>' in body
    for s in card:
        assert s in body
    assert not app.title  # no page title in presentation mode
    assert not app.metric  # nor the page's figures


def test_presentation_steps_through_partners_and_years(app):
    for k, v in {"present": "1", "focus": "Kamianets-Podilskyi", "lang": "uk"}.items():
        app.query_params[k] = v
    app.run()
    app.button(key="pr_next").click().run()
    assert '<li class="pb-now"><b>Brantford</b>' in texts(app)  # the first partner signed
    app.button(key="pr_next").click().run()
    assert '<li class="pb-now"><b>Esslingen am Neckar</b>' in texts(app)
    app.button(key="pr_year_btn").click().run()  # -> 2022: only what was signed by the end of 2022
    body = texts(app)
    assert "Підписано до кінця 2022 року" in body and "Brantford" in body and "Esslingen" not in body
    app.button(key="pr_year_btn").click().run()  # -> 2023
    app.button(key="pr_year_btn").click().run()  # -> all years again
    assert "Cihanbeyli" in texts(app)
    assert not app.exception


def test_presentation_unknown_focus_is_a_message(app):
    app.query_params["present"] = "1"
    app.query_params["focus"] = "Atlantis"
    app.run()
    assert not app.exception
    assert any("Atlantis" in w.value for w in app.warning)


def test_map_page_has_export_buttons_and_presentation_link(app):
    app.run()
    assert not app.exception
    assert "Експорт поточного вигляду" in texts(app)
