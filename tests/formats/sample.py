"""A fixed report for the format and review tests: every status, a waiver, an attestation,
warnings and a manifest without verdict. Built here, not from the policies, so that editing a
policy never changes a golden file."""

from __future__ import annotations

from dataclasses import replace

from licensegate.report import (
    ClauseResult,
    ManifestFailure,
    ManifestResult,
    Report,
    ReportWarning,
    Status,
)

POLICY_DIGEST = "sha256:" + "ab" * 32
LLAMA = "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE"


def clause(
    clause_name: str,
    subject: str,
    status: Status,
    *,
    line: int | None,
    message: str,
    path: str = "product",
    extra: dict[str, object] | None = None,
    license_id: str = "llama3.1",
) -> ClauseResult:
    return ClauseResult(
        id=f"{license_id}:{clause_name}",
        license=license_id,
        clause=clause_name,
        subject=subject,
        status=status,
        title=f"Title of {clause_name}",
        section="§1.b.i(B) Redistribution and Use",
        quote='prominently display "Built with Llama" on a related website',
        source=LLAMA,
        message=message,
        remediation=f"Remediation for {clause_name}.",
        path=path,
        line=line,
        license_name="Llama 3.1 Community License Agreement",
        license_version="Llama 3.1 Version Release Date: July 23, 2024",
        extra=extra or {},
    )


MODEL = "meta-llama/Llama-3.1-70B-Instruct"
DERIVED = "acme/Acme-Chat-70B"


def failing_result() -> ManifestResult:
    return ManifestResult(
        manifest="deploy/licensegate.yaml",
        digest="sha256:" + "11" * 32,
        clauses=[
            clause(
                "mau-threshold",
                MODEL,
                Status.VIOLATED,
                line=9,
                path="licensee.monthly_active_users",
                message="900000000 monthly active users in 2024-06 is greater than 700000000",
            ),
            clause(
                "acceptable-use",
                MODEL,
                Status.NEEDS_ATTESTATION,
                line=20,
                path="models[0]",
                message="only a person can judge the use cases; record an attestation",
            ),
            clause(
                "license-copy",
                DERIVED,
                Status.MISSING_FACTS,
                line=None,
                path="",
                message="100% sure? a,b: c | <b>bold</b>\nsecond line\r",
            ),
            clause(
                "notice-file",
                DERIVED,
                Status.WAIVED,
                line=14,
                message="no Notice file; waived until 2026-12-15: Meta agreed in writing",
                extra={
                    "waiver": {
                        "clause": "llama3.1:notice-file",
                        "reason": "Meta agreed in writing",
                        "approved_by": "counsel@acme.example",
                        "expires": "2026-12-15",
                    }
                },
            ),
            clause(
                "attribution-display",
                DERIVED,
                Status.SATISFIED,
                line=18,
                path="product.attribution",
                message='"Built with Llama" is displayed (product.attribution)',
            ),
        ],
        warnings=[
            ReportWarning(
                "waiver-expiring",
                "the waiver of llama3.1:notice-file for acme/Acme-Chat-70B expires on 2026-12-15",
                31,
            )
        ],
    )


def passing_result() -> ManifestResult:
    return ManifestResult(
        manifest="apps/chat, eu/licensegate.yaml",
        digest="sha256:" + "22" * 32,
        clauses=[
            clause(
                "acceptable-use",
                MODEL,
                Status.SATISFIED,
                line=12,
                path="models[0]",
                message="attested by counsel@acme.example on 2026-11-20: Reviewed.",
                extra={
                    "attestation": {
                        "clause": "llama3.1:acceptable-use",
                        "by": "counsel@acme.example",
                        "date": "2026-11-20",
                        "statement": "Reviewed.",
                    }
                },
            )
        ],
        warnings=[
            ReportWarning(
                "signoff-outdated",
                "the manifest changed after the sign-off by counsel@acme.example on 2026-11-01",
                None,
            )
        ],
    )


def sample(strict: bool = False) -> Report:
    results = [failing_result(), passing_result()]
    if strict:
        results = [replace(result, strict=True) for result in results]
    return Report(
        POLICY_DIGEST,
        results,
        [ManifestFailure("broken/licensegate.yaml", "line 3: mapping values are not allowed", 3)],
        strict=strict,
    )
