"""Building the map (pure: data in, GeoJSON dicts / folium objects out; no Streamlit).

Two parts, so the browser keeps the base map mounted while filters change (streamlit-folium's
``feature_group_to_add``):

- :func:`base_map` — the :class:`~pobratymy.render.assets.OfflineMap` with the offline basemap (countries and
  oblasts fetched once from ``./static``), the legend and an empty view; identical on every rerun.
- :func:`dynamic_layers` — the selection: one GeoJSON layer of great-circle lines per (kind, status
  group), terminated ties dashed grey, partner places as small dots and Ukrainian places as circles
  sized by their number of partners; plus a :class:`ClickIndex` that turns a clicked tooltip back into a
  place key.

Every string from data reaches the browser through :mod:`pobratymy.safe` (tooltips are HTML) inside
JSON (``tojson`` escapes ``<``, ``>``, ``&``, ``'``), never inside a JS template string.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.arcs import arc_geometries, arc_parts, pause_gc, to_geojson_geometry
from pobratymy import filters as F
from pobratymy import i18n, safe
from pobratymy.schema import C, Kind, Status

from .assets import OfflineMap, vendor_url

#: Line colour per kind (Okabe–Ito colour-blind-safe palette + two neutrals).
KIND_COLOURS: dict[str, str] = {
    Kind.SISTER_CITY: "#0072B2",
    Kind.TWINNING: "#56B4E9",
    Kind.PARTNERSHIP: "#009E73",
    Kind.SOLIDARITY_PARTNERSHIP: "#D55E00",
    Kind.COOPERATION_AGREEMENT: "#CC79A7",
    Kind.MEMORANDUM: "#E69F00",
    Kind.FRIENDSHIP: "#7B4F9D",
}
TERMINATED_COLOUR = "#8a8a8a"
PLACE_COLOUR = "#1b2a49"
PARTNER_COLOUR = "#4d4d4d"
SELECTED_COLOUR = "#ff7f00"
SEA_COLOUR = "#dce8f0"
LAND_COLOUR = "#f4f1ea"
UKRAINE_FILL = "#fff7c7"

#: status -> line group: signed ties solid, pending ones dotted, terminated dashed grey
STATUS_GROUP: dict[str, str] = {
    Status.SIGNED: "signed",
    Status.APPROVED: "pending",
    Status.ANNOUNCED: "pending",
    Status.IN_PREPARATION: "pending",
    Status.LISTED: "pending",  # data round 3 (helper): lead to style; only a list names the tie
    Status.TERMINATED: "terminated",
    Status.INACTIVE: "terminated",  # data round 3 (helper): RU/BY tie with no recorded end, drawn as ended
}
LINE_STYLE: dict[str, dict] = {
    "signed": {"weight": 1.3, "opacity": 0.6},
    "pending": {"weight": 1.2, "opacity": 0.6, "dashArray": "1 4"},
    "terminated": {"weight": 1.2, "opacity": 0.6, "dashArray": "6 5", "color": TERMINATED_COLOUR},
}
POINT_DIGITS = 4
DEFAULT_CENTER = (49.0, 22.0)
DEFAULT_ZOOM = 4


# ---------------------------------------------------------------- labels

def ua_label(row: Mapping, lang: str) -> str:
    """The Ukrainian place's name: Cyrillic in the Ukrainian UI (when known), Latin in English."""
    uk = str(row.get(C.UA_NAME_UK) or "")
    return uk if (lang == "uk" and uk) else str(row.get(C.UA_NAME_EN) or "")


def line_label(row: Mapping, lang: str, country_name: Callable[[str], str]) -> str:
    return f"{ua_label(row, lang)} — {row[C.PARTNER_NAME]} ({country_name(row[C.PARTNER_COUNTRY])})"


def place_label(name: str, n_partners: int, lang: str) -> str:
    return f"{name} · {i18n.t('map.partners_n', lang, n=n_partners)}"


def ua_place_tooltip(row: Mapping, n_partners: int, lang: str) -> str:
    """A Ukrainian place's tooltip (the click index decodes the same text): name, partners, and the
    occupation caveat where the place is under occupation."""
    label = place_label(ua_label(row, lang), n_partners, lang)
    occ = row.get(F.OCCUPIED)
    return f"{label} · {occ.text(lang)}" if occ else label


# ---------------------------------------------------------------- click index

