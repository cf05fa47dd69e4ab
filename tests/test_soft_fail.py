"""--soft-fail: every failure reported, exit 0; no verdict stays exit 2; a manifest cannot ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate.cli import app
from manifests import FAILING, PASSING

DATE = ["--date", "2026-11-29"]


def _check(path: Path, *args: str):
    return CliRunner().invoke(app, ["check", str(path), *DATE, *args])


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_soft_fail_reports_the_failure_and_exits_0(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(FAILING, encoding="utf-8")
    hard = _check(path, "-f", output_format)
    soft = _check(path, "-f", output_format, "--soft-fail")
    assert hard.exit_code == 1 and soft.exit_code == 0, soft.output
    assert soft.stdout == hard.stdout
    assert "mau-threshold" in soft.stdout
    assert "--soft-fail" in soft.stderr and "1 failed" in soft.stderr


def test_soft_fail_keeps_no_verdict_at_2(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING.replace("kind: Deployment", "kind: Deploy"), encoding="utf-8")
    assert _check(path, "--soft-fail").exit_code == 2


def test_a_manifest_cannot_turn_soft_fail_on(tmp_path: Path) -> None:
    for field in ("soft_fail: true\n", "soft-fail: true\n"):
        path = tmp_path / "licensegate.yaml"
        path.write_text(FAILING + field, encoding="utf-8")
        result = _check(path, "-f", "json")
        assert result.exit_code == 2, result.output  # an unknown key is invalid, never a pass
        assert json.loads(result.stdout)["errors"]
