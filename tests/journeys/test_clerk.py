"""The clerk: brings the council's small spreadsheet to the Import page, sees each row's verdict in
Ukrainian and the preview map drawn with no internet."""

import pytest

from tests.journeys.conftest import LARGE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_import_a_small_file_and_see_the_preview_map_offline(walk, tmp_path):
    src = tmp_path / "рада.csv"
    src.write_text("Українська громада;Область;Партнер;Країна;Вид;Дата;Джерело\n"
                   "Краматорськ;Донецька;Stamford;США;місто-побратим;06.04.2023;https://example.org/a\n"
                   "Славутич;Київська;Cincinnati;США;побратимство;2022;https://example.org/b\n",
                   encoding="utf-8")
    w = walk(LARGE, name="clerk")
    w.goto("/import", "import-page")
    w.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(src))
    w.check("uploaded")
    main = w.page.locator('[data-testid="stMain"]').inner_text()
    assert "рада.csv" in main
    for english in ("accepted", "rejected", "duplicate", "no source link", "Ukrainian city"):
        assert english not in main, english  # the verdicts and reasons are Ukrainian on a Ukrainian page
    frames = w.page.locator('iframe[title="streamlit_folium.st_folium"]')
    assert frames.count() >= 1
    frame = frames.first.element_handle().content_frame()
    frame.wait_for_function("() => window.L && document.querySelector('.leaflet-container') !== null", timeout=60_000)
    w.shot("preview-map")
