"""`licensegate bundle build`: an OPA bundle that real OPA, loaded from it alone, agrees with."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, TODAY, opa_available
from licensegate import api, bundle
from licensegate.cli import app
from licensegate.engine import ANSWER, DECISION
from licensegate.engine.answer import findings_of, new_request
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.errors import PolicyError
from licensegate.facts import build_input
from licensegate.manifest import load_manifest
from licensegate.policy import PolicyLibrary

EXAMPLE_FILES = sorted(p for p in EXAMPLES.rglob("*") if api.is_manifest_name(p.name))
runner = CliRunner()


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[PolicyLibrary, Path]:
    """The bundle of the library as it is on disk now, through the CLI."""
    library = api.load_library()
    target = tmp_path_factory.mktemp("bundle") / "bundle.tar.gz"
    result = runner.invoke(app, ["bundle", "build", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"revision {library.digest}" in result.stderr
    return library, target


def test_manifest_revision_and_roots(built: tuple[PolicyLibrary, Path]) -> None:
    library, target = built
    files = _members(target)
    manifest = json.loads(files[".manifest"])
    assert manifest["revision"] == library.digest
    # One root: the bundle can share an OPA server with other teams' bundles (DESIGN.md §8).
    assert manifest["roots"] == ["licensegate"]
    for name in files:
        if name != ".manifest":
            assert any(name.startswith(root + "/") for root in manifest["roots"]), name
    assert json.loads(files["licensegate/data.json"]) == {"revision": library.digest}


def test_policies_without_tests_and_data_at_their_paths(built: tuple[PolicyLibrary, Path]) -> None:
    library, target = built
    files = _members(target)
    rego = {name for name in files if name.endswith(".rego")}
    assert rego == {m.name for m in library.policy_modules}
    assert not any(name.endswith("_test.rego") for name in files)
    for module in library.policy_modules:
        assert files[module.name].decode() == module.source
    data = sorted(name for name in files if name.endswith("data.json"))
    on_disk = sorted(
        p.relative_to(library.root).as_posix() for p in library.root.rglob("data.json")
    )
    assert data == sorted({*on_disk, "licensegate/data.json"})


def test_bundle_is_reproducible(built: tuple[PolicyLibrary, Path], tmp_path: Path) -> None:
    library, target = built
    again = tmp_path / "again.tar.gz"
    bundle.build(library, again)
    assert again.read_bytes() == target.read_bytes()
    with tarfile.open(again, "r:gz") as tar:
        assert {(m.mtime, m.uid, m.gid, m.mode) for m in tar.getmembers()} == {(0, 0, 0, 0o644)}


def test_extra_policy_folder_goes_into_the_bundle(tmp_path: Path) -> None:
    extra = tmp_path / "acme"
    (extra / "acme" / "approved").mkdir(parents=True)
    (extra / "acme" / "org.rego").write_text("package acme.org\n\nimport rego.v1\n\nok := true\n")
    (extra / "acme" / "org_test.rego").write_text("package acme.org_test\n")
    (extra / "acme" / "approved" / "data.json").write_text('{"models": ["x"]}')
    library = api.load_library([extra])
    target = tmp_path / "b.tar.gz"
    result = runner.invoke(app, ["bundle", "build", "-o", str(target), "--policy", str(extra)])
    assert result.exit_code == 0, result.output
    files = _members(target)
    manifest = json.loads(files[".manifest"])
    assert manifest["revision"] == library.digest
    assert "acme" in manifest["roots"]
    assert "acme/acme/org.rego" in files and "acme/acme/org_test.rego" not in files
    assert json.loads(files["acme/approved/data.json"]) == {"models": ["x"]}


def test_revision_defined_by_the_policies_is_refused(tmp_path: Path) -> None:
    from licensegate.resources import policies_dir

    library = api.load_library()
    clash = tmp_path / "clash"
    (clash / "licensegate").mkdir(parents=True)
    (clash / "licensegate" / "data.json").write_text('{"revision": "mine"}')
    with pytest.raises(PolicyError, match="revision"):
        bundle.bundle_files(PolicyLibrary.load(policies_dir(), [clash]), [clash])
    assert library.digest  # the library itself is untouched


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["bundle", "build", "-o", str(tmp_path / "missing" / "b.tar.gz")])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("licensegate: error: cannot write")


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_real_opa_loaded_from_the_bundle_alone_agrees_on_every_example(
    built: tuple[PolicyLibrary, Path],
) -> None:
    """Parse the tar, add_policy each module and add_data each data.json at its folder path:
    nothing from the checkout. Every example gets the same decision as licensegate's."""
    from opa_bindings import OpaEngine

    from oracle import canonical, load_bundle

    library, target = built
    opa = OpaEngine()
    try:
        load_bundle(opa, target.read_bytes())
        assert opa.eval_document("licensegate.revision") == library.digest
        embedded = EmbeddedEngine(library)
        for path in EXAMPLE_FILES:
            document = build_input(load_manifest(path), library, TODAY)
            decision = opa.eval_document(DECISION.removeprefix("data."), document)
            assert canonical(decision) == canonical(embedded.evaluate(document)), path
        # What --opa-preloaded checks on each answer: the bundle's own revision, echoed.
        request, _ = new_request(document)
        answer = opa.eval_document(ANSWER.removeprefix("data."), request)
        findings = findings_of(answer, request, revision=library.digest, source="bundle")
        assert canonical(findings) == canonical(embedded.evaluate(document))
    finally:
        opa.close()


