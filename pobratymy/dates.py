"""Messy dates from councils' spreadsheets -> :class:`pobratymy.schema.PartialDate`, keeping precision.

A fast regex path covers the forms people type: ``21.02.2023``, ``21/02/2023``, ``2023-02-21``,
``02.2023``, ``2023-02``, ``лютий 2023``, ``21 лютого 2023 р.``, ``February 2023``, ``Feb 21, 2023``,
``2023``, ``2023 р.`` — plus real spreadsheet date cells (``datetime``/``date``, whose number format
tells whether the clerk meant a day, a month or a year). Nothing is guessed: an impossible date
(``31.02.2023``) or one we cannot read gives ``None`` and a warning, never a nearby date.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .schema import PartialDate

YEAR_MIN, YEAR_MAX = 1900, 2100

_UK_MONTHS = (
    ("січень", "січня", "січ"), ("лютий", "лютого", "лют"), ("березень", "березня", "бер"),
    ("квітень", "квітня", "квіт", "кві"), ("травень", "травня", "трав", "тра"),
    ("червень", "червня", "черв", "чер"), ("липень", "липня", "лип"), ("серпень", "серпня", "серп", "сер"),
    ("вересень", "вересня", "вер"), ("жовтень", "жовтня", "жовт", "жов"),
    ("листопад", "листопада", "лист", "лис"), ("грудень", "грудня", "груд", "гру"),
)
_RU_MONTHS = (
    ("январь", "января", "янв"), ("февраль", "февраля", "фев"), ("март", "марта", "мар"),
    ("апрель", "апреля", "апр"), ("май", "мая"), ("июнь", "июня", "июн"), ("июль", "июля", "июл"),
    ("август", "августа", "авг"), ("сентябрь", "сентября", "сен", "сент"), ("октябрь", "октября", "окт"),
    ("ноябрь", "ноября", "ноя"), ("декабрь", "декабря", "дек"),
)
_EN_MONTHS = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)

#: lower-case month word -> month number (Ukrainian, Russian, English; full, genitive, abbreviated)
MONTHS: dict[str, int] = {
    word: i + 1 for table in (_UK_MONTHS, _RU_MONTHS, _EN_MONTHS) for i, words in enumerate(table) for word in words
}

_YEAR_SUFFIX = r"(?:\s*(?:р\.?|рік|року|г\.?|год[а]?|yr\.?))?"
_MONTH_WORD = r"([^\W\d_]+)\.?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx + _YEAR_SUFFIX + r"$", re.IGNORECASE))
    for name, rx in (
        ("ymd", r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
        ("dmy", r"(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})"),
        ("my", r"(\d{1,2})[./](\d{4})"),
        ("ym", r"(\d{4})[-./](\d{1,2})"),
        ("y", r"(\d{4})"),
        ("d_mon_y", r"(\d{1,2})(?:-?го)?\s+" + _MONTH_WORD + r"\s*,?\s*(\d{4})"),
        ("mon_d_y", _MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})"),
        ("mon_y", _MONTH_WORD + r"\s*,?\s*(\d{4})"),
    )
)


@dataclass(frozen=True, slots=True)
class DateResult:
    """A parsed date (``None`` when blank or unreadable) and the warning to show, if any."""

    date: PartialDate | None
    warning: str = ""
    #: the warning as a message code of :mod:`pobratymy.i18n` (``imp.<code>``) and its values, so the
    #: importer can show it in the user's language
    code: str = ""
    params: tuple[tuple[str, object], ...] = ()


def _make(value: object, year: int, month: int | None = None, day: int | None = None) -> DateResult:
    if not YEAR_MIN <= year <= YEAR_MAX:
        return DateResult(None, f"date {value!r}: year {year} is out of range {YEAR_MIN}-{YEAR_MAX}; left blank",
                          "date_range", (("value", repr(value)), ("year", year), ("lo", YEAR_MIN), ("hi", YEAR_MAX)))
    if month is not None and not 1 <= month <= 12:
        return DateResult(None, f"date {value!r}: month {month} does not exist; left blank",
                          "date_month", (("value", repr(value)), ("month", month)))
    if day is not None:
        try:
            _dt.date(year, month or 1, day)
        except ValueError:
            return DateResult(None, f"date {value!r} does not exist (day {day}); left blank",
                              "date_day", (("value", repr(value)), ("day", day)))
    return DateResult(PartialDate(year, month, day))


def _precision_of_format(number_format: str | None) -> str:
    """'day', 'month' or 'year' from an Excel number format such as ``dd.mm.yyyy`` or ``mmmm yyyy``."""
    fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (number_format or "").lower())
    if not fmt or fmt == "general":
        return "day"
    if "d" in fmt:
        return "day"
    if "m" in fmt:
        return "month"
    return "year" if "y" in fmt else "day"


def _two_digit_year(yy: int) -> int:
    this = _dt.date.today().year % 100
    return 2000 + yy if yy <= this else 1900 + yy


def parse_messy_date(value: object, number_format: str | None = None) -> DateResult:
    """Read a date as a clerk wrote it; keep its precision; never guess a missing part.

    ``value`` is a cell: text, an int year, or a ``date``/``datetime`` from a spreadsheet, whose
    ``number_format`` (``"mmmm yyyy"``) says how precise the clerk meant it.
    """
    if value is None:
        return DateResult(None)
    if isinstance(value, _dt.datetime | _dt.date):
        precision = _precision_of_format(number_format)
        d = value.date() if isinstance(value, _dt.datetime) else value
        if precision == "year":
            return _make(value, d.year)
        if precision == "month":
            return _make(value, d.year, d.month)
        return _make(value, d.year, d.month, d.day)
    if isinstance(value, bool):
        return DateResult(None, f"date {value!r} is not a date; left blank", "date_not_date", (("value", repr(value)),))
    if isinstance(value, int | float):
        if float(value).is_integer() and YEAR_MIN <= value <= YEAR_MAX:
            return DateResult(PartialDate(int(value)))
        return DateResult(None, f"date {value!r} is a number, not a date; left blank", "date_number",
                          (("value", repr(value)),))
    text = " ".join(str(value).split()).strip().strip(",;")
    if not text or text in {"-", "—", "–", "?", "н/д", "n/a"}:
        return DateResult(None)
    for name, rx in _PATTERNS:
        m = rx.match(text)
        if not m:
            continue
        g = m.groups()
        if name == "ymd":
            return _make(value, int(g[0]), int(g[1]), int(g[2]))
        if name == "dmy":
            a, b, y = int(g[0]), int(g[2]), int(g[3])
            if len(g[3]) == 2:
                y = _two_digit_year(y)
            if b > 12 >= a and g[1] == "/":  # 02/21/2023: the US order, unambiguous only this way
                a, b = b, a
            return _make(value, y, b, a)
        if name == "my":
            return _make(value, int(g[1]), int(g[0]))
        if name == "ym":
            return _make(value, int(g[0]), int(g[1]))
        if name == "y":
            return _make(value, int(g[0]))
        if name == "d_mon_y":
            month = MONTHS.get(g[1].lower())
            if month:
                return _make(value, int(g[2]), month, int(g[0]))
        if name == "mon_d_y":
            month = MONTHS.get(g[0].lower())
            if month:
                return _make(value, int(g[2]), month, int(g[1]))
        if name == "mon_y":
            month = MONTHS.get(g[0].lower())
            if month:
                return _make(value, int(g[1]), month)
    return DateResult(None, f"date {str(value)[:60]!r} could not be read; left blank", "date_unreadable",
                      (("value", repr(str(value)[:60])),))
