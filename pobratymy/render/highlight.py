"""Map layers for presenting (pure: data in, folium FeatureGroups out), built from
:mod:`pobratymy.render.mapbuild`'s GeoJSON so the lines look the same as on the map page.

- :func:`spotlight_layers` — one place in front: every other tie dimmed grey, the place's own ties in
  thick high-contrast lines, big permanent labels on the place and its partners, the current partner
  ringed.
- :func:`replay_layers` — the network as of a day: ties already there drawn normally, the ties that
  appeared since the previous step thick and outlined.
- :func:`present_layers` — the whole selection with heavier lines for a projector.

They are FeatureGroups for streamlit-folium's ``feature_group_to_add`` (the base map stays mounted), or
to add to a :func:`pobratymy.render.mapbuild.base_map` for an export. Label CSS is injected by the layer's own
script, because dynamic layers carry no ``<head>`` part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import folium
import pandas as pd
from jinja2 import Template

from pobratymy import filters as F
from pobratymy import safe

from . import mapbuild as M

DIM_COLOUR = "#9aa3ad"
NEW_COLOUR = "#D55E00"
FOCUS_RING = "#000000"

PRESENT_LINE = {"signed": {"weight": 3.2, "opacity": 0.95}, "pending": {"weight": 2.6, "opacity": 0.9,
                "dashArray": "2 6"}, "terminated": {"weight": 2.2, "opacity": 0.8, "dashArray": "8 6",
                                                     "color": M.TERMINATED_COLOUR}}

_LABEL_CSS = (".pb-label{font:600 15px/1.2 system-ui,sans-serif;color:#111;background:rgba(255,255,255,.93);"
              "border:1px solid #222;border-radius:3px;padding:2px 6px;box-shadow:none}"
              ".pb-label.pb-big{font-size:20px;border-width:2px}"
              ".pb-label.pb-current{background:#ffe14d;color:#111;border:3px solid #111;font-size:18px}"
              ".pb-label:before{display:none}")


class LabelLayer(M._VerbatimMacro):  # verbatim: data is never compiled as a Jinja template
    """Points with permanent labels (``t``: already escaped text; ``c``: extra CSS class)."""

    _template = M._with_the_map("""
        {% macro script(this, kwargs) %}
        (function() {
            if (!document.getElementById('pb-label-css')) {
                var s = document.createElement('style'); s.id = 'pb-label-css';
                s.textContent = {{ this.css_js }}; document.head.appendChild(s);
            }
        })();
        var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {
            pointToLayer: function(f, ll) {
                return L.circleMarker(ll, {radius: f.properties.r || 6, color: '#ffffff', weight: 2,
                                           fillColor: f.properties.fill || '#111111', fillOpacity: 1});
            },
            onEachFeature: function(f, l) {
                l.bindTooltip(f.properties.t, {permanent: true, direction: f.properties.d || 'right',
                                               offset: [8, 0], className: 'pb-label ' + (f.properties.c || '')});
            }
        }).addTo({{ this._parent.get_name() }});
        (function(layer) {
            // Labels never overlap or run past the map's edge: in priority order (the place, the current
            // partner, then by date), a label that would collide or be clipped is hidden (the side card
            // lists every partner). Re-run after every move and zoom.
            __THE_MAP__
            function declutter() {
                var m = theMap(); if (!m) { return; }
                var box = m.getContainer().getBoundingClientRect(), items = [], placed = [], hidden = 0;
                // the legend, the zoom buttons, the scale and the title card are obstacles too
                m.getContainer().querySelectorAll('.leaflet-control').forEach(function(el) {
                    var q = el.getBoundingClientRect(); if (q.width && q.height) { placed.push(q); } });
                var controls = placed.length;
                m.eachLayer(function(l) {  // every permanent label on the map, whichever layer drew it
                    var tt = l.getTooltip && l.getTooltip();
                    if (tt && tt.options.permanent && tt._container && tt._container.isConnected) {
                        var p = l.feature && l.feature.properties && l.feature.properties.p;
                        items.push([p === undefined ? 50 : p, tt._container, tt]);
                    }
                });
                items.sort(function(a, b) { return a[0] - b[0]; });
                var OFFSETS = {right: [8, 0], left: [-8, 0], top: [0, -8], bottom: [0, 8]};
                function fits(el) {
                    var r = el.getBoundingClientRect();
                    var inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
                    var hit = placed.some(function(q) {
                        return !(r.right <= q.left || r.left >= q.right || r.bottom <= q.top || r.top >= q.bottom); });
                    return inside && !hit ? r : null;
                }
                items.forEach(function(it) {
                    var el = it[1], tt = it[2];
                    var pref = tt.pbPref || (tt.pbPref = tt.options.direction || 'right');
                    var order = [pref].concat(['right', 'left', 'top', 'bottom'].filter(function(d) { return d !== pref; }));
                    el.style.visibility = 'visible';
                    var got = null;
                    for (var k = 0; k < order.length && !got; k++) {  // the preferred side, else another
                        if (tt.options.direction !== order[k]) {
                            tt.options.direction = order[k]; tt.options.offset = OFFSETS[order[k]]; tt.update();
                        }
                        got = fits(el);
                    }
                    if (got) { placed.push(got); }
                    else {  // Leaflet's update() clears the visibility: hide after it
                        tt.options.direction = pref; tt.options.offset = OFFSETS[pref]; tt.update();
                        el.style.visibility = 'hidden'; hidden++;
                    }
                });
                layer.pbHidden = hidden; layer.pbShown = placed.length - controls;
                m.pbHidden = hidden; m.pbShown = placed.length - controls;
            }
            function attach(tries) {
                var m = theMap();
                if (!m || !layer._map) { if (tries < 100) { setTimeout(function() { attach(tries + 1); }, 30); } return; }
                if (m.pbDeclutter) { m.off('zoomend moveend resize', m.pbDeclutter); }
                m.pbDeclutter = declutter; m.pbLabels = layer;
                m.on('zoomend moveend resize', declutter);
                declutter();
            }
            attach(0);
        })({{ this.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, data: dict):
        super().__init__()
        self._name = "LabelLayer"
        self.data_js = safe.json_for_script(data)
        self.css_js = safe.json_for_script(_LABEL_CSS)


def _lines(df: pd.DataFrame, lang: str, cn: Callable[[str], str], styles: dict, *, colour: str | None = None,
           name: str = "lines") -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=name)
    for (kind, sg), fc in M.line_collections(df, lang, cn).items():
        style = {"color": colour or M.KIND_COLOURS.get(kind, "#444"), **styles[sg]}
        if colour:
            style["color"] = colour
        M.GeoJsonLayer(fc, style).add_to(fg)
    return fg


def _places(df: pd.DataFrame, lang: str, cn: Callable[[str], str], scale: float = 1.0,
            name: str = "places") -> folium.FeatureGroup:
    ua_fc, p_fc = M.place_collections(df, lang, cn)
    if scale != 1.0:
        for f in ua_fc["features"]:
            f["properties"]["r"] = round(f["properties"]["r"] * scale, 1)
    fg = folium.FeatureGroup(name=name)
    M.GeoJsonLayer(p_fc, {"color": "#ffffff", "weight": 1, "fillColor": M.PARTNER_COLOUR, "fillOpacity": 0.9}).add_to(fg)
    M.GeoJsonLayer(ua_fc, {"color": "#ffffff", "weight": 1.5, "fillColor": M.PLACE_COLOUR, "fillOpacity": 0.95}).add_to(fg)
    return fg


def _point(lat: float, lon: float, props: dict) -> dict:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [round(float(lon), 4), round(float(lat), 4)]}}


