"""The one escaping helper: data stays text in HTML, in attributes, in JS template strings and in JSON."""

import json

import pytest

from pobratymy import safe

HOSTILE = [
    "Кам'янець-Подільський",
    "a `backtick` here",
    "${alert(1)}",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "back\\slash",
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Кам'янець-Подільський", "Кам&#x27;янець-Подільський"),
        ("a `backtick` here", "a &#96;backtick&#96; here"),
        ("${alert(1)}", "&#36;{alert(1)}"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("</script>", "&lt;/script&gt;"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("a\\b", "a&#92;b"),
        ("tab\there\x00\x07", "tab\there"),
        (None, ""),
        (42, "42"),
    ],
)
def test_text(value, expected):
    assert safe.text(value) == expected


@pytest.mark.parametrize("value", HOSTILE)
def test_text_cannot_break_out_of_html_or_js_template(value):
    out = safe.text(value)
    for bad in ("<", ">", "`", "${", "'", '"', "\\"):
        assert bad not in out
    # a JS template literal around it stays one literal
    assert f"`{out}`".count("`") == 2


def test_text_is_cut():
    assert safe.text("x" * 10, max_len=4) == "xxxx…"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("http://decentralization.gov.ua/en/news/16367", "http://decentralization.gov.ua/en/news/16367"),
        ("  https://example.org/  ", "https://example.org/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/x", None),
        ("ftp://example.org/x", None),
        ("https://exa mple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_url(value, expected):
    assert safe.url(value) == expected


@pytest.mark.parametrize(
    ("href", "label", "expected"),
    [
        ("https://example.org/k", "джерело 1",
         '<a href="https://example.org/k" target="_blank" rel="noopener noreferrer">джерело 1</a>'),
        ("https://example.org/?a=1&b=\"2\"", None,
         '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" target="_blank" rel="noopener noreferrer">'
         "https://example.org/?a=1&amp;b=&quot;2&quot;</a>"),
        ("javascript:alert(1)", "click", "click"),
        ("javascript:alert(1)", "<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
    ],
)
def test_link(href, label, expected):
    assert safe.link(href, label) == expected


@pytest.mark.parametrize("value", HOSTILE)
def test_json_for_script_round_trips_and_cannot_close_the_script(value):
    out = safe.json_for_script({"t": value, "n": [1, 2.5]})
    assert "<" not in out and ">" not in out and "'" not in out and "&" not in out
    assert json.loads(out) == {"t": value, "n": [1, 2.5]}


def test_json_for_script_keeps_cyrillic_compact():
    assert safe.json_for_script(["Київ"]) == '["Київ"]'
