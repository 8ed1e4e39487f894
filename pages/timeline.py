"""The signing timeline: signings per period with milestones and honest partial dates; drag a period to
filter the map; the growth replay ("as of" with Play/Pause) on a map that stays mounted."""

import streamlit as st

from pages import common
from pages import timeline_ui as ui
from pobratymy.config import Settings
from pobratymy.i18n import t

common.ensure_frame()  # a fresh server's first request may run this page alone

settings = Settings.from_env()
lang = common.lang()
df, problems, _ = common.loaded_or_stop(settings)
view, sel = common.selection(df, lang)

st.header(t("tl.header", lang))
ui.panel(sel, lang, key="tlp", slider=True)
ui.period_note(lang)
common.write_url(view, ui.url_extra())

st.subheader(t("rp.header", lang))
ui.replay(sel, lang)
