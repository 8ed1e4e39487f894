"""The history of a tie in the reader's language (pobratymy.events)."""

import pytest

from pobratymy.events import format_events, list_names


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("2023 memorandum signed → 2024-05 twinning approved → 2025-03-01 twinning signed", "uk",
     "2023 — меморандум: підписано → травень 2024 — побратимство: схвалено радою → 1 березня 2025 — побратимство: підписано"),
    ("twinning in preparation (undated)", "uk", "побратимство: готується (без дати)"),
    ("2018-05-26 follow-up to the memorandum signed", "en",
     '26 May 2018 — a follow-up document (protocol, plan, renewal) to the act "memorandum: signed"'),
    ("2016-09-07 terminated (council decision)", "uk", "7 вересня 2016 — розірвано (рішення ради)"),
    ("2016-09-07 terminated (council decision)", "en", "7 September 2016 — terminated (council decision)"),
    ("listed by Wikidata and English Wikipedia", "uk", "у списку: Вікідані (Wikidata), англійська Вікіпедія"),
    ("2020 something new happened", "uk", "2020 — something new happened"),  # kept as written, never dropped
    ("", "uk", ""),
])
def test_history_in_the_readers_language(text, lang, expected):
    assert format_events(text, lang) == expected


def test_every_history_of_the_bundled_data_reads_in_ukrainian():
    import re

    import pandas as pd

    from pobratymy.config import DEFAULT_DATA

    df = pd.read_csv(DEFAULT_DATA, dtype=str, keep_default_na=False)
    english = re.compile(r"\\b(signed|approved|announced|twinning|memorandum|partnership|terminated|established|listed)\\b")
    left = [e for e in df["events"] if english.search(format_events(e, "uk"))]
    assert left == []


def test_list_names():
    assert list_names("Wikidata; English Wikipedia", "en") == "Wikidata, English Wikipedia"
    assert list_names("a partner list on golossokal.com.ua; Ukrainian Wikipedia", "uk") == \
        "перелік партнерів на golossokal.com.ua, українська Вікіпедія"
    assert list_names("Wikipedia (a copy on wiki.aud.io.vn)", "uk") == "Вікіпедія (копія на wiki.aud.io.vn)"


def test_every_list_name_of_the_bundled_data_reads_in_ukrainian():
    import re

    import pandas as pd

    from pobratymy.config import DEFAULT_DATA

    df = pd.read_csv(DEFAULT_DATA, dtype=str, keep_default_na=False)
    english = re.compile(r"\b(partner list|copy on|English|Ukrainian)\b")
    assert [v for v in df["listed_by"] if english.search(list_names(v, "uk"))] == []
