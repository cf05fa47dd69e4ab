"""The streamed text and JSON reports are the rendered ones, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY
from licensegate import api, streaming
from licensegate.formats import json as json_format
from licensegate.formats import text as text_format
from licensegate.policy import PolicyLibrary

STREAMS = {
    "json": (streaming.stream_json, json_format.render),
    "text": (streaming.stream_text, text_format.render),
}


def _outcomes(paths: list[Path], library: PolicyLibrary) -> list:
    return list(api.iter_outcomes(paths, library, today=TODAY))


@pytest.mark.parametrize("name", sorted(STREAMS))
@pytest.mark.parametrize("strict", [False, True])
def test_stream_equals_render_on_every_example(
    name: str, strict: bool, library: PolicyLibrary, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.licensegate.yaml"
    broken.write_text("apiVersion: [\n", encoding="utf-8")
    paths = [EXAMPLES, broken]
    report = api.check(paths, strict=strict, library=library, today=TODAY)
    stream, render = STREAMS[name]
    pieces: list[str] = []
    outcomes = api.iter_outcomes(paths, library, strict=strict, today=TODAY)
    tally = stream(library.digest, strict, outcomes, pieces.append)
    assert "".join(pieces) == render(report)
    assert tally.exit_code == report.exit_code == 2
    assert tally.checked == len(report.results) and len(tally.errors) == 1


@pytest.mark.parametrize("name", sorted(STREAMS))
def test_stream_of_nothing_and_of_one(name: str, library: PolicyLibrary, tmp_path: Path) -> None:
    from licensegate.report import Report

    stream, render = STREAMS[name]
    pieces: list[str] = []
    tally = stream(library.digest, False, [], pieces.append)
    assert "".join(pieces) == render(Report(library.digest, [], []))
    assert tally.exit_code == 2
    one = sorted(EXAMPLES.rglob("support-assistant.licensegate.yaml"))
    report = api.check(one, library=library, today=TODAY)
    pieces = []
    tally = stream(library.digest, False, _outcomes(one, library), pieces.append)
    assert "".join(pieces) == render(report)
    assert tally.exit_code == report.exit_code == 0
