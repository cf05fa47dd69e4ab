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

from licensegate.levels import level_of, warning_level
from licensegate.report import STATUS_ORDER, ClauseResult, ManifestResult, Report, Status

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


def headline(report: Report) -> str:
    """One line: how many manifests fail or could not be checked."""
    failed = sum(1 for result in report.results if result.failed)
    total = len(report.results)
    plural = "manifest" if total == 1 else "manifests"
    if report.errors:
        text = f"⛔ {len(report.errors)} without verdict, {failed} of {total} {plural} fail"
    elif failed:
        text = f"❌ {failed} of {total} {plural} {'fails' if failed == 1 else 'fail'}"
    else:
        text = f"✅ {total} {plural} pass"
    return text + (" (strict: needs-attestation fails)" if report.strict else "")


def render(report: Report) -> str:
    from licensegate.formats.text import trust_line

    """The whole report as Markdown."""
    lines = [f"## licensegate: {headline(report)}", ""]
    blocks = [render_result(result) for result in report.results]
    for error in report.errors:
        where = f"{error.manifest}:{error.line}" if error.line else error.manifest
        blocks.append(
            f"### ⛔ NO VERDICT {code(error.manifest)}\n\n{code(where)}: {escape(error.message)}\n"
        )
    body = "\n".join(blocks)
    footer = (
        f"<sub>licensegate policies {code(report.policy_digest.removeprefix('sha256:')[:12])}"
        f" · {escape(trust_line(report.trust))}</sub>\n"
    )
    return "\n".join(lines) + "\n" + body + ("\n" if body else "") + footer