@dataclass
class ClickIndex:
    """Tooltip text (as the browser returns it) -> candidate places ``(key, lat, lon)``."""

    by_tooltip: dict[str, list[tuple[str, float, float]]] = field(default_factory=dict)
    _seen: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def add(self, tooltip: str, key: str, lat: float, lon: float) -> None:
        tip = tooltip.strip()
        if (tip, key) not in self._seen:  # a set, not a scan: a tooltip can have thousands of candidates
            self._seen.add((tip, key))
            self.by_tooltip.setdefault(tip, []).append((key, lat, lon))

    def resolve(self, tooltip: str | None, latlng: Mapping | None = None) -> str | None:
        """The place key a click means: by its tooltip; among equal tooltips the nearest to the click."""
        cands = self.by_tooltip.get((tooltip or "").strip())
        if not cands:
            return None
        if len(cands) == 1 or not latlng:
            return cands[0][0]
        la, lo = float(latlng.get("lat", 0)), float(latlng.get("lng", 0))
        return min(cands, key=lambda c: (c[1] - la) ** 2 + (c[2] - lo) ** 2)[0]


# ---------------------------------------------------------------- GeoJSON (pure)

def _pt(lat: float, lon: float) -> list[float]:
    return [round(float(lon), POINT_DIGITS), round(float(lat), POINT_DIGITS)]


#: columns added by :func:`with_arcs`: the row's arc as a GeoJSON geometry and as JSON text for a
#: ``<script>`` (None when the row is not on the map)
GEOM, GEOM_JS = "geom", "geom_js"


def arc_geometry(ua: tuple[float, float], partner: tuple[float, float], step_deg: float = 2.5) -> dict | None:
    parts = arc_parts(ua, partner, step_deg)
    return to_geojson_geometry(parts) if parts else None


def with_arcs(df: pd.DataFrame, step_deg: float = 2.5) -> pd.DataFrame:
    """``df`` plus :data:`GEOM`/:data:`GEOM_JS`, computed once per data load so that a filter change
    only selects and concatenates. The arcs of all rows are computed in one numpy pass
    (:func:`geo.arcs.arc_geometries`: the same geometry :func:`arc_geometry` gives row by row)."""
    out = df.copy()
    on = out[F.ON_MAP].to_numpy(dtype=bool) if len(out) else np.zeros(0, dtype=bool)
    geoms: list[dict | None] = [None] * len(out)
    if on.any():
        ends = (out[c].to_numpy(dtype=float)[on] for c in (F.UA_LAT, F.UA_LON, F.P_LAT, F.P_LON))
        for i, g in zip(np.flatnonzero(on).tolist(), arc_geometries(*ends, step_deg=step_deg), strict=True):
            geoms[i] = g
    out[GEOM] = geoms
    out[GEOM_JS] = _geoms_js(geoms)
    return out


def _geoms_js(geoms: list[dict | None]) -> list[str | None]:
    """``safe.json_for_script(g)`` for every geometry: the line strings' coordinates serialised in one call
    and cut at the rows' boundaries (``]],[[`` occurs only between two rows' coordinate lists)."""
    out: list[str | None] = [None] * len(geoms)
    lines = [i for i, g in enumerate(geoms) if g and g["type"] == "LineString"]
    for i, g in enumerate(geoms):
        if g and g["type"] != "LineString":
            out[i] = safe.json_for_script(g)
    if lines:
        with pause_gc():
            text = safe.json_for_script([geoms[i]["coordinates"] for i in lines])
        for i, piece in zip(lines, text[3:-3].split("]],[["), strict=True):
            out[i] = '{"type":"LineString","coordinates":[[' + piece + "]]}"
    return out


_ROW_COLS = (C.UA_NAME_EN, C.UA_NAME_UK, C.UA_OBLAST, F.OCCUPIED, C.PARTNER_NAME, C.PARTNER_COUNTRY, C.KIND, C.STATUS,
             F.UA_KEY, F.PARTNER_KEY, F.UA_LAT, F.UA_LON, F.P_LAT, F.P_LON)


def _rows(df: pd.DataFrame) -> list[dict]:
    """The on-map rows as plain dicts of the columns the map needs (one pass, no per-row pandas)."""
    if not len(df):
        return []
    on = df[df[F.ON_MAP]]
    cols = [c for c in (*_ROW_COLS, GEOM, GEOM_JS) if c in on.columns]
    lists = [on[c].tolist() for c in cols]
    return [dict(zip(cols, vals, strict=True)) for vals in zip(*lists, strict=True)]


