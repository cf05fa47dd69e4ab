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


def _many(failing: int, passing: int, quiet: int) -> Report:
    from dataclasses import replace

    from .sample import failing_result, passing_result, sample

    base = sample()
    results = [
        replace(failing_result(), manifest=f"fail/{i}.licensegate.yaml") for i in range(failing)
    ]
    results += [
        replace(passing_result(), manifest=f"warn/{i}.licensegate.yaml") for i in range(passing)
    ]
    results += [
        replace(passing_result(), manifest=f"ok/{i}.licensegate.yaml", warnings=[])
        for i in range(quiet)
    ]
    return replace(base, results=results, errors=[])


def test_failures_come_first_and_quiet_passes_are_only_counted() -> None:
    text = markdown.render(_many(failing=1, passing=1, quiet=3))
    assert text.index("❌ FAIL `fail/0") < text.index("✅ PASS `warn/0")
    assert "✅ PASS `ok/" not in text
    assert (
        "<summary>✅ 3 more manifests pass</summary>" in text
        and "- `ok/2.licensegate.yaml`" in text
    )


def test_summary_stays_under_githubs_limit_at_any_size() -> None:
    report = _many(failing=2000, passing=500, quiet=5000)
    text = markdown.render(report)
    assert len(text.encode("utf-8")) <= markdown.SUMMARY_LIMIT
    assert text.startswith("## licensegate: ❌ 2000 of 7500 manifests fail")
    assert "❌ FAIL `fail/0.licensegate.yaml`" in text  # the first failures are shown in full
    note = text.split("Not shown, to keep this summary under GitHub's 1 MiB limit: ")[1]
    hidden_failing = int(note.split(" failing")[0])
    shown_failing = text.count("### ❌ FAIL")
    assert shown_failing + hidden_failing == 2000 and hidden_failing > 0
    assert "500 passing" in note and "✅ 5000 more manifests pass." in text
    assert text.endswith("· trust: local</sub>\n")


def test_small_limits_still_give_a_complete_document() -> None:
    text = markdown.render(_many(failing=3, passing=0, quiet=2), limit=2000)
    assert len(text.encode()) <= 2000
    assert "3 failing" in text and "✅ 2 more manifests pass." in text
