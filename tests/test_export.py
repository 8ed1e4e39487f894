"""Exports of the current view: CSV/XLSX of the selection, the self-contained HTML map, PNG refusal,
and the export-map command."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import openpyxl
import pytest

from pobratymy import exporting, present
from pobratymy import filters as F
from pobratymy.cli import main
from pobratymy.errors import ExportUnavailable
from pobratymy.schema import COLUMNS, C
from tests.conftest import MAP_DATA

HOSTILE = "<img src=x onerror=alert(1)>`${x}`"


class Refs(HTMLParser):
    """Every src/href attribute of the document's elements, and whether each script is inline."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.refs.append((tag, name, value))
        if tag == "script":
            self.scripts += 1


def unjson(html: str) -> str:
    """Undo the JSON-in-script escapes, so a test sees the characters the browser will get."""
    for esc, ch in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        html = html.replace(esc, ch)
    return html


def refs(html: str) -> Refs:
    r = Refs()
    r.feed(html)
    return r


@pytest.fixture(scope="module")
def hostile_frame(map_frame):
    df = map_frame.copy()
    df.loc[df[C.ID] == "kramatorsk--stamford-us", C.PARTNER_NAME] = HOSTILE
    df.loc[df[C.ID] == "lyman--westport-us", C.PARTNER_NAME] = "=HYPERLINK(\"http://evil\")"
    return df


def test_csv_has_every_column_and_neutralises_formulas(hostile_frame):
    data = exporting.selection_csv(hostile_frame).decode("utf-8-sig")
    lines = data.splitlines()
    assert lines[0].split(";") == list(COLUMNS)
    assert len(lines) == 1 + len(hostile_frame)
    assert "'=HYPERLINK" in data and ";=HYPERLINK" not in data
    assert "https://example.org/fixture/kramatorsk-stamford" in data  # sources included


def test_xlsx_has_every_column_as_text(hostile_frame):
    wb = openpyxl.load_workbook(io.BytesIO(exporting.selection_xlsx(hostile_frame)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    by_id = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_id["lyman--westport-us"][C.PARTNER_NAME].startswith("'=")
    assert by_id["kramatorsk--stamford-us"][C.DATE] == "2023-04-06"
    assert by_id["kramatorsk--stamford-us"][C.SOURCE_URL].startswith("https://")


@pytest.mark.parametrize("focus", [None, "UA|ua 14|kramatorsk"])
def test_map_html_is_self_contained(hostile_frame, focus):
    html = exporting.map_html(hostile_frame, "uk", present.country_namer("uk"), focus=focus,
                              title="Краматорськ", subtitle="1 партнерство", card_lines=[HOSTILE])
    r = refs(html)
    assert r.refs == [], r.refs[:5]
    html = unjson(html)  # no src= / href= at all: every script and style is inline
    assert r.scripts >= 3
    assert "L.map(" in html and "leaflet" in html.lower()
    assert '"ISO_A2":"UA"' in html and '"iso_3166_2":"UA-14"' in html  # the basemap is embedded
    assert HOSTILE not in html  # data reaches the page escaped only
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{x}&#96;" in html
    assert "url(http" not in html


def test_map_html_fits_the_focus_and_labels_it(map_frame):
    html = exporting.map_html(map_frame, "en", present.country_namer("en"), focus="UA|ua 14|kramatorsk")
    assert "fitBounds" in html
    assert "Stamford (United States)" in html and '"c":"pb-big"' in html


def test_png_without_chromium_says_why(monkeypatch):
    monkeypatch.setattr(exporting, "chromium_executable", lambda: None)
    with pytest.raises(ExportUnavailable, match="Chromium"):
        exporting.map_png("<html></html>")


@pytest.mark.parametrize(("args", "expect"), [
    ([], ["Київ", "Stamford", "Україна"]),
    (["--focus", "Kramatorsk", "--lang", "en"], ["Kramatorsk", "Stamford (United States)", "6 April 2023"]),
    (["--focus", "Краматорськ"], ["Stamford (Сполучені Штати Америки) — 6 квітня 2023"]),
    (["--oblast", "UA-14", "--country", "us", "--lang", "en"], ["Donetsk Oblast — United States", "3 partnerships"]),
    (["--oblast", "UA-68,UA-63", "--terminated"], ["Belgorod"]),
])
def test_export_map_command(tmp_path, monkeypatch, capsys, args, expect):
    monkeypatch.setenv("POBRATYMY_DATA", str(MAP_DATA))
    out = tmp_path / "map.html"
    assert main(["export-map", "--out", str(out), *args]) == 0
    html = out.read_text(encoding="utf-8")
    for s in expect:
        assert s in html, s
    assert refs(html).refs == []
    assert str(out) in capsys.readouterr().out


def test_export_map_leaves_out_terminated_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("POBRATYMY_DATA", str(MAP_DATA))
    out = tmp_path / "map.html"
    assert main(["export-map", "--out", str(out), "--oblast", "UA-63"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Nürnberg" in html and "Belgorod" not in html


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--oblast", "UA-99"], 2, "UA-99"),
    (["--country", "Germany"], 2, "GERMANY"),
    (["--focus", "Atlantis"], 1, "Atlantis"),
])
def test_export_map_refuses(tmp_path, monkeypatch, capsys, args, code, message):
    monkeypatch.setenv("POBRATYMY_DATA", str(MAP_DATA))
    out = tmp_path / "map.html"
    assert main(["export-map", "--out", str(out), *args]) == code
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_selection_rows_are_the_schema_columns_only(map_frame):
    rows = exporting.selection_rows(F.apply(map_frame, F.Filters(oblasts=("UA-14",))))
    assert len(rows) == 3 and all(list(r) == list(COLUMNS) for r in rows)
