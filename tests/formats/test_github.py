"""GitHub workflow commands: golden files, escaping, levels, the step summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate.cli import app
from licensegate.formats import github
from licensegate.report import Report
from manifests import NEEDS_ATTESTATION as PASSING


def test_golden(sample_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.github.txt", github.render(sample_report))


def test_golden_strict(strict_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report-strict.github.txt", github.render(strict_report))


def test_escaping_follows_the_actions_toolkit() -> None:
    assert github.escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert github.escape_property("100% a\r\nb: c, d") == "100%25 a%0D%0Ab%3A c%2C d"
    line = github.command("error", "x: 1%\ny", file="a,b/c:d.yaml", line=3, title="t:1,2")
    assert line == "::error file=a%2Cb/c%3Ad.yaml,line=3,title=t%3A1%2C2::x: 1%25%0Ay"
    assert github.command("notice", "m") == "::notice::m"


def test_one_command_per_line_and_levels(sample_report: Report) -> None:
    lines = github.render(sample_report).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    # violated, needs-attestation, missing-facts, the waived clause, 1 warning; in the second
    # manifest the attested clause and 1 warning; 1 no-verdict error. Plainly satisfied clauses
    # print nothing; every waiver and attestation is a notice.
    assert kinds == [
        "::error", "::notice", "::error", "::notice", "::warning", "::notice", "::warning",
        "::error",
    ]  # fmt: skip
    assert "(waived)" in lines[3] and "Waived by counsel@acme.example" in lines[3]
    assert "(satisfied)" in lines[5] and "attested by" in lines[5]
    assert lines[0].startswith("::error file=deploy/licensegate.yaml,line=9,title=llama3.1%3A")
    assert "line=1," in lines[2], "a fact without a line is annotated on line 1"
    assert "\n" not in "".join(lines) and "\r" not in "".join(lines)
    assert lines[-1].startswith("::error file=broken/licensegate.yaml,line=3,")
    assert "file=apps/chat%2C eu/licensegate.yaml" in lines[6]


def test_strict_turns_notice_into_error(strict_report: Report) -> None:
    lines = github.render(strict_report).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds[1] == "::error"
    # What remains a notice is an exception someone approved, never an open attestation.
    notices = [line for line in lines if line.startswith("::notice")]
    assert notices and all("(needs-attestation)" not in line for line in notices)


def test_step_summary_is_appended_never_truncated(sample_report: Report, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    assert github.append_step_summary(sample_report, {"GITHUB_STEP_SUMMARY": str(summary)})
    github.append_step_summary(sample_report, {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## licensegate:")
    assert text.count("## licensegate:") == 2
    assert github.append_step_summary(sample_report, {}) is None


def test_cli_writes_commands_and_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(
        app, ["check", str(manifest), "--format", "github", "--date", "2026-11-29"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"::notice file={manifest},line=")
    assert "llama3.1%3Aacceptable-use (needs-attestation)" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n## licensegate: ✅ 1 manifest pass")
    strict = CliRunner().invoke(
        app, ["check", str(manifest), "--format", "github", "--strict", "--date", "2026-11-29"]
    )
    assert strict.exit_code == 1, strict.output
    assert strict.stdout.startswith(f"::error file={manifest},line=")


def test_unwritable_step_summary_is_a_warning_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    result = CliRunner().invoke(app, ["check", str(manifest), "-f", "github"])
    assert result.exit_code == 0, result.output
    assert "cannot append the step summary" in result.stderr
