"""geocode IN.csv --out OUT.csv | geocode --dataset: place names -> coordinates, offline first."""

from __future__ import annotations

import csv
import io
import sys

HELP = ("geocode IN.csv (columns name, country, region) into OUT.csv (+ lat, lon, matched_name, source); "
        "--dataset rebuilds data/places.csv for every place in $POBRATYMY_DATA")

OUT_EXTRA = ("lat", "lon", "matched_name", "source")
LEVEL_TO_FEATURE = {"region": "region", "state": "region", "county": "region", "oblast": "region",
                    "city": "city", "town": "city", "village": "city", "district": "city", "hromada": "city",
                    "raion": "city"}


def add_arguments(p) -> None:
    p.add_argument("file", nargs="?", help="input CSV with columns name, country (ISO alpha-2) and region")
    p.add_argument("--out", help="output CSV (default: standard output)")
    p.add_argument("--dataset", action="store_true",
                   help="resolve every Ukrainian and partner place of $POBRATYMY_DATA into data/places.csv "
                        "and print the places left unresolved with a reason")
    p.add_argument("--online", action="store_true",
                   help="ask Nominatim (1 request/s) for places the offline gazetteer lacks; "
                        "same as POBRATYMY_ONLINE_GEOCODER=1")
    p.add_argument("--rebuild-index", action="store_true", help="rebuild the gazetteer index first")


def _fmt(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def _online(args, settings):
    if not (args.online or settings.online_geocoder):
        return None
    from geo.online import NominatimFallback

    return NominatimFallback()


def geocode_rows(rows, geocoder, online=None):
    """Yield each input row (a dict) with lat, lon, matched_name, source added (empty when not found)."""
    for row in rows:
        name, country, region = (str(row.get(k) or "") for k in ("name", "country", "region"))
        loc = None
        try:
            loc = geocoder.geocode(name, country=country or None, region=region or None)
        except ValueError:
            loc = None
        if loc is None and online is not None:
            loc = online.geocode(name, country=country or None, region=region or None)
        out = dict(row)
        if loc is None:
            out.update(lat="", lon="", matched_name="", source="")
        else:
            out.update(lat=_fmt(loc.latitude), lon=_fmt(loc.longitude), matched_name=loc.raw.get("name", ""),
                       source=loc.raw.get("source", ""))
        yield out


def _read_input(path: str) -> tuple[list[str], list[dict[str, str]]]:
    from ..errors import DataFileError

    try:
        data = open(path, "rb").read()  # noqa: SIM115 - read whole small file
    except OSError as exc:
        raise DataFileError(path, exc.strerror or str(exc)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, "not UTF-8 text") from exc
    text = text.replace("\x00", "")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise DataFileError(path, f"needs a 'name' column (found: {', '.join(header) or 'none'})")
    reader.fieldnames = header
    rows = [{k: (v if isinstance(v, str) else "") for k, v in r.items() if k is not None} for r in reader]
    return header, rows


def run(args, settings) -> int:
    from geo.gazetteer import Gazetteer
    from geo.geocoder import OfflineGeocoder

    geocoder = OfflineGeocoder(Gazetteer.open(rebuild=args.rebuild_index)) if args.rebuild_index \
        else OfflineGeocoder.default()
    online = _online(args, settings)
    if args.dataset:
        from pobratymy.geocode_dataset import build_places, format_report

        report = build_places(settings, geocoder, online)
        print(format_report(report))
        return 0 if not report.unresolved else 1
    if not args.file:
        print("error: give IN.csv or --dataset", file=sys.stderr)
        return 2
    header, rows = _read_input(args.file)
    cols = header + [c for c in OUT_EXTRA if c not in header]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    found = 0
    for out in geocode_rows(rows, geocoder, online):
        found += bool(out["lat"])
        w.writerow(out)
    if args.out:
        from ..io import atomic_write_bytes

        atomic_write_bytes(args.out, buf.getvalue().encode("utf-8"))
    else:
        sys.stdout.write(buf.getvalue())
    msg = f"{found}/{len(rows)} place(s) found"
    if online is not None:
        msg += f"; online: {online.successes} found, {sum(online.failures.values())} failed {dict(online.failures)}"
    print(msg, file=sys.stderr)
    return 0
