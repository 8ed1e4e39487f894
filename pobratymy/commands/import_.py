"""import FILE: check a council's spreadsheet (CSV/XLSX) row by row; optionally append it to the data."""

from __future__ import annotations

import json
import sys

HELP = ("check a council's CSV/XLSX row by row (exit 0 all accepted, 1 some rejected or duplicate, "
        "2 unreadable file); --save appends the accepted rows to $POBRATYMY_DATA")


def add_arguments(p) -> None:
    p.add_argument("file", help="CSV (UTF-8, UTF-8 BOM, cp1251; , ; or tab) or XLSX file")
    p.add_argument("--dry-run", action="store_true", help="only report (the default unless --save is given)")
    p.add_argument("--save", action="store_true",
                   help="append the accepted rows to $POBRATYMY_DATA (atomic, refuses if the file changed)")
    p.add_argument("--json", action="store_true", help="print every row's verdict as JSON")
    p.add_argument("--source", default="", metavar="URL|TEXT",
                   help="given once for the whole file: the http(s) page where the list is published (the link "
                        "of rows without one), or text naming the council's register, cited with such rows")
    p.add_argument("--require-link", action="store_true",
                   help="strict: reject rows without an http(s) link (default: keep them, cited as the "
                        "council's own register and flagged 'no public link')")
    p.add_argument("--who", default=None, help="who imports, cited with rows without a link (default: the OS user)")
    p.add_argument("--lang", choices=("uk", "en"), default="en",
                   help="language of verdicts, reasons and warnings (JSON keeps the English codes and adds "
                        "the translated text)")
    p.add_argument("--sheet", default=None, help="XLSX sheet to read (default: the first with a header)")
    p.add_argument("--no-geocode", action="store_true", help="do not look places up (no coordinates)")
    p.add_argument("--online", action="store_true",
                   help="ask OpenStreetMap Nominatim (1 request/s, needs internet) for places the offline "
                        "gazetteer lacks; same as POBRATYMY_ONLINE_GEOCODER=1. Answers are cached in "
                        "places.csv when --save is given")


def default_resolver(settings, no_geocode: bool = False, online: bool = False):
    """The offline geocoder when it is installed, else a resolver that finds nothing (with a note).
    With ``online`` (and not ``no_geocode``): a :class:`pobratymy.resolvers.OnlineFallbackResolver` that
    asks Nominatim for what the gazetteer and the places cache lack."""
    from ..importer import NullResolver

    if no_geocode:
        return NullResolver()
    try:
        from geo.geocoder import OfflineGeocoder
    except ImportError:
        print("note: geo.geocoder is not available; places are not looked up", file=sys.stderr)
        offline = NullResolver()
    else:
        offline = OfflineGeocoder.default()
    if not online:
        return offline
    from ..resolvers import OnlineFallbackResolver, load_cache

    return OnlineFallbackResolver(offline, make_online(), load_cache(*places_paths(settings)))


def make_online():
    """The Nominatim fallback (public server, 1 request/s); tests replace it with a loopback one."""
    from geo.online import NominatimFallback

    return NominatimFallback()


def places_paths(settings):
    """(places.csv, places_overrides.csv) used with ``settings.data_path``: beside it when present."""
    from ..resolvers import places_paths as _paths

    return _paths(settings.data_path, settings.places_path, settings.overrides_path)


def geocoder_stats(resolver) -> dict:
    """The ``"geocoder"`` block of ``--json``: online or not, and what the online fallback did."""
    if hasattr(resolver, "stats"):
        return resolver.stats()
    return {"online": False, "successes": 0, "failures": 0, "not_found": 0, "cached": 0, "wrong_oblast": 0,
            "skipped": 0, "failure_reasons": {}}


