"""Rego line coverage (`licensegate test --coverage`): the policy library stays covered by its
own unit tests, and the figure cannot be inflated by test modules or lose a module."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from typer.testing import CliRunner

from licensegate import api, regocoverage, regotest
from licensegate.cli import app

# The gate: share of the policy modules' evaluable lines that the Rego unit tests evaluate.
# Measured 98.37 % when the gate was set (2026-12-02), 99.71 % once the tests added with it ran
# (mrl.rego lines 91-96 are the rest). Raise it as tests are added.
MINIMUM_PERCENT = 98

runner = CliRunner()


@cache
def _library_coverage() -> regocoverage.Coverage:
    library = api.load_library()
    outcomes, raw = regotest.run_regorus_with_coverage(library, regotest.collect(library))
    assert all(o.status == "passed" for o in outcomes)
    return regocoverage.measure(library, raw)


def test_the_rego_tests_cover_the_policy_library() -> None:
    coverage = _library_coverage()
    assert not coverage.below(MINIMUM_PERCENT), regocoverage.render_text(coverage)


def test_every_policy_module_is_measured_and_no_test_module_is() -> None:
    library = api.load_library()
    paths = [f.path for f in _library_coverage().files]
    assert paths == [m.name for m in library.policy_modules]
    assert not any(path.endswith("_test.rego") for path in paths)
    assert "licensegate/main/main.rego" in paths and "licensegate/lib/clauses/clauses.rego" in paths


def test_the_shared_lib_is_fully_covered() -> None:
    lib = [f for f in _library_coverage().files if f.path.startswith("licensegate/lib/")]
    assert lib and all(not f.missing for f in lib), regocoverage.render_text(
        regocoverage.Coverage(tuple(lib))
    )


def test_measure_counts_covered_and_missing_lines_and_keeps_an_unreported_module() -> None:
    library = api.load_library()
    first, second = library.policy_modules[:2]
    raw = {
        "files": [
            {"path": first.name, "covered": [3, 4, 4], "not_covered": [9, 7]},
            {"path": "licensegate/lib/testing/fixtures_test.rego", "covered": list(range(1, 500))},
        ]
    }
    coverage = regocoverage.measure(library, raw)
    by_path = {f.path: f for f in coverage.files}
    assert by_path[first.name] == regocoverage.FileCoverage(first.name, 2, (7, 9))
    # A module regorus did not report counts, with nothing covered.
    assert by_path[second.name] == regocoverage.FileCoverage(second.name, 0, ())
    assert "licensegate/lib/testing/fixtures_test.rego" not in by_path
    assert (coverage.covered, coverage.lines, coverage.percent) == (2, 4, 50.0)


def test_the_gate_compares_exactly_and_an_empty_library_fails() -> None:
    almost = regocoverage.Coverage((regocoverage.FileCoverage("a.rego", 9799, (1,) * 201),))
    assert almost.percent == 97.99
    assert almost.below(98) and not almost.below(97.99)
    # 2 of 3 lines is 66.66..., shown rounded down, never as 66.67.
    assert regocoverage.percent(2, 3) == 66.66
    assert regocoverage.Coverage(()).below(0)
    assert regocoverage.Coverage(()).percent == 0.0


def test_line_ranges() -> None:
    assert regocoverage.line_ranges((1, 3, 4, 5, 9, 10)) == "1, 3-5, 9-10"
    assert regocoverage.line_ranges(()) == ""


ORG_POLICY = """\
package org.acme.covered

import rego.v1

reached if {
	input.a == 1
}

never(b) if {
	b == 2
}
"""

ORG_TEST = """\
package org.acme.covered_test

import rego.v1

import data.org.acme.covered

test_reached if covered.reached with input as {"a": 1}
"""


def _org_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "org-policies"
    folder.mkdir()
    (folder / "covered.rego").write_text(ORG_POLICY, encoding="utf-8")
    (folder / "covered_test.rego").write_text(ORG_TEST, encoding="utf-8")
    return folder


def test_cli_reports_an_organisation_module_and_fails_under_the_gate(tmp_path: Path) -> None:
    folder = _org_folder(tmp_path)
    result = runner.invoke(app, ["test", "--fail-under", "100", "--policy", str(folder)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "covered.rego" in line)
    assert row.split() == ["org-policies/covered.rego", "2", "1", "50.00%", "10"]
    assert "covered_test.rego" not in result.stdout
    assert lines[-3].startswith("TOTAL")
    assert lines[-2].endswith("is under --fail-under 100%")
    assert lines[-1].endswith(" passed, 0 failed")


def test_cli_json_report_and_the_generated_org_collector_is_not_measured(tmp_path: Path) -> None:
    from licensegate.orgrego import COLLECT_MODULE

    folder = _org_folder(tmp_path)
    assert COLLECT_MODULE in [m.name for m in api.load_library([folder]).policy_modules]
    result = runner.invoke(
        app, ["test", "--fail-under", "100", "--format", "json", "--policy", str(folder)]
    )
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["failed"] == 0 and document["passed"] > 700
    report = document["coverage"]
    assert report["fail_under"] == 100 and report["passed"] is False
    org = next(f for f in report["files"] if f["path"] == "org-policies/covered.rego")
    assert org == {
        "path": "org-policies/covered.rego",
        "lines": 2,
        "covered": 1,
        "percent": 50.0,
        "missing": [10],
    }
    assert report["lines"] == sum(f["lines"] for f in report["files"])
    # Generated for the run: its unused shapes are nobody's untested code.
    assert COLLECT_MODULE not in [f["path"] for f in report["files"]]


def test_cli_a_failing_rego_test_fails_whatever_the_coverage(tmp_path: Path) -> None:
    folder = _org_folder(tmp_path)
    (folder / "covered_test.rego").write_text(
        ORG_TEST + "\ntest_wrong if covered.never(3)\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["test", "--coverage", "--format", "json", "--policy", str(folder)])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["failed"] == 1
    assert document["failures"][0]["test"] == "test_wrong"
    assert document["coverage"]["passed"] is True


def test_cli_without_coverage_json_has_no_coverage_and_markdown_is_refused() -> None:
    result = runner.invoke(app, ["test", "--format", "json"])
    assert result.exit_code == 0
    assert "coverage" not in json.loads(result.stdout)
    assert runner.invoke(app, ["test", "--format", "markdown"]).exit_code == 2
    assert runner.invoke(app, ["test", "--fail-under", "101"]).exit_code == 2
