"""GitHub Actions workflow commands: annotations on the manifest line in the pull-request diff.

One command per clause whose level (licensegate.levels) has a GitHub column: violated and
missing-facts are ``::error``, needs-attestation is ``::notice`` (``::error`` under
``--strict``); satisfied and waived clauses print nothing. Warnings are ``::warning`` (``::error``
when blocking), manifests without a verdict are ``::error`` at their line. Data is escaped as
GitHub's toolkit does (``%``, CR, LF), and properties also escape ``:`` and ``,``.

When ``GITHUB_STEP_SUMMARY`` is set, :func:`append_step_summary` appends the Markdown report to
that file (the CLI calls it after printing the commands); it never truncates the file.

Example::

    ::error file=deploy/licensegate.yaml,line=12,title=llama3.1%3Amau-threshold (violated)%3A No
    more than 700 million monthly active users at release::meta-llama/Llama-3.1-70B-Instruct:
    900000000 monthly active users ...%0AFix: Request a license ...

(one line per command; wrapped here).

Note that GitHub shows at most 10 annotations of each kind per step; upload the SARIF report
for the complete list.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from licensegate.formats import writer
from licensegate.levels import level_of, warning_level
from licensegate.report import ClauseResult, ManifestResult, Report


def escape_data(text: str) -> str:
    """A command's message, escaped like @actions/core's ``escapeData``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property value, escaped like @actions/core's ``escapeProperty``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int | None) -> str:
    """``::kind key=value,...::message`` with every part escaped; None properties are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _message(clause: ClauseResult) -> str:
    lines = [f"{clause.subject}: {clause.message}"]
    exception = clause.exception()
    if exception is not None:
        lines.append(exception[1][0].upper() + exception[1][1:])
    if clause.quote:
        lines.append(f'License ({clause.section}): "{clause.quote}"')
    lines.append(f"Fix: {clause.remediation}")
    lines.append(f"See: {clause.source}")
    return "\n".join(lines)


def _where(manifest: str, clause: ClauseResult) -> tuple[str, int | None]:
    """The manifest line, or for a `check --scan` finding the repository file that shows it."""
    evidence = clause.extra.get("evidence")
    if isinstance(evidence, dict) and isinstance(evidence.get("path"), str):
        line = evidence.get("line")
        return evidence["path"], line if isinstance(line, int) else None
    return manifest, clause.line


class Writer(writer.Writer):
    """Each manifest's commands as it arrives, then the manifests without a verdict."""

    def result(self, result: ManifestResult) -> None:
        self.stream.writelines(line + "\n" for line in _result_commands(result))

    def end(self, tally: writer.Tally) -> None:
        self.stream.writelines(
            command(
                "error",
                error.message,
                file=error.manifest,
                line=error.line or 1,
                title="licensegate: no verdict",
            )
            + "\n"
            for failure in tally.errors
            for error in failure.problems()
        )


def _result_commands(result: ManifestResult) -> Iterator[str]:
    for clause in result.clauses:
        kind = level_of(clause.status, result.strict).github
        exception = clause.exception()
        if kind is None and exception is None:
            continue
        if kind is None:
            kind = "notice"  # a waived or attested clause: every exception is visible
        path, line = _where(result.manifest, clause)
        yield command(
            kind,
            _message(clause),
            file=path,
            # NOTE: without line= the annotation does not show in "Files changed".
            line=line or 1,
            title=f"{clause.id} ({clause.status.value}): {clause.title}",
        )
    for warning in result.warnings:
        yield command(
            warning_level(warning.blocking).github or "warning",
            warning.message,
            file=result.manifest,
            line=warning.line or 1,
            title=f"licensegate/{warning.code}",
        )


def render(report: Report) -> str:
    """Workflow commands, one per line, in report order."""
    return writer.render_report(Writer, report)


def step_summary_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """``$GITHUB_STEP_SUMMARY``, when it is set."""
    target = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    return Path(target) if target else None


def append_to_step_summary(path: Path, markdown: str) -> None:
    """Append a Markdown report to the step summary file."""
    # NOTE: other steps and tools write to the same summary file: append, never truncate.
    with path.open("a", encoding="utf-8") as stream:
        stream.write(markdown + "\n")


def append_step_summary(report: Report, environ: Mapping[str, str] | None = None) -> Path | None:
    """Append the Markdown report to ``$GITHUB_STEP_SUMMARY`` when it is set; return its path."""
    path = step_summary_path(environ)
    if path is None:
        return None
    from licensegate.formats.markdown import render as render_markdown

    append_to_step_summary(path, render_markdown(report))
    return path
