"""What a policy file says about itself: a Rego module, and the clause and license records
read from its `# METADATA` blocks.

Plain values, shared by the policy library (policy.py) and the organisation's `org.*`
packages (orgrego.py); they import this module, never each other's internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from licensegate.errors import PolicyError

_METADATA_MARK = re.compile(r"^#\s*METADATA\s*$")


@dataclass(frozen=True)
class ClauseInfo:
    """What the library says about one clause of one license."""

    license: str
    """License id, e.g. ``llama3.1``."""
    clause: str
    """Clause name from DESIGN.md §3, e.g. ``mau-threshold``."""
    title: str
    description: str
    section: str
    """The license's own section reference."""
    quote: str
    """An exact quote from the license text (typographic quotes made straight)."""
    source: str
    """URL of the license text."""
    remediation: str
    file: str
    """Policy file (relative to the policies folder) and line of the METADATA block."""
    line: int
    trigger: str = ""
    """What makes the clause apply, when the package states it (else the clause kind's default)."""
    satisfied_by: str = ""
    """What satisfies it, when the package states it."""

    @property
    def id(self) -> str:
        """The clause id ``<license>:<clause>``."""
        return f"{self.license}:{self.clause}"


@dataclass(frozen=True)
class LicenseInfo:
    """A license text the library encodes, from its package METADATA."""

    id: str
    name: str
    version: str
    """The text's own version or date line, e.g. ``Version 1.0, 23 October 2023``."""
    text: str
    """URL of the license text."""
    package: str
    file: str
    out_of_reach: tuple[str, ...] = ()
    """Duties of the text that no manifest fact can decide, each with why (METADATA
    ``custom.out_of_reach``): shown by ``explain`` and in policies/README.md."""


@dataclass(frozen=True)
class Module:
    """One Rego module: its path relative to the policies folder, its source and package."""

    name: str
    source: str
    package: str

    @property
    def is_test(self) -> bool:
        """Rego unit tests live beside the policies as ``*_test.rego``."""
        return self.name.endswith("_test.rego")

    def metadata(self) -> list[tuple[int, dict[str, Any], str]]:
        """:func:`metadata_blocks` of this module; an error names the module and line."""
        try:
            return metadata_blocks(self.source)
        except PolicyError as err:
            raise PolicyError(f"{self.name}:{str(err).removeprefix('line ')}") from None


def metadata_blocks(source: str) -> list[tuple[int, dict[str, Any], str]]:
    """Every METADATA block as (line of the block, parsed YAML, the first code line after it)."""
    import yaml  # NOTE: imported here so that commands which never read METADATA skip it.

    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lines = source.splitlines()
    blocks: list[tuple[int, dict[str, Any], str]] = []
    index = 0
    while index < len(lines):
        if not _METADATA_MARK.match(lines[index].strip()):
            index += 1
            continue
        start = index + 1
        index += 1
        body: list[str] = []
        while index < len(lines) and lines[index].lstrip().startswith("#"):
            text = lines[index].lstrip()[1:]
            body.append(text[1:] if text.startswith(" ") else text)
            index += 1
        target = lines[index] if index < len(lines) else ""
        try:
            # NOTE: libyaml's loader when present: the pure-Python one costs ~40 ms per run here.
            parsed = yaml.load("\n".join(body), Loader=safe_loader) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = start + 1 + mark.line if mark is not None else start
            problem = getattr(err, "problem", None) or "not valid YAML"
            raise PolicyError(f"line {where}: invalid METADATA: {problem}") from None
        if not isinstance(parsed, dict):
            raise PolicyError(f"line {start}: METADATA must be a mapping")
        blocks.append((start, parsed, target))
    return blocks
