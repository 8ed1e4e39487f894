"""export-data --out FILE.csv|.xlsx|.geojson: the data of a selection, with coordinates and register codes."""

from __future__ import annotations

import json

from . import selection_codes

HELP = ("write the partnerships (optionally narrowed by oblast/country) as CSV, XLSX or GeoJSON with every "
        "column, KATOTTG codes and coordinates; the format follows the file's extension")


def add_arguments(p) -> None:
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.csv, FILE.xlsx or FILE.geojson")
    p.add_argument("--oblast", action="append", default=[], metavar="UA-14",
                   help="only this oblast (ISO 3166-2 code; repeat or comma-separate for several)")
    p.add_argument("--country", action="append", default=[], metavar="DE",
                   help="only partners in this country (ISO alpha-2; repeat or comma-separate)")
    p.add_argument("--figures", action="store_true", help="print the export's figures as JSON")


def run(args, settings) -> int:
    from pathlib import Path

    from ..errors import ConfigurationError
    from ..export_data import FORMATS, export_bytes, export_rows, figures, load_enriched, select
    from ..io import atomic_write_bytes

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ConfigurationError(f"--out {out}: the extension must be .csv, .xlsx or .geojson")
    oblasts, countries = selection_codes(args.oblast, args.country)
    df, problems = load_enriched(settings)
    data = export_bytes(df, fmt, oblasts=oblasts, countries=countries)
    atomic_write_bytes(out, data)
    rows = export_rows(select(df, oblasts, countries))
    print(f"wrote {out}: {len(rows)} partnerships ({len(problems)} invalid rows left out)")
    if args.figures:
        print(json.dumps(figures(rows), ensure_ascii=False))
    return 0
