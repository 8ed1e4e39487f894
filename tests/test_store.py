"""Saving: admin only, atomic under SIGKILL, one winner for concurrent saves, backups and change log."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pobratymy.errors import ConflictError, ReadOnlyError
from pobratymy.io import fingerprint
from pobratymy.store import Store, admin_password, check_password

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures"


def rec(i: int) -> dict[str, str]:
    return {"id": f"lviv--town{i}-pl", "ua_name_en": "Lviv", "ua_oblast": "UA-46", "ua_level": "city",
            "partner_name": f"Town{i}", "partner_country": "PL", "kind": "partnership", "status": "signed",
            "source_url": "https://example.org/x"}


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def data(tmp_path) -> Path:
    p = tmp_path / "partnerships.csv"
    p.write_bytes((FIX / "import_existing.csv").read_bytes())
    return p


# ------------------------------------------------------------------------------------------ rights
@pytest.mark.parametrize(("given", "expected", "ok"), [
    ("s3cret", "s3cret", True), ("s3cret ", "s3cret", False), ("S3CRET", "s3cret", False), ("", "s3cret", False),
    (None, "s3cret", False), ("", "", False), ("anything", "", False), ("пароль", "пароль", True),
])
def test_check_password(given, expected, ok):
    assert check_password(given, expected) is ok


@pytest.mark.parametrize(("secrets", "env", "expected"), [
    ({"admin_password": "a"}, {"POBRATYMY_ADMIN_PASSWORD": "b"}, "a"), ({}, {"POBRATYMY_ADMIN_PASSWORD": "b"}, "b"),
    (None, {}, ""), ({"admin_password": ""}, {}, ""),
])
def test_admin_password_is_read_from_secrets_then_env(secrets, env, expected):
    assert admin_password(secrets, env) == expected


def test_read_only_store_cannot_write_anything(data):
    before = {p: p.read_bytes() for p in data.parent.rglob("*") if p.is_file()}
    for store in (Store(data), Store.unlocked(data, "guess", ""), Store.unlocked(data, "guess", "s3cret")):
        with pytest.raises(ReadOnlyError):
            store.append([rec(1)], fingerprint(data))
        with pytest.raises(ReadOnlyError):
            store.replace([], fingerprint(data))
    assert {p: p.read_bytes() for p in data.parent.rglob("*") if p.is_file()} == before


# ------------------------------------------------------------------------------------------- saving
def test_save_appends_backs_up_and_logs(data):
    old = data.read_bytes()
    saved = Store.unlocked(data, "s3cret", "s3cret", who="olena").append([rec(1), rec(2)], fingerprint(data), "import x.csv")
    rows = rows_of(data)
    assert [r["id"] for r in rows] == ["chernihiv--bryansk-ru", "lviv--town1-pl", "lviv--town2-pl"]
    assert Path(saved.backup).read_bytes() == old and saved.rows_added == 2
    log = rows_of(data.parent / "changes.csv")
    assert (log[-1]["who"], log[-1]["what"], log[-1]["rows_added"], log[-1]["ids"]) == (
        "olena", "import x.csv", "2", "lviv--town1-pl lviv--town2-pl")
    assert saved.fingerprint == fingerprint(data)


def test_save_refuses_a_file_changed_since_it_was_loaded(data):
    loaded_fp = fingerprint(data)
    data.write_bytes(data.read_bytes() + b"someone-else,,,,,,,,,,,,,,,,,\n")
    store = Store(data, writable=True)
    with pytest.raises(ConflictError):
        store.append([rec(1)], loaded_fp)
    assert "someone-else" in data.read_text(encoding="utf-8") and "town1" not in data.read_text(encoding="utf-8")


def test_rows_that_fail_validation_today_are_never_dropped_by_a_save(data):
    data.write_bytes(data.read_bytes() + b"bad-row,,,,,,,,,,,,,,,,,\n")
    Store(data, writable=True).append([rec(1)], fingerprint(data))
    assert [r["id"] for r in rows_of(data)] == ["chernihiv--bryansk-ru", "bad-row", "lviv--town1-pl"]


# ------------------------------------------------------------------------------------ fault injection
CHILD = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from pobratymy.store import Store
    from pobratymy.io import fingerprint
    path, stage, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    real_fsync, real_replace = os.fsync, os.replace
    def announce_and_hang(what):
        print(what, flush=True)
        time.sleep(600)
    def fsync(fd):
        real_fsync(fd)
        if stage == "after-temp-fsync" and os.path.basename(os.readlink(f"/proc/self/fd/{{fd}}")).startswith(".partnerships"):
            announce_and_hang("in-the-middle")
    def replace(a, b):
        real_replace(a, b)
        if stage == "after-replace" and os.path.basename(b) == "partnerships.csv":
            announce_and_hang("replaced")
    os.fsync, os.replace = fsync, replace
    rows = [dict(id=f"lviv--t{{i}}-pl", ua_name_en="Lviv", ua_oblast="UA-46", ua_level="city",
                 partner_name=f"T{{i}}", partner_country="PL", kind="partnership", status="signed",
                 source_url="https://example.org/" + "x" * 200) for i in range(n)]
    if stage == "loop":
        print("looping", flush=True)
        while True:
            Store(path, writable=True).replace(rows if len(open(path).read()) < 1000 else rows[:1], fingerprint(path))
    Store(path, writable=True).append(rows, fingerprint(path))
    print("done", flush=True)
""")


