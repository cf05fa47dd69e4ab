"""Lineage without the catalog: a model inherits its bases' licenses through `base_model`.

Every card is written by whoever opens the pull request, so the attacks come first: a card that
claims a permissive license for a Llama finetune, loops, a 100-hop chain, a model that is its own
base, hostile base strings, a web of merges built to blow up the walk. Lineage may only add
licenses, never take one away, and nothing it cannot follow is a quiet pass.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import opa_available
from licensegate import api
from licensegate.cli import app
from licensegate.report import Status
from licensegate.scan import check_input
from licensegate.scan.evidence import Evidence, ModelCard, ScanResult
from licensegate.scan.lineage import MAX_HOPS, lineage, scan_document

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
QWEN = "Qwen/Qwen2.5-0.5B"
SUPPORT = "acme/Llama-3.1-8B-Support"
CONFLICT = "licensegate:license-conflict"
UNKNOWN = "licensegate:unknown-model"

MANIFEST = """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: support-bot}
licensee: {name: Acme, domicile: US, monthly_active_users: 1000}
product: {commercial: false, environment: research, audience: internal}
models:
  - id: meta-llama/Llama-3.1-8B-Instruct
    uses: [evaluation]
  - id: acme/Llama-3.1-8B-Support
    uses: [evaluation]
