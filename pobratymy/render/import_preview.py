"""Pure helpers for the import page: the preview map and the tables (no streamlit here)."""

from __future__ import annotations

import folium

from pobratymy import safe


def preview_map(result) -> folium.Map:
    """Accepted rows as lines from the Ukrainian place to the partner; works offline (no tile layer)."""
    m = folium.Map(location=(49.0, 31.0), zoom_start=4, tiles=None, control_scale=True)
    group = folium.FeatureGroup(name="import").add_to(m)
    points = []
    for r in result.accepted:
        rec = r.record
        label = safe.text(f"{r.row}: {rec.get('ua_name_en', '')} — {rec.get('partner_name', '')} "
                          f"({rec.get('partner_country', '')})")
        if r.ua_latlon:
            folium.CircleMarker(r.ua_latlon, radius=4, color="#0057b7", tooltip=label).add_to(group)
            points.append(r.ua_latlon)
        if r.partner_latlon:
            folium.CircleMarker(r.partner_latlon, radius=4, color="#d4a000", tooltip=label).add_to(group)
            points.append(r.partner_latlon)
        if r.ua_latlon and r.partner_latlon:
            folium.PolyLine([r.ua_latlon, r.partner_latlon], weight=1.5, opacity=0.7, tooltip=label).add_to(group)
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))])
    return m


def verdict_table(result) -> list[dict[str, object]]:
    """One line per row: number, verdict, reason / duplicate, warnings, the main normalised fields."""
    out = []
    for r in result.rows:
        rec = r.record
        out.append({
            "row": r.row, "verdict": r.verdict,
            "reason": r.reason + (f" → {r.duplicate_of}" if r.duplicate_of and str(r.duplicate_of) not in r.reason else ""),
            "warnings": " · ".join(r.warnings),
            "ua": rec.get("ua_name_en", ""), "oblast": rec.get("ua_oblast", ""),
            "partner": rec.get("partner_name", ""), "country": rec.get("partner_country", ""),
            "kind": rec.get("kind", ""), "status": rec.get("status", ""), "date": rec.get("date", ""),
            "on_map": bool(r.ua_latlon and r.partner_latlon),
        })
    return out
