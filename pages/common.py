"""Shared UI edge of the pages: cached loading, the language, the sidebar filters and small renderers.

Not a page itself (dashboard.py registers pages explicitly). Caching happens only here, at the edge;
everything below is pure (pobratymy.filters, pobratymy.render.mapbuild).
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from pobratymy import filters as F
from pobratymy import i18n, occupied, provenance, resolvers, safe
from pobratymy.collation import collate
from pobratymy.config import GEO_DATA_DIR, Settings
from pobratymy.errors import DataFileError, GazetteerError
from pobratymy.events import format_events, list_names
from pobratymy.i18n import t
from pobratymy.io import load_partnerships
from pobratymy.places import load_places
from pobratymy.render import mapbuild
from pobratymy.schema import C, Kind, Status, split_sources
from pobratymy.view import View, from_params, to_params

#: set by dashboard.py while it runs a page (thread-local: one script run per thread)
FRAME = threading.local()


def ensure_frame() -> None:
    """First line of every page: run the page inside the frame (dashboard.py). Streamlit treats a
    ``pages/`` folder as old-style pages until ``st.navigation`` has run once in the server process, so the
    first request of a fresh server for ``/timeline`` would run pages/timeline.py alone (no language
    switch, no navigation, every helper module listed as a page). Here the frame runs instead: it calls
    ``st.navigation``, which ends that mode and runs this page properly."""
    if getattr(FRAME, "active", False):
        return
    try:  # only in that mode (a page run on its own by AppTest or a tool is left alone)
        from streamlit.runtime.pages_manager import PagesManager

        if not PagesManager.uses_pages_directory:
            return
    except ImportError:  # pragma: no cover - a Streamlit without it has no such mode
        return
    import runpy

    runpy.run_path(str(Path(__file__).resolve().parent.parent / "dashboard.py"), run_name="__main__")
    st.stop()


def lang() -> str:
    return i18n.lang_or_default(st.session_state.get("_lang") or st.session_state.get("lang")
                                or st.query_params.get("lang"))


def country_namer(lng: str):
    try:
        from geo.countries import country_name
    except ImportError:  # pragma: no cover - geo.countries is part of the project
        return lambda code: code
    return lambda code: country_name(code, lng)


def places_paths(data_path: Path, settings: Settings) -> tuple[Path, Path]:
    """The places cache beside the data file (``places.csv``), else the project's default."""
    return resolvers.places_paths(data_path, settings.places_path, settings.overrides_path)


