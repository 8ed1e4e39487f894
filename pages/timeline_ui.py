"""UI edge of the timeline, the growth replay and the export buttons (not a page: dashboard.py registers
pages explicitly). Pure work happens in pobratymy.timeline / present / exporting and pobratymy.render.highlight.

The period picked on the chart (drag) or on the slider lives in ``st.session_state["tl_range"]`` and in
the URL as ``?period=2022-03..2023-06``; :func:`period_filter` applies it to the map's selection.
"""

from __future__ import annotations

import datetime as _dt

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pages import common
from pobratymy import exporting, i18n
from pobratymy import filters as F
from pobratymy import timeline as T
from pobratymy.i18n import t
from pobratymy.render import highlight, mapbuild

RANGE = "tl_range"
P_PERIOD = "period"
WINDOW_START = _dt.date(2014, 1, 1)
REPLAY_SECONDS = 1.2
COUNTRY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#7B4F9D",
                   "#999999")


# ------------------------------------------------------------------ the period filter

def current_range() -> tuple[_dt.date, _dt.date] | None:
    """The picked period: session state, else the URL (first run of a session)."""
    if RANGE not in st.session_state:
        st.session_state[RANGE] = T.parse_range_param(st.query_params.get(P_PERIOD, ""))
    return st.session_state[RANGE]


def period_filter(sel: pd.DataFrame) -> pd.DataFrame:
    rng = current_range()
    return sel[T.within(sel, rng[0], rng[1])] if rng else sel


def url_extra() -> dict[str, str]:
    """Query parameters this module owns, for :func:`pages.common.write_url`."""
    rng = current_range()
    return {P_PERIOD: T.range_param(rng)} if rng else {}


def _set_range(rng) -> None:
    st.session_state[RANGE] = rng


def clear_range() -> None:
    st.session_state[RANGE] = None
    st.session_state["tl_chart_gen"] = st.session_state.get("tl_chart_gen", 0) + 1  # a fresh chart, no brush


def period_note(lang: str) -> None:
    rng = current_range()
    if rng:
        a, b = st.columns([4, 1])
        a.info(t("tl.period_active", lang, first=i18n.format_date(f"{rng[0]:%Y-%m}", lang),
                 last=i18n.format_date(f"{rng[1]:%Y-%m}", lang)))
        b.button(t("tl.period_clear", lang), on_click=clear_range, key="tl_clear")


# ------------------------------------------------------------------ the chart

def _labels(tl: T.Timeline, lang: str) -> dict[str, str]:
    return T.group_labels(tl.groups, tl.by, lambda k: i18n.kind_label(k, lang), common.country_namer(lang),
                          t("tl.other", lang))


