"""validate FILE: check a partnerships CSV against the schema."""

from __future__ import annotations

import sys

HELP = ("check a partnerships CSV (default: $POBRATYMY_DATA) against the schema and the data rules "
        "(RU/BY ties never live, ended not before date, occupation, status backed by a source event); "
        "exit 0 if valid, 1 with every problem")


def add_arguments(p) -> None:
    p.add_argument("file", nargs="?", help="CSV to check (default: $POBRATYMY_DATA or data/partnerships.csv)")


def run(args, settings) -> int:
    from ..io import load_partnerships, read_csv_str
    from ..rules import check
    from ..schema import with_optional_columns

    path = args.file or settings.data_path
    loaded = load_partnerships(path)
    bad_ids = {p.id for p in loaded.problems}
    # the rules run on the rows the schema accepts, with their own spreadsheet row numbers
    frame = with_optional_columns(read_csv_str(path))
    recs = frame.to_dict("records")
    rules = [p for p in check(recs) if p.id not in bad_ids]
    problems = sorted([*loaded.problems, *rules], key=lambda p: (p.row, p.column))
    if problems:
        for p in problems:
            print(p)
        bad_rows = len({p.row for p in problems})
        print(f"{path}: {len(problems)} problem(s) in {bad_rows} row(s); "
              f"{len(loaded.frame) - len({p.row for p in rules})} valid row(s)", file=sys.stderr)
        return 1
    print(f"{path}: {len(loaded.frame)} rows, valid")
    return 0
