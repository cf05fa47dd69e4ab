"""The kinds of license clause, read from their one description: policies/clause-kinds.yaml.

A clause's METADATA names its kind (``custom.clause``, e.g. ``mau-threshold``). What makes a
clause of that kind apply, what satisfies it, and under which heading the review lists it as an
obligation are the same for every license that uses the kind, so they are said once, in one
row of the data file, and read by `licenses`, `explain`, policies/README.md, the review document
and the tests. A new kind is one row plus its builder in policies/licensegate/lib/clauses/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from licensegate.errors import PolicyError
from licensegate.resources import policies_dir

FILE_NAME = "clause-kinds.yaml"

OBLIGATIONS = ("display", "files", "duty", "none")
"""Where the review lists a kind: what to show, what ships with weights, other duties, nowhere."""

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_FIELDS = ("about", "applies_when", "satisfied_by", "obligation")


@dataclass(frozen=True)
class ClauseKind:
    """One kind of license clause."""

    name: str
    about: str
    """What clauses of this kind are about, in one line."""
    applies_when: str
    """What makes a clause of the kind apply, unless its METADATA says (custom.trigger)."""
    satisfied_by: str
    """What satisfies it, unless its METADATA says (custom.satisfied_by)."""
    obligation: str
    """One of :data:`OBLIGATIONS`."""


@cache
def clause_kinds() -> dict[str, ClauseKind]:
    """Every clause kind by name, in the file's order.

    Raises:
        PolicyError: The file is missing or a row is malformed (so no description is guessed).
    """
    import yaml

    path = policies_dir() / FILE_NAME
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise PolicyError(f"{path}: cannot read the clause kinds: {err}") from None
    if not isinstance(document, dict) or not document:
        raise PolicyError(f"{path}: expected a mapping of clause kind names to rows")
    return {name: _row(path.name, name, row) for name, row in document.items()}


def _row(file: str, name: Any, row: Any) -> ClauseKind:
    if not isinstance(name, str) or not _NAME.match(name):
        raise PolicyError(f"{file}: {name!r} is not a clause kind name (lower-case-with-hyphens)")
    if not isinstance(row, dict) or set(row) != set(_FIELDS):
        raise PolicyError(f"{file}: {name}: a row has exactly the fields {', '.join(_FIELDS)}")
    for key in _FIELDS:
        if not isinstance(row[key], str) or not row[key].strip():
            raise PolicyError(f"{file}: {name}.{key}: expected non-empty text")
    if row["obligation"] not in OBLIGATIONS:
        allowed = ", ".join(OBLIGATIONS)
        raise PolicyError(
            f"{file}: {name}.obligation: {row['obligation']!r} is not one of {allowed}"
        )
    return ClauseKind(name, **{key: " ".join(row[key].split()) for key in _FIELDS})


def kinds_with_obligation(obligation: str) -> frozenset[str]:
    """The names of the kinds the review lists under one obligation heading."""
    return frozenset(kind.name for kind in clause_kinds().values() if kind.obligation == obligation)