def _line_groups(rows: list[dict], lang: str, country_name: Callable[[str], str],
                 step_deg: float = 2.5) -> dict[tuple[str, str], list[tuple[str, dict]]]:
    """``{(kind, status group): [(plain tooltip, row)]}`` in drawing order; rows get GEOM if missing."""
    groups: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for row in rows:
        if row.get(GEOM) is None:
            row[GEOM] = arc_geometry((row[F.UA_LAT], row[F.UA_LON]), (row[F.P_LAT], row[F.P_LON]), step_deg)
        if not row[GEOM]:  # both ends round to the same point
            continue
        sg = STATUS_GROUP[row[C.STATUS]]
        gkey = ("terminated", "terminated") if sg == "terminated" else (row[C.KIND], sg)
        groups[gkey].append((line_label(row, lang, country_name), row))
    order = {k: i for i, k in enumerate(KIND_COLOURS)}
    keys = sorted(groups, key=lambda k: (k[1] == "terminated", order.get(k[0], 99), k[1]))
    return {k: groups[k] for k in keys}


def line_collections(df: pd.DataFrame, lang: str, country_name: Callable[[str], str],
                     step_deg: float = 2.5) -> dict[tuple[str, str], dict]:
    """``{(kind, status group): FeatureCollection}`` of arcs for the rows of ``df`` that are on the map.

    Each feature has one property ``t`` (the escaped tooltip). Terminated rows of every kind share the
    group ``("terminated", "terminated")``.
    """
    return {k: {"type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"t": safe.text(label)}, "geometry": row[GEOM]}
                             for label, row in members]}
            for k, members in _line_groups(_rows(df), lang, country_name, step_deg).items()}


def _collection_js(members: list[tuple[str, dict]]) -> str:
    """The FeatureCollection of ``members`` as script-safe JSON, reusing each row's pre-serialised arc."""
    feats = []
    for label, row in members:
        geom = row.get(GEOM_JS) or safe.json_for_script(row[GEOM])
        feats.append('{"type":"Feature","properties":{"t":' + safe.json_for_script(safe.text(label))
                     + '},"geometry":' + geom + "}")
    return '{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}"


def marker_radius(n_partners: int) -> float:
    """Circle radius in pixels: grows with the square root of the number of partners (area ∝ count)."""
    return round(min(14.0, 2.5 + 1.5 * math.sqrt(max(0, n_partners))), 1)


def _ua_places(rows: list[dict]) -> dict[str, tuple[dict, set[str]]]:
    """UA place key -> (its first row, the set of its partner keys), sorted by key."""
    out: dict[str, tuple[dict, set[str]]] = {}
    for r in rows:
        out.setdefault(r[F.UA_KEY], (r, set()))[1].add(r[F.PARTNER_KEY])
    return dict(sorted(out.items()))


def _by_size(places: dict[str, tuple[dict, set[str]]]) -> dict[str, tuple[dict, set[str]]]:
    """The places of :func:`_ua_places` in drawing order: most partners first (bottom), then by key."""
    return dict(sorted(places.items(), key=lambda kv: (-len(kv[1][1]), kv[0])))


def _place_collections(rows: list[dict], lang: str, country_name: Callable[[str], str],
                       places: dict | None = None) -> tuple[dict, dict]:
    """Ukrainian places largest first, so smaller circles are drawn on top and every place can be clicked
    (Vyshneve's small circle over Kyiv's big one, not hidden under it)."""
    ua_feats = []
    for first, partners in (places if places is not None else _by_size(_ua_places(rows))).values():
        n = len(partners)
        ua_feats.append({
            "type": "Feature",
            "properties": {"t": safe.text(ua_place_tooltip(first, n, lang)), "r": marker_radius(n), "n": n},
            "geometry": {"type": "Point", "coordinates": _pt(first[F.UA_LAT], first[F.UA_LON])},
        })
    firsts: dict[str, dict] = {}
    for r in rows:
        firsts.setdefault(r[F.PARTNER_KEY], r)
    p_feats = [{
        "type": "Feature",
        "properties": {"t": safe.text(f"{r[C.PARTNER_NAME]} ({country_name(r[C.PARTNER_COUNTRY])})"), "r": 3},
        "geometry": {"type": "Point", "coordinates": _pt(r[F.P_LAT], r[F.P_LON])},
    } for _, r in sorted(firsts.items())]
    fc = lambda feats: {"type": "FeatureCollection", "features": feats}  # noqa: E731
    return fc(ua_feats), fc(p_feats)


