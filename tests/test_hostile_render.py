"""Hostile data, rendered without a browser: every payload of tests/fixtures/hostile_data reaches the map
layers, the exported HTML and the details panel as inert text (escaped), never as markup or code.
The same data in a real Chromium is tests/test_hostile_browser.py."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from pobratymy import safe

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_data"
_spec = importlib.util.spec_from_file_location("hostile_make", HOSTILE / "make.py")
H = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(H)

#: what must never appear verbatim in generated HTML/JS (a live tag, a handler, a template hole)
LIVE = [("img", "<img src=x onerror"), ("script", "<script>alert(2)"), ("svg", "<svg onload"),
        ("svg-url", "<svg/onload"), ("template", "${alert(3)}"), ("jinja", "49 x")]


@pytest.fixture(scope="module")
def hostile_frame():
    from pobratymy import filters as F
    from pobratymy.io import load_partnerships
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild

    loaded = load_partnerships(HOSTILE / "partnerships.csv")
    assert {p.row for p in loaded.problems} == {8, 9}  # the javascript:/data: sources are refused
    df = mapbuild.with_arcs(F.enrich(loaded.frame, load_places(HOSTILE / "places.csv")))
    assert int(df[F.ON_MAP].sum()) == 6  # every hostile row is drawn (else the test would prove nothing)
    return df


def _all(df):
    from pobratymy import filters as F
    from pobratymy.schema import Status

    return F.apply(df, F.Filters(statuses=tuple(s.value for s in Status)))


@pytest.fixture(scope="module")
def layers_js(hostile_frame):
    from streamlit_folium import _get_feature_group_string

    from geo.countries import country_name
    from pobratymy.render import mapbuild

    base = mapbuild.base_map("uk")
    base.render()
    groups, _ = mapbuild.dynamic_layers(_all(hostile_frame), "uk", lambda c: country_name(c, "uk"),
                                        selected="UA|ua 14|kramatorsk")
    return "".join(_get_feature_group_string(g, base, i) for i, g in enumerate(groups))


@pytest.fixture(scope="module")
def export_html(hostile_frame):
    from pobratymy import exporting, present

    sel = _all(hostile_frame)
    return {focus: exporting.map_html(sel, "uk", present.country_namer("uk"), focus=focus, title=H.IMG,
                                      subtitle=H.SCRIPT, note=H.TEMPLATE, card_lines=[H.QUOTES, H.JINJA])
            for focus in (None, "UA|ua 14|kramatorsk")}


@pytest.mark.parametrize(("name", "live"), LIVE)
def test_map_layers_carry_no_live_payload(layers_js, name, live):
    assert live not in layers_js


@pytest.mark.parametrize(("name", "live"), LIVE)
@pytest.mark.parametrize("focus", [None, "UA|ua 14|kramatorsk"])
def test_exported_html_carries_no_live_payload(export_html, focus, name, live):
    assert live not in export_html[focus]


@pytest.mark.parametrize("focus", [None, "UA|ua 14|kramatorsk"])
def test_exported_html_has_no_script_links(export_html, focus):
    hrefs = re.findall(r"""href\s*=\s*["']?([^"'\s>]+)""", export_html[focus], flags=re.I)
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]


def test_payloads_reach_the_layers_escaped(layers_js):
    """The payloads are there, as text: escaped for HTML and for JS template strings, inside JSON."""
    for payload in (H.IMG, H.SCRIPT, H.TEMPLATE, H.QUOTES):
        escaped = safe.json_for_script(safe.text(payload))[1:-1]  # the JSON string body
        assert escaped in layers_js, payload


@pytest.mark.parametrize("where", ["title", "card_line", "label"])
def test_no_server_side_template_injection(hostile_frame, where):
    """A name such as ``{{ cycler.__init__.__globals__.os.getcwd() }}`` must stay text: branca compiles a
    plain MacroElement's rendered script as a Jinja template, which would run it on the server."""
    import os

    from pobratymy import exporting, present
    from pobratymy import filters as F

    ssti = "{{ cycler.__init__.__globals__.os.getcwd() }}"
    df = hostile_frame.copy()
    focus = None
    if where == "label":  # spotlight labels carry partner names
        df.loc[df[F.UA_KEY] == "UA|ua 14|kramatorsk", "partner_name"] = ssti
        focus = "UA|ua 14|kramatorsk"
    html = exporting.map_html(_all(df), "uk", present.country_namer("uk"), focus=focus,
                              title=ssti if where == "title" else "t", card_lines=[ssti] if where == "card_line" else ())
    assert os.getcwd() not in html
    assert "cycler.__init__.__globals__.os.getcwd()" in html


def test_details_panel_html_is_escaped(hostile_frame, monkeypatch):
    """pages.common.details builds HTML for st.markdown(unsafe_allow_html=True): capture it."""
    import streamlit as st

    from pages import common
    from pobratymy import filters as F

    shown: list[str] = []  # only HTML goes through st.markdown(unsafe_allow_html=True); headers are text
    monkeypatch.setattr(st, "markdown", lambda body, **kw: kw.get("unsafe_allow_html") and shown.append(body))
    monkeypatch.setattr(st, "subheader", lambda body, **kw: None)
    monkeypatch.setattr(st, "caption", lambda body, **kw: None)
    for key in ("UA|ua 14|kramatorsk", "UA|ua 14|lyman", "UA|ua 14|sviatohirsk", "UA|ua 68|kamianets podilskyi"):
        common.details(F.place_rows(hostile_frame, key), "uk")
    html = "\n".join(shown)
    for _, live in LIVE:
        assert live not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text
    assert "Кам&#x27;янець-Подільський" in html or "Кам'янець-Подільський" in html
