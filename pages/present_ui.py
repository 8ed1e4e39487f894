"""Presentation mode (``?present=1``, optional ``&focus=<place>``): the map fills the screen, large type,
heavy lines, a title card from the selection; a spotlight with each partner and date and buttons that
step to the next partner or year. Not a page: pages/map.py hands over to :func:`render`.
Filters come from the URL (the same parameters as the map page), so a prepared link is the slide."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pages import common
from pages import timeline_ui as tl_ui
from pobratymy import filters as F
from pobratymy import present as P
from pobratymy import safe
from pobratymy.config import GEO_DATA_DIR
from pobratymy.i18n import t
from pobratymy.render import highlight, mapbuild
from pobratymy.view import from_params

P_PRESENT, P_FOCUS = "present", "focus"

CSS = """
<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], div[data-testid="stToolbar"] { display: none !important; }
.block-container { padding: .5rem 1rem 0 !important; max-width: 100% !important; }
h1 { display: none; }
div[data-testid="stMarkdownContainer"] p.pb-title { font: 700 2.1rem/1.15 system-ui, sans-serif !important;
  color: #111; margin: 0 0 .3rem !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
p.pb-title span.pb-sub { font: 500 1.35rem/1.2 system-ui, sans-serif; color: #222; margin-left: .8rem; }
/* the map fills the screen below the title: 1280x720 and 1920x1080 alike */
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 5.8rem) !important; }
.pb-card { max-height: calc(100vh - 15rem); overflow-y: auto; border-top: 1px solid #ccc; padding-top: .2rem; }
.pb-card ul { margin: 0; padding-left: 1.1rem; }
.pb-card, div[data-testid="stMarkdownContainer"] .pb-card li { font: 400 1.15rem/1.35 system-ui, sans-serif !important;
  color: #111; }
.pb-card li { margin-bottom: .3rem; padding: .1rem .3rem; }
.pb-card li.pb-now { background: #ffe14d; color: #111; border-left: 6px solid #111; list-style: none;
  margin-left: -1.1rem; padding-left: .8rem; }
.pb-card li.pb-now b, .pb-card li.pb-now .pb-date { color: #111; }
.pb-card .pb-date { color: #333; font-weight: 600; }
div.stButton > button { font-size: 1.05rem; }
.pb-year { font: 700 1.2rem/1.3 system-ui, sans-serif; margin: 0 0 .2rem; }
.pb-keys { font-size: .8rem; color: #555; }
div[data-testid="stMarkdownContainer"] p.pb-occupied { font: 600 1rem/1.2 system-ui, sans-serif; color: #7a1f00;
  background: #fff0e6; border-left: 5px solid #b03a00; padding: .15rem .5rem; margin: 0 0 .3rem !important; }
</style>
"""

#: Keys a person or a presentation clicker sends (clickers send PageDown/PageUp or the arrows): they press
#: the step buttons (found by their keys), in the page and inside the map's frame. Constant code, no data.
KEYS_JS = """
<script>
(function() {
  var P = window.parent;
  if (!P || P.pbKeys) { return; }
  P.pbKeys = true;
  function press(key) {
    var b = P.document.querySelector('.st-key-' + key + ' button');
    if (b && !b.disabled) { b.click(); return true; }
    return false;
  }
  function onKey(e) {
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') { return; }
    var k = e.key, done = false;
    if (k === 'ArrowRight' || k === 'PageDown') { done = press('pr_next'); }
    else if (k === 'ArrowLeft' || k === 'PageUp') { done = press('pr_prev'); }
    else if (k === 'ArrowDown' || k === 'ArrowUp') { done = press('pr_year_btn'); }
    else if (k === 'Escape') { done = press('pr_exit'); }
    if (done) { e.preventDefault(); e.stopPropagation(); }
  }
  P.document.addEventListener('keydown', onKey, true);
  function frames() {  // the map's frame takes the keys when it has the focus
    P.document.querySelectorAll('iframe').forEach(function(f) {
      try { var d = f.contentDocument; if (d && !d.pbKeys) { d.pbKeys = true; d.addEventListener('keydown', onKey, true); } }
      catch (err) { /* another origin: not ours */ }
    });
  }
  frames(); P.setInterval(frames, 1000);
  var lastNow = null;  // keep the current partner visible in the scrolling list
  P.setInterval(function() {
    var now = P.document.querySelector('.pb-card li.pb-now');
    if (now && now !== lastNow) { now.scrollIntoView({block: 'nearest'}); }
    lastNow = now;
  }, 250);
})();
</script>
"""


def is_on(params) -> bool:
    return str(params.get(P_PRESENT, "")) == "1"


@st.cache_data(show_spinner=False)
def _aliases() -> dict:
    return F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv")


def _state_for(focus_key: str | None) -> None:
    """Reset the stepping when the focus changes."""
    if st.session_state.get("pr_focus") != focus_key:
        st.session_state.update(pr_focus=focus_key, pr_idx=None, pr_year=None)


def _next_partner(n: int, delta: int) -> None:
    i = st.session_state.get("pr_idx")
    st.session_state["pr_idx"] = (0 if delta > 0 else n - 1) if i is None else P.step(i, n, delta)


def _next_year(years: list[int]) -> None:
    st.session_state["pr_year"] = P.next_year(years, st.session_state.get("pr_year"))
    st.session_state["pr_idx"] = None


def _leave() -> None:
    for k in (P_PRESENT, P_FOCUS, "view"):
        if k in st.query_params:
            del st.query_params[k]


def link(params: dict, df: pd.DataFrame, place_key: str = "") -> str:
    """``?…&present=1[&focus=<name>]``: the current view as a presentation link."""
    from urllib.parse import urlencode

    out = {**params, P_PRESENT: "1"}
    rows = df[df[F.UA_KEY] == place_key] if place_key else df.iloc[0:0]
    if len(rows):
        out[P_FOCUS] = str(rows.iloc[0]["ua_name_en"])
    return "?" + urlencode(out)


def card_html(sp: P.Spotlight, shown: tuple[P.Partner, ...], current: str | None) -> str:
    items = []
    for p in shown:
        cls = ' class="pb-now"' if p.partner_key == current else ""
        items.append(f"<li{cls}><b>{safe.text(p.name)}</b> ({safe.text(p.country_label)}) — "
                     f'<span class="pb-date">{safe.text(p.date_label)}</span></li>')
    return '<div class="pb-card"><ul>' + "".join(items) + "</ul></div>"


def _title(card: P.TitleCard) -> None:
    st.markdown(f'<p class="pb-title">{safe.text(card.title)}<span class="pb-sub">{safe.text(card.subtitle)}</span></p>',
                unsafe_allow_html=True)


def render_coverage(df: pd.DataFrame, lang: str, *, height: int = 560) -> None:
    """``?present=1&view=coverage[&oblast=UA-46][&country=PL]``: the hromadas' coverage on the slide,
    titled "Львівська область: N з 73 громад мають партнерів"."""
    from pobratymy import coverage as V
    from pobratymy.render import coverage_layers as CL

    view = from_params(st.query_params.to_dict())
    sel = tl_ui.period_filter(F.apply(df, view.filters))
    table = common.coverage_table(df, sel, view)
    on = P.oblast_namer(lang)
    only = view.filters.oblasts[0] if len(view.filters.oblasts) == 1 else ""
    title = V.headline(table).text(lang, on(only) if only else "")
    quals = P.qualifiers(view.filters, lang, tl_ui.current_range())
    if view.filters.countries:
        quals.insert(0, ", ".join(common.country_namer(lang)(c) for c in view.filters.countries))
    _title(P.TitleCard(title, " · ".join(quals)))
    layers = CL.coverage_layers(table, lang, on)
    placed = table[table["lat"].notna()] if "lat" in table.columns else table.iloc[0:0]
    if len(placed):
        bounds = ((float(placed["lat"].min()), float(placed["lon"].min())),
                  (float(placed["lat"].max()), float(placed["lon"].max())))
        fit = folium.FeatureGroup(name="fit")
        mapbuild.FitView(bounds, key=f"coverage|{only}", padding=30, fill=True).add_to(fit)
        layers.append(fit)
    st_folium(mapbuild.base_map(lang), key=f"present_cov_{lang}", height=height, use_container_width=True,
              returned_objects=[], feature_group_to_add=layers)
    st.caption(t("cov.rule_short", lang))
    st.button(t("pr.exit", lang), on_click=_leave, key="pr_exit")


def render(df: pd.DataFrame, lang: str, *, height: int = 560) -> None:
    """The whole presentation view for the enriched frame ``df``. The map's height follows the window
    (CSS); ``height`` is only the first guess. The view is fitted in the browser (no animation)."""
    st.markdown(CSS, unsafe_allow_html=True)
    st.html(KEYS_JS, unsafe_allow_javascript=True)  # constant code, no data
    if str(st.query_params.get("view", "")) == "coverage":
        render_coverage(df, lang, height=height)
        return
    view = from_params(st.query_params.to_dict())
    sel = tl_ui.period_filter(F.apply(df, view.filters, common.place_ids(view.filters.query)))
    cn, on = common.country_namer(lang), P.oblast_namer(lang)
    query = str(st.query_params.get(P_FOCUS, "")).strip()[:100]
    focus = P.find_place(sel, query, _aliases()) if query else None
    _state_for(focus)
    sp = P.spotlight(sel, focus, lang, cn) if focus else None
    period = tl_ui.current_range()

    if sp:
        year = st.session_state.get("pr_year")
        shown = sp.up_to(year)
        idx = st.session_state.get("pr_idx")
        current = shown[idx % len(shown)] if (idx is not None and shown) else None
        card = P.title_card(sel[sel[F.UA_KEY] == focus], view.filters, lang, on, cn, sp.label, period)
        layers = highlight.spotlight_layers(sel, focus, lang, cn, current=current.partner_key if current else None,
                                            show_ids=[p.id for p in shown] if year is not None else None)
        if current and current.latlon and sp.latlon:
            from geo.arcs import arc_parts

            pts = [pt for part in arc_parts(sp.latlon, current.latlon) for pt in part]
            bounds, fit_key = P.fit_bounds(pts), f"{focus}|{current.partner_key}"
        elif year is not None:  # "next year": zoom to what is new that year
            new = [p.latlon for p in shown if p.year == year and p.latlon]
            bounds, fit_key = P.fit_bounds([*new, sp.latlon] if sp.latlon else new), f"{focus}|{year}"
        else:
            bounds, fit_key = P.spotlight_bounds(sel, focus), f"{focus}|all"
    else:
        card = P.title_card(sel, view.filters, lang, on, cn, period=period)
        layers = highlight.present_layers(sel, lang, cn)
        geoms = sel[mapbuild.GEOM] if len(sel) else []
        bounds = P.fit_bounds(p for g in geoms for p in P.geometry_points(g))
        fit_key = f"all|{len(sel)}|{bounds}"
    if bounds:
        fit = folium.FeatureGroup(name="fit")
        mapbuild.FitView(bounds, key=fit_key, padding=40, fill=True).add_to(fit)
        layers = [*layers, fit]

    _title(card)
    occ = (sel.loc[sel[F.UA_KEY] == focus, F.OCCUPIED].iloc[0]
           if sp and F.OCCUPIED in sel.columns and (sel[F.UA_KEY] == focus).any() else None)
    if occ is not None:  # the occupation caveat stays on the slide
        st.markdown(f'<p class="pb-occupied">{safe.text(occ.text(lang))}</p>', unsafe_allow_html=True)
    if query and not focus:
        st.warning(t("pr.focus_missing", lang, q=query))
    map_col, side = st.columns([3, 1]) if sp else (st.container(), None)
    with map_col:
        st_folium(mapbuild.base_map(lang), key=f"present_{lang}", height=height, use_container_width=True,
                  returned_objects=[], feature_group_to_add=layers)
    if side is not None:
        with side:  # step controls first: always visible; the list scrolls under them
            a, b = st.columns(2)
            a.button(t("pr.prev_partner", lang), on_click=_next_partner, args=(len(shown), -1), key="pr_prev",
                     disabled=not shown, width="stretch")
            b.button(t("pr.next_partner", lang), on_click=_next_partner, args=(len(shown), 1), key="pr_next",
                     disabled=not shown, width="stretch", type="primary")
            label = t("pr.next_year", lang) if P.next_year(sp.years, year) is not None else t("pr.all_years", lang)
            st.button(label, on_click=_next_year, args=(sp.years,), key="pr_year_btn", disabled=not sp.years,
                      width="stretch")
            if year is not None:
                st.markdown(f'<p class="pb-year">{safe.text(t("pr.up_to_year", lang, year=year))}</p>',
                            unsafe_allow_html=True)
            st.markdown(card_html(sp, shown, current.partner_key if current else None), unsafe_allow_html=True)
            st.button(t("pr.exit", lang), on_click=_leave, key="pr_exit")
            st.markdown(f'<p class="pb-keys">{safe.text(t("pr.keys_hint", lang))}</p>', unsafe_allow_html=True)
    else:
        st.button(t("pr.exit", lang), on_click=_leave, key="pr_exit")
