"""Country names and codes: ``to_iso2("Німеччина") == "DE"``, ``country_name("DE", "uk") == "Німеччина"``.

Built from data, not typed by hand: pycountry (ISO 3166-1 codes, English names, its gettext ``uk``/``ru``
translations) and ``NAME_EN``/``NAME_UK`` of ``geo/data/world_countries.geojson`` (Natural Earth), plus a
small table of abbreviations and everyday names people write (:data:`EXTRA_NAMES`). Matching is on
:func:`geo.normalize.fold` keys; a last fuzzy step (rapidfuzz, high threshold) catches typos such as
``Molodova``.
"""

from __future__ import annotations

import gettext
import json
from functools import lru_cache

from .normalize import fold

#: Everyday names and abbreviations that neither pycountry nor Natural Earth spell (folded on load).
EXTRA_NAMES: dict[str, str] = {
    # abbreviations
    "UK": "GB", "U.K.": "GB", "GB": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB", "Британія": "GB", "Англія": "GB", "Шотландія": "GB",
    "Уельс": "GB", "Великобританія": "GB", "Великобритания": "GB", "Англия": "GB",
    "USA": "US", "U.S.A.": "US", "U.S.": "US", "America": "US", "United States of America": "US",
    "США": "US", "Сполучені Штати": "US", "Сполучені Штати Америки": "US", "Америка": "US",
    "ФРН": "DE", "ФРГ": "DE", "BRD": "DE", "Deutschland": "DE", "Німеччина": "DE",
    "UAE": "AE", "ОАЕ": "AE", "ОАЭ": "AE", "ПАР": "ZA", "RSA": "ZA",
    "ЧР": "CZ", "Czech Republic": "CZ", "Czechia": "CZ", "Česko": "CZ", "Česká republika": "CZ",
    "Чеська Республіка": "CZ", "Чехия": "CZ",
    "Polska": "PL", "Rzeczpospolita Polska": "PL", "Польша": "PL",
    "Moldova": "MD", "Moldavia": "MD", "Молдова": "MD", "Молдавія": "MD", "Молдавия": "MD",
    "Holland": "NL", "Nederland": "NL", "The Netherlands": "NL", "Голландія": "NL",
    "Österreich": "AT", "Schweiz": "CH", "Suisse": "CH", "Svizzera": "CH", "Швейцарія": "CH",
    "France": "FR", "République française": "FR", "Italia": "IT", "España": "ES", "Espana": "ES",
    "Sverige": "SE", "Norge": "NO", "Danmark": "DK", "Suomi": "FI", "Eesti": "EE", "Latvija": "LV",
    "Lietuva": "LT", "Magyarország": "HU", "Slovensko": "SK", "Slovenija": "SI", "Hrvatska": "HR",
    "Srbija": "RS", "Србија": "RS", "România": "RO", "Romania": "RO", "България": "BG",
    "Sakartvelo": "GE", "Грузія": "GE", "Georgia (country)": "GE",
    "Türkiye": "TR", "Turkey": "TR", "Туреччина": "TR", "Republic of Korea": "KR", "South Korea": "KR",
    "Korea": "KR", "Південна Корея": "KR", "Корея": "KR", "North Korea": "KP",
    "Russia": "RU", "Росія": "RU", "Россия": "RU", "РФ": "RU", "Belarus": "BY", "Білорусь": "BY",
    "Беларусь": "BY", "Byelorussia": "BY", "Kosovo": "XK", "Косово": "XK",
    "Vatican": "VA", "Holy See": "VA", "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Laos": "LA",
    "Taiwan": "TW", "Macedonia": "MK", "North Macedonia": "MK", "Північна Македонія": "MK",
    "Bosnia": "BA", "Bosnia and Herzegovina": "BA", "Боснія і Герцеговина": "BA",
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Cape Verde": "CV", "Bolivia": "BO", "Venezuela": "VE",
    "Tanzania": "TZ", "Brunei": "BN", "Palestine": "PS", "Micronesia": "FM", "Sakartvelo (Georgia)": "GE",
    "Eire": "IE", "Éire": "IE", "Ireland": "IE", "Ірландія": "IE",
}

