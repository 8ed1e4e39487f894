"""Which hromadas have a partner, which have none, and who they could approach (pure: frames in, values out).

A tie **counts** (is *live*) when its status is one of :data:`LIVE_STATUSES` (signed or approved by the
council) and its partner is not in Russia or Belarus; terminated, announced, in-preparation ties and
any status added later (e.g. ``inactive``) never count. A tie counts for the hromada of its Ukrainian
side: a city or village for its hromada, a hromada for itself; raion- and oblast-level ties make no
hromada covered (they are shown apart, as the oblast's regional partners).

The Ukrainian side is matched to the register (:mod:`pobratymy.register`) by its ``ua_hromada_katottg``
when the data carries one, else by name, oblast and level; a name the register finds in several
hromadas of the oblast is left unmatched (``hromada_matches`` says why), never guessed.

- :func:`hromada_ties` — each row with its hromada and whether it counts;
- :func:`coverage_table` — one row per hromada (:data:`COVERAGE_COLUMNS`);
- :func:`by_oblast`, :func:`by_raion`, :func:`headline`, :func:`without_partners` — the figures;
- :func:`leads` — foreign partners of the neighbours, each with the rows it rests on.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from geo.places import place_key

from . import i18n
from .build import AGGRESSOR_COUNTRIES
from .schema import C, Status, UaLevel

#: Statuses that make a tie count: the council approved it or it was signed.
LIVE_STATUSES: frozenset[str] = frozenset({Status.SIGNED.value, Status.APPROVED.value})
#: Ukrainian levels whose ties count for a hromada.
HROMADA_LEVELS: frozenset[str] = frozenset({UaLevel.CITY.value, UaLevel.HROMADA.value, UaLevel.VILLAGE.value})

#: ``coverage --out`` columns, in order.
COVERAGE_COLUMNS: tuple[str, ...] = ("katottg", "name_uk", "name_en", "oblast", "raion", "centre", "lat", "lon",
                                     "partnerships", "countries", "first_signed", "last_signed")
# columns added by hromada_ties()
HROMADA = "ua_hromada_katottg"
LIVE = "live"
MATCH = "hromada_match"  # "" when matched, else why not

Lookup = Callable[..., list]


def is_live(df: pd.DataFrame) -> pd.Series:
    """Rows that count: a live status and a partner outside Russia and Belarus."""
    return df[C.STATUS].isin(LIVE_STATUSES) & ~df[C.PARTNER_COUNTRY].str.upper().isin(AGGRESSOR_COUNTRIES)


def hromada_ties(df: pd.DataFrame, lookup: Lookup | None = None) -> pd.DataFrame:
    """``df`` plus :data:`HROMADA` (the hromada a row counts for, "" when none), :data:`LIVE` and
    :data:`MATCH` (why a city/hromada/village row has no hromada)."""
    if lookup is None:
        from .register import lookup as lookup
    out = df.copy()
    given = out[HROMADA] if HROMADA in out.columns else pd.Series("", index=out.index)
    memo: dict[tuple[str, str, str, str], tuple[str, str]] = {}

    def find(uk: str, en: str, oblast: str, level: str) -> tuple[str, str]:
        key = (uk, en, oblast, level)
        if key not in memo:
            memo[key] = _find(uk, en, oblast, level, lookup)
        return memo[key]

    codes, why = [], []
    cols = [out[c].fillna("").astype(str).tolist() for c in (C.UA_NAME_UK, C.UA_NAME_EN, C.UA_OBLAST, C.UA_LEVEL)]
    for code, uk, en, oblast, level in zip(given.fillna("").astype(str), *cols, strict=True):
        if level not in HROMADA_LEVELS:
            codes.append("")
            why.append(f"{level}-level tie")
        elif code.strip():
            codes.append(code.strip())
            why.append("")
        else:
            c, w = find(uk, en, oblast, level)
            codes.append(c)
            why.append(w)
    out[HROMADA] = codes
    out[MATCH] = why
    out[LIVE] = is_live(out) if len(out) else pd.Series(dtype=bool)
    return out


def _find(uk: str, en: str, oblast: str, level: str, lookup: Lookup) -> tuple[str, str]:
    for name in dict.fromkeys(n for n in (uk, en) if n.strip()):
        got = lookup(name, oblast or None, level)
        hromadas = sorted({m.ua_hromada_katottg for m in got if m.ua_hromada_katottg})
        if len(hromadas) == 1:
            return hromadas[0], ""
        if len(hromadas) > 1:
            return "", f"{len(hromadas)} hromadas of {oblast} have a place called {name}"
        if any(m.category == "K" for m in got):
            return "", "a city with special status (Kyiv, Sevastopol), not a hromada"
    return "", "not in the register"


# --------------------------------------------------------------------------------------- figures
def _year(value: str) -> str:
    return value[:4] if isinstance(value, str) and value[:4].isdigit() else ""


def coverage_table(ties: pd.DataFrame, register: pd.DataFrame, oblasts: Iterable[str] = ()) -> pd.DataFrame:
    """One row per hromada outside Crimea and Sevastopol (only ``oblasts`` when given), in register order:
    :data:`COVERAGE_COLUMNS` plus ``covered`` (bool), ``raion_katottg`` and ``type_uk``. ``ties`` is a
    :func:`hromada_ties` frame, already narrowed by the user's filters; only its live rows count.
    ``partnerships``: live ties of the hromada and of the places in it; ``countries``: their partner
    countries; ``first_signed``/``last_signed``: the earliest and latest date of those that are signed."""
    reg = register[register["occupied_since"].fillna("") == ""]
    oblasts = tuple(oblasts)
    if oblasts:
        reg = reg[reg["oblast"].isin(oblasts)]
    live = ties[ties[LIVE] & (ties[HROMADA] != "")] if len(ties) else ties
    n = live.groupby(HROMADA).size() if len(live) else pd.Series(dtype=int)
    countries = (live.groupby(HROMADA)[C.PARTNER_COUNTRY].agg(lambda s: ", ".join(sorted(set(s))))
                 if len(live) else pd.Series(dtype=str))
    signed = live[(live[C.STATUS] == Status.SIGNED.value) & (live[C.DATE].fillna("") != "")] if len(live) else live
    first = signed.groupby(HROMADA)[C.DATE].min() if len(signed) else pd.Series(dtype=str)
    last = signed.groupby(HROMADA)[C.DATE].max() if len(signed) else pd.Series(dtype=str)
    out = pd.DataFrame({
        "katottg": reg["katottg"].to_numpy(),
        "name_uk": reg["name_uk"].to_numpy(),
        "name_en": reg["name_en"].to_numpy(),
        "oblast": reg["oblast"].to_numpy(),
        "raion": reg["raion"].to_numpy(),
        "centre": reg["centre"].to_numpy(),
        "lat": reg["lat"].to_numpy(),
        "lon": reg["lon"].to_numpy(),
    })
    k = out["katottg"]
    out["partnerships"] = k.map(n).fillna(0).astype(int)
    out["countries"] = k.map(countries).fillna("")
    out["first_signed"] = k.map(first).fillna("")
    out["last_signed"] = k.map(last).fillna("")
    out["covered"] = out["partnerships"] > 0
    out["raion_katottg"] = reg["raion_katottg"].to_numpy()
    out["raion_en"] = reg["raion_en"].to_numpy()
    out["type_uk"] = reg["type_uk"].to_numpy()
    return out.reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class Headline:
    covered: int
    total: int
    partnerships: int

    @property
    def share(self) -> float:
        return self.covered / self.total if self.total else 0.0

    def text(self, lang: str, place: str = "") -> str:
        """"412 з 1 469 громад мають партнерів" / "Львівська область: 30 з 73 громад мають партнерів"."""
        body = i18n.t("cov.headline", lang, n=i18n.format_number(self.covered, lang),
                      total=i18n.format_number(self.total, lang))
        return f"{place}: {body}" if place else body


def headline(table: pd.DataFrame) -> Headline:
    return Headline(int(table["covered"].sum()), len(table), int(table["partnerships"].sum()))


def _summary(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(columns=[*keys, "hromadas", "with_partners", "share", "partnerships"])
    g = table.groupby(keys, sort=True)
    out = pd.DataFrame({
        "hromadas": g.size(),
        "with_partners": g["covered"].sum().astype(int),
        "partnerships": g["partnerships"].sum().astype(int),
    }).reset_index()
    out["share"] = (out["with_partners"] / out["hromadas"]).round(3)
    return out[[*keys, "hromadas", "with_partners", "share", "partnerships"]]


def by_oblast(table: pd.DataFrame) -> pd.DataFrame:
    """``oblast, hromadas, with_partners, share, partnerships`` per oblast (ISO order)."""
    return _summary(table, ["oblast"])


def by_raion(table: pd.DataFrame) -> pd.DataFrame:
    """``oblast, raion, hromadas, with_partners, share, partnerships`` per raion."""
    return _summary(table, ["oblast", "raion"])


def without_partners(table: pd.DataFrame) -> pd.DataFrame:
    """Hromadas with no live tie, by oblast then name."""
    return table[~table["covered"]].sort_values(["oblast", "name_uk"]).reset_index(drop=True)


def regional_partners(ties: pd.DataFrame, oblast: str) -> pd.DataFrame:
    """Live oblast-level ties of ``oblast`` (its partner regions), newest first."""
    rows = ties[ties[LIVE] & (ties[C.UA_LEVEL] == UaLevel.OBLAST.value) & (ties[C.UA_OBLAST] == oblast)]
    return rows.sort_values([C.DATE, C.PARTNER_NAME], ascending=[False, True])


# ------------------------------------------------------------------------------------------ leads
@dataclass(frozen=True, slots=True)
class Evidence:
    """One live tie a lead rests on: the row's id, its Ukrainian side, its date."""

    row_id: str
    ua_name_uk: str
    ua_name_en: str
    hromada: str
    date: str
    km: float | None  # from the hromada's centre to that tie's hromada centre


