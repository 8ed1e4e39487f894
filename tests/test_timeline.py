"""pobratymy.timeline: bins, partial dates placed honestly, cumulative range, selection, replay."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pobratymy import timeline as T
from pobratymy.schema import COLUMNS, C

D = dt.date


def frame(*rows: dict) -> pd.DataFrame:
    """Synthetic test input (not data): schema rows with only the fields a test varies filled."""
    base = {c: "" for c in COLUMNS}
    base.update({C.KIND: "sister_city", C.STATUS: "signed", C.PARTNER_COUNTRY: "DE"})
    out = []
    for i, r in enumerate(rows):
        rec = {**base, C.ID: f"r{i}", **r}
        if rec[C.DATE] and not rec[C.DATE_EVENT]:
            rec[C.DATE_EVENT] = "signed"
        out.append(rec)
    return pd.DataFrame(out, columns=list(COLUMNS))


@pytest.mark.parametrize(("day", "freq", "expected"), [
    (D(2023, 4, 6), "month", (D(2023, 4, 1), D(2023, 4, 30))),
    (D(2024, 2, 10), "month", (D(2024, 2, 1), D(2024, 2, 29))),
    (D(2023, 12, 31), "month", (D(2023, 12, 1), D(2023, 12, 31))),
    (D(2023, 4, 6), "quarter", (D(2023, 4, 1), D(2023, 6, 30))),
    (D(2022, 11, 5), "quarter", (D(2022, 10, 1), D(2022, 12, 31))),
    (D(2022, 1, 1), "quarter", (D(2022, 1, 1), D(2022, 3, 31))),
    (D(2022, 7, 9), "year", (D(2022, 1, 1), D(2022, 12, 31))),
])
def test_period_of(day, freq, expected):
    assert T.period_of(day, freq) == expected


def test_period_of_refuses_unknown_freq():
    with pytest.raises(ValueError, match="week"):
        T.period_of(D(2022, 1, 1), "week")


def test_year_only_dates_are_not_put_on_first_of_january():
    df = frame({C.DATE: "2022"}, {C.DATE: "2022-01-15"}, {C.DATE: "2022-03"})
    tl = T.build(df, "month")
    assert tl.bars.groupby("start")["count"].sum().to_dict() == {D(2022, 1, 1): 1, D(2022, 3, 1): 1}
    assert tl.coarse.to_dict("records") == [{"start": D(2022, 1, 1), "end": D(2022, 12, 31), "count": 1}]
    assert tl.coarse_total == 1
    assert tl.precision == T.Precision(day=1, month=1, year=1, none=0)


@pytest.mark.parametrize(("freq", "bars", "coarse"), [
    ("month", {D(2022, 12, 1): 1, D(2023, 4, 1): 1}, 1),
    ("quarter", {D(2022, 10, 1): 1, D(2023, 4, 1): 1}, 1),
    ("year", {D(2021, 1, 1): 1, D(2022, 1, 1): 1, D(2023, 1, 1): 1}, 0),  # a year-only date fits a year bin
])
def test_bins_per_freq(freq, bars, coarse):
    df = frame({C.DATE: "2022-12"}, {C.DATE: "2023-04-06"}, {C.DATE: "2021"})
    tl = T.build(df, freq)
    assert tl.bars.groupby("start")["count"].sum().to_dict() == bars
    assert tl.coarse_total == coarse


def test_termination_date_is_not_a_start_and_undated_rows_are_counted():
    df = frame({C.DATE: "2022-05-11", C.DATE_EVENT: "terminated", C.STATUS: "terminated", C.ENDED: "2022-05-11"},
               {C.DATE: ""}, {C.DATE: "2023-04-06"})
    tl = T.build(df, "month")
    assert int(tl.bars["count"].sum()) == 1
    assert tl.precision == T.Precision(day=1, month=0, year=0, none=2)


def test_stacked_by_kind_and_by_country_with_other():
    df = frame({C.DATE: "2023-04", C.KIND: "twinning", C.PARTNER_COUNTRY: "PL"},
               {C.DATE: "2023-04", C.KIND: "sister_city", C.PARTNER_COUNTRY: "PL"},
               {C.DATE: "2023-05", C.KIND: "twinning", C.PARTNER_COUNTRY: "DE"},
               {C.DATE: "2023-05", C.KIND: "twinning", C.PARTNER_COUNTRY: "FR"},
               {C.DATE: "2023-05", C.KIND: "twinning", C.PARTNER_COUNTRY: "US"})
    by_kind = T.build(df, "month", "kind")
    assert by_kind.groups == ["twinning", "sister_city"]
    assert by_kind.bars[by_kind.bars[T.GROUP] == "twinning"]["count"].sum() == 4
    by_country = T.build(df, "month", "country", top=2)
    assert by_country.groups == ["PL", "DE", T.OTHER]
    may = by_country.bars[by_country.bars["start"] == D(2023, 5, 1)].set_index(T.GROUP)["count"].to_dict()
    assert may == {"DE": 1, T.OTHER: 2}


def test_cumulative_is_a_range_between_certain_and_possible():
    df = frame({C.DATE: "2022"}, {C.DATE: "2022-02-24"})
    cum = T.build(df, "quarter", today=D(2023, 1, 10)).cumulative.set_index("day")
    assert cum.loc[D(2022, 3, 31)].to_dict() == {"low": 1, "high": 2}  # "2022" may or may not be signed yet
    assert cum.loc[D(2022, 12, 31)].to_dict() == {"low": 2, "high": 2}
    assert cum.index[-1] == D(2023, 3, 31)


def test_empty_and_undated_selection_builds_an_empty_timeline():
    tl = T.build(frame({C.DATE: ""}), "month")
    assert tl.bars.empty and tl.coarse.empty and tl.cumulative.empty and tl.span is None
    assert tl.precision.none == 1


@pytest.mark.parametrize(("selection", "expected"), [
    ({"start": [1648771200000, 1680307200000]}, (D(2022, 4, 1), D(2023, 4, 1))),  # Vega-Lite epoch ms
    ({"start": ["2023-04-01T00:00:00", "2022-04-01"]}, (D(2022, 4, 1), D(2023, 4, 1))),  # reversed, ISO
    ({"start": [1648771200000]}, None),
    ({"other": [1, 2]}, None),
    ({"start": ["yesterday", "today"]}, None),
    ({}, None),
    (None, None),
])
def test_selection_range(selection, expected):
    assert T.selection_range(selection) == expected


def test_snap_widens_to_whole_periods():
    assert T.snap((D(2022, 5, 10), D(2022, 8, 2)), "quarter") == (D(2022, 4, 1), D(2022, 9, 30))


@pytest.mark.parametrize(("date", "first", "last", "inside"), [
    ("2022", D(2022, 1, 1), D(2022, 12, 31), True),
    ("2022", D(2022, 3, 1), D(2022, 12, 31), False),  # a year-only date is not certainly after March
    ("2022-03", D(2022, 3, 1), D(2022, 3, 31), True),
    ("2022-03", D(2022, 3, 15), D(2022, 12, 31), False),
    ("2023-04-06", D(2023, 4, 6), D(2023, 4, 6), True),
    ("2023-04-06", None, D(2023, 4, 5), False),
    ("", D(1900, 1, 1), D(2100, 1, 1), False),
    ("", None, None, True),
])
def test_within(date, first, last, inside):
    assert T.within(frame({C.DATE: date}), first, last).tolist() == [inside]


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-03..2023-06", (D(2022, 3, 1), D(2023, 6, 30))),
    ("2022..2022", (D(2022, 1, 1), D(2022, 12, 31))),
    ("2023-06..2022-03", None),
    ("2022-13..2023-01", None),
    ("<script>..x", None),
    ("2022-03", None),
    ("", None),
])
def test_parse_range_param(value, expected):
    assert T.parse_range_param(value) == expected


def test_range_param_round_trip():
    rng = (D(2022, 3, 1), D(2023, 6, 30))
    assert T.parse_range_param(T.range_param(rng)) == rng
    assert T.range_param(None) == ""


def test_replay_steps_end_on_today():
    steps = T.replay_steps(D(2014, 1, 1), D(2026, 11, 23), "quarter")
    assert steps[0] == D(2014, 3, 31)
    assert steps[-1] == D(2026, 11, 23)
    assert steps == sorted(steps) and len(steps) == 52


def test_as_of_and_new_between():
    df = frame({C.DATE: "2022-04"},  # appears at the end of April 2022
               {C.DATE: "2022"},  # appears only once 2022 is over
               {C.DATE: "2014-05-01", C.STATUS: "terminated", C.ENDED: "2022-05-11"},
               {C.DATE: ""})
    assert T.as_of(df, D(2022, 4, 29))[C.ID].tolist() == ["r2"]
    assert T.as_of(df, D(2022, 4, 30))[C.ID].tolist() == ["r0", "r2"]
    now = T.as_of(df, D(2022, 12, 31))
    assert now[C.ID].tolist() == ["r0", "r1"]  # the terminated tie is gone, the undated never appears
    assert T.new_between(now, D(2022, 9, 30), D(2022, 12, 31)).tolist() == [False, True]
    assert T.new_between(now, None, D(2022, 12, 31)).tolist() == [False, False]


@pytest.mark.parametrize(("day", "expected"), [
    (None, 3), (D(2000, 1, 1), 0), (D(2022, 3, 31), 0), (D(2022, 4, 1), 1), (D(2030, 1, 1), 3),
])
def test_step_index(day, expected):
    steps = [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)]
    assert T.step_index(steps, day) == expected


def test_milestones_have_labels_in_both_languages():
    from pobratymy import i18n

    assert [m.day for m in T.MILESTONES] == [D(2014, 3, 1), D(2022, 2, 24)]
    for m in T.MILESTONES:
        assert i18n.t(m.key, "uk") and i18n.t(m.key, "en")


def test_real_fixture_precision(map_frame):
    p = T.precision_counts(map_frame)
    # fixture: 1 day, 5 month dates, 1 termination date (not a start), 3 undated
    assert (p.day, p.month, p.year, p.none) == (1, 5, 0, 4)
