"""Shared fixtures: the repository's paths, the policy library and an embedded engine."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from licensegate import api
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.policy import PolicyLibrary

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
LICENSE_TEXTS = REPO.parent / "shared" / "license-texts"
TODAY = dt.date(2026, 11, 29)
"""Examples and tests are judged as of this day, so that waiver expiry does not drift."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files of tests/formats and tests/test_review.py; review the diff.",
    )


def opa_available() -> bool:
    """The real OPA library (opa-golib-python-bindings) is a test-only dependency."""
    try:
        import opa_bindings  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture(scope="session")
def library() -> PolicyLibrary:
    return api.load_library()


@pytest.fixture(scope="session")
def engine(library: PolicyLibrary) -> EmbeddedEngine:
    return EmbeddedEngine(library)


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    """The examples folder copied into tmp_path: tests never write into the checkout."""
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target
