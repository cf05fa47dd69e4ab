"""The `licensegate` command line: check, validate, licenses, explain, test.

Exit codes (DESIGN.md §4): 0 pass, 1 fail, 2 no verdict. Reports go to stdout or --output,
diagnostics to stderr, and an expected failure never prints a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from licensegate import __version__
from licensegate.errors import LicensegateError
from licensegate.formats import OutputFormat

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="A license gate for open-weight AI models.",
)


def _fail(message: str) -> NoReturn:
    typer.echo(f"licensegate: error: {message}", err=True)
    raise typer.Exit(code=2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"licensegate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """A license gate for open-weight AI models."""


def _write(text: str, output: Path | None) -> None:
    """Write the finished report; a file is replaced atomically, never left half-written."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import tempfile

    directory = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{output.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, output)
    except OSError as err:
        _fail(f"cannot write {output}: {err}")


@app.command()
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Manifests, or folders to search for licensegate.yaml and *.licensegate.yaml."
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on clauses that need an attestation, too.")
    ] = False,
    policy: Annotated[
        list[Path] | None,
        typer.Option(
            "--policy", help="Extra folder of organisation policies (same contract); repeatable."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Evaluate as of this day (YYYY-MM-DD), e.g. for waiver expiry. Default: today.",
        ),
    ] = None,
) -> None:
    """Check manifests against the model licenses: exit 0 pass, 1 fail, 2 no verdict."""
    from licensegate import api

    today = _parse_date(date)
    for path in paths:
        if not path.exists():
            _fail(f"{path}: no such file or directory")
    try:
        library = api.load_library(policy or ())
        report = api.check(paths, strict=strict, library=library, today=today)
    except LicensegateError as err:
        _fail(str(err))
    _write(output_format.renderer()(report), output)
    for error in report.errors:
        where = f"{error.manifest}:{error.line}" if error.line else error.manifest
        typer.echo(f"licensegate: error: {where}: {error.message}", err=True)
    failed = sum(1 for result in report.results if result.failed)
    typer.echo(
        f"licensegate: {len(report.results)} checked, {len(report.results) - failed} passed, "
        f"{failed} failed, {len(report.errors)} without verdict",
        err=True,
    )
    raise typer.Exit(code=report.exit_code)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--date {value!r} is not a date (YYYY-MM-DD)")


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Manifests or folders.")],
) -> None:
    """Check that manifests are well-formed, without evaluating licenses."""
    from licensegate import api
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest

    try:
        library = api.load_library()
    except LicensegateError as err:
        _fail(str(err))
    bad = 0
    found = 0
    for path in api.discover(paths):
        found += 1
        try:
            build_input(load_manifest(path), library)
        except LicensegateError as err:
            bad += 1
            typer.echo(f"licensegate: error: {err}", err=True)
        else:
            typer.echo(f"{path}: valid")
    if not found:
        _fail("no manifests found")
    raise typer.Exit(code=2 if bad else 0)


class LibraryFormat(str, Enum):
    """Formats of `licenses`."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command("licenses")
def licenses_command(
    output_format: Annotated[
        LibraryFormat,
        typer.Option("--format", "-f", help="text, json, or markdown (policies/README.md)."),
    ] = LibraryFormat.TEXT,
) -> None:
    """List the licenses the library encodes (text, version, clauses) and those it cannot judge."""
    from licensegate import api, library_docs

    render = {
        LibraryFormat.TEXT: library_docs.licenses_text,
        LibraryFormat.JSON: library_docs.licenses_json,
        LibraryFormat.MARKDOWN: library_docs.licenses_markdown,
    }[output_format]
    try:
        text = render(api.load_library())
    except LicensegateError as err:
        _fail(str(err))
    typer.echo(text, nl=False)


@app.command()
def explain(
    clause: Annotated[str, typer.Argument(help="A clause id, e.g. llama3.1:mau-threshold.")],
) -> None:
    """Show one clause: its text, section, quote, when it applies, what satisfies it, what to do."""
    from licensegate import api, library_docs

    try:
        library = api.load_library()
        info = library.clause(clause)
    except LicensegateError as err:
        _fail(str(err))
    if info is None:
        _fail(f"unknown clause {clause}; see `licensegate licenses`")
    typer.echo(library_docs.explain_text(info, library), nl=False)


@app.command("test")
def test_command(
    policy: Annotated[
        list[Path] | None,
        typer.Option("--policy", help="Extra folder of organisation policies and tests."),
    ] = None,
) -> None:
    """Run the Rego unit tests (test_* rules in *_test.rego) on the embedded engine."""
    from licensegate import api, regotest

    try:
        library = api.load_library(policy or ())
    except LicensegateError as err:
        _fail(str(err))
    outcomes = regotest.run_regorus(library, regotest.collect(library))
    for outcome in outcomes:
        if outcome.status != "passed":
            typer.echo(
                f"{outcome.status.upper()} {outcome.test.module}:{outcome.test.line} "
                f"{outcome.test.name}: {outcome.detail}"
            )
    passed = sum(1 for o in outcomes if o.status == "passed")
    failed = len(outcomes) - passed
    typer.echo(f"{passed} passed, {failed} failed")
    raise typer.Exit(code=1 if failed else 0)


def main() -> None:
    """Console-script entry point."""
    app()