@dataclass(frozen=True, slots=True)
class Lead:
    """A foreign municipality or region to approach; never a tie."""

    partner_name: str
    partner_country: str
    partner_key: str
    tier: str  # "raion": ties in the same raion; "oblast": elsewhere in the oblast; "size": hromadas of similar
    # size elsewhere; "region": an agreement with the oblast
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def latest(self) -> str:
        return max((e.date for e in self.evidence), default="")

    @property
    def hromadas(self) -> int:
        return len({e.hromada for e in self.evidence})

    def reason(self, lang: str) -> str:
        """In words, citing its rows: "works with Zhovkva (2022) and Yavoriv (2023), 30 km away"."""
        lang = i18n.lang_or_default(lang)
        places = []
        for e in self.evidence:
            name = e.ua_name_uk if lang == "uk" else (e.ua_name_en or e.ua_name_uk)
            year = _year(e.date)
            places.append(f"{name} ({year})" if year else name)
        joined = places[0] if len(places) == 1 else ", ".join(places[:-1]) + i18n.t("cov.and", lang) + places[-1]
        if self.tier == "region":
            return i18n.t("cov.reason_region", lang, places=joined)
        if self.tier == "size":
            return i18n.t("cov.reason_similar", lang, places=joined)
        kms = [e.km for e in self.evidence if e.km is not None]
        text = i18n.t("cov.reason_works_with", lang, places=joined)
        if kms:
            text += i18n.t("cov.reason_km", lang, km=f"{min(kms):.0f}")
        return text

    def as_dict(self, lang: str) -> dict:
        return {"partner": self.partner_name, "country": self.partner_country, "tier": self.tier,
                "hromadas": self.hromadas, "latest": self.latest, "reason": self.reason(lang),
                "rows": [e.row_id for e in self.evidence]}


