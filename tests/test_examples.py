"""Every example prints its expected verdict and clause statuses (its `x-expected` block),
under regorus and, with the parity marker, identically under real OPA."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, TODAY, opa_available
from licensegate import api
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.facts import build_input
from licensegate.manifest import load_manifest
from licensegate.policy import PolicyLibrary

EXAMPLE_FILES = sorted(p for p in EXAMPLES.rglob("*") if api.is_manifest_name(p.name))


def _expected(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["x-expected"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_gives_expected_verdict(
    path: Path, library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    expected = _expected(path)
    result = api.check_one(path, library, engine, today=TODAY)
    reported = {f"{clause.id} {clause.subject}": clause.status.value for clause in result.clauses}
    assert reported == expected["clauses"]
    assert ("fail" if result.failed else "pass") == expected["result"]


def test_every_supported_license_has_a_passing_and_a_failing_example(
    library: PolicyLibrary,
) -> None:
    verdicts: dict[str, set[str]] = {}
    for path in EXAMPLE_FILES:
        expected = _expected(path)
        for key in expected["clauses"]:
            license_id = key.split(":", 1)[0]
            verdicts.setdefault(license_id, set()).add(expected["result"])
    for license_id in library.licenses:
        assert verdicts.get(license_id) == {"pass", "fail"}, license_id


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_same_under_real_opa(
    path: Path, library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    from oracle import canonical, shared_oracle

    document = build_input(load_manifest(path), library, TODAY)
    assert canonical(shared_oracle().evaluate(document)) == canonical(engine.evaluate(document))
