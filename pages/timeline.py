"""The signing timeline: signings per period with milestones and honest partial dates; drag a period to
filter the map; the growth replay ("as of" with Play/Pause) on a map that stays mounted."""

import streamlit as st

from pages import common
from pages import timeline_ui as ui
from pobratymy import filters as F
from pobratymy.config import Settings
from pobratymy.i18n import t

common.ensure_frame()  # a fresh server's first request may run this page alone

settings = Settings.from_env()
lang = common.lang()
loaded = common.load_data(settings)
if loaded is None:
    st.stop()
df, problems, _ = loaded
view = common.sidebar(df, lang)
sel = F.apply(df, view.filters, common.place_ids(view.filters.query))

st.header(t("tl.header", lang))
ui.panel(sel, lang, key="tlp", slider=True)
ui.period_note(lang)
common.write_url(view, ui.url_extra())

st.subheader(t("rp.header", lang))
ui.replay(sel, lang)
