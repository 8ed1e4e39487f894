"""The signing timeline and the growth replay (pure: DataFrames in, DataFrames and dates out).

A date is only as precise as its source, and this module never pretends otherwise:

- :func:`build` bins the dated starts of ties (``date`` whose ``date_event`` is not ``terminated``)
  per month, quarter or year, stacked by kind or partner country. A date coarser than the bin (a
  year-only date on a monthly chart) is *not* put on 1 January: it goes to the ``coarse`` table, one
  bar spanning the whole year, which the chart draws as a separate "year only" band.
- The cumulative curve is a range: ``low`` counts ties certainly started by a day (their date's last
  possible day is on or before it), ``high`` those possibly started (first possible day).
- :func:`as_of` is the network on a day for the replay: ties certainly started by then and not yet
  ended; :func:`new_between` marks the ones that appeared since the previous step.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .schema import C, DateEvent, PartialDate, parse_date

FREQS: tuple[str, ...] = ("month", "quarter", "year")
GROUP_BY: tuple[str, ...] = ("kind", "country")
OTHER = "other"
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
#: a finer precision fits a bin when its whole range lies in one bin
_FITS: dict[str, frozenset[str]] = {
    "month": frozenset({"day", "month"}),
    "quarter": frozenset({"day", "month"}),
    "year": frozenset({"day", "month", "year"}),
}


@dataclass(frozen=True, slots=True)
class Milestone:
    """A date marked on the chart; ``key`` names its label in :mod:`pobratymy.i18n`."""

    day: _dt.date
    key: str
    precision: str = "day"


#: March 2014 (occupation of Crimea, war in Donbas) and 24 February 2022 (full-scale invasion).
MILESTONES: tuple[Milestone, ...] = (
    Milestone(_dt.date(2014, 3, 1), "tl.m_2014", "month"),
    Milestone(_dt.date(2022, 2, 24), "tl.m_2022", "day"),
)


# ------------------------------------------------------------------ periods

def period_of(day: _dt.date, freq: str) -> tuple[_dt.date, _dt.date]:
    """First and last day of the month / quarter / year containing ``day``."""
    if freq == "year":
        return _dt.date(day.year, 1, 1), _dt.date(day.year, 12, 31)
    if freq == "quarter":
        m0 = 3 * ((day.month - 1) // 3) + 1
    elif freq == "month":
        m0 = day.month
    else:
        raise ValueError(f"freq {freq!r} is not one of {FREQS}")
    months = 3 if freq == "quarter" else 1
    y1, m1 = (day.year + (m0 + months - 1) // 12, (m0 + months - 1) % 12 + 1)
    return _dt.date(day.year, m0, 1), _dt.date(y1, m1, 1) - _dt.timedelta(days=1)


def periods(start: _dt.date, end: _dt.date, freq: str) -> list[tuple[_dt.date, _dt.date]]:
    """Every period from the one containing ``start`` to the one containing ``end``."""
    out: list[tuple[_dt.date, _dt.date]] = []
    if end < start:
        return out
    p = period_of(start, freq)
    while p[0] <= end:
        out.append(p)
        p = period_of(p[1] + _dt.timedelta(days=1), freq)
    return out


# ------------------------------------------------------------------ dated starts

START = "start"  # PartialDate of the tie's start
FIRST, LAST, PRECISION, GROUP = "first", "last", "precision", "group"
END_DAY = "end_day"  # first day the tie is known to be gone (ended), or None


def _parse(value: str) -> PartialDate | None:
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


def _end_day(row) -> _dt.date | None:
    """The first day a tie is certainly gone: its ``ended`` date, else a dated termination event."""
    ended = _parse(row[C.ENDED])
    if ended is None and row[C.DATE_EVENT] == DateEvent.TERMINATED:
        ended = _parse(row[C.DATE])
    return ended.last_day if ended else None


def starts(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` plus ``first``/``last`` (possible days of the start), ``precision`` and ``end_day``.

    The start is ``date`` unless its ``date_event`` is ``terminated`` (then the start is unknown).
    Rows without a known start keep ``None`` in ``first``/``last`` and ``"none"`` as precision.
    """
    out = df.copy()
    firsts, lasts, precs, ends = [], [], [], []
    for row in df.to_dict("records"):
        d = None if row[C.DATE_EVENT] == DateEvent.TERMINATED else _parse(row[C.DATE])
        firsts.append(d.first_day if d else None)
        lasts.append(d.last_day if d else None)
        precs.append(d.precision if d else "none")
        ends.append(_end_day(row))
    out[FIRST], out[LAST], out[PRECISION], out[END_DAY] = firsts, lasts, precs, ends
    return out


@dataclass(frozen=True, slots=True)
class Precision:
    """How many rows have a start dated to the day, to the month, to the year only, or not at all."""

    day: int = 0
    month: int = 0
    year: int = 0
    none: int = 0

    @property
    def dated(self) -> int:
        return self.day + self.month + self.year

    @property
    def total(self) -> int:
        return self.dated + self.none


