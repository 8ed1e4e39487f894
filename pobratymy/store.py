"""Saving the partnerships CSV safely: admin only, atomic, backed up, no lost update, logged.

A :class:`Store` is made once at the edge with the admin password read there (``st.secrets`` or
``POBRATYMY_ADMIN_PASSWORD``, see :func:`admin_password`); without a password it is read-only and every
write raises :class:`pobratymy.errors.ReadOnlyError` before touching the disk. A save

1. refuses with :class:`pobratymy.errors.ConflictError` when the file changed since it was loaded
   (the sha256 fingerprint of :func:`pobratymy.io.fingerprint`), so nobody's update is lost;
2. copies the current file to ``backups/<name>-<UTC timestamp>.csv`` beside it;
3. writes the new content atomically (temp file, fsync, ``os.replace``: a crash leaves the old or the
   new file whole — see ``tests/test_store.py``);
4. appends one line to the change log ``changes.csv`` beside it: when, who, what, how many rows, ids.
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
        new = not self.change_log.exists()
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        if new:
            w.writerow(CHANGE_LOG_COLUMNS)
        when = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        w.writerow([when, self.who, what, added, after, " ".join(i for i in ids if i), backup])
        with self.change_log.open("a", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
            fh.flush()
            os.fsync(fh.fileno())


def _parse(data: bytes) -> list[dict[str, str]]:
    """Every row of the file as written — even rows that fail validation today are kept."""
    if not data:
        return []
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def save_rows(path, existing, rows, expected_fingerprint: str, who: str = "cli", what: str = "import") -> Saved:
    """For the command line, whose user already has the file system: append without a password."""
    return Store(path, writable=True, who=who).append(rows, expected_fingerprint, what)
