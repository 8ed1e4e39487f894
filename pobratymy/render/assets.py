"""Local copies of every file the map needs in the browser: no CDN, no internet.

folium's :class:`folium.Map` lists Leaflet, jQuery, Bootstrap and Font Awesome on public CDNs in
``default_js``/``default_css``; streamlit-folium loads exactly those lists inside its iframe. The map
draws only vectors, so it needs Leaflet alone: :class:`OfflineMap` lists ``leaflet.js``/``leaflet.css``
served by Streamlit from ``./static/vendor/`` (``server.enableStaticServing``), copied there from the
installed ``xstatic-leaflet`` package by :func:`ensure_static` at start-up (the folder is gitignored, so
the versions are the ones ``requirements.txt`` pins).

:func:`ensure_static` also derives the basemap files the page fetches once (countries and oblasts with
coordinates rounded to 0.01° and only the properties the map uses) from ``geo/data/``.

For a self-contained HTML file (no server at all) :func:`inline_html` renders a map with the Leaflet
script, its stylesheet and the basemap embedded; the basemap goes in as encoded polylines
(:mod:`pobratymy.render.encode`, ~5x smaller, decoded exactly in the page), kept current next to the plain files by
:func:`ensure_static` and read by :func:`inline_basemap_js`.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import shutil
from pathlib import Path

import folium

from pobratymy.config import GEO_DATA_DIR as GEO_DATA
from pobratymy.config import ROOT

STATIC_DIR = ROOT / "static"
VENDOR = "vendor"

#: URL of ``./static/`` as seen from inside the streamlit-folium iframe
#: (``/component/streamlit_folium.st_folium/index.html``): relative, so a ``server.baseUrlPath`` still works.
STATIC_URL = "../../app/static"

#: file under static/vendor -> (xstatic module, file in its data dir)
VENDOR_FILES: dict[str, tuple[str, str]] = {
    "leaflet/leaflet.js": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet/leaflet.css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "leaflet/images/layers.png": ("xstatic.pkg.leaflet", "images/layers.png"),
    "leaflet/images/layers-2x.png": ("xstatic.pkg.leaflet", "images/layers-2x.png"),
    "leaflet/images/marker-icon.png": ("xstatic.pkg.leaflet", "images/marker-icon.png"),
    "leaflet/images/marker-icon-2x.png": ("xstatic.pkg.leaflet", "images/marker-icon-2x.png"),
    "leaflet/images/marker-shadow.png": ("xstatic.pkg.leaflet", "images/marker-shadow.png"),
}

#: derived basemap file under static/vendor -> (source in geo/data, properties kept)
BASEMAP_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "basemap/countries.json": ("world_countries.geojson", ("ISO_A2",)),
    "basemap/oblasts.json": ("ukraine_oblasts.geojson", ("iso_3166_2",)),
}
BASEMAP_DIGITS = 2
#: suffix of the encoded copy of each basemap file (for self-contained exports only)
ENCODED_SUFFIX = ".enc.json"


def vendor_url(rel: str, base: str = STATIC_URL) -> str:
    return f"{base}/{VENDOR}/{rel}"


class OfflineMap(folium.Map):
    """A :class:`folium.Map` whose only browser dependencies are the local Leaflet script and style."""

    default_js = [("leaflet", vendor_url("leaflet/leaflet.js"))]
    default_css = [("leaflet_css", vendor_url("leaflet/leaflet.css"))]


def _source_file(module: str, name: str) -> Path:
    mod = importlib.import_module(module)
    return Path(mod.BASE_DIR) / name


def _round(coords, n: int):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], n), round(coords[1], n)]
    out = [_round(c, n) for c in coords]
    if out and isinstance(out[0], list) and out[0] and isinstance(out[0][0], float):
        out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]  # drop repeated vertices
    return out


def basemap_geojson(source: str | Path, keep: tuple[str, ...], digits: int = BASEMAP_DIGITS) -> dict:
    """A bundled GeoJSON reduced for drawing: rounded coordinates, only the ``keep`` properties."""
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    feats = []
    for f in data["features"]:
        geom = f.get("geometry")
        if not geom:
            continue
        feats.append({
            "type": "Feature",
            "properties": {k: (f.get("properties") or {}).get(k) for k in keep},
            "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"], digits)},
        })
    return {"type": "FeatureCollection", "features": feats}


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    from pobratymy.io import atomic_write_bytes

    atomic_write_bytes(path, data)
    return True


def ensure_static(static_dir: str | Path = STATIC_DIR) -> list[str]:
    """Copy the vendor files and derive the basemap files into ``static_dir/vendor``; returns what was
    (re)written. Cheap when everything is current (size/mtime compare), so call it at every start-up."""
    out = Path(static_dir) / VENDOR
    written: list[str] = []
    for rel, (module, name) in VENDOR_FILES.items():
        src, dst = _source_file(module, name), out / rel
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            written.append(rel)
    for rel, (name, keep) in BASEMAP_FILES.items():
        src, dst = GEO_DATA / name, out / rel
        if dst.exists() and dst.stat().st_mtime >= src.stat().st_mtime:
            continue
        data = json.dumps(basemap_geojson(src, keep), separators=(",", ":")).encode("utf-8")
        if _write_if_changed(dst, data):
            written.append(rel)
        else:
            dst.touch()
    for rel in BASEMAP_FILES:
        src, dst = out / rel, out / encoded_name(rel)
        if dst.exists() and dst.stat().st_mtime >= src.stat().st_mtime:
            continue
        if _write_if_changed(dst, _encoded_text(json.loads(src.read_text(encoding="utf-8"))).encode("utf-8")):
            written.append(encoded_name(rel))
        else:
            dst.touch()
    return written


def encoded_name(rel: str) -> str:
    """``basemap/countries.json`` -> ``basemap/countries.enc.json``."""
    return rel.removesuffix(".json") + ENCODED_SUFFIX


def _encoded_text(fc: dict) -> str:
    from pobratymy.safe import json_for_script

    from .encode import encode_collection

    enc = encode_collection(fc)
    return json_for_script(fc if enc is None else enc)


def inline_basemap_js(static_dir: str | Path = STATIC_DIR) -> tuple[str, ...]:
    """The basemap collections (countries, oblasts) as script expressions for an inline page:
    ``pbDecode({...})`` (needs :data:`pobratymy.render.encode.DECODER_JS` on the page). Requires :func:`ensure_static`."""
    out = Path(static_dir) / VENDOR
    return tuple(f"pbDecode({(out / encoded_name(rel)).read_text(encoding='utf-8')})" for rel in BASEMAP_FILES)


def asset_version(static_dir: str | Path = STATIC_DIR) -> str:
    """Short hash of the vendor files' sizes, to bust browser caches when a package is upgraded."""
    out = Path(static_dir) / VENDOR
    h = hashlib.sha256()
    for rel in sorted([*VENDOR_FILES, *BASEMAP_FILES]):
        p = out / rel
        h.update(f"{rel}:{p.stat().st_size if p.exists() else -1}".encode())
    return h.hexdigest()[:10]


_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
_LINK_HREF = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')


def inline_html(m: folium.Map, static_dir: str | Path = STATIC_DIR) -> str:
    """The map as one self-contained HTML page: local scripts/styles embedded, no external reference.

    Requires :func:`ensure_static` to have run. Leaflet's CSS image references are dropped (the map
    uses no image markers); ``</script`` inside embedded code is neutralised.
    """
    html = m.get_root().render()
    base = vendor_url("", STATIC_URL).rstrip("/")
    vendor = Path(static_dir) / VENDOR

    def local(url: str) -> Path:
        if not url.startswith(base + "/"):
            raise ValueError(f"not a local vendor file: {url!r}")
        return vendor / url[len(base) + 1:]

    def script(mo: re.Match) -> str:
        code = local(mo.group(1)).read_text(encoding="utf-8").replace("</script", "<\\/script")
        return f"<script>{code}</script>"

    def style(mo: re.Match) -> str:
        css = local(mo.group(1)).read_text(encoding="utf-8").replace("</style", "<\\/style")
        css = re.sub(r"url\(images/[^)]*\)", "none", css)
        return f"<style>{css}</style>"

    return _LINK_HREF.sub(style, _SCRIPT_SRC.sub(script, html))
