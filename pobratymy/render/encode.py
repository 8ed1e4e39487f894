"""Compact GeoJSON for self-contained exports: coordinates as encoded polylines, decoded in the browser.

A FeatureCollection's line and polygon coordinates become strings in the Google encoded-polyline
format (integers ``round(v * 10**k)``, delta-encoded along each line or ring, zig-zag signed, 5 bits
per character from ``?`` to ``~``) in GeoJSON order ``[lon, lat]``. ``k`` is the fewest decimals that
reproduce *every* coordinate exactly (``n / 10**k == v``); a collection that no ``k`` ≤
:data:`MAX_DIGITS` reproduces, or that has no lines or polygons, is not encoded. The browser divides
the same integers by the same power of ten, so it gets the very doubles the plain JSON would give.

Encoded collection: ``{"type": "FeatureCollection", "k": k, "features": [...]}`` where each encoded
geometry has ``"e"`` instead of ``"coordinates"``: a string for a LineString, a list of strings for a
Polygon or MultiLineString, a list of lists for a MultiPolygon. Points are left as they are.
:data:`DECODER_JS` defines ``pbDecode(collection)`` which rebuilds the GeoJSON in place;
:func:`decode_collection` is its Python mirror (tests).

The characters ``?``..``~`` hold no ``<``, ``>``, ``&`` or ``'``, so the strings are script-safe as JSON.
"""

from __future__ import annotations

import numpy as np

MAX_DIGITS = 7
_ENCODED_TYPES = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}

#: ``pbDecode(fc)``: the encoded collection ``fc`` back to GeoJSON (in place; returns ``fc``). Arithmetic,
#: not bit operators, so integers above 2**31 (7 decimals) decode too.
DECODER_JS = """function pbDecode(fc) {
  if (fc.k === undefined) { return fc; }
  var p = Math.pow(10, fc.k);
  function line(s) {
    var out = [], i = 0, x = 0, y = 0, n = s.length;
    while (i < n) {
      var v = [0, 0];
      for (var d = 0; d < 2; d++) {
        var z = 0, m = 1, b;
        do { b = s.charCodeAt(i++) - 63; z += (b & 31) * m; m *= 32; } while (b >= 32);
        v[d] = z % 2 ? -(z + 1) / 2 : z / 2;
      }
      x += v[0]; y += v[1];
      out.push([x / p, y / p]);
    }
    return out;
  }
  function walk(e) { return typeof e === 'string' ? line(e) : e.map(walk); }
  fc.features.forEach(function(f) {
    var g = f.geometry;
    if (g && g.e !== undefined) { g.coordinates = walk(g.e); delete g.e; }
  });
  delete fc.k;
  return fc;
}"""


def _rings(geom: dict) -> list[list]:
    """The coordinate lists (lines, rings) of an encodable geometry, in order."""
    depth, coords = _ENCODED_TYPES[geom["type"]], geom["coordinates"]
    if depth == 0:
        return [coords]
    for _ in range(depth - 1):
        coords = [r for part in coords for r in part]
    return coords


def _exact_digits(values: np.ndarray) -> int | None:
    """The fewest decimals ``k`` with ``rint(v * 10**k) / 10**k == v`` for every value, or None."""
    if not len(values):
        return 0
    for k in range(MAX_DIGITS + 1):
        p = 10.0 ** k
        if np.array_equal(np.rint(values * p) / p, values):
            return k
    return None


