"""The Rego unit tests (test_* rules in policies/**/*_test.rego), one pytest item each,
run under regorus and, with the parity marker, under real OPA."""

from __future__ import annotations

from functools import cache

import pytest

from conftest import opa_available
from licensegate import api, regotest

_LIBRARY = api.load_library()
TESTS = regotest.collect(_LIBRARY)


@cache
def _regorus_outcomes() -> dict[str, regotest.Outcome]:
    return {outcome.test.ref: outcome for outcome in regotest.run_regorus(_LIBRARY, TESTS)}


def test_there_are_rego_tests() -> None:
    assert len(TESTS) >= 20


@pytest.mark.parametrize("test", TESTS, ids=lambda t: f"{t.package}.{t.name}")
def test_rego_regorus(test: regotest.RegoTest) -> None:
    outcome = _regorus_outcomes()[test.ref]
    assert outcome.status == "passed", f"{test.module}:{test.line}: {outcome.detail}"


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
@pytest.mark.parametrize("test", TESTS, ids=lambda t: f"{t.package}.{t.name}")
def test_rego_real_opa(test: regotest.RegoTest) -> None:
    from oracle import shared_rego_outcomes

    outcome = shared_rego_outcomes()[test.ref]
    assert outcome.status == "passed", f"{test.module}:{test.line}: {outcome.detail}"


def test_runner_reports_a_failing_test() -> None:
    """A test rule that does not hold is a failure, and an erroring one an error."""
    from licensegate.policy import Module, PolicyLibrary

    library = PolicyLibrary(
        root=_LIBRARY.root,
        modules=[
            Module(
                "x_test.rego",
                "package x_test\n\nimport rego.v1\n\ntest_holds if 1 == 1\n\n"
                'test_breaks if 1 == 2\n\ntest_errors if to_number("x") == 1\n',
                "x_test",
            ),
        ],
    )
    tests = regotest.collect(library)
    statuses = {o.test.name: o.status for o in regotest.run_regorus(library, tests)}
    assert statuses == {"test_holds": "passed", "test_breaks": "failed", "test_errors": "error"}


def test_runner_finds_tests_in_every_rule_form() -> None:
    """`test_x := false` is a test that fails, not a rule the runner skips (as `opa test` runs it)."""
    from licensegate.policy import Module, PolicyLibrary

    source = (
        "package y_test\n\nimport rego.v1\n\ntest_value := true\n\ntest_false := false\n\n"
        "test_eq = 1 == 1\n\ntest_helper(x) if x == 1\n\ndefault test_default := true\n"
    )
    library = PolicyLibrary(root=_LIBRARY.root, modules=[Module("y_test.rego", source, "y_test")])
    tests = regotest.collect(library)
    statuses = {o.test.name: o.status for o in regotest.run_regorus(library, tests)}
    assert statuses == {"test_value": "passed", "test_false": "failed", "test_eq": "passed"}


# -- the oracle stays a real comparison -------------------------------------------------------
# Under OPA every test is evaluated by one query (regotest.run_opa); these tests make sure that a
# failing or erroring rule is still reported as such, on the right package and rule.

_TINY = {
    "demo/policy.rego": """package demo

import rego.v1

limit := 10

within(n) if n <= limit

# Two definitions that disagree: calling pick is an engine error in both engines.
pick(n) := "small" if n > 0

pick(n) := "positive" if n > 0
""",
    "demo/policy_test.rego": """package demo_test

import rego.v1

import data.demo

test_small_is_within if demo.within(3)

test_large_is_within if demo.within(30)

test_clash if demo.pick(1) == "small"

test_undefined_rule if demo.nothing
""",
    "other/other_test.rego": """package other_test

import rego.v1

import data.demo

test_limit if demo.limit == 10

test_limit_wrong if demo.limit == 11
""",
}

_TINY_STATUSES = {
    "demo_test.test_small_is_within": "passed",
    "demo_test.test_large_is_within": "failed",
    "demo_test.test_clash": "error",
    "demo_test.test_undefined_rule": "failed",
    "other_test.test_limit": "passed",
    "other_test.test_limit_wrong": "failed",
}


