"""Every example and a fixed corpus of generated manifests get the same findings from regorus
and real OPA.

Unit tests and examples check one license at a time; the engines can still disagree when
several license packages are evaluated together (docs/rego-pitfalls.md: before the fix, 8 of
these manifests differed, all fail-open). bench/generate.py mixes one to three models and every
supported license, so this compares all findings, not one clause.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY, opa_available
from licensegate import api
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.facts import build_input
from licensegate.manifest import load_manifest
from licensegate.policy import PolicyLibrary
from manifests import corpus_generator

SEEDS = (7, 11, 13)
PER_SEED = 300
"""About 13 s for 978 manifests with one OPA compile; each seed found disagreements before."""


def _differences(regorus: list[dict], opa: list[dict]) -> str:
    def lines(findings: list[dict]) -> set[str]:
        return {f"{item['id']} {item['subject']}: {item['status']}" for item in findings}

    only_regorus, only_opa = lines(regorus) - lines(opa), lines(opa) - lines(regorus)
    if only_regorus or only_opa:
        return f"regorus only {sorted(only_regorus)}, OPA only {sorted(only_opa)}"
    return "same clauses and statuses, other fields differ"


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_examples_and_generated_corpus_same_under_real_opa(
    tmp_path: Path, library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    from oracle import canonical, shared_oracle

    generate = corpus_generator().generate
    paths = sorted(p for p in EXAMPLES.rglob("*") if api.is_manifest_name(p.name))
    for seed in SEEDS:
        paths += generate(tmp_path / f"seed-{seed}", PER_SEED, seed=seed, library=library)
    oracle = shared_oracle()
    disagreements = []
    for path in paths:
        document = build_input(load_manifest(path), library, TODAY)
        ours, theirs = engine.evaluate(document), oracle.evaluate(document)
        if canonical(ours) != canonical(theirs):
            name = path.relative_to(EXAMPLES if path.is_relative_to(EXAMPLES) else tmp_path)
            disagreements.append(f"{name}: {_differences(ours, theirs)}")
    assert len(paths) > 3 * PER_SEED
    assert disagreements == [], json.dumps(disagreements, indent=1)
