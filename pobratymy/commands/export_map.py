"""export-map --out FILE.html: the map of a selection as one self-contained HTML file (works offline)."""

from __future__ import annotations

import sys

from . import selection_codes

HELP = ("write the map of the partnerships (optionally narrowed by oblast/country, spotlighting one place) "
        "as one self-contained HTML file that opens and draws without internet")


def add_arguments(p) -> None:
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--oblast", action="append", default=[], metavar="UA-14",
                   help="only this oblast (ISO 3166-2 code; repeat or comma-separate for several)")
    p.add_argument("--country", action="append", default=[], metavar="DE",
                   help="only partners in this country (ISO alpha-2; repeat or comma-separate)")
    p.add_argument("--focus", metavar="NAME", help="spotlight one Ukrainian place (any spelling: Kramatorsk, Краматорськ)")
    p.add_argument("--lang", choices=("uk", "en"), default="uk", help="language of labels (default uk)")
    p.add_argument("--terminated", action="store_true", help="include terminated ties (dashed grey)")
    p.add_argument("--png", metavar="FILE.png", help="also render a PNG with headless Chromium")




def load_frame(settings):
    """The partnerships of ``settings`` joined with their places and arcs (what the map draws); no search
    text (an export selects by oblast and country, never by a query)."""
    from pobratymy.places import load_places
    from pobratymy.render import mapbuild

    from .. import filters as F
    from ..config import GEO_DATA_DIR
    from ..io import load_partnerships
    from ..resolvers import places_paths

    data = settings.data_path
    places, overrides = places_paths(data, settings.places_path, settings.overrides_path)
    loaded = load_partnerships(data)
    aliases = F.renamed_aliases(GEO_DATA_DIR / "ua_renamed_cities.csv")
    df = F.enrich(loaded.frame, load_places(places, overrides), aliases, search=False)
    return mapbuild.with_arcs(df), loaded.problems, aliases


def run(args, settings) -> int:
    import datetime as _dt
    from pathlib import Path

    from .. import exporting, present
    from .. import filters as F
    from ..errors import ExportUnavailable
    from ..io import atomic_write_bytes
    from ..schema import Status

    oblasts, countries = selection_codes(args.oblast, args.country)
    df, problems, aliases = load_frame(settings)
    if problems:
        print(f"note: {len(problems)} invalid row(s) of {settings.data_path} left out", file=sys.stderr)
    statuses = tuple(s.value for s in Status) if args.terminated else F.DEFAULT_STATUSES
    f = F.Filters(oblasts=oblasts, countries=countries, statuses=statuses)
    sel = F.apply(df, f)
    lang = args.lang
    cn = present.country_namer(lang)
    focus_key, focus_label, lines = None, "", []
    if args.focus:
        focus_key = present.find_place(sel, args.focus, aliases)
        if not focus_key:
            print(f"error: no Ukrainian place in the selection matches {args.focus!r}", file=sys.stderr)
            return 1
        sp = present.spotlight(sel, focus_key, lang, cn)
        focus_label = sp.label if sp else args.focus
        lines = [present.partner_line(p) for p in sp.partners] if sp else []
        card_rows = sel[sel[F.UA_KEY] == focus_key]
    else:
        card_rows = sel
    card = present.title_card(card_rows, f, lang, present.oblast_namer(lang), cn, focus_label)
    data_day = _dt.date.fromtimestamp(settings.data_path.stat().st_mtime)
    note = exporting.sources_note(card_rows, lang, data_day)
    html = exporting.map_html(sel, lang, cn, focus=focus_key, title=card.title, subtitle=card.subtitle, note=note,
                               card_lines=lines[:20])
    out = Path(args.out)
    atomic_write_bytes(out, html.encode("utf-8"))
    on_map = int(sel[F.ON_MAP].sum()) if len(sel) else 0
    print(f"{out}: {len(sel)} partnership(s), {on_map} on the map, {len(html.encode('utf-8')) / 1e6:.1f} MB — {card}")
    if args.png:
        try:
            png = exporting.map_png(html)
        except ExportUnavailable as exc:
            print(f"PNG not written: {exc.reason}", file=sys.stderr)
            return 3
        atomic_write_bytes(Path(args.png), png)
        print(f"{args.png}: {len(png) / 1e3:.0f} kB")
    return 0
