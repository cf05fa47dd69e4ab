"""The published input document (schemas/input.schema.json, `licensegate input`) and the conftest
adapter (docs/conftest/main.rego): what OPA and conftest users evaluate is what licensegate does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO, TODAY, opa_available
from licensegate import api, inputschema
from licensegate.cli import app
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.facts import build_input
from licensegate.manifest import load_manifest
from licensegate.policy import Module, PolicyLibrary
from manifests import FAILING, PASSING

EXAMPLE_FILES = sorted(p for p in EXAMPLES.rglob("*") if api.is_manifest_name(p.name))
SCHEMA_PATH = REPO / "schemas" / "input.schema.json"
CONFTEST_MODULE = REPO / "docs" / "conftest" / "main.rego"
DATE = ["--date", TODAY.isoformat()]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _input(path: Path, library: PolicyLibrary) -> dict[str, Any]:
    return build_input(load_manifest(path), library, TODAY)


def test_committed_input_schema_is_generated_from_the_manifest_schema() -> None:
    manifest_schema = json.loads((REPO / "schemas" / "manifest.schema.json").read_text())
    assert json.loads(SCHEMA_PATH.read_text()) == inputschema.render(manifest_schema), (
        "schemas/input.schema.json is stale: run `make generate`"
    )


def test_the_input_of_every_example_matches_the_schema(
    library: PolicyLibrary, validator: jsonschema.Draft202012Validator
) -> None:
    assert len(EXAMPLE_FILES) > 40
    for path in EXAMPLE_FILES:
        errors = [e.message for e in validator.iter_errors(_input(path, library))]
        assert not errors, f"{path}: {errors[:3]}"


def test_the_schema_rejects_what_the_harness_never_sends(
    library: PolicyLibrary, validator: jsonschema.Draft202012Validator
) -> None:
    """The schema is exact, not permissive: user keys, unfilled defaults, a raw manifest fail."""
    document = _input(EXAMPLE_FILES[0], library)
    assert validator.is_valid(document)
    with_user_key = json.loads(json.dumps(document))
    with_user_key["manifest"]["x-note"] = "stripped by the harness"
    no_default = json.loads(json.dumps(document))
    del no_default["manifest"]["waivers"]
    bad_day = {**document, "today": "29/11/2026"}
    raw_manifest = load_manifest(EXAMPLE_FILES[0]).data
    for wrong in (with_user_key, no_default, bad_day, raw_manifest, {}):
        assert not validator.is_valid(wrong)


def test_input_command_prints_the_document_check_evaluates(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING, encoding="utf-8")
    result = CliRunner().invoke(app, ["input", str(path), *DATE])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == build_input(load_manifest(path), api.load_library(), TODAY)


def test_input_command_refuses_an_invalid_manifest_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING.replace("kind: Deployment", "kind: Deploy"), encoding="utf-8")
    result = CliRunner().invoke(app, ["input", str(path), *DATE])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{path}:2" in result.stderr


def _with_conftest(library: PolicyLibrary) -> PolicyLibrary:
    source = CONFTEST_MODULE.read_text(encoding="utf-8")
    return PolicyLibrary(
        root=library.root,
        modules=[*library.modules, Module("docs/conftest/main.rego", source, "main")],
        data=library.data,
    )


def test_conftest_adapter_denies_exactly_what_check_fails(library: PolicyLibrary) -> None:
    """For every example: conftest's deny is non-empty iff licensegate fails it, and names the
    same failing clauses; warn lists the clauses that need an attestation."""
    engine = EmbeddedEngine(_with_conftest(library))
    plain = EmbeddedEngine(library)
    for path in EXAMPLE_FILES:
        engine.raw.set_input(_input(path, library))
        verdict = {rule: engine.raw.eval_rule(f"data.main.{rule}") for rule in ("deny", "warn")}
        result = api.check_one(path, library, plain, today=TODAY)
        failing = {
            (c.id, c.subject)
            for c in result.clauses
            if c.status.value in ("violated", "missing-facts")
        }
        denied = {tuple(line.split(" ", 3)[1:3]) for line in verdict["deny"]}
        assert {(cid, subject.strip("():")) for cid, subject in denied} == failing, path
        assert bool(verdict["deny"]) == result.failed, path
        attest = sum(1 for c in result.clauses if c.status.value == "needs-attestation")
        assert len(verdict["warn"]) == attest, path


def test_conftest_adapter_denies_a_raw_manifest(library: PolicyLibrary) -> None:
    """Fed the manifest instead of `licensegate input`, conftest fails; it never passes."""
    engine = EmbeddedEngine(_with_conftest(library))
    path = EXAMPLE_FILES[0]
    engine.raw.set_input(load_manifest(path).data)
    deny = engine.raw.eval_rule("data.main.deny")
    assert any("licensegate:invalid-input" in line for line in deny)


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_conftest_adapter_same_under_real_opa(tmp_path: Path, library: PolicyLibrary) -> None:
    """One query to real OPA: the printed input of a failing manifest gives the same deny and
    warn as regorus."""
    from opa_bindings import OpaEngine

    path = tmp_path / "licensegate.yaml"
    path.write_text(FAILING, encoding="utf-8")
    printed = CliRunner().invoke(app, ["input", str(path), *DATE])
    document = json.loads(printed.stdout)
    combined = _with_conftest(library)
    opa = OpaEngine()
    for module in combined.policy_modules:
        opa.add_policy(module.name, module.source)
    opa.add_data(combined.data)
    answer = opa.eval_document("main", document)
    regorus = EmbeddedEngine(combined)
    regorus.raw.set_input(document)
    expected = {rule: regorus.raw.eval_rule(f"data.main.{rule}") for rule in ("deny", "warn")}
    assert answer["deny"], "the failing manifest must be denied"
    assert sorted(answer["deny"]) == sorted(expected["deny"])
    assert sorted(answer.get("warn", [])) == sorted(expected.get("warn", []))


def test_the_input_with_a_scan_matches_the_schema(
    tmp_path: Path, library: PolicyLibrary, validator: jsonschema.Draft202012Validator
) -> None:
    """`check --scan` adds input.scan; the schema describes it too."""
    from test_check_scan import _card, _ref, _scan

    seen: list[dict[str, Any]] = []

    class Recording(EmbeddedEngine):
        def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
            seen.append(input_document)
            return super().evaluate(input_document)

    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING, encoding="utf-8")
    scan = _scan(_ref("meta-llama/Llama-3.1-8B-Instruct"), _ref("Qwen/Qwen-14B"),
                 cards=[_card("acme/tuned", "llama3.1")])  # fmt: skip
    api.check([path], library=library, engine=Recording(library), today=TODAY, scan=scan)
    (document,) = seen
    assert document["scan"]["models"] and document["scan"]["cards"]
    errors = [e.message for e in validator.iter_errors(document)]
    assert not errors, errors[:3]
    broken = {**document, "scan": {"models": [{"id": "x"}], "cards": []}}
    assert not validator.is_valid(broken)
