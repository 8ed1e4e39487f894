"""Shared UI edge of the pages: cached loading, the language, the sidebar filters and small renderers.

Not a page itself (dashboard.py registers pages explicitly). Caching happens only here, at the edge;
everything below is pure (pobratymy.filters, geo.mapbuild).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import mapbuild
from geo.places import load_places
from pobratymy import filters as F
from pobratymy import i18n, resolvers, safe
from pobratymy.config import GEO_DATA_DIR, Settings
from pobratymy.errors import DataFileError, GazetteerError
from pobratymy.i18n import t
from pobratymy.io import load_partnerships
from pobratymy.schema import C, Kind, Status, split_sources
from pobratymy.view import View, from_params, to_params


def lang() -> str:
    return i18n.lang_or_default(st.session_state.get("lang") or st.query_params.get("lang"))


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


@st.cache_resource(show_spinner=False)
def _place_ids() -> F.PlaceIds | None:
    from geo.geocoder import OfflineGeocoder

    try:
        return F.gazetteer_place_ids(OfflineGeocoder.default().gaz)
    except GazetteerError:  # no index and none can be built: the search keeps to the data's own names
        return None


def place_ids(query: str) -> F.PlaceIds | None:
    """For :func:`pobratymy.filters.apply`: the gazetteer's names of places, so the search finds a partner
    by another language's name ("Munich", "Мюнхен" -> München). None for a blank query or no gazetteer."""
    return _place_ids() if query.strip() else None


@st.cache_data(show_spinner=False, max_entries=8)
def _caption(path: str, stamp: float, lng: str, _df: pd.DataFrame) -> str:
    as_of = _dt.date.fromtimestamp(stamp).isoformat() if stamp else "—"
    sources = set(_df[C.SOURCE_URL]) | {s for v in _df[C.OTHER_SOURCES] for s in split_sources(v)}
    return t("app.caption", lng, as_of=as_of, n_rows=len(_df), n_sources=len(sources))


def caption(df: pd.DataFrame, data_path: Path, lng: str) -> str:
    """"Data as of <file date> · N records · M sources" (computed once per data file and language)."""
    return _caption(str(data_path), _mtime(Path(data_path)), lng, df)


# ------------------------------------------------------------------ view state <-> widgets

_KEYS = {"oblasts": "f_oblast", "countries": "f_country", "kinds": "f_kind", "statuses": "f_status",
         "years": "f_years", "query": "f_query", "tiles": "f_tiles"}


def seed_from_url(year_range: tuple[int, int] | None) -> View:
    """On a session's first run, put the URL's view into the widgets' state; return the URL view."""
    v = from_params(st.query_params.to_dict())
    if not st.session_state.get("_seeded"):
        f = v.filters
        st.session_state[_KEYS["oblasts"]] = list(f.oblasts)
        st.session_state[_KEYS["countries"]] = list(f.countries)
        st.session_state[_KEYS["kinds"]] = list(f.kinds)
        st.session_state[_KEYS["statuses"]] = list(f.statuses)
        st.session_state[_KEYS["query"]] = f.query
        st.session_state[_KEYS["tiles"]] = v.tiles
        if year_range:
            lo, hi = year_range
            st.session_state[_KEYS["years"]] = (max(lo, f.year_from or lo), min(hi, f.year_to or hi))
        st.session_state["place"] = v.place
        st.session_state["_seeded"] = True
    return v


def reset_filters() -> None:
    for k in _KEYS.values():
        st.session_state.pop(k, None)
    st.session_state["place"] = ""
    st.session_state["_seeded"] = False
    lng = st.session_state.get("lang")
    st.query_params.clear()
    if lng and lng != i18n.DEFAULT_LANG:
        st.query_params["lang"] = lng


