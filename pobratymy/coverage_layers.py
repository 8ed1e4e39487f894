"""Coverage on the map (pure: a coverage table in, folium layers out; no Streamlit).

:func:`coverage_layers` returns one ``folium.FeatureGroup`` holding an oblast choropleth (the share of
hromadas with at least one live tie, tooltip with the figures, a legend control shown with the layer)
and the hromada centres (filled: with partners, hollow: without). Its input is
:func:`pobratymy.coverage.coverage_table` of the filtered selection, so it follows the map's filters.

As in :mod:`geo.mapbuild`: offline (outlines from ``geo/data/ukraine_oblasts.geojson``, nothing fetched),
every string from data escaped by :mod:`pobratymy.safe` and embedded as script-safe JSON, never compiled
as a template.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import folium
import pandas as pd
from jinja2 import Template

from geo.mapbuild import GeoJsonLayer, _VerbatimMacro
from geo.regions import OCCUPIED_SINCE_2014, ua_regions

from . import i18n, safe

OBLASTS_GEOJSON = Path(__file__).resolve().parent.parent / "geo" / "data" / "ukraine_oblasts.geojson"

#: share of hromadas with a partner: upper bounds of the classes and their colours (ColorBrewer Blues,
#: colour-blind safe, light = few)
SHARE_BREAKS: tuple[float, ...] = (0.1, 0.2, 0.3, 0.5, 1.0)
SHARE_COLOURS: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA_COLOUR = "#d9d9d9"
WITH_COLOUR = "#1b7837"
WITHOUT_COLOUR = "#b2182b"
COORD_DIGITS = 3


def share_colour(share: float | None) -> str:
    """The fill of a class; :data:`NO_DATA_COLOUR` when the oblast has no hromada in the table."""
    if share is None or share != share:
        return NO_DATA_COLOUR
    for bound, colour in zip(SHARE_BREAKS, SHARE_COLOURS, strict=True):
        if share < bound or bound == SHARE_BREAKS[-1]:
            return colour
    return SHARE_COLOURS[-1]


def _pct(share: float, lang: str) -> str:
    s = f"{share * 100:.0f}\u00a0%" if lang == "uk" else f"{share * 100:.0f}%"
    return s


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(float(coords), COORD_DIGITS)
    return [_round(c) for c in coords]


@functools.lru_cache(maxsize=2)
def _outlines(path: str) -> tuple[tuple[str, dict], ...]:
    feats = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    return tuple((f["properties"]["iso_3166_2"],
                  {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])}) for f in feats)


def oblast_figures(table: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """``{oblast: (hromadas with partners, hromadas, live ties)}`` of a coverage table."""
    if table.empty:
        return {}
    g = table.groupby("oblast")
    return {ob: (int(c), int(n), int(p)) for ob, c, n, p in
            zip(g.size().index, g["covered"].sum(), g.size(), g["partnerships"].sum(), strict=True)}


def choropleth_collection(table: pd.DataFrame, lang: str, oblast_name: Callable[[str], str] | None = None,
                          path: str | Path = OBLASTS_GEOJSON) -> dict:
    """The oblast outlines as a FeatureCollection with properties ``t`` (escaped tooltip), ``c`` (fill)
    and ``s`` (share, ``None`` without data)."""
    lang = i18n.lang_or_default(lang)
    regions = ua_regions()
    name = oblast_name or (lambda iso: getattr(regions.get(iso), "name_uk" if lang == "uk" else "name_en", iso))
    figs = oblast_figures(table)
    feats = []
    for iso, geom in _outlines(str(path)):
        if iso in figs and figs[iso][1]:
            covered, total, _ties = figs[iso]
            share = covered / total
            tip = i18n.t("cov.tooltip_oblast", lang, oblast=name(iso), n=i18n.format_number(covered, lang),
                         total=i18n.format_number(total, lang), share=_pct(share, lang))
        else:
            share = None
            note = i18n.t("cov.occupied", lang) if iso in OCCUPIED_SINCE_2014 else i18n.t("cov.no_data", lang)
            tip = f"{name(iso)}: {note}"
        feats.append({"type": "Feature", "properties": {"t": safe.text(tip), "c": share_colour(share),
                                                        "s": None if share is None else round(share, 3)},
                      "geometry": geom})
    return {"type": "FeatureCollection", "features": feats}


def point_collections(table: pd.DataFrame, lang: str) -> tuple[dict, dict]:
    """(hromadas with partners, hromadas without) as point FeatureCollections; unplaced ones left out."""
    lang = i18n.lang_or_default(lang)
    with_f, without_f = [], []
    placed = table[table["lat"].notna() & table["lon"].notna()]
    for r in placed.to_dict("records"):
        name = r["name_uk"] if lang == "uk" else r["name_en"]
        if r["covered"]:
            label = f"{name} · {i18n.t('cov.ties_n', lang, n=int(r['partnerships']))}"
        else:
            label = f"{name} · {i18n.t('cov.without_one', lang)}"
        feat = {"type": "Feature", "properties": {"t": safe.text(label), "r": 4 if r["covered"] else 3},
                "geometry": {"type": "Point", "coordinates": [round(float(r["lon"]), 4), round(float(r["lat"]), 4)]}}
        (with_f if r["covered"] else without_f).append(feat)
    fc = lambda feats: {"type": "FeatureCollection", "features": feats}  # noqa: E731
    return fc(with_f), fc(without_f)


class ChoroplethLayer(_VerbatimMacro):
    """Filled oblast outlines (fill from each feature's ``c``, tooltip ``t``) and a legend control shown
    while the layer's group is on the map."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        .pb-cov-legend { background: rgba(255,255,255,.92); padding: 6px 8px; border-radius: 4px;
                         font: 12px/1.35 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
        .pb-cov-legend b { display: block; margin-bottom: 2px; }
        .pb-cov-legend i { display: inline-block; width: 14px; height: 12px; margin-right: 6px;
                           vertical-align: middle; border: 1px solid #888; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function() {
            var group = {{ this._parent.get_name() }};
            var layer = L.geoJSON({{ this.data_js }}, {
                style: function(f) {
                    return {color: '#555', weight: 0.8, fillColor: f.properties.c, fillOpacity: 0.75};
                },
                onEachFeature: function(f, l) {
                    if (f.properties && f.properties.t) { l.bindTooltip(f.properties.t, {sticky: true}); }
                }
            });
            group.addLayer(layer);
            layer.bringToBack();
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'pb-cov-legend');
                div.innerHTML = {{ this.legend_js }};
                return div;
            };
            function show() { if (group._map && !legend._map) { legend.addTo(group._map); } }
            group.on('add', show);
            group.on('remove', function() { legend.remove(); });
            show();
        })();
        {% endmacro %}
    """)

    def __init__(self, data: dict, legend_html: str):
        super().__init__()
        self._name = "CoverageChoropleth"
        self.data = data
        self.data_js = safe.json_for_script(data)
        self.legend_html = legend_html
        self.legend_js = safe.json_for_script(legend_html)


def legend_html(lang: str) -> str:
    """Classes of the share, the two point kinds, and no data (all labels escaped)."""
    lang = i18n.lang_or_default(lang)
    rows = [f"<b>{safe.text(i18n.t('cov.legend', lang))}</b>"]
    lo = 0.0
    for bound, colour in zip(SHARE_BREAKS, SHARE_COLOURS, strict=True):
        label = f"{lo * 100:.0f}–{bound * 100:.0f}\u00a0%"
        rows.append(f'<i style="background:{colour}"></i>{safe.text(label)}')
        lo = bound
    rows.append(f'<i style="background:{NO_DATA_COLOUR}"></i>{safe.text(i18n.t("cov.no_data", lang))}')
    rows.append(f'<i style="background:{WITH_COLOUR};border-radius:50%"></i>{safe.text(i18n.t("cov.with", lang))}')
    rows.append(f'<i style="background:#fff;border:2px solid {WITHOUT_COLOUR};border-radius:50%"></i>'
                f'{safe.text(i18n.t("cov.without_one", lang))}')
    return rows[0] + "<br>".join(rows[1:])


def coverage_layers(table: pd.DataFrame, lang: str, oblast_name: Callable[[str], str] | None = None, *,
                    choropleth: bool = True, points: bool = True) -> list[folium.FeatureGroup]:
    """The coverage of ``table`` (a :func:`pobratymy.coverage.coverage_table`, already filtered) as folium
    FeatureGroups: the choropleth (with its legend) and the hromada points, in drawing order."""
    groups = []
    if choropleth:
        fg = folium.FeatureGroup(name=i18n.t("cov.layer_choropleth", lang))
        ChoroplethLayer(choropleth_collection(table, lang, oblast_name), legend_html(lang)).add_to(fg)
        groups.append(fg)
    if points:
        fg = folium.FeatureGroup(name=i18n.t("cov.layer_points", lang))
        with_fc, without_fc = point_collections(table, lang)
        GeoJsonLayer(without_fc, {"color": WITHOUT_COLOUR, "weight": 1.5, "fillColor": "#ffffff",
                                  "fillOpacity": 0.9}).add_to(fg)
        GeoJsonLayer(with_fc, {"color": "#ffffff", "weight": 1, "fillColor": WITH_COLOUR,
                               "fillOpacity": 0.9}).add_to(fg)
        groups.append(fg)
    return groups


__all__ = ["coverage_layers", "choropleth_collection", "point_collections", "legend_html", "share_colour",
           "ChoroplethLayer", "oblast_figures"]
