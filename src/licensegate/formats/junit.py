"""JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps, CircleCI), from the one report.

One ``<testsuite>`` per manifest and one ``<testcase>`` per applicable clause and subject
(``classname`` the manifest, ``name`` "<clause id> <subject>"). The outcome is the clause's
JUnit column in licensegate.levels: violated and missing-facts are ``<failure>``,
needs-attestation is ``<skipped>`` (a ``<failure>`` under ``--strict``), satisfied and waived
pass; a waived clause carries the waiver (reason, who approved it, expiry) in ``<system-out>``.
A blocking warning (``--require-signoff``) is a failing testcase of its own; other warnings go
to the suite's ``<system-err>``. A manifest without a verdict is a suite with one ``<error>``.

Example (abridged)::

    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="licensegate" tests="3" failures="1" errors="0" skipped="1">
      <testsuite name="deploy/licensegate.yaml" tests="3" failures="1" errors="0" skipped="1">
        <testcase classname="deploy/licensegate.yaml" name="llama3.1:mau-threshold meta-llama/..."
                  file="deploy/licensegate.yaml" line="12">
          <failure type="violated" message="No more than 700 million ...">...</failure>
        </testcase>

Output is deterministic: report order, no timestamps or durations.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import partial
from typing import TextIO

from licensegate.formats import writer
from licensegate.levels import level_of
from licensegate.report import ClauseResult, ManifestResult, NoVerdict, Report, Status

# NOTE: XML 1.0 cannot carry most C0 control characters, even escaped; YAML's double-quoted
# "\x01" can put them in a manifest, so they are replaced rather than emitted.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _details(clause: ClauseResult) -> str:
    lines = [
        f"{clause.subject}: {clause.message}",
        f"clause: {clause.id} — {clause.title}",
        f"license: {clause.license_name or clause.license}"
        + (f" ({clause.license_version})" if clause.license_version else "")
        + f", {clause.section}",
    ]
    if clause.quote:
        lines.append(f'quote: "{clause.quote}"')
    lines += [f"fix: {clause.remediation}", f"source: {clause.source}"]
    if clause.line:
        lines.append(f"manifest: {clause.path} (line {clause.line})")
    return "\n".join(lines)


def _waiver_text(clause: ClauseResult) -> str:
    waiver = clause.extra.get("waiver") or {}
    return (
        f"waived: {waiver.get('reason', '')} (approved by {waiver.get('approved_by', '?')}, "
        f"until {waiver.get('expires', '?')})\n{clause.message}"
    )


def _testcase(suite: ET.Element, result: ManifestResult, clause: ClauseResult) -> str:
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": _clean(result.manifest),
            "name": _clean(f"{clause.id} {clause.subject}"),
            "file": _clean(result.manifest),
        },
    )
    if clause.line:
        case.set("line", str(clause.line))
    exception = clause.exception()
    if exception is not None:
        properties = ET.SubElement(case, "properties")
        ET.SubElement(properties, "property", {"name": "exception", "value": exception[0]})
        ET.SubElement(
            properties, "property", {"name": "justification", "value": _clean(exception[1])}
        )
    outcome = level_of(clause.status, result.strict).junit
    if outcome == "failure":
        failure = ET.SubElement(
            case, "failure", {"type": clause.status.value, "message": _clean(clause.title)}
        )
        failure.text = _clean(_details(clause))
    elif outcome == "skipped":
        ET.SubElement(case, "skipped", {"message": _clean(f"needs attestation: {clause.title}")})
        ET.SubElement(case, "system-out").text = _clean(_details(clause))
    elif clause.status is Status.WAIVED:
        ET.SubElement(case, "system-out").text = _clean(_waiver_text(clause))
    else:
        ET.SubElement(case, "system-out").text = _clean(f"{clause.subject}: {clause.message}")
    return outcome


def _suite(parent: ET.Element, result: ManifestResult, policy_digest: str) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", {"name": _clean(result.manifest)})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("manifest_digest", result.digest),
        ("policy_digest", policy_digest),
        ("result", "fail" if result.failed else "pass"),
        ("strict", "true" if result.strict else "false"),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for clause in result.clauses:
        outcome = _testcase(suite, result, clause)
        counts["tests"] += 1
        counts["failures"] += outcome == "failure"
        counts["skipped"] += outcome == "skipped"
    notes = []
    for warning in result.warnings:
        if not warning.blocking:
            notes.append(f"warning: {warning.code}: {warning.message}")
            continue
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": _clean(result.manifest),
                "name": f"licensegate/{warning.code}",
                "file": _clean(result.manifest),
            },
        )
        failure = ET.SubElement(case, "failure", {"type": warning.code, "message": warning.code})
        failure.text = _clean(warning.message)
        counts["tests"] += 1
        counts["failures"] += 1
    if notes:
        ET.SubElement(suite, "system-err").text = _clean("\n".join(notes))
    for key, count in counts.items():
        suite.set(key, str(count))
    return counts


def _error_suite(parent: ET.Element, error: NoVerdict) -> dict[str, int]:
    name = _clean(error.manifest)
    suite = ET.SubElement(
        parent,
        "testsuite",
        {"name": name, "tests": "1", "failures": "0", "errors": "1", "skipped": "0"},
    )
    case = ET.SubElement(suite, "testcase", {"classname": name, "name": "manifest", "file": name})
    if error.line:
        case.set("line", str(error.line))
    element = ET.SubElement(case, "error", {"type": "no-verdict", "message": _clean(error.message)})
    element.text = "\n".join(
        _clean(f"{e.manifest}:{e.line}: {e.message}" if e.line else f"{e.manifest}: {e.message}")
        for e in error.problems()
    )
    return {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}


class Writer(writer.Writer):
    """Writes each manifest's suite to XML text as it arrives and the document at the end: the
    totals are attributes of its first element. The text is what ``ET.indent`` and
    ``ET.tostring`` give for the whole tree, at a fraction of the memory of the elements."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.policy_digest = ""
        self.suites: list[bytes] = []
        self.totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def begin(self, head: writer.Head) -> None:
        self.policy_digest = head.policy_digest

    def result(self, result: ManifestResult) -> None:
        self._keep(partial(_suite, result=result, policy_digest=self.policy_digest))

    def end(self, tally: writer.Tally) -> None:
        for failure in tally.errors:
            self._keep(partial(_error_suite, error=failure))
        root = ET.Element("testsuites", {"name": "licensegate"})
        for key in ("tests", "failures", "errors", "skipped"):
            root.set(key, str(self.totals[key]))
        empty = ET.tostring(root, encoding="unicode")
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not self.suites:
            self.stream.write(empty + "\n")
            return
        # NOTE: as ET.indent lays out the whole tree: each suite on a line of its own.
        assert empty.endswith(" />")
        self.stream.write(empty[: -len(" />")] + ">")
        for suite in self.suites:
            self.stream.write("\n  " + suite.decode())
        self.stream.write("\n</testsuites>\n")

    def _keep(self, build: Callable[[ET.Element], dict[str, int]]) -> None:
        parent = ET.Element("testsuites")
        for key, value in build(parent).items():
            self.totals[key] += value
        (suite,) = parent
        ET.indent(suite, space="  ", level=1)
        # NOTE: as UTF-8 bytes, half the memory of a str holding one character beyond Latin-1.
        self.suites.append(ET.tostring(suite, encoding="unicode").encode())


def render(report: Report) -> str:
    """The JUnit XML document."""
    return writer.render_report(Writer, report)