def chart(tl: T.Timeline, lang: str, *, window: _dt.date | None = WINDOW_START, height: int = 240,
          compact: bool = False) -> alt.VConcatChart:
    """Stacked bars per period with the milestones, the "year only" band below, the cumulative range."""
    labels = _labels(tl, lang)
    lo = max(window, tl.span[0]) if window and tl.span else tl.span[0]
    domain = [pd.Timestamp(lo).isoformat(), pd.Timestamp(tl.span[1] + _dt.timedelta(days=1)).isoformat()]
    x_scale = alt.Scale(domain=domain)
    # one tick per year (not per month formatted as a year: "2022 2022"), the last label kept inside
    x_axis = alt.Axis(format="%Y", title=None, labelOverlap="greedy", tickCount="year", labelFlush=True, grid=False)

    bars = tl.bars[tl.bars["start"] >= lo].copy()
    bars["label"] = [T.period_label(d, tl.freq, lang) for d in bars["start"]]
    bars["g"] = [labels[g] for g in bars[T.GROUP]]
    bars["x"] = pd.to_datetime(bars["start"])
    bars["x2"] = pd.to_datetime(bars["end"]) + pd.Timedelta(days=1)
    order = [labels[g] for g in tl.groups]
    if tl.by == "kind":
        colours = [mapbuild.KIND_COLOURS.get(g, "#777") for g in tl.groups]
    else:
        colours = [COUNTRY_COLOURS[min(i, len(COUNTRY_COLOURS) - 1)] if g != T.OTHER else "#999999"
                   for i, g in enumerate(tl.groups)]
    brush = alt.selection_interval(name="period", encodings=["x"])
    top = alt.Chart(bars).mark_bar(stroke="white", strokeWidth=0.3).encode(
        x=alt.X("x:T", scale=x_scale, axis=x_axis),
        x2="x2:T",
        y=alt.Y("sum(count):Q", title=t("tl.count", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("g:N", title=None, sort=order, scale=alt.Scale(domain=order, range=colours),
                        legend=None if compact else alt.Legend(orient="top", columns=5)),
        order=alt.Order("g:N"),
        tooltip=[alt.Tooltip("label:N", title=t("tl.period", lang)), alt.Tooltip("g:N", title=t("tl.group", lang)),
                 alt.Tooltip("count:Q", title=t("tl.count", lang))],
    ).add_params(brush).properties(height=height)

    ms = pd.DataFrame([{"x": pd.Timestamp(m.day), "text": t(m.key, lang).split(":")[0]} for m in tl.milestones
                       if m.day >= lo])
    layers = [top]
    if len(ms):
        layers.append(alt.Chart(ms).mark_rule(color="#b00020", strokeDash=[4, 3], strokeWidth=1.5)
                      .encode(x=alt.X("x:T", scale=x_scale), tooltip=alt.Tooltip("text:N", title="")))
        layers.append(alt.Chart(ms).mark_text(align="left", dx=4, dy=-height / 2 + 8, color="#b00020",
                                              fontWeight="bold", fontSize=11)
                      .encode(x=alt.X("x:T", scale=x_scale), text="text:N"))
    main = alt.layer(*layers)
    parts = [main]

    coarse = tl.coarse[tl.coarse["start"] >= _dt.date(lo.year, 1, 1)].copy()
    if len(coarse):
        coarse["x"] = pd.to_datetime(coarse["start"])
        coarse["x2"] = pd.to_datetime(coarse["end"]) + pd.Timedelta(days=1)
        coarse["label"] = [str(d.year) for d in coarse["start"]]
        band = alt.Chart(coarse).mark_rect(color="#a6a6a6", stroke="#ffffff", strokeWidth=1).encode(
            x=alt.X("x:T", scale=x_scale, axis=None), x2="x2:T",
            y=alt.Y("count:Q", title=t("tl.year_only", lang), axis=alt.Axis(tickMinStep=1, tickCount=2)),
            y2=alt.datum(0),
            tooltip=[alt.Tooltip("label:N", title=t("tl.year_only", lang)),
                     alt.Tooltip("count:Q", title=t("tl.count", lang))],
        ).properties(height=45 if compact else 60)
        parts.append(band)

    if not compact and len(tl.cumulative):
        cum = tl.cumulative[tl.cumulative["day"] >= lo].copy()
        cum["x"] = pd.to_datetime(cum["day"])
        cum["label"] = [i18n.format_date(d.isoformat(), lang) for d in cum["day"]]
        base = alt.Chart(cum).encode(x=alt.X("x:T", scale=x_scale, axis=x_axis))
        area = base.mark_area(color="#0072B2", opacity=0.18).encode(
            y=alt.Y("low:Q", title=t("tl.cumulative", lang)), y2="high:Q")
        line = base.mark_line(color="#0072B2", strokeWidth=2).encode(
            y="low:Q", tooltip=[alt.Tooltip("label:N", title=t("rp.as_of", lang)),
                                alt.Tooltip("low:Q", title=t("tl.cum_low", lang)),
                                alt.Tooltip("high:Q", title=t("tl.cum_high", lang))])
        parts.append(alt.layer(area, line).properties(height=130))
    # every part as wide as the page column (not wider: the axis ran past the right edge)
    parts = [p.properties(width="container") for p in parts]
    return alt.vconcat(*parts, spacing=6).resolve_scale(x="shared").properties(
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def _on_chart_select(key: str, freq: str) -> None:
    state = st.session_state.get(key) or {}
    sel = (state.get("selection") or {}).get("period") if hasattr(state, "get") else None
    rng = T.selection_range(dict(sel) if sel else None, "x")
    if rng:
        _set_range(T.snap(rng, freq))


def controls(lang: str, key: str, compact: bool = False) -> tuple[str, str, bool]:
    cols = st.columns(3)
    freq = cols[0].selectbox(t("tl.freq", lang), T.FREQS, index=1, key=f"{key}_freq",
                             format_func=lambda f: t(f"tl.freq_{f}", lang))
    by = cols[1].selectbox(t("tl.by", lang), T.GROUP_BY, key=f"{key}_by",
                           format_func=lambda b: t(f"tl.by_{b}", lang))
    win = cols[2].selectbox(t("tl.window", lang), ("2014", "all"), key=f"{key}_win",
                            format_func=lambda w: t("tl.since_2014" if w == "2014" else "tl.all_years", lang))
    return freq, by, win == "all"


def panel(sel: pd.DataFrame, lang: str, *, key: str = "tl", compact: bool = False, slider: bool = False) -> None:
    """Controls, the chart (drag to pick a period), and the honest-dates caption."""
    freq, by, all_years = controls(lang, key, compact)
    tl = T.build(sel, freq, by, today=_dt.date.today())
    if not len(tl.bars) and not len(tl.coarse):
        st.info(t("tl.none", lang))
        return
    window = None if all_years else WINDOW_START
    ckey = f"{key}_chart_{st.session_state.get('tl_chart_gen', 0)}"
    st.altair_chart(chart(tl, lang, window=window, height=170 if compact else 240, compact=compact),
                    key=ckey, on_select=lambda: _on_chart_select(ckey, freq), selection_mode="period",
                    width="stretch")
    p = tl.precision
    notes = [t("tl.precision", lang, day=p.day, month=p.month, year=p.year, none=p.none)]
    if tl.coarse_total:
        notes.append(t("tl.year_only_note", lang, n=tl.coarse_total))
    if window:
        earlier = sum(int(f.loc[f["start"] < window, "count"].sum()) for f in (tl.bars, tl.coarse) if len(f))
        if earlier:
            notes.append(t("tl.earlier", lang, n=earlier))
    st.caption(" ".join(notes))
    st.caption(t("tl.select_hint", lang))
    if slider and tl.span:
        range_slider(tl, lang, all_years)


def range_slider(tl: T.Timeline, lang: str, all_years: bool) -> None:
    """Month range slider; the same period state as the chart (a new chart selection re-seeds it)."""
    months = [p[0] for p in T.periods(tl.span[0] if all_years else max(WINDOW_START, tl.span[0]), tl.span[1],
                                      "month")]
    if len(months) < 2:
        return
    rng = current_range()
    lo, hi = (T.period_of(rng[0], "month")[0], T.period_of(rng[1], "month")[0]) if rng else (months[0], months[-1])
    lo, hi = (lo if lo in months else months[0]), (hi if hi in months else months[-1])
    key = f"tl_slider_{T.range_param(rng)}_{int(all_years)}"

    def on_slider() -> None:
        a, b = st.session_state[key]
        _set_range(None if (a, b) == (months[0], months[-1]) else (a, T.period_of(b, "month")[1]))

    st.select_slider(t("tl.range", lang), options=months, value=(lo, hi), key=key, on_change=on_slider,
                     format_func=lambda d: i18n.format_date(f"{d:%Y-%m}", lang))


# ------------------------------------------------------------------ growth replay

def _toggle_play() -> None:
    st.session_state["rp_play"] = not st.session_state.get("rp_play", False)
    if st.session_state["rp_play"]:
        steps = st.session_state.get("rp_steps") or []
        if steps and st.session_state.get("rp_day") == steps[-1]:
            st.session_state["rp_day"] = steps[0]  # play again from the start
        st.session_state["rp_hold"] = True  # show the current step first; the timer advances


def replay(sel: pd.DataFrame, lang: str, *, height: int = 520) -> None:
    """An "as of" slider with Play/Pause; the map redraws only its dynamic layers (same iframe)."""
    today = _dt.date.today()
    step = st.selectbox(t("tl.freq", lang), ("year", "quarter"), key="rp_step",
                        format_func=lambda f: t(f"tl.freq_{f}", lang))
    steps = T.replay_steps(WINDOW_START, today, step)
    st.session_state["rp_steps"] = steps
    if st.session_state.get("rp_day") not in steps:
        st.session_state["rp_day"] = steps[-1]
    playing = bool(st.session_state.get("rp_play"))
    st.button(t("rp.pause" if playing else "rp.play", lang), on_click=_toggle_play, key="rp_button")
    starts = T.starts(sel)
    undated = int((starts[T.LAST].isna()).sum())
    cn = common.country_namer(lang)

    @st.fragment(run_every=REPLAY_SECONDS if playing else None)
    def _frame() -> None:
        if st.session_state.pop("rp_hold", False):
            pass
        elif st.session_state.get("rp_play"):
            i = steps.index(st.session_state["rp_day"])
            if i + 1 < len(steps):
                st.session_state["rp_day"] = steps[i + 1]
            else:
                st.session_state["rp_play"] = False
                st.rerun(scope="app")  # stop the timer and relabel the button
        day = st.session_state["rp_day"]
        st.select_slider(t("rp.as_of", lang), options=steps, key="rp_day",
                         format_func=lambda d: i18n.format_date(d.isoformat(), lang))
        i = steps.index(day)
        prev = steps[i - 1] if i else None
        now = T.as_of(starts, day)
        new = T.new_between(now, prev, day)
        st.markdown(f"**{t('rp.status', lang, date=i18n.format_date(day.isoformat(), lang), n=len(now), new=int(new.sum()))}**")
        st_folium(mapbuild.base_map(lang), key=f"replay_{lang}", height=height, use_container_width=True,
                  returned_objects=[], feature_group_to_add=highlight.replay_layers(now, new, lang, cn))

    _frame()
    if undated:
        st.caption(t("rp.undated", lang, n=undated))


# ------------------------------------------------------------------ exports

def export_buttons(sel: pd.DataFrame, lang: str, *, view=None, focus: str | None = None, key: str = "ex",
                   data_day: _dt.date | None = None) -> None:
    """HTML (self-contained), CSV, XLSX and PNG of the current view; files are made when clicked. The map
    files carry a title (what is shown), the date of the data and "sources: …"; a selected place is
    spotlighted; file names say what is in them; CSV/XLSX in the UI language with labels beside codes."""
    from pobratymy import present as P

    cn, on = common.country_namer(lang), P.oblast_namer(lang)
    today = _dt.date.today()
    f = view.filters if view is not None else None
    sp = P.spotlight(sel, focus, lang, cn) if focus else None
    if sp is None:
        focus = None
    rows = sel[sel[F.UA_KEY] == focus] if focus else sel
    card = P.title_card(rows, f, lang, on, cn, sp.label if sp else "", current_range()) if f is not None else None
    lines = [P.partner_line(p) for p in sp.partners][:20] if sp else []
    name_bits = {"oblasts": f.oblasts if f else (), "countries": f.countries if f else (),
                 "focus": str(rows.iloc[0]["ua_name_en"]) if focus and len(rows) else "", "day": today}

    def html() -> str:  # made only when a button is clicked (the sources note parses every row's links)
        note = exporting.sources_note(rows, lang, data_day or today)
        return exporting.map_html(sel, lang, cn, focus=focus, title=card.title if card else "",
                                  subtitle=card.subtitle if card else "", note=note, card_lines=lines)

    cols = st.columns(4)
    cols[0].download_button(t("ex.html", lang), data=html, file_name=exporting.file_name("", "html", **name_bits),
                            mime="text/html", on_click="ignore", key=f"{key}_html", width="stretch")
    table_bits = {**name_bits, "focus": ""}
    cols[1].download_button(t("ex.csv", lang), data=lambda: exporting.labelled_csv(sel, lang),
                            file_name=exporting.file_name("partnerships", "csv", **table_bits), mime="text/csv",
                            on_click="ignore", key=f"{key}_csv", width="stretch")
    cols[2].download_button(t("ex.xlsx", lang), data=lambda: exporting.labelled_xlsx(sel, lang),
                            file_name=exporting.file_name("partnerships", "xlsx", **table_bits),
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            on_click="ignore", key=f"{key}_xlsx", width="stretch")
    from pobratymy import export_data

    st.download_button(t("ex.geojson", lang), data=lambda: export_data.export_bytes(sel, "geojson"),
                       file_name=exporting.file_name("partnerships", "geojson", **table_bits),
                       mime="application/geo+json", on_click="ignore", key=f"{key}_geojson")
    missing = exporting.png_unavailable()
    if missing is None:
        cols[3].download_button(t("ex.png", lang), data=lambda: exporting.map_png(html()),
                                file_name=exporting.file_name("", "png", **name_bits), mime="image/png",
                                on_click="ignore", key=f"{key}_png", width="stretch")
    else:
        cols[3].caption(t("ex.no_chromium", lang))
