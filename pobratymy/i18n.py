"""Every string of the user interface, in Ukrainian (default) and English, in one catalogue.

``t("map.title", "en")`` looks a key up; ``t("fig.not_on_map", "uk", n=3)`` fills ``{n}``. A key
missing in either language is a test failure (tests/test_i18n.py), never a silent fallback in the UI.
Dates are shown only as precise as they are known: :func:`format_date` gives "6 квітня 2023" /
"6 April 2023", "березень 2023" / "March 2023", or "2022".
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("uk", "en")
DEFAULT_LANG = "uk"

CATALOGUE: dict[str, dict[str, str]] = {
    # frame and navigation
    "app.title": {"uk": "Побратими — міста-партнери України", "en": "Pobratymy — partner cities of Ukraine"},
    "app.page_title": {"uk": "Побратими", "en": "Pobratymy"},
    "app.caption": {
        "uk": "Дані станом на {as_of} · {n_rows} записів · {n_sources} джерел",
        "en": "Data as of {as_of} · {n_rows} records · {n_sources} sources",
    },
    "app.language": {"uk": "Мова", "en": "Language"},
    "nav.map": {"uk": "Мапа", "en": "Map"},
    "nav.import": {"uk": "Імпорт", "en": "Import"},
    "nav.quality": {"uk": "Якість даних", "en": "Data quality"},
    "nav.timeline": {"uk": "Хронологія", "en": "Timeline"},
    # data loading
    "data.missing": {
        "uk": "Файл даних не знайдено: {path}. Вкажіть шлях у змінній POBRATYMY_DATA.",
        "en": "Data file not found: {path}. Set POBRATYMY_DATA to its path.",
    },
    "data.unusable": {"uk": "Файл даних не вдалося прочитати: {reason}", "en": "The data file cannot be used: {reason}"},
    "data.problems": {
        "uk": "{n} рядків пропущено через помилки (решта показана)",
        "en": "{n} rows left out because of errors (the rest is shown)",
    },
    "data.no_places": {
        "uk": "Немає координат місць ({path}): лінії не намальовано.",
        "en": "No place coordinates ({path}): no lines drawn.",
    },
    # filters
    "f.header": {"uk": "Фільтри", "en": "Filters"},
    "f.oblast": {"uk": "Область", "en": "Oblast"},
    "f.country": {"uk": "Країна партнера", "en": "Partner country"},
    "f.kind": {"uk": "Вид зв'язку", "en": "Kind of tie"},
    "f.status": {"uk": "Статус", "en": "Status"},
    "f.years": {"uk": "Рік підписання", "en": "Year signed"},
    "f.years_help": {
        "uk": "Коли діапазон звужено, записи без дати не показуються.",
        "en": "When the range is narrowed, records without a date are left out.",
    },
    "f.search": {"uk": "Пошук місця", "en": "Find a place"},
    "f.search_help": {
        "uk": "Будь-яке написання: Кам'янець, Kamianets, Artemivsk, Кривой Рог…",
        "en": "Any spelling: Кам'янець, Kamianets, Artemivsk, Krivoy Rog…",
    },
    "f.all": {"uk": "усі", "en": "all"},
    "f.reset": {"uk": "Скинути фільтри", "en": "Reset filters"},
    "f.tiles": {"uk": "Підкладка OpenStreetMap (потрібен інтернет)", "en": "OpenStreetMap tiles (needs internet)"},
    # figures and lists
    "fig.partnerships": {"uk": "Партнерства", "en": "Partnerships"},
    "fig.ua_places": {"uk": "Українські громади", "en": "Ukrainian places"},
    "fig.countries": {"uk": "Країни-партнери", "en": "Partner countries"},
    "fig.since_2022": {"uk": "Підписано з 24.02.2022", "en": "Signed since 24 Feb 2022"},
    "fig.since_2022_help": {
        "uk": "Статус «підписано» і дата не раніше 24 лютого 2022 (дата лише «2022» не враховується).",
        "en": "Status signed, dated 24 February 2022 or later (a date known only as '2022' does not count).",
    },
    "fig.not_on_map": {"uk": "Не на мапі: {n}", "en": "Not on map: {n}"},
    "fig.not_on_map_help": {
        "uk": "Записи, для місць яких ще немає координат",
        "en": "Records whose places have no coordinates yet",
    },
    "top.countries": {"uk": "Найбільше партнерів у країнах", "en": "Top partner countries"},
    "top.places": {"uk": "Найбільше зв'язків", "en": "Most connected Ukrainian places"},
    "top.col_country": {"uk": "Країна", "en": "Country"},
    "top.col_place": {"uk": "Місце", "en": "Place"},
    "top.col_oblast": {"uk": "Область", "en": "Oblast"},
    "top.col_count": {"uk": "Кількість", "en": "Count"},
    # map
    "map.legend": {"uk": "Вид зв'язку", "en": "Kind of tie"},
    "map.terminated": {"uk": "розірвано", "en": "terminated"},
    "map.basemap": {"uk": "Контури країн (офлайн)", "en": "Country outlines (offline)"},
    "map.osm": {"uk": "OpenStreetMap (онлайн)", "en": "OpenStreetMap (online)"},
    "map.partners_n": {"uk": "партнерів: {n}", "en": "partners: {n}"},
    "map.hint": {
        "uk": "Натисніть на місто або лінію, щоб побачити партнерів.",
        "en": "Click a place or a line to see its partners.",
    },
    "map.nothing": {"uk": "Жоден запис не відповідає фільтрам.", "en": "No record matches the filters."},
    # details
    "d.header": {"uk": "Партнери", "en": "Partners"},
    "d.none": {"uk": "Оберіть місце на мапі.", "en": "Pick a place on the map."},
    "d.place": {"uk": "Місце", "en": "Place"},
    "d.clear": {"uk": "Закрити", "en": "Close"},
    "d.date": {"uk": "Дата", "en": "Date"},
    "d.no_date": {"uk": "дата невідома", "en": "date unknown"},
    "d.facilitator": {"uk": "Посередник", "en": "Facilitator"},
    "d.sources": {"uk": "Джерела", "en": "Sources"},
    "d.source_n": {"uk": "джерело {n}", "en": "source {n}"},
    "d.ended": {"uk": "розірвано {date}", "en": "ended {date}"},
    "d.not_on_map": {"uk": "немає координат", "en": "no coordinates"},
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "sister_city": {"uk": "місто-побратим", "en": "sister city"},
    "twinning": {"uk": "побратимство", "en": "twinning"},
    "partnership": {"uk": "партнерство", "en": "partnership"},
    "solidarity_partnership": {"uk": "партнерство солідарності", "en": "solidarity partnership"},
    "cooperation_agreement": {"uk": "угода про співпрацю", "en": "cooperation agreement"},
    "memorandum": {"uk": "меморандум", "en": "memorandum"},
    "friendship": {"uk": "дружба", "en": "friendship"},
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "signed": {"uk": "підписано", "en": "signed"},
    "approved": {"uk": "схвалено радою", "en": "approved by council"},
    "announced": {"uk": "оголошено", "en": "announced"},
    "in_preparation": {"uk": "готується", "en": "in preparation"},
    "terminated": {"uk": "розірвано", "en": "terminated"},
}

DATE_EVENT_LABELS: dict[str, dict[str, str]] = {
    "signed": {"uk": "підписано", "en": "signed"},
    "approved": {"uk": "схвалено", "en": "approved"},
    "announced": {"uk": "оголошено", "en": "announced"},
    "established": {"uk": "встановлено", "en": "established"},
    "terminated": {"uk": "розірвано", "en": "terminated"},
}

#: month names: nominative (for "березень 2023") and genitive (for "6 квітня 2023")
MONTHS: dict[str, tuple[str, ...]] = {
    "uk": ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень",
           "жовтень", "листопад", "грудень"),
    "uk_gen": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
               "жовтня", "листопада", "грудня"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def lang_or_default(lang: object) -> str:
    """``lang`` if it is a supported language code, else the default (Ukrainian)."""
    s = str(lang or "").strip().lower()
    return s if s in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The UI string ``key`` in ``lang`` with ``{name}`` placeholders filled. Unknown key: KeyError."""
    entry = CATALOGUE[key]
    s = entry[lang_or_default(lang)]
    return s.format(**values) if values else s


def kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    return KIND_LABELS.get(kind, {}).get(lang_or_default(lang), kind)


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    return STATUS_LABELS.get(status, {}).get(lang_or_default(lang), status)


def date_event_label(event: str, lang: str = DEFAULT_LANG) -> str:
    return DATE_EVENT_LABELS.get(event, {}).get(lang_or_default(lang), event)


def format_date(value: str, lang: str = DEFAULT_LANG) -> str:
    """A ``YYYY[-MM[-DD]]`` date at its own precision; "" for empty; the raw value if unparsable."""
    from .schema import parse_date

    if not value:
        return ""
    try:
        d = parse_date(value)
    except ValueError:
        return str(value)
    lang = lang_or_default(lang)
    if d.month is None:
        return str(d.year)
    if d.day is None:
        return f"{MONTHS[lang][d.month - 1]} {d.year}"
    if lang == "uk":
        return f"{d.day} {MONTHS['uk_gen'][d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"


def missing_keys() -> dict[str, list[str]]:
    """Keys lacking a language, per language (empty lists = complete). Used by the tests."""
    tables = [CATALOGUE, KIND_LABELS, STATUS_LABELS, DATE_EVENT_LABELS]
    return {lang: sorted(k for tab in tables for k, v in tab.items() if not v.get(lang)) for lang in LANGS}