# Another team's bundle on the same OPA server, claiming the top-level roots licensegate's bundle
# used to claim, with packages named like licensegate's old ones: were they merged into
# licensegate's rules, `commercial := false` and an empty llama3_1 would pass failing examples.
THEIR_BUNDLE = {
    ".manifest": json.dumps({"revision": "theirs-1", "roots": ["lib", "licenses"]}),
    "lib/deployment/deployment.rego": (
        "package lib.deployment\n\nimport rego.v1\n\n"
        "commercial := false\n\nproduct_made_available := false\n\nis_internal(_) := true\n"
    ),
    "licenses/llama3_1/llama3_1.rego": (
        "package licenses.llama3_1\n\nimport rego.v1\n\n"
        'findings contains {"id": "theirs", "status": "satisfied"} if true\n'
    ),
    "lib/data.json": json.dumps({"owner": "another team"}),
    "licenses/data.json": json.dumps({"index": ["llama3.1"]}),
}


def _overlapping(first: list[str], second: list[str]) -> list[tuple[str, str]]:
    """Root pairs OPA refuses to activate together: one is the other or a path prefix of it
    (OPA's bundle activation compares roots segment by segment; "" owns everything)."""
    pairs = []
    for a in first:
        for b in second:
            x, y = [s for s in a.split("/") if s], [s for s in b.split("/") if s]
            shorter = min(len(x), len(y))
            if x[:shorter] == y[:shorter]:
                pairs.append((a, b))
    return pairs


def test_roots_do_not_overlap_another_team_s_bundle(built: tuple[PolicyLibrary, Path]) -> None:
    _, target = built
    ours = json.loads(_members(target)[".manifest"])["roots"]
    theirs = json.loads(THEIR_BUNDLE[".manifest"])["roots"]
    assert _overlapping(ours, theirs) == []
    assert _overlapping(ours, ["licensegate/x"]) and _overlapping([""], theirs)  # the rule bites
    for name in THEIR_BUNDLE:
        if name != ".manifest":
            assert any(name.startswith(root + "/") for root in theirs), name


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_real_opa_serving_another_team_s_bundle_beside_ours_agrees_on_every_example(
    built: tuple[PolicyLibrary, Path],
) -> None:
    """Both bundles' modules and data in one real OPA, as a server activating both holds them:
    licensegate's decision on every example is the embedded engine's, and theirs still answers."""
    from opa_bindings import OpaEngine

    from oracle import canonical, load_files

    library, target = built
    opa = OpaEngine()
    try:
        ours = {name: raw for name, raw in _members(target).items() if name != ".manifest"}
        theirs = {k: v.encode() for k, v in THEIR_BUNDLE.items() if k != ".manifest"}
        for files in (theirs, ours):
            load_files(opa, files)
        assert opa.eval_document("licensegate.revision") == library.digest
        assert opa.eval_document("lib.deployment.commercial") is False  # theirs, untouched
        assert opa.eval_document("lib.owner") == "another team"
        embedded = EmbeddedEngine(library)
        for path in EXAMPLE_FILES:
            document = build_input(load_manifest(path), library, TODAY)
            decision = opa.eval_document(DECISION.removeprefix("data."), document)
            assert canonical(decision) == canonical(embedded.evaluate(document)), path
    finally:
        opa.close()


def test_bundle_output_never_follows_a_symlink(tmp_path: Path) -> None:
    """`bundle build -o` is written like every report: a link at the destination is refused."""
    from typer.testing import CliRunner

    from licensegate.cli import app

    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "bundle.tar.gz"
    link.symlink_to(target)
    result = CliRunner().invoke(app, ["bundle", "build", "-o", str(link)])
    assert result.exit_code == 2, result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.tar.gz", "precious.txt"]
