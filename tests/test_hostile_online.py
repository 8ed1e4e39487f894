"""The opt-in online geocoder fallback inside the flows that use it, against a loopback server that
answers 429, 500, invalid JSON, too late, or properly (the server of test_nominatim_fallback.py; that
file tests NominatimFallback alone). The geocode command and an import whose resolver falls back to
Nominatim both finish, count what failed, and keep what succeeded. No internet: 127.0.0.1 only."""

from __future__ import annotations

import csv

import pytest
from importer_fakes import FakeResolver
from test_nominatim_fallback import server  # noqa: F401 - the loopback Nominatim fixture

from geo.online import NominatimFallback
from pobratymy.commands import geocode as geocode_cmd
from pobratymy.config import Settings
from pobratymy.importer import ACCEPTED, import_bytes

#: partner/place name -> what the loopback server does with it
MODES = ["ok", "ratelimited", "broken", "garbage", "slow", "empty", "ok"]
FAILING = {"ratelimited", "broken", "garbage", "slow"}


@pytest.fixture()
def online(server):  # noqa: F811 - the fixture imported above
    return NominatimFallback("pobratymy-tests/1.0", domain=f"127.0.0.1:{server.server_address[1]}", scheme="http",
                             timeout=0.5, min_delay_seconds=0.0)


class NothingOffline:
    """An offline geocoder that knows none of the names, so every row goes online."""

    def geocode(self, query, country=None, region=None, featuretype=None):
        return None


def test_geocode_rows_keep_successes_and_count_failures(online):
    rows = [{"name": m, "country": "US", "region": ""} for m in MODES]
    out = list(geocode_cmd.geocode_rows(rows, NothingOffline(), online))
    assert [r["name"] for r in out] == MODES  # every row, in order
    found = [r["name"] for r in out if r["lat"]]
    assert found == ["ok", "ok"]
    assert all(r["source"] == "nominatim" for r in out if r["lat"])
    assert all((r["lat"], r["lon"], r["source"]) == ("", "", "") for r in out if r["name"] in FAILING | {"empty"})
    assert online.successes == 2 and online.not_found == 1
    assert sum(online.failures.values()) == len(FAILING)


def test_geocode_command_finishes_and_reports(online, tmp_path, monkeypatch, capsys):
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "country", "region"])
        w.writerows([[m, "US", ""] for m in MODES])
    out = tmp_path / "out.csv"
    monkeypatch.setattr(geocode_cmd, "_online", lambda args, settings: online)
    from geo import geocoder as G

    monkeypatch.setattr(G.OfflineGeocoder, "default", classmethod(lambda cls: NothingOffline()))
    from pobratymy.cli import build_parser

    args = build_parser().parse_args(["geocode", str(src), "--out", str(out), "--online"])
    assert geocode_cmd.run(args, Settings.from_env({})) == 0
    err = capsys.readouterr().err
    assert "2/7 place(s) found" in err and "online: 2 found, 4 failed" in err
    with out.open(encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert [r["name"] for r in got] == MODES and [bool(r["lat"]) for r in got] == [m == "ok" for m in MODES]


class OnlineFallbackResolver:
    """The importer's Resolver with the online fallback behind the offline one (as the geocode command
    chains them): Ukrainian places offline (the fixture fake), partners offline, then Nominatim."""

    def __init__(self, online):
        self.offline, self.online = FakeResolver(), online

    def resolve_ua(self, name, oblast=None):
        return self.offline.resolve_ua(name, oblast=oblast)

    def geocode(self, query, country=None, region=None):
        return self.online.geocode(query, country=country, region=region)


@pytest.mark.slow  # a loopback Nominatim that answers slowly: seconds
def test_import_with_online_fallback_finishes_and_keeps_what_succeeded(online):
    lines = ["Місто України,Місто-партнер,Країна,Дата,Джерело"]
    lines += [f"Лиман,{m},США,2023,https://example.org/{i}" for i, m in enumerate(MODES)]
    result = import_bytes("\n".join(lines).encode(), "council.csv", OnlineFallbackResolver(online))
    assert [r.row for r in result.rows] == list(range(2, 2 + len(MODES)))  # every row has a verdict
    by_name = {}
    for r in result.rows:
        by_name.setdefault(r.record["partner_name"], []).append(r)
    # a failed lookup costs the coordinates, never the row: it is still checked and flagged
    for mode in FAILING:
        (row,) = by_name[mode]
        assert row.partner_latlon is None
        assert any("not found" in w for w in row.warnings)
    oks = by_name["ok"]
    assert oks[0].verdict == ACCEPTED and oks[0].partner_latlon == (41.25287, -73.29734)
    assert oks[1].verdict == "duplicate"  # same pair twice in one file
    assert online.successes == 1  # the importer asks once per distinct place
    assert sum(online.failures.values()) == len(FAILING)
