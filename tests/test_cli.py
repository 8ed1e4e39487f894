"""Exit codes of ``python -m pobratymy validate`` and ``build-data``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pobratymy.cli import main
from pobratymy.config import ENV_DATA, ROOT
from pobratymy.io import to_csv_bytes

FIXTURE = Path(__file__).parent / "fixtures" / "build_sources"

GOOD = {
    "id": "kramatorsk--stamford-us", "ua_name_en": "Kramatorsk", "ua_name_uk": "Краматорськ",
    "ua_oblast": "UA-14", "ua_level": "city", "partner_name": "Stamford", "partner_region": "Connecticut",
    "partner_country": "US", "partner_level": "city", "kind": "sister_city", "status": "signed",
    "date": "2023-04-06", "date_event": "signed", "source_url": "https://example.org/stamford",
}


def _write(path: Path, *rows: dict) -> Path:
    path.write_bytes(to_csv_bytes(list(rows)))
    return path


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([GOOD], 0),
        ([GOOD, {**GOOD, "id": "kramatorsk--stamford-us-2", "ua_oblast": "Donetsk"}], 1),
        ([GOOD, GOOD], 1),  # duplicate id
        ([{**GOOD, "ended": "2024"}], 1),  # ended without terminated
    ],
)
def test_validate_exit_codes(tmp_path, capsys, rows, code):
    path = _write(tmp_path / "p.csv", *rows)
    assert main(["validate", str(path)]) == code
    if code:
        assert "row " in capsys.readouterr().out


def test_validate_reports_every_bad_row(tmp_path, capsys):
    bad = [{**GOOD, "id": f"a--b-{i}", "partner_country": "USA"} for i in range(3)]
    path = _write(tmp_path / "p.csv", *bad)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert all(f"row {n}" in out for n in (2, 3, 4))


def test_validate_missing_file_is_an_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv")]) == 2
    assert "not found" in capsys.readouterr().err


def test_validate_uses_pobratymy_data(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DATA, str(_write(tmp_path / "env.csv", {**GOOD, "kind": "alliance"})))
    assert main(["validate"]) == 1
    monkeypatch.setenv(ENV_DATA, str(_write(tmp_path / "env2.csv", GOOD)))
    assert main(["validate"]) == 0


def test_build_data_writes_valid_output_and_report(tmp_path, capsys):
    out, report = tmp_path / "out.csv", tmp_path / "report.md"
    args = ["build-data", "--sources", str(FIXTURE), "--out", str(out), "--report", str(report), "--no-geocode"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "pairs after merge" in printed and "rows reported" in printed
    assert main(["validate", str(out)]) == 0
    first = out.read_bytes()
    assert main(args) == 0
    assert out.read_bytes() == first  # byte-identical on re-run
    assert "harvest_a.csv:15" in report.read_text(encoding="utf-8")


def test_build_data_refuses_a_missing_sources_folder(tmp_path):
    assert main(["build-data", "--sources", str(tmp_path / "none"), "--out", str(tmp_path / "o.csv"),
                 "--no-geocode"]) == 2


def test_module_entry_point_validates_the_shipped_data():
    proc = subprocess.run([sys.executable, "-m", "pobratymy", "validate", "data/partnerships.csv"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
