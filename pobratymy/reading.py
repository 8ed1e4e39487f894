"""Read an uploaded spreadsheet into rows of cells, or refuse it with a clear reason.

CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy 8-bit encoding (cp1251 …, detected
with charset-normalizer), delimiter sniffed among ``,`` ``;`` and tab; XLSX through openpyxl in
read-only mode with ``data_only=True`` (formulas are never evaluated by us: a formula cell gives the
value Excel last computed, or nothing). Files over :data:`MAX_BYTES` or :data:`MAX_ROWS`, binary garbage,
old ``.xls`` and broken workbooks raise :class:`pobratymy.errors.DataFileError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataFileError

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
#: 8-bit encodings a Ukrainian council's file may be in; charset-normalizer picks among them.
LEGACY_ENCODINGS = ("cp1251", "koi8_u", "cp866", "cp1252", "cp1250", "iso8859_2")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


@dataclass
class Table:
    """Rows of one sheet as ``(spreadsheet row number, cells)``; blank rows are kept (as empty lists)
    so numbering stays true. ``formats`` holds the number format of date cells, by (row, column)."""

    name: str
    rows: list[tuple[int, list[object]]]
    kind: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    #: merged cell ranges of an XLSX sheet as (first row, first column, last row, last column), 1-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def read_path(path: str | os.PathLike, sheet: str | None = None) -> Table:
    """Read a file from disk (size checked before reading)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DataFileError(p, "file not found") from None
    except OSError as exc:
        raise DataFileError(p, f"cannot read the file ({exc.strerror or exc})") from exc
    _check_size(p, size)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DataFileError(p, f"cannot read the file ({exc.strerror or exc})") from exc
    return read_bytes(data, p.name, sheet=sheet)


def _check_size(name, size: int) -> None:
    if size > MAX_BYTES:
        raise DataFileError(name, f"file is {size / 1024 / 1024:.1f} MB; the limit is "
                                  f"{MAX_BYTES // 1024 // 1024} MB — split it into smaller files")
    if size == 0:
        raise DataFileError(name, "file is empty")


def read_bytes(data: bytes, name: str = "upload", sheet: str | None = None) -> Table:
    """Read CSV or XLSX content (the kind is told by the bytes, not the file name)."""
    _check_size(name, len(data))
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DataFileError(name, "this is an old Excel .xls (or another Office) file; "
                                  "open it in Excel and save as .xlsx or CSV")
    if data[:5] == b"%PDF-":
        raise DataFileError(name, "this is a PDF, not a spreadsheet; export the table as .xlsx or CSV")
    if Path(name).suffix.lower() in {".xlsx", ".xlsm"}:
        raise DataFileError(name, "broken workbook: the file is not a valid .xlsx (zip) file")
    return _read_csv(data, name)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DataFileError(name, f"file claims {enc} but is not ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
        raise DataFileError(name, "binary file: not a CSV or XLSX spreadsheet")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise DataFileError(name, "binary file or unknown text encoding: save it as CSV UTF-8 or .xlsx")
    return str(best), best.encoding


def _sniff(text: str) -> str:
    """The delimiter that splits the most of the first 50 non-blank lines into the same number (>1) of
    cells. (``csv.Sniffer`` is thrown off by a title line above the header, which councils often have.)"""
    lines = [line for line in text.splitlines()[:200] if line.strip()][:50]
    best, best_score = ",", (0, 0)
    for d in (";", "\t", ","):
        counts = Counter(len(cells) for cells in csv.reader(lines, delimiter=d))
        width, freq = max(counts.items(), key=lambda kv: (kv[1] if kv[0] > 1 else 0, kv[0]), default=(0, 0))
        score = (freq if width > 1 else 0, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _read_csv(data: bytes, name: str) -> Table:
    text, encoding = _decode(data, name)
    bad = len(_CONTROL.findall(text[:65536]))
    if bad > max(5, len(text[:65536]) // 100):
        raise DataFileError(name, "binary garbage: the file is not a readable CSV or XLSX spreadsheet")
    delimiter = _sniff(text)
    rows: list[tuple[int, list[object]]] = []
    try:
        for i, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if i > MAX_ROWS + 1:
                raise DataFileError(name, f"more than {MAX_ROWS:,} rows; split the file")
            rows.append((i, list(cells[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise DataFileError(name, f"not a readable CSV ({exc})") from exc
    return Table(name, rows, "csv", encoding=encoding, delimiter=delimiter)


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> Table:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure of the parser on untrusted bytes is "broken"
        raise DataFileError(name, f"broken workbook: cannot open it as .xlsx ({exc.__class__.__name__})") from exc
    try:
        names = wb.sheetnames
        if sheet is not None and sheet not in names:
            raise DataFileError(name, f"no sheet named {sheet!r}; sheets: {', '.join(names)}")
        chosen = [sheet] if sheet else names
        best: Table | None = None
        best_score = -1
        from .headers import score_header

        for sname in chosen:
            table = _read_sheet(wb[sname], name, sname)
            table.merged = _merged_ranges(data, wb[sname])
            score = max((score_header(cells) for _, cells in table.rows[:15]), default=0)
            if score > best_score:
                best, best_score = table, score
            if score >= 3:
                break
        assert best is not None
        return best
    except DataFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a corrupt sheet inside a valid zip
        raise DataFileError(name, f"broken workbook: cannot read its sheets ({exc.__class__.__name__})") from exc
    finally:
        wb.close()


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
MAX_MERGED = 10_000


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def _merged_ranges(data: bytes, ws) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a sheet. openpyxl's read-only mode does not parse them, so they are read from the
    sheet's XML part (``<mergeCell ref="B3:B7"/>``); at most :data:`MAX_MERGED`, nothing evaluated."""
    import zipfile

    path = getattr(ws, "_worksheet_path", None)
    if not path:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo(path.lstrip("/"))
            if info.file_size > 200 * 1024 * 1024:
                return []
            xml = zf.read(info)
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    out = []
    for m in _MERGE_REF.finditer(xml):
        r1, r2 = int(m.group(2)), int(m.group(4))
        c1, c2 = _col_number(m.group(1)), _col_number(m.group(3))
        if r1 <= r2 and c1 <= c2:
            out.append((r1, c1, r2, c2))
        if len(out) >= MAX_MERGED:
            break
    return out


def _read_sheet(ws, name: str, sname: str) -> Table:
    dim_max = ws.max_row
    if dim_max is not None and dim_max > MAX_ROWS + 1:
        raise DataFileError(name, f"sheet {sname!r} has {dim_max:,} rows; the limit is {MAX_ROWS:,}")
    rows: list[tuple[int, list[object]]] = []
    formats: dict[tuple[int, int], str] = {}
    for i, cells in enumerate(ws.iter_rows(min_row=1), start=1):
        if i > MAX_ROWS + 1:
            raise DataFileError(name, f"sheet {sname!r} has more than {MAX_ROWS:,} rows; split the file")
        values: list[object] = []
        for j, c in enumerate(cells[:MAX_COLUMNS]):
            v = c.value
            values.append(v)
            fmt = getattr(c, "number_format", None)
            if v is not None and fmt and hasattr(v, "year"):
                formats[(i, j)] = fmt
        while values and values[-1] in (None, ""):
            values.pop()
        rows.append((i, values))
    while rows and not rows[-1][1]:
        rows.pop()
    return Table(name, rows, "xlsx", sheet=sname, formats=formats)
