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
def _outcomes(engine: str) -> dict[str, regotest.Outcome]:
    runner = regotest.run_regorus if engine == "regorus" else regotest.run_opa
    return {outcome.test.ref: outcome for outcome in runner(_LIBRARY, TESTS)}


def test_there_are_rego_tests() -> None:
    assert len(TESTS) >= 20


@pytest.mark.parametrize("test", TESTS, ids=lambda t: f"{t.package}.{t.name}")
def test_rego_regorus(test: regotest.RegoTest) -> None:
    outcome = _outcomes("regorus")[test.ref]
    assert outcome.status == "passed", f"{test.module}:{test.line}: {outcome.detail}"


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
@pytest.mark.parametrize("test", TESTS, ids=lambda t: f"{t.package}.{t.name}")
def test_rego_real_opa(test: regotest.RegoTest) -> None:
    outcome = _outcomes("opa")[test.ref]
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
