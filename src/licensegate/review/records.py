"""The records around a verdict: attestations, waivers, sign-offs and the digests reviewed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from licensegate import __version__
from licensegate.review.blocks import Code, Document, Heading, Para, Table
from licensegate.review.inputs import ReviewInput


def _subject_of(record: dict[str, Any]) -> str:
    return str(record.get("subject") or "all models")


def records(doc: Document, manifest: dict[str, Any], today: dt.date) -> None:
    doc.add(Heading(2, "Attestations and waivers"))
    doc.add(Heading(3, "Attestations"))
    attestations = manifest.get("attestations") or []
    if attestations:
        doc.add(
            Table(
                ("Clause", "Model", "By", "Date", "Statement"),
                tuple(
                    (
                        (Code(a["clause"]),),
                        (_subject_of(a),),
                        (a["by"],),
                        (str(a["date"]),),
                        (a["statement"],),
                    )
                    for a in attestations
                ),
            )
        )
    else:
        doc.add(Para(("None recorded.",)))
    doc.add(Heading(3, "Waivers"))
    waivers = manifest.get("waivers") or []
    if waivers:
        rows = []
        for w in waivers:
            try:
                days = (dt.date.fromisoformat(str(w["expires"])) - today).days
            except ValueError:
                days = 0
            if days <= 0:
                state = "expired: no longer applies"
            else:
                state = f"in force for {days} more day{'s' if days != 1 else ''}"
            rows.append(
                (
                    (Code(w["clause"]),),
                    (_subject_of(w),),
                    (w["reason"],),
                    (w["approved_by"],),
                    (str(w["expires"]),),
                    (state,),
                )
            )
        doc.add(
            Table(("Clause", "Model", "Reason", "Approved by", "Expires", "State"), tuple(rows))
        )
        doc.add(Para(("A waiver applies up to the day before its expiry date.",)))
    else:
        doc.add(Para(("None recorded.",)))


def signoff(doc: Document, data: ReviewInput) -> None:
    doc.add(Heading(2, "Sign-off"))
    if not data.signoffs:
        doc.add(
            Para(
                (
                    "No sign-off recorded yet. After review, record one with ",
                    Code(f"licensegate sign-off {data.result.manifest} --by NAME"),
                    ".",
                )
            )
        )
        return
    rows = [
        (
            (entry.by,),
            (entry.at,),
            ("yes" if entry.manifest_digest == data.result.digest else "no, changed since",),
            ("yes" if entry.policy_digest == data.policy_digest else "no, changed since",),
            (entry.note or "",),
        )
        for entry in data.signoffs
    ]
    doc.add(Table(("By", "When (UTC)", "Same manifest", "Same policies", "Note"), tuple(rows)))
    latest = data.signoffs[-1]
    current = (
        latest.manifest_digest == data.result.digest and latest.policy_digest == data.policy_digest
    )
    doc.add(
        Para(
            (
                "The latest sign-off covers exactly this manifest and these policies."
                if current
                else "The manifest or the policies changed after the latest sign-off: it needs "
                "a new one.",
            )
        )
    )


def record_block(doc: Document, data: ReviewInput) -> None:
    doc.add(Heading(2, "Record"))
    rows = (
        (("Manifest",), (Code(data.result.manifest),)),
        (("Manifest digest",), (Code(data.result.digest),)),
        (("Policy digest",), (Code(data.policy_digest),)),
        (("Tool",), (f"licensegate {__version__}",)),
        (("Evaluated as of",), (data.today.isoformat(),)),
        (("Strict",), ("yes" if data.strict else "no",)),
    )
    doc.add(Table(("Item", "Value"), rows))
    doc.add(
        Para(
            (
                "The digests identify exactly what was reviewed: a sign-off records them, and ",
                Code("licensegate check"),
                " warns when either changes afterwards.",
            )
        )
    )