def _km(a, b) -> float | None:
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (*a, *b)):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _partner_keys(df: pd.DataFrame) -> list[str]:
    if "partner_key" in df.columns:
        return df["partner_key"].astype(str).tolist()
    return [place_key(n, c, r) for n, c, r in
            zip(df[C.PARTNER_NAME], df[C.PARTNER_COUNTRY], df[C.PARTNER_REGION].fillna(""), strict=True)]


#: "similar size": the centres' populations (GeoNames) within this factor of each other
SIMILAR_SIZE = 1.5


def _by_partner(rows: pd.DataFrame) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for r in rows.to_dict("records"):
        grouped[r["_pk"]].append(r)
    return grouped


def _lead(pk: str, rows: list[dict], reg: pd.DataFrame, here, tier: str) -> Lead:
    rows = sorted(rows, key=lambda r: (r[C.DATE] or "", r[C.ID]), reverse=True)
    ev = tuple(Evidence(r[C.ID], r[C.UA_NAME_UK], r[C.UA_NAME_EN], r[HROMADA], r[C.DATE] or "",
                        _km(here, (reg.at[r[HROMADA], "lat"], reg.at[r[HROMADA], "lon"]))) for r in rows)
    return Lead(rows[0][C.PARTNER_NAME], rows[0][C.PARTNER_COUNTRY], pk, tier, ev)


