"""Legal sign-off: the record beside the manifest, and what `check` says when it goes stale."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate import signoff
from licensegate.cli import app
from manifests import PASSING as SIGNABLE
from manifests import WAIVED

DATE = ["--date", "2026-11-29"]


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "licensegate.yaml"
    path.write_text(SIGNABLE, encoding="utf-8")
    return path


def _record(manifest: Path) -> dict:
    return json.loads(signoff.signoff_path(manifest).read_text(encoding="utf-8"))


def test_sign_off_records_who_when_and_the_digests(manifest: Path) -> None:
    result = _run("sign-off", str(manifest), "--by", "counsel@acme.example", "--note", "ok", *DATE)
    assert result.exit_code == 0, result.output
    assert "signed off by counsel@acme.example" in result.stderr
    assert result.stdout == ""
    record = _record(manifest)
    assert record["signoff_version"] == 1 and record["manifest"] == "licensegate.yaml"
    (entry,) = record["signoffs"]
    assert entry["by"] == "counsel@acme.example" and entry["note"] == "ok"
    assert entry["manifest_digest"].startswith("sha256:")
    assert entry["policy_digest"].startswith("sha256:")
    assert entry["tool_version"] and entry["result"] == "pass"
    assert dt.datetime.strptime(entry["at"], "%Y-%m-%dT%H:%M:%SZ")
    assert signoff.signoff_path(manifest).name == "licensegate.yaml.signoff.json"


def test_sign_off_is_append_only(manifest: Path) -> None:
    assert _run("sign-off", str(manifest), "--by", "alice", *DATE).exit_code == 0
    first = _record(manifest)["signoffs"][0]
    assert _run("sign-off", str(manifest), "--by", "bob", *DATE).exit_code == 0
    entries = _record(manifest)["signoffs"]
    assert [e["by"] for e in entries] == ["alice", "bob"]
    assert entries[0] == first
    leftovers = [p.name for p in manifest.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_sign_off_refuses_open_clauses_and_no_verdict(manifest: Path, tmp_path: Path) -> None:
    open_attestation = tmp_path / "open.licensegate.yaml"
    open_attestation.write_text(SIGNABLE.split("attestations:")[0], encoding="utf-8")
    refused = _run("sign-off", str(open_attestation), "--by", "alice", *DATE)
    assert refused.exit_code == 1, refused.output
    assert "llama3.1:acceptable-use" in refused.stderr and "needs-attestation" in refused.stderr
    assert not signoff.signoff_path(open_attestation).exists()
    broken = tmp_path / "broken.licensegate.yaml"
    broken.write_text(SIGNABLE.replace("kind: Deployment", "kind: Deploy"), encoding="utf-8")
    no_verdict = _run("sign-off", str(broken), "--by", "alice", *DATE)
    assert no_verdict.exit_code == 2 and f"{broken}:2" in no_verdict.stderr
    assert _run("sign-off", str(tmp_path), "--by", "alice").exit_code == 2
    assert _run("sign-off", str(manifest), "--by", "  ").exit_code == 2
    assert _run("sign-off", str(tmp_path / "nope.yaml"), "--by", "a").exit_code == 2


def test_check_is_quiet_while_the_sign_off_matches(manifest: Path) -> None:
    assert _run("sign-off", str(manifest), "--by", "alice", *DATE).exit_code == 0
    result = _run("check", str(manifest), "--require-signoff", "--format", "json", *DATE)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert json.loads(result.stdout)["results"][0]["warnings"] == []


def test_changed_manifest_warns_and_fails_with_require_signoff(manifest: Path) -> None:
    assert _run("sign-off", str(manifest), "--by", "alice", *DATE).exit_code == 0
    manifest.write_text(
        SIGNABLE.replace("monthly_active_users: 1000", "monthly_active_users: 2000")
    )
    warned = _run("check", str(manifest), "--format", "json", *DATE)
    assert warned.exit_code == 0, warned.output
    assert (
        f"licensegate: warning: {manifest}: the manifest changed after the sign-off by alice"
        in warned.stderr
    )
    (warning,) = json.loads(warned.stdout)["results"][0]["warnings"]
    assert warning["code"] == "signoff-outdated" and warning["blocking"] is False
    required = _run("check", str(manifest), "--require-signoff", "--format", "json", *DATE)
    assert required.exit_code == 1, required.output
    report = json.loads(required.stdout)
    assert report["results"][0]["result"] == "fail"
    assert report["results"][0]["warnings"][0]["blocking"] is True
    assert f"licensegate: error: {manifest}: the manifest changed" in required.stderr


def test_changed_policies_make_the_sign_off_outdated(manifest: Path, tmp_path: Path) -> None:
    assert _run("sign-off", str(manifest), "--by", "alice", *DATE).exit_code == 0
    org = tmp_path / "org"
    org.mkdir()
    (org / "extra.rego").write_text("package org.extra\n\nimport rego.v1\n\nx := 1\n")
    result = _run("check", str(manifest), "--policy", str(org), *DATE)
    assert result.exit_code == 0, result.output
    assert "the policies changed after the sign-off by alice" in result.stderr


def test_missing_sign_off_fails_only_when_required(manifest: Path) -> None:
    plain = _run("check", str(manifest), *DATE)
    assert plain.exit_code == 0 and "sign-off" not in plain.stderr
    required = _run("check", str(manifest), "--require-signoff", "--format", "sarif", *DATE)
    assert required.exit_code == 1, required.output
    (result,) = json.loads(required.stdout)["runs"][0]["results"][-1:]
    assert result["ruleId"] == "licensegate/signoff-missing" and result["level"] == "error"
    assert "no sign-off recorded" in required.stderr


def test_unreadable_sign_off_record(manifest: Path) -> None:
    signoff.signoff_path(manifest).write_text("{not json", encoding="utf-8")
    warned = _run("check", str(manifest), *DATE)
    assert warned.exit_code == 0 and "not valid JSON" in warned.stderr
    assert _run("check", str(manifest), "--require-signoff", *DATE).exit_code == 1
    refused = _run("sign-off", str(manifest), "--by", "alice", *DATE)
    assert refused.exit_code == 2 and "not valid JSON" in refused.stderr
    signoff.signoff_path(manifest).write_text('{"signoff_version": 1, "signoffs": [{}]}')
    assert "signoffs[0].by" in _run("check", str(manifest), *DATE).stderr


def test_waiver_expiring_within_30_days_warns_at_its_line(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(WAIVED, encoding="utf-8")
    result = _run("check", str(manifest), "--format", "json", *DATE)
    assert result.exit_code == 0, result.output
    (warning,) = json.loads(result.stdout)["results"][0]["warnings"]
    assert warning["code"] == "waiver-expiring" and warning["blocking"] is False
    assert warning["line"] == WAIVED.splitlines().index("    expires: 2026-12-15") + 1
    assert "expires on 2026-12-15, in 16 days" in warning["message"]
    assert f"licensegate: warning: {manifest}:{warning['line']}: the waiver of" in result.stderr
    github = _run("check", str(manifest), "--format", "github", *DATE)
    assert f"::warning file={manifest},line={warning['line']}," in github.stdout


@pytest.mark.parametrize(
    ("date", "warned"),
    [("2026-11-14", False), ("2026-11-15", True), ("2026-12-14", True), ("2026-12-15", False)],
)
def test_waiver_expiry_horizon(tmp_path: Path, date: str, warned: bool) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(WAIVED, encoding="utf-8")
    result = _run("check", str(manifest), "--date", date)
    # On 2026-12-15 the waiver no longer applies: the clause is violated again (exit 1).
    assert result.exit_code == (1 if date == "2026-12-15" else 0), result.output
    assert ("waiver of llama3.1:mau-threshold" in result.stderr) is warned


def test_the_library_api_applies_sign_off_state_as_check_does(tmp_path: Path) -> None:
    """api.check goes through the same pipeline as the CLI: no record, no warning; an outdated
    one warns, and fails under require_signoff (issue 10: it used to ignore sign-offs)."""
    from licensegate import api

    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(SIGNABLE, encoding="utf-8")
    day = dt.date(2026, 11, 29)
    (result,) = api.check([manifest], today=day).results
    assert result.warnings == []
    assert _run("sign-off", str(manifest), "--by", "alice", *DATE).exit_code == 0
    manifest.write_text(SIGNABLE + "# changed\n", encoding="utf-8")
    (result,) = api.check([manifest], today=day).results
    assert [w.code for w in result.warnings] == ["signoff-outdated"] and not result.failed
    (result,) = api.check([manifest], today=day, require_signoff=True).results
    assert result.failed
    library = api.load_library()
    one = api.check_one(manifest, library, api.make_engine(library), today=day)
    assert one == api.check([manifest], library=library, today=day).results[0]


def test_json_warnings_match_the_report_schema(manifest: Path) -> None:
    import jsonschema

    from conftest import REPO

    assert _run("sign-off", str(manifest), "--by", "alice", *DATE).exit_code == 0
    manifest.write_text(WAIVED, encoding="utf-8")
    result = _run("check", str(manifest), "--format", "json", "--require-signoff", *DATE)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    codes = [w["code"] for w in report["results"][0]["warnings"]]
    assert codes == ["signoff-outdated", "waiver-expiring"]
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)


# --- The record's shape: schemas/signoff.schema.json and the reader agree -----------------------

_DIGEST = "sha256:" + "ab" * 32
_GOOD_ENTRY = {
    "by": "counsel@acme.example",
    "at": "2026-11-29T10:12:00Z",
    "manifest_digest": _DIGEST,
    "policy_digest": _DIGEST,
    "tool_version": "0.1.0",
    "result": "pass",
    "summary": {"violated": 0, "satisfied": 7},
    "note": "",
}


def _document(**changes: object) -> dict:
    entry = {**_GOOD_ENTRY, **changes}
    return {"signoff_version": 1, "manifest": "licensegate.yaml", "signoffs": [entry]}


_BAD_DOCUMENTS = {
    "summary count is text": _document(summary={"violated": "zero"}),
    "summary count is a float": _document(summary={"violated": 1.5}),
    "summary count is a boolean": _document(summary={"violated": True}),
    "summary count is negative": _document(summary={"violated": -1}),
    "summary has an unknown status": _document(summary={"passed": 1}),
    "summary is a list": _document(summary=[1]),
    "digest is not sha256": _document(manifest_digest="md5:abc"),
    "digest has a trailing newline": _document(policy_digest=_DIGEST + "\n"),
    "time is not UTC": _document(at="2026-11-29T10:12:00+02:00"),
    "result is unknown": _document(result="approved"),
    "by holds a control character": _document(by="counsel\x1b[2J"),
    "note is a number": _document(note=7),
    "entry has an unknown key": _document(approved=True),
    "record has an unknown key": {**_document(), "extra": 1},
    "version is 2": {**_document(), "signoff_version": 2},
    "signoffs is an object": {"signoff_version": 1, "signoffs": {}},
}


@pytest.mark.parametrize("name", sorted(_BAD_DOCUMENTS))
def test_a_malformed_record_is_rejected_by_the_reader_and_the_schema(
    name: str, tmp_path: Path
) -> None:
    import jsonschema

    from licensegate.resources import schemas_dir
    from licensegate.schemafast import with_python_patterns

    document = _BAD_DOCUMENTS[name]
    schema = json.loads((schemas_dir() / "signoff.schema.json").read_text(encoding="utf-8"))
    # ECMA-262 semantics for `$` (Python's also matches before a final newline).
    schema = with_python_patterns(schema)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)), name
    path = tmp_path / "m.yaml.signoff.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(signoff.SignOffError):
        signoff.read_signoffs(path)


def test_a_well_formed_record_is_accepted_by_the_reader_and_the_schema(tmp_path: Path) -> None:
    import jsonschema

    from licensegate.resources import schemas_dir

    schema = json.loads((schemas_dir() / "signoff.schema.json").read_text(encoding="utf-8"))
    document = _document()
    jsonschema.Draft202012Validator(schema).validate(document)
    path = tmp_path / "m.yaml.signoff.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    [entry] = signoff.read_signoffs(path)
    assert entry.summary == {"violated": 0, "satisfied": 7}


def test_records_written_by_sign_off_match_the_schema(manifest: Path) -> None:
    import jsonschema

    from licensegate.resources import schemas_dir

    assert _run("sign-off", str(manifest), "--by", "counsel@acme.example", *DATE).exit_code == 0
    schema = json.loads((schemas_dir() / "signoff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(_record(manifest))


def test_a_non_integer_summary_is_an_invalid_record_not_a_crash(manifest: Path) -> None:
    assert _run("sign-off", str(manifest), "--by", "counsel@acme.example", *DATE).exit_code == 0
    record = _record(manifest)
    record["signoffs"][0]["summary"]["violated"] = "none"
    signoff.signoff_path(manifest).write_text(json.dumps(record), encoding="utf-8")
    warned = _run("check", str(manifest), *DATE)
    assert warned.exit_code == 0 and "summary.violated must be a whole number" in warned.stderr
    assert _run("check", str(manifest), "--require-signoff", *DATE).exit_code == 1


def test_an_impossible_sign_off_time_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml.signoff.json"
    path.write_text(json.dumps(_document(at="2026-13-45T99:00:00Z")), encoding="utf-8")
    with pytest.raises(signoff.SignOffError, match="not a real UTC time"):
        signoff.read_signoffs(path)


def _append_many(args: tuple[str, int]) -> None:
    manifest, worker = args
    for number in range(5):
        entry = signoff.SignOff(
            by=f"worker{worker}@acme.example",
            at=f"2026-11-29T10:{worker:02d}:{number:02d}Z",
            manifest_digest=_DIGEST,
            policy_digest=_DIGEST,
            tool_version="0.1.0",
            result="pass",
        )
        signoff.append_signoff(manifest, entry)


def test_concurrent_sign_offs_lose_no_entry(tmp_path: Path) -> None:
    import multiprocessing

    manifest = str(tmp_path / "licensegate.yaml")
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        pool.map(_append_many, [(manifest, worker) for worker in range(8)])
    entries = signoff.read_signoffs(signoff.signoff_path(manifest))
    assert len(entries) == 40
    assert len({(e.by, e.at) for e in entries}) == 40
    assert [p.name for p in tmp_path.iterdir()] == ["licensegate.yaml.signoff.json"]


def test_the_record_beside_a_manifest_is_read_through_safe_read_unless_absent(
    tmp_path: Path,
) -> None:
    """signoffs_beside (pipeline.finish) shortcuts only a record that is not there: whatever
    is there goes through safe_read's checks, as read_signoffs does."""
    import os

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    manifest = repo / "m.yaml"
    manifest.write_text("x", encoding="utf-8")
    assert signoff.signoffs_beside(str(manifest)) == []
    record = signoff.signoff_path(manifest)
    record.write_text(json.dumps(_document()), encoding="utf-8")
    assert [e.by for e in signoff.signoffs_beside(str(manifest))] == [
        e.by for e in signoff.read_signoffs(record)
    ]
    record.unlink()
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps(_document()), encoding="utf-8")
    record.symlink_to(outside)
    with pytest.raises(signoff.SignOffError, match="outside"):
        signoff.signoffs_beside(str(manifest))
    record.unlink()
    record.symlink_to(tmp_path / "nowhere.json")  # dangling, out of the repository
    with pytest.raises(signoff.SignOffError, match="outside"):
        signoff.signoffs_beside(str(manifest))
    record.unlink()
    os.mkfifo(record)
    with pytest.raises(signoff.SignOffError, match="FIFO"):
        signoff.signoffs_beside(str(manifest))
