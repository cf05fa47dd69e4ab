"""The obligations to fulfil: what to display where, which files to ship, other lasting duties."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from licensegate.clause_kinds import kinds_with_obligation
from licensegate.report import ClauseResult, ManifestResult
from licensegate.review.blocks import Bullets, Code, Document, Heading, Line, Para, Strong
from licensegate.review.words import WHERE, join, status_label

# (kind group in policies/clause-kinds.yaml, heading, what to say when nothing applies)
SECTIONS = (
    ("display", "What to display, and where", "No applicable clause asks for a display."),
    (
        "files",
        "Which files to ship with distributed weights",
        "No applicable clause asks for files to go with the weights.",
    ),
    ("duty", "Other duties", "No other duty applies."),
)
"""The headings of the obligations, each listing the clause kinds of one group."""


def _obligation_items(
    clauses: Iterable[ClauseResult], names: Collection[str], strict: bool
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
    for group, title, none in SECTIONS:
        doc.add(Heading(3, title))
        items = _obligation_items(result.clauses, kinds_with_obligation(group), result.strict)
        doc.add(Bullets(items) if items else Para((none,)))
        if group == "display" and manifest["product"].get("attribution"):
            shown = join(
                [
                    f"“{s['text']}” {WHERE.get(s['where'], s['where'])}"
                    for s in manifest["product"]["attribution"]
                ]
            )
            doc.add(Para((f"The manifest declares: {shown}.",)))
        if group == "files" and manifest["product"].get("notice_file"):
            doc.add(
                Para(
                    (
                        "The manifest names the Notice file ",
                        Code(str(manifest["product"]["notice_file"])),
                        ".",
                    )
                )
            )
