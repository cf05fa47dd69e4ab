"""The versioned JSON report of DESIGN.md §4.

Example (abridged)::

    {"report_version": 1, "tool": {"name": "licensegate", "version": "0.1.0"},
     "policy": {"revision": "3f2a...", "digest": "sha256:3f2a..."},
     "results": [{"manifest": "deploy/licensegate.yaml", "result": "fail", ...}],
     "errors": []}
"""

from __future__ import annotations

from typing import TextIO

from licensegate.formats import writer
from licensegate.formats.pretty import dumps_indented
from licensegate.report import ManifestResult, Report


def _dumps(document: object) -> str:
    return dumps_indented(document)


class Writer(writer.Writer):
    """The report's head, each result as it arrives, then the errors: the bytes of
    ``json.dumps(report.to_dict(), indent=2)``, without holding the results."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.results = 0

    def begin(self, head: writer.Head) -> None:
        document = Report(head.policy_digest, [], [], strict=head.strict, trust=head.trust)
        opening = document.to_dict()
        # NOTE: "results" and "errors" are the last keys of the report: the head is everything
        # before them, written open-ended.
        assert list(opening)[-2:] == ["results", "errors"]
        del opening["results"], opening["errors"]
        self.stream.write(_dumps(opening)[: -len("\n}")] + ',\n  "results": [')

    def result(self, result: ManifestResult) -> None:
        text = dumps_indented(result.to_dict(), "    ")
        self.stream.write(("," if self.results else "") + "\n" + text)
        self.results += 1

    def end(self, tally: writer.Tally) -> None:
        self.stream.write("\n  ]" if self.results else "]")
        errors = dumps_indented([error.to_dict() for error in tally.errors], "  ")
        self.stream.write(',\n  "errors": ' + errors.lstrip() + "\n}\n")


def render(report: Report) -> str:
    """Deterministic JSON: key order fixed by the report, clauses sorted by the API."""
    return writer.render_report(Writer, report)
