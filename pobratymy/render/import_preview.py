"""Pure helpers for the import page: the preview map and the tables, in the UI language (no streamlit).

The preview map is drawn by the main map's renderer (:mod:`pobratymy.render.mapbuild`): the same offline base map
(Leaflet and the basemap from ``static/vendor``, no CDN, no tiles) and the same line/place layers, built
from the accepted rows as a frame shaped like the map's enriched data (:func:`preview_frame`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from pobratymy import filters as F
from pobratymy import i18n
from pobratymy.schema import C


def preview_frame(result) -> pd.DataFrame:
    """The accepted rows as :func:`pobratymy.render.mapbuild.dynamic_layers` wants them: names, kind, status, place keys
    and coordinates (NaN when unknown; such rows are simply not drawn)."""
    from pobratymy.places import place_key

    nan = float("nan")
    rows = []
    for r in result.accepted:
        rec = r.record
        ua, pa = r.ua_latlon or (nan, nan), r.partner_latlon or (nan, nan)
        rows.append({
            C.ID: rec.get(C.ID, ""), C.UA_NAME_EN: rec.get(C.UA_NAME_EN, ""), C.UA_NAME_UK: rec.get(C.UA_NAME_UK, ""),
            C.UA_OBLAST: rec.get(C.UA_OBLAST, ""), C.PARTNER_NAME: rec.get(C.PARTNER_NAME, ""),
            C.PARTNER_REGION: rec.get(C.PARTNER_REGION, ""), C.PARTNER_COUNTRY: rec.get(C.PARTNER_COUNTRY, ""),
            C.KIND: rec.get(C.KIND, ""), C.STATUS: rec.get(C.STATUS, ""),
            F.UA_KEY: place_key(rec.get(C.UA_NAME_EN, ""), "UA", rec.get(C.UA_OBLAST, "")),
            F.PARTNER_KEY: place_key(rec.get(C.PARTNER_NAME, ""), rec.get(C.PARTNER_COUNTRY, ""),
                                     rec.get(C.PARTNER_REGION, "")),
            F.UA_LAT: float(ua[0]), F.UA_LON: float(ua[1]), F.P_LAT: float(pa[0]), F.P_LON: float(pa[1]),
            F.ON_MAP: bool(r.ua_latlon and r.partner_latlon),
        })
    cols = [C.ID, C.UA_NAME_EN, C.UA_NAME_UK, C.UA_OBLAST, C.PARTNER_NAME, C.PARTNER_REGION, C.PARTNER_COUNTRY,
            C.KIND, C.STATUS, F.UA_KEY, F.PARTNER_KEY, F.UA_LAT, F.UA_LON, F.P_LAT, F.P_LON, F.ON_MAP]
    return pd.DataFrame(rows, columns=cols)


def preview_layers(result, lang: str, country_name: Callable[[str], str]):
    """(feature groups for ``st_folium(..., feature_group_to_add=...)`` over :func:`pobratymy.render.mapbuild.base_map`,
    number of accepted rows drawn)."""
    from pobratymy.render import mapbuild

    df = preview_frame(result)
    groups, _ = mapbuild.dynamic_layers(df, lang, country_name)
    return groups, int(df[F.ON_MAP].sum()) if len(df) else 0


def preview_map(result, lang: str = "uk", country_name: Callable[[str], str] | None = None):
    """The whole preview as one folium map (base map + layers), e.g. for a test or a standalone page."""
    from pobratymy.render import mapbuild

    return mapbuild.static_map(preview_frame(result), lang, country_name or (lambda code: code))


def _yes(v: bool, lang: str) -> str:
    return i18n.t("import.yes" if v else "import.no", lang)


def verdict_table(result, lang: str = "uk") -> list[dict[str, object]]:
    """One line per row, headed and worded in ``lang``: number, verdict, reason (or the row it
    duplicates), warnings, the main normalised fields."""
    t = lambda key: i18n.t(f"import.col.{key}", lang)  # noqa: E731
    out = []
    for r in result.rows:
        rec = r.record
        reason = r.reason_text(lang)
        out.append({
            t("row"): r.row, t("verdict"): r.verdict_text(lang), t("reason"): reason,
            t("warnings"): " · ".join(r.warnings_text(lang)),
            t("ua"): (rec.get(C.UA_NAME_UK) or rec.get(C.UA_NAME_EN, "")) if lang == "uk" else rec.get(C.UA_NAME_EN, ""),
            t("oblast"): rec.get(C.UA_OBLAST, ""), t("partner"): rec.get(C.PARTNER_NAME, ""),
            t("country"): rec.get(C.PARTNER_COUNTRY, ""),
            t("kind"): i18n.kind_label(rec[C.KIND], lang) if rec.get(C.KIND) else "",
            t("status"): i18n.status_label(rec[C.STATUS], lang) if rec.get(C.STATUS) else "",
            t("date"): i18n.format_date(rec.get(C.DATE, ""), lang),
            t("source"): rec.get(C.SOURCE_URL, "") or (i18n.t("prov.no_link", lang) if r.verdict != "rejected" else ""),
            t("on_map"): _yes(bool(r.ua_latlon and r.partner_latlon), lang),
        })
    return out


def rejected_table(result, lang: str = "uk") -> tuple[list[dict[str, object]], list[str]]:
    """The rows a clerk must fix, as written in her file, with row number, verdict and reason in ``lang``
    first (the clerk's own headers are kept as she wrote them)."""
    from pobratymy.exporting import rejected_rows

    rows, columns = rejected_rows(result)
    by_row = {r.row: r for r in result.not_accepted}
    names = {"row": i18n.t("import.col.row", lang), "verdict": i18n.t("import.col.verdict", lang),
             "reason": i18n.t("import.col.reason", lang)}
    out = []
    for row in rows:
        r = by_row.get(row["row"])
        row = {**row, "verdict": r.verdict_text(lang) if r else row["verdict"],
               "reason": r.reason_text(lang) if r else row["reason"]}
        out.append({names.get(k, k): v for k, v in row.items()})
    return out, [names.get(c, c) for c in columns]


def ambiguous_rows(result) -> list:
    """Rows whose Ukrainian place fits several register entries (the page asks which one)."""
    return [r for r in result.rows if r.candidates]


def candidate_label(c: dict, lang: str = "uk") -> str:
    name = c.get("name_uk") if lang == "uk" else c.get("name_en")
    return f"{name or c.get('name_en', '')} — {c.get('region', '')}"


def written_place(result, row) -> str:
    """The Ukrainian place of ``row`` as the clerk wrote it."""
    from pobratymy.headers import UA_PLACE

    for f in (UA_PLACE, C.UA_NAME_UK, C.UA_NAME_EN):
        col = result.mapping.column_of(f)
        if col is not None and col < len(result.header):
            value = row.cells.get(result.header[col] or f"column {col + 1}")
            if value:
                return str(value)
    return ""


def uploader_css(lang: str = "uk") -> str:
    """CSS that shows Streamlit's own English words of the file uploader ("Upload", "200MB per file")
    in the UI language (Streamlit has no setting for them). Only catalogue text goes into the CSS."""
    def css_string(text: str) -> str:
        return '"' + "".join(ch if ch.isalnum() or ch in " .,·-()" else f"\\{ord(ch):x} " for ch in text) + '"'

    button, limit = css_string(i18n.t("import.browse", lang)), css_string(i18n.t("import.limit", lang))
    drop = '[data-testid="stFileUploaderDropzone"]'
    return (
        "<style>"
        f'{drop} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p{{font-size:0}}'
        f'{drop} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after'
        f"{{content:{button};font-size:0.875rem}}"
        '[data-testid="stFileUploaderDropzoneInstructions"] span{font-size:0}'
        f'[data-testid="stFileUploaderDropzoneInstructions"] span::after{{content:{limit};font-size:0.875rem}}'
        "</style>"
    )
