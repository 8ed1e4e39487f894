"""``python -m pobratymy <command>``: the stable command-line interface.

Each command lives in ``pobratymy/commands/<name>.py`` with ``HELP``, ``add_arguments(parser)`` and
``run(args, settings) -> int`` (exit code). Heavy imports happen inside ``run``. Errors of the
project's family become one-line messages here, in one place.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .config import Settings
from .errors import PobratymyError

#: command name -> module under pobratymy.commands
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "build-data": "build_data",
    "geocode": "geocode",
    "import": "import_",
    "export-map": "export_map",
    "export-data": "export_data",
    "bench": "bench",
    "coverage": "coverage",
    "leads": "leads",
}


def _available() -> dict[str, object]:
    mods = {}
    for name, mod in COMMANDS.items():
        try:
            mods[name] = importlib.import_module(f"pobratymy.commands.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"pobratymy.commands.{mod}":
                raise
    return mods


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pobratymy",
        description="Pobratymy: partnerships of Ukrainian municipalities. "
        "POBRATYMY_DATA selects the partnerships CSV (default data/partnerships.csv).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, mod in _available().items():
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    try:
        return int(args._run(args, settings) or 0)
    except PobratymyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
