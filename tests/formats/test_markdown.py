"""Markdown for PR comments: golden files, escaping, strict icons."""

from __future__ import annotations

from collections.abc import Callable

from licensegate.formats import markdown
from licensegate.report import Report


def test_golden(sample_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.md", markdown.render(sample_report))


def test_golden_strict(strict_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report-strict.md", markdown.render(strict_report))


def test_values_cannot_inject_markdown_or_html() -> None:
    assert markdown.escape("a | b <script>x</script> *y* [l](u) &amp;\nz") == (
        r"a \| b \<script\>x\</script\> \*y\* \[l\](u) &amp;amp; z"
    )
    assert markdown.code("deploy/licensegate.yaml") == "`deploy/licensegate.yaml`"
    assert markdown.code("a`b") == r"a\`b"
    assert markdown.link("x", "https://e.example/a b(c)") == "[x](<https://e.example/a%20b(c)>)"


def test_table_rows_stay_on_one_line(sample_report: Report) -> None:
    text = markdown.render(sample_report)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 5  # header + the 4 open clauses of the failing manifest
    assert all(line.endswith("|") for line in rows)
    assert r"\| \<b\>bold\</b\>" in text
    assert "<details><summary>1 satisfied</summary>" in text
    assert "⛔ NO VERDICT `broken/licensegate.yaml`" in text


def test_strict_shows_needs_attestation_as_failure(
    sample_report: Report, strict_report: Report
) -> None:
    assert "| 📝 needs-attestation |" in markdown.render(sample_report)
    assert "| ❌ needs-attestation |" in markdown.render(strict_report)
    assert "(strict: needs-attestation fails)" in markdown.render(strict_report)