def sidebar(df: pd.DataFrame, lng: str) -> View:
    """The filter widgets; returns the resulting :class:`View` (plain values)."""
    cn = country_namer(lng)
    oblast_names = oblast_namer(lng)
    years = F.year_bounds(df)
    seed_from_url(years)
    sb = st.sidebar
    sb.header(t("f.header", lng))
    query = sb.text_input(t("f.search", lng), key=_KEYS["query"], help=t("f.search_help", lng))
    oblasts = sb.multiselect(t("f.oblast", lng), sorted(set(df[C.UA_OBLAST]), key=oblast_names),
                             key=_KEYS["oblasts"], format_func=oblast_names, placeholder=t("f.all", lng))
    countries = sb.multiselect(t("f.country", lng), sorted(set(df[C.PARTNER_COUNTRY]), key=cn),
                               key=_KEYS["countries"], format_func=cn, placeholder=t("f.all", lng))
    kinds = sb.multiselect(t("f.kind", lng), [k.value for k in Kind], key=_KEYS["kinds"],
                           format_func=lambda k: i18n.kind_label(k, lng), placeholder=t("f.all", lng))
    statuses = sb.multiselect(t("f.status", lng), [s.value for s in Status], key=_KEYS["statuses"],
                              format_func=lambda s: i18n.status_label(s, lng), placeholder=t("f.all", lng))
    y_from = y_to = None
    if years and years[0] < years[1]:
        lo, hi = sb.slider(t("f.years", lng), years[0], years[1], key=_KEYS["years"], help=t("f.years_help", lng))
        y_from, y_to = (lo if lo > years[0] else None), (hi if hi < years[1] else None)
    tiles = sb.checkbox(t("f.tiles", lng), key=_KEYS["tiles"])
    sb.button(t("f.reset", lng), on_click=reset_filters)
    f = F.Filters(tuple(oblasts), tuple(countries), tuple(kinds), tuple(statuses) or F.DEFAULT_STATUSES,
                  y_from, y_to, query.strip())
    return View(lang=lng, filters=f, place=st.session_state.get("place", ""), tiles=bool(tiles))


def take_click(map_key: str) -> None:
    """Select the place of a new click. streamlit-folium stores the map's last return value under its
    ``key`` before the rerun; the click refers to the layers of the previous render, whose
    :class:`~geo.mapbuild.ClickIndex` is kept in ``st.session_state["_click_index"]``."""
    out = st.session_state.get(map_key) or {}
    click = (out.get("last_object_clicked_tooltip"), str(out.get("last_object_clicked")))
    index = st.session_state.get("_click_index")
    if click[0] and index is not None and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        key = index.resolve(click[0], out.get("last_object_clicked"))
        if key:
            st.session_state["place"] = key


def write_url(view: View, extra: dict[str, str] | None = None) -> None:
    """Make the URL carry the view (only when it differs, to keep the browser history clean); ``extra``:
    parameters other modules own (the timeline's ``period``)."""
    params = {**to_params(view), **(extra or {})}
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


@st.cache_data(show_spinner=False)
def _oblast_table() -> dict[str, dict[str, str]]:
    tab = pd.read_csv(GEO_DATA_DIR / "ua_regions.csv", dtype=str, keep_default_na=False)
    return {r["iso_3166_2"]: {"uk": r["name_uk"], "en": r["name_en"]} for r in tab.to_dict("records")}


def oblast_namer(lng: str):
    tab = _oblast_table()
    return lambda code: tab.get(code, {}).get(lng, code)


# ------------------------------------------------------------------ renderers

def figures(h: F.Headline, lng: str) -> None:
    c = st.columns(4)
    c[0].metric(t("fig.partnerships", lng), h.partnerships)
    c[1].metric(t("fig.ua_places", lng), h.ua_places)
    c[2].metric(t("fig.countries", lng), h.partner_countries)
    c[3].metric(t("fig.since_2022", lng), h.since_invasion, help=t("fig.since_2022_help", lng))


def details(rows: pd.DataFrame, lng: str) -> None:
    """The selected place's partners: name, country, kind, status, date at its precision, facilitator,
    sources (http/https only, new tab). HTML only through pobratymy.safe."""
    cn = country_namer(lng)
    first = rows.iloc[0]
    st.subheader(mapbuild.ua_label(first, lng))
    st.caption(f"{oblast_namer(lng)(first[C.UA_OBLAST])} · {t('d.header', lng)}: {rows[F.PARTNER_KEY].nunique()}")
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
    if r[C.FACILITATOR]:
        bits.append(f"{safe.text(t('d.facilitator', lng))}: {safe.text(r[C.FACILITATOR])}")
    urls = [r[C.SOURCE_URL], *split_sources(r[C.OTHER_SOURCES])]
    links = [safe.link(u, t("d.source_n", lng, n=i + 1)) for i, u in enumerate(urls) if safe.url(u)]
    if links:
        bits.append(f"{safe.text(t('d.sources', lng))}: " + ", ".join(links))
    if not r[F.ON_MAP]:
        bits.append(f"<i>{safe.text(t('d.not_on_map', lng))}</i>")
    style = ' style="opacity:.6"' if r[C.STATUS] == Status.TERMINATED else ""
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

