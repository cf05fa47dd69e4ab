"""The command line as users and CI see it: exit codes, streams, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate.cli import app
from manifests import FAILING, PASSING

runner = CliRunner()
DATE = ["--date", "2026-11-29"]


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _invoke(*args: str):
    return runner.invoke(app, [*args])


def test_passing_manifest_exits_0(tmp_path: Path) -> None:
    path = _write(tmp_path, "licensegate.yaml", PASSING)
    result = _invoke("check", str(path), *DATE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"PASS {path}")
    assert "1 checked, 1 passed, 0 failed" in result.stderr


def test_failing_manifest_exits_1_and_names_the_clause(tmp_path: Path) -> None:
    path = _write(tmp_path, "licensegate.yaml", FAILING)
    result = _invoke("check", str(path), *DATE)
    assert result.exit_code == 1, result.output
    assert "VIOLATED" in result.stdout and "llama3.1:mau-threshold" in result.stdout
    assert "line 4" in result.stdout


def test_needs_attestation_passes_unless_strict(tmp_path: Path) -> None:
    text = PASSING.split("attestations:")[0]
    path = _write(tmp_path, "licensegate.yaml", text)
    assert _invoke("check", str(path), *DATE).exit_code == 0
    strict = _invoke("check", str(path), "--strict", "--format", "json", *DATE)
    assert strict.exit_code == 1, strict.output
    assert json.loads(strict.stdout)["results"][0]["result"] == "fail"


def test_json_report_shape(tmp_path: Path) -> None:
    path = _write(tmp_path, "licensegate.yaml", PASSING)
    result = _invoke("check", str(path), "--format", "json", *DATE)
    report = json.loads(result.stdout)
    assert report["report_version"] == 1
    assert report["tool"]["name"] == "licensegate"
    assert report["policy"]["digest"].startswith("sha256:")
    (entry,) = report["results"]
    assert entry["manifest_digest"].startswith("sha256:")
    assert set(entry["summary"]) == {
        "violated",
        "missing-facts",
        "needs-attestation",
        "satisfied",
        "waived",
    }
    clause = next(c for c in entry["clauses"] if c["id"] == "llama3.1:mau-threshold")
    assert clause["status"] == "satisfied"
    assert clause["location"] == {"path": "licensee.monthly_active_users", "line": 4}
    for key in (
        "license",
        "clause",
        "subject",
        "title",
        "section",
        "quote",
        "source",
        "message",
        "remediation",
    ):
        assert clause[key], key
    assert report["errors"] == []


def test_invalid_manifest_exits_2_with_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "licensegate.yaml", PASSING.replace("monthly_active_users", "montly_active_users")
    )
    result = _invoke("check", str(path), *DATE)
    assert result.exit_code == 2, result.output
    assert f"{path}:4" in result.stderr
    assert "Traceback" not in result.output


def test_waiver_for_a_clause_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    text = PASSING.replace("llama3.1:acceptable-use", "llama3.1:aceptable-use")
    path = _write(tmp_path, "licensegate.yaml", text)
    result = _invoke("check", str(path), *DATE)
    assert result.exit_code == 2, result.output
    assert (
        "llama3.1:aceptable-use" in result.stderr
        and "did you mean llama3.1:acceptable-use" in result.stderr
    )


def test_one_bad_manifest_in_a_directory_makes_exit_2_but_reports_the_rest(tmp_path: Path) -> None:
    _write(tmp_path, "licensegate.yaml", PASSING)
    sub = tmp_path / "team"
    sub.mkdir()
    _write(sub, "broken.licensegate.yaml", "apiVersion: [")
    _write(sub, "unrelated.yaml", "not: a manifest")
    result = _invoke("check", str(tmp_path), "--format", "json", *DATE)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [r["manifest"] for r in report["results"]] == [str(tmp_path / "licensegate.yaml")]
    assert report["errors"][0]["manifest"] == str(sub / "broken.licensegate.yaml")


def test_directory_without_manifests_exits_2(tmp_path: Path) -> None:
    result = _invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert "no manifests found" in result.stderr


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = _invoke("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_output_file_is_written_only_with_the_finished_report(tmp_path: Path) -> None:
    path = _write(tmp_path, "licensegate.yaml", PASSING)
    out = tmp_path / "report.json"
    result = _invoke("check", str(path), "--format", "json", "--output", str(out), *DATE)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["results"][0]["result"] == "pass"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_policy_error_exits_2_and_leaves_output_untouched(tmp_path: Path) -> None:
    path = _write(tmp_path, "licensegate.yaml", PASSING)
    policies = tmp_path / "org"
    policies.mkdir()
    _write(policies, "bad.rego", "package org.bad\n\nimport rego.v1\n\nx := [1,\n")
    out = _write(tmp_path, "report.json", "previous report")
    result = _invoke("check", str(path), "--policy", str(policies), "--output", str(out), *DATE)
    assert result.exit_code == 2, result.output
    assert "bad.rego:" in result.stderr
    assert out.read_text() == "previous report"


def test_engine_error_exits_2_never_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from licensegate import api
    from licensegate.errors import EngineError

    class Broken:
        def evaluate(self, input_document):
            raise EngineError("evaluation failed: boom")

    monkeypatch.setattr(api, "make_engine", lambda library: Broken())
    path = _write(tmp_path, "licensegate.yaml", PASSING)
    result = _invoke("check", str(path), *DATE)
    assert result.exit_code == 2
    assert "boom" in result.stderr


def test_bad_date_option_exits_2(tmp_path: Path) -> None:
    path = _write(tmp_path, "licensegate.yaml", PASSING)
    result = _invoke("check", str(path), "--date", "tomorrow")
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_validate_reports_valid_and_invalid(tmp_path: Path) -> None:
    good = _write(tmp_path, "a.licensegate.yaml", PASSING)
    assert _invoke("validate", str(good)).exit_code == 0
    bad = _write(
        tmp_path, "b.licensegate.yaml", PASSING.replace("kind: Deployment", "kind: Deploy")
    )
    result = _invoke("validate", str(bad))
    assert result.exit_code == 2 and f"{bad}:2" in result.stderr


def test_licenses_and_explain() -> None:
    listing = _invoke("licenses")
    assert listing.exit_code == 0
    assert "llama3.1:mau-threshold" in listing.stdout
    explained = _invoke("explain", "llama3.1:derivative-naming")
    assert explained.exit_code == 0
    assert "§1.b.i" in explained.stdout and "Llama" in explained.stdout
    unknown = _invoke("explain", "llama3.1:nope")
    assert unknown.exit_code == 2 and "unknown clause" in unknown.stderr


def test_licenses_json_lists_texts_clauses_and_unsupported() -> None:
    result = _invoke("licenses", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    llama = next(item for item in document["licenses"] if item["id"] == "llama3.1")
    assert llama["version"] == "Llama 3.1 Version Release Date: July 23, 2024"
    naming = next(c for c in llama["clauses"] if c["id"] == "llama3.1:derivative-naming")
    assert naming["applies_when"] and naming["satisfied_by"] and naming["quote"]
    assert "grok2-community" in document["unsupported"]


def test_explain_names_the_license_text_and_when_the_clause_applies() -> None:
    result = _invoke("explain", "llama3.2:eu-multimodal")
    assert result.exit_code == 0, result.output
    assert "Llama 3.2 Version Release Date: September 25, 2024" in result.stdout
    assert "applies when: a multimodal model" in result.stdout
    assert "satisfied by:" in result.stdout


def test_rego_test_command_runs_the_suite() -> None:
    result = _invoke("test")
    assert result.exit_code == 0, result.output
    assert " passed, 0 failed" in result.stdout


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("licensegate ")


def test_json_report_of_every_example_matches_the_report_schema(examples_copy: Path) -> None:
    import jsonschema

    from conftest import REPO

    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    result = _invoke("check", str(examples_copy), "--format", "json", *DATE)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(report)
    assert len(report["results"]) >= 2


ORG_LICENSE = """\
# METADATA
# title: Acme internal model license
# description: An organisation's own license, checked with --policy.
# custom:
#   license: acme-internal
#   name: Acme Internal Model License
#   version: "v1, 2026-01-01"
#   text: https://acme.example/licenses/internal-v1
package licensegate.licenses.acme_internal

