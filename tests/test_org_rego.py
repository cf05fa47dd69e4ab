"""Organisation Rego (`--policy DIR`): org.* packages add findings (licensegate's shape or conftest's
deny/violation/warn); nothing in an organisation folder can remove or rewrite a license finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TODAY, opa_available
from licensegate.cli import app
from manifests import FAILING, PASSING

DATE = ["--date", TODAY.isoformat()]

CONFTEST_DENY = """\
package org.acme.production

import rego.v1

deny contains msg if {
	input.manifest.product.environment == "research"
	some model in input.manifest.models
	msg := sprintf("%s: research deployments need an owner in metadata.owner", [model.id])
	not input.manifest.metadata.owner
}

warn contains "every model is reviewed yearly" if count(input.manifest.models) > 0
"""

SHAPED = """\
package org.acme.shaped

import rego.v1

# METADATA
# title: No Llama in research without a ticket
# custom:
#   clause: llama-ticket
#   remediation: Open a ticket with the model review board.
findings contains {
	"id": "org:llama-ticket", "subject": model.id, "status": "violated",
	"message": "no review ticket", "path": ["models", index],
} if {
	some index, model in input.manifest.models
	startswith(model.id, "meta-llama/")
}
"""


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "org-policies"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _manifest(tmp_path: Path, text: str = PASSING) -> Path:
    path = tmp_path / "licensegate.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(tmp_path: Path, folder: Path, text: str = PASSING, *extra: str):
    return _run(
        "check",
        str(_manifest(tmp_path, text)),
        "--policy",
        str(folder),
        "-f",
        "json",
        *DATE,
        *extra,
    )


@pytest.mark.parametrize(
    ("name", "source", "line", "why"),
    [
        (
            "llama.rego",
            "package licensegate.licenses.llama3_1\n\nimport rego.v1\n\nfindings contains {} if false\n",
            1,
            "belongs to licensegate",
        ),
        (
            "loophole.rego",
            "# an org rule\n\npackage licensegate.lib.deployment\n\nimport rego.v1\n\nis_internal(_) if true\n",
            3,
            "belongs to licensegate",
        ),
        (
            "root.rego",
            "package licensegate.licenses\n\nllama3_1 := {}\n",
            1,
            "belongs to licensegate",
        ),
        ("top.rego", "package licensegate\n\nrevision := 1\n", 1, "belongs to licensegate"),
        ("helper.rego", "package licensegate.lib.acme\n\nx := 1\n", 1, "belongs to licensegate"),
        ("collect.rego", "package licensegate.org\n\nactive := false\n", 1, "belongs to"),
        # below a license id: not a license package, and licensegate's namespace all the same
        ("deep.rego", "package licensegate.licenses.acme.x\n\ny := 1\n", 1, "belongs to"),
        # where licenses lived before the bundle roots moved under licensegate: the new name given
        (
            "old.rego",
            "package licenses.acme_internal\n\nx := 1\n",
            1,
            "now package licensegate.licenses.acme_internal",
        ),
        ("main.rego", "package licensegate.main\n\nfindings := []\n", 1, "belongs to licensegate"),
        (
            "conftest.rego",
            'package main\n\nimport rego.v1\n\ndeny contains "no" if true\n',
            5,
            "only in package org.<name>",
        ),
        (
            "licenses/acme/acme.rego",
            'package licensegate.licenses.acme\n\nimport rego.v1\n\nviolation contains "x" if true\n',
            5,
            "only in package org.<name>",
        ),
    ],
)
def test_a_folder_that_would_change_licensegate_rules_is_refused(
    tmp_path: Path, name: str, source: str, line: int, why: str
) -> None:
    folder = _folder(tmp_path, {name: source})
    result = _check(tmp_path, folder, FAILING)
    assert result.exit_code == 2, result.output
    assert f"{name}:{line}: " in result.stderr and why in result.stderr
    assert result.stdout == ""


def test_conftest_deny_fails_a_passing_manifest_and_keeps_the_message(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"production.rego": CONFTEST_DENY})
    result = _check(tmp_path, folder)
    assert result.exit_code == 1, result.output
    (entry,) = json.loads(result.stdout)["results"]
    org = [c for c in entry["clauses"] if c["license"] == "org"]
    assert [(c["id"], c["status"]) for c in org] == [("org:acme-production", "violated")]
    assert org[0]["message"].startswith("meta-llama/Llama-3.1-8B-Instruct: research deployments")
    assert org[0]["source"] == "org-policies/production.rego:5"
    codes = [(w["code"], w["message"]) for w in entry["warnings"]]
    assert ("org-warning", "org:acme-production: every model is reviewed yearly") in codes
    assert "every model is reviewed yearly" in result.stderr


def test_conftest_warn_alone_does_not_fail(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, {"w.rego": 'package org.w\n\nimport rego.v1\n\nwarn contains "look" if true\n'}
    )
    result = _check(tmp_path, folder)
    assert result.exit_code == 0, result.output


def test_findings_in_licensegate_shape_carry_their_metadata_and_location(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"shaped.rego": SHAPED})
    result = _check(tmp_path, folder)
    assert result.exit_code == 1, result.output
    (clause,) = [
        c
        for c in json.loads(result.stdout)["results"][0]["clauses"]
        if c["id"] == "org:llama-ticket"
    ]
    assert clause["title"] == "No Llama in research without a ticket"
    assert clause["remediation"] == "Open a ticket with the model review board."
    assert clause["location"]["path"] == "models[0]" and clause["location"]["line"] == 7


def test_an_org_clause_can_be_waived_like_any_other(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"shaped.rego": SHAPED})
    waived = PASSING + (
        "waivers:\n  - clause: org:llama-ticket\n    approved_by: cto@acme.example\n"
        "    reason: ticket 42\n    expires: 2027-01-01\n"
    )
    result = _check(tmp_path, folder, waived)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "finding",
    [
        # speak for a license clause: a satisfied copy of the violated one
        '{"id": "llama3.1:mau-threshold", "subject": "meta-llama/Llama-3.1-8B-Instruct", '
        '"status": "satisfied", "message": "fine", "path": []}',
        # claim a waiver the manifest never recorded
        '{"id": "org:x", "subject": "s", "status": "waived", "message": "m", "path": []}',
        '{"id": "org:x", "subject": "s", "status": "satisfied", "message": "m", "path": [], '
        '"waiver": {"clause": "llama3.1:mau-threshold"}}',
        # a licensegate clause
        '{"id": "licensegate:unknown-model", "subject": "s", "status": "satisfied", '
        '"message": "m", "path": []}',
        '"not an object"',
    ],
)
def test_an_org_rule_cannot_flip_a_license_failure(tmp_path: Path, finding: str) -> None:
    source = f"package org.sneaky\n\nimport rego.v1\n\nfindings contains {finding} if true\n"
    result = _check(tmp_path, _folder(tmp_path, {"sneaky.rego": source}), FAILING)
    assert result.exit_code == 2, result.output
    assert "organisation policy org.sneaky emitted a finding" in result.stderr


def test_an_org_rule_saying_satisfied_leaves_the_license_failure(tmp_path: Path) -> None:
    source = (
        "package org.calm\n\nimport rego.v1\n\n# METADATA\n# custom:\n#   clause: calm\n"
        'findings contains {"id": "org:calm", "subject": "meta-llama/Llama-3.1-8B-Instruct", '
        '"status": "satisfied", "message": "all good", "path": []} if true\n'
    )
    result = _check(tmp_path, _folder(tmp_path, {"calm.rego": source}), FAILING)
    assert result.exit_code == 1, result.output
    statuses = {c["id"]: c["status"] for c in json.loads(result.stdout)["results"][0]["clauses"]}
    assert statuses["llama3.1:mau-threshold"] == "violated"
    assert statuses["org:calm"] == "satisfied"


def test_an_undocumented_org_clause_is_no_verdict(tmp_path: Path) -> None:
    source = (
        "package org.quiet\n\nimport rego.v1\n\n"
        'findings contains {"id": "org:nowhere", "subject": "s", "status": "violated", '
        '"message": "m", "path": []} if true\n'
    )
    result = _check(tmp_path, _folder(tmp_path, {"quiet.rego": source}))
    assert result.exit_code == 2, result.output


def test_licensegate_test_runs_the_org_tests(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "production.rego": CONFTEST_DENY,
            "production_test.rego": (
                "package org.acme.production_test\n\nimport rego.v1\n\n"
                "import data.org.acme.production\n\n"
                "test_denies_research_without_owner if {\n"
                '\tcount(production.deny) == 1 with input as {"manifest": {"metadata": {}, '
                '"product": {"environment": "research"}, "models": [{"id": "a/b"}]}}\n'
                "}\n\ntest_breaks if false\n"
            ),
        },
    )
    result = _run("test", "--policy", str(folder))
    assert result.exit_code == 1, result.output
    assert "FAILED" in result.stdout and "test_breaks" in result.stdout
    assert "test_denies_research_without_owner" not in result.stdout


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_org_findings_same_under_real_opa(tmp_path: Path) -> None:
    """One query: an org conftest package and a shaped one, decision under OPA and regorus."""
    from licensegate import api
    from licensegate.engine.embedded import EmbeddedEngine
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import OracleEngine, canonical

    folder = _folder(tmp_path, {"production.rego": CONFTEST_DENY, "shaped.rego": SHAPED})
    library = api.load_library([folder])
    document = build_input(load_manifest(_manifest(tmp_path, FAILING)), library, TODAY)
    expected = EmbeddedEngine(library).evaluate(document)
    assert {item["id"] for item in expected} >= {"org:acme-production", "org:llama-ticket"}
    assert canonical(OracleEngine(library).evaluate(document)) == canonical(expected)


def test_an_org_test_module_that_does_not_parse_is_exit_2(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, {"x_test.rego": "package org.x_test\n\nimport rego.v1\n\ntest_a if {\n"}
    )
    result = _run("test", "--policy", str(folder))
    assert result.exit_code == 2, result.output
    assert "x_test.rego:6" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "files",
    [
        # a catalog entry would give an unknown model a license: licensegate:unknown-model gone
        {"licensegate/catalog/acme/data.json": '{"models": {"acme/x": {"id": "acme/x"}}}'},
        {"data.json": '{"licensegate": {"org_policy": {}}}'},
        {"licensegate/licenses/acme/data.json": '{"x": 1}'},
    ],
)
def test_organisation_data_under_licensegate_roots_is_refused(
    tmp_path: Path, files: dict[str, str]
) -> None:
    result = _check(tmp_path, _folder(tmp_path, files), FAILING)
    assert result.exit_code == 2, result.output
    assert "belongs to licensegate" in result.stderr


def test_top_level_lib_and_licenses_are_the_organisation_s_own(tmp_path: Path) -> None:
    """licensegate claims only `licensegate` (DESIGN.md §8): `lib` and `licenses` data, and a
    helper package `lib.acme` an org.* rule imports, are the organisation's to use."""
    helper = "package lib.acme\n\nimport rego.v1\n\nowner := data.lib.acme_owner\n"
    rule = (
        "package org.acme.owned\n\nimport rego.v1\n\nimport data.lib.acme\n\n"
        'deny contains "owner is not acme" if acme.owner != "acme"\n'
    )
    files = {
        "lib/acme/acme.rego": helper,
        "org/owned.rego": rule,
        "data.json": '{"lib": {"acme_owner": "someone"}, "licenses": {"x": 1}}',
    }
    result = _check(tmp_path, _folder(tmp_path, files))
    assert result.exit_code == 1, result.output
    (entry,) = json.loads(result.stdout)["results"]
    org = [(c["id"], c["message"]) for c in entry["clauses"] if c["license"] == "org"]
    assert org == [("org:acme-owned", "owner is not acme")]


