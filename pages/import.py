"""Import a council's spreadsheet: upload, map columns, see every row's verdict, download the rejected
rows, and (admin only) save the accepted ones. Logic lives in pobratymy.importer / store / import_preview."""

import os

import streamlit as st
from streamlit_folium import st_folium

from pages import common
from pobratymy import exporting, headers, importer, store
from pobratymy.config import Settings
from pobratymy.errors import ConflictError, DataFileError, ReadOnlyError
from pobratymy.i18n import t
from pobratymy.io import load_partnerships
from pobratymy.render import import_preview, mapbuild

common.ensure_frame()  # a fresh server's first request may run this page alone
lang = common.lang()
settings = Settings.from_env()


@st.cache_resource
def _resolver():
    from pobratymy.commands.import_ import default_resolver

    return default_resolver(settings)


def _online_resolver():
    """Offline first, then places.csv, then Nominatim; one per session, so a rerun asks nobody again."""
    r = st.session_state.get("import_online_resolver")
    if r is None:
        from pobratymy.commands.import_ import make_online
        from pobratymy.resolvers import OnlineFallbackResolver, load_cache

        r = OnlineFallbackResolver(_resolver(), make_online(),
                                   load_cache(*common.places_paths(settings.data_path, settings)))
        st.session_state["import_online_resolver"] = r
    return r


st.title(t("import.title", lang))
st.markdown(import_preview.uploader_css(lang), unsafe_allow_html=True)  # Streamlit's own uploader words
upload = st.file_uploader(t("import.upload", lang), type=["csv", "txt", "xlsx"], key="import_file")
default_source = st.text_input(t("import.source_any", lang), key="import_source")
who = st.text_input(t("import.who", lang), key="import_who")
require_link = st.checkbox(t("import.require_link", lang), value=False, key="import_require_link")
use_online = settings.online_geocoder and st.checkbox(t("import.online", lang), value=False, key="import_online",
                                                      help=t("import.online_help", lang))
if upload is None:
    st.stop()

data = upload.getvalue()
loaded = load_partnerships(settings.data_path) if settings.data_path.exists() else None
existing = loaded.frame if loaded else None
file_id = f"{upload.name}:{len(data)}"
saved_mapping = st.session_state.get("import_mapping") or ("", None)
manual = saved_mapping[1] if saved_mapping[0] == file_id else None  # a mapping belongs to its file
choices = st.session_state.setdefault("import_choices", {}).setdefault(file_id, {})
for _key in [k for k in st.session_state if str(k).startswith("amb_")]:  # a choice made on the last run
    if st.session_state[_key]:
        choices[int(str(_key)[4:])] = st.session_state[_key]


@st.cache_resource
def _places(path: str, mtime: float):
    """The dataset's places cache (GeoNames ids of its rows, for the duplicate check)."""
    from pobratymy.places import load_places

    try:
        return load_places(*common.places_paths(settings.data_path, settings))
    except (OSError, ValueError, KeyError):
        return {}


def _mtime(p) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


places_csv = common.places_paths(settings.data_path, settings)[0]
source_text = " ".join(default_source.split())
if source_text and (importer.is_markup(source_text) or importer.looks_like_formula(source_text)
                    or source_text.lower().startswith(("javascript:", "data:", "vbscript:", "file:"))):
    st.warning(t("import.source_bad", lang))
    source_text = ""
options = importer.Options(source=source_text, require_link=require_link,
                           who=" ".join(who.split()), choices=dict(choices),
                           places=_places(str(places_csv), _mtime(places_csv)))
try:
    resolver = _online_resolver() if use_online else _resolver()
    result = importer.import_bytes(data, upload.name, resolver, existing, mapping=manual, options=options)
except DataFileError as exc:
    st.error(t("import.refused", lang) + f": {exc.reason}")
    st.stop()

_needed = ({headers.UA_PLACE, "ua_name_uk", "ua_name_en"}, {"partner_name"})
_mapped = set(result.mapping.fields.values())
with st.expander(t("import.mapping", lang), expanded=not all(_mapped & need for need in _needed)):
    options = ["", *headers.FIELDS]
    chosen = {}
    for i, h in enumerate(result.header):
        if h:
            current = result.mapping.fields.get(i, "")
            chosen[h] = st.selectbox(h, options, index=options.index(current), key=f"map_{i}",
                                     format_func=lambda f: t(f"import.field.{f or 'none'}", lang))
    if st.button(t("import.apply_mapping", lang), key="apply_mapping"):
        st.session_state["import_mapping"] = (file_id, chosen)
        st.rerun()
    if result.unknown_columns:
        st.caption(t("import.ignored", lang) + ": " + ", ".join(result.unknown_columns))

