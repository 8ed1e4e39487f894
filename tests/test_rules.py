"""Data rules beyond the schema (pobratymy/rules.py) and `validate` running them."""

from __future__ import annotations

import pytest

from pobratymy.cli import main
from pobratymy.io import to_csv_bytes
from pobratymy.rules import check, check_row
from pobratymy.schema import C

GOOD = {
    C.ID: "kramatorsk--stamford-us", C.UA_NAME_EN: "Kramatorsk", C.UA_NAME_UK: "Краматорськ", C.UA_OBLAST: "UA-14",
    C.UA_LEVEL: "city", C.PARTNER_NAME: "Stamford", C.PARTNER_REGION: "Connecticut", C.PARTNER_COUNTRY: "US",
    C.PARTNER_LEVEL: "city", C.KIND: "sister_city", C.STATUS: "signed", C.DATE: "2023-04-06",
    C.DATE_EVENT: "signed", C.ENDED: "", C.FACILITATOR: "", C.SOURCE_URL: "https://example.org/stamford",
    C.OTHER_SOURCES: "", C.NOTES: "", C.UA_KATOTTG: "", C.UA_HROMADA_KATOTTG: "", C.LISTED_BY: "",
    C.EVENTS: "2023-04-06 sister city signed",
}


def row(**kw):
    return {**GOOD, **kw}


def reasons(r):
    return [p.reason for p in check_row(r, 2)]


def test_good_row_breaks_no_rule():
    assert check([GOOD]) == []


@pytest.mark.parametrize("status", ["signed", "approved", "announced", "in_preparation", "listed"])
def test_russian_or_belarusian_tie_is_never_live(status):
    got = reasons(row(partner_country="RU", status=status, listed_by="Wikidata"))
    assert any("must be terminated or inactive" in r for r in got)
    assert not any("must be" in r for r in reasons(row(partner_country="BY", status="inactive")))


def test_ended_before_date():
    r = row(status="terminated", date="2020-05", date_event="signed", ended="2019",
            events="2020-05 sister city signed → 2019 terminated (council decision)")
    assert any("is before date" in x for x in reasons(r))
    assert not any("is before date" in x for x in reasons({**r, C.ENDED: "2020-05"}))


def test_occupied_place_dated_after_occupation():
    r = row(ua_name_en="Yalta", ua_name_uk="Ялта", ua_oblast="UA-43", date="2016", date_event="signed")
    assert any("after the occupation" in x for x in reasons(r))
    assert not any("after the occupation" in x for x in reasons({**r, C.DATE: "2013"}))
    ok = {**r, C.NOTES: "dated after the occupation began; source is a Ukrainian authority (https://x.gov.ua/)"}
    assert not any("after the occupation" in x for x in reasons(ok))


def test_status_needs_a_supporting_event():
    assert any("listed_by" in x for x in reasons(row(status="listed")))
    assert not reasons(row(status="listed", listed_by="Wikidata", date="", date_event=""))
    # a memorandum was signed and the twinning is only in preparation: "twinning, signed" is not supported
    r = row(kind="twinning", status="signed", events="2023 memorandum signed → twinning in preparation (undated)")
    assert any("no source event" in x for x in reasons(r))
    assert not reasons({**r, C.KIND: "memorandum"})
    assert not reasons(row(events=""))  # a clerk's row without events is not judged


def test_validate_command_fails_on_a_rule(tmp_path, capsys):
    f = tmp_path / "p.csv"
    f.write_bytes(to_csv_bytes([GOOD, row(id="kharkiv--belgorod-ru", partner_country="RU", partner_name="Belgorod")]))
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr().out
    assert "row 3 (kharkiv--belgorod-ru): status:" in out and "terminated or inactive" in out


def test_shipped_data_breaks_no_rule(capsys):
    assert main(["validate"]) == 0
