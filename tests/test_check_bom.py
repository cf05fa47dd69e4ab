"""`check --bom FILE` and `check --format cyclonedx` (DESIGN.md §7, issue 11 part 5).

A BOM from syft, cdxgen or licensegate is the list of models the repository uses, held to the
manifest like `check --scan`; `check --format cyclonedx` writes the verdicts as a CycloneDX 1.6
ML-BOM. BOMs are hostile input: the attacks come first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate import api
from licensegate.cli import app
from licensegate.formats.cyclonedx import placed_licenses
from licensegate.scan import bom_input
from manifests import FAILING, PASSING

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"
DATE = ["--date", "2026-11-29"]
runner = CliRunner()


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING, encoding="utf-8")
    return path


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def _check(*args: str):
    return runner.invoke(app, ["check", *args, *DATE])


def _findings(output: str) -> set[tuple[str, str, str]]:
    report = json.loads(output)
    return {(c["id"], c["subject"], c["status"]) for r in report["results"] for c in r["clauses"]}


def _validate(text: str) -> dict:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    return json.loads(text)


# A syft-style BOM: libraries and files around one Hugging Face model known only by its purl.
SYFT = {
    "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "serialNumber": "urn:uuid:0b7c1b8e-2a0e-4d5e-9f44-5f0e4a3a1c11",
    "version": 1,
    "metadata": {
        "tools": {"components": [{"type": "application", "author": "anchore", "name": "syft"}]},
        "component": {"bom-ref": "dir", "type": "file", "name": "."},
    },
    "components": [
        {
            "bom-ref": "pkg:pypi/transformers@4.46.0?package-id=1",
            "type": "library",
            "name": "transformers",
            "version": "4.46.0",
            "licenses": [{"license": {"id": "Apache-2.0"}}],
            "purl": "pkg:pypi/transformers@4.46.0",
        },
        {
            "bom-ref": "model-1",
            "type": "library",
            "name": "Llama-3.2-11B-Vision-Instruct",
            "purl": f"pkg:huggingface/{VISION}@0123456789abcdef0123456789abcdef01234567",
        },
        {"type": "file", "name": "/app/serve.py"},
    ],
}

# A cdxgen-style ML-BOM: machine-learning-model components named by group/name, nested.
CDXGEN = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "version": 1,
    "metadata": {"tools": {"components": [{"type": "application", "name": "cdxgen"}]}},
    "components": [
        {
            "type": "application",
            "name": "support-bot",
            "components": [
                {
                    "type": "machine-learning-model",
                    "group": "meta-llama",
                    "name": "Llama-3.1-8B-Instruct",
                    "licenses": [{"license": {"name": "llama3.1"}}],
                },
                {"type": "machine-learning-model", "name": "hf.co/" + VISION + ":Q4_K_M"},
            ],
        },
        {"type": "data", "name": "wikitext"},
    ],
}


# ------------------------------------------------------------------------------------------
# Hostile BOMs: exit 2, one line naming the file, nothing written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not a JSON document (line 1)"),
        (b"[" * 100_000 + b"]" * 100_000, "nests deeper than 64 levels"),
        (
            b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "x": '
            + b"[" * 70
            + b"]" * 70
            + b"}",
            "nests deeper than 64 levels",
        ),
        (b'{"bomFormat": "SPDX", "specVersion": "1.6"}', "not a CycloneDX BOM"),
        (b'{"bomFormat": "CycloneDX"}', 'no "specVersion"'),
        (b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {}}', "not a list"),
        (b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [1]}', "not an object"),
        (b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "x": NaN}', "not a JSON document"),
        (b"\xff\xfe{}", "not UTF-8"),
        (
            b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": '
            b'[{"type": "library", "name": "x", "purl": "pkg:huggingface/"}]}',
            "purl cannot be read",
        ),
        (
            b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": '
            b'[{"type": "machine-learning-model", "name": ""}]}',
            "has no name",
        ),
        (
            b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": '
            b'[{"type": "machine-learning-model", "name": "' + b"a" * 2000 + b'"}]}',
            "at most 1000 characters",
        ),
    ],
)
def test_a_malformed_bom_is_no_verdict_in_one_line(
    manifest: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bom = tmp_path / "evil.json"
    bom.write_bytes(content)
    out = tmp_path / "report.json"
    result = _check(str(manifest), "--bom", str(bom), "-o", str(out))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"licensegate: error: {bom}: ")
    assert message in lines[0]
    assert not out.exists()


def test_an_oversized_bom_is_refused_before_it_is_read(
    manifest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bom_input, "MAX_BYTES", 1024)
    bom = _write(tmp_path / "big.json", {**SYFT, "pad": "x" * 2000})
    result = _check(str(manifest), "--bom", str(bom))
    assert result.exit_code == 2
    assert "larger than" in result.stderr


def test_a_missing_or_folder_bom_is_no_verdict(manifest: Path, tmp_path: Path) -> None:
    for bad in (tmp_path / "absent.json", tmp_path):
        result = _check(str(manifest), "--bom", str(bad))
        assert result.exit_code == 2, result.stderr
        assert f"{bad}:" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_as_the_bom_cannot_hang_the_check(manifest: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "bom.json"
    os.mkfifo(fifo)
    result = _check(str(manifest), "--bom", str(fifo))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_too_many_components_is_an_error_not_a_cut(
    manifest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bom_input, "MAX_COMPONENTS", 3)
    bom = _write(tmp_path / "many.json", CDXGEN)
    result = _check(str(manifest), "--bom", str(bom))
    assert result.exit_code == 2
    assert "more than 3 components" in result.stderr


def test_a_hostile_model_name_is_kept_escaped_and_fails(manifest: Path, tmp_path: Path) -> None:
    evil = "\x1b[2J::error::pwned\nmeta-llama/x"
    document = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {"type": "machine-learning-model", "name": LLAMA},
            {"type": "machine-learning-model", "name": evil},
        ],
    }
    bom = _write(tmp_path / "bom.json", document)
    result = _check(str(manifest), "--bom", str(bom), "-f", "github")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "undeclared-model" in line]
    assert len(lines) == 1 and "\x1b" not in lines[0] and "\\x1b" in lines[0]


def test_a_full_width_slash_cannot_hide_a_model(manifest: Path, tmp_path: Path) -> None:
    document = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [{"type": "machine-learning-model", "name": VISION.replace("/", "\uff0f")}],
    }
    bom = _write(tmp_path / "bom.json", document)
    result = _check(str(manifest), "--bom", str(bom), "-f", "json")
    assert result.exit_code == 1
    assert ("licensegate:undeclared-model", VISION, "violated") in _findings(result.stdout)


# ------------------------------------------------------------------------------------------
# Which components are models, and what the BOM declares


def test_syft_bom_models_are_found_by_purl_only(manifest: Path, tmp_path: Path) -> None:
    bom = _write(tmp_path / "syft.json", SYFT)
    scan = bom_input.read(bom)
    assert [(r.model_id, r.revision) for r in scan.references] == [
        (VISION, "0123456789abcdef0123456789abcdef01234567")
    ]
    assert scan.references[0].evidence.kind == "bom"
    result = _check(str(manifest), "--bom", str(bom), "-f", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (clause,) = [c for c in report["results"][0]["clauses"] if c["subject"] == VISION]
    assert clause["id"] == "licensegate:undeclared-model"
    # at the line that writes its purl, so an annotation lands on it
    line = next(
        n for n, text in enumerate(bom.read_text().splitlines(), 1) if "pkg:huggingface" in text
    )
    assert clause["evidence"] == {"path": bom.as_posix(), "line": line, "kind": "bom"}
    # the listed Llama 3.1 is not in the BOM: a warning, not a failure
    (warning,) = [w for w in report["results"][0]["warnings"] if w["code"] == "model-not-found"]
    assert f"{LLAMA} is listed, but the BOM {bom} found no trace of it" in warning["message"]


def test_cdxgen_bom_nested_models_and_hub_urls(manifest: Path, tmp_path: Path) -> None:
    bom = _write(tmp_path / "cdxgen.json", CDXGEN)
    scan = bom_input.read(bom)
    assert sorted(r.model_id for r in scan.references) == [LLAMA, VISION]
    (card,) = scan.cards
    assert card.model_id == LLAMA and card.licenses == ("llama3.1",)
    result = _check(str(manifest), "--bom", str(bom), "-f", "json")
    assert result.exit_code == 1
    findings = _findings(result.stdout)
    assert ("licensegate:undeclared-model", VISION, "violated") in findings
    assert not any(f[0] == "licensegate:license-conflict" for f in findings)
    assert "model-not-found" not in result.stdout


def test_a_bom_listing_only_declared_models_passes(manifest: Path, tmp_path: Path) -> None:
    document = {**CDXGEN, "components": [CDXGEN["components"][0]["components"][0]]}
    bom = _write(tmp_path / "bom.json", document)
    result = _check(str(manifest), "--bom", str(bom))
    assert result.exit_code == 0, result.stdout


def test_a_bom_declaring_another_license_is_a_conflict(manifest: Path, tmp_path: Path) -> None:
    document = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "machine-learning-model",
                "purl": f"pkg:huggingface/{LLAMA}",
                "name": "x",
                "licenses": [
                    {"license": {"id": "MIT", "acknowledgement": "declared"}},
                    # someone's verdict, not a fact about the model: not read
                    {"license": {"name": "llama3.1", "acknowledgement": "concluded"}},
                ],
            }
        ],
    }
    bom = _write(tmp_path / "bom.json", document)
    result = _check(str(manifest), "--bom", str(bom), "-f", "json")
    assert result.exit_code == 1
    assert ("licensegate:license-conflict", LLAMA, "missing-facts") in _findings(result.stdout)


def test_several_boms_and_a_scan_add_up(manifest: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "app").mkdir(parents=True)
    (repo / "app" / "serve.py").write_text(
        f'from transformers import AutoModel\nAutoModel.from_pretrained("{LLAMA}")\n'
    )
    syft = _write(tmp_path / "syft.json", SYFT)
    other = _write(tmp_path / "other.json", {"bomFormat": "CycloneDX", "specVersion": "1.5"})
    result = _check(
        str(manifest), "--scan", str(repo), "--bom", str(syft), "--bom", str(other), "-f", "json"
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (clause,) = [c for c in report["results"][0]["clauses"] if c["subject"] == VISION]
    # the BOM is named from where check ran, though the scan's root is repo/
    assert clause["evidence"]["path"] == syft.as_posix()
    assert "model-not-found" not in result.stdout


# ------------------------------------------------------------------------------------------
# Round trip: scan -> BOM -> check --bom judges like check --scan


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "app").mkdir(parents=True)
    (repo / "app" / "serve.py").write_text(
        "from transformers import AutoModel, pipeline\n"
        f'AutoModel.from_pretrained("{LLAMA}", revision="abc123")\n'
        f'pipe = pipeline("image-to-text", model="{VISION}")\n',
        encoding="utf-8",
    )
    (repo / "Modelfile").write_text("FROM hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M\n")
    card = repo / "models" / "tuned"
    card.mkdir(parents=True)
    (card / "README.md").write_text(
        f"---\nlicense: mit\nbase_model: {LLAMA}\n---\n# tuned\n", encoding="utf-8"
    )
    return repo


@pytest.mark.parametrize("text", [PASSING, FAILING])
def test_scan_bom_round_trip_gives_the_same_findings(
    tmp_path: Path, repository: Path, text: str
) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(text, encoding="utf-8")
    bom = tmp_path / "scan.cdx.json"
    made = runner.invoke(
        app, ["scan", "--root", str(repository), "-f", "cyclonedx", "-o", str(bom)]
    )
    assert made.exit_code == 0, made.stderr
    by_scan = _check(str(manifest), "--scan", str(repository), "-f", "json")
    by_bom = _check(str(manifest), "--bom", str(bom), "-f", "json")
    assert by_scan.exit_code == by_bom.exit_code == 1
    assert _findings(by_scan.stdout) == _findings(by_bom.stdout)
    assert ("licensegate:undeclared-model", VISION, "violated") in _findings(by_bom.stdout)


# ------------------------------------------------------------------------------------------
# check --format cyclonedx


def _component(document: dict, model_id: str) -> dict:
    group, _, name = model_id.rpartition("/")
    (found,) = [
        c for c in document["components"] if c["name"] == name and c.get("group", "") == group
    ]
    return found


def _properties(component: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in component.get("properties", []):
        found.setdefault(item["name"], []).append(item["value"])
    return found


@pytest.mark.parametrize(("text", "code"), [(PASSING, 0), (FAILING, 1)])
def test_check_cyclonedx_is_a_valid_ml_bom_with_the_verdicts(
    tmp_path: Path, text: str, code: int
) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(text, encoding="utf-8")
    result = _check(str(manifest), "-f", "cyclonedx")
    assert result.exit_code == code
    document = _validate(result.stdout)
    llama = _component(document, LLAMA)
    assert llama["type"] == "machine-learning-model"
    assert llama["purl"] == f"pkg:huggingface/{LLAMA}"
    licenses = {
        (x["license"].get("name"), x["license"]["acknowledgement"]) for x in llama["licenses"]
    }
    assert licenses == {("llama3.1", "declared"), ("llama3.1", "concluded")}
    properties = _properties(llama)
    assert properties["licensegate:result"] == ["pass" if code == 0 else "fail"]
    assert properties["licensegate:manifest"] == [str(manifest)]
    mau = properties["licensegate:clause:llama3.1:mau-threshold"]
    assert mau == ["satisfied" if code == 0 else "violated"]
    metadata = {p["name"]: p["value"] for p in document["metadata"]["properties"]}
    assert metadata["licensegate:result"] == ("pass" if code == 0 else "fail")
    assert metadata["licensegate:policy-digest"].startswith("sha256:")


def test_check_cyclonedx_with_scan_carries_evidence_and_undeclared_models(
    manifest: Path, tmp_path: Path, repository: Path
) -> None:
    out = tmp_path / "bom.json"
    result = _check(
        str(manifest), "--scan", str(repository), "--also", f"cyclonedx={out}", "-f", "json"
    )
    assert result.exit_code == 1
    document = _validate(out.read_text(encoding="utf-8"))
    vision = _component(document, VISION)
    assert _properties(vision)["licensegate:result"] == ["fail"]
    assert _properties(vision)["licensegate:clause:licensegate:undeclared-model"] == ["violated"]
    (occurrence,) = vision["evidence"]["occurrences"]
    assert occurrence == {"location": "app/serve.py", "line": 3, "additionalContext": "python"}
    llama = _component(document, LLAMA)
    assert llama["version"] == "abc123"
    assert llama["purl"] == f"pkg:huggingface/{LLAMA}@abc123"
    # the local fine-tune's card: its declared license and its base model, from the scan
    (tuned,) = [c for c in document["components"] if c["name"] == "./models/tuned"]
    assert tuned["licenses"] == [{"license": {"acknowledgement": "declared", "id": "MIT"}}]
    assert tuned["pedigree"]["ancestors"][0]["purl"] == f"pkg:huggingface/{LLAMA}"


def test_derived_models_conclude_their_upstream_licenses(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "examples" / "apache-2.0"
    result = _check(str(example), "-f", "cyclonedx")
    assert result.exit_code == 1
    document = _validate(result.stdout)
    tutor = _component(document, "acme-research/Mixtral-8x7B-Tutor")
    assert tutor["licenses"] == [{"license": {"acknowledgement": "concluded", "id": "Apache-2.0"}}]
    (ancestor,) = tutor["pedigree"]["ancestors"]
    assert ancestor["purl"] == "pkg:huggingface/mistralai/Mixtral-8x7B-Instruct-v0.1"
    # a listed model no clause applies to is still described, with its concluded license
    mixtral = _component(document, "mistralai/Mixtral-8x7B-Instruct-v0.1")
    assert {"license": {"acknowledgement": "concluded", "id": "Apache-2.0"}} in mixtral["licenses"]
    assert _properties(mixtral)["licensegate:result"] == ["pass"]


def test_an_unplaced_model_has_no_concluded_license(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(PASSING.replace(LLAMA, "acme/secret-model"), encoding="utf-8")
    result = _check(str(manifest), "-f", "cyclonedx")
    assert result.exit_code == 1
    secret = _component(_validate(result.stdout), "acme/secret-model")
    assert "licenses" not in secret
    assert _properties(secret)["licensegate:clause:licensegate:unknown-model"] == ["missing-facts"]


def test_no_verdict_is_exit_2_and_said_in_the_bom(manifest: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.licensegate.yaml"
    bad.write_text("apiVersion: nope\n", encoding="utf-8")
    result = _check(str(manifest), str(bad), "-f", "cyclonedx")
    assert result.exit_code == 2
    document = _validate(result.stdout)
    metadata = [(p["name"], p["value"]) for p in document["metadata"]["properties"]]
    assert ("licensegate:result", "error") in metadata
    assert any(name == "licensegate:error" and str(bad) in value for name, value in metadata)


def test_placed_licenses_agree_with_the_rego_for_every_example() -> None:
    from licensegate.engine.embedded import EmbeddedEngine
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest

    library = api.load_library()
    engine = EmbeddedEngine(library)
    examples = sorted((Path(__file__).parent.parent / "examples").rglob("*.licensegate.yaml"))
    compared = 0
    for path in examples:
        try:
            document = build_input(load_manifest(path), library)
        except Exception:  # noqa: BLE001 - examples of bad input are judged elsewhere
            continue
        engine.raw.set_input(document)
        answer = engine.raw.eval_query("x := [s | some s in data.licensegate.lib.subjects.models]")
        subjects = answer["result"][0]["bindings"]["x"]
        rego = {s["id"]: sorted(s["licenses"]) for s in subjects}
        for model in document["manifest"]["models"]:
            if model["id"] in rego:
                assert placed_licenses(model) == rego[model["id"]], (path, model["id"])
                compared += 1
            else:
                assert placed_licenses(model) == [], (path, model["id"])
    assert compared > 50


def test_more_models_than_the_input_carries_is_no_verdict(manifest: Path, tmp_path: Path) -> None:
    from licensegate.scan import check_input

    count = check_input.MAX_MODELS + 1
    document = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {"type": "machine-learning-model", "group": "org", "name": f"m{i}"}
            for i in range(count)
        ],
    }
    bom = _write(tmp_path / "many-models.json", document)
    result = _check(str(manifest), "--bom", str(bom))
    assert result.exit_code == 2
    assert f"{count} distinct models" in result.stderr


def test_catalog_license_ids_survive_the_bom_round_trip() -> None:
    """The writer turns SPDX-like ids into SPDX ids; the reader lowercases them back."""
    from cyclonedx.spdx import fixup_id

    from licensegate.scan.ids import catalog

    entries = catalog().values()
    ids = {x for e in entries for x in e.get("licenses", [])}
    ids |= {x for e in entries for alt in e.get("alternative_licenses", []) for x in alt}
    assert len(ids) > 20
    for license_id in ids:
        written = fixup_id(license_id) or license_id
        assert written.lower() == license_id, license_id


def test_organisation_rules_are_verdicts_not_licenses(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "examples" / "org-policy"
    result = runner.invoke(
        app,
        [
            "check", str(example), "--org-policy", str(example / "licensegate.policy.yaml"),
            "--policy", str(example / "policies"), "--date", "2026-11-29", "-f", "cyclonedx",
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.stderr
    document = _validate(result.stdout)
    codestral = _component(document, "mistralai/Codestral-22B-v0.1")
    assert _properties(codestral)["licensegate:clause:org:license-denied"] == ["violated"]
    assert _properties(codestral)["licensegate:result"] == ["fail"]
    concluded = [x for x in codestral["licenses"] if x["license"]["acknowledgement"] == "concluded"]
    assert [x["license"]["name"] for x in concluded] == ["mnpl"]
    metadata = [(p["name"], p["value"]) for p in document["metadata"]["properties"]]
    assert ("licensegate:clause:org:acme-ownership", "violated") in metadata
    assert any(n == "licensegate:manifest" and v.endswith(": fail") for n, v in metadata)
    assert not any(c["name"] == "manifest" for c in document["components"])
