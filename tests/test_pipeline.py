"""One pipeline (issue 10): every way of checking a manifest gives the same finished result."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from licensegate import api, pipeline, review
from licensegate.cli import app
from licensegate.errors import EngineError
from licensegate.fieldpath import dotted_path
from licensegate.policy import PolicyLibrary
from manifests import PASSING, WAIVED

TODAY = dt.date(2026, 11, 29)
DATE = ["--date", TODAY.isoformat()]
FORK_WARNING = "ignore:This process .* is multi-threaded:DeprecationWarning"


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def signed_then_changed(tmp_path: Path) -> list[Path]:
    """Two manifests (a batch can use two workers), each signed off and then changed."""
    paths = []
    for name in ("a", "b"):
        path = tmp_path / name / "licensegate.yaml"
        path.parent.mkdir()
        path.write_text(WAIVED, encoding="utf-8")
        assert _run("sign-off", str(path), "--by", "alice", *DATE).exit_code == 0
        path.write_text(WAIVED + "# changed after the sign-off\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.filterwarnings(FORK_WARNING)
def test_check_jobs_api_and_review_agree(signed_then_changed: list[Path]) -> None:
    library = api.load_library()
    cli = json.loads(_run("check", *map(str, signed_then_changed), "-f", "json", *DATE).stdout)
    jobs = _run("check", *map(str, signed_then_changed), "-f", "json", "--jobs", "2", *DATE)
    library_api = api.check(signed_then_changed, library=library, today=TODAY).to_dict()
    reviewed = [
        review.prepare(path, library, today=TODAY).result.to_dict() for path in signed_then_changed
    ]
    codes = [w["code"] for w in cli["results"][0]["warnings"]]
    assert codes == ["signoff-outdated", "waiver-expiring"]
    assert cli == json.loads(jobs.stdout) == library_api
    assert cli["results"] == reviewed


def test_require_signoff_fails_in_the_api_as_in_the_cli(signed_then_changed: list[Path]) -> None:
    report = api.check(signed_then_changed[:1], today=TODAY, require_signoff=True)
    result = _run("check", str(signed_then_changed[0]), "--require-signoff", *DATE)
    assert report.exit_code == result.exit_code == 1


class _Answers:
    """An engine that answers what it is told to (a remote engine answers anything)."""

    def __init__(self, findings: list[dict[str, Any]]) -> None:
        self.findings = findings

    def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
        return self.findings


def _finding(path: list[Any]) -> dict[str, Any]:
    return {
        "id": "llama3.1:mau-threshold",
        "status": "satisfied",
        "subject": "meta-llama/Llama-3.1-8B-Instruct",
        "message": "under the threshold",
        "path": path,
    }


def _judge(tmp_path: Path, library: PolicyLibrary, findings: list[dict[str, Any]]) -> Any:
    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING, encoding="utf-8")
    options = pipeline.Options(today=TODAY)
    return pipeline.judge(path, library, _Answers(findings), options).result


def test_a_field_path_has_one_spelling(tmp_path: Path, library: PolicyLibrary) -> None:
    """A finding's location is written as schema errors and messages write it (fieldpath)."""
    where = ["licensee", "mau_history", "2024-06"]
    (clause,) = _judge(tmp_path, library, [_finding(where)]).clauses
    assert clause.path == dotted_path(where) == 'licensee.mau_history["2024-06"]'
    (clause,) = _judge(tmp_path, library, [_finding(["models", 0, "uses"])]).clauses
    assert clause.path == "models[0].uses"


@pytest.mark.parametrize("where", [[True], [1.5], [{"key": 1}], "licensee"])
def test_a_malformed_path_is_an_engine_error(
    tmp_path: Path, library: PolicyLibrary, where: Any
) -> None:
    with pytest.raises(EngineError, match="malformed path"):
        _judge(tmp_path, library, [_finding(where)])


# -- a group goes through the stages together (pipeline.outcomes), with outcome()'s answers --

_BAD_YAML = "apiVersion: licensegate/v1\nkind: [unclosed\n"
_UNLISTED_BASE = PASSING + (
    "derived_models:\n"
    "  - name: acme/tuned\n"
    "    base_models: [someone/not-listed]\n"
    "    release: api\n"
)


def _group(tmp_path: Path) -> list[Path]:
    """Manifests that end at each step: passes, bad YAML (load), a derived model built from a
    model that is not listed (facts), waived (join and finish), a missing file."""
    texts = [PASSING, _BAD_YAML, _UNLISTED_BASE, WAIVED, None, PASSING]
    paths = []
    for index, text in enumerate(texts):
        path = tmp_path / f"m{index}.licensegate.yaml"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_group_has_each_manifests_own_outcome(tmp_path: Path, library: PolicyLibrary) -> None:
    engine = api.make_engine(library)
    options = pipeline.Options(today=TODAY)
    paths = _group(tmp_path)
    one_by_one = [pipeline.outcome(path, library, engine, options) for path in paths]
    assert [type(each).__name__ for each in one_by_one] == [
        "ManifestResult", "NoVerdict", "NoVerdict", "ManifestResult", "NoVerdict", "ManifestResult"
    ]  # fmt: skip
    assert pipeline.outcomes(paths, library, engine, options) == one_by_one


def test_a_bug_in_one_manifests_join_is_that_manifests_no_verdict(
    tmp_path: Path, library: PolicyLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.join

    def breaks_on_waivers(prepared: Any, *args: Any) -> Any:
        if prepared.manifest.data.get("waivers"):
            raise KeyError("a bug")
        return real(prepared, *args)

    monkeypatch.setattr(pipeline, "join", breaks_on_waivers)
    paths = _group(tmp_path)
    done = pipeline.outcomes(
        paths, library, api.make_engine(library), pipeline.Options(today=TODAY)
    )
    assert isinstance(done[3], pipeline.NoVerdict) and "internal error" in done[3].message
    assert all(hasattr(done[index], "clauses") for index in (0, 5))


def test_an_engine_error_in_a_group_ends_the_run(tmp_path: Path, library: PolicyLibrary) -> None:
    with pytest.raises(EngineError, match="malformed path"):
        pipeline.outcomes(
            _group(tmp_path), library, _Answers([_finding([True])]), pipeline.Options(today=TODAY)
        )
