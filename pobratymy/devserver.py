"""Run the dashboard on a free loopback port until it answers ``/_stcore/health`` — for the browser
tests, the benchmarks and the screenshot scripts. No ``streamlit`` import: it runs ``python -m
streamlit`` in a child process and polls (no fixed sleep)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .config import ROOT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``/_stcore/health`` until it answers 200; fail early if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # poll interval, not a wait for readiness
    raise TimeoutError(f"{url} not healthy after {timeout}s")


@contextmanager
def running_dashboard(env: Mapping[str, str], log_path: str | os.PathLike, *, timeout: float = 120.0,
                      root: Path = ROOT) -> Iterator[str]:
    """``streamlit run dashboard.py`` with ``env`` (the whole environment of the child) on a free port of
    127.0.0.1; yields the base URL; stops the server on exit. Output goes to ``log_path``."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=dict(env), stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc, timeout)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
