"""Import a council's spreadsheet: upload, map columns, see every row's verdict, download the rejected
rows, and (admin only) save the accepted ones. Logic lives in pobratymy.importer / store / import_preview."""

import os

import streamlit as st
from streamlit_folium import st_folium

from pobratymy import exporting, headers, import_preview, importer, store
from pobratymy.config import Settings
from pobratymy.errors import ConflictError, DataFileError, ReadOnlyError
from pobratymy.io import load_partnerships

# UI strings of this page (to move into pobratymy/i18n.py as import.* keys)
S = {
    "uk": {
        "title": "Імпорт таблиці громади", "upload": "Файл CSV або XLSX (до 10 МБ, до 50 000 рядків)",
        "source": "Сторінка, де опубліковано весь перелік (для рядків без посилання)",
        "mapping": "Відповідність стовпців", "ignored": "Пропущені стовпці", "refused": "Файл не прийнято",
        "counts": "Прийнято: {a} · відхилено: {r} · дублікати: {d} · порожніх рядків: {b}",
        "rows": "Усі рядки", "map": "Попередній перегляд прийнятих рядків", "rejected": "Рядки, які треба виправити",
        "dl_csv": "Завантажити відхилені (CSV)", "dl_xlsx": "Завантажити відхилені (XLSX)",
        "password": "Пароль адміністратора", "save": "Зберегти прийняті рядки ({n})",
        "readonly": "Лише перегляд: збереження потребує пароля адміністратора.", "saved": "Збережено {n} рядків.",
        "conflict": "Файл даних змінився після завантаження. Оновіть сторінку й повторіть.",
        "no_password": "Пароль адміністратора не налаштовано: застосунок працює лише для читання.",
    },
    "en": {
        "title": "Import a council's spreadsheet", "upload": "CSV or XLSX file (up to 10 MB, 50,000 rows)",
        "source": "Page where the whole list is published (for rows without a link)",
        "mapping": "Column mapping", "ignored": "Ignored columns", "refused": "File refused",
        "counts": "Accepted: {a} · rejected: {r} · duplicates: {d} · blank rows: {b}",
        "rows": "All rows", "map": "Preview of accepted rows", "rejected": "Rows to fix",
        "dl_csv": "Download rejected rows (CSV)", "dl_xlsx": "Download rejected rows (XLSX)",
        "password": "Admin password", "save": "Save the accepted rows ({n})",
        "readonly": "Read-only: saving needs the admin password.", "saved": "Saved {n} rows.",
        "conflict": "The data file changed since it was loaded. Reload the page and try again.",
        "no_password": "No admin password is configured: the app is read-only.",
    },
}
lang = st.session_state.get("lang", "uk")
s = S.get(lang, S["uk"])
settings = Settings.from_env()


@st.cache_resource
def _resolver():
    from pobratymy.commands.import_ import default_resolver

    return default_resolver(settings)


st.title(s["title"])
upload = st.file_uploader(s["upload"], type=["csv", "txt", "xlsx"], key="import_file")
default_source = st.text_input(s["source"], key="import_source")
if upload is None:
    st.stop()

data = upload.getvalue()
loaded = load_partnerships(settings.data_path) if settings.data_path.exists() else None
existing = loaded.frame if loaded else None
manual = st.session_state.get("import_mapping") or None
try:
    result = importer.import_bytes(data, upload.name, _resolver(), existing, mapping=manual,
                                   default_source=default_source if default_source.startswith("http") else "")
except DataFileError as exc:
    st.error(f"{s['refused']}: {exc.reason}")
    st.stop()

with st.expander(s["mapping"], expanded=bool(result.unknown_columns)):
    options = ["", *headers.FIELDS]
    chosen = {}
    for i, h in enumerate(result.header):
        if h:
            current = result.mapping.fields.get(i, "")
            chosen[h] = st.selectbox(h, options, index=options.index(current), key=f"map_{i}")
    if st.button("OK", key="apply_mapping"):
        st.session_state["import_mapping"] = chosen
        st.rerun()
    if result.unknown_columns:
        st.caption(f"{s['ignored']}: {', '.join(result.unknown_columns)}")

c = result.counts()
st.info(s["counts"].format(a=c["accepted"], r=c["rejected"], d=c["duplicate"], b=len(result.skipped_blank)))
st.subheader(s["rows"])
st.dataframe(import_preview.verdict_table(result), hide_index=True, key="import_rows")

if result.accepted:
    st.subheader(s["map"])
    st_folium(import_preview.preview_map(result), height=420, returned_objects=[], key="import_map")

bad, columns = exporting.rejected_rows(result)
if bad:
    st.subheader(s["rejected"])
    st.dataframe(bad, hide_index=True, key="import_rejected")
    stem = os.path.splitext(upload.name)[0]
    st.download_button(s["dl_csv"], exporting.rows_to_csv_bytes(bad, columns), f"{stem}-rejected.csv",
                       "text/csv", key="dl_csv")
    st.download_button(s["dl_xlsx"], exporting.rows_to_xlsx_bytes(bad, columns), f"{stem}-rejected.xlsx",
                       key="dl_xlsx")

expected_password = store.admin_password(st.secrets if hasattr(st, "secrets") else None)
if not expected_password:
    st.caption(s["no_password"])
    st.stop()
given = st.text_input(s["password"], type="password", key="admin_password")
st_store = store.Store.unlocked(settings.data_path, given, expected_password, who="app")
if not st_store.writable:
    st.caption(s["readonly"])
    st.stop()
if result.accepted and st.button(s["save"].format(n=len(result.accepted)), key="import_save"):
    try:
        saved = st_store.append(result.accepted_records(), loaded.fingerprint if loaded else "",
                                what=f"import {upload.name}")
        st.success(s["saved"].format(n=saved.rows_added))
    except ConflictError:
        st.error(s["conflict"])
    except ReadOnlyError:
        st.error(s["readonly"])