def precision_counts(df: pd.DataFrame) -> Precision:
    s = starts(df) if PRECISION not in df.columns else df
    vc = s[PRECISION].value_counts() if len(s) else pd.Series(dtype=int)
    return Precision(**{p: int(vc.get(p, 0)) for p in (*PRECISIONS, "none")})


# ------------------------------------------------------------------ the chart data

@dataclass
class Timeline:
    """Everything the chart draws. ``bars``: ``start, end, group, count`` for dates fine enough for the
    bins; ``coarse``: ``start, end, count`` of dates only known to the year (one bar per year, spanning
    it); ``cumulative``: ``day, low, high`` at each bin's end; ``groups`` in stacking order."""

    freq: str
    by: str
    bars: pd.DataFrame
    coarse: pd.DataFrame
    cumulative: pd.DataFrame
    groups: list[str]
    precision: Precision
    milestones: tuple[Milestone, ...] = MILESTONES
    span: tuple[_dt.date, _dt.date] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def coarse_total(self) -> int:
        return int(self.coarse["count"].sum()) if len(self.coarse) else 0


def _group_values(s: pd.DataFrame, by: str, top: int) -> tuple[pd.Series, list[str]]:
    if by == "kind":
        col = s[C.KIND]
        order = list(col.value_counts().index)
        return col, order
    if by != "country":
        raise ValueError(f"by {by!r} is not one of {GROUP_BY}")
    col = s[C.PARTNER_COUNTRY]
    counts = col.value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    keep = list(counts.index[:top]) if len(counts) > top + 1 else list(counts.index)
    grouped = col.where(col.isin(keep), OTHER)
    return grouped, keep + ([OTHER] if (grouped == OTHER).any() else [])


def build(df: pd.DataFrame, freq: str = "quarter", by: str = "kind", *, top: int = 8,
          today: _dt.date | None = None) -> Timeline:
    """Bin the dated starts of ``df`` (see the module doc). ``top``: countries shown by name (rest
    "other"). ``today`` closes the cumulative curve (default: the last dated start)."""
    if freq not in FREQS:
        raise ValueError(f"freq {freq!r} is not one of {FREQS}")
    s = starts(df)
    prec = precision_counts(s)
    dated = s[s[PRECISION] != "none"].copy()
    empty_bars = pd.DataFrame({"start": [], "end": [], GROUP: [], "count": []})
    empty_coarse = pd.DataFrame({"start": [], "end": [], "count": []})
    empty_cum = pd.DataFrame({"day": [], "low": [], "high": []})
    if dated.empty:
        return Timeline(freq, by, empty_bars, empty_coarse, empty_cum, [], prec)
    dated[GROUP], groups = _group_values(dated, by, top)
    fits = dated[PRECISION].isin(_FITS[freq])

    fine = dated[fits]
    if len(fine):
        pstart = [period_of(d, freq)[0] for d in fine[FIRST]]
        bars = (fine.assign(start=pstart).groupby(["start", GROUP]).size().reset_index(name="count"))
        bars["end"] = [period_of(d, freq)[1] for d in bars["start"]]
        bars = bars[["start", "end", GROUP, "count"]]
    else:
        bars = empty_bars

    rough = dated[~fits]
    if len(rough):
        coarse = rough.assign(start=[_dt.date(d.year, 1, 1) for d in rough[FIRST]]).groupby("start").size()
        coarse = coarse.reset_index(name="count")
        coarse["end"] = [_dt.date(d.year, 12, 31) for d in coarse["start"]]
        coarse = coarse[["start", "end", "count"]]
    else:
        coarse = empty_coarse

    lo_day, hi_day = min(dated[FIRST]), max(dated[LAST])
    if today and today > hi_day:
        hi_day = today
    ends = [p[1] for p in periods(lo_day, hi_day, freq)]
    firsts, lasts = sorted(dated[FIRST]), sorted(dated[LAST])
    cum = pd.DataFrame({
        "day": ends,
        "low": [_count_le(lasts, e) for e in ends],
        "high": [_count_le(firsts, e) for e in ends],
    })
    return Timeline(freq, by, bars.reset_index(drop=True), coarse.reset_index(drop=True), cum, groups, prec,
                    span=(period_of(lo_day, freq)[0], period_of(hi_day, freq)[1]))


def _count_le(sorted_days: Sequence[_dt.date], day: _dt.date) -> int:
    import bisect

    return bisect.bisect_right(sorted_days, day)


# ------------------------------------------------------------------ selecting a period

