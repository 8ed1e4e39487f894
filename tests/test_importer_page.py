"""The import page's pure parts (preview map, verdict table) and that the page renders read-only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from importer_fakes import FakeResolver

from pobratymy.importer import import_file
from pobratymy.io import load_partnerships
from pobratymy.render.import_preview import preview_map, rejected_table, verdict_table

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def council():
    return import_file(FIX / "import_council_cp1251.csv", FakeResolver(),
                       load_partnerships(FIX / "import_existing.csv").frame)


def test_preview_map_is_drawn_by_the_main_maps_renderer_offline_and_escapes_names():
    res = council()
    html = preview_map(res, "en").get_root().render()
    assert "Kharkiv — Cincinnati (US)" in html
    assert "onerror" not in html  # the markup row was rejected, never drawn
    lines = html.count('"LineString"') + html.count('"MultiLineString"')
    assert lines == sum(1 for r in res.accepted if r.ua_latlon and r.partner_latlon) > 0
    sources = re.findall(r'<script[^>]+src="([^"]+)"|<link[^>]+href="([^"]+)"', html)
    assert sources and all("/app/static/vendor/" in (a or b) for a, b in sources)  # no CDN, no tiles
    assert "unpkg" not in html and "cdn" not in html.lower() and "tile.openstreetmap" not in html


def test_verdict_table_has_one_line_per_row_with_reasons_in_the_ui_language():
    res = council()
    en = verdict_table(res, "en")
    assert [t["Row"] for t in en] == [r.row for r in res.rows]
    dup = next(t for t in en if t["Row"] == 40)
    assert dup["Verdict"] == "duplicate" and "chernihiv--bryansk-ru" in dup["Reason"]
    uk = verdict_table(res, "uk")
    dup = next(t for t in uk if t["Рядок"] == 40)
    assert dup["Рішення"] == "дублікат" and dup["Причина"] == "уже є в даних як chernihiv--bryansk-ru"
    assert {k for row in uk for k in row} == {k for k in uk[0]}
    words = " ".join(str(v) for row in uk for k, v in row.items() if k not in ("Партнер", "Джерело"))
    assert not re.search(r"\b(accepted|rejected|duplicate|warning|not found|recorded as|sister city)\b", words)


def test_rejected_rows_table_in_ukrainian_keeps_the_clerks_cells():
    res = council()
    rows, columns = rejected_table(res, "uk")
    assert columns[:3] == ["Рядок", "Рішення", "Причина"]
    assert all(r["Рішення"] in {"відхилено", "дублікат"} for r in rows)
    assert "Місто-партнер" in columns  # the clerk's own header, as written


@pytest.mark.apptest
def test_import_page_renders_without_a_file_and_without_saving_controls(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POBRATYMY_DATA", str(tmp_path / "none.csv"))
    monkeypatch.delenv("POBRATYMY_ADMIN_PASSWORD", raising=False)
    at = AppTest.from_file(str(ROOT / "pages" / "import.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value
    assert not [b for b in at.button if b.key == "import_save"]
    assert list(tmp_path.iterdir()) == []