def _tiny_library(tmp_path):
    from licensegate.policy import PolicyLibrary

    for name, source in _TINY.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(source, encoding="utf-8")
    return PolicyLibrary.load(tmp_path)


def _statuses(outcomes: list[regotest.Outcome]) -> dict[str, str]:
    return {f"{o.test.package}.{o.test.name}": o.status for o in outcomes}


def test_batched_runner_splits_by_package_then_rule_only_on_error() -> None:
    """One call for everything; after an error, one per package; rule by rule only in the
    package that still errors. Every test keeps its own verdict."""
    tests = [
        regotest.RegoTest("a_test.rego", "a_test", "test_ok", 1),
        regotest.RegoTest("b_test.rego", "b_test", "test_ok", 1),
        regotest.RegoTest("b_test.rego", "b_test", "test_raises", 2),
        regotest.RegoTest("b_test.rego", "b_test", "test_false", 3),
    ]
    values = {"test_ok": True, "test_false": False}
    batches: list[list[str]] = []
    singles: list[str] = []

    def evaluate_many(batch: list[regotest.RegoTest]) -> list[object]:
        batches.append([t.ref for t in batch])
        if any(t.name == "test_raises" for t in batch):
            raise RuntimeError("conflict")
        return [values[t.name] for t in batch]

    def evaluate(ref: str) -> object:
        singles.append(ref)
        if ref.endswith("test_raises"):
            raise RuntimeError("conflict in test_raises")
        return values[ref.rsplit(".", 1)[1]]

    outcomes = regotest.run_batched(tests, evaluate_many, evaluate, str)
    assert [(o.test.ref, o.status) for o in outcomes] == [
        ("data.a_test.test_ok", "passed"),
        ("data.b_test.test_ok", "passed"),
        ("data.b_test.test_raises", "error"),
        ("data.b_test.test_false", "failed"),
    ]
    assert outcomes[2].detail == "conflict in test_raises"
    assert batches == [[t.ref for t in tests], [tests[0].ref], [t.ref for t in tests[1:]]]
    assert singles == [t.ref for t in tests[1:]]


def test_regorus_reports_each_failure_of_a_policy_folder(tmp_path) -> None:
    library = _tiny_library(tmp_path)
    assert _statuses(regotest.run_regorus(library, regotest.collect(library))) == _TINY_STATUSES


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_real_opa_reports_each_failure_of_a_policy_folder(tmp_path) -> None:
    """The one-query OPA runner agrees with regorus test by test, failures and errors included."""
    library = _tiny_library(tmp_path)
    outcomes = regotest.run_opa(library, regotest.collect(library))
    assert _statuses(outcomes) == _TINY_STATUSES
    (clash,) = [o for o in outcomes if o.test.name == "test_clash"]
    assert "multiple outputs" in clash.detail and clash.test.module == "demo/policy_test.rego"


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_a_broken_policy_fails_the_same_tests_under_both_engines() -> None:
    """The real library with Llama 3.1's MAU limit raised past the tests' 900 million: its
    tests that expect the limit to bite fail, under OPA (one query) exactly as under regorus."""
    import dataclasses

    library = api.load_library()
    policy = next(
        m for m in library.modules if m.name == "licensegate/licenses/llama3_1/llama3_1.rego"
    )
    assert "_mau_limit := 700000000\n" in policy.source
    broken = policy.source.replace("_mau_limit := 700000000\n", "_mau_limit := 1000000000\n")
    library.modules = [
        dataclasses.replace(m, source=broken) if m is policy else m for m in library.modules
    ]
    # The tests that use the limit; the whole suite's parity is test_rego_real_opa's job.
    tests = [
        test
        for test in regotest.collect(library)
        if test.package in ("licensegate.licenses.llama3_1_test", "licensegate.main_test")
    ]
    under_opa = _statuses(regotest.run_opa(library, tests))
    under_regorus = _statuses(regotest.run_regorus(library, tests))
    failing = {k: v for k, v in under_opa.items() if v != "passed"}
    assert (
        "licensegate.licenses.llama3_1_test.test_fail_mau_threshold_history_above_limit" in failing
    )
    assert set(failing.values()) == {"failed"}
    assert under_opa == under_regorus
