"""validate FILE: check a partnerships CSV against the schema."""

from __future__ import annotations

import sys

HELP = "check a partnerships CSV (default: $POBRATYMY_DATA); exit 0 if valid, 1 with every problem"


def add_arguments(p) -> None:
    p.add_argument("file", nargs="?", help="CSV to check (default: $POBRATYMY_DATA or data/partnerships.csv)")


def run(args, settings) -> int:
    from ..io import load_partnerships

    path = args.file or settings.data_path
    loaded = load_partnerships(path)
    if loaded.problems:
        for p in loaded.problems:
            print(p)
        bad_rows = len({p.row for p in loaded.problems})
        print(f"{path}: {len(loaded.problems)} problem(s) in {bad_rows} row(s); "
              f"{len(loaded.frame)} valid row(s)", file=sys.stderr)
        return 1
    print(f"{path}: {len(loaded.frame)} rows, valid")
    return 0
