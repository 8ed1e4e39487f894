"""A council's register as it is kept (tests/fixtures/council_register, real partnerships only): the
done-when measurement through the command line, duplicates against the real data by the one identity
rule, hromada shorthand through the KATOTTG register, ambiguity never settled silently, merged cells,
rows without a link cited as the register, and the clerk's own words in both languages."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pobratymy.importer import Options, expand_hromada, import_file, ua_place_parts
from pobratymy.provenance import register_citation

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "council_register"
sys.path.insert(0, str(FIX))
import measure  # noqa: E402  (the fixture's own scorer)


def cli(path: Path, data: Path, *extra: str) -> dict:
    env = {**os.environ, "POBRATYMY_DATA": str(data)}
    p = subprocess.run([sys.executable, "-m", "pobratymy", "import", str(path), "--dry-run", "--json", *extra],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert p.returncode in (0, 1), p.stderr[-2000:]
    return json.loads(p.stdout)


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    return measure.empty_dataset(tmp_path_factory.mktemp("empty"))


@pytest.fixture(scope="module")
def geocoder():
    return pytest.importorskip("geo.geocoder").OfflineGeocoder.default()


@pytest.mark.parametrize("name", measure.FILES)
def test_register_imports_into_an_empty_dataset_with_95_percent_right(name, empty):
    s = measure.score(cli(FIX / name, empty)["rows"], measure.expected())
    print(f"{name}: verdicts {s['verdict_share']:.1%}, fields {s['field_share']:.1%}; misses {s['misses']}")
    assert s["verdict_share"] >= 0.95, s["misses"]
    assert s["field_share"] >= 0.95, s["misses"]


def test_every_real_tie_of_the_register_is_a_duplicate_of_its_row_in_the_real_data():
    """Cologne, Кельн, Мюнхен, Krakow, Ірпінська МТГ ...: the same tie whatever the spelling, by the identity
    rule (GeoNames ids from data/places.csv), and the report names the existing row."""
    got = cli(FIX / "register_cp1251.csv", ROOT / "data" / "partnerships.csv")["rows"]
    exp = measure.expected()
    for r in got:
        e = exp[r["row"]]
        if e["verdict"] == "rejected":
            continue
        assert (r["verdict"], r["duplicate_of"]) == ("duplicate", e["id"]), (r["row"], r["reason"])
        assert e["id"] in r["reason"]
    by_row = {r["row"]: r for r in got}
    assert by_row[24]["duplicate_of"] == "dnipro--koln-de"  # "Дніпро – Cologne"
    assert by_row[27]["duplicate_of"] == "kyiv--munchen-de"  # "Київ – Мюнхен"
    assert by_row[28]["duplicate_of"] == "kyiv--krakow-pl"  # "Київ – Krakow"
    assert by_row[27]["reason_text"] == "already in the dataset as kyiv--munchen-de"


def test_same_tie_twice_in_one_file_is_a_duplicate_of_the_first_row(empty):
    by_row = {r["row"]: r for r in cli(FIX / "register.xlsx", empty)["rows"]}
    assert (by_row[26]["verdict"], by_row[26]["duplicate_of"]) == ("duplicate", 24)  # Кельн after Cologne
    assert by_row[26]["reason_code"] == "dup_row"


def test_a_name_several_oblasts_share_is_never_picked_and_lists_every_candidate(empty):
    out = cli(FIX / "register_cp1251.csv", empty, "--lang", "uk")
    rows = {r["row"]: r for r in out["rows"]}
    mykolaiv, pryvilne = rows[44], rows[45]
    assert mykolaiv["verdict"] == pryvilne["verdict"] == "rejected"
    assert mykolaiv["reason_code"] == "ua_ambiguous" and mykolaiv["record"]["ua_oblast"] == ""
    assert {c["region"] for c in mykolaiv["candidates"]} == {"UA-14", "UA-46", "UA-48"}
    assert {c["region"] for c in pryvilne["candidates"]} == {"UA-48", "UA-56"}
    assert "вкажіть область" in pryvilne["reason_text"] and "UA-48" in pryvilne["reason_text"]
    assert pryvilne["reason"].endswith("give the oblast")  # the stable English text stays


def test_the_clerks_choice_settles_an_ambiguous_row(geocoder):
    res = import_file(FIX / "register_cp1251.csv", geocoder, options=Options(choices={44: "UA-48", 45: "UA-56"}))
    rows = {r.row: r for r in res.rows}
    assert (rows[44].verdict, rows[44].record["ua_name_en"], rows[44].record["ua_oblast"]) == ("accepted", "Mykolaiv", "UA-48")
    assert (rows[45].verdict, rows[45].record["ua_oblast"], rows[45].record["ua_level"]) == ("accepted", "UA-56", "hromada")


def test_merged_oblast_cells_are_filled_down_with_a_warning(geocoder):
    xlsx = {r.row: r for r in import_file(FIX / "register.xlsx", geocoder).rows}
    csv_ = {r.row: r for r in import_file(FIX / "register_cp1251.csv", geocoder).rows}
    filled = [r for r in xlsx.values() if any(m.code == "filled_down" for m in r.warning_msgs)]
    assert len(filled) >= 20
    five = xlsx[5]  # "Ірпінська МТГ" under "Київська" written once on row 4
    assert "filled down from row 4" in " ".join(five.warnings)
    assert "об'єднана клітинка" in " ".join(five.warnings_text("uk"))
    assert not any(m.code == "filled_down" for r in csv_.values() for m in r.warning_msgs)  # a CSV has no merges


def test_rows_without_a_link_are_cited_as_the_register_and_strict_mode_refuses_them(geocoder, empty):
    res = import_file(FIX / "register.xlsx", geocoder,
                      options=Options(source="Реєстр міжнародних зв'язків обласної ради", who="О. Коваль",
                                      when="2026-12-01"))
    cannes = {r.row: r for r in res.rows}[5]
    assert cannes.verdict == "accepted" and cannes.record["source_url"] == ""
    assert register_citation(cannes.record["notes"]) == (
        "Реєстр міжнародних зв'язків обласної ради; file register.xlsx, sheet Реєстр, row 5; "
        "imported by О. Коваль on 2026-12-01")
    strict = {r["row"]: r for r in cli(FIX / "register.xlsx", empty, "--require-link")["rows"]}
    assert strict[5]["verdict"] == "rejected" and strict[5]["reason_code"] == "no_link"
    assert strict[4]["verdict"] == "accepted"  # a row with its link is still fine
    url = cli(FIX / "register.xlsx", empty, "--source", "https://rada.example.gov.ua/partners")["rows"]
    assert {r["row"]: r for r in url}[5]["record"]["source_url"] == "https://rada.example.gov.ua/partners"


def test_impossible_date_is_a_visible_warning_of_its_own(empty):
    rows = {r["row"]: r for r in cli(FIX / "register_cp1251.csv", empty, "--lang", "uk")["rows"]}
    zhytomyr = rows[36]
    assert zhytomyr["verdict"] == "accepted" and zhytomyr["record"]["date"] == ""
    assert "date_day" in zhytomyr["warning_codes"]
    assert "дата '29.02.2022' не існує (день 29); залишено порожньою" in zhytomyr["warnings_text"]


def test_cli_text_report_in_ukrainian(empty):
    env = {**os.environ, "POBRATYMY_DATA": str(empty)}
    p = subprocess.run([sys.executable, "-m", "pobratymy", "import", str(FIX / "register_cp1251.csv"), "--lang", "uk"],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert p.returncode == 1
    assert "рядок 44: відхилено: назва 'Миколаївська МТГ' підходить кільком місцям" in p.stdout
    assert "прийнято: 39, відхилено: 2, дублікатів: 1" in p.stdout
    assert "rejected" not in p.stdout and "warning" not in p.stdout


@pytest.mark.parametrize(("written", "expanded"), [
    ("Ірпінська МТГ", "Ірпінська міська територіальна громада"),
    ("Нижньосироватська СТГ", "Нижньосироватська сільська територіальна громада"),
    ("Лозівська ОТГ", "Лозівська об'єднана територіальна громада"),
    ("Яворівська ТГ", "Яворівська територіальна громада"),
    ("Шацька селищна ТГ", "Шацька селищна територіальна громада"),
    ("м. Біла Церква", "м. Біла Церква"), ("ТГ-Центр", "територіальна громада-Центр"),
])
def test_hromada_abbreviations_are_written_out(written, expanded):
    assert expand_hromada(written) == expanded


@pytest.mark.parametrize(("written", "place", "oblast"), [
    ("Ірпінська МТГ (Київська обл.)", "Ірпінська МТГ", "UA-32"),
    ("смт Козин Київської області", "смт Козин", "UA-32"),
    ("с. Клішківці, Хотинський р-н, Чернівецька обл.", "с. Клішківці", "UA-77"),
    ("с. Магала Новоселицького району", "с. Магала", None),
    ("Миколаївська МТГ", "Миколаївська МТГ", None),
])
def test_oblast_and_raion_in_the_place_cell(written, place, oblast):
    assert ua_place_parts(written) == (place, oblast)


@pytest.mark.parametrize(("written", "oblast", "name_en", "code", "level"), [
    ("Ірпінська МТГ", "", "Irpin", "UA-32", "hromada"),
    ("Нижньосироватська СТГ", "", "Nyzhnia Syrovatka", "UA-59", "hromada"),
    ("Лозівська ОТГ", "", "Lozova", "UA-63", "hromada"),
    ("Шацька селищна ТГ", "", "Shatsk", "UA-07", "hromada"),
    ("Яворівська ТГ", "", "Yavoriv", "UA-46", "hromada"),
    ("Ірпінська міська громада", "", "Irpin", "UA-32", "hromada"),
    ("м. Біла Церква", "", "Bila Tserkva", "UA-32", "city"),
    ("смт Козин", "", "Kozyn", "UA-32", "village"),
    ("с. Козин", "Рівненська", "Kozyn", "UA-56", "village"),
    ("Дніпропетровськ", "", "Dnipro", "UA-12", "city"),
    ("Миколаївська МТГ", "Львівська область", "Mykolaiv", "UA-46", "hromada"),
    # a raion, also one abolished in 2020, tells which of four villages named Козин is meant
    ("с. Козин, Дубенський р-н", "", "Kozyn", "UA-56", "village"),
    ("с. Козин Обухівського району", "", "Kozyn", "UA-32", "village"),
    ("с. Клішківці Хотинського району", "", "Klishkivtsi", "UA-77", "village"),
])
def test_council_shorthand_resolves_to_the_hromada_and_its_centre(written, oblast, name_en, code, level, geocoder,
                                                                 tmp_path):
    f = tmp_path / "one.csv"
    f.write_text(f"Громада;Область;Місто-партнер;Країна\n{written};{oblast};Lublin;PL\n", encoding="cp1251")
    r = import_file(f, geocoder).rows[0]
    assert r.verdict == "accepted", r.reason
    assert (r.record["ua_name_en"], r.record["ua_oblast"], r.record["ua_level"]) == (name_en, code, level)


def test_the_expected_file_cites_only_real_partnerships():
    with (ROOT / "data" / "partnerships.csv").open(encoding="utf-8", newline="") as fh:
        ids = {r["id"] for r in csv.DictReader(fh)}
    assert {e["id"] for e in measure.expected().values()} <= ids


def test_the_citation_line_to_show_in_both_languages():
    from pobratymy.provenance import RegisterCitation, describe

    notes = "signed in Lviv; " + RegisterCitation("Ірпінська міська рада", "r.xlsx", "Партнери", 7, "olena",
                                                  "2026-12-01").text()
    assert describe(notes, "uk") == ("Реєстр громади: Ірпінська міська рада; file r.xlsx, sheet Партнери, row 7; "
                                     "imported by olena on 2026-12-01 · немає публічного посилання")
    assert describe(notes, "en").endswith(" · no public link")
    assert describe("source: https://a.ua/x", "uk") is None


@pytest.mark.parametrize("source", ["javascript:alert(1)", "<img src=x onerror=alert(1)>", "=HYPERLINK(\"x\")"])
def test_source_for_the_whole_file_is_a_link_or_plain_text_never_markup(source, empty):
    env = {**os.environ, "POBRATYMY_DATA": str(empty)}
    p = subprocess.run([sys.executable, "-m", "pobratymy", "import", str(FIX / "register_cp1251.csv"), "--source", source],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert p.returncode == 2 and "--source" in p.stderr
