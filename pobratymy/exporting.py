"""Files we hand back to clerks (rejected rows, previews): CSV/XLSX that Excel opens safely.

Any cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) would be run as a formula by Excel or
LibreOffice ("CSV injection"); :func:`neutralise_formula` prefixes such text with ``'`` so it shows as
typed. Every export helper here applies it to every cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_formula(value: object) -> object:
    """``'=1+2`` for ``=1+2``; numbers and other text unchanged (``-5`` as a number stays a number)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows_to_csv_bytes(rows: Iterable[Mapping[str, object]], columns: Sequence[str], *,
                      delimiter: str = ";") -> bytes:
    """CSV for Excel in a Ukrainian locale: UTF-8 with BOM, ``;`` between cells, formulas neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow([neutralise_formula(c) for c in columns])
    for row in rows:
        w.writerow(["" if row.get(c) is None else neutralise_formula(str(row.get(c))) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def rows_to_xlsx_bytes(rows: Iterable[Mapping[str, object]], columns: Sequence[str],
                       sheet: str = "rows") -> bytes:
    """An .xlsx with one sheet; every value written as text (never as a formula)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([str(neutralise_formula(c)) for c in columns])
    for row in rows:
        values = []
        for c in columns:
            v = row.get(c)
            v = "" if v is None else neutralise_formula(v if isinstance(v, int | float) else str(v))
            values.append(v)
        ws.append(values)
    for r in ws.iter_rows(min_row=1):
        for cell in r:
            if isinstance(cell.value, str) and cell.value.startswith("="):  # belt and braces
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rejected_rows(result) -> tuple[list[dict[str, object]], list[str]]:
    """The rows a clerk must fix, as written in her file, with the row number and the reason first."""
    header = [h for h in result.header if h]
    columns = ["row", "verdict", "reason", *header]
    out = []
    for r in result.not_accepted:
        row: dict[str, object] = {"row": r.row, "verdict": r.verdict, "reason": r.reason}
        row.update({k: v for k, v in r.cells.items() if k in header})
        for k, v in r.cells.items():
            if k not in header:
                columns.append(k) if k not in columns else None
                row[k] = v
        out.append(row)
    return out, columns
