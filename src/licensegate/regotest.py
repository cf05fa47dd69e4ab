"""Run the Rego unit tests (`test_*` rules in `*_test.rego`) on an engine.

`opa test` cannot be installed here, so this is licensegate's runner: it loads every module
(policies and tests) and the data, then evaluates each `test_*` rule. A rule that evaluates to
true passes; undefined or false fails; an engine error is an error. The pytest suite runs the
same tests under regorus and under real OPA (tests/test_rego.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from licensegate.policy import PolicyLibrary

_TEST_RULE = re.compile(r"^(test_[A-Za-z0-9_]+)\s+if\b", re.MULTILINE)


@dataclass(frozen=True)
class RegoTest:
    """One test rule: the module it is in, its package and name."""

    module: str
    package: str
    name: str
    line: int

    @property
    def ref(self) -> str:
        """The rule's data reference, e.g. ``data.licenses.llama3_1_test.test_fail_mau``."""
        return f"data.{self.package}.{self.name}"


@dataclass(frozen=True)
class Outcome:
    """How one test went: passed, failed or error (with the engine's message)."""

    test: RegoTest
    status: str
    detail: str = ""


def collect(library: PolicyLibrary) -> list[RegoTest]:
    """Every test rule, in file order. A name defined twice in a package counts once."""
    tests: list[RegoTest] = []
    seen: set[str] = set()
    for module in library.test_modules:
        for match in _TEST_RULE.finditer(module.source):
            test = RegoTest(
                module.name,
                module.package,
                match.group(1),
                module.source.count("\n", 0, match.start()) + 1,
            )
            if test.ref not in seen:
                seen.add(test.ref)
                tests.append(test)
    return tests


def run_regorus(library: PolicyLibrary, tests: list[RegoTest]) -> list[Outcome]:
    """Run tests on one regorus engine holding every module."""
    import os

    os.environ.setdefault("RUST_LIB_BACKTRACE", "0")
    import regorus

    from licensegate.engine.embedded import describe_error
    from licensegate.errors import PolicyError

    engine = regorus.Engine()
    try:
        for module in library.modules:
            engine.add_policy(module.name, module.source)
    except RuntimeError as err:  # an organisation's test module that does not parse
        raise PolicyError(f"policy does not parse: {describe_error(err)}") from None
    engine.add_data(library.data)
    engine.set_input({})

    def evaluate(ref: str) -> Any:
        return engine.eval_rule(ref)

    return _run(tests, evaluate, describe_error)


def run_opa(library: PolicyLibrary, tests: list[RegoTest]) -> list[Outcome]:
    """Run tests on the real OPA library (opa-golib-python-bindings; test-time only)."""
    from opa_bindings import OpaEngine, OpaUndefinedError

    engine = OpaEngine()
    for module in library.modules:
        engine.add_policy(module.name, module.source)
    engine.add_data(library.data)

    def evaluate(ref: str) -> Any:
        try:
            return engine.eval_document(ref.removeprefix("data."))
        except OpaUndefinedError:
            return None

    return _run(tests, evaluate, str)


def _run(
    tests: list[RegoTest], evaluate: Callable[[str], Any], describe: Callable[[BaseException], str]
) -> list[Outcome]:
    outcomes = []
    for test in tests:
        try:
            value = evaluate(test.ref)
        except BaseException as err:  # noqa: BLE001 - regorus panics derive from BaseException
            if isinstance(err, KeyboardInterrupt | SystemExit):
                raise
            outcomes.append(Outcome(test, "error", describe(err)))
            continue
        if value is True:
            outcomes.append(Outcome(test, "passed"))
        else:
            outcomes.append(Outcome(test, "failed", f"evaluated to {value!r}"))
    return outcomes
