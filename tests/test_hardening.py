"""Hostile input cannot hang, leak or fool the gate (issue 9 parts 3, 6 and 7).

Every test here plays the attacker first: a path, file or manifest written to break the gate,
and the one-line error with exit 2 that must come out instead of a traceback, a hang or a pass.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest

from licensegate import api, cli, facts
from manifests import FAILING, PASSING

DATE = ["--date", "2026-11-29"]


@pytest.fixture
def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run the console entry point (the error boundary) in process: (exit code, stdout, stderr)."""
    previous = signal.getsignal(signal.SIGTERM)

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["licensegate", *args])
        with pytest.raises(SystemExit) as exited:
            cli.main()
        captured = capsys.readouterr()
        return exited.value.code, captured.out, captured.err

    yield run
    signal.signal(signal.SIGTERM, previous)


def _two_manifests(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "licensegate.yaml"
    second = tmp_path / "b" / "licensegate.yaml"
    first.write_text(PASSING, encoding="utf-8")
    second.write_text(FAILING, encoding="utf-8")
    return first, second


# --- Part 7: no traceback, ever ----------------------------------------------------------------


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("unexpected\nsecond line")


def test_internal_error_is_one_line_and_exit_2(run_main, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LICENSEGATE_DEBUG", raising=False)
    monkeypatch.setattr(api, "load_library", _explode)
    first, _ = _two_manifests(tmp_path)
    code, out, err = run_main("check", str(first), *DATE)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "licensegate: internal error: RuntimeError: unexpected second line "
        "(please report it; run with --debug for the traceback)"
    ]


@pytest.mark.parametrize("how", ["flag-after-command", "flag-first", "environment"])
def test_debug_shows_the_traceback(run_main, monkeypatch, tmp_path: Path, how: str) -> None:
    monkeypatch.delenv("LICENSEGATE_DEBUG", raising=False)
    monkeypatch.setattr(api, "load_library", _explode)
    first, _ = _two_manifests(tmp_path)
    if how == "flag-after-command":
        args = ["check", str(first), "--debug", *DATE]
    elif how == "flag-first":
        args = ["--debug", "check", str(first), *DATE]
    else:
        monkeypatch.setenv("LICENSEGATE_DEBUG", "1")
        args = ["check", str(first), *DATE]
    code, _, err = run_main(*args)
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: unexpected" in err
    assert err.rstrip().splitlines()[-1].startswith("licensegate: internal error: RuntimeError")


def test_a_file_named_debug_after_double_dash_is_a_path(run_main, monkeypatch) -> None:
    monkeypatch.delenv("LICENSEGATE_DEBUG", raising=False)
    code, _, err = run_main("check", *DATE, "--", "--debug")
    assert code == 2
    assert "--debug: no such file or directory" in err


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_one_manifest_s_internal_error_spares_the_others(
    run_main, monkeypatch, tmp_path: Path, output_format: str
) -> None:
    monkeypatch.delenv("LICENSEGATE_DEBUG", raising=False)
    first, second = _two_manifests(tmp_path)
    real = facts.build_input

    def build_input(manifest, library, today=None):
        if manifest.path == str(first):
            raise RecursionError("maximum recursion depth exceeded")
        return real(manifest, library, today)

    monkeypatch.setattr(facts, "build_input", build_input)
    out_file = tmp_path / "report.out"
    code, _, err = run_main("check", str(tmp_path), "-f", output_format, "-o", str(out_file), *DATE)
    assert code == 2  # never 0 or 1: one manifest has no verdict
    assert f"licensegate: error: {first}: internal error: RecursionError" in err
    assert "Traceback" not in err
    report = out_file.read_text(encoding="utf-8")
    assert str(second) in report  # the other manifest was still evaluated
    assert "mau-threshold" in report
    assert "internal error" in report  # and the error is in the report itself


def test_usage_error_is_exit_2(run_main) -> None:
    code, _, err = run_main("check", "--no-such-option", "x")
    assert code == 2
    assert "No such option" in err


def test_interrupt_is_not_a_verdict(run_main, monkeypatch, tmp_path: Path) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "load_library", interrupted)
    first, _ = _two_manifests(tmp_path)
    code, _, err = run_main("check", str(first), *DATE)
    assert code == 130  # the shell's code for Ctrl-C, not 1 (a failing verdict)
    assert "Traceback" not in err


def test_verdicts_keep_their_exit_codes(run_main, tmp_path: Path) -> None:
    first, second = _two_manifests(tmp_path)
    assert run_main("check", str(first), *DATE)[0] == 0
    assert run_main("check", str(second), *DATE)[0] == 1
    assert run_main("--version")[0] == 0


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_unreadable_sub_folder_is_a_per_folder_error(
    run_main, monkeypatch, tmp_path: Path, output_format: str
) -> None:
    first, second = _two_manifests(tmp_path)
    locked = second.parent
    real_iterdir = Path.iterdir

    def iterdir(self: Path):
        # NOTE: tests may run as root, which reads any folder: refuse this one by hand.
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    out_file = tmp_path / "report.out"
    code, _, err = run_main("check", str(tmp_path), "-f", output_format, "-o", str(out_file), *DATE)
    assert code == 2
    assert f"licensegate: error: {locked}: cannot read this folder: Permission denied" in err
    report = out_file.read_text(encoding="utf-8")
    assert str(first) in report
    assert "cannot read this folder" in report
    if output_format == "json":
        assert json.loads(report)["errors"][0]["manifest"] == str(locked)


def test_validate_reports_an_unreadable_sub_folder(run_main, monkeypatch, tmp_path: Path) -> None:
    first, second = _two_manifests(tmp_path)
    real_iterdir = Path.iterdir

    def iterdir(self: Path):
        if self == second.parent:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, out, err = run_main("validate", str(tmp_path))
    assert code == 2
    assert f"{first}: valid" in out
    assert "cannot read this folder" in err


def test_internal_error_in_a_batch_worker_is_that_manifest_s(monkeypatch, tmp_path: Path) -> None:
    from conftest import TODAY
    from licensegate import batch
    from licensegate.report import ManifestFailure, ManifestResult

    first, second = _two_manifests(tmp_path)
    real = facts.build_input

    def build_input(manifest, library, today=None):
        if manifest.path == str(first):
            raise ValueError("cannot convert")
        return real(manifest, library, today)

    # NOTE: forked workers inherit the patched function.
    monkeypatch.setattr(facts, "build_input", build_input)
    outcomes = list(
        batch.check_parallel(
            [first, second], api.load_library(), jobs=2, today=TODAY, start_method="fork"
        )
    )
    assert isinstance(outcomes[0], ManifestFailure)
    assert outcomes[0].manifest == str(first)
    assert outcomes[0].message.startswith("internal error: ValueError: cannot convert")
    assert isinstance(outcomes[1], ManifestResult) and outcomes[1].failed