def place_collections(df: pd.DataFrame, lang: str, country_name: Callable[[str], str]) -> tuple[dict, dict]:
    """(Ukrainian places, partner places) as point FeatureCollections; properties ``t`` (escaped
    tooltip), ``r`` (radius) and ``n`` (partners) for Ukrainian places."""
    return _place_collections(_rows(df), lang, country_name)


def _click_index(rows: list[dict], line_groups, lang: str, places: dict | None = None) -> ClickIndex:
    idx = ClickIndex()
    for key, (first, partners) in (places if places is not None else _ua_places(rows)).items():
        idx.add(ua_place_tooltip(first, len(partners), lang), key, first[F.UA_LAT], first[F.UA_LON])
    for members in line_groups.values():
        for label, r in members:
            idx.add(label, r[F.UA_KEY], r[F.UA_LAT], r[F.UA_LON])
    return idx


def click_index(df: pd.DataFrame, lang: str, country_name: Callable[[str], str]) -> ClickIndex:
    """What each clickable tooltip (line or Ukrainian place) of :func:`dynamic_layers` points at."""
    rows = _rows(df)
    return _click_index(rows, _line_groups(rows, lang, country_name), lang)


# ---------------------------------------------------------------- folium elements

class _Verbatim(Element):
    """Already-rendered script text, emitted as is. branca's ``MacroElement.render`` wraps each rendered
    script in ``Element(template=text)``, i.e. compiles the *data* as a Jinja template: slow for large
    GeoJSON (the whole text is tokenised) and unsafe (``{{ ... }}`` in a place name would be evaluated)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _VerbatimMacro(MacroElement):
    """A MacroElement whose header and script output reach the figure verbatim (see :class:`_Verbatim`)."""

    def render(self, **kwargs):
        figure = self.get_root()
        module = self._template.module.__dict__
        if "header" in module:
            figure.header.add_child(_Verbatim(module["header"](self, kwargs)), name=self.get_name())
        if "script" in module:
            figure.script.add_child(_Verbatim(module["script"](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class GeoJsonLayer(_VerbatimMacro):
    """One ``L.geoJSON`` layer with a single style, tooltips from the features' ``t`` property (already
    escaped HTML) and circle markers of radius ``r`` for points. Much smaller than ``folium.GeoJson``
    with a style function (no per-feature style table)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {
            style: function(f) {
                var s = {{ this.style|tojson }};
                {% if this.weight_property %}if (f.properties && f.properties[{{ this.weight_property|tojson }}]) {
                    s = Object.assign({}, s, {weight: f.properties[{{ this.weight_property|tojson }}]}); }{% endif %}
                return s;
            },
            pointToLayer: function(f, ll) {
                return L.circleMarker(ll, Object.assign({}, {{ this.style|tojson }}, {radius: f.properties.r || 4}));
            },
            onEachFeature: function(f, l) {
                if (f.properties && f.properties.t) { l.bindTooltip(f.properties.t, {sticky: true}); }
            },
            interactive: {{ this.interactive|tojson }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, data: dict | str, style: dict, interactive: bool = True, name: str | None = None,
                 weight_property: str | None = None):
        """``data``: a GeoJSON dict, or GeoJSON text already made script-safe by
        :func:`pobratymy.safe.json_for_script`; ``weight_property``: a feature property holding a line
        width that overrides the style's."""
        super().__init__()
        self._name = "GeoJsonLayer"
        self.weight_property = weight_property
        self.style, self.interactive = dict(style), bool(interactive)
        #: the GeoJSON dict when given one (None for text); serialised into ``data_js`` on first use, so an
        #: export can put in an encoded form instead (:func:`pobratymy.exporting.map_html`)
        self.data = None if isinstance(data, str) else data
        self._data_js = data if isinstance(data, str) else None
        self.layer_name = name

    @property
    def data_js(self) -> str:
        if self._data_js is None:
            self._data_js = safe.json_for_script(self.data)
        return self._data_js

    @data_js.setter
    def data_js(self, js: str) -> None:
        self._data_js = js


def encode_layers(element, inline_decoder: bool = False) -> None:
    """Every :class:`GeoJsonLayer` under ``element`` with lines or polygons gets its coordinates as encoded
    polylines (:mod:`pobratymy.render.encode`: the same doubles, a third fewer bytes); point layers stay
    plain. ``inline_decoder``: each layer carries its own ``pbDecode`` (the live map, whose feature groups
    arrive as bare script); else the page must define it (a self-contained export adds it once)."""
    import json

    from .encode import DECODER_JS, encode_collection

    for child in element._children.values():
        text = child._data_js if isinstance(child, GeoJsonLayer) else None  # a dict layer: not serialised yet
        if isinstance(child, GeoJsonLayer) and not (text or "").startswith(("pbDecode(", "(function")):
            data = child.data if child.data is not None else json.loads(text)
            enc = encode_collection(data)
            if enc is not None:
                call = f"(function() {{ {DECODER_JS} return pbDecode; }})()" if inline_decoder else "pbDecode"
                child.data_js = f"{call}({safe.json_for_script(enc)})"
        encode_layers(child, inline_decoder)


class Basemap(_VerbatimMacro):
    """Country and oblast outlines on their own canvas pane below everything, fetched once from
    ``./static`` (or embedded with ``inline``); an ``osm`` pane above them for optional tiles."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>.leaflet-container { background: {{ this.sea }}; }</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            map.createPane('basemap').style.zIndex = 250;
            map.getPane('basemap').style.pointerEvents = 'none';
            map.createPane('osm').style.zIndex = 260;
            var renderer = L.canvas({pane: 'basemap'});
            function draw(data, style) {
                L.geoJSON(data, {pane: 'basemap', renderer: renderer, interactive: false, style: style}).addTo(map);
            }
            function countryStyle(f) {
                var ua = f.properties && f.properties.ISO_A2 === 'UA';
                return {color: '#b9b4a8', weight: ua ? 1.2 : 0.6, fillColor: {{ this.land|tojson }},
                        fillOpacity: ua ? 0 : 1};
            }
            var oblastStyle = {color: '#c8b560', weight: 0.7, fillColor: {{ this.ukraine|tojson }}, fillOpacity: 0.9};
            {% if this.inline_data %}
            draw({{ this.inline_js[0] }}, countryStyle);
            draw({{ this.inline_js[1] }}, oblastStyle);
            {% else %}
            Promise.all({{ this.urls|tojson }}.map(function(u) {
                return fetch(u).then(function(r) { if (!r.ok) { throw new Error(u + ': ' + r.status); } return r.json(); });
            })).then(function(d) { draw(d[0], countryStyle); draw(d[1], oblastStyle); })
              .catch(function(e) { console.warn('basemap not loaded', e); });
            {% endif %}
        })();
        {% endmacro %}
    """)

    def __init__(self, urls: tuple[str, str], inline_data: tuple[dict, dict] | None = None):
        super().__init__()
        self._name = "Basemap"
        self.urls = list(urls)
        self.inline_data = inline_data
        self.inline_js = [safe.json_for_script(d) for d in inline_data] if inline_data else None
        self.sea, self.land, self.ukraine = SEA_COLOUR, LAND_COLOUR, UKRAINE_FILL