import rego.v1

import data.licensegate.lib.clauses

license := "acme-internal"

# METADATA
# title: Internal models stay internal
# description: Acme's internal models are not offered outside the company.
# custom:
#   clause: non-commercial
#   section: "§1"
#   quote: Internal use only.
#   source: https://acme.example/licenses/internal-v1
#   remediation: Keep the product internal.
findings contains item if some item in clauses.non_commercial(license)
"""


def test_organisation_policy_folder_adds_a_license(tmp_path: Path) -> None:
    org = tmp_path / "org" / "licenses" / "acme_internal"
    org.mkdir(parents=True)
    _write(org, "acme_internal.rego", ORG_LICENSE)
    manifest = PASSING.replace(
        "  - id: meta-llama/Llama-3.1-8B-Instruct\n    uses: [evaluation]",
        "  - id: acme/secret-7b\n    license: acme-internal\n    uses: [inference]",
    ).replace("commercial: false", "commercial: true")
    path = _write(tmp_path, "licensegate.yaml", manifest.split("attestations:")[0])
    without = _invoke("check", str(path), "--format", "json", *DATE)
    assert without.exit_code == 1
    assert (
        json.loads(without.stdout)["results"][0]["clauses"][0]["id"]
        == "licensegate:unsupported-license"
    )
    result = _invoke(
        "check", str(path), "--policy", str(tmp_path / "org"), "--format", "json", *DATE
    )
    assert result.exit_code == 1, result.output
    (clause,) = json.loads(result.stdout)["results"][0]["clauses"]
    assert (clause["id"], clause["status"]) == ("acme-internal:non-commercial", "violated")
    assert clause["license_version"] == "v1, 2026-01-01"


def test_engine_error_midway_leaves_the_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report streams into a temporary file that replaces --output only once complete."""
    from licensegate import api
    from licensegate.engine.embedded import EmbeddedEngine
    from licensegate.errors import EngineError

    class FailsOnSecond:
        def __init__(self, library) -> None:
            self.inner, self.calls = EmbeddedEngine(library), 0

        def evaluate(self, input_document):
            self.calls += 1
            if self.calls == 2:
                raise EngineError("evaluation failed: boom")
            return self.inner.evaluate(input_document)

    monkeypatch.setattr(api, "make_engine", lambda library: FailsOnSecond(library))
    _write(tmp_path, "a.licensegate.yaml", PASSING)
    _write(tmp_path, "b.licensegate.yaml", PASSING)
    out = _write(tmp_path, "report.json", "previous report")
    for output_format in ("json", "text"):
        result = _invoke("check", str(tmp_path), "-f", output_format, "-o", str(out), *DATE)
        assert result.exit_code == 2, result.output
        assert "boom" in result.stderr
        assert out.read_text() == "previous report"
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "a.licensegate.yaml",
            "b.licensegate.yaml",
            "report.json",
        ]


