"""The readable report: the verdict, then every clause grouped by subject.

Example::

    FAIL deploy/licensegate.yaml (1 violated, 0 missing-facts, 1 needs-attestation, ...)

      meta-llama/Llama-3.1-70B-Instruct
        VIOLATED          llama3.1:mau-threshold (§2 Additional Commercial Terms) line 9
          No more than 700 million monthly active users at release
          120000000 monthly active users in 2024-06 (...) is greater than 700000000: ...
          license: "If, on the Llama 3.1 version release date, ..."
          fix: Request a license from Meta before using Llama 3.1, ...
"""

from __future__ import annotations

import functools
import re
import textwrap
from typing import Any, TextIO

from licensegate.escape import log_line
from licensegate.formats import writer
from licensegate.levels import fails
from licensegate.report import STATUS_ORDER, ManifestResult, NoVerdict, Report, Status

_WIDTH = 100
_INDENT = " " * 6
_QUOTE_WORDS = 40


class Writer(writer.Writer):
    """Each manifest's block as it arrives, then the errors and the summary line. ``quiet``:
    failing manifests and their failing clauses only."""

    def __init__(self, stream: TextIO, quiet: bool = False) -> None:
        super().__init__(stream)
        self.quiet = quiet
        self.trust: dict[str, Any] | None = None
        self.blocks = 0

    def begin(self, head: writer.Head) -> None:
        self.trust = head.trust

    def result(self, result: ManifestResult) -> None:
        self._block(render_result(result, self.quiet))

    def end(self, tally: writer.Tally) -> None:
        for error in tally.errors:
            self._block(render_error(error))
        self.stream.write(summary_line(tally.checked, tally.failed, len(tally.errors), self.trust))

    def _block(self, text: str) -> None:
        if text:
            # Blocks are separated by a blank line.
            self.stream.write(("\n" if self.blocks else "") + text)
            self.blocks += 1


def render(report: Report, quiet: bool = False) -> str:
    """Render all results, then errors, then one summary line; ``quiet``: failing manifests
    and their failing clauses only."""
    return writer.render_report(lambda stream: Writer(stream, quiet), report)


def render_error(error: NoVerdict) -> str:
    """One manifest that got no verdict: a line per problem."""
    return "".join(
        log_line(f"ERROR {e.manifest}{f':{e.line}' if e.line else ''}: {e.message}") + "\n"
        for e in error.problems()
    )


def _counts(result: ManifestResult) -> str:
    return ", ".join(f"{result.count(Status(status))} {status}" for status in STATUS_ORDER)


def render_result(result: ManifestResult, quiet: bool = False) -> str:
    """One manifest's block: the verdict, then its clauses grouped by subject. ``quiet``:
    nothing for a passing manifest, and only the clauses that fail it."""
    if quiet and not result.failed:
        return ""
    verdict = "FAIL" if result.failed else "PASS"
    lines = [f"{verdict} {result.manifest} ({_counts(result)})"]
    subject = None
    shown = [c for c in result.clauses if not quiet or fails(c.status, result.strict)]
    for clause in shown:
        if clause.subject != subject:
            subject = clause.subject
            lines += ["", f"  {subject}"]
        where = f" line {clause.line}" if clause.line else ""
        lines.append(f"    {clause.status.value.upper():<17} {clause.id} ({clause.section}){where}")
        lines += _wrapped_library_text(clause.title)
        lines += _wrapped(clause.message)
        if clause.status is not Status.SATISFIED:
            if clause.quote:
                lines += _wrapped_library_text(f'license: "{clause.quote}"')
            if clause.status is not Status.WAIVED:
                lines += _wrapped_library_text(f"fix: {clause.remediation}")
    texts = sorted(
        {(c.license, c.license_name, c.license_version) for c in shown if c.license_version}
    )
    if texts:
        lines += ["", "  license texts:"]
        lines += [f"    {license_id}: {name} ({version})" for license_id, name, version in texts]
    # NOTE: messages quote the manifest (attestation statements, attribution text); no line of
    # them may drive the terminal or start a workflow command in a CI log.
    return "\n".join(log_line(line) for line in lines) + "\n"


def _wrapped(text: str) -> list[str]:
    if len(text) <= _ONE_LINE and text == text.strip() and _SPACES_ONLY.fullmatch(text):
        # What textwrap answers for a text that fits on the line and holds no whitespace it
        # would change (tabs, line breaks) or drop (at either end): most messages.
        return [_INDENT + text]
    return textwrap.wrap(text, _WIDTH, initial_indent=_INDENT, subsequent_indent=_INDENT + "  ")


_ONE_LINE = _WIDTH - len(_INDENT)
_SPACES_ONLY = re.compile(r"[^\t\n\x0b\x0c\r]+")


@functools.lru_cache(maxsize=2048)
def _wrapped_library_text(text: str) -> tuple[str, ...]:
    """:func:`_wrapped` of a title, quote or remediation: the library's texts repeat in every
    report, and wrapping them again for each finding was most of a batch's text rendering
    (textwrap is pure Python). Bounded: an organisation's own clauses add to the library."""
    return tuple(_wrapped(text))


def summary_line(
    checked: int, failed: int, errors: int, trust: dict[str, Any] | None = None
) -> str:
    """The closing line, after a blank line, and where approvals came from."""
    parts = [f"{checked} manifest(s) checked: {checked - failed} passed, {failed} failed"]
    if errors:
        parts.append(f"{errors} could not be checked")
    return "\n" + "; ".join(parts) + "\n" + trust_line(trust) + "\n"


def trust_line(trust: dict[str, Any] | None) -> str:
    """``trust: local``, or the commit and ref whose approvals counted (licensegate.trust)."""
    if not trust or trust.get("mode") == "local":
        return "trust: local"
    return f"trust: {str(trust['commit'])[:12]} ({trust['ref']})"
