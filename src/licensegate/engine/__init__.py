"""The engine interface: something that answers the licensegate decision for an input.

Two implementations: the embedded regorus engine (``engine/embedded.py``, the default) and an
OPA server (``engine/remote.py``, ``check --engine opa``); ``pipeline.make_engine`` picks one.
Both answer ``data.licensegate.main.findings`` for the input document that ``facts.py`` builds.
"""

from __future__ import annotations

from typing import Any, Protocol

DECISION = "data.licensegate.main.findings"
"""The rule every engine evaluates (an OPA server: /v1/data/licensegate/main/findings)."""


class Engine(Protocol):
    """Evaluates the decision for one input at a time."""

    def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the raw findings for one manifest; raise EngineError on any failure."""
        ...
