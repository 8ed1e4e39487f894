"""Name normalisation and transliteration (pure, no I/O).

- :func:`translit_uk` — the official Ukrainian national romanisation (Cabinet of Ministers resolution
  No. 55 of 27 January 2010, "KMU 2010"): ``Кривий Ріг`` -> ``Kryvyi Rih``, ``Запоріжжя`` ->
  ``Zaporizhzhia``, ``Згурівка`` -> ``Zghurivka``; apostrophes and soft signs are dropped.
- :func:`fold` — a matching key: Unicode NFKC, case-folded, apostrophe variants removed, Latin
  diacritics stripped (``Düsseldorf`` -> ``dusseldorf``), punctuation to single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Every apostrophe-like character people type in Ukrainian names.
APOSTROPHES = "'’ʼ`´‘ʹ′＇"

_KMU_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian letters, so Russian-spelled input still gives something sensible
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_CYR = re.compile(r"[\u0400-\u04FF]")
_APOS_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")


def has_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text or ""))


def translit_uk(text: str) -> str:
    """Romanise Ukrainian Cyrillic with the KMU 2010 table; other characters pass through.

    Capitalisation follows the source letter (``Ї`` at a word start -> ``Yi``; an all-caps word stays
    all caps). ``зг`` becomes ``zgh`` so it is not read as ``zh``.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    prev_letter = False
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        if ch in APOSTROPHES and prev_letter and i + 1 < n and text[i + 1].isalpha():
            continue  # apostrophe inside a word (Кам'янець) is not transliterated
        if low not in _KMU:
            out.append(ch)
            prev_letter = ch.isalpha()
            continue
        if not prev_letter and low in _KMU_START:
            lat = _KMU_START[low]
        elif low == "г" and i > 0 and text[i - 1].lower() == "з":
            lat = "gh"
        else:
            lat = _KMU[low]
        if ch != low and lat:  # upper case source letter
            nxt = text[i + 1] if i + 1 < n else ""
            whole_word_caps = nxt.isalpha() and nxt.isupper()
            lat = lat.upper() if whole_word_caps else lat[0].upper() + lat[1:]
        out.append(lat)
        prev_letter = True
    return "".join(out)


def strip_diacritics(text: str) -> str:
    """Remove combining marks from Latin letters (``Łódź`` -> ``Lodz``); Cyrillic stays intact."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
    text = text.replace("đ", "d").replace("Đ", "D").replace("ı", "i").replace("æ", "ae").replace("œ", "oe")
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            base = out[-1] if out else ""
            if base and _CYR.match(base):  # keep й, ї, ё as letters
                out[-1] = unicodedata.normalize("NFC", base + ch)
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


_NON_WORD = re.compile(r"[^\w]+", flags=re.UNICODE)


def fold(text: str) -> str:
    """Matching key: NFKC, casefold, no apostrophes, no Latin diacritics, words joined by one space."""
    if not text:
        return ""
    return _fold(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # pure and the geocoder's hottest function (a lookup folds the same place names again and again)
    text = unicodedata.normalize("NFKC", text)
    text = _APOS_RE.sub("", text)
    text = strip_diacritics(text).casefold()
    text = text.replace("_", " ")
    return _NON_WORD.sub(" ", text).strip()


def latinize(text: str) -> str:
    """:func:`fold`, then Cyrillic romanised with :func:`translit_uk` (``Кривий Ріг`` -> ``kryvyi rih``)."""
    if not text:
        return ""
    return _latinize(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 14)
def _latinize(text: str) -> str:
    key = fold(text)
    if has_cyrillic(key):
        key = fold(translit_uk(key))
    return key


# Consonant skeleton: spelling variants of one name across romanisations (KMU 2010, older Ukrainian and
# Russian systems, German, Polish, Czech) collapse to one key. Vowels, j/y and doubled letters vanish;
# sibilants (s z sh zh sz rz ts tz c-before-e/i/y) are one class; g/h/kh one class; w=v; ph=f.
_SKEL_MULTI = [
    ("schtsch", "S"), ("shch", "S"), ("szcz", "S"), ("tsch", "C"), ("sch", "S"), ("tch", "C"), ("cz", "C"),
    ("kh", "H"), ("sh", "S"), ("zh", "S"), ("sz", "S"), ("rz", "S"), ("ts", "S"), ("tz", "S"), ("dz", "S"),
    ("ph", "F"), ("th", "T"), ("ck", "K"), ("qu", "KV"), ("x", "KS"),
]
_SKEL_SOFT_C = re.compile(r"c(?=[eiy])")
_SKEL_SINGLE = str.maketrans({
    "s": "S", "z": "S", "c": "K", "k": "K", "q": "K", "g": "H", "h": "H", "w": "V", "v": "V", "f": "F",
    "b": "B", "p": "P", "d": "D", "t": "T", "l": "L", "m": "M", "n": "N", "r": "R",
    "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "j": None,
})
_NOT_LETTER = re.compile(r"[^a-z]+")
_DOUBLE = re.compile(r"(.)\1+")


def _skeleton_of(latin: str, ch: str) -> str:
    s = _NOT_LETTER.sub("", latin)
    if not s:
        return ""
    lead = "A" if s[0] in "aeiou" else ""
    for a, b in _SKEL_MULTI:
        s = s.replace(a, b)
    s = s.replace("ch", ch)
    s = _SKEL_SOFT_C.sub("S", s)
    s = s.translate(_SKEL_SINGLE)
    s = "".join(c for c in s if c.isupper())
    return lead + _DOUBLE.sub(r"\1", s)


def skeletons(text: str) -> list[str]:
    """Variant skeletons of a name (usually one; two when ``ch`` may be Ukrainian ч or German х).

    ``Kryvyi Rih``, ``Kryvyy Rih``, ``Krivoy Rog`` and ``Кривий Ріг`` share ``KRVRH``; ``Saporischschja``
    and ``Zaporizhzhia`` share ``SPRS``; ``Charkiw`` gives ``CRKV`` and ``HRKV`` (= ``Kharkiv``).
    """
    if not text:
        return []
    return list(_skeletons(text if type(text) is str else str(text)))


@lru_cache(maxsize=1 << 14)
def _skeletons(text: str) -> tuple[str, ...]:
    latin = latinize(text)
    first = _skeleton_of(latin, "C")
    if "ch" not in latin:
        return (first,) if first else ()
    second = _skeleton_of(latin, "H")
    return tuple(s for s in dict.fromkeys((first, second)) if s)
