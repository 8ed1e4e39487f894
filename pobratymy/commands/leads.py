"""leads NAME [--json]: foreign partners a hromada could approach, each backed by rows of the data."""

from __future__ import annotations

import json
import re

HELP = ("suggest foreign municipalities and regions for a hromada (any spelling, or its KATOTTG code): "
        "partners of its neighbours' live ties, same raion first, each with its reason and the rows it cites")

_CODE = re.compile(r"^UA\d{17}$")


def add_arguments(p) -> None:
    from .coverage import add_filter_arguments

    p.add_argument("name", metavar="NAME", help="the hromada or its centre: Жовківська, Zhovkva, UA46...")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--lang", choices=("uk", "en"), default="uk", help="language of the reasons (default uk)")
    p.add_argument("--limit", type=int, default=20, help="at most this many municipal leads (default 20)")
    add_filter_arguments(p)


def run(args, settings) -> int:
    import sys

    from .. import coverage as V
    from ..errors import ConfigurationError
    from ..register import codifier, lookup
    from .coverage import selection

    oblast_filter = args.oblast
    args.oblast = []  # the evidence comes from the whole oblast; --oblast only narrows the name
    ties, register, _f = selection(args, settings)
    oblast = oblast_filter[0].strip().upper() if oblast_filter else None
    if _CODE.match(args.name.strip()):
        unit = codifier().get(args.name.strip())
        if unit is None or unit.category != "H":
            raise ConfigurationError(f"{args.name!r} is not the KATOTTG code of a hromada")
        codes = [unit.katottg]
    else:
        codes = sorted({m.ua_hromada_katottg for m in lookup(args.name, oblast, "hromada") if m.ua_hromada_katottg})
    if not codes:
        print(f"error: no hromada of the register matches {args.name!r}", file=sys.stderr)
        return 1
    if len(codes) > 1:
        reg = register.set_index("katottg")
        print(f"error: {args.name!r} names {len(codes)} hromadas; add --oblast:", file=sys.stderr)
        for c in codes:
            if c in reg.index:
                print(f"  {c}  {reg.at[c, 'name_uk']}  ({reg.at[c, 'oblast']}, {reg.at[c, 'raion']})", file=sys.stderr)
        return 1
    code = codes[0]
    reg = register.set_index("katottg")
    if code not in reg.index or reg.at[code, "occupied_since"]:
        print(f"error: {code} is under occupation since {reg.at[code, 'occupied_since'] if code in reg.index else '?'}; "
              "no leads", file=sys.stderr)
        return 1
    municipal, regional = V.leads(ties, register, code, limit=args.limit)
    me = reg.loc[code]
    if args.json:
        print(json.dumps({
            "hromada": {"katottg": code, "name_uk": me["name_uk"], "name_en": me["name_en"], "oblast": me["oblast"],
                        "raion": me["raion"]},
            "leads": [ld.as_dict(args.lang) for ld in municipal],
            "regions": [ld.as_dict(args.lang) for ld in regional],
        }, ensure_ascii=False, indent=1))
        return 0
    name = me["name_uk"] if args.lang == "uk" else me["name_en"]
    print(f"{name} ({me['oblast']}, {me['raion']}) — {code}")
    if not municipal and not regional:
        print("  no leads")
    for i, ld in enumerate(municipal, 1):
        print(f"{i:3}. {ld.partner_name} ({ld.partner_country}) [{ld.tier}] — {ld.reason(args.lang)}; "
              f"rows: {', '.join(e.row_id for e in ld.evidence)}")
    for ld in regional:
        print(f"  region: {ld.partner_name} ({ld.partner_country}) — {ld.reason(args.lang)}; "
              f"rows: {', '.join(e.row_id for e in ld.evidence)}")
    return 0
