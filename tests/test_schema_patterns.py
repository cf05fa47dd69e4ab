"""The manifest schema's patterns mean what JSON Schema says they mean (ECMA-262), everywhere.

Python's `re` differs from ECMA-262 where it matters for a gate: `$` also matches before a final
newline ("DE\\n" was a country), `.` matches CR and the Unicode line separators, and `\\d` is
Unicode-aware. Both the compiled fast check and the jsonschema check use the translated patterns
(:func:`licensegate.schemafast.python_pattern`); these tests hold them against an ECMA-262 engine
(`regress`) on generated strings, and the fast check against jsonschema on generated manifests.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensegate import schemacheck
from licensegate.resources import schemas_dir
from licensegate.schemafast import compile_check, python_pattern

regress = pytest.importorskip("regress")

SCHEMA = json.loads((schemas_dir() / "manifest.schema.json").read_text(encoding="utf-8"))


def _patterns(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                found.add(value)
            elif key == "patternProperties" and isinstance(value, dict):
                found.update(value)
            found |= _patterns(value)
    elif isinstance(node, list):
        for item in node:
            found |= _patterns(item)
    return found


PATTERNS = sorted(_patterns(SCHEMA))

# Strings near the patterns' languages: valid values with hostile characters around them.
_EDGES = ["", "\n", "\r", "\u2028", "\u2029", "\r\n", " ", "\t", "x-", "\u0660", "\uff10", "$"]


def _near(pattern: str) -> st.SearchStrategy[str]:
    # ASCII keeps generation fast; the non-ASCII cases come from _EDGES and st.text.
    valid = st.from_regex(
        re.compile(python_pattern(pattern)), fullmatch=True, alphabet=st.characters(codec="ascii")
    )
    edge = st.sampled_from(_EDGES)
    return st.one_of(
        valid,
        st.tuples(valid, edge).map("".join),
        st.tuples(edge, valid).map("".join),
        st.tuples(valid, edge, valid).map("".join),
        st.text(max_size=12),
    )


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_python_pattern_agrees_with_ecma_262(pattern: str, data: st.DataObject) -> None:
    text = data.draw(_near(pattern))
    ecma = regress.Regex(pattern).find(text) is not None
    python = re.search(python_pattern(pattern), text) is not None
    assert python == ecma, (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("^[A-Z]{2}$", "DE\n"),
        ("^([0-9]{4}-(0[1-9]|1[0-2])|x-.*)$", "2024-06\n"),
        ("^([0-9]{4}-(0[1-9]|1[0-2])|x-.*)$", "x-a\rb"),
    ],
)
def test_known_differences_are_closed(pattern: str, text: str) -> None:
    assert re.search(pattern, text) is not None  # what plain Python would have accepted
    assert re.search(python_pattern(pattern), text) is None
    assert regress.Regex(pattern).find(text) is None


# The fast check says "valid" only when jsonschema does -----------------------------------

_BASE = {
    "apiVersion": "licensegate/v1",
    "kind": "Deployment",
    "metadata": {"name": "probe"},
    "licensee": {"name": "Acme", "domicile": "US", "monthly_active_users": 5},
    "product": {"commercial": True, "environment": "production", "audience": "internal"},
    "models": [{"id": "meta-llama/Llama-3.1-8B-Instruct", "uses": ["inference"]}],
}

_SLOTS: list[tuple[tuple[str | int, ...], str]] = [
    (("licensee", "domicile"), "^[A-Z]{2}$"),
    (("metadata", "name"), "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"),
    (("models", 0, "id"), "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"),
]


def _jsonschema_valid(data: dict[str, Any]) -> bool:
    return not any(True for _ in schemacheck._validator().iter_errors(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_check_agrees_with_jsonschema(data: st.DataObject) -> None:
    manifest = copy.deepcopy(_BASE)
    path, pattern = data.draw(st.sampled_from(_SLOTS))
    target: Any = manifest
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(_near(pattern))
    if data.draw(st.booleans()):
        key = data.draw(_near("^[0-9]{4}-(0[1-9]|1[0-2])$"))
        manifest["licensee"]["mau_history"] = {key: 1}
    fast = compile_check(SCHEMA)(manifest)
    assert fast == _jsonschema_valid(manifest), manifest