_GEOJSON = "world_countries.geojson"


def _geo_data_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(folded name -> iso2, iso2 -> {"en": name, "uk": name}). Built once per process."""
    import pycountry

    index: dict[str, str] = {}
    names: dict[str, dict[str, str]] = {}

    def add(name: str | None, iso2: str, *, overwrite: bool = False) -> None:
        key = fold(name or "")
        if key and (overwrite or key not in index):
            index[key] = iso2

    translations = {}
    for lang in ("uk", "ru"):
        try:
            translations[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:  # a pycountry build without that locale: English still works
            translations[lang] = gettext.NullTranslations()

    for c in pycountry.countries:
        iso2 = c.alpha_2
        en = getattr(c, "common_name", None) or c.name
        names[iso2] = {"en": en, "uk": translations["uk"].gettext(c.name)}
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            add(n, iso2)
            if n and "," in n:  # "Moldova, Republic of" -> "Moldova"
                add(n.split(",")[0], iso2)
            for lang in ("uk", "ru"):
                if n:
                    t = translations[lang].gettext(n)
                    if t != n or lang == "uk":
                        add(t, iso2)
                        if "," in t:
                            add(t.split(",")[0], iso2)

    with (_geo_data_dir() / _GEOJSON).open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    for f in features:
        p = f["properties"]
        iso2 = p.get("ISO_A2")
        if not iso2:
            continue
        country_like = p.get("TYPE") in {"Sovereign country", "Country", "Disputed"}
        for n in (p.get("NAME_EN"), p.get("NAME"), p.get("NAME_LONG"), p.get("NAME_UK")):
            add(n, iso2)
        if country_like and p.get("NAME_UK"):
            names.setdefault(iso2, {"en": p.get("NAME_EN") or "", "uk": ""})
            # Natural Earth's Ukrainian names are the ones Ukrainian readers expect (Чехія, not Чеська Республіка)
            names[iso2]["uk"] = p["NAME_UK"]
        if iso2 == "XK":
            names.setdefault("XK", {"en": p.get("NAME_EN") or "Kosovo", "uk": p.get("NAME_UK") or ""})

    for n, iso2 in EXTRA_NAMES.items():
        add(n, iso2, overwrite=True)
    # codes last, so a code always means its country
    for c in pycountry.countries:
        index[c.alpha_2.lower()] = c.alpha_2
        index[c.alpha_3.lower()] = c.alpha_2
    index["xk"] = "XK"
    index["uk"] = "GB"  # ISO reserves UK for the United Kingdom
    return index, names


def to_iso2(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a country code or name in English, Ukrainian, Russian or the local
    language (``"ФРН"``, ``"США"``, ``"Czech Republic"``, ``"DEU"``) or ``None`` if unknown."""
    if not text or not isinstance(text, str) or len(text) > 100:
        return None
    key = fold(text)
    if not key:
        return None
    index, _ = _tables()
    hit = index.get(key)
    if hit:
        return hit
    if key.startswith("the "):
        hit = index.get(key[4:])
        if hit:
            return hit
    if len(key) < 5:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, index.keys(), scorer=fuzz.ratio, score_cutoff=88)
    return index[best[0]] if best else None


def country_name(iso2: str, lang: str = "uk") -> str:
    """Name of a country in Ukrainian (``lang="uk"``) or English; the code itself if unknown."""
    if lang not in {"uk", "en"}:
        raise ValueError(f"lang must be 'uk' or 'en', got {lang!r}")
    code = (iso2 or "").strip().upper()
    _, names = _tables()
    entry = names.get(code)
    if not entry:
        return code
    return entry.get(lang) or entry.get("en") or code


def all_countries() -> dict[str, dict[str, str]]:
    """``{iso2: {"en": ..., "uk": ...}}`` for every known country."""
    return {k: dict(v) for k, v in _tables()[1].items()}
