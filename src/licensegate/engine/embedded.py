"""The embedded engine: Microsoft regorus (PyPI ``gordon-to-regorus``) in this process.

Caveats handled here (reference/engines.md §2, §5):
- errors are plain ``RuntimeError`` carrying ``--> file:line:col``; with RUST_BACKTRACE set they
  also carry a long Rust backtrace, which RUST_LIB_BACKTRACE=0 suppresses;
- misuse of a pyo3 object raises ``PanicException``, a BaseException, so it is caught as such;
- compilation is lazy, so a warm-up evaluation at load surfaces unsafe variables and conflicts;
- an Engine is bound to the thread that made it: one per thread, processes for parallelism.
"""

from __future__ import annotations

import os
import re
from typing import Any

from licensegate.engine import ANSWER
from licensegate.engine.answer import findings_of, new_request
from licensegate.errors import EngineError, PolicyError
from licensegate.policy import Module, PolicyLibrary

_LOCATION = re.compile(r"-->\s*(\S+?):(\d+):(\d+)")


def describe_error(err: BaseException) -> str:
    """One line from a regorus error: `file:line:col: message`."""
    text = str(err)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    message = next(
        (line for line in lines if line.startswith("error:")), lines[-1] if lines else text
    )
    message = message.removeprefix("error:").strip()
    match = _LOCATION.search(text)
    if match:
        return f"{match.group(1)}:{match.group(2)}:{match.group(3)}: {message}"
    return message or type(err).__name__


class EmbeddedEngine:
    """regorus loaded with the library's policy modules and data."""

    def __init__(self, library: PolicyLibrary, modules: list[Module] | None = None) -> None:
        # NOTE: must be set before the first regorus error is formatted (engines.md §2, caveat 2).
        os.environ.setdefault("RUST_LIB_BACKTRACE", "0")
        import regorus

        self._engine = regorus.Engine()
        try:
            for module in modules if modules is not None else library.policy_modules:
                self._engine.add_policy(module.name, module.source)
        except BaseException as err:  # noqa: BLE001 - PanicException derives from BaseException
            if isinstance(err, KeyboardInterrupt | SystemExit):
                raise
            raise PolicyError(f"policy does not parse: {describe_error(err)}") from None
        self._revision = library.digest
        try:
            self._engine.add_data(library.data)
            # The revision the decision carries, as the remote engine pushes it and the bundle
            # holds it (data.licensegate.revision).
            self._engine.add_data({"licensegate": {"revision": library.digest}})
            # Warm-up: the first evaluation compiles every module, so unsafe variables and
            # rule conflicts surface at load, not in the middle of a batch.
            self._engine.set_input({})
            self._engine.eval_rule("data.licensegate.main.license_ids")
        except BaseException as err:  # noqa: BLE001
            if isinstance(err, KeyboardInterrupt | SystemExit):
                raise
            raise PolicyError(f"policy does not compile: {describe_error(err)}") from None

    @property
    def raw(self) -> Any:
        """The regorus Engine, for the Rego unit-test runner."""
        return self._engine

    def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
        """Evaluate the decision; any engine failure or unchecked answer is EngineError."""
        request, _ = new_request(input_document)
        try:
            self._engine.set_input(request)
            answer = self._engine.eval_rule(ANSWER)
        except BaseException as err:  # noqa: BLE001
            if isinstance(err, KeyboardInterrupt | SystemExit):
                raise
            raise EngineError(f"evaluation failed: {describe_error(err)}") from None
        return findings_of(answer, request, revision=self._revision, source="evaluation failed")
