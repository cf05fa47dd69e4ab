"""What a review document is made from, and gathering it for one manifest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from licensegate.manifest import Manifest
from licensegate.policy import PolicyLibrary
from licensegate.report import ManifestResult
from licensegate.signoff import SignOff


@dataclass(frozen=True)
class ReviewInput:
    """Everything the document is made from."""

    manifest: Manifest
    result: ManifestResult
    library: PolicyLibrary
    policy_digest: str
    today: dt.date
    signoffs: Sequence[SignOff] = ()
    strict: bool = False


def prepare(
    path: str | Path,
    library: PolicyLibrary,
    *,
    strict: bool = False,
    today: dt.date | None = None,
) -> ReviewInput:
    """Check one manifest and gather what its review document needs.

    Raises:
        LicensegateError: The manifest has no verdict, or its sign-off record is unreadable.
    """
    from licensegate import api
    from licensegate.errors import ManifestError
    from licensegate.manifest import load_manifest
    from licensegate.signoff import assess, read_signoffs, signoff_path

    day = today or dt.date.today()
    report = api.check([Path(path)], strict=strict, library=library, today=day)
    if report.errors:
        error = report.errors[0]
        raise ManifestError(error.manifest, error.message, error.line)
    report = assess(report, today=day)
    (result,) = report.results
    return ReviewInput(
        manifest=load_manifest(path),
        result=result,
        library=library,
        policy_digest=report.policy_digest,
        today=day,
        signoffs=read_signoffs(signoff_path(result.manifest)),
        strict=strict,
    )
