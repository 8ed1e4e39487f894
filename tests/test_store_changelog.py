"""The change log survives a process killed while appending: whole lines only, and the next append
starts on a fresh line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pobratymy.store import CHANGE_LOG_COLUMNS, Store, append_change, read_change_log

ROOT = Path(__file__).resolve().parent.parent
HEADER = ",".join(CHANGE_LOG_COLUMNS) + "\n"
LINE = "2024-01-01T00:00:00+00:00,olena,import a.csv,2,5,a b,\n"


@pytest.mark.parametrize(("content", "whos"), [
    ("", []),
    (HEADER, []),
    (HEADER + LINE, ["olena"]),
    (HEADER + LINE + "2024-01-02T00:00:00+00:00,ihor,imp", ["olena"]),       # cut inside a line
    (HEADER + LINE + '2024-01-02T00:00:00+00:00,ihor,"import\n', ["olena"]),  # cut inside a quoted cell
    (HEADER + LINE + "x,y\n" + LINE, ["olena", "olena"]),                     # a line with too few cells
    (HEADER[:10], []),                                                        # cut inside the header
])
def test_reader_returns_whole_lines_only(tmp_path, content, whos):
    log = tmp_path / "changes.csv"
    log.write_text(content, encoding="utf-8")
    assert [r["who"] for r in read_change_log(log)] == whos


def test_missing_log_reads_as_empty(tmp_path):
    assert read_change_log(tmp_path / "nope.csv") == []


@pytest.mark.parametrize("content", ["", HEADER + LINE, HEADER + LINE + "2024-01-02T00:00:00+00:00,ihor,imp",
                                     HEADER[:10]])
def test_append_after_a_partial_line_starts_a_fresh_line(tmp_path, content):
    log = tmp_path / "changes.csv"
    log.write_text(content, encoding="utf-8")
    before = [r["who"] for r in read_change_log(log)]
    append_change(log, "maria", "override UA|UA-14|lyman", ids=["k1"])
    rows = read_change_log(log)
    assert [r["who"] for r in rows] == [*before, "maria"]
    assert rows[-1]["what"] == "override UA|UA-14|lyman" and rows[-1]["ids"] == "k1"
    assert log.read_text(encoding="utf-8").endswith("\n") and "ihor" not in log.read_text(encoding="utf-8")


def test_store_save_logs_through_the_tolerant_writer(tmp_path):
    data = tmp_path / "partnerships.csv"
    (tmp_path / "changes.csv").write_text(HEADER + "2024-01-02T00:00:00+00:00,ih", encoding="utf-8")
    rec = {"id": "lviv--town1-pl", "ua_name_en": "Lviv", "ua_oblast": "UA-46", "ua_level": "city",
           "partner_name": "Town1", "partner_country": "PL", "kind": "partnership", "status": "signed",
           "source_url": "https://example.org/x"}
    Store(data, writable=True, who="olena").append([rec], "")
    assert [(r["who"], r["ids"]) for r in read_change_log(tmp_path / "changes.csv")] == [("olena", "lviv--town1-pl")]


CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from pobratymy.store import append_change
    print("appending", flush=True)
    i = 0
    while True:
        append_change(sys.argv[1], "bot", "x" * 5000, i, i, [f"id{{i}}"] * 50)
        i += 1
""")


@pytest.mark.slow  # kills child processes at random moments: seconds
def test_sigkill_while_appending_leaves_only_whole_lines(tmp_path):
    import random
    import time

    log, script = tmp_path / "changes.csv", tmp_path / "appender.py"
    script.write_text(CHILD.format(root=str(ROOT)), encoding="utf-8")
    rnd = random.Random(3)
    total = 0
    for _ in range(3):
        child = subprocess.Popen([sys.executable, str(script), str(log)], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "appending"
            time.sleep(rnd.uniform(0.05, 0.3))  # when to kill, not an assertion about speed
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=60)
        rows = read_change_log(log)
        assert len(rows) >= total
        assert all(r["what"] == "x" * 5000 and r["ids"] == " ".join([f"id{r['rows_added']}"] * 50) for r in rows)
        total = len(rows)
    append_change(log, "after", "crash")
    assert read_change_log(log)[-1]["who"] == "after"