def present_layers(df: pd.DataFrame, lang: str, cn: Callable[[str], str]) -> list[folium.FeatureGroup]:
    """The selection with heavier, opaque lines and bigger places (for a projector)."""
    return [_lines(df, lang, cn, PRESENT_LINE), _places(df, lang, cn, 1.3)]


def spotlight_layers(df: pd.DataFrame, key: str, lang: str, cn: Callable[[str], str], *,
                     current: str | None = None, show_ids: Iterable[str] | None = None) -> list[folium.FeatureGroup]:
    """``df`` with the place ``key`` in front. ``current``: a partner key to ring and label in black;
    ``show_ids``: only these rows of the place are drawn bright (stepping by year), the rest dimmed."""
    if not len(df):
        return []
    mine = df[F.UA_KEY] == key
    if show_ids is not None:
        ids = set(show_ids)
        mine &= df["id"].isin(ids)
    others, own = df[~mine], df[mine]
    dim = {sg: {**st, "opacity": 0.25, "weight": 1.0} for sg, st in M.LINE_STYLE.items()}
    groups = [_lines(others, lang, cn, dim, colour=DIM_COLOUR, name="dimmed")]
    groups.append(_lines(own, lang, cn, PRESENT_LINE, name="spotlight"))
    feats = []
    on = own[own[F.ON_MAP]] if len(own) else own
    groups_by_key = list(on.groupby(F.PARTNER_KEY, sort=True)) if len(on) else []
    # label priority (the declutter keeps the first ones): the current partner, then the oldest ties
    firsts = {pk: min((d for d in g[F.FIRST_DAY] if d is not None and d == d), default=None)
              if F.FIRST_DAY in g.columns else None for pk, g in groups_by_key}
    ranked = sorted(firsts, key=lambda k: (k != current, firsts[k] is None, str(firsts[k] or ""), k))
    rank = {k: i for i, k in enumerate(ranked)}
    for pk, g in groups_by_key:
        r = g.iloc[0]
        label = f"{r['partner_name']} ({cn(r['partner_country'])})"
        cls = "pb-current" if pk == current else ""
        feats.append(_point(r[F.P_LAT], r[F.P_LON], {"t": safe.text(label), "c": cls, "r": 7 if cls else 5,
                                                        "fill": FOCUS_RING if cls else M.PARTNER_COLOUR,
                                                        "p": 2 + rank[pk]}))
    place = df[mine | (df[F.UA_KEY] == key)]
    place = place[place[F.UA_LAT].notna()] if len(place) else place
    if len(place):
        r = place.iloc[0]
        feats.append(_point(r[F.UA_LAT], r[F.UA_LON], {"t": safe.text(M.ua_label(r, lang)), "c": "pb-big", "r": 10,
                                                          "fill": M.PLACE_COLOUR, "d": "left", "p": 0}))
    fg = folium.FeatureGroup(name="labels")
    LabelLayer({"type": "FeatureCollection", "features": feats}).add_to(fg)
    groups.append(fg)
    return groups


