"""Sorting people's words the way their language does (one home for collation).

Python's ``sorted`` orders code points, which puts "Івано-Франківська" (U+0406) before "Автономна
Республіка Крим" and "Єгипет" before "Австралія". The Unicode Collation Algorithm (``pyuca``, pure
Python, the DUCET table) orders Cyrillic and Latin apart, case and apostrophes as minor differences; the
DUCET treats ґ and ї as accented г and і, so the Ukrainian tailoring of CLDR (``&г<ґ``, ``&і<ї``: own
letters) is applied by sorting ґ/ї as г/і followed by a character weighed after every letter.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from pyuca import Collator

T = TypeVar("T")


@functools.cache
def _collator() -> Collator:
    return Collator()


#: CLDR's Ukrainian tailoring: ґ after г, ї after і, as letters of their own (U+10FFFF weighs after all)
_UK_TAILORING = str.maketrans({"ґ": "г\U0010ffff", "Ґ": "Г\U0010ffff", "ї": "і\U0010ffff", "Ї": "І\U0010ffff"})


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[int, ...]:
    """The UCA sort key of ``text`` with the Ukrainian tailoring (cached: the same names are sorted on
    every rerun)."""
    return _collator().sort_key(str(text or "").translate(_UK_TAILORING))


def collate(items: Iterable[T], label: Callable[[T], str] = str) -> list[T]:
    """``items`` sorted by their ``label`` as a reader of that label's language expects."""
    return sorted(items, key=lambda x: sort_key(label(x)))


__all__ = ["collate", "sort_key"]
