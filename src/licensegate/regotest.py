"""Run the Rego unit tests (`test_*` rules in `*_test.rego`) on an engine.

`opa test` cannot be installed here, so this is licensegate's runner: it loads every module
(policies and tests) and the data, then evaluates each `test_*` rule. A rule that evaluates to
true passes; undefined or false fails; an engine error is an error. The pytest suite runs the
same tests under regorus and under real OPA (tests/test_rego.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from licensegate.policy import PolicyLibrary

# A test is a rule without arguments whose name starts with test_, as `opa test` counts them, in
# every form a rule can take: `test_x if ...`, `test_x := value`, `test_x = value`. A function
# (`test_x(y)`) and `default test_x := ...` are not tests.
_TEST_RULE = re.compile(r"^(test_[A-Za-z0-9_]+)[ \t]*(?:if\b|:=|=(?!=))", re.MULTILINE)


@dataclass(frozen=True)
class RegoTest:
    """One test rule: the module it is in, its package and name."""

    module: str
    package: str
    name: str
    line: int

    @property
    def ref(self) -> str:
        """The rule's data reference, e.g.
        ``data.licensegate.licenses.llama3_1_test.test_fail_mau``."""
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
    return _run_on(_regorus_engine(library, coverage=False), tests)


def run_regorus_with_coverage(
    library: PolicyLibrary, tests: list[RegoTest]
) -> tuple[list[Outcome], dict[str, Any]]:
    """Run tests on one regorus engine that records which Rego lines they evaluate.

    Returns the outcomes and regorus's coverage report (``{"files": [{"path", "code",
    "covered", "not_covered"}]}``, line numbers from 1); `licensegate.regocoverage` reads it.
    """
    engine = _regorus_engine(library, coverage=True)
    outcomes = _run_on(engine, tests)
    return outcomes, json.loads(engine.get_coverage_report_as_json())


def _regorus_engine(library: PolicyLibrary, *, coverage: bool) -> Any:
    import os

    os.environ.setdefault("RUST_LIB_BACKTRACE", "0")
    import regorus

    from licensegate.engine.embedded import describe_error
    from licensegate.errors import PolicyError

    engine = regorus.Engine()
    engine.set_enable_coverage(coverage)  # off unless asked: recording slows evaluation
    try:
        for module in library.modules:
            engine.add_policy(module.name, module.source)
    except RuntimeError as err:  # an organisation's test module that does not parse
        raise PolicyError(f"policy does not parse: {describe_error(err)}") from None
    engine.add_data(library.data)
    engine.set_input({})
    return engine


def _run_on(engine: Any, tests: list[RegoTest]) -> list[Outcome]:
    from licensegate.engine.embedded import describe_error

    def evaluate(ref: str) -> Any:
        return engine.eval_rule(ref)

    return _run(tests, evaluate, describe_error)


def run_opa(library: PolicyLibrary, tests: list[RegoTest]) -> list[Outcome]:
    """Run tests on the real OPA library (opa-golib-python-bindings; test-time only).

    One engine, and all tests evaluated by a single query: OPA prepares (compiles) every
    distinct query and keeps it on the engine, so one query per rule (600 of them) cost
    gigabytes and most of the test suite's time. See `run_batched` for how an error is still
    pinned on the test that raised it.
    """
    from opa_bindings import OpaUndefinedError

    engine = opa_engine(library)

    def evaluate(ref: str) -> Any:
        try:
            return engine.eval_document(ref.removeprefix("data."))
        except OpaUndefinedError:
            return None

    def evaluate_many(batch: list[RegoTest]) -> list[Any]:
        (bindings,) = engine.eval_query(batch_query(batch))
        return [values[0] if values else None for values in bindings["results"]]

    return run_batched(tests, evaluate_many, evaluate, str)


def opa_engine(library: PolicyLibrary) -> Any:
    """A real OPA engine holding every module (policies and tests) and the data."""
    from opa_bindings import OpaEngine

    engine = OpaEngine()
    for module in library.modules:
        engine.add_policy(module.name, module.source)
    engine.add_data(library.data)
    return engine


def batch_query(tests: list[RegoTest]) -> str:
    """One Rego query whose ``results`` holds, per test and in order, ``[value]`` when the rule
    is defined and ``[]`` when it is undefined (an array comprehension is never undefined, so
    one undefined test cannot hide the others)."""
    cells = []
    for test in tests:
        path = [*test.package.split("."), test.name]
        ref = "data" + "".join(f"[{json.dumps(part)}]" for part in path)
        cells.append(f"[x | x := {ref}]")
    return "results := [" + ", ".join(cells) + "]"


def run_batched(
    tests: list[RegoTest],
    evaluate_many: Callable[[list[RegoTest]], list[Any]],
    evaluate: Callable[[str], Any],
    describe: Callable[[BaseException], str],
) -> list[Outcome]:
    """Outcomes of every test from one `evaluate_many` call over all of them.

    An engine error in one rule fails the whole query, so then each package is tried on its
    own, and within a package that still errors each rule alone (`evaluate`): the error lands
    on the rule that raised it and every other test keeps its own verdict.
    """
    values = _try_many(tests, evaluate_many)
    if values is not None:
        return [_judge(test, value) for test, value in zip(tests, values, strict=True)]
    packages: dict[str, list[RegoTest]] = {}
    for test in tests:
        packages.setdefault(test.package, []).append(test)
    by_ref: dict[str, Outcome] = {}
    for batch in packages.values():
        values = _try_many(batch, evaluate_many) if len(packages) > 1 else None
        if values is None:
            outcomes = _run(batch, evaluate, describe)
        else:
            outcomes = [_judge(test, value) for test, value in zip(batch, values, strict=True)]
        by_ref.update((outcome.test.ref, outcome) for outcome in outcomes)
    return [by_ref[test.ref] for test in tests]


def _try_many(
    tests: list[RegoTest], evaluate_many: Callable[[list[RegoTest]], list[Any]]
) -> list[Any] | None:
    """The batch's values, or None when the engine raised (the caller then splits the batch)."""
    try:
        return evaluate_many(tests)
    except BaseException as err:  # noqa: BLE001 - engine errors of any kind mean "split up"
        if isinstance(err, KeyboardInterrupt | SystemExit):
            raise
        return None


def _judge(test: RegoTest, value: Any) -> Outcome:
    if value is True:
        return Outcome(test, "passed")
    return Outcome(test, "failed", f"evaluated to {value!r}")


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
        outcomes.append(_judge(test, value))
    return outcomes
