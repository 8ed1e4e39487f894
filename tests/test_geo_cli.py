"""python -m pobratymy geocode IN.csv --out OUT.csv: same rows, same order, + lat/lon/matched_name/source."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "geo_cli_in.csv"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    out = tmp_path_factory.mktemp("geo") / "out.csv"
    proc = subprocess.run([sys.executable, "-m", "pobratymy", "geocode", str(FIXTURE), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "POBRATYMY_ONLINE_GEOCODER": "0"})
    return proc, out


def test_exit_code_and_summary(result):
    proc, _ = result
    assert proc.returncode == 0, proc.stderr
    assert "7/12 place(s) found" in proc.stderr


def test_rows_kept_in_order_with_new_columns(result):
    _, out = result
    with FIXTURE.open(encoding="utf-8") as fh:
        src = list(csv.DictReader(fh))
    with out.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        got = list(reader)
    assert reader.fieldnames == ["name", "country", "region", "lat", "lon", "matched_name", "source"]
    assert [r["name"] for r in got] == [r["name"] for r in src]


@pytest.mark.parametrize(
    ("row", "matched", "lat", "lon"),
    [(0, "Kyiv", 50.45, 30.52), (1, "Kryvyi Rih", 47.91, 33.39), (2, "Easton", 41.25, -73.30),
     (3, "Easton", 41.25, -73.30), (5, "Wuppertal", 51.26, 7.15), (11, "Munich", 48.14, 11.58)],
)
def test_found_rows(result, row, matched, lat, lon):
    with result[1].open(encoding="utf-8") as fh:
        r = list(csv.DictReader(fh))[row]
    assert r["matched_name"] == matched
    assert abs(float(r["lat"]) - lat) < 0.02 and abs(float(r["lon"]) - lon) < 0.02


@pytest.mark.parametrize("row", [6, 7, 8, 9, 10])
def test_hostile_and_unknown_rows_are_empty(result, row):
    with result[1].open(encoding="utf-8") as fh:
        r = list(csv.DictReader(fh))[row]
    assert (r["lat"], r["lon"], r["matched_name"], r["source"]) == ("", "", "", "")


def test_missing_name_column_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("city,country\nKyiv,UA\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pobratymy", "geocode", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "needs a 'name' column" in proc.stderr
