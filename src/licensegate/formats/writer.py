"""What every output format is: a writer fed one result at a time.

`check` hands each writer the run's head (policy digest, strict, trust, scan), then every result
as it arrives, then a tally (the counts and the manifests without a verdict, which every format
lists after the results). A writer writes to a text stream as early as its format allows: text,
JSON and GitHub commands write each result at once and keep nothing of it; SARIF (its rule table
comes before the results), JUnit (its totals come first), Markdown (failures first, within a
size budget) and CycloneDX (a component per model, gathered from every manifest) keep what they
need of each result and write the document at the end.

A whole report is rendered by feeding it to the same writer (:func:`render_report`), so the
streamed output and the rendered one cannot differ.

    writer = OutputFormat.JSON.writer(sys.stdout)
    tally = write_outcomes([writer], Head(policy_digest), outcomes)
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from licensegate.report import ManifestResult, NoVerdict, Report


@dataclass(frozen=True)
class Head:
    """What a report says before its first result."""

    policy_digest: str
    strict: bool = False
    trust: dict[str, Any] | None = None
    """Where approvals came from (licensegate.trust): None is ``{"mode": "local"}``."""
    scan: Any = None
    """The ScanResult of `check --scan` / `--bom`, for the BOM's evidence."""

    @classmethod
    def of(cls, report: Report) -> Head:
        """The head of a whole report."""
        return cls(report.policy_digest, report.strict, report.trust, report.scan)


@dataclass
class Tally:
    """What a report says after its last result, and the exit code, without the results."""

    checked: int = 0
    failed: int = 0
    errors: list[NoVerdict] = field(default_factory=list)
    """Manifests without a verdict, in the order they came (few, and small)."""

    def add(self, result: ManifestResult) -> None:
        """Count one result."""
        self.checked += 1
        self.failed += int(result.failed)

    @property
    def exit_code(self) -> int:
        """As Report.exit_code: 2 when anything had no verdict, else 1 on a failure, else 0."""
        if self.errors or not self.checked:
            return 2
        return 1 if self.failed else 0


class Writer(ABC):
    """One format's output on ``stream``: ``begin``, ``result`` per manifest, ``end``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def begin(self, head: Head) -> None:  # noqa: B027 - most formats have no opening
        """Before the first result."""

    @abstractmethod
    def result(self, result: ManifestResult) -> None:
        """One manifest's verdict, in the order the manifests were found."""

    @abstractmethod
    def end(self, tally: Tally) -> None:
        """After the last result: the manifests without a verdict, totals, the closing."""


Outcome = ManifestResult | NoVerdict


def write_outcomes(writers: Sequence[Writer], head: Head, outcomes: Iterable[Outcome]) -> Tally:
    """Feed every writer the head, each result as it arrives, then the tally; return it."""
    tally = Tally()
    for writer in writers:
        writer.begin(head)
    for outcome in outcomes:
        if isinstance(outcome, NoVerdict):
            tally.errors.append(outcome)
            continue
        tally.add(outcome)
        for writer in writers:
            writer.result(outcome)
    for writer in writers:
        writer.end(tally)
    return tally


def render_report(make: Callable[[TextIO], Writer], report: Report) -> str:
    """A whole report through the writer ``make`` builds, as one string."""
    buffer = io.StringIO()
    write_outcomes([make(buffer)], Head.of(report), [*report.results, *report.errors])
    return buffer.getvalue()
