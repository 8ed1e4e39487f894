"""bench: the benchmark table of bench/run.py (map build vs naive folium, filter change, geocoder, browser)."""

from __future__ import annotations

HELP = ("measure map build time and bytes against naive folium, filter-change time, the geocoder and "
        "page load in Chromium on a synthetic load; print a table (--write BENCHMARKS.md to keep it)")


def _module():
    """bench/run.py, loaded by path (bench/ is a folder of scripts, not a package)."""
    import importlib.util
    import sys

    from ..config import ROOT

    path = ROOT / "bench" / "run.py"
    spec = importlib.util.spec_from_file_location("pobratymy_bench_run", path)
    if spec is None or spec.loader is None or not path.exists():
        from ..errors import ConfigurationError

        raise ConfigurationError(f"{path} is missing: the benchmarks ship with the source tree only")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def add_arguments(p) -> None:
    p.add_argument("--sizes", default="1000,2000,10000,50000",  # bench/run.py DEFAULT_SIZES
                   help="partnership counts for the map build (comma-separated; default %(default)s)")
    p.add_argument("--runs", type=int, default=5, help="runs per measure; the median is reported")
    p.add_argument("--seed", type=int, default=7, help="seed of the synthetic load")
    p.add_argument("--write", metavar="FILE.md", help="also write the table into this Markdown file")
    p.add_argument("--quick", action="store_true",
                   help="one run, the given sizes only, no browser (a smoke test; figures mean little)")
    p.add_argument("--no-geocoder", action="store_true", help="skip the geocoder section")
    p.add_argument("--no-browser", action="store_true", help="skip the Chromium section")
    p.add_argument("--no-export", action="store_true", help="skip the export-map measure")


def run(args, settings) -> int:
    return _module().main_args(args)