class Legend(_VerbatimMacro):
    """A bottom-left Leaflet control listing line colours by kind (labels escaped)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        .pb-legend { background: rgba(255,255,255,.92); padding: 5px 8px; border-radius: 4px;
                     font: 11px/1.3 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
        .pb-legend b { display: block; margin-bottom: 1px; }
        .pb-legend b.pb-legend-sub { margin-top: 3px; }
        .pb-legend .pb-cols { display: grid; grid-template-columns: auto auto; column-gap: 10px; }
        .pb-legend span { display: block; white-space: nowrap; }
        .pb-legend i { display: inline-block; width: 18px; height: 0; margin-right: 6px;
                       vertical-align: middle; border-top: 3px solid; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'pb-legend');
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, lang: str):
        super().__init__()
        self._name = "Legend"
        kinds = "".join(f'<span><i style="border-color:{colour}"></i>{safe.text(i18n.kind_label(kind, lang))}</span>'
                        for kind, colour in KIND_COLOURS.items())
        styles = (("solid", PLACE_COLOUR, "map.legend_signed"), ("dotted", PLACE_COLOUR, "map.legend_pending"),
                  ("dashed", TERMINATED_COLOUR, "map.legend_ended"))
        status = "".join(f'<span class="pb-wide"><i style="border-top:3px {how} {colour}"></i>'
                         f"{safe.text(i18n.t(key, lang))}</span>" for how, colour, key in styles)
        self.html = (f"<b>{safe.text(i18n.t('map.legend', lang))}</b><div class=\"pb-cols\">{kinds}</div>"
                     f"<b class=\"pb-legend-sub\">{safe.text(i18n.t('map.legend_status', lang))}</b>"
                     f"<div>{status}</div>")


#: JavaScript shared by the map elements that act on the map from a dynamic layer: the Leaflet map of the
#: page (streamlit-folium's ``window.map``, or the one map of an exported page). Constant code, no data.
THE_MAP_JS = ("function theMap() { if (window.map instanceof L.Map) { return window.map; } "
              "return Object.values(window).find(function(v) { return v instanceof L.Map; }); }")


def _with_the_map(source: str) -> Template:
    """A macro template whose ``__THE_MAP__`` is :data:`THE_MAP_JS`."""
    return Template(source.replace("__THE_MAP__", THE_MAP_JS))


class FitView(_VerbatimMacro):
    """Fit the map to ``bounds`` ((south, west), (north, east)) once per ``key``, without animation, so a
    screenshot never catches the map mid-zoom. Sets ``window.pbSettled`` (the key) after the view has
    moved and two frames were painted; the PNG export and the browser tests wait for it."""

    _template = _with_the_map("""
        {% macro script(this, kwargs) %}
        (function() {
            var key = {{ this.key|tojson }}, b = {{ this.bounds|tojson }};
            __THE_MAP__
            function fit(tries) {
                var m = theMap();
                if (!m) { if (tries < 100) { setTimeout(function() { fit(tries + 1); }, 30); } return; }
                {% if this.fill %}
                // fill the frame (its height follows the window by the page's CSS) and follow its resizes
                var c = m.getContainer();
                var fillFrame = function() {
                    var h = window.innerHeight + 'px';
                    if (c.style.height !== h) { c.style.height = h; m.invalidateSize({pan: false}); }
                };
                fillFrame();
                if (!window.pbFill) { window.pbFill = true; window.addEventListener('resize', function() {
                    fillFrame(); m.pbFitKey = null; if (window.pbRefit) { window.pbRefit(); } }); }
                window.pbRefit = function() { fit(0); };
                {% endif %}
                if (m.pbFitKey === key) { return; }
                m.pbFitKey = key;
                window.pbSettled = null;
                var done = function() {
                    requestAnimationFrame(function() { requestAnimationFrame(function() { window.pbSettled = key; }); });
                };
                if (b) {
                    m.once('moveend', done);
                    var pad = {{ this.padding }}, lg = m.getContainer().querySelector('.pb-legend');
                    var below = lg ? lg.getBoundingClientRect().height + 10 : 0;
                    m.fitBounds(b, {paddingTopLeft: [pad, pad], paddingBottomRight: [pad, pad + below],
                                    maxZoom: {{ this.max_zoom }}, animate: false});
                    if (!m._loaded) { done(); }
                } else { done(); }
            }
            fit(0);
        })();
        {% endmacro %}
    """)

    def __init__(self, bounds, key: str = "", padding: int = 30, max_zoom: int = 9, fill: bool = False):
        """``fill``: make the map as tall as its frame and refit when the window is resized (presenting)."""
        super().__init__()
        self._name = "FitView"
        self.fill = bool(fill)
        self.bounds = [[float(bounds[0][0]), float(bounds[0][1])], [float(bounds[1][0]), float(bounds[1][1])]] \
            if bounds else None
        self.key = key or repr(self.bounds)
        self.padding, self.max_zoom = int(padding), int(max_zoom)


def basemap_urls(base: str | None = None) -> tuple[str, str]:
    from .assets import STATIC_URL

    b = base or STATIC_URL
    return vendor_url("basemap/countries.json", b), vendor_url("basemap/oblasts.json", b)


def base_map(lang: str, *, inline_basemap: tuple[dict, dict] | None = None, height: int | None = None) -> folium.Map:
    """The static part of the map; the same on every rerun for one language."""
    m = OfflineMap(location=list(DEFAULT_CENTER), zoom_start=DEFAULT_ZOOM, tiles=None, prefer_canvas=True,
                   min_zoom=1, max_zoom=12, world_copy_jump=False, control_scale=True, zoom_snap=0.25,
                   height=height or "100%")
    Basemap(basemap_urls(), inline_basemap).add_to(m)
    Legend(lang).add_to(m)
    return m


def osm_layer(lang: str) -> folium.FeatureGroup:
    """OpenStreetMap tiles (only for when the internet is there), with attribution, in the ``osm`` pane."""
    fg = folium.FeatureGroup(name=i18n.t("map.osm", lang))
    folium.TileLayer(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        name="OpenStreetMap", pane="osm", max_zoom=19,
    ).add_to(fg)
    return fg


OVERVIEW_COLOUR = "#1f5f8b"
#: zoom from which the overview shows the individual ties instead of the aggregated lines
DETAIL_ZOOM = 6
AGG_PREFIX = "agg|"


def aggregate_key(oblast: str, country: str) -> str:
    """The click key of an overview line: ``agg|UA-46|PL`` (the page turns it into two filters)."""
    return f"{AGG_PREFIX}{oblast}|{country}"


def overview_collection(df: pd.DataFrame, lang: str, country_name: Callable[[str], str],
                        oblast_name: Callable[[str], str], index: ClickIndex | None = None) -> dict:
    """One line per (oblast, partner country) among the live ties of ``df`` that are on the map (ended ones
    are left to the detail view), from the mean point of the oblast's places to the mean point of the
    partners in that country, width by the number of ties (``w``), tooltip "Львівська область → Польща:
    34 партнерства". Grouped with pandas and drawn with one numpy pass (a rerun at 10k rows: a few ms)."""
    if not len(df):
        return {"type": "FeatureCollection", "features": []}
    live = df[df[F.ON_MAP] & (df[C.STATUS].map(STATUS_GROUP) != "terminated")]
    keys = [C.UA_OBLAST, C.PARTNER_COUNTRY]
    if not len(live):
        return {"type": "FeatureCollection", "features": []}
    counts = live.groupby(keys, sort=True).size()
    ua = live.drop_duplicates([*keys, F.UA_LAT, F.UA_LON]).groupby(keys, sort=True)[[F.UA_LAT, F.UA_LON]].mean()
    pa = live.groupby(keys, sort=True)[[F.P_LAT, F.P_LON]].mean()
    table = pd.concat([counts.rename("n"), ua, pa], axis=1).reset_index()
    table = table.sort_values(["n", *keys], ascending=[False, True, True], kind="stable")
    geoms = arc_geometries(table[F.UA_LAT].to_numpy(), table[F.UA_LON].to_numpy(),
                           table[F.P_LAT].to_numpy(), table[F.P_LON].to_numpy())
    feats = []
    for ob, cc, n, la, lo, geom in zip(table[C.UA_OBLAST], table[C.PARTNER_COUNTRY], table["n"],
                                       table[F.UA_LAT], table[F.UA_LON], geoms, strict=True):
        if not geom:
            continue
        n = int(n)
        tip = f"{oblast_name(ob)} → {country_name(cc)}: {i18n.tn('pr.partnerships_n', lang, n)}"
        feats.append({"type": "Feature", "properties": {"t": safe.text(tip), "w": round(1.2 + 1.3 * math.sqrt(n), 1)},
                      "geometry": geom})
        if index is not None:
            index.add(tip, aggregate_key(ob, cc), float(la), float(lo))
    return {"type": "FeatureCollection", "features": feats}


