"""formats/text.py wraps long lines exactly as textwrap does, on its fast paths too."""

from __future__ import annotations

import random


def test_text_reports_wrap_as_textwrap_does() -> None:
    """formats/text.py skips textwrap for a text that fits on its line and that textwrap would
    not change; the lines must be textwrap's for every text, near the width and with every
    kind of whitespace."""
    import textwrap

    from licensegate.formats import text

    rng = random.Random(2)
    odd = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2003", "\u2028", "\x1c", "\x85", "-"]
    for _ in range(20_000):
        length = rng.choice([0, 1, 30, 92, 93, 94, 95, 96, 101, 120])
        rate = rng.choice([0.02, 0.3])
        value = "".join(
            rng.choice(odd) if rng.random() < rate else rng.choice("abcdé ") for _ in range(length)
        )
        expected = textwrap.wrap(
            value, text._WIDTH, initial_indent=text._INDENT, subsequent_indent=text._INDENT + "  "
        )
        assert text._wrapped(value) == expected, value
        assert list(text._wrapped_library_text(value)) == expected, value
