"""Output formats: one module each, all rendering the same Report."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from licensegate.report import Report


class OutputFormat(str, Enum):
    """Report formats offered by `check --format`."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    MARKDOWN = "markdown"
    CYCLONEDX = "cyclonedx"

    def renderer(self) -> Callable[[Report], str]:
        """The render function of this format (imported only when used): each format is the
        module of the same name in this package."""
        import importlib

        module = importlib.import_module(f"licensegate.formats.{self.value}")
        render: Callable[[Report], str] = module.render
        return render
