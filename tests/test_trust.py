"""What a pull request cannot approve for itself (DESIGN.md §6): attacks first, then the cases
that must keep working.

The git tests build a real repository: the first commit is the base branch (what reviewers
already accepted), the second is the pull request.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gitrepo import commit, git
from licensegate.cli import app
from manifests import FAILING, PASSING

DATE = ["--date", "2026-11-29"]
COUNSEL = "counsel@acme.example"

WAIVER = f"""\
waivers:
  - clause: llama3.1:mau-threshold
    subject: meta-llama/Llama-3.1-8B-Instruct
    reason: Separate license agreement with Meta
    approved_by: {COUNSEL}
    expires: 2099-01-01
"""
"""Covers the one violated clause of FAILING."""


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _json(result) -> dict:
    assert result.stdout.startswith("{"), result.output
    return json.loads(result.stdout)


def _statuses(report: dict) -> dict[str, str]:
    return {c["id"]: c["status"] for r in report["results"] for c in r["clauses"]}


def _codes(report: dict) -> list[str]:
    return [w["code"] for r in report["results"] for w in r["warnings"]]


# ------------------------------------------------------------------------------------------
# Approver identities, subjects, merge keys: the manifest alone must not pass a failing verdict


@pytest.mark.parametrize("approver", ['" "', '""', "Jane Doe", "'@'", "a@b"])
def test_waiver_approver_must_be_an_email_address(tmp_path: Path, approver: str) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(FAILING + WAIVER.replace(COUNSEL, approver), encoding="utf-8")
    result = _run("check", str(manifest), *DATE)
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.stderr.splitlines() if "error" in line]
    assert f"{manifest}:" in line and "waivers[0].approved_by" in line


def test_attestation_by_must_be_an_email_address(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(PASSING.replace(f"by: {COUNSEL}", 'by: "  "'), encoding="utf-8")
    result = _run("check", str(manifest), *DATE)
    assert result.exit_code == 2, result.output
    assert "attestations[0].by" in result.stderr


UNKNOWN_MODEL = PASSING.replace(
    "models:\n", "models:\n  - id: acme/Secret-Model\n    uses: [inference]\n"
)


def test_subjectless_waiver_of_what_the_library_cannot_judge_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        UNKNOWN_MODEL
        + f"""\
waivers:
  - clause: licensegate:unknown-model
    reason: trust me
    approved_by: {COUNSEL}
    expires: 2099-01-01
""",
        encoding="utf-8",
    )
    result = _run("check", str(manifest), *DATE)
    assert result.exit_code == 2, result.output
    assert "subject" in result.stderr and "licensegate:unknown-model" in result.stderr
    named = manifest.read_text(encoding="utf-8").replace(
        "    reason: trust me", "    subject: acme/Secret-Model\n    reason: trust me"
    )
    manifest.write_text(named, encoding="utf-8")
    assert _run("check", str(manifest), *DATE).exit_code == 0


def test_waiver_merged_from_an_x_anchor_is_validated_like_any_other(tmp_path: Path) -> None:
    hidden = """\
x-defaults: &approval
  clause: llama3.1:mau-threshold
  reason: fine
  approved_by: " "
  expires: 2099-01-01
