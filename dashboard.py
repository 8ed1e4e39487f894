"""Pobratymy dashboard: the frame (page config, navigation, shared chrome). Pages live in pages/."""

from pathlib import Path

import streamlit as st

from pages import common
from pobratymy import i18n
from pobratymy.render.assets import ensure_static

ROOT = Path(__file__).resolve().parent
#: optional pages, registered when their file exists (title key in pobratymy.i18n: nav.<name>)
OPTIONAL_PAGES = ("timeline", "import", "quality", "coverage")

PRESENTING = st.query_params.get("present") == "1"  # presentation mode: sidebar collapsed, no title
st.set_page_config(page_title="Побратими · Pobratymy", page_icon="🤝", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENTING else "auto")


@st.cache_resource(show_spinner=False)
def _static_ready() -> list[str]:
    return ensure_static(ROOT / "static")


_static_ready()
# The language lives in "_lang" (not a widget key: Streamlit may drop a widget's state, e.g. when its id
# changes on a fresh server's first run); the selectbox is bound to it on every run.
if "_lang" not in st.session_state:
    st.session_state["_lang"] = i18n.lang_or_default(st.query_params.get("lang"))
st.session_state["lang"] = st.session_state["_lang"]
lang = st.sidebar.selectbox("Мова · Language", i18n.LANGS, key="lang",
                            format_func=lambda code: {"uk": "Українська", "en": "English"}[code],
                            on_change=lambda: st.session_state.update(_lang=st.session_state["lang"]))
if lang != i18n.DEFAULT_LANG:
    st.query_params["lang"] = lang
elif "lang" in st.query_params:
    del st.query_params["lang"]

pages = [st.Page(str(ROOT / "pages" / "map.py"), title=i18n.t("nav.map", lang), icon=":material/map:", default=True)]
for name in OPTIONAL_PAGES:
    path = ROOT / "pages" / f"{name}.py"
    if path.exists():
        pages.append(st.Page(str(path), title=i18n.t(f"nav.{name}", lang), url_path=name))
nav = st.navigation(pages)
if not PRESENTING:
    st.title(i18n.t("app.title", lang))
common.FRAME.active = True  # pages check it (common.ensure_frame)
try:
    nav.run()
finally:
    common.FRAME.active = False
