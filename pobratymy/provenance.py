"""A council's own register as the source of a row that has no public link.

A clerk's spreadsheet *is* the source of its council's partnerships, so a row without an http(s) link
is kept, cited in ``notes`` as one line that starts with :data:`REGISTER_MARK`::

    council register: Ірпінська міська рада; file reestr.xlsx, sheet Партнери, row 7; imported by olena on 2026-12-01; no public link

``source_url`` stays empty (the dataset never holds a non-http(s) link), and :func:`register_citation`
reads the citation back for the map's details and the data-quality page, which show it with the flag
"no public link" (:func:`label`). The schema accepts an empty ``source_url`` only together with such a
citation (:func:`has_register_citation`).
"""

from __future__ import annotations

import datetime as _dt
import getpass
import re
from dataclasses import dataclass

#: how a register citation starts inside ``notes`` (stable English, parsed back by :func:`register_citation`)
REGISTER_MARK = "council register:"
NO_LINK = "no public link"

_CITATION = re.compile(re.escape(REGISTER_MARK) + r"\s*([^\n]*?)(?:;\s*" + re.escape(NO_LINK) + r")?\s*(?:\n|$)")


@dataclass(frozen=True)
class RegisterCitation:
    """Where a row came from when its council's register is the only source."""

    register: str = ""  # who keeps the register / what the clerk gave with --source TEXT
    file: str = ""
    sheet: str = ""
    row: int | None = None
    who: str = ""
    when: str = ""  # ISO date of the import

    def text(self) -> str:
        """The one line put into ``notes``."""
        clean = lambda v: " ".join(str(v).replace(";", ",").split())  # noqa: E731 - ";" separates the parts
        where = [f"file {clean(self.file)}"] if self.file else []
        if self.sheet:
            where.append(f"sheet {clean(self.sheet)}")
        if self.row is not None:
            where.append(f"row {self.row}")
        parts = [self.register.replace(";", ",").strip() or "own register"]
        if where:
            parts.append(", ".join(where))
        if self.who or self.when:
            parts.append("imported" + (f" by {clean(self.who)}" if self.who else "") + (f" on {self.when}" if self.when else ""))
        parts.append(NO_LINK)
        return f"{REGISTER_MARK} " + "; ".join(" ".join(p.split()) for p in parts)


def register_citation(notes: str) -> str | None:
    """The citation text after :data:`REGISTER_MARK` in ``notes`` (without the "no public link" flag),
    or ``None`` when the row cites no register."""
    m = _CITATION.search(notes or "")
    return m.group(1).strip() if m else None


def has_register_citation(notes: str) -> bool:
    return register_citation(notes) is not None


def label(lang: str = "uk") -> str:
    """The flag shown beside such a row: "немає публічного посилання" / "no public link"."""
    from .i18n import t

    return t("prov.no_link", lang)


def describe(notes: str, lang: str = "uk") -> str | None:
    """The line to show for a row that cites its council's register instead of a link, e.g.
    "Реєстр громади: Ірпінська міська рада; file reestr.xlsx, row 7; … · немає публічного посилання";
    ``None`` when the row cites no register. Plain text: escape it (pobratymy.safe) before HTML."""
    from .i18n import t

    cite = register_citation(notes)
    if cite is None:
        return None
    return f"{t('prov.register', lang)}: {cite} · {t('prov.no_link', lang)}"


def default_who() -> str:
    """Who imports on the command line: the OS user (``""`` if it cannot be told)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return ""


def today() -> str:
    return _dt.datetime.now(_dt.UTC).date().isoformat()
