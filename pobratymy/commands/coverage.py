"""coverage --out FILE.csv|.xlsx: one row per hromada with its live ties (see pobratymy/coverage.py)."""

from __future__ import annotations

import sys

from . import selection_codes

HELP = ("write one row per hromada of the official register (outside Crimea and Sevastopol) with its live "
        "ties: katottg, names, oblast, raion, centre, coordinates, partnerships, countries, first/last signed")


def add_arguments(p) -> None:
    p.add_argument("--out", required=True, help="file to write: .csv or .xlsx")
    add_filter_arguments(p)


def add_filter_arguments(p) -> None:
    p.add_argument("--oblast", action="append", default=[], metavar="UA-46",
                   help="only this oblast (ISO 3166-2 code; repeat or comma-separate for several)")
    p.add_argument("--country", action="append", default=[], metavar="PL",
                   help="only ties with partners in this country (ISO alpha-2; repeat or comma-separate)")
    p.add_argument("--year-from", type=int, metavar="YEAR", help="only ties dated in or after YEAR")
    p.add_argument("--year-to", type=int, metavar="YEAR", help="only ties dated in or before YEAR")




def selection(args, settings):
    """``(ties, register, filters)``: the partnerships of ``settings`` narrowed like the map by the
    command's filter options, each with its hromada (:func:`pobratymy.coverage.hromada_ties`)."""
    from .. import coverage as V
    from .. import filters as F
    from ..io import load_partnerships
    from ..register import load_register

    oblasts, countries = selection_codes(args.oblast, args.country)
    loaded = load_partnerships(settings.data_path)
    if loaded.problems:
        print(f"note: {len(loaded.problems)} invalid row(s) of {settings.data_path} left out", file=sys.stderr)
    f = F.Filters(oblasts=oblasts, countries=countries, statuses=tuple(sorted(V.LIVE_STATUSES)),
                  year_from=args.year_from, year_to=args.year_to)
    ties = V.hromada_ties(F.apply(F.enrich(loaded.frame, {}), f))
    return ties, load_register(), f


def run(args, settings) -> int:
    from pathlib import Path

    from .. import coverage as V
    from ..errors import ConfigurationError
    from ..exporting import rows_to_csv_bytes, rows_to_xlsx_bytes
    from ..io import atomic_write_bytes

    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise ConfigurationError(f"--out {args.out!r}: the file name must end in .csv or .xlsx")
    ties, register, f = selection(args, settings)
    table = V.coverage_table(ties, register, f.oblasts)
    rows = []
    for r in table[list(V.COVERAGE_COLUMNS)].to_dict("records"):
        for c in ("lat", "lon"):
            r[c] = "" if r[c] != r[c] else (round(float(r[c]), 5) if kind == ".xlsx" else f"{r[c]:.5f}")
        rows.append(r)
    data = (rows_to_xlsx_bytes(rows, V.COVERAGE_COLUMNS, sheet="coverage") if kind == ".xlsx"
            else rows_to_csv_bytes(rows, V.COVERAGE_COLUMNS, delimiter=","))
    atomic_write_bytes(out, data)
    h = V.headline(table)
    placed = int(table["lat"].notna().sum())
    unmatched = ties[(ties[V.MATCH] != "") & ties[V.LIVE] & ties[V.HROMADA].eq("")
                     & ties["ua_level"].isin(V.HROMADA_LEVELS)]
    print(f"{out}: {h.total} hromadas, {placed} placed, {h.covered} with a partner ({h.partnerships} live ties); "
          f"{len(unmatched)} live tie(s) of a city/hromada/village not matched to the register")
    for r in unmatched.drop_duplicates(["ua_name_uk", "ua_oblast"]).head(20).itertuples():
        print(f"  not matched: {r.ua_name_uk} ({r.ua_oblast}): {getattr(r, V.MATCH)}", file=sys.stderr)
    return 0
