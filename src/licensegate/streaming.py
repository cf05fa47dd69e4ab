"""Write the text and JSON reports while the results arrive.

`check` over thousands of manifests would otherwise hold every result until the report is
rendered (about 28 KB per manifest). These writers produce the same bytes as the formats'
`render(report)` (a test compares them), keep only the counts and the failures (small), and
let the caller write into a temporary file that replaces the output only once it is complete.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from licensegate import __version__
from licensegate.report import REPORT_VERSION, ManifestFailure, ManifestResult, Report


@dataclass
class Tally:
    """What the summary line and the exit code need, without the results themselves."""

    checked: int = 0
    failed: int = 0
    errors: list[ManifestFailure] = field(default_factory=list)

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


Outcome = ManifestResult | ManifestFailure
Write = Callable[[str], object]


def _results_of(outcomes: Iterable[Outcome], tally: Tally) -> Iterable[ManifestResult]:
    for outcome in outcomes:
        if isinstance(outcome, ManifestFailure):
            tally.errors.append(outcome)
        else:
            tally.add(outcome)
            yield outcome


def stream_json(
    policy_digest: str,
    strict: bool,
    outcomes: Iterable[Outcome],
    write: Write,
    trust: dict[str, Any] | None = None,
) -> Tally:
    """The JSON report of formats/json.py, one result at a time."""
    tally = Tally()
    head = Report(policy_digest, [], [], strict=strict, trust=trust).to_dict()
    assert head["report_version"] == REPORT_VERSION and head["tool"]["version"] == __version__
    del head["results"], head["errors"]
    opening = json.dumps(head, indent=2, ensure_ascii=False)
    write(opening[: -len("\n}")] + ',\n  "results": [')
    count = 0
    for result in _results_of(outcomes, tally):
        text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
        write(("," if count else "") + "\n" + textwrap.indent(text, "    "))
        count += 1
    write("\n  ]" if count else "]")
    errors = json.dumps([error.to_dict() for error in tally.errors], indent=2, ensure_ascii=False)
    write(',\n  "errors": ' + textwrap.indent(errors, "  ").lstrip() + "\n}\n")
    return tally


def stream_text(
    policy_digest: str,
    strict: bool,
    outcomes: Iterable[Outcome],
    write: Write,
    trust: dict[str, Any] | None = None,
    quiet: bool = False,
) -> Tally:
    """The text report of formats/text.py, one result at a time (``quiet``: failures only)."""
    from licensegate.formats import text

    tally = Tally()
    first = True
    for result in _results_of(outcomes, tally):
        block = text.render_result(result, quiet)
        if not block:
            continue
        write(("" if first else "\n") + block)
        first = False
    for error in tally.errors:
        write(("" if first else "\n") + text.render_error(error))
        first = False
    write(text.summary_line(tally.checked, tally.failed, len(tally.errors), trust))
    return tally
