"""Hostile input cannot hang, leak or fool the gate (issue 9 parts 3, 6 and 7).

Every test here plays the attacker first: a path, file or manifest written to break the gate,
and the one-line error with exit 2 that must come out instead of a traceback, a hang or a pass.
"""

from __future__ import annotations

import functools
import json
import signal
import sys
from pathlib import Path

import pytest

from licensegate import api, cli, facts
from licensegate.pipeline import Options
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
    from licensegate.report import ManifestResult, NoVerdict

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
            [first, second], api.load_library(), Options(today=TODAY), jobs=2, start_method="fork"
        )
    )
    assert isinstance(outcomes[0], NoVerdict)
    assert outcomes[0].manifest == str(first)
    assert outcomes[0].message.startswith("internal error: ValueError: cannot convert")
    assert isinstance(outcomes[1], ManifestResult) and outcomes[1].failed


# --- Part 3: reads are bounded and stay in the repository ---------------------------------------

SECRET = "s3cr3t-outside-the-repository"
NOTICE_HEAD = PASSING.replace(
    "audience: internal}", "audience: internal,\n  notice_file: {notice}}"
)
"""PASSING with a notice file at line 6 (the product mapping continues there)."""


def _repository(tmp_path: Path) -> Path:
    """A checkout (it has .git) next to a secret the gate must never read."""
    (tmp_path / "secret.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    return repo


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("licensegate: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_manifest_linked_out_of_the_repository_is_refused(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    (repo / "licensegate.yaml").symlink_to(tmp_path / "secret.yaml")
    for target in (repo, repo / "licensegate.yaml"):
        code, out, err = run_main("check", str(target), "-f", "json", *DATE)
        assert code == 2
        line = _one_error_line(err)
        assert f"{repo / 'licensegate.yaml'}: resolves to a place outside {repo}" in line
        assert SECRET not in out + err


def test_manifest_linked_inside_the_repository_is_read(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    (repo / "shared").mkdir()
    (repo / "shared" / "base.yaml").write_text(PASSING, encoding="utf-8")
    (repo / "app").mkdir()
    (repo / "app" / "licensegate.yaml").symlink_to(repo / "shared" / "base.yaml")
    code, _, err = run_main("check", str(repo / "app"), *DATE)
    assert code == 0, err


def test_manifest_reached_through_dot_dot_is_judged_by_its_real_path(
    run_main, tmp_path: Path
) -> None:
    repo = _repository(tmp_path)
    (repo / "sub").mkdir()
    (repo / "sub" / "escape").symlink_to(tmp_path)
    code, _, err = run_main("check", str(repo / "sub" / "escape" / "secret.yaml"), *DATE)
    assert code == 2
    assert "resolves to a place outside" in _one_error_line(err)


def _cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """The real console script, with a deadline: a read that blocks fails the test, not CI."""
    import subprocess

    exe = Path(sys.executable).with_name("licensegate")
    done = subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_fifo_under_a_manifest_name_is_an_error_not_a_hang(tmp_path: Path) -> None:
    import os

    repo = _repository(tmp_path)
    (repo / "good").mkdir()
    (repo / "good" / "licensegate.yaml").write_text(PASSING, encoding="utf-8")
    os.mkfifo(repo / "licensegate.yaml")
    code, out, err = _cli("check", str(repo), *DATE)
    assert code == 2
    assert f"{repo / 'licensegate.yaml'}: is a FIFO (named pipe), not a regular file" in (
        _one_error_line(err)
    )
    assert f"PASS {repo / 'good' / 'licensegate.yaml'}" in out  # the rest is still checked


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_given_as_manifest_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    code, _, err = _cli("check", device, *DATE)
    assert code == 2
    assert f"{device}: is a device, not a regular file" in _one_error_line(err)


def test_proc_kmsg_never_blocks(tmp_path: Path) -> None:
    if not Path("/proc/kmsg").exists():
        pytest.skip("/proc/kmsg does not exist here")
    repo = _repository(tmp_path)
    (repo / "licensegate.yaml").symlink_to("/proc/kmsg")
    code, _, err = _cli("check", str(repo), *DATE)
    assert code == 2
    assert "resolves to a place outside" in _one_error_line(err)
    code, _, err = _cli("check", "/proc/kmsg", *DATE)  # named directly: still never a hang
    assert code == 2
    _one_error_line(err)


def test_oversize_manifest_is_refused_without_reading_it(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    huge = repo / "licensegate.yaml"
    with huge.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # sparse: 8 GiB that nobody must read into memory
    code, _, err = run_main("check", str(huge), *DATE)
    assert code == 2
    assert "is too large (8589934592 bytes" in _one_error_line(err)


def _with_notice(repo: Path, notice: str) -> Path:
    manifest = repo / "licensegate.yaml"
    manifest.write_text(NOTICE_HEAD.replace("{notice}", notice), encoding="utf-8")
    return manifest


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda repo, outside: (repo / "NOTICE").symlink_to(outside / "secret.yaml"), "outside"),
        (lambda repo, outside: (repo / "NOTICE").symlink_to("/dev/zero"), "outside"),
        (lambda repo, outside: __import__("os").mkfifo(repo / "NOTICE"), "is a FIFO"),
        (lambda repo, outside: (repo / "NOTICE").mkdir(), "is a directory"),
        (
            lambda repo, outside: (repo / "NOTICE").write_bytes(b"x" * (facts.NOTICE_LIMIT + 1)),
            "is too large",
        ),
    ],
    ids=["link-out", "link-to-dev-zero", "fifo", "directory", "oversize"],
)
def test_hostile_notice_file_is_an_error_with_its_line(
    run_main, tmp_path: Path, make, message: str
) -> None:
    repo = _repository(tmp_path)
    make(repo, tmp_path)
    manifest = _with_notice(repo, "NOTICE")
    code, out, err = run_main("check", str(manifest), *DATE)
    assert code == 2
    line = _one_error_line(err)
    assert line.startswith(f"licensegate: error: {manifest}:6: notice_file NOTICE ")
    assert message in line
    assert SECRET not in out + err


def test_notice_file_name_longer_than_the_file_system_allows(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    manifest = _with_notice(repo, "N" * 300)
    code, _, err = run_main("check", str(manifest), *DATE)
    assert code == 2
    assert "File name too long" in _one_error_line(err)


def test_notice_file_linked_inside_the_folder_is_read(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    (repo / "legal").mkdir()
    (repo / "legal" / "NOTICE.txt").write_text("Built with Llama\n", encoding="utf-8")
    (repo / "NOTICE").symlink_to(repo / "legal" / "NOTICE.txt")
    manifest = _with_notice(repo, "NOTICE")
    code, _, err = run_main("check", str(manifest), *DATE)
    assert code == 0, err


def test_sign_off_record_linked_out_of_the_repository_is_refused(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    (repo / "licensegate.yaml.signoff.json").symlink_to(tmp_path / "secret.yaml")
    code, out, err = run_main("check", str(manifest), "--require-signoff", *DATE)
    assert code != 0
    assert "resolves to a place outside" in err
    assert SECRET not in out + err


# --- Part 3: -o writes a whole report, to a regular file or a new path, or nothing -------------


@pytest.mark.parametrize("output_format", ["text", "sarif"])  # streamed, and rendered whole
def test_output_never_follows_a_symbolic_link(run_main, tmp_path: Path, output_format: str) -> None:
    repo = _repository(tmp_path)
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n", encoding="utf-8")
    report = repo / "report.out"
    report.symlink_to(victim)
    code, _, err = run_main("check", str(manifest), "-f", output_format, "-o", str(report), *DATE)
    assert code == 2
    assert f"cannot write {report}: it is a symbolic link" in _one_error_line(err)
    assert victim.read_text(encoding="utf-8") == "untouched\n"
    assert report.is_symlink()
    assert sorted(p.name for p in repo.iterdir()) == [".git", "licensegate.yaml", "report.out"]


def test_output_onto_a_fifo_or_directory_is_refused(run_main, tmp_path: Path) -> None:
    import os

    repo = _repository(tmp_path)
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    # NOTE: a FIFO stands for devices: a regression must not rename a file over /dev/null.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, _, err = run_main("check", str(manifest), "-o", str(pipe), *DATE)
    assert code == 2
    assert f"cannot write {pipe}: it is not a regular file" in _one_error_line(err)
    assert pipe.is_fifo()
    code, _, err = run_main("check", str(manifest), "-f", "sarif", "-o", str(repo), *DATE)
    assert code == 2
    assert "it is a directory" in _one_error_line(err)


def test_output_gets_the_umask_mode_or_keeps_the_existing_one(run_main, tmp_path: Path) -> None:
    import os

    repo = _repository(tmp_path)
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    previous = os.umask(0o027)
    try:
        assert run_main("check", str(manifest), "-o", str(repo / "new.txt"), *DATE)[0] == 0
        existing = repo / "existing.json"
        existing.write_text("old", encoding="utf-8")
        existing.chmod(0o604)
        args = ("check", str(manifest), "-f", "sarif", "-o", str(existing), *DATE)
        assert run_main(*args)[0] == 0
    finally:
        os.umask(previous)
    assert (repo / "new.txt").stat().st_mode & 0o777 == 0o640  # not mkstemp's 0600
    assert existing.stat().st_mode & 0o777 == 0o604
    assert '"version": "2.1.0"' in existing.read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", ["json", "markdown"])
def test_error_midway_leaves_the_old_report_and_no_temporary_file(
    run_main, monkeypatch, tmp_path: Path, output_format: str
) -> None:
    from licensegate.errors import EngineError

    first, second = _two_manifests(tmp_path)
    real = facts.build_input

    def build_input(manifest, library, today=None):
        if manifest.path == str(second):
            raise EngineError("the engine went away")
        return real(manifest, library, today)

    monkeypatch.setattr(facts, "build_input", build_input)
    out = tmp_path / "out" / "report.txt"
    out.parent.mkdir()
    out.write_text("previous report\n", encoding="utf-8")
    code, _, err = run_main("check", str(tmp_path), "-f", output_format, "-o", str(out), *DATE)
    assert code == 2
    assert "the engine went away" in _one_error_line(err)
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in out.parent.iterdir()] == ["report.txt"]


def test_sigterm_midway_leaves_no_temporary_file(tmp_path: Path) -> None:
    """CI cancels a job with SIGTERM: the report is not replaced and no temporary file stays."""
    import subprocess
    import time

    repo = _repository(tmp_path)
    (repo / "licensegate.yaml").write_text(PASSING, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    # NOTE: a run slowed down on purpose, so that it is surely inside the write when killed.
    slow = tmp_path / "slow.py"
    slow.write_text(
        "import sys, time\n"
        "from licensegate import cli\n"
        "from licensegate.formats import text\n"
        "def result(self, result):\n"
        "    self.stream.write('partial report\\n')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "text.Writer.result = result\n"
        "cli.main()\n",
        encoding="utf-8",
    )
    args = [sys.executable, str(slow), "check", str(repo), "-o", str(out / "report.txt"), *DATE]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        assert run.stdout is not None
        assert run.stdout.readline() == "writing\n"
        assert any(p.name.endswith(".tmp") for p in out.iterdir())  # the write had begun
        started = time.monotonic()
        run.send_signal(signal.SIGTERM)
        code = run.wait(timeout=30)
    assert code == 128 + signal.SIGTERM
    assert time.monotonic() - started < 30
    assert list(out.iterdir()) == []


def test_concurrent_sign_offs_never_lose_an_entry(tmp_path: Path) -> None:
    import subprocess

    repo = _repository(tmp_path)
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    exe = Path(sys.executable).with_name("licensegate")
    runs = [
        subprocess.Popen(
            [str(exe), "sign-off", str(manifest), "--by", f"counsel{i}@acme.example", *DATE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(6)
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
        if run.stderr:
            run.stderr.close()
    record = json.loads((repo / "licensegate.yaml.signoff.json").read_text(encoding="utf-8"))
    assert sorted(entry["by"] for entry in record["signoffs"]) == [
        f"counsel{i}@acme.example" for i in range(6)
    ]
    assert sorted(p.name for p in repo.iterdir()) == [
        ".git",
        "licensegate.yaml",
        "licensegate.yaml.signoff.json",
    ]


def test_sign_off_record_that_is_a_link_is_not_written_through(run_main, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    (repo / "elsewhere.json").write_text('{"signoff_version": 1, "signoffs": []}', "utf-8")
    (repo / "licensegate.yaml.signoff.json").symlink_to(repo / "elsewhere.json")
    code, _, err = run_main("sign-off", str(manifest), "--by", "counsel@acme.example", *DATE)
    assert code == 2
    assert "it is a symbolic link" in _one_error_line(err)
    assert json.loads((repo / "elsewhere.json").read_text("utf-8"))["signoffs"] == []


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_batch_workers_die_with_their_parent(tmp_path: Path) -> None:
    import os
    import subprocess
    import time

    repo = _repository(tmp_path)
    for name in ("a", "b"):
        (repo / f"{name}.licensegate.yaml").write_text(PASSING, encoding="utf-8")
    # NOTE: workers are forked, so they inherit the slowed-down evaluation.
    slow = tmp_path / "slow.py"
    slow.write_text(
        "import time\n"
        "from licensegate import cli, facts\n"
        "facts.build_input = lambda *args, **kwargs: time.sleep(120)\n"
        "cli.main()\n",
        encoding="utf-8",
    )
    args = [sys.executable, str(slow), "check", str(repo), "--jobs", "2", *DATE]
    parent = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children_file = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = [int(pid) for pid in children_file.read_text().split()]
    assert len(workers) >= 2, "the batch workers did not start"
    time.sleep(1)  # let them reach the initializer and the slowed-down check
    parent.kill()
    parent.wait(timeout=30)

    def running(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        return state not in ("Z", "X")

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.2)
    alive = [pid for pid in workers if running(pid)]
    for pid in alive:  # do not leave them behind if the test fails
        os.kill(pid, signal.SIGKILL)
    assert alive == []


# --- Part 6: integers are bounded, so no engine or JSON reader rounds or rejects them -----------


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("monthly_active_users: 1000", "monthly_active_users: 18446744073709551617", 4),
        ("monthly_active_users: 1000", "monthly_active_users: 9007199254740992", 4),
        (
            "monthly_active_users: 1000",
            'monthly_active_users: 5, mau_history: {"2024-06": 100000000000000000000000}',
            4,
        ),
    ],
    ids=["2^64+1", "2^53", "mau_history"],
)
def test_integers_from_2_53_are_a_manifest_error(
    run_main, tmp_path: Path, field: str, value: str, line: int
) -> None:
    first, second = _two_manifests(tmp_path)
    first.write_text(PASSING.replace(field, value), encoding="utf-8")
    code, out, err = run_main("check", str(tmp_path), *DATE)
    assert code == 2
    assert f"{first}:{line}: licensee." in _one_error_line(err)
    assert "must be at most 9007199254740991 (2^53 - 1)" in err
    assert f"FAIL {second}" in out  # the rest of the batch is reported


def test_integer_at_2_53_minus_1_is_accepted(run_main, tmp_path: Path) -> None:
    first, _ = _two_manifests(tmp_path)
    text = PASSING.replace("monthly_active_users: 1000", "monthly_active_users: 9007199254740991")
    first.write_text(text, encoding="utf-8")
    code, out, err = run_main("check", str(first), "-f", "json", *DATE)
    assert code in (0, 1), err  # a verdict, whatever the licenses say about so many users
    assert json.loads(out)["results"][0]["manifest"] == str(first)


# --- Part 5: the OPA engine fails closed on every answer ----------------------------------------


@functools.lru_cache(maxsize=1)
def _gzip_bomb() -> bytes:
    """About 100 KiB that inflate to 96 MiB of JSON whitespace."""
    import gzip
    import io

    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=6) as stream:
        stream.write(b'{"result": [')
        block = b" " * (1024 * 1024)
        for _ in range(96):
            stream.write(block)
        stream.write(b"]}")
    return packed.getvalue()


LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
"""The one model PASSING lists."""


class _HostileOpa:
    """An OPA stand-in that has the right policy revision, then misbehaves on the decision."""

    def __init__(self, revision: str, behaviour: str) -> None:
        import http.server
        import threading

        hostile = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, json.dumps({"result": revision}).encode())

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                hostile.nonce = json.loads(body)["input"]["nonce"]
                try:
                    hostile.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def _send(self, status: int, body: bytes, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(body)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that hangs up on a hostile answer is the point, not an error

        self.behaviour = behaviour
        self.revision = revision
        self.nonce = ""
        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, handler) -> None:
        import time

        if self.behaviour == "redirect":
            handler._send(307, b"", Location="http://127.0.0.2:9/v1/data/forged")
        elif self.behaviour == "huge":
            size = 40 * 1024 * 1024
            handler.send_response(200)
            handler.send_header("Content-Length", str(size))
            handler.end_headers()
            handler.wfile.write(b'{"result": [' + b" " * (size - 13) + b"]")
        elif self.behaviour == "gzip-bomb":
            handler._send(200, _gzip_bomb(), Content_Encoding="gzip")
        elif self.behaviour == "drip":
            body = json.dumps({"result": []}).encode() + b" " * 200
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.05)
        elif self.behaviour == "not-json":
            handler._send(200, b"<html>all good</html>", Content_Type="text/html")
        elif self.behaviour == "malformed-findings":
            handler._send(200, self._decision([{"id": 5, "subject": LLAMA, "status": []}]))
        elif self.behaviour == "empty-list":  # the old findings document, as a stand-in says it
            handler._send(200, json.dumps({"result": []}).encode())
        elif self.behaviour == "forged-clause":
            finding = {
                "id": "llama3.1:no-such-clause",
                "status": "satisfied",
                "subject": LLAMA,
                "message": "forged",
            }
            handler._send(200, self._decision([finding]))
        else:  # pragma: no cover - a typo in a test
            raise AssertionError(self.behaviour)

    def _decision(self, findings: list[object]) -> bytes:
        """A well-formed decision (right revision, this request's nonce) around ``findings``."""
        decision = {
            "revision": self.revision,
            "nonce": self.nonce,
            "findings": findings,
            "count": len(findings),
        }
        return json.dumps({"result": decision}).encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("redirect", "redirects to another server (HTTP 307 to http://127.0.0.2:9/"),
        ("huge", "the answer is larger than 32 MiB"),
        ("gzip-bomb", "the answer is larger than 32 MiB (after decompression)"),
        ("drip", "the answer did not arrive within 2 s (--opa-timeout)"),
        ("not-json", "failed"),
        ("malformed-findings", "the engine returned a malformed finding: {'id': 5"),
        ("empty-list", "the answer is not a licensegate decision but an empty list"),
        ("forged-clause", "a finding the library does not document"),
    ],
)
def test_hostile_opa_answer_is_exit_2_with_one_line(
    run_main, tmp_path: Path, behaviour: str, message: str
) -> None:
    import time

    first, _ = _two_manifests(tmp_path)
    if behaviour == "gzip-bomb":
        _gzip_bomb()  # made before the request, not inside its deadline
    server = _HostileOpa(api.load_library().digest, behaviour)
    try:
        started = time.monotonic()
        code, out, err = run_main(
            "check",
            str(first),
            "--engine",
            "opa",
            "--opa-url",
            server.url,
            "--opa-preloaded",
            "--opa-timeout",
            "2",
            *DATE,
        )
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert code == 2
    assert out == ""  # no verdict, not even a partial one
    line = _one_error_line(err)
    assert message in line
    assert elapsed < 30  # the drip cannot stretch the request (one deadline, not per read)


def test_token_over_plain_http_is_warned_about(run_main, monkeypatch, tmp_path: Path) -> None:
    import socket

    first, _ = _two_manifests(tmp_path)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("LICENSEGATE_OPA_TOKEN", "tok-123-secret")
    code, _, err = run_main("check", str(first), "--engine", "opa", "--opa-url", url, *DATE)
    assert code == 2
    assert f"licensegate: warning: the OPA token goes to {url} over plain http" in err
    assert "tok-123-secret" not in err
