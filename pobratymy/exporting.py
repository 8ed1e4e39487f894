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


# ------------------------------------------------------------------ exports of the current map view

#: JavaScript that counts the partnership lines Leaflet has drawn (polylines with projected parts,
#: basemap polygons excluded) in a page holding one folium map; -1 while Leaflet or the map is missing.
LINES_DRAWN_JS = """() => {
  if (!window.L) { return -1; }
  const m = Object.values(window).find(v => v instanceof L.Map);
  if (!m) { return -1; }
  let n = 0;
  m.eachLayer(l => { if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l._parts && l._parts.length) { n++; } });
  return n;
}"""


#: True once the exported page has settled: Leaflet and the map exist, the view was fitted without
#: animation and two frames were painted after it (:class:`pobratymy.render.mapbuild.FitView` sets ``pbSettled``), and no
#: zoom animation or pan is running. Also used by the tests that compare a PNG with the HTML.
SETTLED_JS = f"""() => {{
  const n = ({LINES_DRAWN_JS})();
  if (n < 0) {{ return false; }}
  const m = Object.values(window).find(v => v instanceof L.Map);
  const fitted = window.pbSettled !== undefined ? !!window.pbSettled : true;
  return fitted && !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);
}}"""


def sources_note(df, lang: str, data_day) -> str:
    """"Pobratymy · data as of 1 December 2026 · sources: decentralization.gov.ua, wikidata.org, … and 40
    more": the date of the data and where its rows were read, for the foot of a slide."""
    from collections import Counter
    from urllib.parse import urlparse

    from . import i18n
    from .schema import C, split_sources

    hosts: Counter[str] = Counter()
    if len(df):
        for first, others in zip(df[C.SOURCE_URL], df[C.OTHER_SOURCES], strict=True):
            for u in {first, *split_sources(others)}:
                h = (urlparse(str(u)).hostname or "").removeprefix("www.")
                if h:
                    hosts[h] += 1
    top = [h for h, _ in hosts.most_common(3)]
    sources = ", ".join(top) or "—"
    if len(hosts) > len(top):
        sources = i18n.t("ex.sources_more", lang, hosts=sources, n=len(hosts) - len(top))
    return i18n.t("ex.sources_note", lang, date=i18n.format_date(data_day.isoformat(), lang), sources=sources)


def file_name(kind: str, ext: str, *, oblasts=(), countries=(), focus: str = "", day=None) -> str:
    """``pobratymy-lvivska-oblast-PL-2026-12-01.png``: what is in the file, then the day it was made.
    ``kind`` is "" for the map or a word such as "partnerships"; names are romanised (KMU 2010) slugs."""
    import datetime as _dt

    from .identity import slug
    from .present import oblast_namer

    on = oblast_namer("uk")
    parts = ["pobratymy"]
    if kind:
        parts.append(kind)
    if focus:
        parts.append(slug(focus))
    parts += [slug(on(o)) for o in oblasts[:3]]
    parts += [c.upper() for c in countries[:5]]
    parts.append((day or _dt.date.today()).isoformat())
    return "-".join(p for p in parts if p) + "." + ext.lstrip(".")


def labelled_rows(df, lang: str) -> tuple[list[dict[str, object]], list[str]]:
    """The selected rows for people: the rows of :func:`pobratymy.export_data.export_rows` (every schema
    column, KATOTTG codes, coordinates, occupation) with human labels in ``lang`` (oblast, country, kind,
    status) beside the codes; headers in ``lang``. The command ``export-data`` writes the same rows."""
    from . import i18n
    from .export_data import EXPORT_COLUMNS, export_rows
    from .present import country_namer, oblast_namer
    from .schema import C

    on, cn = oblast_namer(lang), country_namer(lang)
    extra = {C.UA_OBLAST: ("ua_oblast_name", on), C.PARTNER_COUNTRY: ("partner_country_name", cn),
             C.KIND: ("kind_label", lambda v: i18n.kind_label(v, lang)),
             C.STATUS: ("status_label", lambda v: i18n.status_label(v, lang))}
    columns: list[str] = []
    for c in EXPORT_COLUMNS:
        columns.append(c)
        if c in extra:
            columns.append(extra[c][0])
    out = []
    for r in export_rows(df):
        row = dict(r)
        for c, (name, label) in extra.items():
            row[name] = label(r[c]) if r.get(c) else ""
        out.append(row)
    headers = [i18n.column_label(c, lang) for c in columns]
    return [{h: row.get(c) for h, c in zip(headers, columns, strict=True)} for row in out], headers


def labelled_csv(df, lang: str) -> bytes:
    rows, headers = labelled_rows(df, lang)
    return rows_to_csv_bytes(rows, headers)


