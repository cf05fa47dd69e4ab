"""Markdown for pull-request comments and GitHub step summaries, from the one report.

A headline, then per manifest its verdict, its warnings and one compact table of the clauses
that need something (violated, missing-facts, needs-attestation, waived); satisfied clauses are
folded into a ``<details>`` list. Icons come from licensegate.levels, so ``--strict`` shows
needs-attestation as a failure here as everywhere.

Example::

    ## licensegate: ❌ 1 of 1 manifest fails

    ### ❌ FAIL `deploy/licensegate.yaml`

    1 violated · 0 missing-facts · 1 needs-attestation · 3 satisfied · 0 waived

    | | Clause | Subject | Finding | Line |
    |---|---|---|---|---|
    | ❌ violated | [`llama3.1:mau-threshold`](https://…) §2 | meta-llama/… | … **Fix:** … | 12 |

Everything taken from manifests or policies is escaped, so a value cannot inject Markdown or
HTML into the comment. Output is deterministic.
"""

from __future__ import annotations

import re
from typing import TextIO

from licensegate.formats import writer
from licensegate.levels import level_of, warning_level
from licensegate.report import (
    STATUS_ORDER,
    ClauseResult,
    ManifestResult,
    NoVerdict,
    Report,
    Status,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def escape(text: str) -> str:
    """Plain text made safe for a Markdown paragraph or table cell (one line)."""
    text = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def code(text: str) -> str:
    """An inline code span, or escaped text when the value itself contains a backtick."""
    text = " ".join(text.split())
    return f"`{text}`" if "`" not in text and text else escape(text)


def link(label: str, url: str) -> str:
    """A link whose label is already Markdown; the URL is kept out of the label's reach."""
    if not url:
        return label
    if re.search(r"[\s()<>]", url):
        url = "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"
    return f"[{label}]({url})"


def _counts(result: ManifestResult) -> str:
    return " · ".join(f"{result.count(Status(status))} {status}" for status in STATUS_ORDER)


def _finding(clause: ClauseResult, strict: bool) -> str:
    level = level_of(clause.status, strict)
    text = escape(clause.message)
    if clause.status is Status.WAIVED:
        # NOTE: the message already names the waiver's reason and expiry (main.rego).
        waiver = clause.extra.get("waiver") or {}
        text += f" (waiver approved by {escape(str(waiver.get('approved_by', '?')))})"
    elif level.name in ("fail", "review"):
        text += f" **Fix:** {escape(clause.remediation)}"
    return text


def _row(clause: ClauseResult, strict: bool) -> str:
    level = level_of(clause.status, strict)
    clause_cell = f"{link(code(clause.id), clause.source)} {escape(clause.section)}"
    return (
        f"| {level.icon} {clause.status.value} | {clause_cell} | {escape(clause.subject)} | "
        f"{_finding(clause, strict)} | {clause.line or ''} |"
    )


def render_result(result: ManifestResult, heading: str = "###") -> str:
    """One manifest: verdict, warnings, the table of open clauses, satisfied ones folded."""
    verdict = "❌ FAIL" if result.failed else "✅ PASS"
    lines = [f"{heading} {verdict} {code(result.manifest)}", "", _counts(result), ""]
    for warning in result.warnings:
        level = warning_level(warning.blocking)
        where = f" (line {warning.line})" if warning.line else ""
        lines.append(f"> {level.icon} **{warning.code}**{where}: {escape(warning.message)}")
        lines.append(">")
    if result.warnings:
        lines[-1] = ""
    open_clauses = [c for c in result.clauses if c.status is not Status.SATISFIED]
    if open_clauses:
        lines += ["| | Clause | Subject | Finding | Line |", "|---|---|---|---|---|"]
        lines += [_row(clause, result.strict) for clause in open_clauses]
        lines.append("")
    satisfied = [c for c in result.clauses if c.status is Status.SATISFIED]
    if satisfied:
        lines += [f"<details><summary>{len(satisfied)} satisfied</summary>", ""]
        lines += [f"- ✅ {code(c.id)} {escape(c.subject)}: {escape(c.message)}" for c in satisfied]
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def headline(failed: int, total: int, errors: int, strict: bool) -> str:
    """One line: how many manifests fail or could not be checked."""
    plural = "manifest" if total == 1 else "manifests"
    if errors:
        text = f"⛔ {errors} without verdict, {failed} of {total} {plural} fail"
    elif failed:
        text = f"❌ {failed} of {total} {plural} {'fails' if failed == 1 else 'fail'}"
    else:
        text = f"✅ {total} {plural} pass"
    return text + (" (strict: needs-attestation fails)" if strict else "")


SUMMARY_LIMIT = 1_000_000
"""Bytes the whole document may take: GitHub refuses a step summary over 1 MiB (1,048,576
bytes), and other steps may write to the same summary."""


class Writer(writer.Writer):
    """The whole report as Markdown: manifests without a verdict first, then failing ones, then
    passing ones with warnings; passing ones without warnings are only counted and listed.
    Past ``limit`` bytes the remaining blocks are counted instead of shown.

    Keeps each block as its result arrives, up to ``limit`` bytes of each kind (a block past
    that could never be shown), and writes the document at the end, where the order and the
    budget are known."""

    def __init__(self, stream: TextIO, limit: int = SUMMARY_LIMIT) -> None:
        super().__init__(stream)
        self.limit = limit
        self.head = writer.Head("")
        self.failing: list[str | None] = []
        self.passing: list[str | None] = []
        self.sizes = {"failing": 0, "passing": 0}
        self.quiet: list[str] = []

    def begin(self, head: writer.Head) -> None:
        self.head = head

    def result(self, result: ManifestResult) -> None:
        if not result.failed and not result.warnings:
            self.quiet.append(result.manifest)
            return
        kind, blocks = ("failing", self.failing) if result.failed else ("passing", self.passing)
        text = render_result(result)
        self.sizes[kind] += len(text.encode()) + 1
        # None: a block too far past the budget to be shown, counted only.
        blocks.append(text if self.sizes[kind] <= self.limit else None)

    def end(self, tally: writer.Tally) -> None:
        from licensegate.formats.text import trust_line

        strict = self.head.strict
        title = headline(tally.failed, tally.checked, len(tally.errors), strict)
        head = f"## licensegate: {title}\n\n"
        revision = self.head.policy_digest.removeprefix("sha256:")[:12]
        footer = (
            f"<sub>licensegate policies {code(revision)}"
            f" · {escape(trust_line(self.head.trust))}</sub>\n"
        )
        blocks: list[tuple[str, str | None]] = [
            ("without verdict", _no_verdict(error)) for error in tally.errors
        ]
        blocks += [("failing", text) for text in self.failing]
        blocks += [("passing", text) for text in self.passing]
        # Room for the closing note and the footer, whatever is dropped.
        room = self.limit - len(head.encode()) - len(footer.encode()) - 600
        shown: list[str] = []
        dropped: dict[str, int] = {}
        for kind, text in blocks:
            size = len(text.encode()) + 1 if text is not None else room + 1
            if not dropped and text is not None and size <= room:
                shown.append(text)
                room -= size
            else:
                dropped[kind] = dropped.get(kind, 0) + 1
        if self.quiet:
            count = len(self.quiet)
            listing = "\n".join(f"- {code(manifest)}" for manifest in self.quiet)
            summary = f"<details><summary>✅ {count} more {_plural(count)} pass</summary>"
            block = f"{summary}\n\n{listing}\n\n</details>\n"
            if not dropped and len(block.encode()) + 1 <= room:
                shown.append(block)
            else:
                shown.append(f"✅ {count} more {_plural(count)} pass.\n")
        if dropped:
            counts = ", ".join(f"{count} {kind}" for kind, count in dropped.items())
            shown.append(
                f"> ℹ️ Not shown, to keep this summary under GitHub's 1 MiB limit: {counts}. "
                "The SARIF report and `licensegate check --format json` list every finding.\n"
            )
        body = "\n".join(shown)
        self.stream.write(head + body + ("\n" if body else "") + footer)


def _no_verdict(error: NoVerdict) -> str:
    lines = [
        f"{code(f'{e.manifest}:{e.line}' if e.line else e.manifest)}: {escape(e.message)}"
        for e in error.problems()
    ]
    return f"### ⛔ NO VERDICT {code(error.manifest)}\n\n" + "\n\n".join(lines) + "\n"


def render(report: Report, limit: int = SUMMARY_LIMIT) -> str:
    """The whole report as Markdown (see :class:`Writer`)."""
    return writer.render_report(lambda stream: Writer(stream, limit), report)


def _plural(count: int) -> str:
    return "manifest" if count == 1 else "manifests"
