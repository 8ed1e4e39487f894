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
    # column headers of the CSV/XLSX a person downloads (codes and human labels side by side)
    "col.id": {"uk": "ідентифікатор", "en": "id"},
    "col.ua_name_en": {"uk": "українська сторона (латиницею)", "en": "Ukrainian side (Latin)"},
    "col.ua_name_uk": {"uk": "українська сторона", "en": "Ukrainian side (Cyrillic)"},
    "col.ua_oblast": {"uk": "код області", "en": "oblast code"},
    "col.ua_oblast_name": {"uk": "область", "en": "oblast"},
    "col.ua_level": {"uk": "рівень української сторони", "en": "Ukrainian side level"},
    "col.partner_name": {"uk": "партнер", "en": "partner"},
    "col.partner_region": {"uk": "регіон партнера", "en": "partner region"},
    "col.partner_country": {"uk": "код країни партнера", "en": "partner country code"},
    "col.partner_country_name": {"uk": "країна партнера", "en": "partner country"},
    "col.partner_level": {"uk": "рівень партнера", "en": "partner level"},
    "col.kind": {"uk": "код виду", "en": "kind code"},
    "col.kind_label": {"uk": "вид зв'язку", "en": "kind of tie"},
    "col.status": {"uk": "код стану", "en": "status code"},
    "col.status_label": {"uk": "стан", "en": "status"},
    "col.date": {"uk": "дата", "en": "date"},
    "col.date_event": {"uk": "подія дати", "en": "event dated"},
    "col.ended": {"uk": "дата розірвання", "en": "ended"},
    "col.facilitator": {"uk": "посередник", "en": "facilitator"},
    "col.source_url": {"uk": "джерело", "en": "source"},
    "col.other_sources": {"uk": "інші джерела", "en": "other sources"},
    "col.ua_katottg": {"uk": "код КАТОТТГ", "en": "KATOTTG code"},
    "col.ua_hromada_katottg": {"uk": "код КАТОТТГ громади", "en": "hromada KATOTTG code"},
    "col.listed_by": {"uk": "у списках", "en": "listed by"},
    "col.events": {"uk": "історія", "en": "history"},
    "col.ua_lat": {"uk": "широта (Україна)", "en": "Ukrainian side latitude"},
    "col.ua_lon": {"uk": "довгота (Україна)", "en": "Ukrainian side longitude"},
    "col.partner_lat": {"uk": "широта партнера", "en": "partner latitude"},
    "col.partner_lon": {"uk": "довгота партнера", "en": "partner longitude"},
    "col.occupied_since": {"uk": "під окупацією з", "en": "occupied since"},
    "col.row": {"uk": "рядок", "en": "row"},
    "col.column": {"uk": "стовпець", "en": "column"},
    "col.reason": {"uk": "причина", "en": "reason"},
    "col.ids": {"uk": "ідентифікатори", "en": "ids"},
    "col.ua_name": {"uk": "українська сторона", "en": "Ukrainian side"},
    "col.country": {"uk": "країна", "en": "country"},
    "col.partner_names": {"uk": "назви партнера", "en": "partner names"},
    "col.score": {"uk": "схожість", "en": "similarity"},
    "col.register": {"uk": "реєстр громади (без публічного посилання)", "en": "council register (no public link)"},
    "col.notes": {"uk": "примітки", "en": "notes"},
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
    # coverage (pages/coverage.py, pobratymy/coverage.py, coverage_layers.py)
    "nav.coverage": {"uk": "Покриття", "en": "Coverage"},
    "cov.title": {"uk": "Громади з партнерами і без", "en": "Hromadas with and without partners"},
    "cov.headline": {"uk": "{n} з {total} громад мають партнерів", "en": "{n} of {total} hromadas have a partner"},
    "cov.rule": {
        "uk": "Рахуються підписані або схвалені радою зв'язки; розірвані, оголошені, підготовлювані та зв'язки "
              "з містами Росії й Білорусі — ні. Зв'язок міста чи села рахується його громаді; зв'язки районів "
              "і областей — нікому з громад. Окупований Крим і Севастополь показано окремо.",
        "en": "Signed or council-approved ties count; ended, announced, in-preparation ties and ties with "
              "Russian or Belarusian places do not. A city's or village's tie counts for its hromada; raion "
              "and oblast ties count for no hromada. Occupied Crimea and Sevastopol are shown apart.",
    },
    "cov.by_oblast": {"uk": "За областями", "en": "By oblast"},
    "cov.by_raion": {"uk": "За районами", "en": "By raion"},
    "cov.without": {"uk": "Громади без партнерів", "en": "Hromadas without partners"},
    "cov.col.oblast": {"uk": "Область", "en": "Oblast"},
    "cov.col.raion": {"uk": "Район", "en": "Raion"},
    "cov.col.hromada": {"uk": "Громада", "en": "Hromada"},
    "cov.col.centre": {"uk": "Центр", "en": "Centre"},
    "cov.col.hromadas": {"uk": "Громад", "en": "Hromadas"},
    "cov.col.with_partners": {"uk": "З партнерами", "en": "With partners"},
    "cov.col.share": {"uk": "Частка", "en": "Share"},
    "cov.col.partnerships": {"uk": "Зв'язків", "en": "Ties"},
    "cov.download_csv": {"uk": "Завантажити (CSV)", "en": "Download (CSV)"},
    "cov.download_xlsx": {"uk": "Завантажити (XLSX)", "en": "Download (XLSX)"},
    "cov.leads": {"uk": "Кого запросити в партнери", "en": "Who to approach"},
    "cov.leads_pick": {"uk": "Громада", "en": "Hromada"},
    "cov.leads_note": {
        "uk": "Це підказки, а не зв'язки: партнери сусідніх громад (спершу того самого району, далі області) "
              "і регіони-партнери області. Кожна підказка спирається на записи з даних.",
        "en": "These are leads, not ties: partners of neighbouring hromadas (the same raion first, then the "
              "oblast) and the oblast's partner regions. Each lead rests on records in the data.",
    },
    "cov.leads_none": {"uk": "Підказок немає.", "en": "No leads."},
    "cov.leads_regions": {"uk": "Регіони-партнери області", "en": "The oblast's partner regions"},
    "cov.and": {"uk": " і ", "en": " and "},
    "cov.reason_works_with": {"uk": "співпрацює з: {places}", "en": "works with {places}"},
    "cov.reason_similar": {"uk": "співпрацює з громадами подібного розміру: {places}",
                           "en": "works with hromadas of similar size: {places}"},
    "cov.reason_km": {"uk": "; найближча — за {km} км", "en": ", {km} km away"},
    "cov.reason_region": {"uk": "має угоду з областю ({places})", "en": "has an agreement with the oblast ({places})"},
    "cov.layer_points": {"uk": "Громади: з партнерами / без", "en": "Hromadas: with / without partners"},
    "cov.layer_choropleth": {"uk": "Частка громад з партнерами", "en": "Share of hromadas with partners"},
    "cov.with": {"uk": "має партнерів", "en": "has partners"},
    "cov.without_one": {"uk": "без партнерів", "en": "no partners"},
    "cov.tooltip_oblast": {
        "uk": "{oblast}: {n} з {total} громад мають партнерів ({share})",
        "en": "{oblast}: {n} of {total} hromadas have a partner ({share})",
    },
    "cov.legend": {"uk": "Частка громад з партнерами", "en": "Share of hromadas with partners"},
    "cov.no_data": {"uk": "Немає даних", "en": "No data"},
    "cov.ties_n": {"uk": "чинних зв'язків: {n}", "en": "live ties: {n}"},
    "cov.occupied": {"uk": "окупована з 2014 року", "en": "occupied since 2014"},
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
    "fig.ua_places": {"uk": "Українські учасники", "en": "Ukrainian participants"},
    "fig.ua_places_help": {"uk": "Міста, громади й села, а також райони та області, що мають партнерів.",
                           "en": "Cities, hromadas and villages, and also raions and oblasts, that have partners."},
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
    "f.coverage": {"uk": "Покриття громад (частка з партнерами)", "en": "Coverage of hromadas (share with partners)"},
    "f.coverage_help": {"uk": "Області, зафарбовані за часткою громад із чинним партнерством, і точки громад; "
                              "рахуються лише обрані фільтрами зв'язки; розірвані та з РФ/РБ — ні.",
                        "en": "Oblasts shaded by the share of hromadas with a live partnership, and hromada points; only "
                              "ties the filters select count; ended ties and ties with RU/BY never do."},
    "cov.rule_short": {"uk": "чинні партнерства; розірвані та з РФ/РБ не враховано",
                       "en": "live partnerships; ended ties and ties with RU/BY not counted"},
    "ev.undated": {"uk": "без дати", "en": "undated"},
    "ev.follow_up": {"uk": "подальший документ (протокол, план, продовження) до акта «{act}»",
                     "en": "a follow-up document (protocol, plan, renewal) to the act \"{act}\""},
    "ev.listed_by": {"uk": "у списку: {lists}", "en": "listed by {lists}"},
    "f.search_approx": {"uk": "Точного збігу для «{q}» немає — показано схожі назви. Перевірте написання.",
                        "en": "No exact match for “{q}” — showing similar names. Check the spelling."},
    "f.search_none": {"uk": "За запитом «{q}» нічого не знайдено.", "en": "Nothing matches “{q}”."},
    "d.end_ua": {"uk": "українська сторона", "en": "Ukrainian side"},
    "d.end_partner": {"uk": "партнер", "en": "partner"},
    "d.no_coords": {"uk": "без координат: {which}", "en": "no coordinates: {which}"},
    "map.overview_hint": {
        "uk": "Огляд: одна лінія від області до країни-партнера, товщина — кількість зв'язків. Клацніть лінію, "
              "наблизьте мапу або оберіть область чи країну, щоб побачити кожен зв'язок.",
        "en": "Overview: one line from an oblast to a partner country, width = number of ties. Click a line, zoom in "
              "or pick an oblast or a country to see every tie."},
    "map.legend_status": {"uk": "Стан", "en": "Status"},
    "map.legend_signed": {"uk": "підписано", "en": "signed"},
    "map.legend_pending": {"uk": "схвалено, оголошено, готується (ще не підписано) або лише у списку",
                           "en": "approved, announced, in preparation (not yet signed) or listed only"},
    "map.legend_ended": {"uk": "розірвано або більше не діє", "en": "terminated or no longer active"},
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
    "d.ua_partners": {"uk": "Українські партнери", "en": "Ukrainian partners"},
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
    # timeline (pobratymy.timeline, pages/timeline.py)
    "tl.header": {"uk": "Хронологія підписань", "en": "Signing timeline"},
    "tl.m_2014": {"uk": "березень 2014: окупація Криму, війна на Донбасі",
                  "en": "March 2014: occupation of Crimea, war in Donbas"},
    "tl.m_2022": {"uk": "24 лютого 2022: повномасштабне вторгнення", "en": "24 February 2022: full-scale invasion"},
    "tl.freq": {"uk": "Крок", "en": "Bins"},
    "tl.freq_month": {"uk": "місяць", "en": "month"},
    "tl.freq_quarter": {"uk": "квартал", "en": "quarter"},
    "tl.freq_year": {"uk": "рік", "en": "year"},
    "tl.by": {"uk": "Розбивка", "en": "Stack by"},
    "tl.by_kind": {"uk": "за видом зв'язку", "en": "kind of tie"},
    "tl.by_country": {"uk": "за країною партнера", "en": "partner country"},
    "tl.other": {"uk": "інші", "en": "other"},
    "tl.count": {"uk": "Підписань", "en": "Signings"},
    "tl.period": {"uk": "Період", "en": "Period"},
    "tl.group": {"uk": "Група", "en": "Group"},
    "tl.cumulative": {"uk": "Усього зв'язків", "en": "Ties in total"},
    "tl.cum_low": {"uk": "точно вже підписані", "en": "certainly signed by then"},
    "tl.cum_high": {"uk": "можливо вже підписані", "en": "possibly signed by then"},
    "tl.year_only": {"uk": "Лише рік", "en": "Year only"},
    "tl.precision": {
        "uk": "Дати початку: {day} — з точністю до дня, {month} — до місяця, {year} — лише рік; без дати: {none}.",
        "en": "Start dates: {day} to the day, {month} to the month, {year} to the year only; undated: {none}.",
    },
    "tl.year_only_note": {
        "uk": "Дат, відомих лише з точністю до року: {n} — вони показані окремою смугою на весь рік, а не 1 січня.",
        "en": "{n} dates are known only to the year: they are shown as a separate band spanning the year, "
              "not on 1 January.",
    },
    "tl.select_hint": {
        "uk": "Виділіть період на графіку (протягніть мишею) або оберіть його повзунком — мапа покаже лише ці підписання.",
        "en": "Drag across the chart or use the slider to pick a period — the map then shows only those signings.",
    },
    "tl.range": {"uk": "Період підписання", "en": "Signing period"},
    "tl.period_active": {"uk": "Мапа: підписання {first} — {last}", "en": "Map: signings {first} – {last}"},
    "tl.period_clear": {"uk": "Скинути період", "en": "Clear period"},
    "tl.none": {"uk": "У вибірці немає датованих записів.", "en": "No dated record in the selection."},
    "tl.show_panel": {"uk": "Хронологія підписань", "en": "Signing timeline"},
    "tl.quarter": {"uk": "{q} кв. {y}", "en": "Q{q} {y}"},
    "tl.window": {"uk": "Показати", "en": "Show"},
    "tl.since_2014": {"uk": "з 2014 року", "en": "since 2014"},
    "tl.all_years": {"uk": "усі роки", "en": "all years"},
    "tl.earlier": {"uk": "Підписань до 2014 року: ще {n} — оберіть «усі роки».",
                   "en": "{n} more signings before 2014 — choose “all years”."},
    # growth replay
    "rp.header": {"uk": "Як зростала мережа", "en": "How the network grew"},
    "rp.as_of": {"uk": "Станом на", "en": "As of"},
    "rp.play": {"uk": "▶ Відтворити", "en": "▶ Play"},
    "rp.pause": {"uk": "⏸ Пауза", "en": "⏸ Pause"},
    "rp.status": {"uk": "Станом на {date}: зв'язків — {n}, нових — {new}",
                  "en": "As of {date}: {n} ties, {new} new"},
    "rp.undated": {
        "uk": "Записів без дати початку (у відтворенні не показані): {n}.",
        "en": "{n} records without a start date are not shown in the replay.",
    },
    "rp.new": {"uk": "нові зв'язки", "en": "new ties"},
    # presentation mode (pobratymy.present)
    "pr.enter": {"uk": "Режим презентації", "en": "Presentation mode"},
    "pr.exit": {"uk": "Вийти з презентації", "en": "Leave presentation"},
    "pr.ukraine": {"uk": "Україна", "en": "Ukraine"},
    "pr.partnerships_n": {"uk": "{n} партнерство|{n} партнерства|{n} партнерств",
                          "en": "{n} partnership|{n} partnerships"},
    "pr.ended_n": {"uk": "{n} припинений зв'язок|{n} припинені зв'язки|{n} припинених зв'язків",
                   "en": "{n} ended tie|{n} ended ties"},
    "pr.only_terminated": {"uk": "лише розірвані або ті, що не діють", "en": "terminated or inactive only"},
    "pr.statuses": {"uk": "стан: {statuses}", "en": "status: {statuses}"},
    "pr.years": {"uk": "{first}–{last} рр.", "en": "{first}–{last}"},
    "pr.keys_hint": {"uk": "Клавіші ← → (або PageUp/PageDown пульта) — попередній/наступний партнер; Esc — вихід.",
                     "en": "Keys ← → (or a clicker's PageUp/PageDown) step through partners; Esc leaves."},
    "pr.countries_n": {"uk": "{n} країна|{n} країни|{n} країн", "en": "{n} country|{n} countries"},
    "pr.focus": {"uk": "Місце в центрі уваги", "en": "Spotlight a place"},
    "pr.focus_missing": {"uk": "Місце «{q}» не знайдено.", "en": "No place matches “{q}”."},
    "pr.next_partner": {"uk": "Наступний ▶", "en": "Next ▶"},
    "pr.prev_partner": {"uk": "◀ Попередній", "en": "◀ Previous"},
    "pr.next_year": {"uk": "Наступний рік ▶", "en": "Next year ▶"},
    "pr.all_years": {"uk": "Усі роки", "en": "All years"},
    "pr.up_to_year": {"uk": "Підписано до кінця {year} року", "en": "Signed by the end of {year}"},
    "pr.no_date": {"uk": "дата невідома", "en": "date unknown"},
    # exports (pobratymy.exporting)
    "ex.header": {"uk": "Експорт поточного вигляду", "en": "Export the current view"},
    "ex.html": {"uk": "Мапа HTML (працює без інтернету)", "en": "Map as HTML (works offline)"},
    "ex.csv": {"uk": "Таблиця CSV", "en": "Table as CSV"},
    "ex.xlsx": {"uk": "Таблиця Excel", "en": "Table as Excel"},
    "ex.geojson": {"uk": "Лінії GeoJSON (для QGIS)", "en": "Lines as GeoJSON (for QGIS)"},
    "ex.png": {"uk": "Зображення мапи PNG", "en": "Map image as PNG"},
    "ex.png_make": {"uk": "Підготувати PNG", "en": "Render PNG"},
    "ex.no_chromium": {
        "uk": "PNG недоступний: на цьому комп'ютері не знайдено браузера Chromium (встановіть пакет chromium "
              "або зробіть знімок екрана).",
        "en": "PNG is not available: no Chromium browser was found on this computer (install the chromium "
              "package, or take a screenshot).",
    },
    "ex.png_failed": {"uk": "Не вдалося створити PNG: {reason}", "en": "The PNG could not be rendered: {reason}"},
    "ex.sources_note": {"uk": "Побратими · дані станом на {date} · джерела: {sources}",
                        "en": "Pobratymy · data as of {date} · sources: {sources}"},
    "ex.sources_more": {"uk": "{hosts} та ще {n} (усі посилання — у таблиці CSV/XLSX)",
                        "en": "{hosts} and {n} more (every link is in the CSV/XLSX table)"},
    # import page (pages/import.py)
    "import.title": {"uk": "Імпорт таблиці громади", "en": "Import a council's spreadsheet"},
    "import.upload": {"uk": "Файл CSV або XLSX (до 10 МБ, до 50 000 рядків)",
                      "en": "CSV or XLSX file (up to 10 MB, 50,000 rows)"},
    "import.source": {"uk": "Сторінка, де опубліковано весь перелік (для рядків без посилання)",
                      "en": "Page where the whole list is published (for rows without a link)"},
    "import.mapping": {"uk": "Відповідність стовпців", "en": "Column mapping"},
    "import.apply_mapping": {"uk": "Застосувати", "en": "Apply"},
    "import.ignored": {"uk": "Пропущені стовпці", "en": "Ignored columns"},
    "import.refused": {"uk": "Файл не прийнято", "en": "File refused"},
    "import.counts": {"uk": "Прийнято: {a} · відхилено: {r} · дублікати: {d} · порожніх рядків: {b}",
                      "en": "Accepted: {a} · rejected: {r} · duplicates: {d} · blank rows: {b}"},
    "import.rows": {"uk": "Усі рядки", "en": "All rows"},
    "import.map": {"uk": "Попередній перегляд прийнятих рядків", "en": "Preview of accepted rows"},
    "import.rejected": {"uk": "Рядки, які треба виправити", "en": "Rows to fix"},
    "import.dl_csv": {"uk": "Завантажити відхилені (CSV)", "en": "Download rejected rows (CSV)"},
    "import.dl_xlsx": {"uk": "Завантажити відхилені (XLSX)", "en": "Download rejected rows (XLSX)"},
    "import.save": {"uk": "Зберегти прийняті рядки ({n})", "en": "Save the accepted rows ({n})"},
    "import.readonly": {"uk": "Лише перегляд: збереження потребує пароля адміністратора.",
                        "en": "Read-only: saving needs the admin password."},
    "import.saved": {"uk": "Збережено {n} рядків.", "en": "Saved {n} rows."},
    "import.conflict": {"uk": "Файл даних змінився після завантаження. Оновіть сторінку й повторіть.",
                        "en": "The data file changed since it was loaded. Reload the page and try again."},
    "import.online": {"uk": "Також запитати OpenStreetMap Nominatim (потрібен інтернет)",
                      "en": "Also ask OpenStreetMap Nominatim (needs internet)"},
    "import.online_help": {
        "uk": "Лише для місць, яких немає в офлайн-довіднику; не частіше одного запиту на секунду. "
              "Знайдені координати зберігаються в places.csv разом із прийнятими рядками.",
        "en": "Only for places the offline gazetteer lacks; at most one request per second. "
              "Coordinates found are kept in places.csv when the accepted rows are saved."},
    "import.online_stats": {"uk": "Nominatim: знайдено {ok}, не знайдено {nf}, помилок {fail}, з кешу {cached}",
                            "en": "Nominatim: {ok} found, {nf} not found, {fail} failed, {cached} from the cache"},
    "import.online_failed": {
        "uk": "Nominatim не відповів для {n} місць (немає інтернету чи обмеження запитів): ці рядки без координат.",
        "en": "Nominatim failed for {n} place(s) (no internet or rate limit): those rows have no coordinates."},
    "import.online_not_cached": {
        "uk": "Рядки збережено, але координати нових місць не вдалося записати в {path}: {reason}",
        "en": "The rows are saved, but the coordinates of the new places could not be written to {path}: {reason}"},
    # import page, more (pages/import.py)
    "import.source_any": {"uk": "Джерело всього переліку: посилання або назва реєстру (для рядків без посилання)",
                          "en": "Source of the whole list: a link or the register's name (for rows without a link)"},
    "import.browse": {"uk": "Обрати файл", "en": "Choose a file"},
    "import.limit": {"uk": "до 10 МБ · CSV, TXT, XLSX", "en": "up to 10 MB · CSV, TXT, XLSX"},
    "import.source_bad": {"uk": "Джерело має бути посиланням http(s) або назвою реєстру (без розмітки й формул); не враховано.",
                          "en": "The source must be an http(s) link or the register's name (no markup, no formula); ignored."},
    "import.who": {"uk": "Хто імпортує (ім'я або посада)", "en": "Who is importing (name or post)"},
    "import.require_link": {"uk": "Лише рядки з публічним посиланням (суворий режим)",
                             "en": "Only rows with a public link (strict)"},
    "import.ambiguous": {"uk": "Рядки, де назва підходить кільком громадам: оберіть область",
                         "en": "Rows whose name fits several hromadas: choose the oblast"},
    "import.ambiguous_row": {"uk": "Рядок {row}: {place}", "en": "Row {row}: {place}"},
    "import.choose": {"uk": "— оберіть —", "en": "— choose —"},
    "import.col.row": {"uk": "Рядок", "en": "Row"},
    "import.col.verdict": {"uk": "Рішення", "en": "Verdict"},
    "import.col.reason": {"uk": "Причина", "en": "Reason"},
    "import.col.warnings": {"uk": "Попередження", "en": "Warnings"},
    "import.col.ua": {"uk": "Місце в Україні", "en": "Ukrainian place"},
    "import.col.oblast": {"uk": "Область", "en": "Oblast"},
    "import.col.partner": {"uk": "Партнер", "en": "Partner"},
    "import.col.country": {"uk": "Країна", "en": "Country"},
    "import.col.kind": {"uk": "Вид", "en": "Kind"},
    "import.col.status": {"uk": "Статус", "en": "Status"},
    "import.col.date": {"uk": "Дата", "en": "Date"},
    "import.col.source": {"uk": "Джерело", "en": "Source"},
    "import.col.on_map": {"uk": "На мапі", "en": "On map"},
    "import.yes": {"uk": "так", "en": "yes"},
    "import.no": {"uk": "ні", "en": "no"},
    "import.field.none": {"uk": "— не імпортувати —", "en": "— do not import —"},
    "import.field.ua_place": {"uk": "Місто чи громада в Україні", "en": "Ukrainian city or hromada"},
    "import.field.ua_name_uk": {"uk": "Назва українською", "en": "Ukrainian name in Cyrillic"},
    "import.field.ua_name_en": {"uk": "Назва латиницею", "en": "Ukrainian name in Latin letters"},
    "import.field.ua_oblast": {"uk": "Область", "en": "Oblast"},
    "import.field.ua_level": {"uk": "Рівень (місто, громада, село…)", "en": "Level (city, hromada, village…)"},
    "import.field.partner_name": {"uk": "Місто-партнер", "en": "Partner city"},
    "import.field.partner_region": {"uk": "Регіон партнера", "en": "Partner region"},
    "import.field.partner_country": {"uk": "Країна партнера", "en": "Partner country"},
    "import.field.partner_level": {"uk": "Рівень партнера", "en": "Partner level"},
    "import.field.kind": {"uk": "Вид зв'язку", "en": "Kind of tie"},
    "import.field.status": {"uk": "Статус", "en": "Status"},
    "import.field.date": {"uk": "Дата", "en": "Date"},
    "import.field.date_event": {"uk": "Що датує дата", "en": "Which event the date dates"},
    "import.field.ended": {"uk": "Дата розірвання", "en": "Date ended"},
    "import.field.facilitator": {"uk": "Посередник", "en": "Facilitator"},
    "import.field.source_url": {"uk": "Посилання на джерело", "en": "Source link"},
    "import.field.other_sources": {"uk": "Інші джерела", "en": "Other sources"},
    "import.field.notes": {"uk": "Примітки", "en": "Notes"},
    "import.field.id": {"uk": "Ідентифікатор", "en": "Identifier"},
    "import.choice_done": {"uk": "Рядок {row}: обрано {choice}", "en": "Row {row}: chose {choice}"},
    # importer verdicts, reasons and warnings (pobratymy/importer.py; JSON keeps the English codes)
    "imp.verdict.accepted": {"uk": "прийнято", "en": "accepted"},
    "imp.verdict.rejected": {"uk": "відхилено", "en": "rejected"},
    "imp.verdict.duplicate": {"uk": "дублікат", "en": "duplicate"},
    "imp.what.partner_name": {"uk": "назва партнера", "en": "partner name"},
    "imp.what.partner_region": {"uk": "регіон партнера", "en": "partner region"},
    "imp.what.ua_place": {"uk": "місце в Україні", "en": "Ukrainian place"},
    "imp.what.facilitator": {"uk": "посередник", "en": "facilitator"},
    "imp.what.kind": {"uk": "вид", "en": "type"},
    "imp.what.status": {"uk": "статус", "en": "status"},
    "imp.what.date": {"uk": "дата", "en": "date"},
    "imp.what.ended": {"uk": "дата розірвання", "en": "ended"},
    "imp.partner_empty": {"uk": "місто-партнер не вказано", "en": "partner city is empty"},
    "imp.markup": {"uk": "{what} {value} — це HTML-розмітка, а не назва", "en": "{what} {value} is HTML markup, not a name"},
    "imp.formula": {"uk": "{what} {value} схоже на формулу таблиці, а не на назву",
                    "en": "{what} {value} looks like a spreadsheet formula, not a name"},
    "imp.no_letters": {"uk": "{what} {value} не містить літер", "en": "{what} {value} has no letters"},
    "imp.too_long": {"uk": "{what} має {n} символів: це не назва місця", "en": "{what} is {n} characters long; not a place name"},
    "imp.country_unknown": {"uk": "країну {value} не розпізнано; напишіть назву або код ISO (DE, PL, US)",
                            "en": "country {value} is not recognised; write its name or ISO code (DE, PL, US)"},
    "imp.country_missing": {"uk": "не вказано країну партнера", "en": "partner country is missing"},
    "imp.ua_empty": {"uk": "не вказано місто чи громаду в Україні", "en": "Ukrainian city/hromada is empty"},
    "imp.ua_not_found_hromada": {
        "uk": "місце в Україні {value} не знайдено в довіднику; напишіть назву міста чи села",
        "en": "Ukrainian place {value} not found in the gazetteer; write the city or village name"},
    "imp.ua_not_found_oblast": {"uk": "місце в Україні {value} не знайдено в довіднику; додайте область",
                                "en": "Ukrainian place {value} not found in the gazetteer; add its oblast"},
    "imp.ua_ambiguous": {"uk": "назва {value} підходить кільком місцям: {candidates}; вкажіть область",
                         "en": "{value} fits several places: {candidates}; give the oblast"},
    "imp.word_unknown": {"uk": "{what} {value} не розпізнано; напишіть, наприклад, {examples}",
                         "en": "{what} {value} is not recognised; use e.g. {examples}"},
    "imp.invalid": {"uk": "рядок не пройшов перевірку: {detail}", "en": "{detail}"},
    "imp.no_link": {"uk": "немає посилання на джерело: додайте сторінку http(s), де опубліковано партнерство",
                    "en": "no source link: add the http(s) page where the partnership is published"},
    "imp.dup_existing": {"uk": "уже є в даних як {id}", "en": "already in the dataset as {id}"},
    "imp.dup_row": {"uk": "те саме партнерство, що й у рядку {row} цього файлу",
                    "en": "same partnership as row {row} of this file"},
    "imp.partner_local": {"uk": "партнера {value} записано як {local} — назвою в його країні",
                          "en": "partner {value} written as {local}, its name in its country"},
    "imp.partner_cyrillic": {"uk": "партнера {value} залишено кирилицею: немає в довіднику",
                             "en": "partner {value} kept in Cyrillic: not found in the gazetteer"},
    "imp.partner_not_found": {"uk": "партнера {value} ({country}) немає в довіднику: без координат",
                              "en": "partner {value} ({country}) not found in the gazetteer: no coordinates"},
    "imp.partner_level_unknown": {"uk": "рівень партнера {value} не розпізнано; залишено порожнім",
                                  "en": "partner level {value} not recognised; left blank"},
    "imp.oblast_unknown": {"uk": "область {value} не розпізнано; пропущено", "en": "oblast {value} not recognised; ignored"},
    "imp.ua_level_unknown": {"uk": "рівень {value} не розпізнано", "en": "level {value} not recognised"},
    "imp.ua_other_oblast": {"uk": "{value} знайдено в області {found}, а не у вказаній {given}",
                            "en": "{value} was found in {found}, not in the given oblast {given}"},
    "imp.ua_not_found": {"uk": "місця в Україні {value} немає в довіднику: без координат",
                         "en": "Ukrainian place {value} not found in the gazetteer: no coordinates"},
    "imp.ua_level_default": {"uk": "рівень української сторони не вказано; записано як місто",
                             "en": "level of the Ukrainian side not given; recorded as city"},
    "imp.ua_hromada": {"uk": "{value}: громада з центром у {centre} ({oblast})",
                       "en": "{value}: the hromada centred on {centre} ({oblast})"},
    "imp.default": {"uk": "{what} не вказано; записано як «{default}»", "en": "{what} not given; recorded as {default}"},
    "imp.date_range": {"uk": "{what} {value}: рік {year} поза межами {lo}–{hi}; залишено порожньою",
                       "en": "{what} {value}: year {year} is out of range {lo}-{hi}; left blank"},
    "imp.date_month": {"uk": "{what} {value}: місяця {month} не існує; залишено порожньою",
                       "en": "{what} {value}: month {month} does not exist; left blank"},
    "imp.date_day": {"uk": "{what} {value} не існує (день {day}); залишено порожньою",
                     "en": "{what} {value} does not exist (day {day}); left blank"},
    "imp.date_not_date": {"uk": "{what} {value} — не дата; залишено порожньою", "en": "{what} {value} is not a date; left blank"},
    "imp.date_number": {"uk": "{what} {value} — число, а не дата; залишено порожньою",
                        "en": "{what} {value} is a number, not a date; left blank"},
    "imp.date_unreadable": {"uk": "{what} {value} не вдалося прочитати; залишено порожньою",
                            "en": "{what} {value} could not be read; left blank"},
    "imp.ended_sets_terminated": {"uk": "вказано дату розірвання, тому статус — «розірвано»",
                                  "en": "an end date is given, so status set to terminated"},
    "imp.unsafe_link": {"uk": "небезпечне посилання {value} відкинуто (зберігаються лише http/https)",
                        "en": "unsafe link {value} dropped (only http/https links are kept)"},
    "imp.link_scheme": {"uk": "посилання {value} без http(s)://; додано https://",
                        "en": "link {value} had no http(s)://; https:// added"},
    "imp.no_public_link": {"uk": "немає публічного посилання: джерелом записано реєстр громади (файл {file}, рядок {row})",
                           "en": "no public link: cited as the council's own register (file {file}, row {row})"},
    "imp.filled_down": {"uk": "{column}: об'єднана клітинка, значення {value} взято з рядка {from_row}",
                        "en": "{column}: merged cell, value {value} filled down from row {from_row}"},
    "imp.cli_file": {"uk": "{name} ({how}); заголовок у рядку {row}", "en": "{name} ({how}); header on row {row}"},
    "imp.cli_columns": {"uk": "стовпці: {cols}", "en": "columns: {cols}"},
    "imp.cli_ignored": {"uk": "пропущені стовпці: {cols}", "en": "ignored columns: {cols}"},
    "imp.warning": {"uk": "попередження", "en": "warning"},
    "imp.summary": {"uk": "прийнято: {a}, відхилено: {r}, дублікатів: {d}",
                    "en": "{a} accepted, {r} rejected, {d} duplicate"},
    "imp.summary_blank": {"uk": "; порожніх рядків пропущено: {b}", "en": "; {b} blank row(s) skipped"},
    "prov.no_link": {"uk": "немає публічного посилання", "en": "no public link"},
    "prov.register": {"uk": "Реєстр громади", "en": "Council's register"},
    # admin rights (import and data quality pages)
    "admin.password": {"uk": "Пароль адміністратора", "en": "Admin password"},
    "admin.no_password": {"uk": "Пароль адміністратора не налаштовано: застосунок працює лише для читання.",
                          "en": "No admin password is configured: the app is read-only."},
    # data quality page (pages/quality.py)
    "quality.title": {"uk": "Якість даних", "en": "Data quality"},
    "quality.intro": {
        "uk": "Що перевірити й виправити: місця без координат або з сумнівним збігом, записи без дати чи "
              "джерела, можливі дублікати.",
        "en": "What to check and fix: places without coordinates or matched doubtfully, records without a "
              "date or a source, suspected duplicates.",
    },
    "quality.rows": {"uk": "Записи", "en": "Records"},
    "quality.invalid": {"uk": "Пропущено через помилки", "en": "Left out (errors)"},
    "quality.with_date": {"uk": "З датою", "en": "With a date"},
    "quality.day_precision": {"uk": "Дата до дня", "en": "Dated to the day"},
    "quality.terminated": {"uk": "Розірвано", "en": "Terminated"},
    "quality.sources_per_row": {"uk": "Джерел на запис", "en": "Sources per record"},
    "quality.unresolved": {"uk": "Місця без координат", "en": "Places without coordinates"},
    "quality.of_places": {"uk": "з {n} місць", "en": "of {n} places"},
    "quality.places_header": {"uk": "Місця, які треба перевірити", "en": "Places to check"},
    "quality.places_none": {"uk": "Усі місця мають координати й однозначний збіг.",
                            "en": "Every place has coordinates and an unambiguous match."},
    "quality.problem.unresolved": {"uk": "без координат", "en": "no coordinates"},
    "quality.problem.ambiguous": {"uk": "неоднозначна назва", "en": "ambiguous name"},
    "quality.problem.low_confidence": {"uk": "слабкий збіг", "en": "weak match"},
    "quality.col.problem": {"uk": "Проблема", "en": "Problem"},
    "quality.col.place": {"uk": "Місце", "en": "Place"},
    "quality.col.country": {"uk": "Країна", "en": "Country"},
    "quality.col.region": {"uk": "Регіон", "en": "Region"},
    "quality.col.rows": {"uk": "Записів", "en": "Records"},
    "quality.col.current": {"uk": "Зараз на мапі", "en": "On the map now"},
    "quality.col.confidence": {"uk": "Впевненість", "en": "Confidence"},
    "quality.col.candidates": {"uk": "Варіанти", "en": "Candidates"},
    "quality.no_gazetteer": {"uk": "Довідник місць недоступний ({reason}): показано лише місця без координат.",
                             "en": "The place gazetteer is unavailable ({reason}): only places without "
                                   "coordinates are shown."},
    "quality.fix_header": {"uk": "Вибрати правильне місце", "en": "Pick the right place"},
    "quality.pick_place": {"uk": "Місце з переліку", "en": "Place from the list"},
    "quality.pick_candidate": {"uk": "Правильне місце", "en": "The right place"},
    "quality.no_candidates": {"uk": "Довідник не знає варіантів для цього місця: додайте рядок у {path} вручну.",
                              "en": "The gazetteer has no candidates for this place: add a row to {path} by hand."},
    "quality.save_override": {"uk": "Зберегти вибір", "en": "Save the choice"},
    "quality.saved_override": {"uk": "Збережено: {place} → {lat}, {lon}.", "en": "Saved: {place} → {lat}, {lon}."},
    "quality.override_help": {"uk": "Вибір записується в {path} і має перевагу над автоматичним пошуком.",
                              "en": "The choice is written to {path} and wins over the automatic lookup."},
    "quality.readonly": {"uk": "Лише перегляд: вибір місця потребує пароля адміністратора.",
                         "en": "Read-only: picking a place needs the admin password."},
    "quality.no_date_header": {"uk": "Записи без дати", "en": "Records without a date"},
    "quality.no_source_header": {"uk": "Записи без джерела", "en": "Records without a source"},
    "quality.invalid_header": {"uk": "Рядки, пропущені через помилки", "en": "Rows left out because of errors"},
    "quality.dup_header": {"uk": "Можливі дублікати", "en": "Suspected duplicates"},
    "quality.dup.same_pair": {"uk": "та сама пара", "en": "same pair"},
    "quality.dup.similar_name": {"uk": "схожі назви партнера", "en": "similar partner names"},
    "quality.download": {"uk": "Завантажити список (CSV)", "en": "Download the list (CSV)"},
    "quality.none": {"uk": "Немає.", "en": "None."},
    "quality.computing": {"uk": "Перевіряю місця за довідником…", "en": "Checking places against the gazetteer…"},
    "quality.manual": {"uk": "Або вкажіть координати вручну", "en": "Or enter the coordinates by hand"},
    "quality.lat": {"uk": "Широта", "en": "Latitude"},
    "quality.lon": {"uk": "Довгота", "en": "Longitude"},
    "quality.save_manual": {"uk": "Зберегти координати", "en": "Save the coordinates"},
    # data honesty (round 3): details panel lines, legend, occupation caveat
    "data.listed_by": {"uk": "у списку: {lists}; документа не бачили",
                       "en": "listed by {lists}; no document seen"},
    "data.inactive_help": {"uk": "не діє; жодне джерело не фіксує його припинення",
                           "en": "no longer active; no source records its end"},
    "data.ended_by": {"uk": "припинено: {act}", "en": "ended by: {act}"},
    "data.events": {"uk": "Історія: {events}", "en": "History: {events}"},
    "data.occupied": {"uk": "{place}: тимчасово окупована територія з {since}",
                      "en": "{place}: under temporary occupation since {since}"},
}