def leads(ties: pd.DataFrame, register: pd.DataFrame, hromada: str, limit: int = 20) -> tuple[list[Lead], list[Lead]]:
    """``(municipal leads, regional leads)`` for the hromada ``hromada`` (katottg).

    Municipal: partners of live ties of the other hromadas of its oblast, those of its raion first, then
    by how many hromadas hold a tie with them, then the latest date; after them, partners of hromadas of
    similar size (centre population within :data:`SIMILAR_SIZE`) in other oblasts. Regional: partners of
    the oblast's live oblast-level agreements. A partner the hromada already has a tie with (any status) is never
    suggested; ended and Russian/Belarusian ties are never evidence (:func:`is_live`)."""
    reg = register.set_index("katottg")
    if hromada not in reg.index:
        raise KeyError(hromada)
    me = reg.loc[hromada]
    here = (me["lat"], me["lon"])
    df = ties.copy()
    df["_pk"] = _partner_keys(df)
    mine = set(df.loc[df[HROMADA] == hromada, "_pk"])
    live = df[df[LIVE] & ~df["_pk"].isin(mine)]
    raion_of = reg["raion_katottg"].to_dict()
    oblast_of = reg["oblast"].to_dict()
    others = live[(live[HROMADA] != "") & (live[HROMADA] != hromada) & live[HROMADA].isin(reg.index)]
    local = others[others[HROMADA].map(oblast_of) == me["oblast"]]
    municipal = [_lead(pk, rows, reg, here, "raion" if any(raion_of.get(r[HROMADA]) == me["raion_katottg"]
                                                            for r in rows) else "oblast")
                 for pk, rows in _by_partner(local).items()]
    municipal.sort(key=lambda ld: (ld.tier != "raion", -ld.hromadas, -int(_year(ld.latest) or 0), ld.partner_name))
    pop = me.get("centre_population")
    if pop == pop and pop:  # then partners of hromadas of similar size elsewhere in Ukraine
        sizes = reg["centre_population"]
        similar = sizes[(sizes >= pop / SIMILAR_SIZE) & (sizes <= pop * SIMILAR_SIZE)].index
        nearby = {ld.partner_key for ld in municipal}
        far = others[(others[HROMADA].map(oblast_of) != me["oblast"]) & others[HROMADA].isin(similar)
                     & ~others["_pk"].isin(nearby)]
        more = [_lead(pk, rows, reg, here, "size") for pk, rows in _by_partner(far).items()]
        more.sort(key=lambda ld: (-ld.hromadas, -int(_year(ld.latest) or 0), ld.partner_name))
        municipal += more
    regional = []
    reg_rows = regional_partners(df[df[LIVE] & ~df["_pk"].isin(mine)], me["oblast"])
    seen: set[str] = set()
    for r in reg_rows.to_dict("records"):
        if r["_pk"] in seen:
            continue
        seen.add(r["_pk"])
        rows = [x for x in reg_rows.to_dict("records") if x["_pk"] == r["_pk"]]
        ev = tuple(Evidence(x[C.ID], x[C.UA_NAME_UK], x[C.UA_NAME_EN], "", x[C.DATE] or "", None) for x in rows)
        regional.append(Lead(r[C.PARTNER_NAME], r[C.PARTNER_COUNTRY], r["_pk"], "region", ev))
    return municipal[:limit], regional
