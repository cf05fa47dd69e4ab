"""The pre-commit hooks, run by the real `pre-commit` against a repository that uses them.

The hook repository is a fresh git repository holding a copy of this working tree (committed
or not), so the test exercises the hooks as they are now. pre-commit installs the hook into its
own virtualenv with pip (from PyPI); PRE_COMMIT_HOME is a temporary folder shared by the tests
of this module, so that happens once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from licensegate.api import is_manifest_name
from manifests import FAILING, PASSING
from worktree import copy_working_tree

REPO = Path(__file__).resolve().parents[1]
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    environ = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environ.update(GIT_ENV)
    environ["HOME"] = str(home)
    # Keep pip's download cache: the hook's virtualenv installs licensegate's dependencies.
    environ.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    environ["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    environ.pop("VIRTUAL_ENV", None)
    return environ


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository holding this working tree as it is now; returns (path, HEAD sha)."""
    target = tmp_path_factory.mktemp("hook-repo")
    copy_working_tree(target)
    _git(target, "init", "-q", env=env)
    _git(target, "add", "-A", env=env)
    _git(target, "commit", "-q", "-m", "licensegate working tree", env=env)
    return target, _git(target, "rev-parse", "HEAD", env=env)


def readme_config() -> dict:
    """The `.pre-commit-config.yaml` snippet of the README, parsed."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)
    assert block, "README has no .pre-commit-config.yaml snippet"
    return yaml.safe_load(block.group(1))


def _consumer(
    tmp_path: Path, hook_repo: tuple[Path, str], hook_id: str, env: dict[str, str]
) -> Path:
    """A repository whose config is the README's snippet, pointed at the local hook repository."""
    path, sha = hook_repo
    config = readme_config()
    (entry,) = config["repos"]
    entry["repo"], entry["rev"] = str(path), sha
    (hook,) = entry["hooks"]
    assert hook["id"] == "licensegate"
    hook["id"] = hook_id
    repo = tmp_path / "consumer"
    repo.mkdir()
    _git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "README.md").write_text("consumer\n", encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "--no-verify", "-m", "start", env=env)
    installed = _pre_commit(repo, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def _pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_files_pattern_matches_what_check_discovers() -> None:
    (changed,) = [hook for hook in HOOKS if hook["id"] == "licensegate"]
    pattern = re.compile(changed["files"])
    for name in (
        "licensegate.yaml",
        "deploy/licensegate.yml",
        "team/chat.licensegate.yaml",
        "x.licensegate.yml",
        "x.licensegate.json",
        "licensegate.json",
        "mylicensegate.yaml",
        "deploy/licensegate.yaml.signoff.json",
        "README.md",
    ):
        assert bool(pattern.search(name)) is is_manifest_name(name.rsplit("/", 1)[-1]), name
    (everything,) = [hook for hook in HOOKS if hook["id"] == "licensegate-all"]
    assert everything["pass_filenames"] is False and everything["entry"] == "licensegate check ."
    (entry,) = readme_config()["repos"]
    assert {hook["id"] for hook in entry["hooks"]} <= {hook["id"] for hook in HOOKS}


@pytest.mark.slow
def test_changed_manifest_hook_passes_and_fails_a_commit(
    tmp_path: Path, hook_repo: tuple[Path, str], env: dict[str, str]
) -> None:
    repo = _consumer(tmp_path, hook_repo, "licensegate", env)
    deploy = repo / "deploy"
    deploy.mkdir()
    (deploy / "licensegate.yaml").write_text(PASSING, encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    passed = _commit(repo, env, "a passing manifest")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # NOTE: git shows a hook's output on stderr.
    assert re.search(r"licensegate \(changed manifests\)\.+Passed", passed.stderr), passed.stderr

    (deploy / "licensegate.yaml").write_text(FAILING, encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    failed = _commit(repo, env, "a failing manifest")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"licensegate \(changed manifests\)\.+Failed", failed.stderr)
    assert "llama3.1:mau-threshold" in failed.stderr and "VIOLATED" in failed.stderr
    assert "- exit code: 1" in failed.stderr
    assert _git(repo, "log", "--format=%s", "-1", env=env) == "a passing manifest"

    # A commit that touches no manifest skips the hook.
    _git(repo, "reset", "-q", "--hard", env=env)
    (repo / "README.md").write_text("changed\n", encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    skipped = _commit(repo, env, "docs only")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert re.search(
        r"licensegate \(changed manifests\)\.+\(no files to check\)Skipped", skipped.stderr
    )


@pytest.mark.slow
def test_all_manifests_hook(
    tmp_path: Path, hook_repo: tuple[Path, str], env: dict[str, str]
) -> None:
    repo = _consumer(tmp_path, hook_repo, "licensegate-all", env)
    (repo / "a.licensegate.yaml").write_text(PASSING, encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    passed = _pre_commit(repo, env, "run", "licensegate-all", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (repo / "team").mkdir()
    (repo / "team" / "b.licensegate.yaml").write_text(FAILING, encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    failed = _pre_commit(repo, env, "run", "licensegate-all", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "FAIL team/b.licensegate.yaml" in failed.stdout
    assert "PASS a.licensegate.yaml" in failed.stdout


def test_scan_hook_runs_on_every_commit_over_the_whole_repository() -> None:
    """A commit that starts using a model touches code, not a manifest: the hook cannot wait
    for a manifest to change."""
    (scan,) = [hook for hook in HOOKS if hook["id"] == "licensegate-scan"]
    assert scan["entry"] == "licensegate check . --scan ."
    assert scan["always_run"] is True and scan["pass_filenames"] is False