def labelled_xlsx(df, lang: str, sheet: str = "partnerships") -> bytes:
    """:func:`labelled_rows` as a workbook a clerk can sort and filter at once: frozen header row,
    auto-filter, column widths from the content (capped), formulas neutralised."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows, headers = labelled_rows(df, lang)
    wb = openpyxl.load_workbook(io.BytesIO(rows_to_xlsx_bytes(rows, headers, sheet=sheet)))
    ws = wb.active
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, h in enumerate(headers, start=1):
        longest = max([len(str(h))] + [len(str(r.get(h) or "")) for r in rows[:500]])
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(48, longest + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def selection_rows(df) -> list[dict[str, str]]:
    """The schema columns (sources included) of the selected rows, as strings, in schema order."""
    from .schema import COLUMNS

    return [{c: "" if r.get(c) is None else str(r.get(c)) for c in COLUMNS} for r in df.to_dict("records")]


def selection_csv(df) -> bytes:
    """CSV of the selected partnerships, every schema column, formula-safe (see :func:`rows_to_csv_bytes`)."""
    from .schema import COLUMNS

    return rows_to_csv_bytes(selection_rows(df), COLUMNS)


def selection_xlsx(df, sheet: str = "partnerships") -> bytes:
    from .schema import COLUMNS

    return rows_to_xlsx_bytes(selection_rows(df), COLUMNS, sheet=sheet)


def map_html(df, lang: str, country_name, *, focus: str | None = None, title: str = "", subtitle: str = "",
             note: str = "", card_lines=(), static_dir=None) -> str:
    """One self-contained HTML page of the map of ``df`` (an enriched, filtered frame): Leaflet, its CSS
    and the country/oblast basemap are embedded, nothing is fetched. ``focus``: a Ukrainian place key
    to spotlight (others dimmed, fitted to its partners).

    Line and polygon coordinates (basemap and arcs) are embedded as encoded polylines
    (:mod:`pobratymy.render.encode`) that a small script on the page turns back into the same GeoJSON, exactly."""
    from pobratymy.render import highlight, mapbuild
    from pobratymy.render.assets import STATIC_DIR, ensure_static, inline_basemap_js, inline_html
    from pobratymy.render.encode import DECODER_JS

    from .present import fit_bounds, geometry_points, spotlight_bounds

    static_dir = static_dir or STATIC_DIR
    ensure_static(static_dir)
    m = mapbuild.base_map(lang)
    _inline_basemap(m, inline_basemap_js(static_dir))  # pre-encoded by ensure_static: nothing to derive
    if focus:
        groups = highlight.spotlight_layers(df, focus, lang, country_name)
        bounds = spotlight_bounds(df, focus)
    else:
        groups = highlight.present_layers(df, lang, country_name)
        geoms = df[mapbuild.GEOM] if mapbuild.GEOM in df.columns and len(df) else []
        bounds = fit_bounds(p for g in geoms for p in geometry_points(g))
    for g in groups:
        g.add_to(m)
        mapbuild.encode_layers(g)
    if bounds:  # fitted once, without animation: a PNG never catches the map mid-zoom
        mapbuild.FitView(bounds, key="export", padding=30).add_to(m)
    if title:
        highlight.TitleCardControl(title, subtitle, note, card_lines).add_to(m)
    # the decoder is constant code (no data), emitted verbatim in <head>, before any layer script runs
    m.get_root().header.add_child(mapbuild._Verbatim(f"<script>{DECODER_JS}</script>"), name="pb_decode")
    html = inline_html(m, static_dir)
    return html.replace("<head>", f"<head><title>{_html_text(title or 'Pobratymy')}</title>", 1)


def _inline_basemap(m, expressions: tuple[str, ...]) -> None:
    """Make the map's :class:`~pobratymy.render.mapbuild.Basemap` draw ``expressions`` (script-safe JS values for
    the countries and the oblasts) instead of fetching its files."""
    from pobratymy.render import mapbuild

    (basemap,) = [c for c in m._children.values() if isinstance(c, mapbuild.Basemap)]
    basemap.inline_data, basemap.inline_js = True, list(expressions)


def _html_text(s: str) -> str:
    from .safe import text

    return text(s)


def chromium_executable() -> str | None:
    """A Chromium to render PNGs with: ``$POBRATYMY_CHROMIUM``, the Debian one, or one on PATH."""
    import os
    import shutil
    from pathlib import Path

    for cand in (os.environ.get("POBRATYMY_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and Path(cand).exists():
            return cand
    return None


def png_unavailable() -> str | None:
    """Why a PNG cannot be made here (no Chromium, no Playwright), or None when it can."""
    import importlib.util

    if not chromium_executable():
        return "no Chromium browser found (install the chromium package)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed"
    return None


def map_png(html: str, *, width: int = 1600, height: int = 900, executable: str | None = None,
            timeout_s: float = 30.0) -> bytes:
    """Render a self-contained map page (:func:`map_html`) to PNG in headless Chromium, with every
    network request refused. Raises :class:`~pobratymy.errors.ExportUnavailable` when there is no
    Chromium or Playwright, or the page does not draw."""
    import tempfile
    from pathlib import Path

    from .errors import ExportUnavailable

    exe = executable or chromium_executable()
    if not exe:
        raise ExportUnavailable("no Chromium browser found (install the chromium package)")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ExportUnavailable("the playwright package is not installed") from exc
    with tempfile.TemporaryDirectory(prefix="pobratymy-png-") as tmp:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        url = page_file.as_uri()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
                try:
                    ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                    ctx.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
                    page = ctx.new_page()
                    page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                    page.wait_for_function(SETTLED_JS, timeout=timeout_s * 1000)
                    return page.screenshot(type="png")
                finally:
                    browser.close()
        except PlaywrightError as exc:
            raise ExportUnavailable(f"Chromium could not render the map ({str(exc).splitlines()[0]})") from exc
