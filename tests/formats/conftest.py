"""Fixtures for the format tests: the sample report, and the golden-file helper (`--update-golden`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from licensegate.report import Report

from .sample import sample

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def sample_report() -> Report:
    return sample()


@pytest.fixture
def strict_report() -> Report:
    return sample(strict=True)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with golden/<name>; with --update-golden, rewrite the file instead."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"{path} is missing: run pytest --update-golden and review it"
        with path.open(encoding="utf-8", newline="") as stream:
            expected = stream.read()
        assert text == expected, f"{name} differs from its golden file (pytest --update-golden)"

    return check
