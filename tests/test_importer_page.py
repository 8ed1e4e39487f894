"""The import page's pure parts (preview map, verdict table) and that the page renders read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_fakes import FakeResolver

from pobratymy.import_preview import preview_map, verdict_table
from pobratymy.importer import import_file
from pobratymy.io import load_partnerships

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def council():
    return import_file(FIX / "import_council_cp1251.csv", FakeResolver(),
                       load_partnerships(FIX / "import_existing.csv").frame)


def test_preview_map_draws_accepted_rows_only_and_escapes_names():
    res = council()
    html = preview_map(res).get_root().render()
    assert "Kharkiv — Cincinnati (US)" in html
    assert "onerror" not in html  # the markup row was rejected, never drawn
    assert html.count("L.polyline") == sum(1 for r in res.accepted if r.ua_latlon and r.partner_latlon)


def test_verdict_table_has_one_line_per_row_with_reasons():
    res = council()
    table = verdict_table(res)
    assert [t["row"] for t in table] == [r.row for r in res.rows]
    dup = next(t for t in table if t["row"] == 40)
    assert dup["verdict"] == "duplicate" and "chernihiv--bryansk-ru" in dup["reason"]


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
