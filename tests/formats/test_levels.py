"""The one status mapping (licensegate.levels) and how the report and exit code use it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from licensegate import levels
from licensegate.report import Report, ReportWarning, Status

from .sample import POLICY_DIGEST, failing_result, passing_result

# status -> (fails, SARIF, JUnit, GitHub) without and with --strict: the README's table.
TABLE = {
    "violated": ((True, "error", "failure", "error"), (True, "error", "failure", "error")),
    "missing-facts": ((True, "error", "failure", "error"), (True, "error", "failure", "error")),
    "needs-attestation": (
        (False, "note", "skipped", "notice"),
        (True, "error", "failure", "error"),
    ),
    "satisfied": ((False, None, "passed", None), (False, None, "passed", None)),
    "waived": ((False, None, "passed", None), (False, None, "passed", None)),
}


@pytest.mark.parametrize("status", [s.value for s in Status])
@pytest.mark.parametrize("strict", [False, True])
def test_every_status_maps_as_documented(status: str, strict: bool) -> None:
    level = levels.level_of(status, strict)
    assert (level.fails, level.sarif, level.junit, level.github) == TABLE[status][strict]
    # The enum member maps like its value (a str Enum hashes by name, not value).
    assert levels.level_of(Status(status), strict) == level
    assert levels.fails(status, strict) is level.fails


def test_unknown_status_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        levels.level_of("fine")


def test_warnings_are_warnings_unless_blocking() -> None:
    assert levels.warning_level(False).sarif == "warning"
    assert levels.warning_level(False).github == "warning"
    assert not levels.warning_level(False).fails
    assert levels.warning_level(True) is levels.FAIL


def test_manifest_result_and_exit_code_follow_the_mapping() -> None:
    result = passing_result()
    assert not result.failed
    only_attestation = replace(
        result,
        clauses=[replace(result.clauses[0], status=Status.NEEDS_ATTESTATION)],
        warnings=[],
    )
    assert not only_attestation.failed
    assert replace(only_attestation, strict=True).failed
    assert Report(POLICY_DIGEST, [only_attestation], []).exit_code == 0
    assert Report(POLICY_DIGEST, [replace(only_attestation, strict=True)], []).exit_code == 1
    assert failing_result().failed


def test_a_blocking_warning_fails_the_manifest() -> None:
    result = replace(passing_result(), warnings=[ReportWarning("signoff-missing", "none", None)])
    assert not result.failed
    blocking = replace(result, warnings=[ReportWarning("signoff-missing", "none", None, True)])
    assert blocking.failed
    assert blocking.to_dict()["result"] == "fail"
    assert blocking.to_dict()["warnings"] == [
        {"code": "signoff-missing", "message": "none", "line": None, "blocking": True}
    ]
