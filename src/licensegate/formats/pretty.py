"""``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, at a fraction of its cost,
with every line started by a prefix.

With ``indent`` set, :mod:`json` uses its pure-Python encoder (a generator per container and
per level), and the JSON report then indents each result again with :func:`textwrap.indent`:
together about a third of the per-manifest cost outside policy evaluation. This writer walks
the value once, appends strings to a list, encodes strings with json's own (C) escaper and
numbers the way json does, and starts every line with a given prefix, so no second pass is
needed. tests/formats/test_pretty.py holds it to json.dumps on varied and hostile values.

Only the line breaks json writes get the prefix. textwrap.indent, used before, also broke lines
at U+0085, U+2028 and U+2029, which json leaves unescaped inside strings, and so put spaces
into such a string (a waiver's reason, say): the value a JSON reader got back was not the one
in the manifest.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps_indented"]

_INDENT = "  "


_ENCODED: dict[str, str] = {}
"""String -> its JSON form. Results repeat the library's long texts (titles, quotes,
remediations) for every finding, and escaping them (non-ASCII typography included) was most of
the writer's time; a lookup of the same str object is a hash already cached."""
_ENCODED_LIMIT = 4096


def _encoded(text: str) -> str:
    if len(_ENCODED) >= _ENCODED_LIMIT:
        _ENCODED.clear()  # unique texts (messages) must not grow it without bound
    encoded = _ENCODED[text] = encode_basestring(text)
    return encoded


def dumps_indented(value: Any, prefix: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` with ``prefix`` before every line."""
    parts: list[str] = [prefix]
    _write(value, "\n" + prefix, parts)
    return "".join(parts)


def _write(value: Any, newline: str, parts: list[str]) -> None:
    """Append ``value``; ``newline`` is a line break and the indentation of its own line."""
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + _INDENT
        separator = "{" + inner
        cache = _ENCODED
        for key, item in value.items():
            parts.append(separator)
            if type(key) is str:
                parts.append(cache.get(key) or _encoded(key))
            else:
                parts.append(_key(key))
            parts.append(": ")
            if type(item) is str:  # most values: a string, without a call when known
                parts.append(cache.get(item) or _encoded(item))
            elif type(item) is int:  # counts and lines (a bool's type is bool)
                parts.append(int.__repr__(item))
            else:
                _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + _INDENT
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            if type(item) is str:
                parts.append(_ENCODED.get(item) or _encoded(item))
            else:
                _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        parts.append(_scalar(value, newline, parts))


def _scalar(value: Any, newline: str, parts: list[str]) -> str:
    """A leaf in json's order of checks (subclasses included); "" after writing a container
    of a subclass type (a dict or list subclass is written as json writes it)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple)):
        _write(list(value), newline, parts)
        return ""
    if isinstance(value, dict):
        _write(dict(value), newline, parts)
        return ""
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _float(value: float) -> str:
    # json's own spelling (allow_nan is on by default).
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A mapping key that is not a str: json turns it into one first."""
    if isinstance(key, str):
        text = key
    elif isinstance(key, float):
        text = _float(key)
    elif key is True:
        text = "true"
    elif key is False:
        text = "false"
    elif key is None:
        text = "null"
    elif isinstance(key, int):
        text = int.__repr__(key)
    else:
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
    return encode_basestring(text)
