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
    from licensegate import pipeline
    from licensegate.errors import ManifestError
    from licensegate.report import NoVerdict
    from licensegate.signoff import read_signoffs, signoff_path

    day = today or dt.date.today()
    options = pipeline.Options(today=day, strict=strict)
    judged = pipeline.judge_or_fail(Path(path), library, pipeline.make_engine(library), options)
    if isinstance(judged, NoVerdict):
        raise ManifestError(judged.manifest, judged.message, judged.line)
    return ReviewInput(
        manifest=judged.manifest,
        result=judged.result,
        library=library,
        policy_digest=library.digest,
        today=day,
        signoffs=read_signoffs(signoff_path(judged.result.manifest)),
        strict=strict,
    )
