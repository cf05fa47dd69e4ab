"""The verdict, the licenses that apply and every applicable clause with its status and quote."""

from __future__ import annotations

from typing import Any

from licensegate.levels import level_of, warning_level
from licensegate.report import STATUS_ORDER, ClauseResult, ManifestResult, Status
from licensegate.review.blocks import (
    Block,
    Bullets,
    Code,
    Document,
    Heading,
    Inline,
    Line,
    Link,
    Para,
    Quote,
    Strong,
)
from licensegate.review.inputs import ReviewInput
from licensegate.review.words import STATUS_WORDS, join, sentence, status_label


def verdict(doc: Document, data: ReviewInput) -> None:
    result = data.result
    doc.add(Heading(2, "Verdict"))
    failed = result.failed
    counts = ", ".join(f"{result.count(Status(status))} {status}" for status in STATUS_ORDER)
    text: list[Inline] = [Strong("FAIL" if failed else "PASS"), f" ({counts})."]
    if failed:
        text.append(" At least one clause is violated or lacks the facts to decide it.")
    else:
        text.append(" No clause is violated or lacks facts.")
    if result.count(Status.NEEDS_ATTESTATION):
        text.append(
            " Clauses that need a person's attestation fail the check."
            if result.strict
            else " Clauses that need a person's attestation are open until someone records one"
            " (they fail only under --strict)."
        )
    doc.add(Para(tuple(text)))
    open_items = [
        c for c in result.clauses if level_of(c.status, result.strict).name in ("fail", "review")
    ]
    if open_items:
        doc.add(Para(("Open items:",)))
        doc.add(
            Bullets(
                tuple(
                    (
                        Strong(STATUS_WORDS[c.status.value]),
                        f": {c.title} ({c.license_name or c.license}, {c.section}), for ",
                        c.subject,
                        ".",
                    )
                    for c in open_items
                )
            )
        )
    if result.warnings:
        doc.add(Para(("Warnings:",)))
        doc.add(
            Bullets(
                tuple(
                    (f"{warning_level(w.blocking).icon} ", Code(w.code), f": {w.message}.")
                    for w in result.warnings
                )
            )
        )


def licenses(doc: Document, data: ReviewInput) -> None:
    doc.add(Heading(2, "Licenses"))
    subjects: dict[str, list[str]] = {}
    for clause in data.result.clauses:
        names = subjects.setdefault(clause.license, [])
        if clause.subject not in names:
            names.append(clause.subject)
    judged = [lic for lic in subjects if lic != "licensegate"]
    if not judged:
        doc.add(Para(("No license text that licensegate encodes applies to this deployment.",)))
    for license_id in judged:
        info = data.library.license(license_id)
        title = info.name if info else license_id
        doc.add(Heading(3, title))
        items: list[Line] = [("Identifier: ", Code(license_id))]
        if info is not None:
            items.append((f"Version: {info.version}",))
            items.append(("Text: ", Link(info.text, info.text)))
        items.append(("Applies to: ", join(subjects[license_id]), "."))
        doc.add(Bullets(tuple(items)))
    if "licensegate" in subjects:
        # The built-in clauses (unknown-model, unsupported-license, undeclared-model,
        # license-conflict): whichever this manifest met, by name.
        builtin = sorted({c.id for c in data.result.clauses if c.license == "licensegate"})
        builtin_names: list[Any] = []
        for index, clause_id in enumerate(builtin):
            if index:
                builtin_names.append(" and " if index == len(builtin) - 1 else ", ")
            builtin_names.append(Code(clause_id))
        doc.add(
            Para(
                (
                    "licensegate could not judge some models, or the repository does not match "
                    "the manifest (see ",
                    *builtin_names,
                    "): review them by hand.",
                )
            )
        )


def _clause_blocks(clause: ClauseResult, strict: bool) -> list[Block]:
    blocks: list[Block] = [Heading(4, f"{status_label(clause, strict)}: {clause.title}")]
    license_name = clause.license_name or clause.license
    items: list[Line] = [
        (
            "Clause ",
            Code(clause.id),
            f" of the {license_name}, {clause.section} (",
            Link("license text", clause.source),
            ").",
        ),
    ]
    blocks.append(Bullets(tuple(items)))
    if clause.quote:
        blocks.append(Quote(clause.quote))
    # NOTE: an attestation's who, when and statement are already in the finding's message.
    details: list[Line] = [("Finding: ", sentence(clause.message))]
    waiver = clause.extra.get("waiver")
    if isinstance(waiver, dict):
        details.append(
            (
                f"Waived (the waiver stops applying on {waiver.get('expires', '?')}), approved by "
                f"{waiver.get('approved_by', '?')}: {sentence(str(waiver.get('reason', '')))}",
            )
        )
    if clause.status not in (Status.SATISFIED, Status.WAIVED):
        details.append((Strong("What to do:"), " ", clause.remediation))
    where = f" (line {clause.line})" if clause.line else ""
    details.append(
        ("Decided by the manifest field ", Code(clause.path or "(whole manifest)"), f"{where}.")
    )
    blocks.append(Bullets(tuple(details)))
    return blocks


def clauses(doc: Document, result: ManifestResult) -> None:
    doc.add(Heading(2, "Clauses"))
    doc.add(
        Para(
            (
                "Every clause that applies, per model. Statuses: violated (the facts breach the "
                "clause), facts missing (a fact needed to decide it is not stated), needs a "
                "person's attestation (only a person can judge it), satisfied, waived (an "
                "approved, unexpired exception covers it).",
            )
        )
    )
    by_subject: dict[str, list[ClauseResult]] = {}
    for clause in result.clauses:
        by_subject.setdefault(clause.subject, []).append(clause)
    for subject, clauses in by_subject.items():
        doc.add(Heading(3, subject))
        for clause in clauses:
            doc.add(*_clause_blocks(clause, result.strict))
    if not result.clauses:
        doc.add(Para(("No clause applies.",)))
