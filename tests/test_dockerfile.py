"""The Dockerfile, checked statically (no Docker on the build machines): slim Python base, non-root
user, a healthcheck on /_stcore/health with Python's urllib (slim images have no curl), the dashboard as
the command, read-only by default (no admin password baked in), no secrets copied, and every COPY
source present in the repository and not excluded by .dockerignore."""

from __future__ import annotations

import fnmatch
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def ignored() -> list[str]:
    return [ln.strip() for ln in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def copies() -> list[list[str]]:
    """The source paths of every COPY/ADD (flags such as --chown dropped)."""
    out = []
    for ins, args in instructions():
        if ins in {"COPY", "ADD"}:
            parts = [p for p in shlex.split(args) if not p.startswith("--")]
            out.append(parts[:-1])
    return out


def _is_ignored(path: str, patterns: list[str]) -> bool:
    p = path.rstrip("/")
    return any(fnmatch.fnmatch(p, pat.rstrip("/")) or fnmatch.fnmatch(p, pat.removeprefix("**/")) for pat in patterns)


def test_slim_python_base():
    froms = [a for i, a in instructions() if i == "FROM"]
    assert len(froms) == 1 and re.fullmatch(r"python:3\.11(\.\d+)?-slim(-\w+)?", froms[0])


def test_runs_as_a_non_root_user_from_before_the_command():
    ins = instructions()
    users = [(n, a) for n, (i, a) in enumerate(ins) if i == "USER"]
    assert users, "no USER instruction: the container would run as root"
    last_n, last = users[-1]
    assert last.split(":")[0] not in {"root", "0"}
    assert last_n < max(n for n, (i, _) in enumerate(ins) if i == "CMD")
    assert any(i == "RUN" and "useradd" in a and last.split(":")[0] in a for i, a in ins)


def test_healthcheck_uses_python_urllib_on_the_health_endpoint():
    hc = [a for i, a in instructions() if i == "HEALTHCHECK"]
    assert len(hc) == 1
    assert "/_stcore/health" in hc[0] and "urllib.request" in hc[0] and "python" in hc[0]
    assert "curl" not in hc[0] and "wget" not in hc[0]


def test_command_runs_the_dashboard_on_the_exposed_port():
    ins = instructions()
    cmd = [a for i, a in ins if i == "CMD"][-1]
    assert "streamlit" in cmd and "run" in cmd and "dashboard.py" in cmd and "8501" in cmd
    assert ("EXPOSE", "8501") in ins


def test_dependencies_come_from_requirements_txt():
    runs = " ".join(a for i, a in instructions() if i == "RUN")
    assert "pip install -r requirements.txt" in runs
    assert "requirements-dev" not in runs  # test tools stay out of the image


def test_read_only_by_default():
    env = " ".join(a for i, a in instructions() if i in {"ENV", "ARG"})
    assert "ADMIN_PASSWORD" not in env  # no password baked in: without one the app cannot save
    assert "POBRATYMY_ONLINE_GEOCODER=0" in env  # and asks no one on the internet


@pytest.mark.parametrize("secret", [".env", "secrets.toml", ".streamlit/secrets.toml", ".git", "id_rsa.pem"])
def test_no_secret_is_copied(secret):
    for sources in copies():
        for src in sources:
            assert src not in {".", "./", "*"}, "COPY of the whole context"
            assert not src.rstrip("/").endswith(secret), f"COPY {src}"
    name = secret.split("/")[-1]
    assert _is_ignored(secret, ignored()) or _is_ignored(name, ignored()), f"{secret} not in .dockerignore"


def test_every_copy_source_exists_and_is_not_ignored():
    pats = ignored()
    for sources in copies():
        for src in sources:
            assert (ROOT / src).exists(), f"COPY {src}: not in the repository"
            assert not _is_ignored(src, pats), f"COPY {src}: excluded by .dockerignore"


def test_the_image_gets_every_package_the_app_imports():
    """Each top-level folder dashboard.py and the pages import is copied."""
    copied = {s.rstrip("/") for srcs in copies() for s in srcs}
    needed = {"dashboard.py", "pobratymy", "geo", "pages", "data"}
    assert needed <= copied, needed - copied
