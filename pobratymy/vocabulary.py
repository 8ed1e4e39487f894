"""The words for kinds and statuses of a tie: ONE table for the app's labels and the importer.

Each value has its label in Ukrainian and English (what the map, filters and exports show) and the other
words clerks write for it (stems, Ukrainian/English/Russian). :mod:`pobratymy.i18n` takes its
``KIND_LABELS`` / ``STATUS_LABELS`` from here, and :func:`map_kind` / :func:`map_status` read a cell
first as one of these labels ("побратимство" is ``twinning`` because the app labels ``twinning``
"побратимство"), then through the stems, most specific first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geo.normalize import fold

from .schema import Kind, Status

#: kind -> (uk label, en label, other words/stems a cell may contain, most specific first)
KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    Kind.SISTER_CITY: ("місто-побратим", "sister city", (
        "побратим", "sister", "twin city", "twin cities", "город побратим", "города побратим")),
    Kind.TWINNING: ("побратимство", "twinning", (
        "побратимств", "побратимськ", "twinn", "поріднен", "twin town")),
    Kind.SOLIDARITY_PARTNERSHIP: ("партнерство солідарності", "solidarity partnership", (
        "солідарн", "solidar")),
    Kind.MEMORANDUM: ("меморандум", "memorandum", ("меморанд", "memorand", "mou")),
    Kind.COOPERATION_AGREEMENT: ("угода про співпрацю", "cooperation agreement", (
        "співпрац", "співробітн", "cooperation", "co operation", "сотрудн")),
    Kind.FRIENDSHIP: ("дружба", "friendship", ("дружб", "friendship", "дружествен")),
    Kind.PARTNERSHIP: ("партнерство", "partnership", ("партнер", "partner")),
}

#: status -> (uk label, en label, other words/stems)
STATUSES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    Status.TERMINATED: ("розірвано", "terminated", (
        "припин", "розірв", "скасов", "терміновано", "terminat", "ended", "cancel", "недійсн",
        "призупин", "suspend")),
    Status.INACTIVE: ("не діє", "inactive", ("не діє", "не діюч", "неактивн", "inactive", "не працює", "не чинн")),
    Status.IN_PREPARATION: ("готується", "in preparation", (
        "підготов", "готуєт", "в процесі", "переговор", "опрацюв", "планує", "preparat", "planned", "negotiat",
        "проєкт", "проект")),
    Status.APPROVED: ("схвалено радою", "approved by council", (
        "схвал", "затвердж", "ухвал", "рішення", "approved")),
    Status.ANNOUNCED: ("оголошено", "announced", ("оголош", "announc", "заявлен", "намір")),
    Status.LISTED: ("лише у списку", "listed only", ("лише у списку", "у списку", "listed")),
    Status.SIGNED: ("підписано", "signed", (
        "підписан", "signed", "діє", "діюч", "чинн", "активн", "active", "укладен", "в дії", "действ")),
}

#: ``{value: {"uk": label, "en": label}}`` as :mod:`pobratymy.i18n` wants them
KIND_LABELS: dict[str, dict[str, str]] = {str(k): {"uk": v[0], "en": v[1]} for k, v in KINDS.items()}
STATUS_LABELS: dict[str, dict[str, str]] = {str(k): {"uk": v[0], "en": v[1]} for k, v in STATUSES.items()}

# display order = enum order (the dicts above are in matching order, most specific first)
KIND_LABELS = {str(k): KIND_LABELS[str(k)] for k in Kind}
STATUS_LABELS = {str(k): STATUS_LABELS[str(k)] for k in Status}


def _lookup(text: str, table: Mapping[str, tuple[str, str, tuple[str, ...]]],
            order: Sequence[str]) -> str | None:
    key = fold(text)
    if not key:
        return None
    flat = key.replace("_", " ").replace("-", " ")
    for value in order:  # the value itself, or one of the app's own labels, exactly
        uk, en, _ = table[value]
        if flat in {fold(str(value)).replace("_", " "), fold(uk).replace("-", " "), fold(en).replace("-", " ")}:
            return str(value)
    for value in order:
        for word in table[value][2]:
            if fold(word) in key:
                return str(value)
    return None


#: the order stems are tried in: the more specific phrase first ("побратимство" before "побратим",
#: "партнерство солідарності" and "меморандум про співпрацю" before "партнер"/"співпрац")
_KIND_ORDER = (Kind.SOLIDARITY_PARTNERSHIP, Kind.MEMORANDUM, Kind.TWINNING, Kind.SISTER_CITY,
               Kind.COOPERATION_AGREEMENT, Kind.FRIENDSHIP, Kind.PARTNERSHIP)


def map_kind(text: str) -> str | None:
    """``twinning`` for "побратимство", ``sister_city`` for "місто-побратим", ``None`` if unknown."""
    return _lookup(text, KINDS, _KIND_ORDER)


def map_status(text: str) -> str | None:
    """``signed`` for "підписано"/"діє", ``terminated`` for "припинено"/"не діє", ``None`` if unknown."""
    return _lookup(text, STATUSES, list(STATUSES))
