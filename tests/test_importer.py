"""Importer tables: each messy case of issue 5 as (input, expected) rows, on tiny inputs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from importer_fakes import FakeResolver

from pobratymy.dates import parse_messy_date
from pobratymy.errors import DataFileError
from pobratymy.exporting import neutralise_formula, rejected_rows, rows_to_csv_bytes, rows_to_xlsx_bytes
from pobratymy.headers import map_headers, match_header
from pobratymy.importer import (
    Options,
    import_bytes,
    import_file,
    is_markup,
    map_kind,
    map_status,
    oblast_code,
    split_place,
    split_source_cell,
)
from pobratymy.provenance import register_citation
from pobratymy.reading import MAX_BYTES, MAX_ROWS, read_bytes
from pobratymy.schema import validate_record

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
HEADER = "Місто України;Область;Місто-партнер;Країна;Дата підписання;Тип;Статус;Джерело;Примітки\n"
SRC = "https://example.org/p"


def one_row(line: str, **kw):
    """Import a one-row cp1251 `;` CSV and return its RowResult."""
    res = import_bytes((HEADER + line + "\n").encode("cp1251"), "t.csv", FakeResolver(), **kw)
    assert len(res.rows) == 1
    return res.rows[0]


# ------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize(("value", "expected"), [
    ("21.02.2023", "2023-02-21"), ("21/02/2023", "2023-02-21"), ("21-02-2023", "2023-02-21"),
    ("2023-02-21", "2023-02-21"), ("2023.02.21", "2023-02-21"), ("2023-02-21 00:00:00", "2023-02-21"),
    ("02/2023", "2023-02"), ("02.2023", "2023-02"), ("2023-02", "2023-02"),
    ("лютий 2023", "2023-02"), ("Лютого 2023 р.", "2023-02"), ("лют. 2023", "2023-02"),
    ("21 лютого 2023", "2023-02-21"), ("21 лютого 2023 р.", "2023-02-21"), ("21-го лютого 2023", "2023-02-21"),
    ("February 2023", "2023-02"), ("Feb 2023", "2023-02"), ("21 February 2023", "2023-02-21"),
    ("February 21, 2023", "2023-02-21"), ("Sept. 2022", "2022-09"), ("февраля 2023", "2023-02"),
    ("2023", "2023"), ("2023 р.", "2023"), ("2023 рік", "2023"), (2023, "2023"), (2023.0, "2023"),
    ("02/21/2023", "2023-02-21"),  # the US order, unambiguous because 21 > 12
    ("", None), ("  ", None), ("-", None), (None, None),
])
def test_messy_dates_keep_their_precision(value, expected):
    r = parse_messy_date(value)
    assert (str(r.date) if r.date else None) == expected
    assert r.warning == ""


@pytest.mark.parametrize("value", ["31.02.2023", "30/02/2024", "2023-13-01", "13.2023", "1812", "35 лютого 2023",
                                   "сьогодні", "2019-2023", "весна 2023", 44978, True])
def test_impossible_or_unreadable_dates_are_blanked_with_a_warning(value):
    r = parse_messy_date(value)
    assert r.date is None
    assert "left blank" in r.warning


@pytest.mark.parametrize(("fmt", "expected"), [
    ("dd.mm.yyyy", "2023-02-21"), ("General", "2023-02-21"), ("mmmm yyyy", "2023-02"), ("mm.yyyy", "2023-02"),
    ('[$-422]mmmm yyyy;@', "2023-02"), ("yyyy", "2023"), ('yyyy "р."', "2023"),
])
def test_excel_date_cells_keep_the_precision_of_their_format(fmt, expected):
    import datetime as dt

    assert str(parse_messy_date(dt.datetime(2023, 2, 21), fmt).date) == expected


# ----------------------------------------------------------------------------------------- headers
@pytest.mark.parametrize(("header", "field"), [
    ("Місто України", "ua_place"), ("Громада", "ua_place"), ("ТГ", "ua_place"), ("Ukrainian city", "ua_place"),
    ("Місто-партнер", "partner_name"), ("місто партнер", "partner_name"), ("Partner city", "partner_name"),
    ("Місто-побратим", "partner_name"), ("Країна", "partner_country"), ("Country", "partner_country"),
    ("Дата підписання", "date"), ("Date signed", "date"), ("Рік", "date"), ("Тип", "kind"),
    ("Type", "kind"), ("Статус", "status"), ("Джерело", "source_url"), ("Посилання", "source_url"),
    ("Примітки", "notes"), ("Notes", "notes"), ("Область", "ua_oblast"), ("Штат/земля/воєводство", "partner_region"),
    ("Дата підписання*", "date"), ("Країна (партнера)", "partner_country"), ("Примітка:", "notes"),
    ("Місто-партнерр", "partner_name"),  # typo, fuzzy
    ("partner_country_iso2", "partner_country"), ("ua_name_en", "ua_name_en"),
    ("Відповідальний", None), ("№", None), ("", None),
])
def test_headers_map_to_fields(header, field):
    assert match_header(header) == field


def test_unknown_and_repeated_columns_are_listed_not_guessed():
    hm = map_headers(["Місто України", "Країна", "Відповідальна особа", "Країна", "Місто-партнер"])
    assert hm.fields == {0: "ua_place", 1: "partner_country", 4: "partner_name"}
    assert hm.unknown == ["Відповідальна особа", "Країна"]


def test_manual_mapping_wins():
    hm = map_headers(["Назва", "Держава", "Партнер"], {"Назва": "ua_place", "Держава": "", "Партнер": "partner_name"})
    assert hm.fields == {0: "ua_place", 2: "partner_name"}


# ------------------------------------------------------------------------------ places, countries
@pytest.mark.parametrize(("text", "name", "quals"), [
    ("Westport, CT", "Westport", ["CT"]), ("Істон (штат Коннектикут)", "Істон", ["штат Коннектикут"]),
    ("Lublin", "Lublin", []), ("Port Hope, Ontario, Canada", "Port Hope", ["Ontario", "Canada"]),
    ("Люблін (Польща)", "Люблін", ["Польща"]),
])
def test_split_place(text, name, quals):
    assert split_place(text) == (name, quals)


@pytest.mark.parametrize(("partner", "country", "name", "region", "iso2"), [
    ("Westport, CT", "США", "Westport", "Connecticut", "US"),
    ("Істон (штат Коннектикут)", "США", "Easton", "Connecticut", "US"),
    ("Dover, DE", "USA", "Dover", "Delaware", "US"),  # DE is Delaware here, not Germany
    ("Люблін (Польща)", "", "Lublin", "", "PL"),
    ("Вроцлав", "Республіка Польща", "Wrocław", "", "PL"),
    ("Mannheim", "ФРН", "Mannheim", "", "DE"), ("Mannheim", "Німеччина", "Mannheim", "", "DE"),
    ("Mannheim", "Deutschland", "Mannheim", "", "DE"), ("Mannheim", "DE", "Mannheim", "", "DE"),
    ("Mannheim", "Germany", "Mannheim", "", "DE"), ("Liverpool", "Велика Британія", "Liverpool", "", "GB"),
    ("Town <North>", "Canada", "Town <North>", "", "CA"),  # a "<" in a plausible name stays as text
])
def test_partner_place_and_country(partner, country, name, region, iso2):
    r = one_row(f"Львів;Львівська;{partner};{country};2022;партнерство;підписано;{SRC};")
    assert r.verdict == "accepted", r.reason
    assert (r.record["partner_name"], r.record["partner_region"], r.record["partner_country"]) == (name, region, iso2)


@pytest.mark.parametrize(("ua", "oblast", "name_en", "code", "level"), [
    ("Краматорська міська територіальна громада", "", "Kramatorsk", "UA-14", "hromada"),
    ("м. Лиман", "Донецька обл.", "Lyman", "UA-14", "city"),
    ("с. Бобовище", "Закарпатська", "Bobovyshche", "UA-21", "village"),
    ("Kramatorsk", "", "Kramatorsk", "UA-14", "city"),
    # not in the gazetteer but the oblast is given: transliterated, kept, without coordinates
    # (the KATOTTG register says it is an urban-type settlement: recorded as village, like "смт")
    ("Зачепилівка", "Харківська область", "Zachepylivka", "UA-63", "village"),
])
def test_ukrainian_side(ua, oblast, name_en, code, level):
    r = one_row(f"{ua};{oblast};Lublin;PL;2022;партнерство;підписано;{SRC};")
    assert r.verdict == "accepted", r.reason
    assert (r.record["ua_name_en"], r.record["ua_oblast"], r.record["ua_level"]) == (name_en, code, level)


@pytest.mark.parametrize(("text", "code"), [
    ("Донецька область", "UA-14"), ("Донецька обл.", "UA-14"), ("Donetsk Oblast", "UA-14"), ("Донеччина", "UA-14"),
    ("UA-14", "UA-14"), ("м. Київ", "UA-30"), ("Київська", "UA-32"), ("Марс", None),
])
def test_oblast_code(text, code):
    assert oblast_code(text) == code


@pytest.mark.parametrize(("text", "kind"), [
    ("побратимство", "twinning"), ("угода про побратимство", "twinning"), ("місто-побратим", "sister_city"),
    ("міста-побратими", "sister_city"), ("Sister city", "sister_city"),
    ("партнерство", "partnership"), ("Угода про партнерство", "partnership"), ("twinning", "twinning"),
    ("поріднені міста", "twinning"), ("меморандум про співпрацю", "memorandum"),
    ("угода про співпрацю", "cooperation_agreement"), ("Угода про співробітництво", "cooperation_agreement"),
    ("дружба", "friendship"), ("партнерство солідарності", "solidarity_partnership"),
    ("cooperation_agreement", "cooperation_agreement"), ("щось інше", None),
])
def test_kinds(text, kind):
    assert map_kind(text) == kind


@pytest.mark.parametrize(("text", "status"), [
    ("підписано", "signed"), ("діє", "signed"), ("чинна", "signed"), ("signed", "signed"),
    ("схвалено рішенням сесії", "approved"), ("затверджено", "approved"), ("оголошено", "announced"),
    ("в процесі підготовки", "in_preparation"), ("переговори", "in_preparation"), ("припинено", "terminated"),
    ("розірвано", "terminated"), ("не діє", "inactive"), ("лише у списку", "listed"), ("terminated", "terminated"), ("???", None),
])
def test_statuses(text, status):
    assert map_status(text) == status


# --------------------------------------------------------------------------- markup, links, formulas
@pytest.mark.parametrize(("name", "markup"), [
    ("<img src=x onerror=alert(1)>", True), ("<script>alert(1)</script>", True), ("Lublin<b>", True),
    ("<a href='javascript:x'>Lublin</a>", True), ("x onmouseover=alert(1)", True), ("<!-- -->Lublin", True),
    ("Town <North>", False), ("A<B", False), ("Кам'янець-Подільський", False), ("Lublin", False),
    ("St. John's <2>", False),
])
def test_markup_names(name, markup):
    assert is_markup(name) is markup


@pytest.mark.parametrize(("partner", "reason"), [
    ("<img src=x onerror=alert(1)>", "HTML markup"), ("<script>alert(1)</script>", "HTML markup"),
    ("=1+2", "formula"), ("@SUM(A1)", "formula"), ("12345", "no letters"), ("", "partner city is empty"),
])
def test_bad_partner_names_are_rejected_with_a_reason(partner, reason):
    r = one_row(f"Львів;Львівська;{partner};PL;2022;партнерство;підписано;{SRC};")
    assert r.verdict == "rejected"
    assert reason in r.reason


@pytest.mark.parametrize(("cell", "urls", "warned"), [
    ("https://a.ua/x", ["https://a.ua/x"], False),
    ("javascript:alert(1) https://a.ua/x", ["https://a.ua/x"], True),
    ("data:text/html,<script>alert(1)</script> https://a.ua/x", ["https://a.ua/x"], True),
    ("https://a.ua/x | http://b.pl/y", ["https://a.ua/x", "http://b.pl/y"], False),
    ("https://a.ua/x\nhttps://a.ua/x", ["https://a.ua/x"], False),
    ("www.rada.gov.ua/news", ["https://www.rada.gov.ua/news"], True),
    ("javascript:alert(1)", [], True), ("рішення сесії №12", [], False),
])
def test_source_cells(cell, urls, warned):
    got, warnings, _ = split_source_cell(cell)
    assert got == urls
    assert bool(warnings) is warned


def test_javascript_only_source_is_dropped_and_the_row_rejected_with_a_warning_when_a_link_is_required():
    r = one_row("Львів;Львівська;Lublin;PL;2022;партнерство;підписано;javascript:alert(1);",
                options=Options(require_link=True))
    assert r.verdict == "rejected" and "no source link" in r.reason and r.reason_msg.code == "no_link"
    assert any("unsafe link" in w for w in r.warnings)
    assert r.reason_text("uk").startswith("немає посилання на джерело")


def test_a_row_without_a_link_is_kept_cited_as_the_councils_register():
    r = one_row("Львів;Львівська;Lublin;PL;2022;партнерство;підписано;javascript:alert(1);",
                options=Options(source="Львівська міська рада, реєстр", who="olena", when="2026-12-01"))
    assert r.verdict == "accepted", r.reason
    assert r.record["source_url"] == "" and "javascript" not in r.record["notes"]
    assert r.record["notes"] == ("council register: Львівська міська рада, реєстр; file t.csv, row 2; "
                                 "imported by olena on 2026-12-01; no public link")
    assert register_citation(r.record["notes"]) == ("Львівська міська рада, реєстр; file t.csv, row 2; "
                                                    "imported by olena on 2026-12-01")
    assert [m.code for m in r.warning_msgs if "link" in m.code] == ["unsafe_link", "no_public_link"]
    assert "немає публічного посилання" in r.warnings_text("uk")[-1].lower()
    assert validate_record({**r.record}, 2)[1] == []  # the schema takes it: a citation instead of a link
    assert validate_record({**r.record, "notes": "x"}, 2)[1]  # ... but never an empty source without one


def test_default_source_fills_rows_without_a_link_but_never_replaces_one():
    a = one_row("Львів;Львівська;Lublin;PL;2022;партнерство;підписано;;", default_source="https://list.ua/")
    b = one_row(f"Львів;Львівська;Lublin;PL;2022;партнерство;підписано;{SRC};", default_source="https://list.ua/")
    assert (a.verdict, a.record["source_url"], b.record["source_url"]) == ("accepted", "https://list.ua/", SRC)


def test_formula_text_in_notes_is_kept_as_text_never_evaluated():
    r = one_row(f"Львів;Львівська;Lublin;PL;2022;партнерство;підписано;{SRC};=1+2")
    assert r.verdict == "accepted" and r.record["notes"] == "=1+2"


def test_impossible_date_is_blanked_with_a_warning_and_the_row_kept():
    r = one_row(f"Львів;Львівська;Lublin;PL;31.02.2023;партнерство;підписано;{SRC};")
    assert (r.verdict, r.record["date"], r.record["date_event"]) == ("accepted", "", "")
    assert any("31.02.2023" in w for w in r.warnings)


def test_unknown_country_is_rejected():
    r = one_row(f"Львів;Львівська;Lublin;Атлантида;2022;партнерство;підписано;{SRC};")
    assert r.verdict == "rejected" and "Атлантида" in r.reason


# ------------------------------------------------------------------------------ duplicates, numbers
def test_duplicates_within_the_file_and_against_the_dataset():
    existing = [{"id": "lviv--wroclaw-pl", "ua_name_en": "Lviv", "ua_oblast": "UA-46", "partner_country": "PL",
                 "partner_name": "Wrocław"}]
    text = HEADER + "".join(f"{line}\n" for line in [
        f"Львів;Львівська;Lublin;PL;2022;партнерство;підписано;{SRC};",
        f"м. Львів;Львівська обл.;LUBLIN;Польща;2023;партнерство;підписано;{SRC}2;",
        f"Львів;Львівська;Вроцлав;Польща;;партнерство;підписано;{SRC};",
    ])
    res = import_bytes(text.encode("utf-8"), "d.csv", FakeResolver(), existing)
    assert [(r.row, r.verdict, r.duplicate_of) for r in res.rows] == [
        (2, "accepted", None), (3, "duplicate", 2), (4, "duplicate", "lviv--wroclaw-pl")]
    assert res.exit_code == 1


def test_ids_are_readable_and_unique_against_the_dataset():
    existing = [{"id": "lviv--lublin-pl", "ua_name_en": "Lviv", "ua_oblast": "UA-46", "partner_country": "PL",
                 "partner_name": "Chełm"}]  # an id taken by another tie
    res = import_bytes((HEADER + f"Львів;Львівська;Lublin;PL;2022;партнерство;підписано;{SRC};\n").encode(),
                       "i.csv", FakeResolver(), existing)
    assert res.rows[0].record["id"] == "lviv--lublin-pl-2"


def test_row_numbers_are_spreadsheet_rows_and_blank_rows_are_skipped():
    text = "Перелік\n\n" + HEADER + f"Львів;Львівська;Lublin;PL;;;;{SRC};\n;;;;;;;;\n\nЛьвів;Львівська;;PL;;;;{SRC};\n"
    res = import_bytes(text.encode("utf-8"), "n.csv", FakeResolver())
    assert res.header_row == 3
    assert [(r.row, r.verdict) for r in res.rows] == [(4, "accepted"), (7, "rejected")]
    assert res.skipped_blank == [5, 6]


# ----------------------------------------------------------------------------------- file formats
@pytest.mark.parametrize(("name", "encoding", "delimiter"), [
    ("import_bom.csv", "utf-8-sig", ","), ("import_tab.csv", "utf-8", "\t"),
    ("import_council_cp1251.csv", "cp1251", ";"),
])
def test_csv_encodings_and_delimiters_are_detected(name, encoding, delimiter):
    res = import_file(FIX / name, FakeResolver())
    assert (res.table.encoding, res.table.delimiter) == (encoding, delimiter)
    assert res.counts()["accepted"] >= 1


def test_bom_and_tab_files_give_the_expected_records():
    bom = import_file(FIX / "import_bom.csv", FakeResolver()).rows[0].record
    tab = import_file(FIX / "import_tab.csv", FakeResolver()).rows[0].record
    assert (bom["ua_name_en"], bom["partner_name"], bom["kind"], bom["date"]) == (
        "Kramatorsk", "Stamford", "sister_city", "2023-02")
    assert (tab["ua_name_en"], tab["ua_level"], tab["partner_country"], tab["date"]) == (
        "Kramatorsk", "hromada", "TR", "2023")


def test_utf16_excel_unicode_text_export_is_read():
    text = "Місто України\tМісто-партнер\tКраїна\tДжерело\r\nЛьвів\tLublin\tPL\thttps://a.ua/x\r\n"
    res = import_bytes(text.encode("utf-16"), "u.txt", FakeResolver())
    assert res.rows[0].record["partner_name"] == "Lublin"


def _xlsx(rows) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_numbers_dates_and_formula_cells():
    import datetime as dt

    data = _xlsx([["Місто України", "Місто-партнер", "Країна", "Дата", "Джерело", "Примітки"],
                  ["Львів", "Lublin", "PL", dt.datetime(2023, 2, 21), SRC, "=1+2"],
                  ["Київ", "Kyoto", "JP", 1971, SRC, None]])
    res = import_bytes(data, "x.xlsx", FakeResolver())
    assert [(r.record["date"], r.record["notes"]) for r in res.rows] == [("2023-02-21", ""), ("1971", "")]


@pytest.mark.parametrize(("data", "message"), [
    (b"\x00\x01\x02binary\xff\xfe" * 100, "binary"),
    (bytes(range(256)) * 40, "binary"),
    (b"PK\x03\x04garbage" * 10, "broken workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"", "empty"),
])
def test_unreadable_files_are_refused_with_a_clear_message(data, message):
    with pytest.raises(DataFileError) as exc:
        read_bytes(data, "f.csv")
    assert message in str(exc.value)


def test_broken_workbook_fixture_is_refused():
    with pytest.raises(DataFileError, match="broken workbook"):
        import_file(FIX / "import_broken.xlsx")


def test_files_over_10_mb_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:  # sparse: no 10 MB written to disk or git
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(DataFileError, match="limit is 10 MB"):
        import_file(big)


def test_more_than_50000_rows_are_refused():
    text = HEADER + "Львів;Львівська;Lublin;PL;;;;;\n" * (MAX_ROWS + 1)
    with pytest.raises(DataFileError, match="50,000 rows"):
        read_bytes(text.encode("utf-8"), "many.csv")


# ----------------------------------------------------------------------------------------- exports
@pytest.mark.parametrize(("value", "expected"), [
    ("=1+2", "'=1+2"), ("+380", "'+380"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("Lublin", "Lublin"), ("", ""), (-5, -5), (3.5, 3.5), (None, None),
])
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_rejected_rows_export_keeps_row_numbers_reasons_and_neutralises_formulas():
    res = import_bytes((HEADER + "Львів;Львівська;=1+2;PL;2022;партнерство;підписано;https://a.ua;\n").encode(),
                       "r.csv", FakeResolver())
    rows, columns = rejected_rows(res)
    assert columns[:3] == ["row", "verdict", "reason"] and rows[0]["row"] == 2
    csv_text = rows_to_csv_bytes(rows, columns).decode("utf-8-sig")
    assert ";'=1+2;" in csv_text
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(rows_to_xlsx_bytes(rows, columns))).active
    values = [c.value for c in ws[2]]
    assert "'=1+2" in values and not any(isinstance(v, str) and v.startswith("=") for v in values)


# --------------------------------------------------------------------------------------------- CLI
def cli(*args, env_data: Path | None = None):
    import os

    env = {**os.environ, "POBRATYMY_DATA": str(env_data or ROOT / "no-such-data.csv")}
    return subprocess.run([sys.executable, "-m", "pobratymy", "import", *args, "--no-geocode"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize(("content", "code"), [
    ("Місто України,Область,Місто-партнер,Країна,Джерело\nЛьвів,Львівська,Lublin,PL,https://a.ua/x\n", 0),
    ("Місто України,Область,Місто-партнер,Країна,Джерело\nЛьвів,Львівська,,PL,https://a.ua/x\n", 1),
])
def test_cli_exit_codes(tmp_path, content, code):
    f = tmp_path / "in.csv"
    f.write_text(content, encoding="utf-8")
    assert cli(str(f)).returncode == code


def test_cli_exit_2_for_unreadable_file(tmp_path):
    f = tmp_path / "junk.csv"
    f.write_bytes(b"\x00\xff" * 500)
    p = cli(str(f))
    assert p.returncode == 2 and "binary" in p.stderr


def test_cli_json_shape():
    p = cli(str(FIX / "import_council_cp1251.csv"), "--json", env_data=FIX / "import_existing.csv")
    assert p.returncode == 1
    rows = json.loads(p.stdout)["rows"]
    assert {"row", "verdict", "reason", "duplicate_of", "warnings", "record", "ua_lat", "ua_lon", "partner_lat",
            "partner_lon"} <= set(rows[0])
    assert rows[0]["row"] == 4 and set(rows[0]["record"]) >= {"id", "ua_name_en", "partner_country", "source_url"}
    assert {r["verdict"] for r in rows} == {"accepted", "rejected", "duplicate"}


def test_cli_saves_only_with_save_and_keeps_every_existing_row(tmp_path):
    data = tmp_path / "partnerships.csv"
    original = (FIX / "import_existing.csv").read_text(encoding="utf-8")
    data.write_text(original + "broken-row,,,,,,,,,,,,,,,,,\n", encoding="utf-8")  # an invalid row survives too
    src = tmp_path / "in.csv"
    src.write_text("Місто України,Область,Місто-партнер,Країна,Джерело\nЛьвів,Львівська,Lublin,PL,https://a.ua/x\n",
                   encoding="utf-8")
    assert cli(str(src), env_data=data).returncode == 0
    assert data.read_text(encoding="utf-8").count("\n") == 3  # untouched without --save
    assert cli(str(src), "--save", env_data=data).returncode == 0
    lines = data.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and lines[1].startswith("chernihiv--bryansk-ru") and lines[2].startswith("broken-row")
    assert lines[3].startswith("lviv--lublin-pl,Lviv,Львів,UA-46,city,Lublin")
    assert cli(str(src), "--save", "--dry-run", env_data=data).returncode == 2
