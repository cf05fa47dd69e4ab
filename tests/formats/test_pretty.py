"""formats/pretty.py writes exactly what json.dumps(indent=2, ensure_ascii=False) writes, each
line prefixed, for report-like, varied and hostile values; a string comes back as it went in."""

from __future__ import annotations

import json
import random
from enum import Enum, IntEnum
from typing import Any

import pytest

from licensegate.formats.pretty import dumps_indented


def reference(value: Any, prefix: str = "") -> str:
    # Prefixes json's own line breaks only (str.splitlines, like textwrap.indent, would also
    # break at U+2028 inside a string).
    return "\n".join(
        prefix + line for line in json.dumps(value, indent=2, ensure_ascii=False).split("\n")
    )


class Colour(str, Enum):
    RED = "red"


class Size(IntEnum):
    BIG = 7


TEXTS = [
    "",
    "plain",
    'quote " and \\ backslash',
    "tab\tnew\nline\r",
    "\x00\x1f\x7f",
    "é ü 漢字",
    "emoji 🎉",
    "\u2028 line separator",
    "next\x85line",
    "para\u2029graph",
    "\ud800 lone",
]
NUMBERS = [
    0,
    -1,
    2**70,
    1.5,
    -0.0,
    1e300,
    1e-7,
    0.1 + 0.2,
    float("nan"),
    float("inf"),
    -float("inf"),
    True,
    False,
    None,
    Size.BIG,
]


def random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return rng.choice(TEXTS + NUMBERS + [Colour.RED])
    if roll < 0.7:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if roll < 0.75:
        return tuple(random_value(rng, depth + 1) for _ in range(rng.randrange(3)))
    keys: list[Any] = [*TEXTS, 1, 2.5, True, False, None, Colour.RED]
    return {rng.choice(keys): random_value(rng, depth + 1) for _ in range(rng.randrange(5))}


@pytest.mark.parametrize("prefix", ["", "  ", "    "])
def test_same_bytes_as_json_dumps_prefixed(prefix: str) -> None:
    rng = random.Random(7)
    for _ in range(3000):
        value = random_value(rng)
        assert dumps_indented(value, prefix) == reference(value, prefix), value


def test_a_report_result_is_written_the_same() -> None:
    result = {
        "manifest": "a.yaml",
        "summary": {"violated": 1, "waived": 0},
        "clauses": [{"id": "x", "location": {"path": "models[0]", "line": None}, "extra": {}}],
        "warnings": [],
        "more": [[], {}],
    }
    assert dumps_indented(result, "    ") == reference(result, "    ")


def test_what_json_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): "tuple key"})


@pytest.mark.parametrize("text", ["\u2028 line separator", "next\x85line", "para\u2029graph"])
def test_strings_with_other_line_breaks_come_back_unchanged(text: str) -> None:
    """textwrap.indent put the prefix after U+2028 and its like inside strings, changing them."""
    written = dumps_indented({"reason": text}, "    ")
    assert json.loads(written) == {"reason": text}
