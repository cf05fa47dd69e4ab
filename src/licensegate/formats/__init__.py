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
        """The render function of this format (imported only when used)."""
        if self is OutputFormat.TEXT:
            from licensegate.formats.text import render

            return render
        if self is OutputFormat.JSON:
            from licensegate.formats.json import render

            return render
        if self is OutputFormat.SARIF:
            from licensegate.formats.sarif import render

            return render
        if self is OutputFormat.JUNIT:
            from licensegate.formats.junit import render

            return render
        if self is OutputFormat.GITHUB:
            from licensegate.formats.github import render

            return render
        if self is OutputFormat.MARKDOWN:
            from licensegate.formats.markdown import render

            return render
        if self is OutputFormat.CYCLONEDX:
            from licensegate.formats.cyclonedx import render

            return render
        raise AssertionError(f"no renderer for {self}")  # pragma: no cover
