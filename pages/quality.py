"""Data quality: places to check (an admin can pin the right one), rows without date or source, suspected
duplicates, counts. Thin: pobratymy.quality does the work; overrides go to places_overrides.csv."""

from pathlib import Path

import streamlit as st

from pages import common
from pages import timeline_ui as tl_ui
from pobratymy import i18n, provenance, store
from pobratymy import quality as Q
from pobratymy.config import Settings
from pobratymy.errors import DataFileError, GazetteerError, ReadOnlyError
from pobratymy.i18n import t
from pobratymy.io import load_partnerships, read_csv_str
from pobratymy.schema import C

common.ensure_frame()  # a fresh server's first request may run this page alone

settings = Settings.from_env()
lang = common.lang()
common.keep_url(tl_ui.url_extra())
data = Path(settings.data_path)
places_path, overrides_path = common.places_paths(data, settings)


@st.cache_resource(show_spinner=False)
def _finder(fuzzy: bool) -> Q.GazetteerFinder:
    from geo.geocoder import OfflineGeocoder

    return Q.GazetteerFinder(OfflineGeocoder.default(), fuzzy=fuzzy)


@st.cache_data(show_spinner=False, max_entries=64)
def _more_candidates(issue: Q.PlaceIssue) -> Q.PlaceIssue:
    """Fuzzy candidates for one place (the overview leaves them out: they cost ~0.1 s a country)."""
    try:
        return Q.with_candidates(issue, _finder(True))
    except GazetteerError:
        return issue


@st.cache_data(show_spinner=False, max_entries=4)
def _report(data: str, places: str, overrides: str, stamp: tuple) -> dict:
    """Everything the page shows; ``stamp`` (the files' mtimes) makes a changed file a new entry."""
    loaded = load_partnerships(data)
    try:
        finder, note = _finder(False), ""
    except GazetteerError as exc:
        finder, note = None, str(exc)
    issues = Q.place_issues(loaded.frame, Q.load_all_places(places, overrides), finder)
    dups = Q.suspected_duplicates(loaded.frame)
    raw = read_csv_str(data)
    return {"counts": Q.counts(loaded.frame, loaded.problems, issues, dups), "issues": issues, "dups": dups,
            "no_date": Q.missing(raw, C.DATE), "no_source": Q.missing(raw, C.SOURCE_URL),
            "raw_ids": list(raw[C.ID]) if C.ID in raw.columns else [],
            "raw_notes": list(raw[C.NOTES]) if C.NOTES in raw.columns and C.ID in raw.columns else
            ([""] * len(raw) if C.ID in raw.columns else []),
            "invalid": Q.invalid_rows(loaded.problems), "note": note}


def listing(header: str, rows: list, columns, key: str) -> None:
    st.subheader(f"{header} ({len(rows)})")
    if not rows:
        st.caption(t("quality.none", lang))
        return
    cn = common.country_namer(lang)
    shown = [{**r, **({C.KIND: i18n.kind_label(r[C.KIND], lang)} if r.get(C.KIND) else {}),
              **({C.STATUS: i18n.status_label(r[C.STATUS], lang)} if r.get(C.STATUS) else {}),
              **({C.PARTNER_COUNTRY: cn(r[C.PARTNER_COUNTRY])} if r.get(C.PARTNER_COUNTRY) else {}),
              **({"country": cn(r["country"])} if r.get("country") else {})} for r in rows]
    st.dataframe(shown, hide_index=True, column_order=list(columns), key=f"q_{key}",
                 column_config={c: st.column_config.Column(i18n.column_label(c, lang)) for c in columns})
    st.download_button(t("quality.download", lang), Q.csv_bytes(rows, columns), f"{key}.csv", "text/csv",
                       key=f"dl_{key}")


def save(issue: Q.PlaceIssue, cand: Q.Candidate) -> None:
    place = Q.override_for(issue, cand)
    try:
        Q.save_override(overrides_path, place, writable=True, who="app", change_log=store.Store(data).change_log)
    except ReadOnlyError:
        st.error(t("quality.readonly", lang))
        return
    st.session_state["quality_saved"] = t("quality.saved_override", lang, place=issue.name, lat=place.lat,
                                          lon=place.lon)
    st.rerun()


