"""The report: per manifest, every applicable clause with its status, and the verdict.

Everything the output formats print comes from these values; the JSON form (DESIGN.md §4)
is `Report.to_dict()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from licensegate import __version__
from licensegate.levels import level_of

REPORT_VERSION = 1


class Status(str, Enum):
    """Status of one clause for one subject (DESIGN.md §3)."""

    VIOLATED = "violated"
    MISSING_FACTS = "missing-facts"
    NEEDS_ATTESTATION = "needs-attestation"
    SATISFIED = "satisfied"
    WAIVED = "waived"


STATUS_ORDER = [status.value for status in Status]
"""Statuses from most to least serious: findings and summaries list them in this order."""


@dataclass(frozen=True)
class ClauseResult:
    """One clause judged for one subject."""

    id: str
    license: str
    clause: str
    subject: str
    status: Status
    title: str
    section: str
    quote: str
    source: str
    message: str
    remediation: str
    path: str
    """Dotted manifest path of the fact that decided it, e.g. ``licensee.monthly_active_users``."""
    line: int | None
    license_name: str = ""
    """The license text the clause comes from, and its own version or date line."""
    license_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """The attestation or waiver that changed the status, if any."""

    def exception(self) -> tuple[str, str] | None:
        """The waiver or attestation that set this clause aside, as (kind, justification).

        Every format shows these (DESIGN.md §6), so a reviewer sees every exception.
        """
        waiver = self.extra.get("waiver")
        if self.status is Status.WAIVED and isinstance(waiver, dict):
            return "waiver", (
                f"waived by {waiver.get('approved_by')} until {waiver.get('expires')}: "
                f"{waiver.get('reason')}"
            )
        attestation = self.extra.get("attestation")
        if isinstance(attestation, dict):
            return "attestation", (
                f"attested by {attestation.get('by')} on {attestation.get('date')}: "
                f"{attestation.get('statement')}"
            )
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN.md §4."""
        data: dict[str, Any] = {
            "id": self.id,
            "license": self.license,
            "license_name": self.license_name,
            "license_version": self.license_version,
            "clause": self.clause,
            "subject": self.subject,
            "status": self.status.value,
            "title": self.title,
            "section": self.section,
            "quote": self.quote,
            "source": self.source,
            "message": self.message,
            "remediation": self.remediation,
            "location": {"path": self.path, "line": self.line},
        }
        data.update(self.extra)
        return data


@dataclass(frozen=True)
class ReportWarning:
    """About a manifest but not a clause: a stale sign-off, a waiver about to expire."""

    code: str
    """``signoff-missing``, ``signoff-outdated``, ``signoff-invalid``, ``waiver-expiring``,
    ``waiver-unused``, ``attestation-unused``, or with ``check --scan`` ``model-not-found`` and
    ``scan-incomplete``."""
    message: str
    line: int | None = None
    """Manifest line it is about, if any."""
    blocking: bool = False
    """Whether it fails the manifest (a sign-off problem under ``--require-signoff``)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: an entry of a result's ``warnings``."""
        return {
            "code": self.code,
            "message": self.message,
            "line": self.line,
            "blocking": self.blocking,
        }


@dataclass(frozen=True)
class ManifestResult:
    """The verdict for one manifest."""

    manifest: str
    digest: str
    clauses: list[ClauseResult]
    strict: bool = False
    warnings: list[ReportWarning] = field(default_factory=list)
    """Sign-off and waiver-expiry warnings (licensegate.signoff); blocking ones fail."""
    inventory: dict[str, Any] = field(default_factory=dict, compare=False)
    """What the manifest lists, for `--format cyclonedx` (formats/cyclonedx.py): ``models``
    (id, license), ``derived_models`` (name) and ``upstream`` (input.upstream). Not in the JSON."""

    def count(self, status: Status) -> int:
        """How many clauses have this status."""
        return sum(1 for clause in self.clauses if clause.status is status)

    def _summary(self) -> dict[str, int]:
        """How many clauses have each status, every status in STATUS_ORDER (one pass: this
        runs for every result a report writes)."""
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for clause in self.clauses:
            if isinstance(clause.status, Status):  # as count(): only Status members count
                counts[clause.status.value] += 1
        return counts

    @property
    def failed(self) -> bool:
        """violated or missing-facts fail; needs-attestation fails under --strict (levels.py)."""
        return any(level_of(c.status, self.strict).fails for c in self.clauses) or any(
            warning.blocking for warning in self.warnings
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN.md §4."""
        return {
            "manifest": self.manifest,
            "manifest_digest": self.digest,
            "result": "fail" if self.failed else "pass",
            "summary": self._summary(),
            "clauses": [clause.to_dict() for clause in self.clauses],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


@dataclass(frozen=True)
class NoVerdict:
    """A manifest without a verdict: it could not be judged (exit code 2)."""

    manifest: str
    message: str
    line: int | None = None
    more: tuple[NoVerdict, ...] = ()
    """Further problems of the same manifest (all schema errors are reported at once)."""

    @classmethod
    def from_error(cls, error: Any) -> NoVerdict:
        """From a :class:`licensegate.errors.ManifestError` and the problems it carries."""
        more = tuple(cls(e.path, e.message, e.line) for e in getattr(error, "more", []))
        return cls(error.path, error.message, error.line, more)

    def problems(self) -> list[NoVerdict]:
        """This problem and the further ones, each to be reported on a line of its own."""
        return [self, *self.more]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN.md §4 ``errors``."""
        document: dict[str, Any] = {
            "manifest": self.manifest,
            "message": self.message,
            "line": self.line,
        }
        if self.more:
            document["more"] = [{"message": e.message, "line": e.line} for e in self.more]
        return document


ManifestFailure = NoVerdict
"""The old name of :class:`NoVerdict`, kept because ``licensegate.api`` is public and callers
test outcomes with ``isinstance(outcome, ManifestFailure)``."""


@dataclass(frozen=True)
class Report:
    """Results of one `check` run."""

    policy_digest: str
    results: list[ManifestResult]
    errors: list[NoVerdict]
    strict: bool = False
    trust: dict[str, Any] | None = None
    """Where approvals came from (licensegate.trust): None is ``{"mode": "local"}``."""
    scan: Any = field(default=None, compare=False)
    """The ScanResult of `check --scan` / `--bom`, for the BOM's evidence. Not in the JSON."""

    @property
    def exit_code(self) -> int:
        """0 pass, 1 fail, 2 no verdict for some manifest (DESIGN.md §4)."""
        if self.errors or not self.results:
            return 2
        return 1 if any(result.failed for result in self.results) else 0

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON report."""
        return {
            "report_version": REPORT_VERSION,
            "tool": {"name": "licensegate", "version": __version__},
            "policy": {
                "revision": self.policy_digest.removeprefix("sha256:")[:12],
                "digest": self.policy_digest,
            },
            "strict": self.strict,
            "trust": self.trust or {"mode": "local"},
            "results": [result.to_dict() for result in self.results],
            "errors": [error.to_dict() for error in self.errors],
        }