# kind and status labels: one table with the importer's words (pobratymy/vocabulary.py)
from .vocabulary import KIND_LABELS, STATUS_LABELS  # noqa: E402

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


def column_label(column: str, lang: str = DEFAULT_LANG) -> str:
    """Header of a data column in a download; the column's own name when it has no label."""
    entry = CATALOGUE.get(f"col.{column}")
    return entry[lang_or_default(lang)] if entry else column


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


def plural_uk(n: int) -> int:
    """Index of the Ukrainian plural form for ``n``: 0 one (1, 21), 1 few (2-4, 22-24), 2 many (5-20, 0)."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def tn(key: str, lang: str, n: int, **values: object) -> str:
    """A counted phrase: the catalogue entry holds ``|``-separated forms (uk: one|few|many, en:
    one|other), e.g. ``tn("pr.partnerships_n", "uk", 14)`` -> "14 партнерств"."""
    lang = lang_or_default(lang)
    forms = CATALOGUE[key][lang].split("|")
    idx = plural_uk(n) if lang == "uk" else (0 if abs(int(n)) == 1 else 1)
    return forms[min(idx, len(forms) - 1)].format(n=format_number(n, lang), **values)


def format_percent(value: float, lang: str = DEFAULT_LANG) -> str:
    """"36,7 %" (uk) / "36.7 %" (en); whole numbers without decimals ("75 %")."""
    v = float(value)
    return f"{format_number(int(v) if v == int(v) else round(v, 1), lang)} %"


def format_number(n: float, lang: str = DEFAULT_LANG) -> str:
    """Thousands separated per language: "1 234" (uk, narrow no-break space) / "1,234" (en)."""
    s = f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"
    if lang_or_default(lang) == "uk":
        s = s.replace(",", "\u202f").replace(".", ",")
    return s


def missing_keys() -> dict[str, list[str]]:
    """Keys lacking a language, per language (empty lists = complete). Used by the tests."""
    tables = [CATALOGUE, KIND_LABELS, STATUS_LABELS, DATE_EVENT_LABELS]
    return {lang: sorted(k for tab in tables for k, v in tab.items() if not v.get(lang)) for lang in LANGS}
