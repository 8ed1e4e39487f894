"""Property-based hostile input (hypothesis): random and malformed CSV/XLSX bytes to the importer, random
strings to the offline geocoder. The contract: the importer returns an ImportResult (every row with a
verdict) or raises the project's own DataFileError; the geocoder returns a Location with sane
coordinates or None. Nothing else escapes, and nothing hangs — a per-example thread bound is only a
safety net (a hang fails the example), not a timing assertion."""

from __future__ import annotations

import io
import math
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pobratymy.errors import DataFileError
from pobratymy.importer import ACCEPTED, DUPLICATE, REJECTED, NullResolver, import_bytes

HANG_S = 60.0  # far above any real example; only a hang reaches it
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, database=None)

HOSTILE_TEXT = ["<img src=x onerror=alert(1)>", "</script>", "`${alert(1)}`", "javascript:alert(1)", "=1+2",
                "@SUM(A1)", "Кам'янець-Подільський", '"', "'", ";", ",", "\t", "\r\n", "\x00", "\ufeff", "{{ 7*7 }}",
                "Краматорськ", "Німеччина", "США", "21.02.2023", "лютий 2023", "2023", "UA-14", "x" * 500]


def bounded(fn, *args, **kwargs):
    """Run ``fn`` in a daemon thread; fail if it has not returned after HANG_S; re-raise its exception."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test thread
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(HANG_S)
    assert not t.is_alive(), f"{getattr(fn, '__name__', fn)} did not return within {HANG_S}s (hang)"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def check_import(data: bytes, name: str) -> None:
    try:
        result = bounded(import_bytes, data, name, NullResolver())
    except DataFileError:
        return  # unreadable: a clear, typed refusal is the right answer
    assert {r.verdict for r in result.rows} <= {ACCEPTED, REJECTED, DUPLICATE}
    assert all(r.row >= 1 for r in result.rows)
    assert all(r.reason for r in result.rows if r.verdict == REJECTED)


cells = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))
tables = st.lists(st.lists(cells, min_size=0, max_size=9), min_size=0, max_size=12)
HEADERS = [["Місто України", "Область", "Місто-партнер", "Країна", "Дата", "Джерело"],
           ["ua_name_en", "ua_oblast", "partner_name", "partner_country", "date", "source_url"], []]


def _csv_bytes(header, rows, delimiter, encoding) -> bytes:
    text = io.StringIO()
    for row in ([header] if header else []) + rows:
        text.write(delimiter.join(row) + "\n")
    return text.getvalue().encode(encoding, errors="ignore")


@FUZZ
@given(data=st.binary(max_size=3000), ext=st.sampled_from(["csv", "xlsx", "txt", "CSV", ""]))
def test_random_bytes(data, ext):
    check_import(data, f"upload.{ext}")


@FUZZ
@given(header=st.sampled_from(HEADERS), rows=tables, delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"]))
def test_csv_shaped_text(header, rows, delimiter, encoding):
    check_import(_csv_bytes(header, rows, delimiter, encoding), "council.csv")


@FUZZ
@given(prefix=st.sampled_from([b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18, b"\xd0\xcf\x11\xe0"]),
       tail=st.binary(max_size=2000))
def test_broken_workbooks(prefix, tail):
    check_import(prefix + tail, "council.xlsx")


xl_values = st.one_of(st.none(), cells, st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=False),
                      st.dates(), st.booleans())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, database=None)
@given(header=st.sampled_from(HEADERS), rows=st.lists(st.lists(xl_values, max_size=8), max_size=10),
       title=st.booleans())
def test_real_workbooks_with_random_cells(header, rows, title):
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = openpyxl.Workbook()
    ws = wb.active
    buf = io.BytesIO()
    try:
        if title:
            ws.append(["Перелік міст-партнерів <img src=x onerror=alert(1)>"])
        if header:
            ws.append(header)
        for r in rows:
            ws.append(r)
        wb.save(buf)
    except (IllegalCharacterError, ValueError, TypeError):  # openpyxl refuses it: no such workbook exists
        return
    check_import(buf.getvalue(), "council.xlsx")


# ------------------------------------------------------------------------------------------ geocoder
@pytest.fixture(scope="module")
def geocoder():
    from geo.geocoder import OfflineGeocoder

    return OfflineGeocoder.default()


def _sane(loc) -> None:
    if loc is None:
        return
    lat, lon = loc.latitude, loc.longitude
    assert math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
    assert (lat, lon) != (0.0, 0.0)


queries = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE_TEXT),
                    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs", "Pd", "Po")), max_size=60))
countries = st.one_of(st.none(), st.sampled_from(["UA", "DE", "PL", "US", "", "ZZ", "ua", "<b>", "Німеччина"]),
                      st.text(max_size=5))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, database=None)
@given(query=queries, country=countries, region=st.one_of(st.none(), st.text(max_size=40)),
       feature=st.sampled_from([None, "city", "region", "country", "bogus"]))
def test_geocoder_random_strings(geocoder, query, country, region, feature):
    from pobratymy.errors import ConfigurationError

    if feature == "bogus":  # the one documented refusal: a typed error (a ValueError, geopy style)
        with pytest.raises(ConfigurationError, match="featuretype"):
            bounded(geocoder.geocode, query, country=country, region=region, featuretype=feature)
        return
    _sane(bounded(geocoder.geocode, query, country=country, region=region, featuretype=feature))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, database=None)
@given(name=queries, oblast=st.one_of(st.none(), st.sampled_from(["UA-14", "Донецька", "", "UA-99"]), st.text(max_size=20)))
def test_resolve_ua_random_strings(geocoder, name, oblast):
    _sane(bounded(geocoder.resolve_ua, name, oblast=oblast))  # any text: a place or None, never an error
