"""Saving the partnerships CSV safely: admin only, atomic, backed up, no lost update, logged.

A :class:`Store` is made once at the edge with the admin password read there (``st.secrets`` or
``POBRATYMY_ADMIN_PASSWORD``, see :func:`admin_password`); without a password it is read-only and every
write raises :class:`pobratymy.errors.ReadOnlyError` before touching the disk. A save

1. refuses with :class:`pobratymy.errors.ConflictError` when the file changed since it was loaded
   (the sha256 fingerprint of :func:`pobratymy.io.fingerprint`), so nobody's update is lost;
2. copies the current file to ``backups/<name>-<UTC timestamp>.csv`` beside it;
3. writes the new content atomically (temp file, fsync, ``os.replace``: a crash leaves the old or the
   new file whole — see ``tests/test_store.py``);
4. appends one line to the change log ``changes.csv`` beside it: when, who, what, how many rows, ids
   (one ``O_APPEND`` write per line; :func:`read_change_log` skips a line cut short by a crash).
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import hmac
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import ENV_ADMIN_PASSWORD
from .errors import ConflictError, ReadOnlyError
from .io import FileLock, atomic_write_bytes, to_csv_bytes
from .schema import COLUMNS

SECRET_KEY = "admin_password"
CHANGE_LOG_COLUMNS = ("when", "who", "what", "rows_added", "rows_after", "ids", "backup")


def admin_password(secrets: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> str:
    """The configured admin password ("" = none: read-only). ``st.secrets[SECRET_KEY]`` wins over the
    environment. Call it once at the edge and pass the value down."""
    env = os.environ if env is None else env
    try:
        value = (secrets or {}).get(SECRET_KEY)  # st.secrets raises when no secrets file exists
    except Exception:  # noqa: BLE001 - a missing/unreadable secrets file just means "not configured"
        value = None
    return str(value or env.get(ENV_ADMIN_PASSWORD) or "")


def check_password(given: str | None, expected: str) -> bool:
    """Constant-time comparison; always False when no password is configured."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Saved:
    path: str
    backup: str
    rows_added: int
    rows_after: int
    fingerprint: str


class Store:
    """Writes to one partnerships CSV. ``writable`` is decided once (admin unlocked) and never changes."""

    def __init__(self, path: str | os.PathLike, *, writable: bool = False, who: str = "admin"):
        self.path = Path(path)
        self.writable = writable
        self.who = who

    @classmethod
    def unlocked(cls, path, password_given: str | None, password_expected: str, who: str = "admin") -> Store:
        return cls(path, writable=check_password(password_given, password_expected), who=who)

    @property
    def backups_dir(self) -> Path:
        return self.path.parent / "backups"

    @property
    def change_log(self) -> Path:
        return self.path.parent / "changes.csv"

    def _require_writable(self) -> None:
        if not self.writable:
            raise ReadOnlyError("read-only: saving needs the admin password")

    def append(self, rows: Sequence[Mapping[str, str]], expected_fingerprint: str, what: str = "import") -> Saved:
        """Append ``rows`` (schema records) to the file as it was when loaded (``expected_fingerprint``)."""
        self._require_writable()
        return self._save(lambda old: old + [dict(r) for r in rows], expected_fingerprint, what,
                          [str(r.get("id", "")) for r in rows])

    def replace(self, rows: Iterable[Mapping[str, str]], expected_fingerprint: str, what: str = "edit") -> Saved:
        """Replace the whole content (an edit) — still refused if the file changed since it was loaded."""
        self._require_writable()
        new = [dict(r) for r in rows]
        return self._save(lambda old: new, expected_fingerprint, what, [])

    def _save(self, change, expected: str, what: str, ids: list[str]) -> Saved:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.path.with_name(self.path.name + ".save.lock"))
        lock.acquire()  # one save at a time; the fingerprint check below catches saves from older loads
        try:
            try:
                current = self.path.read_bytes()
            except FileNotFoundError:
                current = b""
            actual = hashlib.sha256(current).hexdigest() if current else ""
            if actual != expected:
                raise ConflictError(self.path, expected, actual)
            old_rows = _parse(current)
            new_rows = change(old_rows)
            data = to_csv_bytes(new_rows, COLUMNS)
            backup = ""
            if current:
                stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
                b = self.backups_dir / f"{self.path.stem}-{stamp}.csv"
                atomic_write_bytes(b, current)
                backup = str(b)
            atomic_write_bytes(self.path, data, expected_fingerprint=expected)
            added = len(new_rows) - len(old_rows)
            self._log(what, added, len(new_rows), ids, backup)
            return Saved(str(self.path), backup, added, len(new_rows), hashlib.sha256(data).hexdigest())
        finally:
            lock.release()

    def _log(self, what: str, added: int, after: int, ids: list[str], backup: str) -> None:
        append_change(self.change_log, self.who, what, added, after, ids, backup)


def _parse(data: bytes) -> list[dict[str, str]]:
    """Every row of the file as written — even rows that fail validation today are kept."""
    if not data:
        return []
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def append_change(log: str | os.PathLike, who: str, what: str, added: int = 0, after: int = 0,
                  ids: Iterable[str] = (), backup: str = "") -> None:
    """Append one line to a change log (``CHANGE_LOG_COLUMNS``), header first when the log is new.

    The line goes out in one ``os.write`` with ``O_APPEND`` and ends with ``\\n``, so a process killed
    while writing leaves at most a partial *last* line. Such a tail (no final newline) is cut off before
    the next append, under a lock, and :func:`read_change_log` never returns it.
    """
    log = Path(log)
    log.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    when = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    w.writerow([when, who, what, added, after, " ".join(i for i in ids if i), backup])
    line = buf.getvalue()
    lock = FileLock(log.with_name(log.name + ".lock"))
    lock.acquire()
    try:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size:
                _cut_partial_tail(log, fd, size)
            if not os.fstat(fd).st_size:
                hdr = io.StringIO()
                csv.writer(hdr, lineterminator="\n").writerow(CHANGE_LOG_COLUMNS)
                line = hdr.getvalue() + line
            data = line.encode("utf-8")
            while data:
                data = data[os.write(fd, data):]
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        lock.release()


def _cut_partial_tail(log: Path, fd: int, size: int) -> None:
    """Truncate the log after its last newline (a line left half-written by a killed process)."""
    with log.open("rb") as fh:
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    if tail.endswith(b"\n"):
        return
    nl = tail.rfind(b"\n")
    keep = (size - len(tail) + nl + 1) if nl >= 0 else 0
    if nl < 0 and size > len(tail):  # one enormous partial line: find the newline before it
        with log.open("rb") as fh:
            keep = fh.read(size - len(tail)).rfind(b"\n") + 1
    os.ftruncate(fd, keep)


def read_change_log(log: str | os.PathLike) -> list[dict[str, str]]:
    """Every whole line of a change log (a missing log is empty). A partial last line (no final newline,
    left by a process killed mid-write) and lines with the wrong number of cells are skipped."""
    try:
        text = Path(log).read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return []
    if not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != CHANGE_LOG_COLUMNS:
        return []
    return [dict(zip(CHANGE_LOG_COLUMNS, r, strict=True)) for r in rows[1:] if len(r) == len(CHANGE_LOG_COLUMNS)]


def save_rows(path, existing, rows, expected_fingerprint: str, who: str = "cli", what: str = "import") -> Saved:
    """For the command line, whose user already has the file system: append without a password."""
    return Store(path, writable=True, who=who).append(rows, expected_fingerprint, what)