def test_a_default_conftest_rule_outside_org_is_refused(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, {"main.rego": "package main\n\nimport rego.v1\n\ndefault deny := false\n"}
    )
    result = _check(tmp_path, folder)
    assert result.exit_code == 2 and "main.rego:5" in result.stderr


def test_a_module_named_like_licensegate_s_own_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "licensegate"
    (root / "dispatch").mkdir(parents=True)
    (root / "dispatch" / "dispatch.rego").write_text("package org.dispatch\n\nimport rego.v1\n")
    result = _check(tmp_path, root)
    assert result.exit_code == 2 and "rename the folder" in result.stderr


def test_org_findings_are_the_same_with_worker_processes(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"production.rego": CONFTEST_DENY, "shaped.rego": SHAPED})
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    for index in range(3):
        (manifests / f"m{index}.licensegate.yaml").write_text(PASSING, encoding="utf-8")
    reports = [
        _run("check", str(manifests), "--policy", str(folder), "-f", "json", "-j", jobs, *DATE)
        for jobs in ("1", "2")
    ]
    assert [r.exit_code for r in reports] == [1, 1], reports[1].output
    assert json.loads(reports[0].stdout)["results"] == json.loads(reports[1].stdout)["results"]


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_a_bundle_with_org_rego_gives_real_opa_the_org_findings(tmp_path: Path) -> None:
    """`bundle build --policy` carries the org packages and their collector: real OPA, loaded from
    the bundle alone, answers one query with the same decision, org findings included."""

    from opa_bindings import OpaEngine

    from licensegate import api
    from licensegate.engine.embedded import EmbeddedEngine
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import canonical, load_bundle

    folder = _folder(tmp_path, {"production.rego": CONFTEST_DENY, "shaped.rego": SHAPED})
    target = tmp_path / "bundle.tar.gz"
    built = _run("bundle", "build", "-o", str(target), "--policy", str(folder))
    assert built.exit_code == 0, built.output
    library = api.load_library([folder])
    document = build_input(load_manifest(_manifest(tmp_path, FAILING)), library, TODAY)
    opa = OpaEngine()
    try:
        load_bundle(opa, target.read_bytes())
        decision = opa.eval_document("licensegate.main.findings", document)
    finally:
        opa.close()
    assert {"org:acme-production", "org:llama-ticket"} <= {item["id"] for item in decision}
    assert canonical(decision) == canonical(EmbeddedEngine(library).evaluate(document))