def replay_layers(df: pd.DataFrame, new: pd.Series, lang: str, cn: Callable[[str], str]) -> list[folium.FeatureGroup]:
    """The ties of an as-of frame ``df``; rows where ``new`` is True drawn thick in orange on top."""
    old_rows, new_rows = df[~new], df[new]
    groups = [_lines(old_rows, lang, cn, M.LINE_STYLE, name="ties")]
    if len(new_rows):
        halo = {sg: {**st, "weight": 7, "opacity": 0.35} for sg, st in PRESENT_LINE.items()}
        groups.append(_lines(new_rows, lang, cn, halo, colour=NEW_COLOUR, name="new halo"))
        groups.append(_lines(new_rows, lang, cn, PRESENT_LINE, colour=NEW_COLOUR, name="new"))
    groups.append(_places(df, lang, cn))
    return groups


class TitleCardControl(M._VerbatimMacro):  # verbatim, as LabelLayer
    """A top-right card with a title and a subtitle (plain text, escaped), for exports and presenting."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var card = L.control({position: 'topright'});
            card.onAdd = function() {
                var div = L.DomUtil.create('div', 'pb-card');
                div.style.cssText = 'background:rgba(255,255,255,.95);padding:10px 14px;border:2px solid #111;' +
                                    'border-radius:4px;font:600 22px/1.25 system-ui,sans-serif;color:#111;max-width:46vw';
                div.innerHTML = {{ this.html_js }};
                return div;
            };
            card.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, subtitle: str = "", note: str = "", lines: Iterable[str] = ()):
        super().__init__()
        self._name = "TitleCardControl"
        html = f"<div>{safe.text(title)}</div>"
        if subtitle:
            html += f'<div style="font-size:17px;font-weight:500">{safe.text(subtitle)}</div>'
        items = "".join(f"<li>{safe.text(x)}</li>" for x in lines)
        if items:
            html += f'<ul style="font-size:15px;font-weight:400;margin:6px 0 0;padding-left:18px">{items}</ul>'
        if note:
            html += f'<div style="font-size:12px;font-weight:400;color:#444;margin-top:4px">{safe.text(note)}</div>'
        self.html = html
        self.html_js = safe.json_for_script(html)