class ZoomSwitch(_VerbatimMacro):
    """Show the ``overview`` layers below ``zoom`` and the ``detail`` layers from it on (one feature
    group), re-checked after every zoom."""

    _template = _with_the_map("""
        {% macro script(this, kwargs) %}
        (function() {
            var fg = {{ this._parent.get_name() }};
            var detail = [{% for l in this.detail %}{{ l.get_name() }}{{ "," if not loop.last }}{% endfor %}];
            var overview = [{% for l in this.overview %}{{ l.get_name() }}{{ "," if not loop.last }}{% endfor %}];
            __THE_MAP__
            function sw() {
                var m = theMap(); if (!m) { return; }
                var deep = m.getZoom() >= {{ this.zoom }};
                detail.forEach(function(l) { if (deep) { fg.addLayer(l); } else { fg.removeLayer(l); } });
                overview.forEach(function(l) { if (deep) { fg.removeLayer(l); } else { fg.addLayer(l); } });
                window.pbDetail = deep;
            }
            function attach(tries) {
                var m = theMap();
                if (!m) { if (tries < 100) { setTimeout(function() { attach(tries + 1); }, 30); } return; }
                if (m.pbZoomSwitch) { m.off('zoomend', m.pbZoomSwitch); }
                m.pbZoomSwitch = sw; m.on('zoomend', sw); sw();
            }
            attach(0);
        })();
        {% endmacro %}
    """)

    def __init__(self, detail, overview, zoom: int = DETAIL_ZOOM):
        super().__init__()
        self._name = "ZoomSwitch"
        self.detail, self.overview, self.zoom = list(detail), list(overview), int(zoom)