def _mtime(p: Path) -> float:
    return p.stat().st_mtime if p.exists() else 0.0


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data: str, places: str, overrides: str, stamp: tuple) -> tuple[pd.DataFrame, list, int]:
    loaded = load_partnerships(data)
    pl = load_places(places, overrides)
    df = F.enrich(loaded.frame, pl, F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv"))
    return mapbuild.with_arcs(df), loaded.problems, len(pl)


def load_data(settings: Settings) -> tuple[pd.DataFrame, list, int] | None:
    """(enriched frame, problems, number of places) or None after showing why the data is unusable."""
    data = Path(settings.data_path)
    places, overrides = places_paths(data, settings)
    lng = lang()
    if not data.exists():
        st.error(t("data.missing", lng, path=str(data)))
        return None
    try:
        return _load(str(data), str(places), str(overrides), (_mtime(data), _mtime(places), _mtime(overrides)))
    except DataFileError as exc:
        st.error(t("data.unusable", lng, reason=exc.reason))
        return None


@st.cache_resource(show_spinner="Готуємо покажчик назв місць — лише перший раз, до хвилини… · "
                                 "Building the place index — first time only, up to a minute…")
def _place_ids() -> F.PlaceIds | None:
    from geo.geocoder import OfflineGeocoder

    try:
        return F.gazetteer_place_ids(OfflineGeocoder.default().gaz)
    except GazetteerError:  # no index and none can be built: the search keeps to the data's own names
        return None


def loaded_or_stop(settings: Settings) -> tuple[pd.DataFrame, list, int]:
    """:func:`load_data`, or stop the page after the message it showed."""
    loaded = load_data(settings)
    if loaded is None:
        st.stop()
    return loaded


def selection(df: pd.DataFrame, lng: str) -> tuple[View, pd.DataFrame]:
    """The sidebar's view and the rows it selects (the search included)."""
    view = sidebar(df, lng)
    return view, F.apply(df, view.filters, place_ids(view.filters.query))


def place_ids(query: str) -> F.PlaceIds | None:
    """For :func:`pobratymy.filters.apply`: the gazetteer's names of places, so the search finds a partner
    by another language's name ("Munich", "Мюнхен" -> München). None for a blank query or no gazetteer."""
    return _place_ids() if query.strip() else None


def data_day(data_path: Path) -> _dt.date:
    """The date of the data file (its last change)."""
    stamp = _mtime(Path(data_path))
    return _dt.date.fromtimestamp(stamp) if stamp else _dt.date.today()


@st.cache_data(show_spinner=False, max_entries=8)
def _caption(path: str, stamp: float, lng: str, _df: pd.DataFrame) -> str:
    as_of = _dt.date.fromtimestamp(stamp).isoformat() if stamp else "—"
    sources = set(_df[C.SOURCE_URL]) | {s for v in _df[C.OTHER_SOURCES] for s in split_sources(v)}
    return t("app.caption", lng, as_of=as_of, n_rows=len(_df), n_sources=len(sources))


def caption(df: pd.DataFrame, data_path: Path, lng: str) -> str:
    """"Data as of <file date> · N records · M sources" (computed once per data file and language)."""
    return _caption(str(data_path), _mtime(Path(data_path)), lng, df)


# ------------------------------------------------------------------ view state <-> widgets
#
# The filters live in ONE place: ``st.session_state[FILTERS]``, a plain dict that is not a widget key, so
# Streamlit never drops it when a page without the sidebar runs (widget keys of widgets that are not drawn
# in a run are deleted at its end; that emptied the status filter and turned the year range into a single
# int after Map -> Timeline -> Map). Each run copies the canonical values into the widget keys before the
# widgets are drawn, and each widget's ``on_change`` copies its new value back. A new session seeds the
# canonical dict from the URL; every page with the sidebar writes it back to the URL.

FILTERS = "_filters"
_KEYS = {"oblasts": "f_oblast", "countries": "f_country", "kinds": "f_kind", "statuses": "f_status",
         "years": "f_years", "query": "f_query", "tiles": "f_tiles", "coverage": "f_coverage"}


def _from_view(v: View) -> dict:
    f = v.filters
    statuses = [] if tuple(sorted(f.statuses)) == tuple(sorted(F.DEFAULT_STATUSES)) else list(f.statuses)
    return {"oblasts": list(f.oblasts), "countries": list(f.countries), "kinds": list(f.kinds),
            "statuses": statuses, "years": (f.year_from, f.year_to), "query": f.query, "tiles": v.tiles,
            "coverage": False}


def canonical() -> dict:
    """The filter state of this session (seeded from the URL on its first run)."""
    state = st.session_state.get(FILTERS)
    if not isinstance(state, dict):
        v = from_params(st.query_params.to_dict())
        state = _from_view(v)
        st.session_state[FILTERS] = state
        st.session_state["place"] = v.place
    return state


def current_view() -> View:
    """The session's view (seeded from the URL on its first run)."""
    state = canonical()
    return View(lang=lang(), filters=_filters_of(state), place=st.session_state.get("place", ""),
                tiles=bool(state["tiles"]))


def _filters_of(state: dict) -> F.Filters:
    y_from, y_to = state.get("years") or (None, None)
    return F.Filters(tuple(state["oblasts"]), tuple(state["countries"]), tuple(state["kinds"]),
                     tuple(state["statuses"]) or F.DEFAULT_STATUSES, y_from, y_to, str(state["query"]).strip())


def _keep(name: str, bounds: tuple[int, int] | None = None) -> None:
    """``on_change`` of a filter widget: its new value becomes the canonical one."""
    value = st.session_state.get(_KEYS[name])
    if name == "years" and bounds and isinstance(value, (tuple, list)) and len(value) == 2:
        lo, hi = value
        value = (lo if lo > bounds[0] else None, hi if hi < bounds[1] else None)
    elif isinstance(value, tuple):
        value = list(value)
    canonical()[name] = value


def _bind(name: str, value) -> dict:
    """Put the canonical value into the widget's key before the widget is drawn; its on_change keeps it."""
    st.session_state[_KEYS[name]] = value
    return {"key": _KEYS[name], "on_change": _keep, "args": (name,)}


def reset_filters() -> None:
    for k in _KEYS.values():
        st.session_state.pop(k, None)
    st.session_state.pop(FILTERS, None)
    st.session_state["place"] = ""
    lng = st.session_state.get("_lang")
    st.query_params.clear()
    if lng and lng != i18n.DEFAULT_LANG:
        st.query_params["lang"] = lng
    st.session_state[FILTERS] = _from_view(View())


def sidebar(df: pd.DataFrame, lng: str) -> View:
    """The filter widgets; returns the resulting :class:`View` (plain values)."""
    cn = country_namer(lng)
    oblast_names = oblast_namer(lng)
    years = F.year_bounds(df)
    state = canonical()
    sb = st.sidebar
    sb.header(t("f.header", lng))
    sb.text_input(t("f.search", lng), help=t("f.search_help", lng), **_bind("query", state["query"]))
    ob_opts = collate(set(df[C.UA_OBLAST]), oblast_names)
    sb.multiselect(t("f.oblast", lng), ob_opts, format_func=oblast_names, placeholder=t("f.all", lng),
                   **_bind("oblasts", [o for o in state["oblasts"] if o in ob_opts]))
    c_opts = collate(set(df[C.PARTNER_COUNTRY]), cn)
    sb.multiselect(t("f.country", lng), c_opts, format_func=cn, placeholder=t("f.all", lng),
                   **_bind("countries", [c for c in state["countries"] if c in c_opts]))
    kinds = [k.value for k in Kind]
    sb.multiselect(t("f.kind", lng), kinds, format_func=lambda k: i18n.kind_label(k, lng),
                   placeholder=t("f.all", lng), **_bind("kinds", [k for k in state["kinds"] if k in kinds]))
    statuses = [s.value for s in Status]
    sb.multiselect(t("f.status", lng), statuses, format_func=lambda s: i18n.status_label(s, lng),
                   placeholder=t("f.all", lng),
                   **_bind("statuses", [s for s in state["statuses"] if s in statuses]))
    if years and years[0] < years[1]:
        y_from, y_to = state.get("years") or (None, None)
        lo = min(max(years[0], y_from or years[0]), years[1])
        hi = max(min(years[1], y_to or years[1]), lo)
        w = _bind("years", (lo, hi))
        w["args"] = ("years", years)
        sb.slider(t("f.years", lng), years[0], years[1], help=t("f.years_help", lng), **w)
    sb.checkbox(t("f.coverage", lng), help=t("f.coverage_help", lng),
                **_bind("coverage", bool(state.get("coverage", False))))
    sb.checkbox(t("f.tiles", lng), **_bind("tiles", bool(state["tiles"])))
    sb.button(t("f.reset", lng), on_click=reset_filters)
    state = canonical()
    f = _filters_of(state)
    if years:  # a year outside the data's range filters nothing
        f = replace(f, year_from=f.year_from if f.year_from and f.year_from > years[0] else None,
                    year_to=f.year_to if f.year_to and f.year_to < years[1] else None)
    return View(lang=lng, filters=f, place=st.session_state.get("place", ""), tiles=bool(state["tiles"]))


def search_note(df: pd.DataFrame, view: View, lng: str) -> None:
    """Say how the search matched: nothing, or only similar names (never pass those off as the place)."""
    q = view.filters.query.strip()
    if not q:
        return
    base = F.apply(df, replace(view.filters, query=""))
    _, mode = F.query_match(base, q, place_ids(q))
    if mode == "approximate":
        st.warning(t("f.search_approx", lng, q=q))
    elif mode == "none":
        st.info(t("f.search_none", lng, q=q))


def unmapped_lines(df: pd.DataFrame, ids, lng: str) -> list[str]:
    """"Ukrainian place — partner (country): which end has no coordinates" for the rows not on the map."""
    ids = tuple(ids)
    return _memo(("unmapped", id(df), hash(ids), lng), lambda: (df, _unmapped_lines(df, ids, lng)))[1]


def _unmapped_lines(df: pd.DataFrame, ids: tuple, lng: str) -> list[str]:
    cn = country_namer(lng)
    rows = df[df[C.ID].isin(set(ids))]
    out = []
    for r in rows.to_dict("records"):
        missing = [t("d.end_ua", lng)] if pd.isna(r[F.UA_LAT]) else []
        if pd.isna(r[F.P_LAT]):
            missing.append(t("d.end_partner", lng))
        out.append(f"{mapbuild.line_label(r, lng, cn)} — {t('d.no_coords', lng, which=', '.join(missing))}")
    return out


@st.cache_resource(show_spinner=False)
def register() -> pd.DataFrame:
    """The official register of hromadas, placed (data/hromadas.csv)."""
    from pobratymy.register import load_register

    return load_register()


@st.cache_resource(show_spinner=False, max_entries=4)
def _hromada_ties(key: tuple, _df: pd.DataFrame) -> pd.DataFrame:
    from pobratymy import coverage as V

    return V.hromada_ties(_df)


def coverage_table(df: pd.DataFrame, sel: pd.DataFrame, view: View) -> pd.DataFrame:
    """Every hromada of the register with its live ties among the selection ``sel`` of ``df``."""
    from pobratymy import coverage as V

    ties = _hromada_ties((len(df), id(df)), df).loc[sel.index]
    return V.coverage_table(ties, register(), view.filters.oblasts)


def show_coverage() -> bool:
    """The sidebar's "coverage of hromadas" layer toggle."""
    return bool(canonical().get("coverage"))


def is_overview(view: View) -> bool:
    """Nothing narrows the map to a region, a country, a kind or a search: show the aggregated overview."""
    f = view.filters
    return not (f.oblasts or f.countries or f.kinds or f.query.strip())


def fit_layer(sel: pd.DataFrame, view: View, extra: dict[str, str] | None = None):
    """A feature group that fits the map to the selection once per selection (a click or a pan does not
    refit; a filter change does)."""
    import folium

    key = repr((to_params(replace(view, place="", lang="uk")), extra or {}))
    fg = folium.FeatureGroup(name="fit")
    on = sel[sel[F.ON_MAP]] if len(sel) else sel
    if len(on):
        lats = pd.concat([on[F.UA_LAT], on[F.P_LAT]])
        lons = pd.concat([on[F.UA_LON], on[F.P_LON]])
        bounds = ((float(lats.min()), float(lons.min())), (float(lats.max()), float(lons.max())))
        mapbuild.FitView(bounds, key=key, padding=20, max_zoom=8).add_to(fg)
    return fg


def take_click(map_key: str) -> None:
    """Select the place of a new click. streamlit-folium stores the map's last return value under its
    ``key`` before the rerun; the click refers to the layers of the previous render, whose
    :class:`~pobratymy.render.mapbuild.ClickIndex` is kept in ``st.session_state["_click_index"]``."""
    out = st.session_state.get(map_key) or {}
    click = (out.get("last_object_clicked_tooltip"), str(out.get("last_object_clicked")))
    index = st.session_state.get("_click_index")
    if click[0] and index is not None and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        key = index.resolve(click[0], out.get("last_object_clicked"))
        if key and key.startswith(mapbuild.AGG_PREFIX):  # an overview line: show that oblast and country
            _, oblast, country = key.split("|", 2)
            state = canonical()
            state["oblasts"], state["countries"] = [oblast], [country]
            st.session_state["place"] = ""
        elif key:
            st.session_state["place"] = key


def keep_url(extra: dict[str, str] | None = None) -> None:
    """For pages without the sidebar: keep the session's filters in the URL (a page change clears it)."""
    write_url(current_view(), extra)


def write_url(view: View, extra: dict[str, str] | None = None) -> None:
    """Make the URL carry the view (only when it differs, to keep the browser history clean); ``extra``:
    parameters other modules own (the timeline's ``period``)."""
    params = {**to_params(view), **(extra or {})}
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def oblast_namer(lng: str):
    """``UA-14`` -> the oblast's name in ``lng`` (one regions table: :mod:`geo.regions`)."""
    from pobratymy.present import oblast_namer as namer

    return namer(lng)


MEMO_SIZE = 12  # values a session keeps for its last few selections (layers, lists: ~4 selections)
MEMO_KEY = "_selection_memo"  # where in the session (the bench clears it to measure a redraw)


def _memo(key: tuple, compute):
    """``compute()`` once per ``key`` among the session's last :data:`MEMO_SIZE` keys. Per session, so no
    two sessions share the (mutable) folium objects."""
    cache: OrderedDict = st.session_state.setdefault(MEMO_KEY, OrderedDict())
    if key not in cache:
        cache[key] = compute()
        while len(cache) > MEMO_SIZE:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return cache[key]


def selection_key(df: pd.DataFrame, sel: pd.DataFrame) -> tuple:
    """Which rows of which frame ``sel`` is: the frame object (a reload is a new one; memo entries keep
    it alive, so its id cannot be reused) and the selected row labels."""
    return id(df), len(sel), hash(sel.index.to_numpy().tobytes())


def map_layers(df: pd.DataFrame, sel: pd.DataFrame, view: View, lng: str, overview: bool):
    """The map's layers and click index for the selection ``sel`` of ``df`` (``mapbuild.dynamic_layers`` +
    the partner dots of ``clicks.add_partners``), kept for the session's last few selections: going back
    to a selection (one oblast, then all again) reuses its layers instead of drawing 10,000 lines anew."""
    from pobratymy.render import clicks

    def draw():
        groups, index = mapbuild.dynamic_layers(sel, lng, country_namer(lng), with_tiles=view.tiles,
                                                selected=view.place, overview=overview,
                                                oblast_name=oblast_namer(lng))
        for g in groups:  # a third fewer bytes to send (and for streamlit-folium to scan on every rerun)
            mapbuild.encode_layers(g, inline_decoder=True)
        return df, groups, clicks.add_partners(index, sel, country_namer(lng))

    _, groups, index = _memo(("layers", *selection_key(df, sel), lng, view.tiles, view.place, overview), draw)
    return list(groups), index


# ------------------------------------------------------------------ renderers

def figures(h: F.Headline, lng: str) -> None:
    c = st.columns(4)
    c[0].metric(t("fig.partnerships", lng), h.partnerships)
    c[1].metric(t("fig.ua_places", lng), h.ua_places, help=t("fig.ua_places_help", lng))
    c[2].metric(t("fig.countries", lng), h.partner_countries)
    c[3].metric(t("fig.since_2022", lng), h.since_invasion, help=t("fig.since_2022_help", lng))


def details(rows: pd.DataFrame, lng: str) -> None:
    """The selected place's partners: name, country, kind, status, date at its precision, facilitator,
    sources (http/https only, new tab). HTML only through pobratymy.safe."""
    cn = country_namer(lng)
    first = rows.iloc[0]
    st.subheader(mapbuild.ua_label(first, lng))
    st.caption(f"{oblast_namer(lng)(first[C.UA_OBLAST])} · {t('d.header', lng)}: {rows[F.PARTNER_KEY].nunique()}")
    occ = occupied.row_occupied(first.to_dict())
    if occ is not None:  # a visible caveat, with the act that states it
        link = safe.link(occ.source_url, t("d.source_n", lng, n=1)) if safe.url(occ.source_url) else ""
        st.markdown(f'<div class="pb-occupied" style="background:#fff0e6;border-left:4px solid #b03a00;padding:.3rem .5rem">⚠ {safe.text(occ.text(lng))}{" · " + link if link else ""}</div>',
                    unsafe_allow_html=True)
    for r in rows.to_dict("records"):
        _tie(r, f"<b>{safe.text(r[C.PARTNER_NAME])}</b> ({safe.text(cn(r[C.PARTNER_COUNTRY]))})", lng)


def partner_details(rows: pd.DataFrame, lng: str) -> None:
    """A selected partner place (a clicked partner dot): its Ukrainian sides, as :func:`details` lists them."""
    on = oblast_namer(lng)
    first = rows.iloc[0]
    st.subheader(str(first[C.PARTNER_NAME]))
    st.caption(f"{country_namer(lng)(first[C.PARTNER_COUNTRY])} · {t('d.ua_partners', lng)}: {rows[F.UA_KEY].nunique()}")
    for r in rows.to_dict("records"):
        _tie(r, f"<b>{safe.text(mapbuild.ua_label(r, lng))}</b> ({safe.text(on(r[C.UA_OBLAST]))})", lng)


def _tie(r: dict, title_html: str, lng: str) -> None:
    """One partnership under its (already escaped) title: kind · status · date, end, facilitator, sources."""
    date = i18n.format_date(r[C.DATE], lng) or t("d.no_date", lng)
    if r[C.DATE] and r[C.DATE_EVENT] and r[C.DATE_EVENT] != r[C.STATUS]:  # "signed · 6 April 2023", not twice
        date = f"{i18n.date_event_label(r[C.DATE_EVENT], lng)} {date}"
    bits = [title_html,
            f"{safe.text(i18n.kind_label(r[C.KIND], lng))} · {safe.text(i18n.status_label(r[C.STATUS], lng))}"
            f" · {safe.text(date)}"]
    if r[C.ENDED]:
        bits.append(safe.text(t("d.ended", lng, date=i18n.format_date(r[C.ENDED], lng))))
    if r[C.STATUS] == Status.INACTIVE:
        bits.append(f"<i>{safe.text(t('data.inactive_help', lng))}</i>")
    if r.get(C.LISTED_BY) and r[C.STATUS] == Status.LISTED:
        bits.append(f"<i>{safe.text(t('data.listed_by', lng, lists=list_names(r[C.LISTED_BY], lng)))}</i>")
    if r.get(C.EVENTS):
        history = format_events(r[C.EVENTS], lng)
        bits.append(f'<span class="pb-events">{safe.text(t("data.events", lng, events=history))}</span>')
    if r[C.FACILITATOR]:
        bits.append(f"{safe.text(t('d.facilitator', lng))}: {safe.text(r[C.FACILITATOR])}")
    urls = [r[C.SOURCE_URL], *split_sources(r[C.OTHER_SOURCES])]
    links = [safe.link(u, t("d.source_n", lng, n=i + 1)) for i, u in enumerate(urls) if safe.url(u)]
    if links:
        bits.append(f"{safe.text(t('d.sources', lng))}: " + ", ".join(links))
    council = provenance.describe(r.get(C.NOTES, ""), lng)
    if council:  # a council's own register, cited instead of a public link
        bits.append(f"<i>{safe.text(council)}</i>")
    if not r[F.ON_MAP]:
        bits.append(f"<i>{safe.text(t('d.not_on_map', lng))}</i>")
    style = ' style="opacity:.6"' if r[C.STATUS] in (Status.TERMINATED, Status.INACTIVE) else ""
    st.markdown(f'<div class="pb-partner"{style}>' + "<br>".join(bits) + "</div>", unsafe_allow_html=True)


def top_lists(sel: pd.DataFrame, lng: str) -> None:
    cn, on = country_namer(lng), oblast_namer(lng)
    a, b = st.columns(2)
    tc = F.top_countries(sel)
    a.subheader(t("top.countries", lng))
    a.dataframe(pd.DataFrame({t("top.col_country", lng): [cn(c) for c in tc[C.PARTNER_COUNTRY]],
                              t("top.col_count", lng): tc["count"]}), hide_index=True, width="stretch")
    tp = F.top_places(sel)
    b.subheader(t("top.places", lng))
    b.dataframe(pd.DataFrame({t("top.col_place", lng): [mapbuild.ua_label(r, lng) for r in tp.to_dict("records")],
                              t("top.col_oblast", lng): [on(o) for o in tp[C.UA_OBLAST]],
                              t("top.col_count", lng): tp["partners"]}), hide_index=True, width="stretch")

