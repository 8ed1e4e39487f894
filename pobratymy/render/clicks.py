"""Partner dots in the map's click index (pure).

:func:`pobratymy.render.mapbuild.dynamic_layers` indexes the tooltips of Ukrainian places and lines; a partner dot's
tooltip (``"Nürnberg (Німеччина)"``, drawn by ``pobratymy.render.mapbuild.place_collections``) is added here, so a
click on it selects that partner: its key is a partner key, shown by :func:`pobratymy.filters.partner_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from pobratymy import filters as F
from pobratymy.schema import C


def partner_label(row: Mapping, country_name: Callable[[str], str]) -> str:
    """A partner dot's tooltip as the browser returns it (plain text): ``name (country)``."""
    return f"{row[C.PARTNER_NAME]} ({country_name(row[C.PARTNER_COUNTRY])})"


def add_partners(index, df: pd.DataFrame, country_name: Callable[[str], str]):
    """Add every on-map partner place of ``df`` to ``index`` (a :class:`pobratymy.render.mapbuild.ClickIndex`); returns it."""
    on = df[df[F.ON_MAP]]
    cols = [on[c].tolist() for c in (C.PARTNER_NAME, C.PARTNER_COUNTRY, F.PARTNER_KEY, F.P_LAT, F.P_LON)]
    names: dict[str, str] = {}
    for name, cc, key, lat, lon in zip(*cols, strict=True):
        label = partner_label({C.PARTNER_NAME: name, C.PARTNER_COUNTRY: cc},
                              lambda code: names[code] if code in names else names.setdefault(code, country_name(code)))
        index.add(label, key, float(lat), float(lon))
    return index