def _to_date(v: object) -> _dt.date | None:
    """A chart selection bound: epoch milliseconds (Vega-Lite), an ISO string, a date or datetime."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    if isinstance(v, (int, float)):
        return (_dt.datetime(1970, 1, 1) + _dt.timedelta(milliseconds=float(v))).date()
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def selection_range(selection: object, field_name: str = "start") -> tuple[_dt.date, _dt.date] | None:
    """The (first, last) day of an interval selection as ``st.altair_chart`` returns it
    (``{"start": [ms, ms]}``); None when nothing usable is selected."""
    if not isinstance(selection, dict):
        return None
    vals = selection.get(field_name)
    if not isinstance(vals, (list, tuple)) or len(vals) < 2:
        return None
    a, b = _to_date(vals[0]), _to_date(vals[-1])
    if a is None or b is None:
        return None
    return (a, b) if a <= b else (b, a)


def snap(rng: tuple[_dt.date, _dt.date], freq: str) -> tuple[_dt.date, _dt.date]:
    """Widen a range to whole periods (a drag across half a quarter selects that quarter)."""
    return period_of(rng[0], freq)[0], period_of(rng[1], freq)[1]


def within(df: pd.DataFrame, first: _dt.date | None, last: _dt.date | None) -> pd.Series:
    """Rows whose start is certainly inside ``[first, last]`` (a year-only "2022" is inside 2022, not
    inside March–December 2022). Undated rows are outside any narrowed range."""
    s = starts(df) if FIRST not in df.columns else df
    if first is None and last is None:
        return pd.Series(True, index=df.index)
    ok = []
    for f, la in zip(s[FIRST], s[LAST], strict=True):
        ok.append(f is not None and (first is None or f >= first) and (last is None or la <= last))
    return pd.Series(ok, index=df.index, dtype=bool)


def range_param(rng: tuple[_dt.date, _dt.date] | None) -> str:
    """``2022-03..2023-06`` (months) for a URL; "" for no range."""
    if not rng:
        return ""
    return f"{rng[0]:%Y-%m}..{rng[1]:%Y-%m}"


def parse_range_param(value: str) -> tuple[_dt.date, _dt.date] | None:
    """Inverse of :func:`range_param`; None for anything malformed (a hand-edited link never crashes)."""
    a, sep, b = str(value or "").partition("..")
    if not sep:
        return None
    try:
        da, db = parse_date(a.strip()), parse_date(b.strip())
    except ValueError:
        return None
    if db.last_day < da.first_day:
        return None
    return da.first_day, db.last_day


# ------------------------------------------------------------------ growth replay

def replay_steps(start: _dt.date, end: _dt.date, step: str = "quarter") -> list[_dt.date]:
    """The days the replay shows: the last day of every period from ``start`` to ``end``, with ``end``
    itself as the final step (so the replay stops on "today", not on the end of its quarter)."""
    days = [p[1] for p in periods(start, end, step)]
    if days and days[-1] > end:
        days[-1] = end
    return days


def as_of(df: pd.DataFrame, day: _dt.date) -> pd.DataFrame:
    """The ties in place on ``day``: start certainly on or before it, not ended on or before it."""
    s = starts(df) if LAST not in df.columns else df
    keep = [la is not None and la <= day and (e is None or e > day) for la, e in zip(s[LAST], s[END_DAY], strict=True)]
    return s[pd.Series(keep, index=s.index, dtype=bool)]


def new_between(df: pd.DataFrame, after: _dt.date | None, day: _dt.date) -> pd.Series:
    """Rows (of an :func:`as_of` frame) that appeared in ``(after, day]``."""
    if after is None:
        return pd.Series(False, index=df.index, dtype=bool)
    return pd.Series([la is not None and after < la <= day for la in df[LAST]], index=df.index, dtype=bool)


def step_index(steps: Sequence[_dt.date], day: _dt.date | None) -> int:
    """Index of the step showing ``day`` (the first step on or after it; the last step when later)."""
    import bisect

    if not steps:
        return 0
    if day is None:
        return len(steps) - 1
    return min(bisect.bisect_left(list(steps), day), len(steps) - 1)


def group_labels(groups: Iterable[str], by: str, kind_label, country_name, other_label: str) -> dict[str, str]:
    """Display label of each group value (kinds and countries translated, ``other`` labelled)."""
    out = {}
    for g in groups:
        if g == OTHER:
            out[g] = other_label
        else:
            out[g] = kind_label(g) if by == "kind" else country_name(g)
    return out


_ROMAN = ("I", "II", "III", "IV")


def period_label(start: _dt.date, freq: str, lang: str) -> str:
    """"квітень 2023" / "April 2023", "II кв. 2023" / "Q2 2023", "2023"."""
    from . import i18n

    if freq == "year":
        return str(start.year)
    if freq == "quarter":
        q = (start.month - 1) // 3 + 1
        lng = i18n.lang_or_default(lang)
        return i18n.t("tl.quarter", lng, q=_ROMAN[q - 1] if lng == "uk" else q, y=start.year)
    return i18n.format_date(f"{start:%Y-%m}", lang)
