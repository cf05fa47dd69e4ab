"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps), rendered from the one report.

- One rule per clause id in ``tool.driver.rules`` (title, the license's section and quote,
  remediation as help, the license text as ``helpUri``), plus one rule per warning code.
- One result per clause whose level (licensegate.levels) has a SARIF level: violated and
  missing-facts are ``error``, needs-attestation is ``note`` (``error`` under ``--strict``).
  Satisfied and waived clauses give no result. Each result sits on the manifest line of the
  fact that decided it (``physicalLocation.region.startLine``; line 1 when the fact has none);
  a `check --scan` finding sits at the repository file and line that show it instead.
- Sign-off and waiver-expiry warnings are results at level ``warning`` (``error`` when
  ``--require-signoff`` makes them blocking), under rules ``licensegate/<code>``.
- Manifests without a verdict are ``toolExecutionNotifications`` and make
  ``executionSuccessful`` false.

Example (abridged)::

    {"$schema": "https://docs.oasis-open.org/sarif/.../sarif-schema-2.1.0.json",
     "version": "2.1.0",
     "runs": [{
       "tool": {"driver": {"name": "licensegate",
                           "rules": [{"id": "llama3.1:mau-threshold", ...}]}},
       "results": [{"ruleId": "llama3.1:mau-threshold", "ruleIndex": 0, "level": "error",
                    "message": {"text": "meta-llama/Llama-3.1-70B-Instruct: 900000000 ..."},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": "deploy/licensegate.yaml"},
                        "region": {"startLine": 12}}}]}]}]}

