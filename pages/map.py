"""The map: partnership lines from Ukrainian places, filters in the sidebar, details of a clicked place.
Thin: widgets -> pobratymy.filters -> pobratymy.render.mapbuild -> st_folium; the base map stays mounted."""

from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from pages import common, present_ui
from pages import timeline_ui as tl_ui
from pobratymy import filters as F
from pobratymy import safe
from pobratymy.config import Settings
from pobratymy.i18n import t
from pobratymy.render import mapbuild

common.ensure_frame()  # a fresh server's first request may run this page alone

settings = Settings.from_env()
lang = common.lang()
df, problems, n_places = common.loaded_or_stop(settings)
if present_ui.is_on(st.query_params):  # ?present=1: the presentation view instead of the page
    present_ui.render(df, lang)
    st.stop()
st.caption(common.caption(df, settings.data_path, lang))
if problems:
    st.warning(t("data.problems", lang, n=len(problems)))

view, sel = common.selection(df, lang)
sel = tl_ui.period_filter(sel)
tl_ui.period_note(lang)
common.search_note(df, view, lang)
head = F.headline(sel)
common.figures(head, lang)

map_key = f"map_{lang}"
common.take_click(map_key)  # a click on the previous render selects its place before anything is drawn
view = replace(view, place=st.session_state.get("place", ""))
overview = common.is_overview(view)  # the whole picture: oblast -> country lines until zoom or filter
groups, index = common.map_layers(df, sel, view, lang, overview)  # the last few selections' layers are kept
if common.show_coverage():  # the register's hromadas under the ties: choropleth and points (filters apply)
    from pobratymy.render import coverage_layers as CL

    groups[:0] = CL.coverage_layers(common.coverage_table(df, sel, view), lang, common.oblast_namer(lang))
groups.append(common.fit_layer(sel, view, tl_ui.url_extra()))  # fit the selection when it changes
st.session_state["_click_index"] = index  # lines, places and partner dots
left, right = st.columns([3, 1])
with left:
    st_folium(mapbuild.base_map(lang), key=map_key, height=620, use_container_width=True,
              returned_objects=["last_object_clicked", "last_object_clicked_tooltip"], feature_group_to_add=groups)
    note = t("fig.not_on_map", lang, n=head.not_on_map) if head.not_on_map else ""
    hint = t("map.overview_hint", lang) if overview else t("map.hint", lang)
    st.caption(" · ".join(x for x in (hint, note) if x) if len(sel) else t("map.nothing", lang))
common.write_url(view, tl_ui.url_extra())

with right:
    rows = F.place_rows(df, view.place) if view.place else df.iloc[0:0]
    partner = F.partner_rows(df, view.place) if view.place and not len(rows) else df.iloc[0:0]
    if len(rows) or len(partner):
        if len(rows):
            common.details(rows, lang)
        else:  # a clicked partner dot: its Ukrainian sides
            common.partner_details(partner, lang)
        st.button(t("d.clear", lang), on_click=lambda: st.session_state.update(place=""))
    else:
        st.info(t("d.none", lang))
if head.not_on_map:
    with st.expander(t("fig.not_on_map", lang, n=head.not_on_map)):
        st.markdown("\n".join(f"- {safe.text(x)}" for x in common.unmapped_lines(df, head.unmapped_ids, lang)),
                    unsafe_allow_html=True)
if st.toggle(t("tl.show_panel", lang), key="tl_panel"):  # a toggle, not an expander: the chart costs
    tl_ui.panel(sel, lang, key="tlm", compact=True)    # ~0.5 s per rerun at 2,000 rows, even when collapsed
common.top_lists(sel, lang)
st.subheader(t("ex.header", lang))
tl_ui.export_buttons(sel, lang, view=view, focus=view.place or None, data_day=common.data_day(settings.data_path))
st.link_button(t("pr.enter", lang), present_ui.link(st.query_params.to_dict(), df, view.place))
