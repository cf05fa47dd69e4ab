"""Every format end to end through the CLI: exit codes, streams, and --strict everywhere."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate.cli import app
from manifests import NEEDS_ATTESTATION

DATE = ["--date", "2026-11-29"]


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _strictness(output_format: str, text: str) -> str:
    """The level the acceptable-use clause got in this format."""
    if output_format == "sarif":
        (result,) = json.loads(text)["runs"][0]["results"]
        return result["level"]
    if output_format == "junit":
        (case,) = [
            c
            for c in ET.fromstring(text).iter("testcase")
            if c.get("name", "").startswith("llama3.1:acceptable-use")
        ]
        return "failure" if case.find("failure") is not None else "skipped"
    if output_format == "github":
        (line,) = text.splitlines()
        return line.split(" ", 1)[0].strip(":")
    if output_format == "markdown":
        return "❌" if "| ❌ needs-attestation |" in text else "📝"
    report = json.loads(text)
    return report["results"][0]["result"]


EXPECTED = {
    "sarif": ("note", "error"),
    "junit": ("skipped", "failure"),
    "github": ("notice", "error"),
    "markdown": ("📝", "❌"),
    "json": ("pass", "fail"),
}


@pytest.mark.parametrize("output_format", sorted(EXPECTED))
def test_strict_turns_needs_attestation_into_failure_everywhere(
    tmp_path: Path, output_format: str
) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(NEEDS_ATTESTATION, encoding="utf-8")
    plain = _run("check", str(manifest), "--format", output_format, *DATE)
    strict = _run("check", str(manifest), "--format", output_format, "--strict", *DATE)
    assert plain.exit_code == 0, plain.output
    assert strict.exit_code == 1, strict.output
    assert _strictness(output_format, plain.stdout) == EXPECTED[output_format][0]
    assert _strictness(output_format, strict.stdout) == EXPECTED[output_format][1]


@pytest.mark.parametrize("output_format", ["sarif", "junit", "github", "markdown"])
def test_examples_exit_1_report_on_stdout_summary_on_stderr(
    examples_copy: Path, output_format: str
) -> None:
    result = _run("check", str(examples_copy), "--format", output_format, *DATE)
    assert result.exit_code == 1, result.output
    assert result.stdout.strip()
    assert " checked, " not in result.stdout, "the summary line goes to stderr"
    assert "checked" in result.stderr and "failed" in result.stderr


@pytest.mark.parametrize("output_format", ["sarif", "junit", "github", "markdown"])
def test_output_file_and_no_verdict(tmp_path: Path, output_format: str) -> None:
    good = tmp_path / "a.licensegate.yaml"
    good.write_text(NEEDS_ATTESTATION, encoding="utf-8")
    bad = tmp_path / "b.licensegate.yaml"
    bad.write_text(NEEDS_ATTESTATION.replace("kind: Deployment", "kind: Deploy"), "utf-8")
    out = tmp_path / f"report.{output_format}"
    result = _run("check", str(tmp_path), "-f", output_format, "-o", str(out), *DATE)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert str(bad) in text, "the manifest without verdict is in the report too"
    assert f"{bad}:2" in result.stderr


def test_help_lists_the_formats() -> None:
    result = _run("check", "--help")
    assert result.exit_code == 0
    for name in ("sarif", "junit", "github", "markdown"):
        assert name in result.stdout


def test_text_lines_cannot_start_a_workflow_command() -> None:
    """A manifest's words wrapped onto a line of their own stay text in a GitHub log."""
    from dataclasses import replace

    from licensegate.formats import text

    from .sample import failing_result

    result = failing_result()
    hostile = "a" * 80 + " ::warning::pwned \x1b[2J"
    clause = replace(result.clauses[0], message=hostile)
    rendered = text.render_result(replace(result, clauses=[clause, *result.clauses[1:]]))
    for line in rendered.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "\x1b" not in line
    assert "\\x3a:warning::pwned" in rendered and "\\x1b[2J" in rendered


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_waiver_reason_with_a_unicode_line_break_reaches_json_and_sarif_unchanged(
    tmp_path: Path, separator: str
) -> None:
    """The JSON and SARIF reports used to indent with textwrap.indent, which also breaks lines
    at U+2028, U+2029 and U+0085 and so put spaces inside such a string."""
    from manifests import WAIVED

    reason = f"Separate license{separator}agreement with Meta"
    # Written as a YAML escape: a raw line break inside a quoted scalar folds to a space.
    escaped = f'"Separate license\\u{ord(separator):04x}agreement with Meta"'
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        WAIVED.replace("Separate license agreement with Meta", escaped), encoding="utf-8"
    )
    report = json.loads(_run("check", str(manifest), "--format", "json", *DATE).stdout)
    (waived,) = [c for c in report["results"][0]["clauses"] if c["status"] == "waived"]
    assert waived["waiver"]["reason"] == reason
    log = json.loads(_run("check", str(manifest), "--format", "sarif", *DATE).stdout)
    (justification,) = [
        s["justification"]
        for r in log["runs"][0]["results"]
        for s in r.get("suppressions", [])
        if s["justification"].startswith("waived by")
    ]
    assert justification.endswith(reason)