def run_child(tmp_path, data, stage, n=2000):
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT)), encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), str(data), stage, str(n)], stdout=subprocess.PIPE, text=True)


@pytest.mark.parametrize(("stage", "expect_new"), [("after-temp-fsync", False), ("after-replace", True)])
def test_sigkill_in_the_middle_of_a_save_leaves_the_old_or_the_new_file_whole(tmp_path, data, stage, expect_new):
    old = data.read_bytes()
    child = run_child(tmp_path, data, stage)
    try:
        line = child.stdout.readline().strip()  # readiness: the child says where it stopped
        assert line in {"in-the-middle", "replaced"}
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    rows = rows_of(data)
    if expect_new:
        assert len(rows) == 2001 and rows[-1]["id"] == "lviv--t1999-pl"
    else:
        assert data.read_bytes() == old
    # a new save after the crash still works (the lock died with the process)
    Store(data, writable=True).append([rec(7)], fingerprint(data))
    assert rows_of(data)[-1]["id"] == "lviv--town7-pl"


@pytest.mark.slow  # kills child processes at random moments: seconds
def test_sigkill_at_random_moments_of_repeated_saves_never_leaves_a_partial_file(tmp_path, data):
    import random
    import time

    small, big = 1, 3000
    rnd = random.Random(5)
    for _ in range(5):
        child = run_child(tmp_path, data, "loop", n=big)
        try:
            assert child.stdout.readline().strip() == "looping"
            time.sleep(rnd.uniform(0.05, 0.4))  # when to kill, not an assertion about speed
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=60)
        rows = rows_of(data)
        assert len(rows) in {1, small, big}  # the original, or one whole save
        assert all(r["source_url"].startswith("https://") for r in rows)


CONCURRENT = textwrap.dedent("""
    import sys, time, os
    sys.path.insert(0, {root!r})
    from pobratymy.store import Store
    from pobratymy.io import fingerprint
    from pobratymy.errors import ConflictError
    path, go, who = sys.argv[1], sys.argv[2], sys.argv[3]
    fp = fingerprint(path)   # both load the same version
    print("loaded", flush=True)
    while not os.path.exists(go):
        time.sleep(0.01)
    row = dict(id=f"lviv--{{who}}-pl", ua_name_en="Lviv", ua_oblast="UA-46", ua_level="city", partner_name=who,
               partner_country="PL", kind="partnership", status="signed", source_url="https://example.org/x")
    try:
        Store(path, writable=True, who=who).append([row], fp)
        print("saved", flush=True)
    except ConflictError:
        print("conflict", flush=True)
""")


def test_two_concurrent_saves_give_one_success_and_one_conflict(tmp_path, data):
    script = tmp_path / "two_savers.py"  # not concurrent.py: that would shadow the stdlib package
    script.write_text(CONCURRENT.format(root=str(ROOT)), encoding="utf-8")
    go = tmp_path / "go"
    kids = [subprocess.Popen([sys.executable, str(script), str(data), str(go), who], stdout=subprocess.PIPE, text=True)
            for who in ("alpha", "beta")]
    try:
        assert [k.stdout.readline().strip() for k in kids] == ["loaded", "loaded"]
        go.write_text("go")
        outcomes = {who: k.stdout.readline().strip() for who, k in zip(("alpha", "beta"), kids, strict=True)}
    finally:
        for k in kids:
            k.wait(timeout=60)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(w for w, o in outcomes.items() if o == "saved")
    assert [r["id"] for r in rows_of(data)] == ["chernihiv--bryansk-ru", f"lviv--{winner}-pl"]
    assert len(rows_of(data.parent / "changes.csv")) == 1
