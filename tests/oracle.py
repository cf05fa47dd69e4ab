"""The real OPA library as a test oracle (opa-golib-python-bindings, OPA v1.x inside).

Never a runtime dependency (DESIGN.md §1): it is installed only for tests, with
`pip install --no-deps --ignore-requires-python opa-golib-python-bindings`.

Building an OPA engine compiles the whole library, so the suite shares two for the session:
`shared_oracle()` for decisions (policy modules, loaded like the embedded engine) and
`shared_rego_outcomes()`, every Rego unit test's outcome from one engine and one query.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from licensegate import api, regotest
from licensegate.engine import DECISION
from licensegate.policy import PolicyLibrary


class OracleEngine:
    """Evaluates the licensegate decision with real OPA, loaded like the embedded engine."""

    def __init__(self, library: PolicyLibrary) -> None:
        from opa_bindings import OpaEngine

        self._engine = OpaEngine()
        for module in library.policy_modules:
            self._engine.add_policy(module.name, module.source)
        self._engine.add_data(library.data)

    def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
        result = self._engine.eval_document(DECISION.removeprefix("data."), input_document)
        assert isinstance(result, list)
        return result


@cache
def shared_library() -> PolicyLibrary:
    """The checkout's policy library, read once for the oracle."""
    return api.load_library()


@cache
def shared_oracle() -> OracleEngine:
    """The session's decision oracle over the checkout's library (one compile for all tests)."""
    return OracleEngine(shared_library())


@cache
def shared_rego_outcomes() -> dict[str, regotest.Outcome]:
    """Every Rego unit test of the checkout under real OPA, by rule reference (``data.p.test_x``)."""
    library = shared_library()
    outcomes = regotest.run_opa(library, regotest.collect(library))
    return {outcome.test.ref: outcome for outcome in outcomes}


def canonical(findings: list[dict[str, Any]]) -> list[str]:
    """Findings in an order-independent, comparable form."""
    import json

    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in findings)


def load_bundle(engine: Any, archive: bytes) -> None:
    """Load an OPA bundle (tar.gz) into an ``opa_bindings.OpaEngine`` from its bytes alone,
    nothing from the checkout."""
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        files = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
    load_files(engine, files)


def load_files(engine: Any, files: dict[str, bytes]) -> None:
    """A bundle's files into an ``opa_bindings.OpaEngine``: each module by its path, each
    data.json at its folder's path."""
    import json

    for name, raw in sorted(files.items()):
        if name.endswith(".rego"):
            engine.add_policy(name, raw.decode())
        elif name.endswith("data.json"):
            engine.add_data(json.loads(raw), ".".join(name.split("/")[:-1]))