Output is deterministic: rules sorted by id, results in report order, no timestamps.
"""

from __future__ import annotations

import json
from pathlib import PurePath, PureWindowsPath
from typing import Any, TextIO
from urllib.parse import quote

from licensegate import __version__
from licensegate.formats import writer
from licensegate.formats.pretty import dumps_indented
from licensegate.levels import level_of, warning_level
from licensegate.report import ClauseResult, ManifestResult, Report, ReportWarning
from licensegate.sha256 import sha256

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/licensegate/licensegate"

_WARNING_RULES = {
    "signoff-missing": "The manifest has a legal sign-off",
    "signoff-outdated": "The legal sign-off matches the manifest and policies",
    "signoff-invalid": "The sign-off record can be read",
    "waiver-expiring": "No waiver is about to expire",
    "waiver-unused": "Every waiver covers a clause the deployment triggers",
    "attestation-unused": "Every attestation covers a clause the deployment triggers",
    "waiver-untrusted": "Every waiver is at the trusted ref or signed by an allowed signer",
    "attestation-untrusted": "Every attestation is at the trusted ref or signed by a signer",
    "signoff-untrusted": "Every sign-off is at the trusted ref or signed by an allowed signer",
    "approvals-invalid": "The signed-approvals file can be read",
    "model-not-found": "Every listed model is found in the scanned repository",
    "scan-incomplete": "The scan read every model reference in the repository",
}


def artifact_uri(path: str) -> str:
    """A manifest path as a SARIF ``artifactLocation.uri``: relative paths stay relative."""
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri()
    posix = PurePath(path).as_posix()
    if posix.startswith("/"):
        return "file://" + quote(posix)
    return quote(posix)


def _location(manifest: str, line: int | None) -> dict[str, Any]:
    # NOTE: GitHub code scanning needs region.startLine to place a result; a fact without a
    # line of its own is reported on line 1, the start of the manifest.
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(manifest)},
            "region": {"startLine": line or 1},
        }
    }


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _fingerprint(*parts: str) -> str:
    return sha256("\0".join(parts).encode()).hexdigest()[:32]


def _clause_rule(clause: ClauseResult) -> dict[str, Any]:
    quote_text = f' "{clause.quote}"' if clause.quote else ""
    license_name = clause.license_name or clause.license
    version = f" ({clause.license_version})" if clause.license_version else ""
    markdown = [f"**{license_name}**{version}, {clause.section}"]
    if clause.quote:
        markdown.append(f"> {clause.quote}")
    markdown += [f"**What to do:** {clause.remediation}", f"[License text]({clause.source})"]
    return {
        "id": clause.id,
        "name": clause.clause,
        "shortDescription": {"text": clause.title},
        "fullDescription": {"text": f"{license_name}{version}, {clause.section}:{quote_text}"},
        "help": {"text": clause.remediation, "markdown": "\n\n".join(markdown)},
        "helpUri": clause.source,
        "properties": {
            "license": clause.license,
            "section": clause.section,
            "tags": ["license-compliance", clause.license],
        },
    }


def _warning_rule(code: str) -> dict[str, Any]:
    return {
        "id": f"licensegate/{code}",
        "name": code,
        "shortDescription": {"text": _WARNING_RULES.get(code, code)},
        "help": {
            "text": "See the README sections on legal review and sign-off (licensegate review, "
            "licensegate sign-off) and on waivers."
        },
        "helpUri": f"{INFORMATION_URI}#legal-review-and-sign-off",
        "properties": {"tags": ["license-compliance", "licensegate"]},
    }


def _clause_locations(manifest: str, clause: ClauseResult) -> dict[str, Any]:
    """The manifest line; for a `check --scan` finding, the repository file that shows it,
    with the manifest as a related location."""
    evidence = clause.extra.get("evidence")
    if not isinstance(evidence, dict) or not isinstance(evidence.get("path"), str):
        return {"locations": [_location(manifest, clause.line)]}
    line = evidence.get("line")
    return {
        "locations": [_location(evidence["path"], line if isinstance(line, int) else None)],
        "relatedLocations": [{"id": 0, **_location(manifest, clause.line)}],
    }


def _clause_result(manifest: str, clause: ClauseResult, level: str) -> dict[str, Any]:
    return {
        "ruleId": clause.id,
        "level": level,
        "message": {"text": f"{clause.subject}: {_sentence(clause.message)} {clause.remediation}"},
        **_clause_locations(manifest, clause),
        "partialFingerprints": {
            "licensegateClause/v1": _fingerprint(manifest, clause.id, clause.subject)
        },
        "properties": {
            "status": clause.status.value,
            "subject": clause.subject,
            "fact": clause.path,
        },
    }


def _warning_result(manifest: str, warning: ReportWarning) -> dict[str, Any]:
    level = warning_level(warning.blocking).sarif
    return {
        "ruleId": f"licensegate/{warning.code}",
        "level": level,
        "message": {"text": warning.message},
        "locations": [_location(manifest, warning.line)],
        "partialFingerprints": {
            "licensegateWarning/v1": _fingerprint(manifest, warning.code, warning.message)
        },
        "properties": {"blocking": warning.blocking},
    }


_RESULTS_AT = "\0results\0"
"""Stands for the results in the log until they are written in its place."""
_RESULT_INDENT = " " * 8
"""Where a result sits in the indented log: in runs[0].results."""


class Writer(writer.Writer):
    """Keeps each SARIF result, already as indented JSON text, and each rule as the results
    arrive (nothing of the clauses that give none), and writes the log at the end: the rule
    table comes first, and every result carries its index into the table."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.head = writer.Head("")
        self.rules: dict[str, dict[str, Any]] = {}
        self.results: list[tuple[str, str]] = []
        """(rule id, the result's JSON without its closing brace), about a third of the
        memory of the result's dicts."""
        self.manifests: list[dict[str, Any]] = []

    def begin(self, head: writer.Head) -> None:
        self.head = head

    def _keep(self, item: dict[str, Any]) -> None:
        # NOTE: indented here, where it will sit in the log, by the writer that prefixes only
        # json's own line breaks (textwrap.indent also broke strings at U+2028 and the like).
        text = dumps_indented(item, _RESULT_INDENT)
        self.results.append((item["ruleId"], text[: -len("\n" + _RESULT_INDENT + "}")]))

    def result(self, result: ManifestResult) -> None:
        for clause in result.clauses:
            level = level_of(clause.status, result.strict).sarif
            exception = clause.exception()
            if level is None and exception is None:
                continue
            self.rules.setdefault(clause.id, _clause_rule(clause))
            item = _clause_result(result.manifest, clause, level or "note")
            if exception is not None:
                # NOTE: a waived or attested clause is a suppressed result, never a silent one
                # (DESIGN.md §6): code scanning lists it with who set it aside and why.
                item["suppressions"] = [
                    {"kind": "external", "status": "accepted", "justification": exception[1]}
                ]
                item["properties"]["exception"] = exception[0]
            self._keep(item)
        for warning in result.warnings:
            self.rules.setdefault(f"licensegate/{warning.code}", _warning_rule(warning.code))
            self._keep(_warning_result(result.manifest, warning))
        self.manifests.append(
            {
                "manifest": result.manifest,
                "manifestDigest": result.digest,
                "result": "fail" if result.failed else "pass",
            }
        )

    def end(self, tally: writer.Tally) -> None:
        ordered = sorted(self.rules)
        index = {rule_id: position for position, rule_id in enumerate(ordered)}
        log = self._log(tally, ordered)
        # NOTE: a quote inside a JSON string is written \", so the key and placeholder below,
        # quotes bare, occur only where the log's structure put them, whatever a manifest says.
        before, found, after = json.dumps(log, indent=2, ensure_ascii=False).partition(
            '"results": ' + json.dumps(_RESULTS_AT)
        )
        assert found, "the results placeholder is in the log"
        before += '"results": '
        self.stream.write(before)
        if not self.results:
            self.stream.write("[]")
        for position, (rule_id, text) in enumerate(self.results):
            # The result's last key, as json.dumps would write it had it been in the dict.
            item = f'{text},\n{_RESULT_INDENT}  "ruleIndex": {index[rule_id]}\n{_RESULT_INDENT}}}'
            self.stream.write(("[\n" if not position else ",\n") + item)
        if self.results:
            self.stream.write("\n" + _RESULT_INDENT[:-2] + "]")
        self.stream.write(after + "\n")

    def _log(self, tally: writer.Tally, ordered: list[str]) -> dict[str, Any]:
        notifications = [
            {
                "level": "error",
                "message": {"text": f"{error.manifest}: {error.message}"},
                "locations": [_location(error.manifest, error.line)],
                "descriptor": {"id": "licensegate/no-verdict"},
            }
            for failure in tally.errors
            for error in failure.problems()
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not tally.errors}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        return {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "licensegate",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": [self.rules[rule_id] for rule_id in ordered],
                        }
                    },
                    "invocations": [invocation],
                    "results": _RESULTS_AT,
                    "properties": {
                        "policyDigest": self.head.policy_digest,
                        "strict": self.head.strict,
                        "manifests": self.manifests,
                    },
                }
            ],
        }


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log of a whole report as plain dicts."""
    document: dict[str, Any] = json.loads(render(report))
    return document


def render(report: Report) -> str:
    """The SARIF log as indented JSON."""
    return writer.render_report(Writer, report)
