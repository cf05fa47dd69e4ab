"""The organisation policy file (licensegate.policy.yaml): allow/deny/review lists, effective dates,
fail_on and require, found at the git root or given with --org-policy, read at --trusted-ref; it
adds org: findings and can never turn a license failure into a pass."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import TODAY, opa_available
from gitrepo import git
from licensegate.cli import app
from manifests import FAILING, NEEDS_ATTESTATION, PASSING

DATE = ["--date", TODAY.isoformat()]
HEAD = "apiVersion: licensegate/v1\nkind: OrgPolicy\n"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _files(tmp_path: Path, policy: str, manifest: str = PASSING) -> tuple[Path, Path]:
    (tmp_path / "licensegate.policy.yaml").write_text(policy, encoding="utf-8")
    (tmp_path / "licensegate.yaml").write_text(manifest, encoding="utf-8")
    return tmp_path / "licensegate.policy.yaml", tmp_path / "licensegate.yaml"


def _check(tmp_path: Path, policy: str, manifest: str = PASSING, *extra: str):
    org, path = _files(tmp_path, policy, manifest)
    return _run("check", str(path), "--org-policy", str(org), "-f", "json", *DATE, *extra)


def _clauses(result) -> dict[str, str]:
    (entry,) = json.loads(result.stdout)["results"]
    return {c["id"]: c["status"] for c in entry["clauses"]}


def _org(result) -> list[dict]:
    (entry,) = json.loads(result.stdout)["results"]
    return [c for c in entry["clauses"] if c["license"] == "org"]


def test_a_denied_license_fails_with_the_policy_line(tmp_path: Path) -> None:
    result = _check(tmp_path, HEAD + "licenses:\n  deny:\n    - mnpl\n    - llama3.*\n")
    assert result.exit_code == 1, result.output
    (finding,) = _org(result)
    assert (finding["id"], finding["status"]) == ("org:license-denied", "violated")
    assert "licensegate.policy.yaml:6: llama3.*" in finding["message"]
    assert finding["source"].endswith("licensegate.policy.yaml:4")
    assert finding["location"] == {"path": "models[0]", "line": 7}


def test_deny_matches_whole_ids_only(tmp_path: Path) -> None:
    """`llama3` denies llama3, not llama3.1; globs are anchored, and `.` is not a wildcard."""
    assert _check(tmp_path, HEAD + "licenses: {deny: [llama3, llama3x1]}\n").exit_code == 0


def test_models_allow_list_in_any_case_and_review(tmp_path: Path) -> None:
    allowed = _check(tmp_path, HEAD + 'models: {allow: ["META-LLAMA/*"]}\n')
    assert allowed.exit_code == 0, allowed.output
    assert _org(allowed) == []
    other = _check(tmp_path, HEAD + 'models: {allow: ["mistralai/*"]}\n')
    assert other.exit_code == 1
    assert [c["id"] for c in _org(other)] == ["org:model-not-allowed"]
    review = _check(tmp_path, HEAD + 'models: {review: ["meta-llama/llama-3.1-?b-instruct"]}\n')
    assert review.exit_code == 0
    assert _clauses(review)["org:model-review"] == "needs-attestation"
    strict = _check(
        tmp_path,
        HEAD + 'models: {review: ["meta-llama/*"]}\n'
        "fail_on: [violated, missing-facts, needs-attestation]\n",
    )
    assert strict.exit_code == 1, "fail_on with needs-attestation is --strict"


def test_a_review_is_satisfied_by_an_attestation(tmp_path: Path) -> None:
    attested = PASSING + (
        "  - clause: org:license-review\n    by: counsel@acme.example\n"
        "    date: 2026-11-02\n    statement: Llama use approved by counsel.\n"
    )
    result = _check(
        tmp_path,
        HEAD
        + "licenses: {review: [llama3.1]}\nfail_on: [violated, missing-facts, needs-attestation]\n",
        attested,
    )
    assert result.exit_code == 0, result.output
    assert _clauses(result)["org:license-review"] == "satisfied"


def test_effective_on_warns_before_the_day_and_fails_from_it(tmp_path: Path) -> None:
    policy = HEAD + (
        'models: {allow: ["mistralai/*"]}\nrules:\n'
        "  - clause: org:model-not-allowed\n    effective_on: 2026-11-30\n"
    )
    before = _check(tmp_path, policy)
    assert before.exit_code == 0, before.output
    assert _org(before) == []
    (warning,) = json.loads(before.stdout)["results"][0]["warnings"]
    assert warning["code"] == "org-warning" and "takes effect on 2026-11-30" in warning["message"]
    on_the_day = _check(tmp_path, policy, PASSING, "--date", "2026-11-30")
    assert on_the_day.exit_code == 1


@pytest.mark.parametrize(
    ("policy", "line", "words"),
    [
        (HEAD + "licences: {deny: [mnpl]}\n", 3, "unknown key 'licences'"),
        (HEAD + "licenses: {deny: [mnpl], block: [x]}\n", 3, "unknown key 'block'"),
        (HEAD + "licenses: {deny: [mnpl]}\nlicenses: {deny: []}\n", 4, "duplicate"),
        (HEAD + "fail_on: [violated]\n", 3, "never turn license failures into passes"),
        (HEAD + "rules:\n  - clause: llama3.1:mau-threshold\n", 4, "does not match"),
        (HEAD + "rules:\n  - clause: org:modle-denied\n", 4, "did you mean"),
        (HEAD + "models: {deny: ['meta llama/*']}\n", 3, "does not match"),
        ("apiVersion: licensegate/v1\nkind: Deployment\n", 2, "OrgPolicy"),
        (HEAD + "require: {pinned_revisions: true}\n", 3, "unknown key 'pinned_revisions'"),
    ],
)
def test_a_bad_policy_file_is_exit_2_with_its_line(
    tmp_path: Path, policy: str, line: int, words: str
) -> None:
    if "modle" in policy:
        policy = HEAD + "models: {deny: [x/y]}\n" + policy.removeprefix(HEAD)
        line += 1
    result = _check(tmp_path, policy, FAILING)
    assert result.exit_code == 2, result.output
    assert f"licensegate.policy.yaml:{line}" in result.stderr and words in result.stderr
    assert result.stdout == ""


def test_nothing_in_the_policy_file_turns_a_license_failure_into_a_pass(tmp_path: Path) -> None:
    policy = HEAD + (
        'licenses: {allow: ["*"]}\nmodels: {allow: ["*/*"]}\n'
        "fail_on: [violated, missing-facts]\nrules:\n"
        "  - clause: org:license-not-allowed\n    effective_on: 2999-01-01\n"
    )
    result = _check(tmp_path, policy, FAILING)
    assert result.exit_code == 1, result.output
    assert _clauses(result)["llama3.1:mau-threshold"] == "violated"


def test_without_a_policy_file_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(NEEDS_ATTESTATION, encoding="utf-8")
    result = _run("check", str(path), "-f", "json", *DATE)
    assert result.exit_code == 0 and not [c for c in _clauses(result) if c.startswith("org:")]


def test_require_signoff_fails_a_manifest_without_one(tmp_path: Path) -> None:
    result = _check(tmp_path, HEAD + "require: {signoff: true}\n")
    assert result.exit_code == 1, result.output
    (warning,) = json.loads(result.stdout)["results"][0]["warnings"]
    assert warning["code"] == "signoff-missing" and warning["blocking"] is True


def test_the_policy_digest_covers_the_policy_file(tmp_path: Path) -> None:
    one = _check(tmp_path, HEAD + "licenses: {deny: [mnpl]}\n")
    two = _check(tmp_path, HEAD + "licenses: {deny: [mnpl, dbrx]}\n")
    digests = {json.loads(r.stdout)["policy"]["digest"] for r in (one, two)}
    assert len(digests) == 2


# ------------------------------------------------------------------------------------------
# Found at the git root; read at the trusted ref


def test_found_at_the_git_root_and_read_at_the_trusted_ref(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "deploy").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "licensegate.policy.yaml").write_text(HEAD + "licenses: {deny: [llama3.1]}\n")
    manifest = repo / "deploy" / "licensegate.yaml"
    manifest.write_text(PASSING)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    found = _run("check", str(manifest), "-f", "json", *DATE)
    assert found.exit_code == 1 and "org:license-denied" in _clauses(found)
    # The pull request relaxes its organisation's policy: only a local run sees the change.
    (repo / "licensegate.policy.yaml").write_text(HEAD + "licenses: {deny: [mnpl]}\n")
    assert _run("check", str(manifest), *DATE).exit_code == 0
    gated = _run("check", str(manifest), "-f", "json", "--trusted-ref", "HEAD", *DATE)
    assert gated.exit_code == 1, gated.output
    assert "org:license-denied" in _clauses(gated)
    # Deleting it in the change does not help either.
    (repo / "licensegate.policy.yaml").unlink()
    assert _run("check", str(manifest), "--trusted-ref", "HEAD", *DATE).exit_code == 1


def test_a_symlinked_policy_file_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(HEAD)
    (repo / "licensegate.policy.yaml").symlink_to(outside)
    (repo / "licensegate.yaml").write_text(PASSING)
    result = _run("check", str(repo / "licensegate.yaml"), *DATE)
    assert result.exit_code == 2 and "symlink" in result.stderr


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_policy_file_findings_same_under_real_opa(tmp_path: Path) -> None:
    """One query: every list kind and an effective date, under OPA and regorus."""
    from licensegate import api, orgpolicy
    from licensegate.engine.embedded import EmbeddedEngine
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import OracleEngine, canonical

    org, path = _files(
        tmp_path,
        HEAD + "licenses: {deny: [llama3.1], review: [llama*]}\n"
        'models: {allow: ["mistralai/*"], review: ["meta-llama/*"]}\n'
        "rules:\n  - clause: org:model-not-allowed\n    effective_on: 2027-01-01\n",
        FAILING,
    )
    library = api.load_library()
    orgpolicy.attach(library, orgpolicy.load(org))
    document = build_input(load_manifest(path), library, TODAY)
    expected = EmbeddedEngine(library).evaluate(document)
    statuses = {(item["id"], item["status"]) for item in expected}
    assert {("org:license-denied", "violated"), ("org:model-review", "needs-attestation")} <= (
        statuses
    )
    assert ("org:model-not-allowed", "warn") in statuses
    assert canonical(OracleEngine(library).evaluate(document)) == canonical(expected)


def test_the_readme_example_runs_as_documented() -> None:
    """README "Organisation policy": the example fails only through Acme's own rules."""
    from conftest import EXAMPLES

    folder = EXAMPLES / "org-policy"
    alone = _run("check", str(folder), *DATE)
    assert alone.exit_code == 0, alone.output
    result = _run(
        "check", str(folder), "--org-policy", str(folder / "licensegate.policy.yaml"),
        "--policy", str(folder / "policies"), "-f", "json", *DATE,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    schema = json.loads((EXAMPLES.parent / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    (entry,) = report["results"]
    failing = {(c["id"], c["subject"]) for c in entry["clauses"] if c["status"] == "violated"}
    assert failing == {
        ("org:license-denied", "mistralai/Codestral-22B-v0.1"),
        ("org:acme-ownership", "manifest"),
    }
    warnings = " ".join(w["message"] for w in entry["warnings"])
    assert "takes effect on 2027-01-01" in warnings and "evaluation only" in warnings
    tests = _run("test", "--policy", str(folder / "policies"))
    assert tests.exit_code == 0, tests.output


def test_a_sign_off_covers_the_policy_file_it_was_given_under(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    policy = repo / "licensegate.policy.yaml"
    policy.write_text(HEAD + "licenses: {deny: [mnpl]}\n")
    manifest = repo / "licensegate.yaml"
    manifest.write_text(PASSING)
    signed = _run("sign-off", str(manifest), "--by", "counsel@acme.example", *DATE)
    assert signed.exit_code == 0, signed.output
    assert _run("check", str(manifest), "--require-signoff", *DATE).exit_code == 0
    policy.write_text(HEAD + "licenses: {deny: [mnpl, dbrx]}\n")
    changed = _run("check", str(manifest), "--require-signoff", "-f", "json", *DATE)
    assert changed.exit_code == 1, "a changed organisation policy outdates the sign-off"
