"""export-data (pobratymy/export_data.py): CSV / XLSX / GeoJSON of a selection with codes and coordinates."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from pobratymy.cli import main
from pobratymy.config import Settings
from pobratymy.export_data import EXPORT_COLUMNS, export_rows, figures, load_enriched, select
from pobratymy.schema import COLUMNS, C


@pytest.fixture(scope="module")
def shipped():
    df, problems = load_enriched(Settings.from_env())
    assert problems == []
    return df


def test_columns_are_the_schema_plus_coordinates():
    assert EXPORT_COLUMNS[:len(COLUMNS)] == COLUMNS
    assert EXPORT_COLUMNS[len(COLUMNS):] == ("ua_lat", "ua_lon", "partner_lat", "partner_lon", "occupied_since")


def test_csv_with_filters(tmp_path, capsys):
    out = tmp_path / "d.csv"
    assert main(["export-data", "--out", str(out), "--oblast", "UA-14", "--country", "US"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows and tuple(rows[0]) == EXPORT_COLUMNS
    assert {r[C.UA_OBLAST] for r in rows} == {"UA-14"} and {r[C.PARTNER_COUNTRY] for r in rows} == {"US"}
    kr = next(r for r in rows if r[C.ID] == "kramatorsk--stamford-us")
    assert kr[C.DATE] == "2023-04-06" and kr[C.UA_KATOTTG].startswith("UA14")
    assert abs(float(kr["ua_lat"]) - 48.72) < 0.1 and abs(float(kr["partner_lon"]) + 73.5) < 0.2
    assert "partnerships" in capsys.readouterr().out


def test_geojson_lines_and_unplaced_rows_kept(tmp_path, shipped):
    out = tmp_path / "d.geojson"
    assert main(["export-data", "--out", str(out), "--oblast", "UA-43"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    n = len(select(shipped, ["UA-43"]))
    assert len(doc["features"]) == n > 0
    for f in doc["features"]:
        assert f["properties"]["occupied_since"] == "2014-02-20"  # Crimea
        g = f["geometry"]
        assert g is None or (g["type"] == "LineString" and len(g["coordinates"]) == 2)
        if g:
            (lon, lat), _ = g["coordinates"]
            assert (lat, lon) == (f["properties"]["ua_lat"], f["properties"]["ua_lon"])


def test_xlsx_has_every_row(tmp_path, shipped):
    out = tmp_path / "d.xlsx"
    assert main(["export-data", "--out", str(out), "--country", "PL"]) == 0
    ws = openpyxl.load_workbook(out, read_only=True).active
    rows = list(ws.values)
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert len(rows) - 1 == len(select(shipped, countries=["PL"]))


def test_bad_extension_or_oblast_is_a_clear_error(tmp_path, capsys):
    assert main(["export-data", "--out", str(tmp_path / "d.txt")]) == 2
    assert main(["export-data", "--out", str(tmp_path / "d.csv"), "--oblast", "Donetsk"]) == 2
    assert "is not an ISO 3166-2:UA code" in capsys.readouterr().err


def test_done_when_figures_of_the_bundled_data(shipped):
    f = figures(export_rows(shipped))
    assert f["partnerships"] >= 1500
    assert f["ukrainian_places"] >= 350
    assert f["partner_countries"] >= 64
    assert f["http_source_pct"] == 100.0
    assert f["ru_by_live"] == 0
    assert f["katottg_pct"] >= 95.0
    # dated: 35 % of all rows (the ~560 list-only rows have no date); see README / build_report
    assert f["dated_pct"] >= 33.0
