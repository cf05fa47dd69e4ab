"""Waivers and attestations that cover nothing (DESIGN.md §2.1 rule 10).

A record that matches no clause the deployment triggers is harmless today, but it is a sign that
the manifest no longer says what its author thinks (a renamed model, a clause that stopped
applying) and, left alone, it would silently cover the clause if that clause came back. So
each one is reported as a warning in every format, at the record's line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from licensegate.manifest import Manifest
from licensegate.report import ClauseResult, ReportWarning

# (manifest list, warning code, what the record is called in the message)
_KINDS = (
    ("waivers", "waiver-unused", "waiver"),
    ("attestations", "attestation-unused", "attestation"),
)


def _covers(record: Mapping[str, Any], clause: ClauseResult) -> bool:
    """As main.rego's _covers: same clause id, and the same subject when the record names one."""
    if record.get("clause") != clause.id:
        return False
    subject = record.get("subject")
    return subject is None or str(subject).lower() == clause.subject.lower()


def unused_records(
    data: Mapping[str, Any], clauses: Sequence[ClauseResult], manifest: Manifest
) -> list[ReportWarning]:
    """A warning for every waiver or attestation that covers none of ``clauses``."""
    warnings: list[ReportWarning] = []
    for field, code, noun in _KINDS:
        records: Iterable[Mapping[str, Any]] = data.get(field) or []
        for index, record in enumerate(records):
            if any(_covers(record, clause) for clause in clauses):
                continue
            subject = record.get("subject")
            target = f"{record.get('clause')} for {subject}" if subject else record.get("clause")
            warnings.append(
                ReportWarning(
                    code,
                    f"the {noun} of {target} matches no clause this deployment triggers; "
                    f"remove it, or fix its clause or subject so it cannot cover a later finding "
                    f"by accident",
                    manifest.line_of((field, index, "clause")),
                )
            )
    return warnings
