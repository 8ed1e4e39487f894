"""Coverage: how many hromadas have a live tie, which have none (per oblast, downloadable), and leads.
Thin: the map's filters -> pobratymy.coverage (figures, leads) -> pobratymy.render.coverage_layers (map)."""

import streamlit as st
from streamlit_folium import st_folium

from pages import common
from pobratymy import coverage as V
from pobratymy.collation import collate
from pobratymy.config import Settings
from pobratymy.exporting import rows_to_csv_bytes, rows_to_xlsx_bytes
from pobratymy.i18n import t
from pobratymy.render import coverage_layers as CL
from pobratymy.render import mapbuild

common.ensure_frame()  # a fresh server's first request may run this page alone
settings = Settings.from_env()
lang = common.lang()
df, _problems, _ = common.loaded_or_stop(settings)
view, sel = common.selection(df, lang)
oblast_name = common.oblast_namer(lang)


register = common.register()
ties = common._hromada_ties((len(df), id(df)), df).loc[sel.index]
table = common.coverage_table(df, sel, view)
h = V.headline(table)
only = view.filters.oblasts[0] if len(view.filters.oblasts) == 1 else ""

st.header(t("cov.title", lang))
st.subheader(h.text(lang, oblast_name(only) if only else ""))
st.caption(t("cov.rule", lang))
st_folium(mapbuild.base_map(lang), key=f"cov_map_{lang}", height=480, use_container_width=True,
          returned_objects=[], feature_group_to_add=CL.coverage_layers(table, lang, oblast_name))


def columns(frame, names: dict[str, str]):
    return frame[list(names)].rename(columns={k: t(v, lang) for k, v in names.items()})


tab_ob, tab_ra, tab_gap, tab_leads = st.tabs([t("cov.by_oblast", lang), t("cov.by_raion", lang),
                                              t("cov.without", lang), t("cov.leads", lang)])
share_cols = {"hromadas": "cov.col.hromadas", "with_partners": "cov.col.with_partners", "share": "cov.col.share",
              "partnerships": "cov.col.partnerships"}
with tab_ob:
    ob = V.by_oblast(table)
    ob["oblast"] = ob["oblast"].map(oblast_name)
    st.dataframe(columns(ob, {"oblast": "cov.col.oblast", **share_cols}), hide_index=True, key="cov_oblasts")
with tab_ra:
    ra = V.by_raion(table)
    ra["oblast"] = ra["oblast"].map(oblast_name)
    st.dataframe(columns(ra, {"oblast": "cov.col.oblast", "raion": "cov.col.raion", **share_cols}),
                 hide_index=True, key="cov_raions")
with tab_gap:
    gaps = V.without_partners(table)
    pick = st.selectbox(t("f.oblast", lang), ["", *collate(set(gaps["oblast"]), oblast_name)], key="cov_gap_oblast",
                        format_func=lambda o: oblast_name(o) if o else t("f.all", lang))
    if pick:
        gaps = gaps[gaps["oblast"] == pick]
    shown = gaps.assign(oblast=gaps["oblast"].map(oblast_name), hromada=gaps["name_uk" if lang == "uk" else "name_en"])
    st.dataframe(columns(shown, {"hromada": "cov.col.hromada", "oblast": "cov.col.oblast", "raion": "cov.col.raion",
                                 "centre": "cov.col.centre"}), hide_index=True, key="cov_gaps")
    rows = gaps[list(V.COVERAGE_COLUMNS)].astype(object).where(gaps[list(V.COVERAGE_COLUMNS)].notna(), "")
    records = rows.to_dict("records")
    c1, c2 = st.columns(2)
    c1.download_button(t("cov.download_csv", lang), rows_to_csv_bytes(records, V.COVERAGE_COLUMNS),
                       "hromadas_without_partners.csv", "text/csv", key="cov_dl_csv")
    c2.download_button(t("cov.download_xlsx", lang), rows_to_xlsx_bytes(records, V.COVERAGE_COLUMNS, sheet="coverage"),
                       "hromadas_without_partners.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="cov_dl_xlsx")
with tab_leads:
    st.caption(t("cov.leads_note", lang))
    names = dict(zip(table["katottg"], table["name_uk" if lang == "uk" else "name_en"], strict=True))
    order = V.without_partners(table)["katottg"].tolist() + table.loc[table["covered"], "katottg"].tolist()
    target = st.selectbox(t("cov.leads_pick", lang), order, key="cov_lead_hromada",
                          format_func=lambda k: f"{names[k]} ({oblast_name(table.set_index('katottg').at[k, 'oblast'])})")
    if target:
        municipal, regional = V.leads(ties, register, target)
        if not municipal and not regional:
            st.info(t("cov.leads_none", lang))
        cn = common.country_namer(lang)
        for key, found in (("cov_leads", municipal), ("cov_lead_regions", regional)):
            if found:
                if key == "cov_lead_regions":
                    st.markdown(f"**{t('cov.leads_regions', lang)}**")
                st.dataframe([{"partner": ld.partner_name, "country": cn(ld.partner_country), "reason": ld.reason(lang),
                               "rows": ", ".join(e.row_id for e in ld.evidence)} for ld in found],
                             hide_index=True, key=key)
