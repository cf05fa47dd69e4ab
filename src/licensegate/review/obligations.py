"""The obligations to fulfil: what to display where, which files to ship, other lasting duties."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from licensegate.report import ClauseResult, ManifestResult
from licensegate.review.blocks import Bullets, Code, Document, Heading, Line, Para, Strong
from licensegate.review.words import WHERE, join, status_label

DISPLAY_CLAUSES = ("attribution-display", "ui-attribution-threshold")
"""Clauses about what to show users, and where."""
FILE_CLAUSES = ("license-copy", "notice-file", "modified-files-notice")
"""Clauses about files that go with distributed weights."""
DUTY_CLAUSES = (
    "derivative-naming",
    "use-restrictions-flowdown",
    "acceptable-use",
    "output-use",
    "guardrails",
    "commercial-registration",
)
"""Other lasting duties the licenses attach to the deployment."""


def _obligation_items(
    clauses: Iterable[ClauseResult], names: Sequence[str], strict: bool
) -> tuple[Line, ...]:
    grouped: dict[str, list[ClauseResult]] = {}
    for clause in clauses:
        if clause.clause in names:
            grouped.setdefault(clause.id, []).append(clause)
    items: list[Line] = []
    for group in grouped.values():
        first = group[0]
        statuses = join(sorted({status_label(c, strict) for c in group}, key=lambda s: s))
        items.append(
            (
                Strong(first.title),
                f" ({first.license_name or first.license}, {first.section}), for "
                f"{join([c.subject for c in group])}. Today: {statuses}. How: "
                f"{first.remediation}",
            )
        )
    return tuple(items)


def obligations(doc: Document, result: ManifestResult, manifest: dict[str, Any]) -> None:
    doc.add(Heading(2, "Obligations to fulfil"))
    doc.add(
        Para(
            (
                "Duties the licenses attach to this deployment, whatever their status today: "
                "they have to stay true for as long as the deployment runs.",
            )
        )
    )
    sections = (
        ("What to display, and where", DISPLAY_CLAUSES, "No applicable clause asks for a display."),
        (
            "Which files to ship with distributed weights",
            FILE_CLAUSES,
            "No applicable clause asks for files to go with the weights.",
        ),
        ("Other duties", DUTY_CLAUSES, "No other duty applies."),
    )
    for title, names, none in sections:
        doc.add(Heading(3, title))
        items = _obligation_items(result.clauses, names, result.strict)
        doc.add(Bullets(items) if items else Para((none,)))
        if names is DISPLAY_CLAUSES and manifest["product"].get("attribution"):
            shown = join(
                [
                    f"“{s['text']}” {WHERE.get(s['where'], s['where'])}"
                    for s in manifest["product"]["attribution"]
                ]
            )
            doc.add(Para((f"The manifest declares: {shown}.",)))
        if names is FILE_CLAUSES and manifest["product"].get("notice_file"):
            doc.add(
                Para(
                    (
                        "The manifest names the Notice file ",
                        Code(str(manifest["product"]["notice_file"])),
                        ".",
                    )
                )
            )
