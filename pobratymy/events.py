"""The history of a tie (the ``events`` column, written by the build in English words:
``2023 memorandum signed → 2024-05 twinning approved → terminated (council decision) → listed by
Wikidata``) in the reader's language: dates as words, kinds and statuses with the app's own labels, the
act that ended a tie translated. Anything not recognised is kept as written (never dropped)."""

from __future__ import annotations

import re

from . import i18n
from .schema import DateEvent, Kind, Status

_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?) (.*)$")
_KINDS = sorted(((k.value.replace("_", " "), k.value) for k in Kind), key=lambda kv: -len(kv[0]))
_EVENTS = {**{s.value.replace("_", " "): s.value for s in Status},
           **{e.value.replace("_", " "): e.value for e in DateEvent}}
_ACTS = {
    "council decision": {"uk": "рішення ради", "en": "council decision"},
    "executive committee decision": {"uk": "рішення виконкому", "en": "executive committee decision"},
    "mayor's letter": {"uk": "лист міського голови", "en": "mayor's letter"},
    "mayor's order": {"uk": "розпорядження міського голови", "en": "mayor's order"},
    "military administration": {"uk": "військова адміністрація", "en": "military administration"},
    "an act of the occupation authorities": {"uk": "акт окупаційної влади", "en": "an act of the occupation authorities"},
    "an act the source does not name": {"uk": "акт, який джерело не називає", "en": "an act the source does not name"},
}


_LISTS = {"English Wikipedia": {"uk": "англійська Вікіпедія", "en": "English Wikipedia"},
          "Ukrainian Wikipedia": {"uk": "українська Вікіпедія", "en": "Ukrainian Wikipedia"},
          "Wikidata": {"uk": "Вікідані (Wikidata)", "en": "Wikidata"}}
#: list names with a site in them: "a partner list on golossokal.com.ua", "Wikipedia (a copy on wiki.x)"
_LIST_PATTERNS = (
    (re.compile(r"^a partner list on (.+)$"), {"uk": "перелік партнерів на {0}", "en": "a partner list on {0}"}),
    (re.compile(r"^Wikipedia \(a copy on (.+)\)$"), {"uk": "Вікіпедія (копія на {0})", "en": "Wikipedia (a copy on {0})"}),
    (re.compile(r"^Wikipedia \((\w+)\)$"), {"uk": "Вікіпедія ({0})", "en": "Wikipedia ({0})"}),
)


def list_names(text: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """'Wikidata; English Wikipedia' (the ``listed_by`` column, or 'A and B') in ``lang``."""
    lng = i18n.lang_or_default(lang)

    def one(name: str) -> str:
        name = name.strip()
        if name in _LISTS:
            return _LISTS[name][lng]
        for pattern, forms in _LIST_PATTERNS:
            m = pattern.match(name)
            if m:
                return forms[lng].format(m.group(1))
        return name
    parts = re.split(r"; | and ", str(text or ""))
    return ", ".join(one(p) for p in parts if p.strip())


#: how the build labels a document implementing, continuing or renewing an act (an executive protocol, an
#: action plan, a renewed agreement): "follow-up to the memorandum signed"
_FOLLOW_UP = "follow-up to the "


def _event(body: str, lang: str) -> str:
    undated = body.endswith(" (undated)")
    body = body.removesuffix(" (undated)")
    out = body
    if body.startswith("terminated"):
        act = body.removeprefix("terminated").strip()
        out = i18n.status_label(Status.TERMINATED, lang)
        if act.startswith("(") and act.endswith(")"):
            name = act[1:-1]
            out += f" ({_ACTS.get(name, {}).get(lang, name)})"
    else:
        follow_up = body.startswith(_FOLLOW_UP)
        body = body.removeprefix(_FOLLOW_UP)
        for words, kind in _KINDS:
            if body.startswith(words + " "):
                ev = body[len(words) + 1:]
                if ev in _EVENTS:
                    out = f"{i18n.kind_label(kind, lang)}: {i18n.status_label(_EVENTS[ev], lang)}" \
                        if _EVENTS[ev] in {s.value for s in Status} else \
                        f"{i18n.kind_label(kind, lang)}: {i18n.date_event_label(_EVENTS[ev], lang)}"
                break
        if follow_up:
            out = i18n.t("ev.follow_up", lang, act=out)
    return f"{out} ({i18n.t('ev.undated', lang)})" if undated else out


def format_events(text: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The ``events`` column in ``lang``: '2023 memorandum signed → …' -> '2023 — меморандум: підписано → …'."""
    items = []
    for raw in str(text or "").split(" → "):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("listed by "):
            items.append(i18n.t("ev.listed_by", lang, lists=list_names(raw.removeprefix("listed by "), lang)))
            continue
        m = _DATE.match(raw)
        if m:
            items.append(f"{i18n.format_date(m.group(1), lang)} — {_event(m.group(2), lang)}")
        else:
            items.append(_event(raw, lang))
    return " → ".join(items)


__all__ = ["format_events", "list_names"]
