"""The one escaping helper: untrusted text stays text.

folium puts tooltip and popup strings raw into HTML *and* into JavaScript template strings
(backtick-quoted), so a value must be safe in both: HTML-escaped, and with the characters that end or
interpolate a JS template literal (`` ` ``, ``${``, ``\\``) neutralised. Links are only ever http(s).

Use :func:`text` for every string that comes from data and reaches HTML/JS, :func:`url` for every link,
:func:`link` to build an ``<a>`` element. Nothing else in the project builds HTML from data.
"""

from __future__ import annotations

import html
import re

from .schema import is_http_url

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(value: object, max_len: int = 2000) -> str:
    """HTML-escape ``value`` for use in element content, attributes and JS template strings.

    ``&<>"'`` become entities; backtick, ``$`` and backslash become numeric entities too, so the
    result cannot close a JS template literal or start an interpolation; control characters are
    dropped; the result is cut to ``max_len`` characters (plus an ellipsis).
    """
    if value is None:
        return ""
    s = _CONTROL.sub("", str(value))
    if len(s) > max_len:
        s = s[:max_len] + "…"
    s = html.escape(s, quote=True)
    return s.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL, else ``None`` (``javascript:``, ``data:``…)."""
    if value is None:
        return None
    s = str(value).strip()
    return s if is_http_url(s) else None


def link(href: object, label: object | None = None) -> str:
    """An ``<a>`` that opens in a new tab, or just the escaped label when ``href`` is not http(s)."""
    u = url(href)
    shown = text(label if label is not None else href)
    if not u:
        return shown
    return f'<a href="{text(u)}" target="_blank" rel="noopener noreferrer">{shown}</a>'


_JS_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027", "\u2028": "\\u2028",
                    "\u2029": "\\u2029"}
_JS_JSON_RE = re.compile("[<>&'\u2028\u2029]")


def json_for_script(value: object) -> str:
    """Compact JSON for embedding in a ``<script>`` (like Jinja's ``tojson``, but UTF-8, not ``\\uXXXX``
    for every Cyrillic letter): ``<``, ``>``, ``&``, ``'`` and the JS line separators are escaped, so
    the text can neither close the script element nor a quoted attribute."""
    import json

    s = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JS_JSON_RE.sub(lambda m: _JS_JSON_ESCAPES[m.group()], s)
