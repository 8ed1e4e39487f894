"""Reading and writing the canonical CSV files: tolerant loading, atomic saving."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock

from .errors import ConflictError, DataFileError
from .schema import COLUMNS, C, Problem, row_problems, validate_frame, with_optional_columns


@dataclass
class Loaded:
    """Result of :func:`load_partnerships`: the valid rows, every problem, and the file's fingerprint."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    fingerprint: str = ""
    path: str = ""


def fingerprint(path: str | os.PathLike) -> str:
    """sha256 of a file's bytes ("" when it does not exist); used to refuse lost updates."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def read_csv_str(path: str | os.PathLike) -> pd.DataFrame:
    """Read a UTF-8 CSV with every cell as a string ('' for empty), keeping leading zeros."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataFileError(path, f"not a readable UTF-8 CSV ({exc.__class__.__name__}: {exc})") from exc


def load_partnerships(path: str | os.PathLike) -> Loaded:
    """Load the partnerships CSV. Bad rows are left out and reported; the rest loads.

    Raises :class:`DataFileError` only when the file as a whole cannot be used (missing, not CSV,
    missing columns).
    """
    fp = fingerprint(path)
    df = read_csv_str(path)
    header = validate_frame(df.head(0))
    df = with_optional_columns(df)
    if header:
        raise DataFileError(path, "; ".join(p.reason for p in header))
    by_row = row_problems(df)  # the whole frame at once; the model only for the suspect rows
    ids = df[C.ID].astype(str)
    again = ids.duplicated().to_numpy()  # an id seen on an earlier row (valid or not)
    keep = np.ones(len(df), dtype=bool)
    problems: list[Problem] = []
    for i in sorted(set(by_row) | set(np.flatnonzero(again).tolist())):
        probs = by_row.get(i) or [Problem(i + 2, "id", "duplicate id", ids.iat[i])]
        problems.extend(probs)
        keep[i] = False
    good = df.loc[keep, list(COLUMNS)].reset_index(drop=True)
    return Loaded(good, problems, fp, str(path))


def to_csv_bytes(rows: pd.DataFrame | Iterable[Mapping[str, str]], columns: Sequence[str] = COLUMNS) -> bytes:
    """Serialise rows deterministically: given column order, LF line ends, minimal quoting, UTF-8."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows
    for rec in records:
        w.writerow({c: "" if rec.get(c) is None else str(rec.get(c)) for c in columns})
    return buf.getvalue().encode("utf-8")


def atomic_write_bytes(path: str | os.PathLike, data: bytes, expected_fingerprint: str | None = None) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, ``os.replace``.

    With ``expected_fingerprint`` (see :func:`fingerprint`), refuse with :class:`ConflictError` when the
    file on disk changed since it was loaded. The check and the replace happen under an exclusive lock
    file so that two concurrent saves give one success and one conflict.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path.with_name(path.name + ".lock")) if expected_fingerprint is not None else None
    if lock:
        lock.acquire()  # the OS lock (fcntl/msvcrt) of `filelock`: released on release or process death
    try:
        if expected_fingerprint is not None:
            actual = fingerprint(path)
            if actual != expected_fingerprint:
                raise ConflictError(path, expected_fingerprint, actual)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
        try:  # make the rename itself durable
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass
    finally:
        if lock:
            lock.release()


def write_csv_atomic(path: str | os.PathLike, rows, columns: Sequence[str] = COLUMNS,
                     expected_fingerprint: str | None = None) -> None:
    atomic_write_bytes(path, to_csv_bytes(rows, columns), expected_fingerprint)
