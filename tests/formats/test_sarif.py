"""SARIF 2.1.0: golden files, the official schema, levels, locations and rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from licensegate.cli import app
from licensegate.formats import sarif
from licensegate.report import Report

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))


def validate(document: dict) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_vendored_schema_is_the_official_one() -> None:
    assert SCHEMA["id"] == sarif.SCHEMA_URI
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_golden(sample_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.sarif", sarif.render(sample_report))


def test_golden_strict(strict_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report-strict.sarif", sarif.render(strict_report))


@pytest.mark.parametrize("strict", [False, True])
def test_valid_against_the_official_schema(
    sample_report: Report, strict_report: Report, strict: bool
) -> None:
    validate(json.loads(sarif.render(strict_report if strict else sample_report)))


def test_levels_locations_and_rules(sample_report: Report) -> None:
    log = sarif.to_sarif(sample_report)
    (run,) = log["runs"]
    results = run["results"]
    by_rule = {(r["ruleId"], r["properties"].get("subject")): r for r in results}
    model = "meta-llama/Llama-3.1-70B-Instruct"
    derived = "acme/Acme-Chat-70B"
    assert by_rule[("llama3.1:mau-threshold", model)]["level"] == "error"
    assert by_rule[("llama3.1:acceptable-use", model)]["level"] == "note"
    assert by_rule[("llama3.1:license-copy", derived)]["level"] == "error"
    # A waived clause is a note with an external suppression (who, until when, why); a plainly
    # satisfied clause gives no result.
    waived = by_rule[("llama3.1:notice-file", derived)]
    assert waived["level"] == "note" and waived["properties"]["exception"] == "waiver"
    assert waived["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "waived by counsel@acme.example until 2026-12-15: "
            "Meta agreed in writing",
        }
    ]
    assert ("llama3.1:attribution-display", derived) not in by_rule
    located = by_rule[("llama3.1:mau-threshold", model)]["locations"][0]["physicalLocation"]
    assert located == {
        "artifactLocation": {"uri": "deploy/licensegate.yaml"},
        "region": {"startLine": 9},
    }
    # A fact without a line is placed on line 1 (GitHub needs a startLine).
    no_line = by_rule[("llama3.1:license-copy", derived)]["locations"][0]["physicalLocation"]
    assert no_line["region"] == {"startLine": 1}
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids)), "each rule once, sorted"
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    mau = rules[ids.index("llama3.1:mau-threshold")]
    assert mau["helpUri"].startswith("https://")
    assert mau["help"]["text"] == "Remediation for mau-threshold."
    assert mau["shortDescription"]["text"] == "Title of mau-threshold"
    # Warnings are results of their own rules; errors are notifications.
    warning = by_rule[("licensegate/waiver-expiring", None)]
    assert warning["level"] == "warning"
    assert warning["locations"][0]["physicalLocation"]["region"] == {"startLine": 31}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "broken/licensegate.yaml"},
        "region": {"startLine": 3},
    }


def test_strict_makes_needs_attestation_an_error(strict_report: Report) -> None:
    (run,) = sarif.to_sarif(strict_report)["runs"]
    levels = {
        r["ruleId"]: r["level"] for r in run["results"] if r["properties"].get("exception") is None
    }
    assert levels["llama3.1:acceptable-use"] == "error"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("deploy/licensegate.yaml", "deploy/licensegate.yaml"),
        ("apps/chat, eu/licensegate.yaml", "apps/chat%2C%20eu/licensegate.yaml"),
        ("/abs/licensegate.yaml", "file:///abs/licensegate.yaml"),
        ("./x.licensegate.yaml", "x.licensegate.yaml"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert sarif.artifact_uri(path) == uri


def test_every_example_gives_valid_sarif(
    examples_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(examples_copy.parent)
    result = CliRunner().invoke(
        app, ["check", "examples", "--format", "sarif", "--date", "2026-11-29"]
    )
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert all(uri.startswith("examples/") for uri in uris)
    assert all(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        for r in log["runs"][0]["results"]
    )


def test_manifest_text_cannot_stand_in_for_the_results(sample_report: Report) -> None:
    """The writer splices the results into the log where a placeholder stands: a manifest
    (its messages, its YAML errors) that spells the placeholder changes nothing."""
    import dataclasses

    from licensegate.report import NoVerdict

    spelled = '"results": "\x00results\x00" "results": "\\u0000results\\u0000"'
    first = sample_report.results[0]
    clauses = [dataclasses.replace(c, message=spelled) for c in first.clauses]
    report = dataclasses.replace(
        sample_report,
        results=[dataclasses.replace(first, clauses=clauses), *sample_report.results[1:]],
        errors=[NoVerdict("x.licensegate.yaml", spelled, 3)],
    )
    (run,) = json.loads(sarif.render(report))["runs"]
    messages = [r["message"]["text"] for r in run["results"]]
    assert any(spelled in text for text in messages)
    assert [r["ruleIndex"] for r in run["results"]] == [
        [rule["id"] for rule in run["tool"]["driver"]["rules"]].index(r["ruleId"])
        for r in run["results"]
    ]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == f"x.licensegate.yaml: {spelled}"
    validate({"$schema": sarif.SCHEMA_URI, "version": "2.1.0", "runs": [run]})
