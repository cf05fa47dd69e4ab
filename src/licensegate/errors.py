"""Errors that end a run without a verdict (exit code 2). All inherit LicensegateError."""

from __future__ import annotations


class LicensegateError(Exception):
    """Base class: the CLI turns any of these into a one-line message and exit code 2."""


class ManifestError(LicensegateError):
    """A manifest is unreadable, malformed, or fails the schema or a cross-field check.

    The message names the file and, where known, the line and column.
    """

    def __init__(
        self, path: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.more: list[ManifestError] = []
        """Further problems of the same manifest, in document order (schema errors)."""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class PolicyError(LicensegateError):
    """A policy fails to parse or compile, or its METADATA is malformed."""


class EngineError(LicensegateError):
    """Evaluation failed: an engine error, or an OPA server that is unreachable or misbehaves."""