"""
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(hidden + FAILING + "waivers:\n  - <<: *approval\n", encoding="utf-8")
    result = _run("check", str(manifest), *DATE)
    assert result.exit_code == 2, result.output
    assert "approved_by" in result.stderr
    # The same merge with a real approver is an ordinary waiver: visible and applied.
    manifest.write_text(
        hidden.replace('" "', COUNSEL) + FAILING + "waivers:\n  - <<: *approval\n",
        encoding="utf-8",
    )
    report = _json(_run("check", str(manifest), "--format", "json", *DATE))
    assert _statuses(report)["llama3.1:mau-threshold"] == "waived"


# ------------------------------------------------------------------------------------------
# A real git repository: base commit, then the pull request's commit


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "deploy").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    return root


def _base(repo: Path, text: str, signers: str | None = None) -> tuple[Path, str]:
    manifest = repo / "deploy" / "licensegate.yaml"
    manifest.write_text(text, encoding="utf-8")
    if signers is not None:
        (repo / ".licensegate").mkdir(exist_ok=True)
        (repo / ".licensegate" / "allowed_signers").write_text(signers, encoding="utf-8")
    return manifest, commit(repo, "base")


def test_pr_adding_its_own_waiver_and_signoff_is_untrusted(repo: Path) -> None:
    manifest, base = _base(repo, FAILING)
    manifest.write_text(FAILING + WAIVER, encoding="utf-8")
    assert _run("sign-off", str(manifest), "--by", COUNSEL, *DATE).exit_code == 0
    commit(repo, "pull request: waive it myself and sign it off")
    # On the developer's machine everything applies, and the report says so.
    local = _json(_run("check", str(manifest), "--format", "json", "--require-signoff", *DATE))
    assert local["trust"] == {"mode": "local"}
    assert local["results"][0]["result"] == "pass"
    # Against the base branch, nothing the pull request approved for itself counts.
    result = _run(
        "check", str(manifest), "--format", "json", "--require-signoff",
        "--trusted-ref", base, *DATE,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = _json(result)
    assert report["trust"]["mode"] == "trusted-ref" and report["trust"]["commit"] == base
    assert _statuses(report)["llama3.1:mau-threshold"] == "violated"
    codes = _codes(report)
    assert "waiver-untrusted" in codes and "signoff-untrusted" in codes
    assert "signoff-missing" in codes
    assert "does not apply" in result.stderr


def test_waiver_and_signoff_present_at_the_base_apply(repo: Path) -> None:
    manifest, _ = _base(repo, FAILING + WAIVER)
    assert _run("sign-off", str(manifest), "--by", COUNSEL, *DATE).exit_code == 0
    base = commit(repo, "base with its approved waiver and sign-off")
    # The pull request touches something else: the waiver is the base's, byte for byte.
    (repo / "README").write_text("unrelated\n", encoding="utf-8")
    commit(repo, "pull request")
    result = _run(
        "check", str(manifest), "--format", "json", "--require-signoff",
        "--trusted-ref", base, *DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = _json(result)
    assert _statuses(report)["llama3.1:mau-threshold"] == "waived"
    assert _codes(report) == []


def test_pr_editing_a_trusted_waiver_makes_it_untrusted(repo: Path) -> None:
    manifest, base = _base(repo, FAILING + WAIVER.replace("2099-01-01", "2026-12-31"))
    manifest.write_text(FAILING + WAIVER, encoding="utf-8")  # extends the expiry date
    commit(repo, "pull request: extend my waiver")
    report = _json(_run("check", str(manifest), "--format", "json", "--trusted-ref", base, *DATE))
    assert _statuses(report)["llama3.1:mau-threshold"] == "violated"
    assert _codes(report) == ["waiver-untrusted"]


def test_pr_adding_its_own_attestation_is_untrusted(repo: Path) -> None:
    open_clause = PASSING.split("attestations:")[0]
    manifest, base = _base(repo, open_clause)
    manifest.write_text(PASSING, encoding="utf-8")
    commit(repo, "pull request: attest it myself")
    result = _run(
        "check", str(manifest), "--format", "json", "--strict", "--trusted-ref", base, *DATE
    )
    assert result.exit_code == 1, result.output
    report = _json(result)
    assert _statuses(report)["llama3.1:acceptable-use"] == "needs-attestation"
    assert _codes(report) == ["attestation-untrusted"]


def test_manifest_new_in_the_pr_has_no_trusted_approvals(repo: Path) -> None:
    _base(repo, PASSING)
    other = repo / "deploy" / "new.licensegate.yaml"
    other.write_text(FAILING + WAIVER, encoding="utf-8")
    commit(repo, "pull request: a new manifest")
    result = _run("check", str(other), "--format", "json", "--trusted-ref", "HEAD~1", *DATE)
    assert result.exit_code == 1, result.output
    assert sorted(_codes(_json(result))) == ["attestation-untrusted", "waiver-untrusted"]


@pytest.mark.parametrize("ref", ["--upload-pack=touch /tmp/x", "no-such-branch", "HEAD:x", ""])
def test_bad_trusted_ref_is_exit_2(repo: Path, ref: str) -> None:
    manifest, _ = _base(repo, PASSING)
    result = _run("check", str(manifest), "--trusted-ref", ref, *DATE)
    assert result.exit_code == 2, result.output
    assert "trusted-ref" in result.stderr and "Traceback" not in result.output


def test_trusted_ref_outside_a_git_repository_is_exit_2(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(PASSING, encoding="utf-8")
    result = _run("check", str(manifest), "--trusted-ref", "main", *DATE)
    assert result.exit_code == 2, result.output
    assert "git" in result.stderr


def test_text_and_markdown_reports_say_which_trust(repo: Path) -> None:
    manifest, base = _base(repo, PASSING)
    assert "trust: local" in _run("check", str(manifest), *DATE).stdout
    assert "trust: local" in _run("check", str(manifest), "--format", "markdown", *DATE).stdout
    trusted = _run("check", str(manifest), "--trusted-ref", base, *DATE).stdout
    assert f"trust: {base[:12]}" in trusted


# ------------------------------------------------------------------------------------------
# Diagnostics on stderr: GitHub reads workflow commands there too


def test_hostile_file_name_cannot_start_a_workflow_command_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "x\r\n::add-mask::secret\n\x1b]0;pwned\x07\x9b31m"
    folder.mkdir()
    manifest = folder / "licensegate.yaml"
    # An expiring waiver (a warning) and a broken manifest (an error) both name the file.
    waiver = WAIVER.replace("2099-01-01", "2026-12-15")
    manifest.write_text(FAILING + waiver, encoding="utf-8")
    (folder / "broken.licensegate.yaml").write_text("apiVersion: [\n", encoding="utf-8")
    result = _run("check", str(tmp_path), "--format", "github", *DATE)
    assert result.exit_code == 2, result.output
    assert "expires on 2026-12-15" in result.stderr
    assert all(line.startswith("licensegate: ") for line in result.stderr.splitlines())
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr
    assert "\r" not in result.stderr
    assert all(line.startswith("::") for line in result.stdout.splitlines())
