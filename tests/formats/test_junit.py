"""JUnit XML: golden files, outcomes per status, waivers, strict, XML safety."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace

from licensegate.formats import junit
from licensegate.report import Report

from .sample import POLICY_DIGEST, failing_result


def test_golden(sample_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.junit.xml", junit.render(sample_report))


def test_golden_strict(strict_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report-strict.junit.xml", junit.render(strict_report))


def _cases(report: Report) -> dict[str, ET.Element]:
    root = ET.fromstring(junit.render(report))
    # The failing manifest comes first; its cases win over same-named ones of later suites.
    cases: dict[str, ET.Element] = {}
    for case in root.iter("testcase"):
        cases.setdefault(case.get("name", ""), case)
    return cases


def test_outcomes_per_status(sample_report: Report) -> None:
    root = ET.fromstring(junit.render(sample_report))
    assert root.attrib == {
        "name": "licensegate",
        "tests": "7",
        "failures": "2",
        "errors": "1",
        "skipped": "1",
    }
    cases = _cases(sample_report)
    model = "meta-llama/Llama-3.1-70B-Instruct"
    derived = "acme/Acme-Chat-70B"
    violated = cases[f"llama3.1:mau-threshold {model}"]
    assert violated.find("failure").get("type") == "violated"  # type: ignore[union-attr]
    assert violated.get("line") == "9" and violated.get("file") == "deploy/licensegate.yaml"
    assert cases[f"llama3.1:license-copy {derived}"].find("failure") is not None
    skipped = cases[f"llama3.1:acceptable-use {model}"]
    assert skipped.find("skipped") is not None and skipped.find("failure") is None
    waived = cases[f"llama3.1:notice-file {derived}"]
    assert waived.find("failure") is None and waived.find("skipped") is None
    out = waived.findtext("system-out") or ""
    assert "Meta agreed in writing" in out and "counsel@acme.example" in out
    assert "2026-12-15" in out
    satisfied = cases[f"llama3.1:attribution-display {derived}"]
    assert satisfied.find("failure") is None and satisfied.find("skipped") is None
    broken = cases["manifest"]
    assert broken.find("error").get("type") == "no-verdict"  # type: ignore[union-attr]
    # A non-blocking warning goes to the suite's system-err.
    suite = root.find("testsuite")
    assert "waiver-expiring" in (suite.findtext("system-err") or "")  # type: ignore[union-attr]


def test_strict_turns_skipped_into_failure(strict_report: Report) -> None:
    root = ET.fromstring(junit.render(strict_report))
    assert root.get("failures") == "3" and root.get("skipped") == "0"
    case = _cases(strict_report)["llama3.1:acceptable-use meta-llama/Llama-3.1-70B-Instruct"]
    assert case.find("failure").get("type") == "needs-attestation"  # type: ignore[union-attr]


def test_blocking_warning_is_a_failing_testcase() -> None:
    from licensegate.report import ReportWarning

    result = replace(
        failing_result(), warnings=[ReportWarning("signoff-missing", "no sign-off", None, True)]
    )
    cases = _cases(Report(POLICY_DIGEST, [result], []))
    assert cases["licensegate/signoff-missing"].find("failure") is not None


def test_control_characters_do_not_break_the_xml() -> None:
    result = failing_result()
    bad = replace(result.clauses[0], message="bell \x07 and nul \x00", subject="m\x1bx")
    report = Report(POLICY_DIGEST, [replace(result, clauses=[bad])], [])
    root = ET.fromstring(junit.render(report))
    text = root.find(".//failure").text  # type: ignore[union-attr]
    assert "\ufffd" in (text or "") and "\x07" not in (text or "")