def dynamic_layers(df: pd.DataFrame, lang: str, country_name: Callable[[str], str], *,
                   with_tiles: bool = False, selected: str = "", overview: bool = False,
                   oblast_name: Callable[[str], str] | None = None) -> tuple[list[folium.FeatureGroup], ClickIndex]:
    """FeatureGroups for the selection ``df`` (an enriched, filtered frame) and the click index.

    One group holds every GeoJSON layer (lines per kind/status group, then partner dots, then Ukrainian
    places on top): one group renders far faster than one group per layer (folium compiles templates
    per group). Optional OpenStreetMap tiles come as a group of their own, before it.
    """
    names: dict[str, str] = {}
    def cn(code: str) -> str:  # each country's name once per render
        if code not in names:
            names[code] = country_name(code)
        return names[code]
    rows = _rows(df)
    lines = _line_groups(rows, lang, cn)
    groups: list[folium.FeatureGroup] = []
    if with_tiles:
        groups.append(osm_layer(lang))
    fg = folium.FeatureGroup(name="selection")
    detail = [GeoJsonLayer(_collection_js(members), {"color": KIND_COLOURS.get(kind, "#444"), **LINE_STYLE[sg]})
              for (kind, sg), members in lines.items()]
    for layer in detail:
        layer.add_to(fg)
    agg_index = ClickIndex()
    if overview:  # the whole picture: oblast -> country lines until the user zooms in (or filters)
        agg = GeoJsonLayer(overview_collection(df, lang, cn, oblast_name or (lambda c: c), agg_index),
                           {"color": OVERVIEW_COLOUR, "opacity": 0.55, "weight": 2}, weight_property="w")
        agg.add_to(fg)
        ZoomSwitch(detail, [agg]).add_to(fg)
    places = _by_size(_ua_places(rows))  # once per render (three users)
    ua_fc, p_fc = _place_collections(rows, lang, cn, places)
    GeoJsonLayer(p_fc, {"color": "#ffffff", "weight": 1, "fillColor": PARTNER_COLOUR, "fillOpacity": 0.85}).add_to(fg)
    GeoJsonLayer(ua_fc, {"color": "#ffffff", "weight": 1.5, "fillColor": PLACE_COLOUR, "fillOpacity": 0.9}).add_to(fg)
    ring = [f for f, key in zip(ua_fc["features"], places, strict=True) if key == selected]
    if ring:  # the selected place: an orange ring on top, not clickable
        halo = {"type": "FeatureCollection", "features": [{**ring[0], "properties": {"r": ring[0]["properties"]["r"] + 4}}]}
        GeoJsonLayer(halo, {"color": SELECTED_COLOUR, "weight": 3, "fill": False}, interactive=False).add_to(fg)
    groups.append(fg)
    index = _click_index(rows, lines, lang, places)
    for tip, cands in agg_index.by_tooltip.items():
        for key, la, lo in cands:
            index.add(tip, key, la, lo)
    return groups, index


def static_map(df: pd.DataFrame, lang: str, country_name: Callable[[str], str],
               inline_basemap: tuple[dict, dict] | None = None) -> folium.Map:
    """Base map and layers in one ``folium.Map`` (for a standalone HTML export or a benchmark)."""
    m = base_map(lang, inline_basemap=inline_basemap)
    groups, _ = dynamic_layers(df, lang, country_name)
    for g in groups:
        g.add_to(m)
    return m


__all__ = [
    "KIND_COLOURS", "ClickIndex", "FitView", "GeoJsonLayer", "Basemap", "Legend", "base_map", "dynamic_layers",
    "line_collections", "place_collections", "click_index", "static_map", "marker_radius", "osm_layer",
    "encode_layers",
]
