"""The layers point one way (docs/architecture.md): geo/ is geography and takes nothing from the domain
package but its error types; Streamlit only in dashboard.py and pages/; every module imports."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "pobratymy")


def imports_of(path: Path) -> set[str]:
    """Every module a file imports (absolute names; relative ones resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def python_files(*dirs: str) -> list[Path]:
    return [p for d in dirs for p in (ROOT / d).rglob("*.py") if "data" not in p.relative_to(ROOT).parts[1:2]]


@pytest.mark.parametrize("path", python_files("geo"), ids=lambda p: str(p.relative_to(ROOT)))
def test_geo_takes_nothing_from_the_domain_but_its_errors(path):
    bad = sorted(m for m in imports_of(path) if m.startswith("pobratymy") and not m.startswith("pobratymy.errors"))
    assert bad == []


@pytest.mark.parametrize("path", python_files("geo", "pobratymy"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_streamlit_outside_the_pages(path):
    assert not any(m == "streamlit" or m.startswith("streamlit.") for m in imports_of(path))


@pytest.mark.parametrize("name", sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts) for p in python_files("geo", "pobratymy")
    if p.name != "__main__.py"))
def test_every_module_imports_on_its_own(name):
    importlib.import_module(name.removesuffix(".__init__"))
