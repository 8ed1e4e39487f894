"""The README is short and true: its column table, commands and settings follow the code."""

import re
from pathlib import Path

from pobratymy.cli import COMMANDS, _available
from pobratymy.config import SETTINGS
from pobratymy.schema import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert m, f"README has no '## {title}' section"
    return m.group(1)


def test_readme_column_table_matches_schema():
    rows = re.findall(r"^\| ([a-z_0-9]+) \|", _section("Data"), flags=re.M)
    assert tuple(r for r in rows if r != "column") == COLUMNS


def test_readme_documents_every_available_command():
    documented = set(re.findall(r"`python -m pobratymy ([a-z-]+)", README))
    assert set(_available()) <= documented
    assert documented <= set(COMMANDS)


def test_readme_documents_every_setting():
    for name in SETTINGS:
        assert f"`{name}`" in README, name


def test_ci_runs_exactly_the_readme_test_command():
    cmd = "python -m pip install -r requirements-dev.txt && python -m pytest"
    assert cmd in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert cmd.replace("install -r", "install -q -r") in ci or cmd in ci
