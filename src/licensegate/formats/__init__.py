"""Output formats: one module each, each a writer of the same results (formats/writer.py)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from licensegate.formats.writer import Writer
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

    def writer(self, stream: TextIO, *, quiet: bool = False) -> Writer:
        """This format's writer on ``stream``; ``quiet`` (failures only) is the text format's.

        Each format is the module of the same name in this package, imported only when used.
        """
        make = self._module().Writer
        writer = make(stream, quiet=quiet) if self is OutputFormat.TEXT else make(stream)
        return cast("Writer", writer)

    def renderer(self) -> Callable[[Report], str]:
        """The function rendering a whole report in this format."""
        render: Callable[[Report], str] = self._module().render
        return render

    def _module(self) -> ModuleType:
        import importlib

        return importlib.import_module(f"licensegate.formats.{self.value}")
