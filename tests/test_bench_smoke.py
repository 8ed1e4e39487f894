"""The benchmark runs end to end at tiny sizes and prints its table (no timing asserts: figures are for
BENCHMARKS.md), and its synthetic load is what it claims: N distinct partnerships over real places,
clearly synthetic, reproducible, never written into data/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402


@pytest.mark.parametrize("n", [50, 1500])
def test_synthetic_load_is_distinct_real_places_and_marked(n):
    from pobratymy import filters as F
    from pobratymy.config import DEFAULT_OVERRIDES, DEFAULT_PLACES
    from pobratymy.places import load_places
    from pobratymy.schema import validate_frame

    frame = synth.grow(n, seed=3)
    assert len(frame) == n and frame["id"].is_unique
    assert validate_frame(frame) == []
    df = F.enrich(frame, load_places(DEFAULT_PLACES, DEFAULT_OVERRIDES))
    pairs = list(zip(df[F.UA_KEY], df[F.PARTNER_KEY], strict=True))
    synthetic = frame["id"].str.startswith(synth.SYNTH_PREFIX)
    assert len(set(p for p, s in zip(pairs, synthetic, strict=True) if s)) == int(synthetic.sum())
    if synthetic.any():  # every synthetic row is on the map (real places with coordinates), and says so
        assert df.loc[synthetic.values, F.ON_MAP].all()
        assert set(frame.loc[synthetic, "source_url"]) == {synth.SYNTH_SOURCE}
        assert set(frame.loc[synthetic, "notes"]) == {synth.SYNTH_NOTE}
    assert frame.equals(synth.grow(n, seed=3))  # reproducible


@pytest.mark.parametrize("bad", [0, -5])
def test_non_positive_size_is_refused(bad):
    with pytest.raises(ValueError, match="positive"):
        synth.grow(bad)


def test_never_writes_into_data(tmp_path):
    from pobratymy.config import DATA_DIR

    with pytest.raises(ValueError, match="refusing"):
        synth.write_load(synth.grow(10), DATA_DIR)
    out = synth.write_load(synth.grow(10), tmp_path / "load")
    assert out.exists() and (out.parent / "places.csv").exists()


@pytest.mark.slow
def test_quick_bench_prints_the_table(tmp_path):
    md = tmp_path / "BENCH.md"
    md.write_text("# Benchmarks\n\nintro kept\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nfooter kept\n",
                  encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pobratymy", "bench", "--sizes", "60,120", "--quick", "--no-geocoder",
                           "--write", str(md)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    for heading in ("Map build: project renderer vs naive folium", "export-map", "Load path", "Filter change"):
        assert heading in out
    rows = [ln for ln in out.splitlines() if ln.startswith(("| 60 |", "| 120 |"))]
    assert len(rows) == 2 * 4  # map, export, load path and filter tables at both sizes
    written = md.read_text(encoding="utf-8")
    assert "intro kept" in written and "footer kept" in written and "old" not in written
    assert "Map build" in written


@pytest.mark.parametrize("argv", [["--sizes", "a,b"], ["--sizes", "0"], ["--runs", "0"]])
def test_bad_arguments_exit_2(argv):
    proc = subprocess.run([sys.executable, "bench/run.py", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and "error:" in proc.stderr