def _folder_of_two(tmp_path: Path) -> Path:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "licensegate.yaml").write_text(PASSING, encoding="utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "licensegate.yaml").write_text(FAILING, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("also", [[], ["--also", "json=report.json"]])
def test_quiet_shows_only_failures(tmp_path: Path, also: list[str], monkeypatch) -> None:
    folder = _folder_of_two(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", str(folder), "--quiet", *also])
    assert result.exit_code == 1
    assert "FAIL " in result.stdout and "PASS " not in result.stdout
    assert "llama3.1:mau-threshold" in result.stdout
    assert "SATISFIED" not in result.stdout  # the passing clauses of a failing manifest too
    assert "1 passed, 1 failed" in result.stdout  # the summary still counts everything
    loud = CliRunner().invoke(app, ["check", str(folder), *also])
    assert "PASS " in loud.stdout and "SATISFIED" in loud.stdout


def test_quiet_never_hides_an_error(tmp_path: Path) -> None:
    folder = _folder_of_two(tmp_path)
    (folder / "broken.licensegate.yaml").write_text("kind: [", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(folder), "-q"])
    assert result.exit_code == 2 and "ERROR " in result.stdout


def test_format_given_twice_warns_and_keeps_the_last(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(manifest), "-f", "sarif", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["report_version"] == 1
    assert "--format given 2 times; writing only the last (json)" in result.stderr
    once = CliRunner().invoke(app, ["check", str(manifest), "-f", "json"])
    assert "--format given" not in once.stderr


def test_command_annotations_are_evaluated_once_at_definition() -> None:
    """typer evaluates string annotations twice per parameter on every run (cold start):
    cli.py keeps them objects, so no command's annotation is a string."""
    callbacks = [command.callback for command in app.registered_commands]
    for group in app.registered_groups:
        callbacks += [command.callback for command in group.typer_instance.registered_commands]
    assert len(callbacks) > 10
    for callback in callbacks:
        strings = [
            name for name, value in callback.__annotations__.items() if isinstance(value, str)
        ]
        assert not strings, f"{callback.__name__}: string annotations {strings}"