def fix(issue: Q.PlaceIssue) -> None:
    """Candidates of one place; with the admin password, buttons that pin the chosen one (or typed
    coordinates) in the overrides file."""
    issue = _more_candidates(issue)
    n = None
    if issue.candidates:
        n = st.radio(t("quality.pick_candidate", lang), range(len(issue.candidates)), key=f"q_cand_{issue.key}",
                     format_func=lambda i: issue.candidates[i].label(),
                     help=t("quality.override_help", lang, path=str(overrides_path)))
    else:
        st.info(t("quality.no_candidates", lang, path=str(overrides_path)))
    expected = store.admin_password(st.secrets if hasattr(st, "secrets") else None)
    if not expected:
        st.caption(t("admin.no_password", lang))
        return
    given = st.text_input(t("admin.password", lang), type="password", key="admin_password")
    if not store.check_password(given, expected):
        st.caption(t("quality.readonly", lang))
        return
    if n is not None and st.button(t("quality.save_override", lang), key="quality_override"):
        save(issue, issue.candidates[n])
    with st.expander(t("quality.manual", lang), expanded=n is None):
        a, b = st.columns(2)
        lat = a.number_input(t("quality.lat", lang), -90.0, 90.0, value=None, format="%.5f", key=f"q_lat_{issue.key}")
        lon = b.number_input(t("quality.lon", lang), -180.0, 180.0, value=None, format="%.5f",
                             key=f"q_lon_{issue.key}")
        if st.button(t("quality.save_manual", lang), key="quality_override_manual", disabled=lat is None or lon is None):
            save(issue, Q.Candidate(issue.name, issue.country, issue.region, lat, lon, source="manual"))


st.title(t("quality.title", lang))
st.caption(t("quality.intro", lang))
if msg := st.session_state.pop("quality_saved", None):
    st.success(msg)
if not data.exists():
    st.error(t("data.missing", lang, path=str(data)))
    st.stop()
try:
    with st.spinner(t("quality.computing", lang)):
        rep = _report(str(data), str(places_path), str(overrides_path),
                      tuple(p.stat().st_mtime if p.exists() else 0.0 for p in (data, places_path, overrides_path)))
except DataFileError as exc:
    st.error(t("data.unusable", lang, reason=exc.reason))
    st.stop()
c: Q.Counts = rep["counts"]
m = st.columns(6)
m[0].metric(t("quality.rows", lang), c.rows, help=f"{t('quality.invalid', lang)}: {c.invalid_rows}")
m[1].metric(t("quality.with_date", lang), i18n.format_percent(c.with_date_pct, lang), help=str(c.with_date))
m[2].metric(t("quality.day_precision", lang), i18n.format_percent(c.day_precision_pct, lang),
            help=str(c.day_precision))
m[3].metric(t("quality.terminated", lang), c.terminated)
m[4].metric(t("quality.sources_per_row", lang), i18n.format_number(float(c.sources_per_row), lang))
m[5].metric(t("quality.unresolved", lang), c.unresolved_places, help=t("quality.of_places", lang, n=c.places))
if rep["note"]:
    st.warning(t("quality.no_gazetteer", lang, reason=rep["note"]))

issues: list[Q.PlaceIssue] = rep["issues"]
cn = common.country_namer(lang)
st.subheader(f"{t('quality.places_header', lang)} ({len(issues)})")
if not issues:
    st.caption(t("quality.places_none", lang))
else:
    st.dataframe([{t("quality.col.problem", lang): t(f"quality.problem.{i.problem}", lang),
                   t("quality.col.place", lang): i.name, t("quality.col.country", lang): cn(i.country),
                   t("quality.col.region", lang): (common.oblast_namer(lang)(i.region) if i.country == "UA" else i.region),
                   t("quality.col.rows", lang): len(i.ids),
                   t("quality.col.current", lang): i.current.matched_name if i.current and i.current.latlon else "—",
                   t("quality.col.confidence", lang): ("—" if i.confidence is None
                                                       else i18n.format_number(float(i.confidence), lang)),
                   t("quality.col.candidates", lang): len(i.candidates)} for i in issues],
                 hide_index=True, key="q_places")
    st.download_button(t("quality.download", lang), Q.csv_bytes([i.as_row() for i in issues], Q.PLACE_ISSUE_COLUMNS),
                       "places-to-check.csv", "text/csv", key="dl_places")

    st.subheader(t("quality.fix_header", lang))
    by_key = {i.key: i for i in issues}
    key = st.selectbox(t("quality.pick_place", lang), list(by_key), key="q_issue",
                       format_func=lambda k: f"{by_key[k].name} ({by_key[k].country}"
                                             f"{', ' + by_key[k].region if by_key[k].region else ''}) — "
                                             f"{t(f'quality.problem.{by_key[k].problem}', lang)}")
    fix(by_key[key])

listing(t("quality.no_date_header", lang), rep["no_date"], Q.ROW_COLUMNS, "no-date")
# a row without a link may cite its council's own register: say so ("no public link")
_notes = dict(zip(rep["raw_ids"], rep["raw_notes"], strict=True))
listing(t("quality.no_source_header", lang),
        [{**r, "register": provenance.describe(_notes.get(r[C.ID], ""), lang) or "—"} for r in rep["no_source"]],
        (*Q.ROW_COLUMNS, "register"), "no-source")
listing(t("quality.invalid_header", lang), rep["invalid"], Q.PROBLEM_COLUMNS, "invalid-rows")
listing(t("quality.dup_header", lang),
        [{**d.as_row(), "reason": t(f"quality.dup.{d.reason}", lang)} for d in rep["dups"]],
        Q.DUPLICATE_COLUMNS, "duplicates")
