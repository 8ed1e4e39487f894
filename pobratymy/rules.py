"""Rules that keep the data true, beyond the per-row schema (``validate`` and ``build-data`` run them).

- a tie with a Russian or Belarusian body never has a live status (only ``terminated`` or ``inactive``);
- ``ended`` is not before ``date`` (unless ``date`` itself dates the termination);
- a tie of a place under occupation (``data/occupied.csv``) is not dated after its occupation began,
  unless a source is a Ukrainian authority (a ``gov.ua`` page) and the notes say so;
- a status has a supporting source event: ``listed`` needs ``listed_by``; a documented status needs an
  event of the row's kind with that status in ``events`` (checked when the row carries ``events``:
  rows typed in by a clerk have none); ``terminated`` needs a termination event there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .schema import AGGRESSOR_COUNTRIES, ENDED_STATUSES, C, Problem, Status, parse_date

UA_AUTHORITY_NOTE = "source is a Ukrainian authority"


def _supported(row: Mapping[str, str]) -> str | None:
    from .build import STATUS_EVENTS

    status, events = row.get(C.STATUS, ""), row.get(C.EVENTS, "") or ""
    if status == Status.LISTED:
        return None if row.get(C.LISTED_BY) else "status listed but listed_by names no list"
    if not events or status == Status.INACTIVE:
        return None
    kind = (row.get(C.KIND) or "").replace("_", " ")
    if status == Status.TERMINATED:
        return None if "terminated" in events else "status terminated but no termination event in events"
    wanted = [f"{kind} {e.replace('_', ' ')}" for e in STATUS_EVENTS.get(status, (status,))]
    steps = [s.strip() for s in events.split("→")]
    if any(w in s for s in steps for w in wanted):
        return None
    return f"status {status} of a {kind}: no source event in events says so ({events[:120]})"


def check_row(row: Mapping[str, str], rownum: int) -> list[Problem]:
    """Every rule a (schema-valid) row breaks."""
    from .occupied import after_occupation

    rid = row.get(C.ID, "")
    out: list[Problem] = []
    status = row.get(C.STATUS, "")
    if row.get(C.PARTNER_COUNTRY) in AGGRESSOR_COUNTRIES and status not in ENDED_STATUSES:
        out.append(Problem(rownum, C.STATUS, (
            f"a tie with a {row[C.PARTNER_COUNTRY]} body must be terminated or inactive, not {status}"), rid))
    date, ended = row.get(C.DATE, ""), row.get(C.ENDED, "")
    if date and ended and row.get(C.DATE_EVENT) != "terminated":
        try:
            if parse_date(ended).last_day < parse_date(date).first_day:
                out.append(Problem(rownum, C.ENDED, f"ended {ended} is before date {date}", rid))
        except ValueError:
            pass  # the schema reports bad dates
    occ = after_occupation(row)
    if occ and UA_AUTHORITY_NOTE not in (row.get(C.NOTES) or ""):
        out.append(Problem(rownum, C.DATE, (
            f"dated {date}, after the occupation of {occ.place} began ({occ.since}); only a Ukrainian "
            f"authority's source may date it so (say '{UA_AUTHORITY_NOTE}' in notes)"), rid))
    why = _supported(row)
    if why:
        out.append(Problem(rownum, C.STATUS, why, rid))
    return out


def check(records: Iterable[Mapping[str, str]], first_row: int = 2) -> list[Problem]:
    """Every rule broken by any record (spreadsheet row numbers: header = 1)."""
    out: list[Problem] = []
    for i, rec in enumerate(records):
        out.extend(check_row(rec, first_row + i))
    return out