def _encode_ints(z: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Zig-zagged non-negative integers as polyline characters; also each integer's character count."""
    bits = np.zeros(len(z), dtype=np.int64)
    rest = z.copy()
    while rest.any():
        bits += rest > 0
        rest >>= 5
    count = np.maximum(bits, 1)
    width = int(count.max()) if len(count) else 1
    cols = np.arange(width)
    chunks = (z[:, None] >> (5 * cols)) & 31
    chunks |= np.where(cols[None, :] < (count - 1)[:, None], 32, 0)
    chunks += 63
    return chunks[cols[None, :] < count[:, None]].astype(np.uint8).tobytes(), count


def encode_collection(fc: dict) -> dict | None:
    """``fc`` with line/polygon coordinates encoded (see the module doc), or None when not worth it or
    not exact. ``fc`` itself is not changed."""
    feats = fc.get("features") or []
    enc = [i for i, f in enumerate(feats) if (f.get("geometry") or {}).get("type") in _ENCODED_TYPES]
    if not enc:
        return None
    rings = [r for i in enc for r in _rings(feats[i]["geometry"])]
    lengths = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    try:
        xy = np.array([p for r in rings for p in r], dtype=np.float64)
    except (TypeError, ValueError):  # ragged, 3-D or non-numeric: leave the collection alone
        return None
    if xy.ndim != 2 or xy.shape[1] != 2 or not np.isfinite(xy).all():
        return None
    k = _exact_digits(xy.ravel())
    if k is None or float(np.abs(xy).max(initial=0.0)) * 10.0 ** k >= 2.0 ** 52:  # beyond exact integers
        return None
    ints = np.rint(xy * 10.0 ** k).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    starts = np.cumsum(lengths) - lengths
    starts = starts[lengths > 0]
    deltas[starts] = ints[starts]  # each line or ring starts from zero
    flat = deltas.ravel()
    data, count = _encode_ints((flat << 1) ^ (flat >> 63))
    ends = np.cumsum(count.reshape(-1, 2).sum(axis=1))  # characters up to the end of each point
    text = data.decode("ascii")
    strings, pos, pt = [], 0, 0
    for n in lengths.tolist():
        pt += n
        end = int(ends[pt - 1]) if n else pos
        strings.append(text[pos:end])
        pos = end
    out_feats, it = list(feats), iter(strings)
    for i in enc:
        geom = feats[i]["geometry"]
        depth, coords = _ENCODED_TYPES[geom["type"]], geom["coordinates"]
        e = _nest(coords, depth, it)
        out_feats[i] = {**feats[i], "geometry": {k2: v for k2, v in geom.items() if k2 != "coordinates"} | {"e": e}}
    return {**fc, "k": k, "features": out_feats}


def _nest(coords, depth: int, strings):
    if depth == 0:
        return next(strings)
    return [_nest(c, depth - 1, strings) for c in coords]


def decode_line(s: str, k: int) -> list[list[float]]:
    """One encoded string back to ``[[x, y], ...]`` (the same arithmetic as :data:`DECODER_JS`)."""
    out, vals, z, m = [], [], 0, 1
    x = y = 0
    p = 10.0 ** k
    for ch in s:
        b = ord(ch) - 63
        z += (b & 31) * m
        m *= 32
        if b < 32:
            vals.append(-(z + 1) // 2 if z % 2 else z // 2)
            z, m = 0, 1
            if len(vals) == 2:
                x, y = x + vals[0], y + vals[1]
                out.append([x / p, y / p])
                vals = []
    return out


def decode_collection(enc: dict) -> dict:
    """The Python mirror of ``pbDecode``: an encoded collection back to plain GeoJSON (a new dict)."""
    if "k" not in enc:
        return enc
    k = enc["k"]

    def walk(e):
        return decode_line(e, k) if isinstance(e, str) else [walk(x) for x in e]

    feats = []
    for f in enc["features"]:
        g = f.get("geometry")
        if g and "e" in g:
            g = {key: v for key, v in g.items() if key != "e"} | {"coordinates": walk(g["e"])}
            f = {**f, "geometry": g}
        feats.append(f)
    return {key: v for key, v in enc.items() if key != "k"} | {"features": feats}


def script_expression(fc: dict) -> str:
    """JavaScript for ``fc`` inside a ``<script>``: ``pbDecode({...})`` when encoding pays, else plain
    script-safe JSON. Needs :data:`DECODER_JS` on the page before it runs."""
    from pobratymy.safe import json_for_script

    enc = encode_collection(fc)
    return json_for_script(fc) if enc is None else f"pbDecode({json_for_script(enc)})"
