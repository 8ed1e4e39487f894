"""The import page (AppTest) with a real upload: verdicts and downloads for everyone, saving only with the
admin password, into the data file named by POBRATYMY_DATA (a temp copy) — never the repository's data/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pobratymy.io import load_partnerships
from pobratymy.store import read_change_log
from tests.conftest import REPO_DATA, snapshot

pytestmark = pytest.mark.apptest  # Streamlit's AppTest runs the page

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures"
COUNCIL = FIX / "import_council_cp1251.csv"


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    p = tmp_path / "partnerships.csv"
    shutil.copy(FIX / "import_existing.csv", p)
    monkeypatch.setenv("POBRATYMY_DATA", str(p))
    monkeypatch.delenv("POBRATYMY_ADMIN_PASSWORD", raising=False)
    return p



def uploaded(name: str, content: bytes, **query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "import.py"), default_timeout=120)
    at.query_params.update(query)
    at.run()
    at.file_uploader(key="import_file").set_value((name, content, "text/csv"))
    return at.run()


def keys(at, kind: str) -> set[str]:
    return {el.proto.id.split("-", 2)[-1] for el in at.get(kind)}


def test_read_only_upload_shows_verdicts_and_downloads_but_cannot_save(data_file):
    before = snapshot(data_file.parent, REPO_DATA)
    at = uploaded(COUNCIL.name, COUNCIL.read_bytes())
    assert not at.exception
    assert at.info[0].value.startswith("Прийнято: ")
    assert {"dl_csv", "dl_xlsx"} <= keys(at, "download_button")
    assert not [b for b in at.button if b.key == "import_save"]
    assert not [i for i in at.text_input if i.key == "admin_password"]
    assert snapshot(data_file.parent, REPO_DATA) == before


def test_import_page_speaks_english_with_lang_en(data_file):
    at = uploaded(COUNCIL.name, COUNCIL.read_bytes(), lang="en")
    assert not at.exception
    assert at.title[0].value == "Import a council's spreadsheet"
    assert at.info[0].value.startswith("Accepted: ")
    assert "Rows to fix" in [s.value for s in at.subheader]


def test_a_refused_file_is_a_message(data_file):
    at = uploaded("garbage.csv", bytes(range(256)) * 40)
    assert not at.exception
    assert at.error and at.error[0].value.startswith("Файл не прийнято")


@pytest.mark.parametrize("given", ["", "wrong"])
def test_wrong_password_gives_no_save_button(data_file, monkeypatch, given):
    monkeypatch.setenv("POBRATYMY_ADMIN_PASSWORD", "s3cret")
    before = snapshot(data_file.parent, REPO_DATA)
    at = uploaded(COUNCIL.name, COUNCIL.read_bytes())
    at.text_input(key="admin_password").input(given).run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "import_save"]
    assert snapshot(data_file.parent, REPO_DATA) == before


def test_admin_saves_the_accepted_rows_into_the_temp_data_file(data_file, monkeypatch):
    monkeypatch.setenv("POBRATYMY_ADMIN_PASSWORD", "s3cret")
    repo_before = snapshot(REPO_DATA)
    n_before = len(load_partnerships(data_file).frame)
    at = uploaded(COUNCIL.name, COUNCIL.read_bytes())
    at.text_input(key="admin_password").input("s3cret").run()
    at.button(key="import_save").click().run()
    assert not at.exception
    assert at.success and at.success[0].value.startswith("Збережено")
    added = int(at.success[0].value.split()[1])
    assert added > 20 and len(load_partnerships(data_file).frame) == n_before + added
    log = read_change_log(data_file.parent / "changes.csv")
    assert (log[-1]["who"], log[-1]["what"], log[-1]["rows_added"]) == ("app", f"import {COUNCIL.name}", str(added))
    assert list((data_file.parent / "backups").iterdir())
    assert snapshot(REPO_DATA) == repo_before


REGISTER = FIX / "council_register" / "register_cp1251.csv"
#: English words the page must not show in Ukrainian (data such as partner names and links excepted)
ENGLISH = re.compile(r"\b(accepted|rejected|duplicate|warning|warnings|row|reason|verdict|not found|recorded as|"
                     r"filled down|no public link|source|sister city|twinning|partnership|signed|announced|"
                     r"the|and|of|oblast|choose|Apply|Import|Preview)\b", re.I)


def _page_texts(at) -> list[str]:
    """Every text the page shows outside data cells: titles, captions, labels, messages, table headers and
    the verdict/reason/warning/kind/status cells."""
    out = [e.value for kind in ("title", "subheader", "caption", "info", "warning", "error", "success", "markdown")
           for e in at.get(kind)]
    out += [w.label for kind in ("text_input", "checkbox", "selectbox", "button", "download_button", "file_uploader",
                                 "expander")
            for w in at.get(kind) if getattr(w, "label", None)]
    for sb in at.selectbox:
        out += [str(o) for o in sb.options]
    for df in at.dataframe:
        frame = df.value
        out += [str(c) for c in frame.columns]
        for col in frame.columns:
            if col in ("Рішення", "Причина", "Попередження", "Вид", "Статус", "На мапі"):
                out += [str(v) for v in frame[col]]
    return out


def test_ukrainian_import_page_shows_no_english_text(data_file):
    at = uploaded(REGISTER.name, REGISTER.read_bytes())
    assert not at.exception
    texts = _page_texts(at)
    assert texts and any("Рядок 44" in x for x in texts)
    # quoted cell values ('Мюнхен', 'Krakow') and link-like words are data, not UI text
    english = [x for x in texts if ENGLISH.search(re.sub(r"'[^']*'|https?://\S+|UA-\d\d", "", x))]
    assert not english, english[:10]


def test_the_clerk_chooses_the_oblast_of_an_ambiguous_hromada(data_file):
    at = uploaded(REGISTER.name, REGISTER.read_bytes())
    box = next(s for s in at.selectbox if s.key == "amb_44")
    assert any(o.endswith("(Миколаївський район) — UA-48") for o in box.options)
    from pobratymy.importer import import_file

    row = next(r for r in import_file(REGISTER).rows if r.row == 44)
    box.set_value(next(c["katottg"] for c in row.candidates if c["region"] == "UA-48"))
    at = at.run()
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "amb_44"]  # settled
    rows = next(d.value for d in at.dataframe if "Рішення" in d.value.columns and "Область" in d.value.columns)
    row = rows[rows["Рядок"] == 44].iloc[0]
    assert (row["Рішення"], row["Область"]) == ("прийнято", "UA-48")
