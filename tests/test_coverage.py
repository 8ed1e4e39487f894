"""Coverage of hromadas by live ties, and leads (pobratymy/coverage.py, `coverage` and `leads` commands)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from pobratymy import coverage as V
from pobratymy.cli import main
from pobratymy.config import ENV_DATA
from pobratymy.io import load_partnerships, to_csv_bytes
from pobratymy.register import load_register
from pobratymy.schema import COLUMNS

KRAMATORSK = "UA14120090000098500"
LVIV = "UA46060250000025047"
IRPIN = "UA32080150000035443"
ZHOVKVA = "UA46060130000059055"
V_DATA = Path(__file__).resolve().parent.parent / "data" / "partnerships.csv"
ZYMNA_VODA = "UA46060170000014754"
SLOVIANSK = "UA14120210000056793"


def row(i, uk, en, oblast, level, partner, country, status="signed", date="2020-05-01", **kw):
    base = {c: "" for c in COLUMNS}
    base.update({
        "id": f"r{i}", "ua_name_uk": uk, "ua_name_en": en, "ua_oblast": oblast, "ua_level": level,
        "partner_name": partner, "partner_country": country, "partner_level": "city", "kind": "partnership",
        "status": status, "date": date, "date_event": "signed" if date else "",
        "source_url": f"https://example.org/{i}",
    })
    base.update(kw)
    return base


ROWS = [
    row(1, "Краматорськ", "Kramatorsk", "UA-14", "city", "Aville", "DE"),
    row(2, "Краматорськ", "Kramatorsk", "UA-14", "city", "Bville", "PL", status="terminated", ended="2021"),
    row(3, "Краматорськ", "Kramatorsk", "UA-14", "city", "Cgrad", "RU", date="2001"),
    row(4, "Львівська область", "Lviv Oblast", "UA-46", "oblast", "Dregion", "PL", date="2004"),
    row(5, "Жовква", "Zhovkva", "UA-46", "hromada", "Eville", "PL", status="announced", date=""),
    row(6, "Ірпінь", "Irpin", "UA-32", "city", "Fville", "FR", status="approved", date="2023-02"),
    row(7, "Ковельський район", "Kovel Raion", "UA-07", "raion", "Gkreis", "DE"),
    row(8, "Зимна Вода", "Zymna Voda", "UA-46", "village", "Hdorf", "DE", date="2022-06-01"),
    row(9, "Львів", "Lviv", "UA-46", "city", "Hdorf", "DE", date="2019"),
    row(10, "Львів", "Lviv", "UA-46", "city", "Iburg", "AT", date="2010"),
    row(11, "Краматорськ", "Kramatorsk", "UA-14", "city", "Jstadt", "BY", status="inactive", date="2005"),
    row(12, "Краматорськ", "Kramatorsk", "UA-14", "city", "Kville", "DE", date="2018-01-01"),
]


@pytest.fixture(scope="module")
def register():
    return load_register()


@pytest.fixture(scope="module")
def ties():
    return V.hromada_ties(pd.DataFrame(ROWS))


def test_rows_are_matched_to_their_hromada(ties):
    got = dict(zip(ties["id"], ties[V.HROMADA], strict=True))
    assert got["r1"] == got["r2"] == got["r12"] == KRAMATORSK
    assert got["r5"] == ZHOVKVA  # a hromada by its centre's name
    assert got["r6"] == IRPIN
    assert got["r8"] == ZYMNA_VODA  # a village counts for its hromada
    assert got["r9"] == LVIV
    assert got["r4"] == got["r7"] == ""  # oblast- and raion-level ties count for no hromada
    assert ties.set_index("id").loc["r4", V.MATCH] == "oblast-level tie"


@pytest.mark.parametrize("rid, live", [("r1", True), ("r2", False), ("r3", False), ("r5", False), ("r6", True),
                                       ("r11", False), ("r12", True)])
def test_only_signed_or_approved_ties_outside_russia_and_belarus_count(ties, rid, live):
    assert bool(ties.set_index("id").loc[rid, V.LIVE]) is live


def test_given_hromada_code_wins_over_the_name():
    df = pd.DataFrame([row(1, "Невідоме", "Unknown", "UA-46", "city", "X", "DE", ua_hromada_katottg=LVIV)])
    assert V.hromada_ties(df)[V.HROMADA].tolist() == [LVIV]


def test_ambiguous_name_is_left_unmatched_with_the_reason():
    df = pd.DataFrame([row(1, "Семенівка", "Semenivka", "UA-53", "village", "X", "DE")])
    got = V.hromada_ties(df)
    assert got[V.HROMADA].tolist() == [""] and "hromadas of UA-53" in got[V.MATCH].iloc[0]


def test_coverage_table(ties, register):
    table = V.coverage_table(ties, register)
    assert tuple(table.columns[: len(V.COVERAGE_COLUMNS)]) == V.COVERAGE_COLUMNS
    assert len(table) == 1469 and not table["oblast"].isin(["UA-43", "UA-40"]).any()
    t = table.set_index("katottg")
    assert t.loc[KRAMATORSK, "partnerships"] == 2 and t.loc[KRAMATORSK, "countries"] == "DE"
    assert (t.loc[KRAMATORSK, "first_signed"], t.loc[KRAMATORSK, "last_signed"]) == ("2018-01-01", "2020-05-01")
    assert t.loc[IRPIN, "partnerships"] == 1 and t.loc[IRPIN, "first_signed"] == ""  # approved, not signed
    assert t.loc[LVIV, "countries"] == "AT, DE"
    assert t.loc[ZHOVKVA, "partnerships"] == 0  # only an announced tie
    h = V.headline(table)
    assert (h.covered, h.total, h.partnerships) == (4, 1469, 6)
    assert h.text("uk") == "4 з 1\u202f469 громад мають партнерів"
    assert h.text("en", "Lviv Oblast") == "Lviv Oblast: 4 of 1,469 hromadas have a partner"


def test_tables_by_oblast_and_raion_and_the_gaps(ties, register):
    table = V.coverage_table(ties, register, oblasts=["UA-46"])
    assert set(table["oblast"]) == {"UA-46"} and len(table) == 73
    ob = V.by_oblast(table).set_index("oblast")
    assert ob.loc["UA-46", "hromadas"] == 73 and ob.loc["UA-46", "with_partners"] == 2
    assert ob.loc["UA-46", "share"] == round(2 / 73, 3)
    ra = V.by_raion(table)
    assert ra["hromadas"].sum() == 73
    assert ra.set_index("raion").loc["Львівський район", "with_partners"] == 2
    gaps = V.without_partners(table)
    assert len(gaps) == 71 and LVIV not in set(gaps["katottg"]) and ZHOVKVA in set(gaps["katottg"])


def test_filters_narrow_the_coverage(register):
    """The same filters as the map: only ties with Poland -> Kramatorsk has none."""
    from pobratymy import filters as F

    df = F.enrich(pd.DataFrame(ROWS), {})
    sel = F.apply(df, F.Filters(countries=("AT",)))
    table = V.coverage_table(V.hromada_ties(sel), register).set_index("katottg")
    assert table.loc[KRAMATORSK, "partnerships"] == 0 and table.loc[LVIV, "partnerships"] == 1


# ------------------------------------------------------------------------------------------- leads
def _check_reasons(leads, ties, target, lang="en"):
    """Every lead's reason cites rows that exist, are live, are with that partner, are not the target's."""
    by_id = ties.set_index("id")
    keys = dict(zip(ties["id"], V._partner_keys(ties), strict=True))
    mine = {keys[i] for i in ties.loc[ties[V.HROMADA] == target, "id"]}
    for ld in leads:
        assert ld.partner_key not in mine
        reason = ld.reason(lang)
        assert ld.evidence
        for e in ld.evidence:
            r = by_id.loc[e.row_id]
            assert r[V.LIVE] and r["status"] in V.LIVE_STATUSES and r["partner_country"] not in ("RU", "BY")
            assert keys[e.row_id] == ld.partner_key and r["partner_name"] == ld.partner_name
            assert (r["ua_name_en"] if lang == "en" else r["ua_name_uk"]) in reason
            if str(r["date"])[:4].isdigit():
                assert f"({str(r['date'])[:4]})" in reason
            if ld.tier != "region":
                assert r[V.HROMADA] and r[V.HROMADA] != target


def test_leads_for_zhovkva_from_its_raion_never_its_partners(ties, register):
    municipal, regional = V.leads(ties, register, ZHOVKVA)
    names = [ld.partner_name for ld in municipal]
    assert names[0] == "Hdorf"  # two hromadas of the raion (Lviv 2019, Zymna Voda 2022)
    assert names == ["Hdorf", "Iburg"]
    assert "Eville" not in names  # its own (announced) partner is never suggested
    assert [ld.partner_name for ld in regional] == ["Dregion"]
    assert municipal[0].reason("en").startswith("works with Zymna Voda (2022) and Lviv (2019), ")
    assert municipal[0].tier == "raion" and municipal[0].hromadas == 2
    _check_reasons(municipal + regional, ties, ZHOVKVA)
    _check_reasons(municipal, ties, ZHOVKVA, lang="uk")


def test_leads_then_hromadas_of_similar_size_elsewhere(register):
    reg = register.copy()
    zhovkva_pop = reg.set_index("katottg").at[ZHOVKVA, "centre_population"]
    assert zhovkva_pop > 0
    reg.loc[reg["katottg"] == SLOVIANSK, "centre_population"] = zhovkva_pop * 1.2  # pretend: of similar size
    reg.loc[reg["katottg"] == KRAMATORSK, "centre_population"] = zhovkva_pop * 3  # not similar
    rows = ROWS + [row(13, "Слов’янськ", "Sloviansk", "UA-14", "city", "Lstadt", "DE", date="2021-03-01"),
                   row(14, "Слов’янськ", "Sloviansk", "UA-14", "city", "Hdorf", "DE", date="2015")]
    ties = V.hromada_ties(pd.DataFrame(rows))
    municipal, _ = V.leads(ties, reg, ZHOVKVA)
    assert [(ld.partner_name, ld.tier) for ld in municipal] == [("Hdorf", "raion"), ("Iburg", "raion"),
                                                                 ("Lstadt", "size")]
    assert municipal[-1].reason("en") == "works with hromadas of similar size: Sloviansk (2021)"
    assert [e.row_id for e in municipal[0].evidence] == ["r8", "r9"]  # a nearby lead keeps its nearby rows
    _check_reasons(municipal, ties, ZHOVKVA)


def test_leads_never_rest_on_ended_or_russian_ties(ties, register):
    municipal, _ = V.leads(ties, register, SLOVIANSK)  # another hromada of Donetsk oblast
    names = {ld.partner_name for ld in municipal}
    assert {"Bville", "Cgrad", "Jstadt"}.isdisjoint(names) and names == {"Aville", "Kville"}


def test_leads_on_the_bundled_data_cite_real_rows(register):
    """A hromada of Lviv oblast without partners gets leads, every reason backed by rows of the data."""
    df = load_partnerships(V_DATA).frame
    ties = V.hromada_ties(df)
    table = V.coverage_table(ties, register, ["UA-46"])
    gaps = V.without_partners(table)
    target = gaps[gaps["raion"] == "Львівський район"]["katottg"].iloc[0]
    municipal, regional = V.leads(ties, register, target)
    assert municipal and regional
    _check_reasons(municipal + regional, ties, target)
    _check_reasons(municipal, ties, target, lang="uk")


def test_bundled_data_counts_kramatorsk_and_lviv(register):
    ties = V.hromada_ties(load_partnerships(V_DATA).frame)
    table = V.coverage_table(ties, register).set_index("katottg")
    assert table.loc[KRAMATORSK, "partnerships"] >= 1
    assert table.loc[LVIV, "partnerships"] >= 20
    assert V.headline(table.reset_index()).covered >= 150


# --------------------------------------------------------------------------------------- commands
@pytest.fixture
def data_file(tmp_path, monkeypatch):
    path = tmp_path / "p.csv"
    path.write_bytes(to_csv_bytes([r for r in ROWS if r["status"] != "inactive"]))
    monkeypatch.setenv(ENV_DATA, str(path))
    return path


def test_coverage_command_writes_csv(data_file, tmp_path, capsys):
    out = tmp_path / "cov.csv"
    assert main(["coverage", "--out", str(out)]) == 0
    df = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert tuple(df.columns) == V.COVERAGE_COLUMNS
    assert len(df) == 1469 and df["katottg"].str.match(r"^UA\d{17}$").all()
    k = df.set_index("katottg").loc[KRAMATORSK]
    assert (k["partnerships"], k["countries"], k["centre"]) == ("2", "DE", "Краматорськ")
    assert re.match(r"^\d+\.\d{5}$", k["lat"])
    assert "4 with a partner" in capsys.readouterr().out


def test_coverage_command_filters_and_xlsx(data_file, tmp_path):
    out = tmp_path / "cov.xlsx"
    assert main(["coverage", "--out", str(out), "--oblast", "UA-46", "--country", "de"]) == 0
    df = pd.read_excel(out, dtype=str).fillna("")
    assert len(df) == 73 and set(df["oblast"]) == {"UA-46"}
    assert df.set_index("katottg").loc[LVIV, "countries"] == "DE"


@pytest.mark.parametrize("args, message", [
    (["--out", "x.txt"], ".csv or .xlsx"), (["--out", "x.csv", "--oblast", "UA-99"], "UA-99"),
    (["--out", "x.csv", "--country", "Poland"], "POLAND"),
])
def test_coverage_command_refuses_bad_options(data_file, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["coverage", *args]) == 2
    assert message in capsys.readouterr().err


def test_leads_command_json(data_file, capsys):
    assert main(["leads", "Жовківська", "--json", "--lang", "en"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["hromada"]["katottg"] == ZHOVKVA
    assert [ld["partner"] for ld in got["leads"]] == ["Hdorf", "Iburg"]
    assert got["leads"][0]["rows"] == ["r8", "r9"] and "Zymna Voda (2022)" in got["leads"][0]["reason"]
    assert [ld["partner"] for ld in got["regions"]] == ["Dregion"]


def test_leads_command_text_and_errors(data_file, capsys):
    assert main(["leads", "Zhovkva"]) == 0
    out = capsys.readouterr().out
    assert "Жовківська міська громада" in out and "Hdorf" in out and "r8, r9" in out
    assert main(["leads", "Ніщоніде"]) == 1
    assert "no hromada" in capsys.readouterr().err
    assert main(["leads", "Миколаївська"]) == 1  # many hromadas of that name: asks for --oblast
    assert "--oblast" in capsys.readouterr().err
