"""`python -m pobratymy import --online`: the offline gazetteer first, the places cache next, Nominatim last —
against the loopback server of test_nominatim_fallback.py (127.0.0.1, http; no internet). The offline side
is the fixture fake (importer_fakes), so only the partner names "ok"/"broken"/... can reach the server."""

from __future__ import annotations

import json

import pytest
from importer_fakes import FakeLocation, FakeResolver
from test_nominatim_fallback import server  # noqa: F401 - the loopback Nominatim fixture

from geo.online import NominatimFallback
from pobratymy.cli import build_parser
from pobratymy.commands import import_ as import_cmd
from pobratymy.config import Settings
from pobratymy.places import Place, place_key, read_places, write_places
from pobratymy.resolvers import OnlineFallbackResolver

HEADER = "Місто України,Область,Місто-партнер,Країна,Дата,Джерело"


def sheet(tmp_path, *rows: str):
    p = tmp_path / "council.csv"
    p.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return p


@pytest.fixture()
def cli(server, tmp_path, monkeypatch, capsys):  # noqa: F811 - the fixture imported above
    """Run the import command with the fake offline geocoder and the loopback Nominatim; data, places.csv
    and overrides live in tmp_path. Returns (exit code, stdout)."""
    from geo import geocoder as G

    monkeypatch.setattr(G.OfflineGeocoder, "default", classmethod(lambda cls: FakeResolver()))
    domain = f"127.0.0.1:{server.server_address[1]}"
    monkeypatch.setattr(import_cmd, "make_online", lambda: NominatimFallback(
        "pobratymy-tests/1.0", domain=domain, scheme="http", timeout=0.5, min_delay_seconds=0.0))
    write_places(tmp_path / "places.csv", [])  # the cache beside the data file
    env = {"POBRATYMY_DATA": str(tmp_path / "partnerships.csv")}

    def run(*argv: str, env_extra: dict | None = None) -> tuple[int, str]:
        capsys.readouterr()
        args = build_parser().parse_args(["import", *argv])
        code = import_cmd.run(args, Settings.from_env({**env, **(env_extra or {})}))
        return code, capsys.readouterr().out

    return run


ROWS = ("Лиман,,ok,США,2023,https://example.org/1", "Харків,,broken,США,2023,https://example.org/2")


def test_online_import_keeps_the_found_place_and_counts_the_failure(cli, server, tmp_path):  # noqa: F811
    code, out = cli(str(sheet(tmp_path, *ROWS)), "--online", "--json")
    report = json.loads(out)
    assert code == 0  # both rows accepted: a failed lookup costs coordinates, not the row
    ok, broken = report["rows"]
    assert (ok["verdict"], ok["partner_lat"], ok["partner_lon"]) == ("accepted", 41.25287, -73.29734)
    assert (broken["verdict"], broken["partner_lat"], broken["partner_lon"]) == ("accepted", None, None)
    g = report["geocoder"]
    assert (g["online"], g["successes"], g["failures"], g["not_found"]) == (True, 1, 1, 0)
    assert g["failure_reasons"] == {"GeocoderServiceError": 1}
    assert read_places(tmp_path / "places.csv") == {}  # not saved: nothing cached


@pytest.mark.parametrize(
    ("argv", "env_extra", "exit_code"),
    [([], {}, 0), ([], {"POBRATYMY_ONLINE_GEOCODER": "0"}, 0),
     # without any lookup the official register (offline) still names the oblast of Лиман and Харків
     (["--no-geocode"], {}, 0), (["--online", "--no-geocode"], {}, 0)],
)
def test_without_online_the_server_gets_no_request(cli, server, tmp_path, argv, env_extra, exit_code):  # noqa: F811
    before = len(server.seen)
    code, out = cli(str(sheet(tmp_path, *ROWS)), "--json", *argv, env_extra=env_extra)
    report = json.loads(out)
    assert len(server.seen) == before
    assert code == exit_code and report["geocoder"]["online"] is False
    assert [r["partner_lat"] for r in report["rows"]] == [None, None]


def test_the_setting_turns_the_fallback_on(cli, server, tmp_path):  # noqa: F811
    before = len(server.seen)
    code, out = cli(str(sheet(tmp_path, ROWS[0])), "--json", env_extra={"POBRATYMY_ONLINE_GEOCODER": "1"})
    assert json.loads(out)["geocoder"]["successes"] == 1 and len(server.seen) == before + 1


def test_text_summary_names_the_failures(cli, tmp_path):
    code, out = cli(str(sheet(tmp_path, *ROWS)), "--online")
    assert code == 0
    assert "online geocoder: 1 found, 0 not found, 1 failed, 0 from the cache (GeocoderServiceError 1)" in out


def test_save_caches_the_answer_forever(cli, server, tmp_path):  # noqa: F811
    code, _ = cli(str(sheet(tmp_path, ROWS[0])), "--online", "--save")
    assert code == 0
    cached = read_places(tmp_path / "places.csv")
    # the online answer, and the Ukrainian side the gazetteer placed: the new row is on the map at once
    assert sorted(cached) == ["UA|ua 14|lyman", place_key("ok", "US", "")]
    pl = cached[place_key("ok", "US", "")]
    assert (pl.latlon, pl.source, pl.matched_name) == ((41.25287, -73.29734), "nominatim", "Easton")
    assert cached["UA|ua 14|lyman"].source == "import" and cached["UA|ua 14|lyman"].latlon is not None
    # the next import of the same place asks nobody
    before = len(server.seen)
    other = tmp_path / "other"
    other.mkdir()
    code, out = cli(str(sheet(other, "Харків,,ok,США,2024,https://example.org/3")), "--online", "--json")
    report = json.loads(out)
    assert len(server.seen) == before
    assert report["geocoder"]["cached"] == 1 and report["rows"][0]["partner_lat"] == 41.25287