"""


def _card(
    model_id: str,
    *bases: str,
    licenses: tuple[str, ...] = (),
    relation: str | None = "finetune",
    path: str | None = None,
    line: int = 3,
    kind: str = "model-card",
) -> ModelCard:
    where = path or f"hub/models--{model_id.replace('/', '--')}/snapshots/abc/README.md"
    return ModelCard(
        model_id,
        Evidence(where, line, kind),  # type: ignore[arg-type]
        licenses=licenses,
        base_models=bases,
        relation=relation,  # type: ignore[arg-type]
    )


def _check(tmp_path: Path, *cards: ModelCard, manifest: str = MANIFEST):
    path = tmp_path / "licensegate.yaml"
    path.write_text(manifest, encoding="utf-8")
    scan = ScanResult(".", (), tuple(cards), ())
    report = api.check([path], scan=scan, today=dt.date(2026, 11, 29))
    assert not report.errors, report.errors
    return _Checked(report.results[0], _subjects(path, scan))


@functools.cache
def _library():
    return api.load_library()


@functools.cache
def _engine():
    from licensegate.engine.embedded import EmbeddedEngine

    return EmbeddedEngine(_library())


@dataclass
class _Checked:
    """A result, and the licenses each listed model was judged under."""

    result: Any
    subjects: dict[str, set[str]]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.result, name)


def _subjects(path: Path, scan: ScanResult) -> dict[str, set[str]]:
    """The licenses each listed model is judged under, as licensegate.lib.subjects computes them."""
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest

    library = _library()
    facts = check_input.ScanFacts.of(scan, catalog=library.catalog)
    document = build_input(load_manifest(path), library, dt.date(2026, 11, 29))
    document["scan"] = scan_document(facts, document["manifest"])
    engine = _engine().raw
    engine.set_input(document)
    query = "x := {s.id: s.licenses | some s in data.licensegate.lib.subjects.models}"
    found = engine.eval_query(query)["result"][0]["bindings"]["x"]
    return {subject: set(licenses) for subject, licenses in found.items()}


def _of(result, subject: str, clause: str | None = None):
    return [
        c for c in result.clauses if c.subject == subject and (clause is None or c.id == clause)
    ]


def _licenses(result, subject: str) -> set[str]:
    return result.subjects.get(subject, set())


def _walk(*cards: ModelCard, ids=(SUPPORT,)):
    return lineage(cards, _library().catalog, ids, root=".")


# --- attacks ----------------------------------------------------------------------------------


def test_a_card_claiming_mit_for_a_llama_finetune_keeps_the_llama_license(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, LLAMA, licenses=("mit",)))
    assert "llama3.1" in _licenses(result, SUPPORT)
    (conflict,) = _of(result, SUPPORT, CONFLICT)
    assert conflict.status is Status.MISSING_FACTS
    assert "says acme/Llama-3.1-8B-Support is under mit" in conflict.message
    assert "finetune of meta-llama/Llama-3.1-8B-Instruct, which carry llama3.1" in conflict.message
    assert result.failed


def test_the_manifest_cannot_drop_what_the_lineage_carries(tmp_path: Path) -> None:
    manifest = MANIFEST + "    license: mit\n"
    result = _check(tmp_path, _card(SUPPORT, LLAMA), manifest=manifest)
    assert {"llama3.1", "mit"} <= _licenses(result, SUPPORT)
    (conflict,) = _of(result, SUPPORT, CONFLICT)
    assert "the manifest puts acme/Llama-3.1-8B-Support under mit" in conflict.message
    assert "carries llama3.1 too" in conflict.message


@pytest.mark.parametrize(
    "cards",
    [
        [_card(SUPPORT, SUPPORT)],
        [_card(SUPPORT, "acme/a"), _card("acme/a", "acme/b"), _card("acme/b", SUPPORT)],
        # a loop beside a branch that reaches the catalog still poisons the chain
        [_card(SUPPORT, LLAMA, "acme/a", relation="merge"), _card("acme/a", "acme/a")],
    ],
    ids=["its-own-base", "three-step-loop", "loop-beside-a-good-branch"],
)
def test_a_loop_resolves_nothing_and_is_a_conflict(tmp_path: Path, cards) -> None:
    result = _check(tmp_path, *cards)
    (unknown,) = _of(result, SUPPORT, UNKNOWN)
    assert "loops (" in unknown.message
    (conflict,) = _of(result, SUPPORT, CONFLICT)
    assert "loops" in conflict.message
    assert _licenses(result, SUPPORT) == set()


def test_a_100_hop_chain_is_too_long(tmp_path: Path) -> None:
    chain = [SUPPORT] + [f"acme/hop-{n}" for n in range(99)] + [LLAMA]
    cards = [_card(chain[n], chain[n + 1]) for n in range(100)]
    result = _check(tmp_path, *cards)
    (unknown,) = _of(result, SUPPORT, UNKNOWN)
    assert f"longer than {MAX_HOPS} hops" in unknown.message
    assert _of(result, SUPPORT, CONFLICT)


@pytest.mark.parametrize("hops,resolved", [(MAX_HOPS, True), (MAX_HOPS + 1, False)])
def test_the_bound_is_exact(hops: int, resolved: bool) -> None:
    chain = [SUPPORT] + [f"acme/hop-{n}" for n in range(hops - 1)] + [LLAMA]
    cards = [_card(chain[n], chain[n + 1]) for n in range(hops)]
    (record,) = _walk(*cards).values()
    assert record["resolved"] is resolved
    assert record["licenses"] == (["llama3.1"] if resolved else [])


@pytest.mark.parametrize(
    "base",
    [
        "meta-llama/Llama-3.1-8B-Instruct\n::error::pwned",
        "../../../etc/passwd",
        "meta\u2010llama/Llama-3.1-8B-Instruct",  # a Unicode hyphen: not the catalog's id
        "",
        "x" * 5000,
    ],
    ids=["workflow-command", "path", "lookalike", "empty", "huge"],
)
def test_a_hostile_base_string_places_nothing(tmp_path: Path, base: str) -> None:
    result = _check(tmp_path, _card(SUPPORT, base))
    (unknown,) = _of(result, SUPPORT, UNKNOWN)
    if base == "":
        return  # no base named at all: no lineage, the model is unknown as before
    assert "neither the catalog nor a model card found by the scan can place" in unknown.message
    assert "\n" not in unknown.message and "::error::" not in unknown.message.split("\\x0a")[0]
    assert len(unknown.message) < 2000
    assert _licenses(result, SUPPORT) == set()


def test_a_base_the_catalog_does_not_know_stays_unknown(tmp_path: Path) -> None:
    cards = [_card(SUPPORT, "acme/a"), _card("acme/a", "someone/mystery", licenses=("mit",))]
    result = _check(tmp_path, *cards)
    (unknown,) = _of(result, SUPPORT, UNKNOWN)
    assert "reaches someone/mystery" in unknown.message
    assert not _of(result, SUPPORT, CONFLICT)  # unknown, not contradictory
    assert result.failed


def test_a_card_cannot_relicense_a_catalog_model(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(LLAMA, QWEN), _card(SUPPORT, LLAMA))
    assert _licenses(result, LLAMA) == {"llama3.1"}
    assert _licenses(result, SUPPORT) == {"llama3.1"}


def test_an_intermediate_card_claiming_less_is_a_conflict(tmp_path: Path) -> None:
    cards = [
        _card(SUPPORT, "acme/base-q4", relation="adapter"),
        _card("acme/base-q4", LLAMA, licenses=("apache-2.0",), relation="quantized"),
    ]
    result = _check(tmp_path, *cards)
    assert {"llama3.1", "apache-2.0"} <= _licenses(result, SUPPORT)
    (conflict,) = _of(result, SUPPORT, CONFLICT)
    assert "says acme/base-q4 is under apache-2.0" in conflict.message
    assert "quantized from meta-llama/Llama-3.1-8B-Instruct" in conflict.message


def test_a_web_of_merges_is_walked_once_per_model() -> None:
    # 17 layers of 30 models, each a merge of the whole layer above: 30**17 paths, 510 nodes.
    layers = [[f"acme/l{depth}-{n}" for n in range(30)] for depth in range(17)]
    cards = [_card(SUPPORT, *layers[0], relation="merge")]
    cards += [
        _card(name, *layers[depth + 1], relation="merge")
        for depth in range(16)
        for name in layers[depth]
    ]
    cards += [_card(name, LLAMA) for name in layers[16]]
    start = time.perf_counter()
    (record,) = _walk(*cards).values()
    assert time.perf_counter() - start < 2
    assert record["resolved"] is False and record["kind"] == "too-long"


# --- what it is for -------------------------------------------------------------------------


def test_a_finetune_inherits_the_llama_license_and_says_how(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, LLAMA, licenses=("llama3.1",)))
    assert not _of(result, SUPPORT, UNKNOWN)
    assert not _of(result, SUPPORT, CONFLICT)
    assert _licenses(result, SUPPORT) == {"llama3.1"}
    chain = (
        "acme/Llama-3.1-8B-Support (finetune of meta-llama/Llama-3.1-8B-Instruct, from its "
        "model card at hub/models--acme--Llama-3.1-8B-Support/snapshots/abc/README.md:3)"
    )
    assert all(chain in c.message for c in _of(result, SUPPORT))


def test_a_merge_inherits_every_parent(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, LLAMA, QWEN, relation="merge"))
    assert _licenses(result, SUPPORT) >= {"llama3.1", "apache-2.0"}
    assert any(
        "merge of meta-llama/Llama-3.1-8B-Instruct, Qwen/Qwen2.5-0.5B" in c.message
        for c in _of(result, SUPPORT)
    )


def test_a_silent_relation_still_inherits(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, LLAMA, relation=None))
    assert _licenses(result, SUPPORT) == {"llama3.1"}
    assert any("derived from meta-llama" in c.message for c in _of(result, SUPPORT))


def test_an_agreeing_manifest_license_is_no_conflict(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, LLAMA), manifest=MANIFEST + "    license: llama3.1\n")
    assert not _of(result, SUPPORT, CONFLICT)
    assert _licenses(result, SUPPORT) == {"llama3.1"}


def test_a_card_adding_a_license_adds_it(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, LLAMA, licenses=("llama3.1", "cc-by-nc-4.0")))
    assert not _of(result, SUPPORT, CONFLICT)
    assert {"llama3.1", "cc-by-nc-4.0"} <= _licenses(result, SUPPORT)


def test_a_model_folder_card_and_a_gguf_header_count(tmp_path: Path) -> None:
    folder = _card(
        "./models/Llama-3.1-8B-Support", LLAMA, path="models/Llama-3.1-8B-Support/README.md"
    )
    result = _check(tmp_path, folder)
    assert _licenses(result, SUPPORT) == {"llama3.1"}
    gguf = _card(
        "./weights/Llama-3.1-8B-Support.gguf",
        LLAMA,
        relation=None,
        path="weights/Llama-3.1-8B-Support.gguf",
        line=0,
        kind="gguf",
    )
    result = _check(tmp_path, gguf)
    assert any(
        "from its GGUF header at weights/Llama-3.1-8B-Support.gguf)" in c.message
        for c in _of(result, SUPPORT)
    )


def test_a_card_without_a_base_changes_nothing(tmp_path: Path) -> None:
    result = _check(tmp_path, _card(SUPPORT, licenses=("llama3.1",)))
    assert _of(result, SUPPORT, UNKNOWN)


def test_check_scan_follows_a_card_in_a_hugging_face_cache(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    card = repo / "hub/models--acme--Llama-3.1-8B-Support/snapshots/abc123/README.md"
    card.parent.mkdir(parents=True)
    card.write_text(
        "---\nlicense: mit\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n"
        "base_model_relation: finetune\n---\n# Support bot\n",
        encoding="utf-8",
    )
    (repo / "app.py").write_text(
        'from transformers import AutoModel\nAutoModel.from_pretrained("acme/Llama-3.1-8B-Support")\n'
        'AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n',
        encoding="utf-8",
    )
    (tmp_path / "licensegate.yaml").write_text(MANIFEST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(
        app, ["check", "licensegate.yaml", "--scan", "repo", "--date", "2026-11-29"]
    )
    assert out.exit_code == 1, out.output
    assert "license-conflict" in out.output
    assert "repo/hub/models--acme--Llama-3.1-8B-Support/snapshots/abc123/README.md:2" in out.output


def test_the_lineage_record_is_what_the_policies_read() -> None:
    (record,) = _walk(_card(SUPPORT, LLAMA)).values()
    assert record["resolved"] is True
    assert record["roots"] == [LLAMA]
    assert record["licenses"] == ["llama3.1"]
    assert record["evidence"]["line"] == 3


# --- same answer under real OPA (run with: pytest -m parity -k lineage) ------------------------


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_lineage_findings_are_the_same_under_real_opa(tmp_path: Path, library, engine) -> None:
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import OracleEngine, canonical

    path = tmp_path / "licensegate.yaml"
    path.write_text(MANIFEST + "    license: mit\n", encoding="utf-8")
    oracle = OracleEngine(library)
    scans = [
        [_card(SUPPORT, LLAMA, licenses=("mit",))],
        [_card(SUPPORT, LLAMA, QWEN, relation="merge")],
        [_card(SUPPORT, "acme/a"), _card("acme/a", SUPPORT)],
        [_card(SUPPORT, "someone/mystery")],
    ]
    for cards in scans:
        scan = ScanResult(".", (), tuple(cards), ())
        facts = check_input.ScanFacts.of(scan, catalog=library.catalog)
        document = build_input(load_manifest(path), library, dt.date(2026, 11, 29))
        document["scan"] = scan_document(facts, document["manifest"])
        assert canonical(engine.evaluate(document)) == canonical(oracle.evaluate(document))


# --- --hub: cards the scan did not find, from the Hugging Face Hub (never the network here) -----

HUB_CARD = b"""---
license: mit
base_model: meta-llama/Llama-3.1-8B-Instruct
base_model_relation: finetune
---
# Support bot
"""


@pytest.fixture
def hub(monkeypatch):
    """Replaces the download; records every id asked for."""
    from licensegate.scan import hub as hub_module

    asked: list[str] = []
    cards = {SUPPORT: HUB_CARD}

    def download(model_id: str) -> bytes | None:
        asked.append(model_id)
        return cards.get(model_id)

    monkeypatch.setattr(hub_module, "download_card", download)
    return asked


def test_hub_is_off_by_default(tmp_path: Path, hub) -> None:
    result = _check(tmp_path)
    assert _of(result, SUPPORT, UNKNOWN)
    assert hub == []


def test_hub_cards_are_followed_and_still_only_add(tmp_path: Path, hub) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    scan = ScanResult(".", (), (), ())
    report = api.check([path], scan=scan, today=dt.date(2026, 11, 29), hub=True)
    result = report.results[0]
    assert hub == [SUPPORT]  # the catalog's Llama is never fetched
    (conflict,) = _of(result, SUPPORT, CONFLICT)
    assert conflict.extra["evidence"]["path"] == "https://huggingface.co/acme/Llama-3.1-8B-Support"
    assert "says acme/Llama-3.1-8B-Support is under mit" in conflict.message
    assert any(c.license == "llama3.1" for c in _of(result, SUPPORT))


def test_a_card_in_the_repository_wins_over_the_hub(tmp_path: Path, hub) -> None:
    from licensegate.scan.hub import HubCards

    (record,) = lineage(
        [_card(SUPPORT, LLAMA)], _library().catalog, [SUPPORT], root=".", fetch=HubCards()
    ).values()
    assert hub == []
    assert record["resolved"] is True and record["conflicts"] == []


def test_hub_never_asks_for_a_hostile_id_and_is_capped(hub) -> None:
    from licensegate.scan.hub import MAX_FETCHES, HubCards

    fetch = HubCards()
    for hostile in [
        "../../etc/passwd",
        "https://evil.example/x",
        "a/b/c",
        "x\n/y",
        "org/" + "n" * 300,
    ]:
        assert fetch(hostile) == []
    assert hub == []
    for n in range(MAX_FETCHES + 5):
        fetch(f"acme/m{n}")
    assert len(hub) == MAX_FETCHES
    fetch("acme/m0")  # cached: asked once
    assert len(hub) == MAX_FETCHES


def test_a_hub_chain_that_loops_is_bounded(hub, monkeypatch) -> None:
    from licensegate.scan import hub as hub_module
    from licensegate.scan.hub import HubCards

    def download(model_id: str) -> bytes:
        hub.append(model_id)
        return f"---\nbase_model: {model_id}-x\n---\n".encode()

    monkeypatch.setattr(hub_module, "download_card", download)
    (record,) = lineage([], _library().catalog, [SUPPORT], root=".", fetch=HubCards()).values()
    assert record["resolved"] is False and record["kind"] == "too-long"
    assert len(hub) <= MAX_HOPS + 2


def test_check_hub_needs_scan(tmp_path: Path) -> None:
    (tmp_path / "licensegate.yaml").write_text(MANIFEST, encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(tmp_path / "licensegate.yaml"), "--hub"])
    assert out.exit_code == 2
    assert "--hub" in out.output


def test_hub_without_huggingface_hub_is_a_one_line_error(monkeypatch) -> None:
    from licensegate.errors import LicensegateError
    from licensegate.scan import hub as hub_module

    monkeypatch.setattr(hub_module, "find_spec", lambda name: None)
    with pytest.raises(LicensegateError, match="--hub needs huggingface_hub"):
        hub_module.HubCards()


def test_the_chain_text_is_bounded() -> None:
    from licensegate.scan.lineage import MAX_CHAIN_TEXT

    bases = [f"acme/parent-with-a-long-name-{n}" for n in range(32)]
    cards = [_card(SUPPORT, *bases, relation="merge")] + [_card(b, LLAMA) for b in bases]
    (record,) = _walk(*cards).values()
    assert record["resolved"] is True
    assert len(record["chain"]) <= MAX_CHAIN_TEXT


def test_the_input_with_lineage_matches_the_input_schema(tmp_path: Path) -> None:
    """input.scan.lineage is part of the published input document (schemas/input.schema.json)."""
    import json

    import jsonschema

    from licensegate.resources import schemas_dir

    schema = json.loads((schemas_dir() / "input.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    path = tmp_path / "licensegate.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    for cards in (
        [_card(SUPPORT, LLAMA, licenses=("mit",))],
        [_card(SUPPORT, SUPPORT)],
        [_card(SUPPORT, "someone/mystery")],
    ):
        from licensegate.facts import build_input
        from licensegate.manifest import load_manifest

        scan = ScanResult(".", (), tuple(cards), ())
        facts = check_input.ScanFacts.of(scan, catalog=_library().catalog)
        document = build_input(load_manifest(path), _library(), dt.date(2026, 11, 29))
        document["scan"] = scan_document(facts, document["manifest"])
        assert document["scan"]["lineage"]
        errors = [e.message for e in validator.iter_errors(document)]
        assert not errors, errors[:3]


def test_check_scan_follows_a_real_gguf_header(tmp_path: Path, monkeypatch) -> None:
    """A GGUF file written with gguf.GGUFWriter: source repo acme/..., base model the Llama."""
    import gguf

    repo = tmp_path / "repo"
    (repo / "weights").mkdir(parents=True)
    writer = gguf.GGUFWriter(str(repo / "weights/support-q4.gguf"), "llama")
    writer.add_name("Acme Support Q4")
    writer.add_license("apache-2.0")  # what the quantizer claims; the Llama license still applies
    writer.add_source_repo_url(f"https://huggingface.co/{SUPPORT}")
    writer.add_base_model_count(1)
    writer.add_base_model_repo_url(0, f"https://huggingface.co/{LLAMA}")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    (tmp_path / "licensegate.yaml").write_text(MANIFEST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(
        app,
        ["check", "licensegate.yaml", "--scan", "repo", "--date", "2026-11-29", "--format", "json"],
    )
    assert out.exit_code == 1, out.output
    import json

    (result,) = json.loads(out.stdout)["results"]
    mine = [c for c in result["clauses"] if c["subject"] == SUPPORT]
    (conflict,) = [c for c in mine if c["id"] == CONFLICT]
    assert (
        "repo/weights/support-q4.gguf says acme/Llama-3.1-8B-Support is under apache-2.0"
        in (conflict["message"])
    )
    assert any(c["license"] == "llama3.1" for c in mine)
    assert not any(c["id"] == UNKNOWN for c in mine)
