"""The frame-at-once validation (``schema.suspect_rows`` + the model for suspect rows) reports exactly
what validating row by row with the pydantic model reports: same rows, columns, reasons, order."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pobratymy.config import DEFAULT_DATA
from pobratymy.io import load_partnerships, read_csv_str, write_csv_atomic
from pobratymy.schema import COLUMNS, C, Problem, is_http_url, suspect_rows, validate_frame, validate_record

REAL = read_csv_str(DEFAULT_DATA)


def by_row_reference(records: list[dict], first_row: int = 2) -> list[Problem]:
    """The row-by-row validation as it was before the frame checks (the reference)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(records):
        row = first_row + i
        problems.extend(validate_record(rec, row)[1])
        rid = str(rec.get(C.ID) or "")
        if rid:
            if rid in seen:
                problems.append(Problem(row, C.ID, f"duplicate id, first used on row {seen[rid]}", rid))
            else:
                seen[rid] = row
    return problems


def test_real_data_is_valid_and_not_suspect():
    assert validate_frame(REAL) == []
    # the quick checks pass (almost) every real row, so the model is rarely needed
    assert suspect_rows(REAL).sum() <= len(REAL) // 50


#: values that break (or nearly break) each check: whitespace the model strips, control characters,
#: wrong case, bad dates, bad URLs, unicode digits and spaces
TRICKY = ["", " ", "\t", "\xa0", "\x1c", "\x00", "x\x1fy", "\u2003twinning", "twinning ", "Twinning", "signed",
          "terminated", "city", "oblast", "UA-14", "UA-14 ", "ua-14", "UA-99", "DE", "de", "D", "DEU", "２０",
          "2020", "2020-02-30", "2020-13", "1899", "2020-1", " 2020", "UA14160150010066858",
          "UA1416015001006685", "UA١٤160150010066858", "https://example.org/x", "http://localhost:8501",
          "https://a b.org", "https://exa mple", "https://x.org/\n", "ftp://x.org", "https://user@x.org@y",
          "https://a.b@c/", "HTTPS://X.ORG", "https://x.org | https://y.org", "https://x.org |  | nope",
          "kramatorsk--stamford-us", "Kramatorsk", "a-", "a--b--c", "-a", "\u2028"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(REAL) - 1), st.sampled_from(COLUMNS), st.sampled_from(TRICKY)),
                min_size=1, max_size=12))
def test_frame_validation_matches_row_by_row(edits):
    rows = REAL.iloc[sorted({i for i, _, _ in edits})[:8]].reset_index(drop=True)
    for i, col, value in edits:
        rows.loc[i % len(rows), col] = value
    records = rows.to_dict("records")
    assert validate_frame(rows) == by_row_reference(records)


def test_duplicates_and_missing_keys_in_records():
    from pobratymy.schema import validate_records

    recs = REAL.head(3).to_dict("records")
    recs = [recs[0], dict(recs[0]), {k: v for k, v in recs[1].items() if k != C.KIND}, {**recs[2], "extra": "x"},
            {**recs[2], C.ID: None, C.DATE: float("nan")}]
    assert validate_records(recs) == by_row_reference(recs)
    assert any("duplicate id" in p.reason for p in validate_records(recs))


def test_load_keeps_good_rows_and_reports_the_rest(tmp_path):
    rows = REAL.head(6).copy()
    rows.loc[1, C.KIND] = "pen_pals"
    rows.loc[2, C.ID] = rows.loc[0, C.ID]
    rows.loc[3, C.SOURCE_URL] = " https://example.org/ok "  # the model strips it: the row is valid
    rows.loc[4, C.DATE] = "2020-02-30"
    path = tmp_path / "p.csv"
    write_csv_atomic(path, rows)
    loaded = load_partnerships(path)
    assert [(p.row, p.column) for p in loaded.problems] == [(3, C.KIND), (4, C.ID), (6, C.DATE)]
    assert loaded.problems[1].reason == "duplicate id"
    assert len(loaded.frame) == 3
    assert loaded.frame[C.SOURCE_URL].iat[1] == " https://example.org/ok "


def _is_http_url_reference(value: str) -> bool:
    """``is_http_url`` as it was, walking the characters."""
    import re

    if not value or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    m = re.match(r"^https?://([^/?#]+)", value, flags=re.IGNORECASE)
    if not m:
        return False
    host = m.group(1).rsplit("@", 1)[-1].split(":")[0].lower()
    return "." in host or host == "localhost"


URL_ALPHABET = st.sampled_from(list("htps:/.@?#:ab LOCALhostx\t\n\x1f\xa0-_8\u017f\u212a\u0130")
                               + ["http://", "https://", "localhost", "HTTPS://", "\u017ftp://"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(URL_ALPHABET, max_size=14).map("".join))
def test_url_pattern_matches_the_old_check(value):
    assert is_http_url(value) == _is_http_url_reference(value)


@pytest.mark.parametrize("value", TRICKY + [u for u in REAL[C.SOURCE_URL].unique()[:300]])
def test_url_pattern_on_known_values(value):
    for v in (value, *value.split("|")):
        assert is_http_url(v) == _is_http_url_reference(v)


def test_empty_frame():
    assert validate_frame(pd.DataFrame(columns=list(COLUMNS))) == []