c = result.counts()
st.info(t("import.counts", lang, a=c["accepted"], r=c["rejected"], d=c["duplicate"], b=len(result.skipped_blank)))
if use_online:
    g = resolver.stats()
    st.caption(t("import.online_stats", lang, ok=g["successes"], nf=g["not_found"], fail=g["failures"],
                 cached=g["cached"]))
    if g["failures"]:
        st.warning(t("import.online_failed", lang, n=g["failures"]))
ambiguous = import_preview.ambiguous_rows(result)
chosen_labels = st.session_state.setdefault("import_choice_labels", {})
if ambiguous:  # a name several oblasts share: the clerk chooses, nothing is picked for her
    st.subheader(t("import.ambiguous", lang))
    for r in ambiguous:
        codes = ["", *[c["katottg"] for c in r.candidates]]
        labels = {c["katottg"]: import_preview.candidate_label(c, lang) for c in r.candidates}

        def _choose(row=r.row, key=f"amb_{r.row}", labels=labels):
            code = st.session_state.get(key)
            if code:
                st.session_state["import_choices"][file_id][row] = code
                st.session_state["import_choice_labels"][(file_id, row)] = labels.get(code, code)

        st.selectbox(t("import.ambiguous_row", lang, row=r.row, place=import_preview.written_place(result, r)),
                     codes, key=f"amb_{r.row}", on_change=_choose,
                     format_func=lambda c, labels=labels: labels.get(c) or t("import.choose", lang))
for row in sorted(choices):
    st.caption(t("import.choice_done", lang, row=row, choice=chosen_labels.get((file_id, row), choices[row])))

st.subheader(t("import.rows", lang))
st.dataframe(import_preview.verdict_table(result, lang), hide_index=True, key="import_rows")

if result.accepted:
    st.subheader(t("import.map", lang))
    groups, _drawn = import_preview.preview_layers(result, lang, common.country_namer(lang))
    st_folium(mapbuild.base_map(lang), height=420, returned_objects=[], key=f"import_map_{lang}",
              feature_group_to_add=groups)

bad, columns = import_preview.rejected_table(result, lang)
if bad:
    st.subheader(t("import.rejected", lang))
    st.dataframe(bad, hide_index=True, key="import_rejected")
    stem = os.path.splitext(upload.name)[0]
    st.download_button(t("import.dl_csv", lang), exporting.rows_to_csv_bytes(bad, columns), f"{stem}-rejected.csv",
                       "text/csv", key="dl_csv")
    st.download_button(t("import.dl_xlsx", lang), exporting.rows_to_xlsx_bytes(bad, columns), f"{stem}-rejected.xlsx",
                       key="dl_xlsx")

expected_password = store.admin_password(st.secrets if hasattr(st, "secrets") else None)
if not expected_password:
    st.caption(t("admin.no_password", lang))
    st.stop()
given = st.text_input(t("admin.password", lang), type="password", key="admin_password")
st_store = store.Store.unlocked(settings.data_path, given, expected_password, who="app")
if not st_store.writable:
    st.caption(t("import.readonly", lang))
    st.stop()
if result.accepted and st.button(t("import.save", lang, n=len(result.accepted)), key="import_save"):
    try:
        saved = st_store.append(result.accepted_records(), loaded.fingerprint if loaded else "",
                                what=f"import {upload.name}")
        st.success(t("import.saved", lang, n=saved.rows_added))
        from pobratymy.resolvers import new_places_target, places_of, remember_places

        learned = list(resolver.learned.values()) if use_online else []
        cache = common.places_paths(settings.data_path, settings)[0]
        if new_places_target(settings.data_path) == cache:
            learned = [*places_of(result), *learned]  # online answers (richer) win
        try:
            remember_places(cache, learned)
        except OSError as exc:
            st.warning(t("import.online_not_cached", lang, path=cache.name, reason=exc.strerror or exc))
    except ConflictError:
        st.error(t("import.conflict", lang))
    except ReadOnlyError:
        st.error(t("import.readonly", lang))
