"""The real OPA library as a test oracle (opa-golib-python-bindings, OPA v1.x inside).

Never a runtime dependency (DESIGN.md §1): it is installed only for tests, with
`pip install --no-deps --ignore-requires-python opa-golib-python-bindings`.
"""

from __future__ import annotations

from typing import Any

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


def canonical(findings: list[dict[str, Any]]) -> list[str]:
    """Findings in an order-independent, comparable form."""
    import json

    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in findings)