def run(args, settings) -> int:
    from ..errors import ConfigurationError
    from ..importer import Options, import_file
    from ..provenance import default_who

    if args.save and args.dry_run:
        raise ConfigurationError("--save and --dry-run contradict each other")
    source = " ".join((args.source or "").split())
    from ..importer import is_markup, looks_like_formula

    if source.lower().startswith(("javascript:", "data:", "vbscript:", "file:")) or is_markup(source) \
            or looks_like_formula(source):
        raise ConfigurationError(f"--source {args.source!r} is neither an http(s) URL nor a register's name")
    existing, fp = _existing(settings.data_path)
    online = (args.online or settings.online_geocoder) and not args.no_geocode
    resolver = default_resolver(settings, args.no_geocode, online=online)
    opts = Options(source=source, require_link=args.require_link,
                   who=default_who() if args.who is None else args.who, places=_places(settings))
    result = import_file(args.file, resolver, existing, sheet=args.sheet, options=opts)
    stats = geocoder_stats(resolver)
    lang = getattr(args, "lang", "en") or "en"
    if args.json:
        json.dump({**result.to_json(lang), "geocoder": stats}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_report(result, lang)
        if stats["online"]:
            print(format_stats(stats), file=sys.stdout)
    if args.save:
        _save(settings.data_path, existing, fp, result)
        if result.accepted:
            from ..resolvers import new_places_target, places_of, remember_places

            learned = list((getattr(resolver, "learned", None) or {}).values())
            places = places_paths(settings)[0]
            if new_places_target(settings.data_path) == places:
                learned = [*places_of(result), *learned]  # online answers (richer) win
            try:
                n = remember_places(places, learned)
            except OSError as exc:  # the rows are saved; only the cache could not be written
                print(f"warning: places of the new rows not cached in {places}: {exc}", file=sys.stderr)
            else:
                print(f"cached {n} new place(s) in {places}", file=sys.stderr)
    return result.exit_code


def format_stats(stats: dict) -> str:
    """One line for the CLI summary: what the online geocoder found and what failed (and why)."""
    line = (f"online geocoder: {stats['successes']} found, {stats['not_found']} not found, "
            f"{stats['failures']} failed, {stats['cached']} from the cache")
    if stats.get("skipped"):
        line += f", {stats['skipped']} not asked (the server kept failing)"
    if stats["failure_reasons"]:
        line += " (" + ", ".join(f"{k} {v}" for k, v in sorted(stats["failure_reasons"].items())) + ")"
    return line


def _places(settings):
    """The dataset's places cache (with overrides), for the GeoNames ids of its rows; {} if none."""
    try:
        from pobratymy.places import load_places

        return load_places(*places_paths(settings))
    except (OSError, ValueError, KeyError):
        return {}


def _existing(path):
    from ..io import load_partnerships

    if not path.exists():
        return None, ""
    loaded = load_partnerships(path)
    return loaded.frame, loaded.fingerprint


def _print_report(result, lang: str = "en") -> None:
    from ..i18n import t

    out = sys.stdout
    tb = result.table
    if tb is not None:
        how = f"{tb.kind}" + (f", {tb.encoding}, delimiter {tb.delimiter!r}" if tb.kind == "csv" else f", sheet {tb.sheet!r}")
        print(t("imp.cli_file", lang, name=tb.name, how=how, row=result.header_row), file=out)
    mapped = ", ".join(f"{result.header[i]!r} -> {f}" for i, f in sorted(result.mapping.fields.items()))
    print(t("imp.cli_columns", lang, cols=mapped), file=out)
    if result.unknown_columns:
        print(t("imp.cli_ignored", lang, cols=", ".join(map(repr, result.unknown_columns))), file=out)
    row_w = t("import.col.row", lang).lower()
    warn_w = t("imp.warning", lang)
    for r in result.rows:
        if r.verdict != "accepted":
            print(f"{row_w} {r.row}: {r.verdict_text(lang)}: {r.reason_text(lang)}", file=out)
        for w in r.warnings_text(lang):
            print(f"{row_w} {r.row}: {warn_w}: {w}", file=out)
    c = result.counts()
    print(t("imp.summary", lang, a=c["accepted"], r=c["rejected"], d=c["duplicate"])
          + (t("imp.summary_blank", lang, b=len(result.skipped_blank)) if result.skipped_blank else ""), file=out)


def _save(path, existing, fp: str, result) -> None:
    from ..io import write_csv_atomic

    rows = result.accepted_records()
    if not rows:
        print("nothing to save", file=sys.stderr)
        return
    try:
        from ..store import save_rows
    except ImportError:
        save_rows = None
    if save_rows is not None:
        save_rows(path, existing, rows, fp, who="cli", what=f"import {result.table.name if result.table else ''}")
    else:
        import pandas as pd

        from ..io import read_csv_str
        from ..schema import COLUMNS

        # every row of the file on disk, even ones that fail validation today: saving never drops a row
        base = read_csv_str(path) if fp else pd.DataFrame(columns=list(COLUMNS))
        frame = pd.concat([base, pd.DataFrame(rows, columns=list(COLUMNS))], ignore_index=True)
        write_csv_atomic(path, frame, expected_fingerprint=fp)
    print(f"saved {len(rows)} row(s) to {path}", file=sys.stderr)
