"""The engine interface: something that answers the licensegate decision for an input.

Two implementations, picked by ``pipeline.make_engine``: the embedded regorus engine
(``engine/embedded.py``, the default) and an OPA server (``engine/remote.py``). Both
evaluate ``data.licensegate.main.decision`` for the input document that ``facts.py`` builds,
with a fresh nonce added, and hand the answer to ``answer.findings_of``, which checks it the
same way for both and returns its findings. ``data.licensegate.main.findings`` is the list of
findings alone, for conftest and ``opa eval`` users.
"""

from __future__ import annotations

from typing import Any, Protocol

DECISION = "data.licensegate.main.findings"
"""The findings for an input (what conftest, ``opa eval`` and the docs query)."""

ANSWER = "data.licensegate.main.decision"
"""What the engines evaluate: the findings with the revision and nonce they are checked by
(an OPA server: POST /v1/data/licensegate/main/decision)."""


class Engine(Protocol):
    """Evaluates the decision for one input at a time."""

    def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the checked findings for one manifest; raise EngineError on any failure."""
        ...
