"""Field paths: how a place in a manifest is named, in the data and in one-line messages.

Shared by the reader (:mod:`licensegate.yamlbound`), the schema check
(:mod:`licensegate.schemacheck`) and :mod:`licensegate.manifest`, which re-exports
:data:`FieldPath` and :func:`dotted_path`; it imports none of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

__all__ = ["FieldPath", "Positions", "dotted_path", "shorten"]

FieldPath = tuple[str | int, ...]
"""A field's place in the manifest, e.g. ``("derived_models", 0, "name")``."""
Positions = dict[FieldPath, tuple[int, int]]
"""Field path -> 1-based (line, column) of a node, or of a mapping entry's key."""

_PLAIN_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$-]*$")


def dotted_path(path: Iterable[str | int]) -> str:
    """Render a field path as users write it.

    ``models[0].uses[1]``, ``licensee.monthly_active_users``, ``licensee.mau_history["2024-06"]``.
    """
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.match(part):
            out.append(f".{part}" if out else part)
        else:
            out.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(out)


def shorten(text: str, limit: int = 120) -> str:
    """Keep messages one readable line: long values and paths lose their middle."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]}...{text[-half:]}"
