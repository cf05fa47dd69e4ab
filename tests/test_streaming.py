"""Every format's writer, fed results as `check` streams them, writes the whole report's bytes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY
from licensegate import api
from licensegate.formats import OutputFormat
from licensegate.formats.writer import Head, write_outcomes
from licensegate.policy import PolicyLibrary
from licensegate.report import Report

FORMATS = [f for f in OutputFormat if f is not OutputFormat.CYCLONEDX]
"""CycloneDX stamps each document with a time and serial number: compared apart, below."""


def _streamed(kind: OutputFormat, library: PolicyLibrary, paths: list[Path], strict: bool) -> str:
    """As `check` writes it: outcomes in discovery order, each written as it arrives."""
    outcomes = api.iter_outcomes(paths, library, strict=strict, today=TODAY)
    stream = io.StringIO()
    tally = write_outcomes([kind.writer(stream)], Head(library.digest, strict), outcomes)
    report = api.check(paths, strict=strict, library=library, today=TODAY)
    assert (tally.checked, len(tally.errors)) == (len(report.results), len(report.errors))
    assert tally.exit_code == report.exit_code
    return stream.getvalue()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("broken")
    (folder / "broken.licensegate.yaml").write_text("apiVersion: [\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", FORMATS, ids=lambda f: f.value)
@pytest.mark.parametrize("strict", [False, True])
def test_stream_equals_render_on_every_example(
    kind: OutputFormat, strict: bool, library: PolicyLibrary, broken: Path
) -> None:
    paths = [EXAMPLES, broken]
    report = api.check(paths, strict=strict, library=library, today=TODAY)
    assert report.errors and report.results  # both kinds of outcome, interleaved in discovery
    assert _streamed(kind, library, paths, strict) == kind.renderer()(report)


@pytest.mark.parametrize("kind", FORMATS, ids=lambda f: f.value)
def test_stream_of_nothing_and_of_one(kind: OutputFormat, library: PolicyLibrary) -> None:
    render = kind.renderer()
    assert _streamed(kind, library, [], False) == render(Report(library.digest, [], []))
    one = sorted(EXAMPLES.rglob("support-assistant.licensegate.yaml"))
    report = api.check(one, library=library, today=TODAY)
    assert _streamed(kind, library, one, False) == render(report)


def test_bom_stream_equals_render_but_for_its_stamp(library: PolicyLibrary, broken: Path) -> None:
    def unstamped(text: str) -> dict:
        document = json.loads(text)
        del document["serialNumber"], document["metadata"]["timestamp"]
        return document

    paths = [EXAMPLES, broken]
    report = api.check(paths, library=library, today=TODAY)
    streamed = _streamed(OutputFormat.CYCLONEDX, library, paths, False)
    assert unstamped(streamed) == unstamped(OutputFormat.CYCLONEDX.renderer()(report))


def test_json_writer_is_the_report_document(library: PolicyLibrary, broken: Path) -> None:
    """The JSON writer builds the document by hand; it is json.dumps of the report's dict."""
    trust = {"mode": "ref", "ref": "origin/main", "commit": "0" * 40}
    for paths in ([], [broken], [EXAMPLES, broken]):
        report = api.check(paths, library=library, today=TODAY, strict=True)
        report = Report(report.policy_digest, report.results, report.errors, True, trust)
        expected = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
        assert OutputFormat.JSON.renderer()(report) == expected


def test_text_and_json_write_each_result_as_it_arrives(library: PolicyLibrary) -> None:
    """They have written a result before the next one is asked for: they hold none."""
    paths = sorted(EXAMPLES.rglob("*.licensegate.yaml"))[:3]
    for kind in (OutputFormat.TEXT, OutputFormat.JSON):
        stream = io.StringIO()
        sizes: list[int] = []

        def outcomes():
            for outcome in api.iter_outcomes(paths, library, today=TODAY):
                sizes.append(len(stream.getvalue()))  # noqa: B023 - read while the loop runs
                yield outcome

        write_outcomes([kind.writer(stream)], Head(library.digest), outcomes())
        assert sizes[0] < sizes[1] < sizes[2] < len(stream.getvalue()), kind
