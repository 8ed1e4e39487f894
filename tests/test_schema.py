import pytest

from pobratymy.schema import COLUMNS, C, parse_date, validate_records

GOOD = {
    C.ID: "kramatorsk--stamford-us",
    C.UA_NAME_EN: "Kramatorsk",
    C.UA_NAME_UK: "Краматорськ",
    C.UA_OBLAST: "UA-14",
    C.UA_LEVEL: "city",
    C.PARTNER_NAME: "Stamford",
    C.PARTNER_REGION: "Connecticut",
    C.PARTNER_COUNTRY: "US",
    C.PARTNER_LEVEL: "city",
    C.KIND: "sister_city",
    C.STATUS: "signed",
    C.DATE: "2023-04-06",
    C.DATE_EVENT: "signed",
    C.ENDED: "",
    C.FACILITATOR: "",
    C.SOURCE_URL: "https://example.org/stamford",
    C.OTHER_SOURCES: "",
    C.NOTES: "",
    C.UA_KATOTTG: "UA14160150010066858",
    C.UA_HROMADA_KATOTTG: "UA14160150000017866",
    C.LISTED_BY: "",
    C.EVENTS: "",
}


def test_good_row_is_valid():
    assert set(GOOD) == set(COLUMNS)
    assert validate_records([GOOD]) == []


@pytest.mark.parametrize(
    ("column", "value", "reason_part"),
    [
        (C.UA_OBLAST, "Donetsk Oblast", "ISO 3166-2:UA"),
        (C.PARTNER_COUNTRY, "USA", "alpha-2"),
        (C.KIND, "alliance", "is not one of"),
        (C.STATUS, "", "required"),
        (C.DATE, "2023-02-31", "does not exist"),
        (C.DATE, "21.02.2023", "YYYY"),
        (C.DATE, "2023-13", "month 13"),
        (C.SOURCE_URL, "javascript:alert(1)", "http(s)"),
        (C.SOURCE_URL, "", "required"),
        (C.OTHER_SOURCES, "https://a.org | data:text/html,x", "http(s)"),
        (C.PARTNER_NAME, "", "required"),
        (C.ID, "Kramatorsk Stamford", "lowercase"),
    ],
)
def test_bad_value_is_reported_with_row_and_reason(column, value, reason_part):
    rows = [GOOD, {**GOOD, C.ID: "x--y-us", column: value}]
    problems = validate_records(rows)
    assert problems, "bad row passed"
    assert {p.row for p in problems} == {3}
    assert any(reason_part in p.reason for p in problems), problems


def test_every_bad_row_is_reported_at_once():
    rows = [{**GOOD, C.ID: f"a--b{i}-us", C.KIND: "nope"} for i in range(5)]
    assert sorted({p.row for p in validate_records(rows)}) == [2, 3, 4, 5, 6]


def test_duplicate_id_is_reported():
    problems = validate_records([GOOD, GOOD])
    assert [(p.row, p.column) for p in problems] == [(3, "id")]


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [("2022", "year", "2022-01-01", "2022-12-31"), ("2024-02", "month", "2024-02-01", "2024-02-29"),
     ("2023-04-06", "day", "2023-04-06", "2023-04-06")],
)
def test_partial_dates_keep_precision(value, precision, first, last):
    d = parse_date(value)
    assert (d.precision, str(d.first_day), str(d.last_day), str(d)) == (precision, first, last, value)
