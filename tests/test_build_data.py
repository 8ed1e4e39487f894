"""build-data: unit tables on a tiny fixture (fake gazetteer) and the data contract of the real
data/partnerships.csv (counts, sources, dates, the founding articles' partnerships)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pobratymy.build import build, clean_source_url, report_markdown, slug
from pobratymy.config import DEFAULT_DATA, GEO_DATA_DIR, SOURCES_DIR
from pobratymy.io import read_csv_str, to_csv_bytes
from pobratymy.schema import ID_RE, C, is_http_url, split_sources, validate_records

FIXTURE = Path(__file__).parent / "fixtures" / "build_sources"

UA_PLACES = {
    ("Арцизька громада", "UA-51"): {"name_en": "Artsyz", "name_uk": "Арциз", "region": "UA-51", "feature": "city"},
    ("Sumy", None): {"name_en": "Sumy", "name_uk": "Суми", "region": "UA-59", "feature": "city",
                     "lat": 50.9077, "lon": 34.7981},
    ("Faraway", None): {"name_en": "Faraway", "name_uk": "", "region": "UA-26", "feature": "city",
                        "lat": 48.9, "lon": 24.7},
}
PARTNERS = {("Köln", "DE"): ("geonames", 2886242), ("Cologne", "DE"): ("geonames", 2886242),
            ("Talsi", "LV"): ("geonames", 454970)}


def fake_ua(name, oblast):
    return UA_PLACES.get((name, oblast))


def fake_partner(name, cc, featuretype):
    return PARTNERS.get((name, cc))


@pytest.fixture(scope="module")
def result():
    return build(FIXTURE, GEO_DATA_DIR, resolve_ua=fake_ua, resolve_partner=fake_partner)


def _row(result, ua, partner):
    rows = [r for r in result.rows if r[C.UA_NAME_EN] == ua and r[C.PARTNER_NAME] == partner]
    assert len(rows) == 1, [(r[C.UA_NAME_EN], r[C.PARTNER_NAME]) for r in result.rows]
    return rows[0]


def test_fixture_rows_are_valid_with_unique_ids(result):
    assert validate_records(result.rows) == []
    ids = [r[C.ID] for r in result.rows]
    assert len(ids) == len(set(ids))
    assert all(ID_RE.match(i) for i in ids)


@pytest.mark.parametrize(
    ("ua", "partner", "expected"),
    [
        # spelling variants on both sides merge (Kiew/Kyiv via Cyrillic, Köln/Cologne via the gazetteer key)
        ("Kyiv", "Köln", {C.DATE: "2022-10-27", C.DATE_EVENT: "signed", C.UA_OBLAST: "UA-30",
                          C.SOURCE_URL: "https://b.example.org/kiew-cologne",
                          C.OTHER_SOURCES: "https://a.example.org/kyiv-koeln", C.FACILITATOR: "SKEW"}),
        # renamed city: old name AND oblast -> current official name
        ("Kamianske", "Wuppertal", {C.UA_NAME_UK: "Кам'янське", C.UA_OBLAST: "UA-12"}),
        ("Bakhmut", "Mysterytown", {C.UA_OBLAST: "UA-14", C.DATE: "2023-03", C.STATUS: "announced"}),
        # the same old name in another oblast is another place (not Bakhmut)
        ("Kypuche", "Othertown", {C.UA_OBLAST: "UA-09", C.UA_LEVEL: "village"}),
        # Russian spelling -> KMU 2010; approval and signing are two events, not a conflict
        ("Kryvyi Rih", "Duisburg", {C.DATE: "2023-02-21", C.DATE_EVENT: "signed", C.STATUS: "signed",
                                    C.KIND: "solidarity_partnership", C.NOTES: "approved 2023-02-09"}),
        # alias file: Talsu novads = Talsi
        ("Chortkiv", "Talsi", {C.DATE: "2022-08", C.DATE_EVENT: "established",
                               C.OTHER_SOURCES: "https://h.example.org/talsu"}),
        # a termination recorded by one source wins over old lists and Wikidata; signing date stays
        ("Sumy", "Kursk", {C.STATUS: "terminated", C.DATE: "1995", C.DATE_EVENT: "established",
                           C.ENDED: "2016-03"}),
        # Wikidata alone: never "signed" - listed, no date, said so
        ("Sumy", "Lublin", {C.KIND: "twinning", C.STATUS: "listed", C.DATE: "", C.LISTED_BY: "Wikidata",
                            C.SOURCE_URL: "https://www.wikidata.org/wiki/Q1",
                            C.NOTES: "listed by Wikidata; no document seen"}),
        # hromada named by its adjective: the gazetteer gives the place
        ("Artsyz", "Ceadîr-Lunga", {C.UA_NAME_UK: "Арциз", C.UA_LEVEL: "hromada"}),
        # oblast-level tie keeps the oblast as the Ukrainian side
        ("Khmelnytskyi Oblast", "Mississippi", {C.UA_LEVEL: "oblast", C.UA_OBLAST: "UA-68",
                                                C.PARTNER_LEVEL: "state", C.DATE: "2022-05"}),
        # a bad URL row is left out but the good row of the same pair stays
        ("Bucha", "Bergamo", {C.SOURCE_URL: "https://p.example.org/bergamo", C.OTHER_SOURCES: ""}),
        # kind and status from one act: the most advanced act is the memorandum signed 2024-02, so the row
        # is "memorandum, signed" dated by it - not "solidarity partnership, signed" (that was only
        # approved and proposed); the ladder keeps every event; the proxy mirror of the memorandum page is
        # dropped
        ("Kherson", "Bonn", {C.KIND: "memorandum", C.STATUS: "signed", C.DATE: "2024-02",
                             C.DATE_EVENT: "signed", C.SOURCE_URL: "https://u.example.org/memo",
                             C.OTHER_SOURCES: "https://s.example.org/council | https://t.example.org/proposal",
                             C.EVENTS: "2023-02-09 solidarity partnership approved → 2024-02 memorandum signed"
                                       " → solidarity partnership announced (undated)"}),
        ("Kherson", "Bonn", {C.NOTES: "also called solidarity partnership"}),
        # the only copy is a mirror that embeds its original: un-mirrored (and the host's dot dropped)
        ("Poltava", "Filderstadt", {C.SOURCE_URL: "https://v.example.org/poltava", C.DATE: "1988"}),
        # two acts signed: the twinning (establishing kind) is the row's act and its own signing dates it;
        # the earlier agreement stays in the ladder
        ("Hnivan", "Cologno al Serio", {C.KIND: "twinning", C.DATE: "2023-09-13", C.STATUS: "signed",
                                        C.SOURCE_URL: "https://x.example.org/twinning",
                                        C.EVENTS: "2022-10 cooperation agreement signed → 2023-09-13 twinning signed"}),

    ],
)
def test_merge_table(result, ua, partner, expected):
    row = _row(result, ua, partner)
    for col, value in expected.items():
        if col == C.NOTES:
            assert value in row[col]
        else:
            assert row[col] == value, (col, row)


def test_conflicting_dates_stay_visible(result):
    row = _row(result, "Liubar", "Monticello")
    assert row[C.DATE] == "2022-05"
    assert "2022-06" in row[C.NOTES] and "https://l.example.org/m2" in row[C.NOTES]
    assert any("Monticello" in c for c in result.conflicts)


def test_ties_with_russia_without_termination_are_flagged(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    lines = (FIXTURE / "harvest_a.csv").read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [ln for ln in lines[1:] if "kursk-old" in ln]
    (src / "harvest_a.csv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    res = build(src, GEO_DATA_DIR, resolve_ua=fake_ua, resolve_partner=fake_partner)
    (row,) = res.rows
    # never live: "inactive" (no longer active; no source records its end), the old signing kept as an event
    assert row[C.STATUS] == "inactive" and row[C.ENDED] == ""
    assert "no source here records its end" in row[C.NOTES]
    assert row[C.EVENTS] == "1995 partnership established"


def test_a_termination_says_which_act_ended_the_tie(result):
    row = _row(result, "Sumy", "Kursk")
    assert "ended by council decision (https://j.example.org/kursk-cut)" in row[C.NOTES]
    assert row[C.EVENTS].startswith("1995 partnership established → 2016-03 terminated (council decision)")


@pytest.mark.parametrize(
    ("where", "reason_part"),
    [
        ("harvest_a.csv:15", "no oblast given"),
        ("harvest_a.csv:16", "no ISO country code"),
        ("harvest_a.csv:17", "not an http(s) URL"),
        ("wikidata_twins_ua.csv:2", "Moldova"),
        ("wikidata_twins_ua.csv:4", "Crimea"),
        ("wikidata_twins_ua.csv:6", "km from the Wikidata coordinates"),
    ],
)
def test_rows_that_cannot_be_placed_are_reported(result, where, reason_part):
    got = [str(p) for p in result.reported if f"{p.file}:{p.row}" == where]
    assert got and reason_part in got[0], (where, [str(p) for p in result.reported])
    assert where in report_markdown(result)


def test_every_raw_row_is_used_or_reported(result):
    used = sum(1 + len(split_sources(r[C.OTHER_SOURCES])) for r in result.rows)
    # rows of one pair from the same page count once; this fixture has one page per row, apart from a
    # proxy mirror of a page the same pair cites
    dropped = [u for u in result.urls_fixed if "dropped proxy mirror" in u]
    assert len(dropped) == 1 and "harvest_a.csv:24" in dropped[0]
    assert used + len(dropped) + len(result.reported) == sum(result.read.values())


def test_source_url_fixes_are_reported(result):
    report = report_markdown(result)
    assert "un-mirrored http://10.1.2.3/host-https-v.example.org./poltava -> https://v.example.org/poltava" in report
    assert "https://w.example.org./pact -> https://w.example.org/pact" in report
    assert not any("10.1.2.3" in r[C.SOURCE_URL] + r[C.OTHER_SOURCES] for r in result.rows)


@pytest.mark.parametrize(
    ("url", "expected", "mirror"),
    [
        ("http://209.141.35.7:8011/https/www.dw.com/uk/a-68388206", "https://www.dw.com/uk/a-68388206", True),
        ("http://206.189.44.186/host-http-uk.wikipedia.org/wiki/X", "http://uk.wikipedia.org/wiki/X", True),
        ("https://uk.wikipedia.org./wiki/X", "https://uk.wikipedia.org/wiki/X", False),
        ("https://kp.ua.", "https://kp.ua", False),
        ("https://kp.ua.:8080/a?b=c.", "https://kp.ua:8080/a?b=c.", False),
        # not a mirror that embeds a host: kept as it is
        ("http://10.0.0.1:8011/page/x.html", "http://10.0.0.1:8011/page/x.html", False),
        ("https://www.dw.com/https/x", "https://www.dw.com/https/x", False),
        ("https://example.org/a.b./c", "https://example.org/a.b./c", False),
    ],
)
def test_clean_source_url(url, expected, mirror):
    got, was = clean_source_url(url)
    assert got == expected
    assert was == (url if mirror else "")


def test_build_is_deterministic(result):
    again = build(FIXTURE, GEO_DATA_DIR, resolve_ua=fake_ua, resolve_partner=fake_partner)
    assert to_csv_bytes(again.rows) == to_csv_bytes(result.rows)
    assert report_markdown(again) == report_markdown(result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kamianets-Podilskyi", "kamianets-podilskyi"), ("Düsseldorf", "dusseldorf"), ("Łódź", "lodz"),
     ("Кривий Ріг", "kryvyi-rih"), ("Budapest I. kerülete, Budavár", "budapest-i-kerulete-budavar"),
     ("Xi'an", "xian"), ("Saint-Étienne", "saint-etienne")],
)
def test_slug(text, expected):
    assert slug(text) == expected


# ------------------------------------------------------------------ the data contract of the real file
@pytest.fixture(scope="module")
def data():
    return read_csv_str(DEFAULT_DATA)


def test_real_data_is_valid(data):
    assert validate_records(data.to_dict("records")) == []


def test_real_data_counts(data):
    assert len(data) >= 950
    assert data[C.ID].is_unique
    places = data[[C.UA_NAME_EN, C.UA_OBLAST, C.UA_LEVEL]].assign(
        obl=data[C.UA_LEVEL].eq("oblast")).drop_duplicates([C.UA_NAME_EN, C.UA_OBLAST, "obl"])
    assert len(places) >= 250
    assert data[C.PARTNER_COUNTRY].nunique() >= 55
    assert data[C.SOURCE_URL].map(is_http_url).all()
    # round 3 added ~560 list-only rows (Wikipedia, Wikidata: never dated); documented rows stay >= 45 % dated
    assert (data[C.DATE] != "").mean() >= 0.33
    assert (data.loc[data[C.STATUS] != "listed", C.DATE] != "").mean() >= 0.45


@pytest.mark.parametrize(("ua", "partner", "oblast"), [
    ("Pidhaitsi", "Strzegom", "UA-61"),  # a list row: the town in Ternopil Oblast, not the village in Volyn
    ("Pidhaitsi Raion", "Gmina Oława", "UA-61"),  # the list's "Oława (rural gmina)" merged into the act
    ("Novoselytsia", "Huedin", "UA-77"),  # the town in Chernivtsi Oblast, not a village in Khmelnytskyi
])
def test_real_data_list_rows_name_the_codifiers_one_city(data, ua, partner, oblast):
    rows = data[(data[C.UA_NAME_EN] == ua) & (data[C.PARTNER_NAME] == partner)]
    assert rows[C.UA_OBLAST].tolist() == [oblast]


def test_real_data_has_no_duplicate_pairs(data):
    key = data[C.UA_NAME_EN] + "|" + data[C.UA_OBLAST] + "|" + data[C.PARTNER_COUNTRY] + "|" + \
        data[C.PARTNER_NAME].str.casefold()
    assert key.is_unique


def test_real_data_oblast_level_and_ended(data):
    ended = data[data[C.ENDED] != ""]
    assert (ended[C.STATUS] == "terminated").all()
    assert len(data[data[C.STATUS] == "terminated"]) >= 40
    assert not data[C.UA_NAME_EN].isin(["Kiew", "Kiev", "Charkiw", "Krivoy Rog", "Dnipropetrovsk"]).any()


# The founding articles' partnerships: (ua, partner, country, date the article gives or "").
# Kryvyi Rih–Duisburg: the articles say "signed online 2023-02-21"; the raw sources only record the
# council approval of 2023-02-09 and an online signing *planned* for 21 Feb (kept in notes) - see report.
FOUNDING = [
    ("Kramatorsk", "Stamford", "US", "2023-04-06"),
    ("Lyman", "Westport", "US", "2022-12"),
    ("Sviatohirsk", "Easton", "US", "2023-03"),
    ("Kyiv", "Paris", "FR", ""),
    ("Kyiv", "Hamburg", "DE", ""),
    ("Kyiv", "Madrid", "ES", ""),
    ("Chernivtsi", "Düsseldorf", "DE", ""),
    ("Chernivtsi", "Mannheim", "DE", ""),
    ("Chernivtsi", "Metz", "FR", ""),
    ("Kharkiv", "Lublin", "PL", ""),
    ("Chernihiv", "Rzeszów", "PL", ""),
    ("Rivne", "Federal Way", "US", ""),
    ("Korosten", "Bourges", "FR", ""),
    ("Zhytomyr", "Gdynia", "PL", ""),
    ("Zhytomyr", "Pardubice", "CZ", ""),
    ("Uzhhorod", "Poprad", "SK", ""),
    ("Khmelnytskyi Oblast", "Mississippi", "US", "2022-05"),
    ("Bucha", "Bergamo", "IT", "2022-06"),
    ("Irpin", "Miami", "US", ""),
    ("Chortkiv", "Talsi", "LV", "2022-08"),
    ("Bucha", "Bergisch Gladbach", "DE", "2022-08"),
    # the signing itself is undated: the 2023-02-09 approval and the 21 Feb online signing (announced)
    # stay in the row's events, the row is not dated by another act
    ("Kryvyi Rih", "Duisburg", "DE", "2023-02-21 solidarity partnership announced"),
    # kind and status from one act: a memorandum signed 2024-02; the 2023-02-09 approval of the solidarity
    # partnership stays in the row's events
    ("Kherson", "Bonn", "DE", "2023-02-09 solidarity partnership approved"),
    ("Kamianske", "Wuppertal", "DE", ""),
]


@pytest.mark.parametrize(("ua", "partner", "cc", "date"), FOUNDING)
def test_founding_partnerships_present(data, ua, partner, cc, date):
    rows = data[(data[C.UA_NAME_EN] == ua) & (data[C.PARTNER_NAME] == partner)]
    assert len(rows) == 1, f"{ua} - {partner} missing"
    row = rows.iloc[0]
    assert row[C.PARTNER_COUNTRY] == cc
    if date:
        dated = {row[C.DATE], f"{row[C.DATE_EVENT]} {row[C.DATE]}"}
        assert date in dated or date in row[C.EVENTS] or (date == "21 Feb 2023" and date in row[C.NOTES]), (
            row[C.DATE], row[C.NOTES])


@pytest.mark.slow
def test_build_data_reproduces_the_file_byte_for_byte():
    from pobratymy.build import geocoder_resolvers

    ua, partner = geocoder_resolvers()
    res = build(SOURCES_DIR, GEO_DATA_DIR, resolve_ua=ua, resolve_partner=partner)
    assert to_csv_bytes(res.rows) == Path(DEFAULT_DATA).read_bytes()


def test_sources_are_the_documented_copies():
    readme = (SOURCES_DIR / "README.md").read_text(encoding="utf-8")
    import hashlib

    for path in sorted(SOURCES_DIR.glob("*")):
        if path.name in {"README.md", "partner_aliases.csv"}:
            continue
        assert hashlib.sha256(path.read_bytes()).hexdigest() in readme, path.name
    assert not (SOURCES_DIR / "wikidata_twins_ua_crimea_coded_RU.csv").exists()
    assert pd.read_csv(SOURCES_DIR / "partner_aliases.csv")["reason"].str.len().gt(10).all()


def test_real_data_invents_no_pair_or_date(data):
    """Every row traces to raw rows on its own source pages, with the same country, and every date
    (date, ended, dates in notes' event list) is a date one of those raw rows gives."""
    from collections import defaultdict

    from pobratymy.build import read_sources

    raws, _ = read_sources(SOURCES_DIR)
    by_url = defaultdict(list)
    for r in raws:
        by_url[clean_source_url(r.source_url)[0]].append(r)
    for rec in data.to_dict("records"):
        urls = [rec[C.SOURCE_URL], *split_sources(rec[C.OTHER_SOURCES])]
        mine = [r for u in urls for r in by_url[u] if r.partner_country == rec[C.PARTNER_COUNTRY]]
        assert mine, rec[C.ID]
        dates = {r.date for r in mine}
        for col in (C.DATE, C.ENDED):
            assert rec[col] == "" or rec[col] in dates, (rec[C.ID], col, rec[col], dates)


@pytest.mark.parametrize("url, evidence, date, expected", [
    ("https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_Ukraine", "names Siedlce", "",
     "English Wikipedia"),
    ("http://206.189.44.186/host-http-uk.wikipedia.org/wiki/X", "", "", "Ukrainian Wikipedia"),
    ("https://uk.m.wikipedia.org/wiki/X", "infobox lists Kozienice", "", "Ukrainian Wikipedia"),
    ("https://www.kremenchuk.ua/news", "Listed among Kremenchuk's 13 twin cities", "", "a partner list on kremenchuk.ua"),
    ("https://kyiv.example/guide", "Guide article lists it among Kyiv's partner cities", "",
     "a partner list on kyiv.example"),
    ("https://x.example/a", "Listed among pairs agreeing first cooperation steps at a forum", "2023-02", ""),
    ("https://x.example/a", "Agreement signed on 3 May", "", ""),
    ("https://uk.wikipedia-on-ipfs.org/wiki/X", "infobox lists Mezdra", "", "Ukrainian Wikipedia"),
    ("https://wiki.aud.io.vn/vi/X", "Wikipedia mirror list of twin towns in Poland", "2011",
     "Wikipedia (a copy on wiki.aud.io.vn)"),
])
def test_list_sources_are_told_from_documents(url, evidence, date, expected):
    from pobratymy.build import harvest_list_name

    assert harvest_list_name(url, evidence, date) == expected


def test_real_data_list_only_ties_are_listed(data):
    """A tie whose only sources are lists (Wikipedia pages, a list in an article) is never 'signed'."""

    for r in data.to_dict("records"):
        urls = [r[C.SOURCE_URL], *split_sources(r[C.OTHER_SOURCES])]
        if all("wikipedia.org" in u or "wikidata.org" in u for u in urls):
            assert r[C.STATUS] in {"listed", "inactive", "terminated"}, r[C.ID]
            assert r[C.LISTED_BY], r[C.ID]


def test_real_data_one_ukrainian_place_per_register_code(data):
    """Two spellings or an old and a new name of one KATOTTG unit are one place (Velyki Heivtsi, Zviahel Raion)."""
    coded = data[data[C.UA_KATOTTG] != ""]
    names = coded.groupby([C.UA_KATOTTG, C.UA_LEVEL])[C.UA_NAME_EN].nunique()
    assert names.max() == 1, names[names > 1]
    assert not (data[C.UA_NAME_EN] == "Novohrad-Volynskyi Raion").any()


def test_probable_same_ties_are_listed_for_a_person(data):
    from pobratymy.build import PROBABLE_SAME_TIE

    ids = set(data[C.ID])
    assert all(a in ids and b in ids for a, b in PROBABLE_SAME_TIE)
    assert "Probably one tie twice" in (DEFAULT_DATA.parent / "build_report.md").read_text(encoding="utf-8")


def test_real_data_occupation_rules(data):
    """Places occupied since 2022 carry the caveat; a tie resting per its own source is not live; an undated
    tie of an occupied place sourced only to a Russian site is left out."""
    rows = data.set_index(C.ID)
    assert "temporary occupation since 2022-05-21" in rows.loc["mariupol--alicante-es", C.NOTES]
    assert rows.loc["simferopol--heidelberg-de", C.STATUS] == "inactive"
    assert not data[C.ID].str.startswith("sevastopol--varna").any()
    assert not data[C.SOURCE_URL].str.contains("ngs.ru/").any()


def test_dormant_and_russian_host_patterns():
    from pobratymy.build import _DORMANT, _RU_HOST

    assert _DORMANT.search("Heidelberg has been partner city since 1991; relations rest since 2014 occupation.")
    assert not _DORMANT.search("the rest since 2014 is history; the frozen lake")
    assert _DORMANT.search("twinned since 1 Dec 1983, though contacts lapsed years ago")  # Donetsk–Charleroi
    assert _DORMANT.search("twinning since 1981; relationship long frozen.")  # Odesa–València (its own source)
    assert _RU_HOST.match("https://ngs.ru/text/gorod/2014/06/27/64173991/")
    assert _RU_HOST.match("http://news.ru./a")
    assert not _RU_HOST.match("https://example.com/ngs.ru/")


def test_a_dated_plan_dates_an_in_preparation_tie(data):
    row = data.set_index(C.ID).loc["kalush--viseu-pt"]
    assert (row[C.STATUS], row[C.DATE], row[C.DATE_EVENT]) == ("in_preparation", "2022-11", "announced")


# ------------------------------------------------------------------ findings of the audit of round 5 (issue 12)
@pytest.mark.parametrize(("row_id", "column", "value"), [
    # a signing date before a looser 'established' report of the same act ("twinned in March 2023")
    ("sviatohirsk--easton-us", C.DATE, "2023-05-21"),
    ("lyman--westport-us", C.DATE, "2023-05-21"),
    # an executive protocol to a memorandum never dates the memorandum
    ("zakarpattia-oblast--presovsky-samospravny-kraj-sk", C.DATE, ""),
    # its own sources say the relations lapsed / are long frozen: not shown as live
    ("donetsk--charleroi-be", C.STATUS, "inactive"),
    ("odesa--valencia-es", C.STATUS, "inactive"),
    # the codifier's Ukrainian name, not the gazetteer's Russian form
    ("vyzhnytsia--legionowo-pl", C.UA_NAME_UK, "Вижниця"),
    ("dubrovytsia--nowogard-pl", C.UA_NAME_UK, "Дубровиця"),
    # a document's level of the Ukrainian side outweighs a list's default "city"
    ("koson--barabas-hu", C.UA_LEVEL, "village"),
    # a third city's portrait listing the Ukrainian city's partners is a list, not a document
    ("simferopol--ruse-bg", C.STATUS, "listed"),
    ("dnipro--walbrzych-pl", C.STATUS, "listed"),
    # an agreement "extending" the cooperation, an action plan, a yearly programme never date the tie
    ("vinnytsia--powiat-staszowski-pl", C.DATE, ""),
    ("zaporizhzhia-oblast--varmland-se", C.DATE, ""),
    ("zakarpattia-oblast--judetul-satu-mare-ro", C.DATE, ""),
])
def test_real_data_audit_findings_stay_fixed(data, row_id, column, value):
    assert data.set_index(C.ID).loc[row_id, column] == value


@pytest.mark.parametrize("gone", [
    "hostomel--reporyje-prague-cz", "cherkasy--wanzhou-chongqing-cn", "dubno-raion--siedlce-county-pl",
    "ivano-frankivsk--ochota-warsaw-pl", "vyzhnytsa--legionowo-pl", "koziatyn-raion--kannsky-county-pl",
])
def test_real_data_one_partner_one_row_after_the_audit(data, gone):
    assert gone not in set(data[C.ID])


def test_signing_first_keeps_an_older_establishment():
    from pobratymy.build import _Event, _signing_first
    from pobratymy.schema import DateEvent, parse_date

    def ev(event, date):
        return _Event(event, parse_date(date), None)

    near = [ev(DateEvent.ESTABLISHED, "2023-03"), ev(DateEvent.SIGNED, "2023-05-21")]
    assert [str(e.date) for e in _signing_first(near)] == ["2023-05-21"]
    far = [ev(DateEvent.ESTABLISHED, "1996"), ev(DateEvent.SIGNED, "2019-05-01")]  # partners since 1996
    assert _signing_first(far) == far
    assert _signing_first([near[0]]) == [near[0]]


@pytest.mark.parametrize(("key", "latlon"), [
    ("DE|nordrhein westfalen|rhein kreis neuss", (51.19807, 6.68504)),  # Neuss, not Rheinhausen (Duisburg)
    ("DE|hessen|kreis offenbach", (50.00976, 8.77783)),  # Dietzenbach, not Offenbach am Main
    ("CN||qinhuai nanjing", (32.06167, 118.77778)),  # Nanjing, not Qionghai (Hainan)
    ("SK||bziny", None),  # not in GeoNames cities500: unplaced rather than at Pezinok
    ("SK|presov region|kurimka", None),  # unplaced rather than at Kurima
])
def test_real_places_fixed_by_the_audit(key, latlon):
    from pobratymy.places import load_places

    root = Path(__file__).resolve().parent.parent / "data"
    assert load_places(root / "places.csv", root / "places_overrides.csv")[key].latlon == latlon
