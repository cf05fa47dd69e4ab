"""Signed approvals under `check --trusted-ref` (DESIGN.md §6), with real git and ssh-keygen.

The base commit holds the allowed-signers file that reviewers accepted; the pull request adds a
waiver, an attestation or a sign-off together with a signature. Attacks first: a key the base
does not allow, a key the pull request allows for itself, a changed record, a record moved to
another manifest, another approver's name, another namespace. Then what must keep working.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gitrepo import commit, git
from licensegate.cli import app
from manifests import FAILING, PASSING
from test_trust import COUNSEL, DATE, WAIVER, _codes, _json, _statuses

pytestmark = pytest.mark.skipif(
    shutil.which("ssh-keygen") is None, reason="needs ssh-keygen (OpenSSH) to make signatures"
)

CLAUSE = "llama3.1:mau-threshold"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _key(folder: Path, name: str) -> tuple[Path, str]:
    """A new ed25519 key without passphrase: its private key file and public key line."""
    private = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(private)],
        check=True,
        capture_output=True,
    )
    return private, private.with_suffix(".pub").read_text().strip()


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "keys"  # outside the repository, as a real user's ~/.ssh
    folder.mkdir()
    return {name: _key(folder, name) for name in ("counsel", "attacker")}


def _signers(*entries: tuple[str, str]) -> str:
    return "".join(f'{who} namespaces="licensegate" {public}\n' for who, public in entries)


@pytest.fixture
def repo(tmp_path: Path, keys) -> Path:
    root = tmp_path / "repo"
    (root / "deploy").mkdir(parents=True)
    (root / ".licensegate").mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / ".licensegate" / "allowed_signers").write_text(
        _signers((COUNSEL, keys["counsel"][1])), encoding="utf-8"
    )
    (root / "deploy" / "licensegate.yaml").write_text(FAILING, encoding="utf-8")
    commit(root, "base: the failing manifest and counsel's key")
    return root


def _check(manifest: Path, *extra: str):
    return _run("check", str(manifest), "--format", "json", "--trusted-ref", "main", *DATE, *extra)


def _pull_request(repo: Path, text: str) -> Path:
    git(repo, "checkout", "-q", "-b", "pr")
    manifest = repo / "deploy" / "licensegate.yaml"
    manifest.write_text(text, encoding="utf-8")
    return manifest


# ------------------------------------------------------------------------------------------
# Attacks: none of these may make a waiver added in the pull request apply


def test_waiver_signed_with_a_key_the_base_does_not_allow_is_untrusted(repo: Path, keys) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["attacker"][0])).exit_code == 0  # fmt: skip
    commit(repo, "pr: waive it and sign with my own key")
    result = _check(manifest)
    assert result.exit_code == 1, result.output
    assert _statuses(_json(result))[CLAUSE] == "violated"
    assert "waiver-untrusted" in _codes(_json(result))


def test_pull_request_cannot_allow_its_own_key(repo: Path, keys) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    signers = repo / ".licensegate" / "allowed_signers"
    signers.write_text(
        _signers((COUNSEL, keys["counsel"][1]), (COUNSEL, keys["attacker"][1])), encoding="utf-8"
    )
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["attacker"][0])).exit_code == 0  # fmt: skip
    commit(repo, "pr: allow my key for counsel's address, then sign")
    result = _check(manifest)
    assert result.exit_code == 1 and _statuses(_json(result))[CLAUSE] == "violated"
    # Nor by pointing --allowed-signers at a file the pull request added.
    (repo / "mine").write_text(_signers((COUNSEL, keys["attacker"][1])), encoding="utf-8")
    commit(repo, "pr: my own signers file")
    again = _check(manifest, "--allowed-signers", "mine")
    assert again.exit_code == 1 and _statuses(_json(again))[CLAUSE] == "violated"


def test_changing_a_signed_waiver_voids_its_signature(repo: Path, keys) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["counsel"][0])).exit_code == 0  # fmt: skip
    manifest.write_text(FAILING + WAIVER.replace("2099-01-01", "2199-01-01"), encoding="utf-8")
    commit(repo, "pr: counsel signed until 2099; I extend it")
    result = _check(manifest)
    assert result.exit_code == 1 and "waiver-untrusted" in _codes(_json(result))


def test_signed_approval_file_cannot_be_edited_to_match(repo: Path, keys) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["counsel"][0])).exit_code == 0  # fmt: skip
    approvals = manifest.with_name("licensegate.yaml.approvals.json")
    document = json.loads(approvals.read_text())
    document["approvals"][0]["record"]["expires"] = "2199-01-01"
    approvals.write_text(json.dumps(document), encoding="utf-8")
    manifest.write_text(FAILING + WAIVER.replace("2099-01-01", "2199-01-01"), encoding="utf-8")
    commit(repo, "pr: edit both the record and its copy in the approvals file")
    assert _check(manifest).exit_code == 1


def test_signed_waiver_moved_to_another_manifest_is_untrusted(repo: Path, keys) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["counsel"][0])).exit_code == 0  # fmt: skip
    other = repo / "other"
    other.mkdir()
    for name in ("licensegate.yaml", "licensegate.yaml.approvals.json"):
        shutil.copy(manifest.parent / name, other / name)
    commit(repo, "pr: reuse counsel's signature for another product")
    assert _check(manifest).exit_code == 0  # where counsel signed it, it counts
    moved = _check(other / "licensegate.yaml")
    assert moved.exit_code == 1 and "waiver-untrusted" in _codes(_json(moved))


def test_signature_must_be_by_the_records_own_approver(repo: Path, keys) -> None:
    # Counsel's key signs a waiver that names somebody else as approver.
    waiver = WAIVER.replace(COUNSEL, "cfo@acme.example")
    manifest = _pull_request(repo, FAILING + waiver)
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["counsel"][0])).exit_code == 0  # fmt: skip
    commit(repo, "pr: counsel's key, CFO's name")
    assert _check(manifest).exit_code == 1


def test_signature_from_another_namespace_does_not_count(repo: Path, keys, tmp_path: Path) -> None:
    from licensegate.approvals import signed_document
    from licensegate.manifest import load_manifest
    from licensegate.signing import payload

    manifest = _pull_request(repo, FAILING + WAIVER)
    record = load_manifest(manifest).data["waivers"][0]
    message = tmp_path / "payload"
    message.write_bytes(payload(signed_document("waiver", "deploy/licensegate.yaml", record)))
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-f", str(keys["counsel"][0]), "-n", "git", str(message)],
        check=True,
        capture_output=True,
    )
    signature = message.with_name("payload.sig").read_text()
    manifest.with_name("licensegate.yaml.approvals.json").write_text(
        json.dumps(
            {
                "approvals_version": 1,
                "approvals": [{"kind": "waiver", "record": record, "signature": signature}],
            }
        ),
        encoding="utf-8",
    )
    commit(repo, "pr: a signature counsel made for git")
    assert _check(manifest).exit_code == 1


def test_garbage_approvals_file_approves_nothing(repo: Path) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    manifest.with_name("licensegate.yaml.approvals.json").write_text("{oops", encoding="utf-8")
    commit(repo, "pr")
    result = _check(manifest)
    assert result.exit_code == 1
    assert {"waiver-untrusted", "approvals-invalid"} <= set(_codes(_json(result)))


# ------------------------------------------------------------------------------------------
# What must work: the approver signs, the pull request carries it, the gate accepts it


def test_waiver_signed_by_its_approver_applies_before_it_is_merged(repo: Path, keys) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    signed = _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["counsel"][0]))  # fmt: skip
    assert signed.exit_code == 0, signed.output
    assert "signed the waiver of llama3.1:mau-threshold" in signed.stderr
    commit(repo, "pr: waiver signed by counsel")
    result = _check(manifest)
    assert result.exit_code == 0, result.output
    report = _json(result)
    assert _statuses(report)[CLAUSE] == "waived" and _codes(report) == []
    # The report says where approvals came from, as the report schema documents.
    import jsonschema

    schema = json.loads((Path(__file__).parents[1] / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["trust"]["mode"] == "trusted-ref" and report["trust"]["ref"] == "main"


def test_signed_attestation_applies(repo: Path, keys) -> None:
    git(repo, "checkout", "-q", "-b", "pr")
    manifest = repo / "deploy" / "licensegate.yaml"
    without = PASSING.split("attestations:")[0]
    manifest.write_text(without, encoding="utf-8")
    base = commit(repo, "base for this test: no attestation yet")
    manifest.write_text(PASSING, encoding="utf-8")
    clause = "llama3.1:acceptable-use"
    assert _run("approve", str(manifest), "--clause", clause, "--sign-with", str(keys["counsel"][0])).exit_code == 0  # fmt: skip
    commit(repo, "attestation signed by counsel")
    result = _run(
        "check", str(manifest), "--format", "json", "--strict", "--trusted-ref", base, *DATE
    )
    assert result.exit_code == 0, result.output
    assert _statuses(_json(result))[clause] == "satisfied"


def test_signed_sign_off_counts_and_a_forged_one_does_not(repo: Path, keys) -> None:
    manifest = _pull_request(repo, PASSING)
    signed = _run("sign-off", str(manifest), "--by", COUNSEL, "--sign-with", str(keys["counsel"][0]), *DATE)  # fmt: skip
    assert signed.exit_code == 0, signed.output
    commit(repo, "pr: fixed and signed off by counsel")
    assert _check(manifest, "--require-signoff").exit_code == 0
    # The same record with its note changed: the signature no longer covers it.
    record_path = manifest.with_name("licensegate.yaml.signoff.json")
    record = json.loads(record_path.read_text())
    record["signoffs"][0]["note"] = "approved for every product"
    record_path.write_text(json.dumps(record), encoding="utf-8")
    commit(repo, "pr: edit the signed entry")
    forged = _check(manifest, "--require-signoff")
    assert forged.exit_code == 1
    assert {"signoff-untrusted", "signoff-missing"} <= set(_codes(_json(forged)))


def test_sign_off_binds_the_notice_file(repo: Path, keys) -> None:
    text = PASSING.replace("audience: internal}", "audience: internal, notice_file: NOTICE}")
    manifest = _pull_request(repo, text)
    notice = manifest.with_name("NOTICE")
    notice.write_text(
        "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    assert _run("sign-off", str(manifest), "--by", COUNSEL, *DATE).exit_code == 0
    assert _run("check", str(manifest), "--require-signoff", *DATE).exit_code == 0
    notice.write_text(notice.read_text() + "Amended.\n", encoding="utf-8")
    changed = _run("check", str(manifest), "--require-signoff", *DATE)
    assert changed.exit_code == 1
    assert "the notice file changed after the sign-off" in changed.stderr


# ------------------------------------------------------------------------------------------
# approve: clear errors


def test_approve_errors_are_one_line_exit_2(repo: Path, keys, tmp_path: Path) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    key = str(keys["counsel"][0])
    missing = _run("approve", str(manifest), "--clause", "llama3.1:notice-file", "--sign-with", key)
    assert missing.exit_code == 2 and "no waiver or attestation of" in missing.stderr
    no_key = _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(tmp_path / "x"))
    assert no_key.exit_code == 2 and "no such key file" in no_key.stderr
    outside = tmp_path / "loose.yaml"
    outside.write_text(FAILING + WAIVER, encoding="utf-8")
    loose = _run("approve", str(outside), "--clause", CLAUSE, "--sign-with", key)
    assert loose.exit_code == 2 and "not in a git repository" in loose.stderr
    assert not manifest.with_name("licensegate.yaml.approvals.json").exists()


def test_allowed_signers_needs_a_trusted_ref(repo: Path) -> None:
    manifest = repo / "deploy" / "licensegate.yaml"
    result = _run("check", str(manifest), "--allowed-signers", "x", *DATE)
    assert result.exit_code == 2 and "--trusted-ref" in result.stderr
    escape = _run("check", str(manifest), "--trusted-ref", "main", "--allowed-signers", "../x")
    assert escape.exit_code == 2 and "inside the repository" in escape.stderr


def test_approvals_file_linked_out_of_the_repository_is_not_read(
    repo: Path, keys, tmp_path: Path
) -> None:
    manifest = _pull_request(repo, FAILING + WAIVER)
    assert _run("approve", str(manifest), "--clause", CLAUSE, "--sign-with", str(keys["counsel"][0])).exit_code == 0  # fmt: skip
    approvals = manifest.with_name("licensegate.yaml.approvals.json")
    outside = tmp_path / "elsewhere.json"
    approvals.rename(outside)
    approvals.symlink_to(outside)
    commit(repo, "pr: the signed approvals live outside the checkout")
    result = _check(manifest)
    assert result.exit_code == 1
    assert {"waiver-untrusted", "approvals-invalid"} <= set(_codes(_json(result)))