def test_ukrainian_place_goes_online_only_with_its_oblast(cli, server, tmp_path):  # noqa: F811
    before = len(server.seen)
    code, out = cli(str(sheet(tmp_path, "ok,Донецька область,Kielce,Польща,2023,https://example.org/1",
                              "ok,,Kielce,Польща,2023,https://example.org/2")), "--online", "--json")
    first, second = json.loads(out)["rows"]
    assert (first["verdict"], first["ua_lat"]) == ("accepted", 41.25287)
    assert first["record"]["ua_oblast"] == "UA-14" and first["record"]["ua_name_en"] == "ok"
    assert second["verdict"] == "rejected" and "add its oblast" in second["reason"]
    assert [q for q, _ in server.seen[before:]] == ["ok, Donetsk Oblast"]


# ---------------------------------------------------------------------------------- resolver alone
class Online:
    """A stand-in for NominatimFallback answering from a table; records the queries."""

    def __init__(self, answers):
        self.answers, self.asked = answers, []
        self.successes = self.not_found = 0
        self.failures = {}

    def geocode(self, query, country=None, region=None):
        self.asked.append((query, country, region))
        hit = self.answers.get(query)
        return None if hit is None else FakeLocation(hit[0], hit[1], dict(hit[2]))


class Offline:
    def __init__(self, known=()):
        self.known = set(known)

    def resolve_ua(self, name, oblast=None):
        return FakeLocation(50.0, 30.0, {"name_en": name, "region": "UA-30"}) if name in self.known else None

    def geocode(self, query, country=None, region=None):
        return FakeLocation(1.0, 2.0, {"name": query}) if query in self.known else None


@pytest.mark.parametrize(
    ("state", "found"),
    [("Donetsk Oblast", True), ("", True), ("Lviv Oblast", False), ("Львівська область", False)],
)
def test_online_answer_from_another_oblast_is_dropped(state, found):
    online = Online({"Сіверськ": (48.87, 38.10, {"name": "Siversk", "region": state})})
    r = OnlineFallbackResolver(Offline(), online)
    loc = r.resolve_ua("Сіверськ", oblast="UA-14")
    assert (loc is not None) == found
    assert r.stats()["wrong_oblast"] == (0 if found else 1)
    if found:
        assert (loc.raw["name_en"], loc.raw["name_uk"], loc.raw["region"]) == ("Siversk", "Сіверськ", "UA-14")
        assert list(r.learned) == [place_key("Siversk", "UA", "UA-14")]


@pytest.mark.parametrize(
    ("query", "cache", "asked"),
    [("Known", {}, []),  # the gazetteer answers: nobody is asked
     ("Elsewhere", {place_key("Elsewhere", "US"): Place(place_key("Elsewhere", "US"), "Elsewhere", "US", "",
                                                          3.0, 4.0, "Elsewhere", "", "nominatim")}, []),
     ("Elsewhere", {place_key("Elsewhere", "US"): Place(place_key("Elsewhere", "US"), "Elsewhere", "US", "",
                                                          None, None)}, [("Elsewhere", "US", None)]),
     ("Elsewhere", {}, [("Elsewhere", "US", None)])],
)
def test_order_is_gazetteer_then_cache_then_online(query, cache, asked):
    online = Online({})
    OnlineFallbackResolver(Offline({"Known"}), online, cache).geocode(query, country="US")
    assert online.asked == asked


def test_cyrillic_partner_is_learnt_under_the_name_the_importer_keeps():
    online = Online({"Істон": (41.25, -73.29, {"name": "Easton"})})
    r = OnlineFallbackResolver(Offline(), online)
    assert r.geocode("Істон", country="US", region="Connecticut") is not None
    assert list(r.learned) == [place_key("Easton", "US", "Connecticut")]


def test_gives_up_after_failures_in_a_row_and_says_so(cli, server, tmp_path):  # noqa: F811
    """No internet (or a server that keeps failing) costs a few seconds, not one per place."""
    rows = [f'{ua},,"{m}",США,2023,https://example.org/{i}'
            for i, (ua, m) in enumerate(zip(["Лиман", "Харків", "Київ", "Одеса", "Львів", "Суми"], ["broken", "ok", "broken, Iowa", "broken, Texas", "broken, Ohio", "ok, Maine"], strict=True))]
    before = len(server.seen)
    code, out = cli(str(sheet(tmp_path, *rows)), "--online", "--json")
    report = json.loads(out)
    # a success resets the count: broken, ok, broken, broken, broken -> gives up; the last ok is not asked
    assert [q for q, _ in server.seen[before:]] == ["broken", "ok", "broken, Iowa", "broken, Texas", "broken, Ohio"]
    g = report["geocoder"]
    assert (g["successes"], g["failures"], g["skipped"]) == (1, 4, 1)
    assert code == 0 and [r["verdict"] for r in report["rows"]] == ["accepted"] * 6
