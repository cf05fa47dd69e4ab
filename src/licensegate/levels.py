"""One status mapping for every output format and for the exit code.

A clause's status (DESIGN.md §3) becomes one :class:`Level`, and every format reads its column
from that level, so SARIF, JUnit, GitHub commands, Markdown and the exit code cannot disagree:

=================  ===========  =========  ==========  ===============  ============
status             fails        SARIF      JUnit       GitHub command   Markdown
=================  ===========  =========  ==========  ===============  ============
violated           yes          error      failure     error            ❌
missing-facts      yes          error      failure     error            ❌
needs-attestation  ``--strict``  note       skipped     notice           📝
satisfied          no           (none)     passed      (none)           ✅
waived             no           (none)     passed +    (none)           ⏸️
                                           system-out
=================  ===========  =========  ==========  ===============  ============

Under ``--strict`` needs-attestation takes the violated row: error / failure / error, and it fails.

Report warnings (a sign-off that no longer matches, a waiver about to expire) are ``warning`` in
SARIF and GitHub commands; when ``--require-signoff`` makes a sign-off warning blocking it takes
the violated row too.

This module imports nothing from the package, so the report model can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Level:
    """How one status shows in every format."""

    name: str
    """``fail``, ``review``, ``pass``, ``waived`` or ``warning``."""
    fails: bool
    """Whether it makes the manifest fail (exit code 1)."""
    sarif: str | None
    """SARIF ``result.level``; None: no SARIF result."""
    junit: str
    """JUnit testcase outcome: ``failure``, ``skipped`` or ``passed``."""
    github: str | None
    """GitHub workflow command (``error``, ``warning``, ``notice``); None: no annotation."""
    icon: str
    """Marker used by the Markdown renderers."""


FAIL = Level("fail", True, "error", "failure", "error", "❌")
REVIEW = Level("review", False, "note", "skipped", "notice", "📝")
PASS = Level("pass", False, None, "passed", None, "✅")
WAIVED = Level("waived", False, None, "passed", None, "⏸️")
WARNING = Level("warning", False, "warning", "passed", "warning", "⚠️")

_BY_STATUS = {
    "violated": FAIL,
    "missing-facts": FAIL,
    "needs-attestation": REVIEW,
    "satisfied": PASS,
    "waived": WAIVED,
}


def _value(status: str | Enum) -> str:
    # NOTE: a str-valued Enum member hashes by name, not by value: look it up by its value.
    return str(status.value) if isinstance(status, Enum) else status


def level_of(status: str | Enum, strict: bool = False) -> Level:
    """The level of a clause status; ``strict`` turns needs-attestation into a failure."""
    value = _value(status)
    try:
        level = _BY_STATUS[value]
    except KeyError:
        raise ValueError(f"unknown status {value!r}") from None
    if strict and level is REVIEW:
        return FAIL
    return level


def warning_level(blocking: bool) -> Level:
    """The level of a report warning; a blocking one (``--require-signoff``) fails."""
    return FAIL if blocking else WARNING


def fails(status: str | Enum, strict: bool = False) -> bool:
    """Whether a clause with this status makes its manifest fail."""
    return level_of(status, strict).fails
