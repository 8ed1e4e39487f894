"""build-data: regenerate data/partnerships.csv from the raw files in data/sources/."""

from __future__ import annotations

import sys

HELP = ("rebuild data/partnerships.csv from data/sources/ (merge, normalise, report); "
        "exit 0 when the result is valid, 1 otherwise")


def add_arguments(p) -> None:
    p.add_argument("--sources", default=None, metavar="DIR", help="raw files (default: data/sources/)")
    p.add_argument("--out", default=None, metavar="FILE", help="output CSV (default: data/partnerships.csv)")
    p.add_argument("--report", default=None, metavar="FILE",
                   help="Markdown report of rows left out, merges and conflicts (default: data/build_report.md)")
    p.add_argument("--no-geocode", action="store_true",
                   help="do not use the offline gazetteer (names from the sources and bundled tables only)")


def run(args, settings) -> int:
    from ..build import build, geocoder_resolvers, report_markdown
    from ..config import DATA_DIR, DEFAULT_DATA, GEO_DATA_DIR, SOURCES_DIR
    from ..errors import ConfigurationError
    from ..io import atomic_write_bytes, write_csv_atomic
    from ..schema import validate_records

    sources = args.sources or SOURCES_DIR
    out = args.out or DEFAULT_DATA
    report = args.report or (DATA_DIR / "build_report.md")
    from pathlib import Path

    if not Path(sources).is_dir():
        raise ConfigurationError(f"--sources {sources}: not a folder")
    ua, partner = (None, None) if args.no_geocode else geocoder_resolvers()
    result = build(sources, GEO_DATA_DIR, resolve_ua=ua, resolve_partner=partner)
    from ..rules import check

    problems = validate_records(result.rows) + check(result.rows)
    write_csv_atomic(out, result.rows)
    atomic_write_bytes(report, report_markdown(result).encode("utf-8"))
    for k, v in result.stats().items():
        if isinstance(v, dict):
            for f, n in v.items():
                print(f"rows read: {f}: {n}")
        else:
            print(f"{k}: {v}")
    print(f"wrote {out} and {report}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0
