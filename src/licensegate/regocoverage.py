"""Rego line coverage of the policy library by its unit tests (`licensegate test --coverage`).

regorus records, per module, the lines the tests evaluated and the lines they could have
evaluated but did not (comments, METADATA and blank lines count as neither). This module
turns that raw report into per-file and total figures for the policy modules only: a test
module is always "covered" by running it, so counting it would only flatter the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from licensegate.orgrego import COLLECT_MODULE
from licensegate.policy import PolicyLibrary


@dataclass(frozen=True)
class FileCoverage:
    """One policy module: how many of its evaluable lines the tests reached, and which not."""

    path: str
    covered: int
    missing: tuple[int, ...]

    @property
    def lines(self) -> int:
        return self.covered + len(self.missing)


@dataclass(frozen=True)
class Coverage:
    """The policy library's coverage: every policy module, in library order, and the total."""

    files: tuple[FileCoverage, ...]

    @property
    def covered(self) -> int:
        return sum(f.covered for f in self.files)

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def percent(self) -> float:
        """Covered lines in percent; 0 when there is nothing to cover (fail closed)."""
        return percent(self.covered, self.lines)

    def below(self, fail_under: float) -> bool:
        """True when the total is under `fail_under` percent (exact, before any rounding)."""
        return self.lines == 0 or self.covered * 100 < fail_under * self.lines


def percent(covered: int, lines: int) -> float:
    """Rounded down to two decimals, so a total shown as 98.00 never hides 97.996."""
    return (covered * 10000 // lines) / 100 if lines else 0.0


def measure(library: PolicyLibrary, report: dict[str, Any]) -> Coverage:
    """Coverage of the library's policy modules from regorus's report.

    A policy module the report leaves out (regorus lists only what it compiled) counts with
    nothing covered and no evaluable line known, so it shows up rather than disappearing.
    """
    by_path = {entry["path"]: entry for entry in report.get("files", [])}
    files = []
    for module in library.policy_modules:
        if module.name == COLLECT_MODULE:
            # Generated for each run from the --policy folders, with a rule per shape an org
            # package might use: nobody's source, and its unused shapes are not untested code.
            continue
        entry = by_path.get(module.name, {})
        files.append(
            FileCoverage(
                module.name,
                len(set(entry.get("covered", []))),
                tuple(sorted(set(entry.get("not_covered", [])))),
            )
        )
    return Coverage(tuple(files))


def line_ranges(lines: tuple[int, ...]) -> str:
    """``1, 3-5, 9`` for lines 1, 3, 4, 5, 9."""
    ranges: list[str] = []
    start = previous = None
    for line in (*lines, None):
        if start is not None and line is not None and previous is not None and line == previous + 1:
            previous = line
            continue
        if start is not None:
            ranges.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = line
    return ", ".join(ranges)


def render_text(coverage: Coverage) -> str:
    """A table: one row per module (path, lines, missed, percent, missed lines), then TOTAL.

    A module path comes from an organisation's folder too, so it is printed log-safe."""
    from licensegate.escape import terminal

    paths = [terminal(f.path) for f in coverage.files]
    width = max([len("TOTAL"), *(len(path) for path in paths)])
    header = f"{'Rego module':<{width}}  {'lines':>5}  {'miss':>5}  {'cover':>7}  missing"
    rows = [header, "-" * len(header)]
    for path, f in zip(paths, coverage.files, strict=True):
        cover = f"{percent(f.covered, f.lines):>6.2f}%" if f.lines else f"{'n/a':>7}"
        rows.append(
            f"{path:<{width}}  {f.lines:>5}  {len(f.missing):>5}  {cover}  "
            f"{line_ranges(f.missing)}".rstrip()
        )
    rows.append("-" * len(header))
    missed = coverage.lines - coverage.covered
    rows.append(f"{'TOTAL':<{width}}  {coverage.lines:>5}  {missed:>5}  {coverage.percent:>6.2f}%")
    return "\n".join(rows) + "\n"


def as_json(coverage: Coverage) -> dict[str, Any]:
    """The report's JSON form: missing lines one by one; a module with no evaluable line has
    percent null."""
    return {
        "files": [
            {
                "path": f.path,
                "lines": f.lines,
                "covered": f.covered,
                "percent": percent(f.covered, f.lines) if f.lines else None,
                "missing": list(f.missing),
            }
            for f in coverage.files
        ],
        "lines": coverage.lines,
        "covered": coverage.covered,
        "percent": coverage.percent,
    }
