"""The opt-in online fallback against a local server that answers like Nominatim (no internet)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from geo.online import NominatimFallback
from pobratymy.errors import ConfigurationError

OK = [{"place_id": 1, "lat": "41.25287", "lon": "-73.29734", "display_name": "Easton, Fairfield County, Connecticut",
       "name": "Easton", "addresstype": "town", "osm_id": 7, "address": {"state": "Connecticut", "country_code": "us"}}]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server API
        q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        self.server.seen.append((q, self.headers.get("User-Agent")))
        mode = q.split(",")[0].strip().lower()
        if mode == "slow":
            time.sleep(1.5)
        status, body = {
            "ok": (200, json.dumps(OK)),
            "empty": (200, "[]"),
            "ratelimited": (429, "Too Many Requests"),
            "broken": (500, "Internal Server Error"),
            "garbage": (200, "<html>not json"),
            "slow": (200, json.dumps(OK)),
        }.get(mode, (200, "[]"))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.seen = []
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture()
def online(server):
    return NominatimFallback("pobratymy-tests/1.0", domain=f"127.0.0.1:{server.server_address[1]}", scheme="http",
                             timeout=0.5, min_delay_seconds=0.0)


def test_ok_reply_gives_a_location(online, server):
    loc = online.geocode("ok", country="US", region="Connecticut")
    assert (loc.latitude, loc.longitude) == (41.25287, -73.29734)
    assert loc.raw["source"] == "nominatim" and loc.raw["region"] == "Connecticut" and loc.raw["country"] == "US"
    assert online.successes == 1 and not online.failures
    assert server.seen[-1] == ("ok, Connecticut", "pobratymy-tests/1.0")


@pytest.mark.parametrize(
    ("query", "failure"),
    [("ratelimited", "GeocoderRateLimited"), ("broken", "GeocoderServiceError"), ("garbage", "GeocoderParseError"),
     ("slow", ("GeocoderTimedOut", "GeocoderUnavailable"))],  # geopy's requests adapter retries, then says unavailable
)
def test_failures_are_counted_and_give_none(online, query, failure):
    assert online.geocode(query) is None
    names = failure if isinstance(failure, tuple) else (failure,)
    assert sum(online.failures.values()) == 1 and set(online.failures) <= set(names)
    assert online.successes == 0


def test_failure_then_success_keeps_the_success(online):
    assert online.geocode("broken") is None
    assert online.geocode("ok") is not None
    assert online.successes == 1 and sum(online.failures.values()) == 1


def test_not_found_is_none_not_failure(online):
    assert online.geocode("empty") is None
    assert online.not_found == 1 and not online.failures


@pytest.mark.parametrize("query", ["", "   ", "x" * 5000, "a\x00b", None])
def test_hostile_queries_never_reach_the_server(online, server, query):
    before = len(server.seen)
    assert online.geocode(query) is None
    assert len(server.seen) == before


def test_rate_limiter_waits_between_calls(server):
    """The delay is real: two calls with min_delay 0.3 s are at least 0.3 s apart (seen by the server)."""
    fb = NominatimFallback("pobratymy-tests/1.0", domain=f"127.0.0.1:{server.server_address[1]}", scheme="http",
                           timeout=2, min_delay_seconds=0.3)
    t0 = time.monotonic()
    fb.geocode("ok")
    fb.geocode("ok")
    assert time.monotonic() - t0 >= 0.3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"user_agent": ""}, "user agent"), ({"user_agent": "geopy/2.4"}, "user agent"),
     ({"min_delay_seconds": 0.2}, "1 request/s"), ({"timeout": 0}, "timeout")],
)
def test_misconfiguration_fails_at_start(kwargs, match):
    args = {"user_agent": "pobratymy-tests/1.0", **kwargs}
    with pytest.raises(ConfigurationError, match=match):
        NominatimFallback(**args)
