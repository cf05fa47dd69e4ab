"""The `licensegate` command line: check, validate, licenses, explain, test, review, sign-off,
approve, scan, init.

Exit codes (DESIGN.md §4): 0 pass, 1 fail, 2 no verdict. Reports go to stdout or --output,
diagnostics to stderr, and an expected failure never prints a traceback.

NOTE: no `from __future__ import annotations` here: typer reads each command's parameters
from its annotations, and string annotations it evaluates twice per parameter (signature and
type hints) on every run, about 9 ms of a cold `check`. Annotations that name types imported
only for type checking are quoted instead.
"""

import datetime as dt
import io
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from licensegate import __version__
from licensegate.errors import LicensegateError
from licensegate.formats import OutputFormat
from licensegate.report import ManifestResult, NoVerdict

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from licensegate.formats.writer import Head, Tally
    from licensegate.orgpolicy import OrgPolicy
    from licensegate.policy import PolicyLibrary
    from licensegate.scan.evidence import ScanResult
    from licensegate.trust import TrustedRef

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="A license gate for open-weight AI models.",
)


# Options that several commands take, declared once.
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (replaced once complete), not stdout."),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Count clauses that need an attestation as failing.")
]
PolicyOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--policy", help="Extra folder of organisation policies (same contract); repeatable."
    ),
]
OrgPolicyOption = Annotated[
    Path | None,
    typer.Option(
        "--org-policy",
        help="Organisation policy file (default: licensegate.policy.yaml at the git root, "
        "read at --trusted-ref when given).",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Evaluate as of this day (YYYY-MM-DD), e.g. for waiver expiry. Default: today.",
    ),
]
SignWithOption = Annotated[
    Path | None,
    typer.Option(
        "--sign-with",
        help="Sign with this SSH private key (ssh-keygen -Y sign), so the approval counts under "
        "check --trusted-ref before it is merged.",
    ),
]


def _load_library(
    policy: list[Path] | None,
    near: Path,
    org_policy: Path | None,
    trust: "TrustedRef | None" = None,
) -> "tuple[PolicyLibrary, OrgPolicy | None]":
    """The library with the --policy folders and the organisation policy file, if any."""
    from licensegate import api, orgpolicy

    library = api.load_library(policy or ())
    org = orgpolicy.resolve(near, org_policy, trust)
    if org is not None:
        orgpolicy.attach(library, org)
    return library, org


def _fail(message: str) -> NoReturn:
    _diagnostic(f"licensegate: error: {message}")
    raise typer.Exit(code=2)


def _diagnostic(line: str) -> None:
    """One line on stderr; manifest text in it cannot break the line or drive the terminal."""
    from licensegate.escape import terminal

    typer.echo(terminal(line), err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"licensegate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Print the traceback of an internal error (any command; or LICENSEGATE_DEBUG=1).",
        ),
    ] = False,
) -> None:
    """A license gate for open-weight AI models."""


def _write(text: str, output: Path | None) -> None:
    """Write the finished report; a file is replaced atomically, never left half-written."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from licensegate.safe_write import write_text

    try:
        write_text(output, text)  # atomic; never through a link or onto a device
    except LicensegateError as err:
        _fail(str(err))


class EngineKind(str, Enum):
    """Where `check` evaluates the policies."""

    EMBEDDED = "embedded"
    OPA = "opa"


@app.command()
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Manifests, or folders to search for licensegate.yaml and *.licensegate.yaml."
        ),
    ],
    formats: Annotated[
        list[OutputFormat] | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format (default text). For several formats from one evaluation, use "
            "--also.",
        ),
    ] = None,
    output: OutputOption = None,
    strict: StrictOption = False,
    policy: PolicyOption = None,
    org_policy: OrgPolicyOption = None,
    date: DateOption = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Text report: only failing manifests, their failing clauses and errors; no "
            "warnings that do not fail. Other formats are complete.",
        ),
    ] = False,
    require_signoff: Annotated[
        bool,
        typer.Option(
            "--require-signoff",
            help="Fail a manifest whose legal sign-off is missing or older than the manifest "
            "or the policies (default: only warn when it is outdated).",
        ),
    ] = False,
    engine: Annotated[
        EngineKind,
        typer.Option(help="embedded (regorus, in process) or opa (an OPA server, --opa-url)."),
    ] = EngineKind.EMBEDDED,
    opa_url: Annotated[
        str | None,
        typer.Option(envvar="LICENSEGATE_OPA_URL", help="OPA server for --engine opa."),
    ] = None,
    opa_token: Annotated[
        str | None,
        typer.Option(
            envvar="LICENSEGATE_OPA_TOKEN",
            help="Bearer token for the OPA server. Prefer the LICENSEGATE_OPA_TOKEN environment "
            "variable: other users and CI logs can see a command line.",
        ),
    ] = None,
    opa_preloaded: Annotated[
        bool,
        typer.Option(
            "--opa-preloaded",
            help="The server already serves the `licensegate bundle build` bundle: push nothing, "
            "only check its revision.",
        ),
    ] = False,
    opa_timeout: Annotated[
        float, typer.Option(min=0.01, help="Seconds per request to the OPA server.")
    ] = 10.0,
    opa_ca_bundle: Annotated[
        Path | None, typer.Option(help="PEM file of the CAs for the server's certificate.")
    ] = None,
    opa_client_cert: Annotated[
        Path | None, typer.Option(help="PEM client certificate (mutual TLS).")
    ] = None,
    opa_client_key: Annotated[
        Path | None, typer.Option(help="Its private key, if not in --opa-client-cert.")
    ] = None,
    opa_insecure: Annotated[
        bool,
        typer.Option("--opa-insecure", help="Do not verify the server's certificate (testing)."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes. Default: 1 for up to 100 manifests, then one per 100, "
            "up to the CPUs.",
        ),
    ] = None,
    soft_fail: Annotated[
        bool,
        typer.Option(
            "--soft-fail",
            help="Report failures but exit 0 (still 2 when there is no verdict). A command-line "
            "flag only, never a manifest field: a pull request cannot soften its own gate.",
        ),
    ] = False,
    trusted_ref: Annotated[
        str | None,
        typer.Option(
            "--trusted-ref",
            help="Git branch, tag or commit (e.g. origin/main) whose copies of the manifests "
            "and sign-off records hold the approvals that count; waivers, attestations and "
            "sign-offs added in this change do not apply unless signed by an allowed signer. "
            "Default: all apply (trust: local).",
        ),
    ] = None,
    allowed_signers: Annotated[
        str | None,
        typer.Option(
            "--allowed-signers",
            help="With --trusted-ref: repository path of the SSH allowed-signers file, read at "
            "the trusted ref (default .licensegate/allowed_signers). Approvals signed by a key "
            "it allows for the approver's e-mail count (licensegate approve, sign-off "
            "--sign-with).",
        ),
    ] = None,
    scan: Annotated[
        Path | None,
        typer.Option(
            "--scan",
            help="Also scan this folder for the models it really uses: one the manifest does "
            "not list fails (licensegate:undeclared-model), a listed one never seen is a warning.",
        ),
    ] = None,
    hub: Annotated[
        bool,
        typer.Option(
            "--hub",
            help="With --scan: fetch model cards the scan did not find from the Hugging Face "
            "Hub (cached), to follow base_model lineage. Off by default: checks stay offline.",
        ),
    ] = False,
    bom: Annotated[
        list[Path] | None,
        typer.Option(
            "--bom",
            help="A CycloneDX JSON BOM (syft, cdxgen, licensegate scan) listing the models the "
            "repository uses, held to the manifest like --scan; repeatable.",
        ),
    ] = None,
    also: Annotated[
        list[str] | None,
        typer.Option(
            "--also",
            help="Also write the report in another format to a file, from the same evaluation: "
            "FORMAT=PATH, e.g. sarif=licensegate.sarif; repeatable.",
        ),
    ] = None,
) -> None:
    """Check manifests against the model licenses: exit 0 pass, 1 fail, 2 no verdict."""
    from licensegate import api

    output_format = formats[-1] if formats else OutputFormat.TEXT
    if formats and len(formats) > 1:
        # NOTE: click keeps the last of a repeated option silently; a user who asked for two
        # formats would get one and not know.
        _diagnostic(
            f"licensegate: warning: --format given {len(formats)} times; writing only the last "
            f"({output_format.value}). Use --also FORMAT=PATH for more formats from one run."
        )
    today = _parse_date(date)
    extra_outputs = _parse_also(also or [], output)
    for path in paths:
        if not path.exists():
            _fail(f"{path}: no such file or directory")
    trust = None
    if allowed_signers is not None and trusted_ref is None:
        _fail("--allowed-signers is read at the trusted ref: give --trusted-ref REF too")
    if trusted_ref is not None:
        from licensegate.trust import open_ref

        try:
            trust = open_ref(trusted_ref, paths[0], allowed_signers)
        except LicensegateError as err:
            _fail(str(err))
    scanned = _scan_folder(scan) if scan is not None else None
    scanned = _with_boms(scanned, bom) if bom else scanned
    if hub and scanned is None:
        _fail("--hub follows model cards for --scan: give --scan DIR too")
    opa = None
    if engine is EngineKind.OPA:
        if not opa_url:
            _fail("--engine opa needs --opa-url URL (or LICENSEGATE_OPA_URL)")
        from licensegate.engine.remote import OpaOptions

        if opa_token and opa_url.lower().startswith("http://"):
            _diagnostic(
                f"licensegate: warning: the OPA token goes to {opa_url} over plain http, "
                "readable on the way; use an https:// URL"
            )

        opa = OpaOptions(
            url=opa_url,
            token=opa_token,
            preloaded=opa_preloaded,
            timeout=opa_timeout,
            ca_bundle=str(opa_ca_bundle) if opa_ca_bundle else None,
            client_cert=str(opa_client_cert) if opa_client_cert else None,
            client_key=str(opa_client_key) if opa_client_key else None,
            insecure=opa_insecure,
        )
    try:
        library, org = _load_library(policy, paths[0], org_policy, trust)
        if org is not None:
            strict = strict or org.strict
            require_signoff = require_signoff or org.require_signoff
        outcomes = api.iter_outcomes(
            paths,
            library,
            opa=opa,
            jobs=jobs,
            strict=strict,
            today=today,
            trust=trust,
            scan=scanned,
            hub=hub,
            require_signoff=require_signoff,
        )
        from licensegate.formats.writer import Head

        head = Head(library.digest, strict, trust.to_dict() if trust else None, scanned)
        tally = _stream([(output_format, output), *extra_outputs], head, outcomes, quiet)
    except LicensegateError as err:
        _fail(str(err))
    _finish(tally.checked, tally.failed, tally.errors)
    raise typer.Exit(code=_soften(tally.exit_code, soft_fail))


def _soften(code: int, soft_fail: bool) -> int:
    """--soft-fail turns a fail (1) into 0 and says so; no verdict (2) stays 2."""
    if code == 1 and soft_fail:
        typer.echo("licensegate: --soft-fail: failures reported above; exiting 0", err=True)
        return 0
    return code


def _parse_also(values: list[str], output: Path | None) -> list[tuple[OutputFormat, Path]]:
    """`--also FORMAT=PATH` values, checked before anything is evaluated or written."""
    parsed: list[tuple[OutputFormat, Path]] = []
    taken = {os.path.abspath(output)} if output is not None else set()
    known = ", ".join(f.value for f in OutputFormat)
    for value in values:
        name, sep, target = value.partition("=")
        if not sep or not target:
            _fail(f"--also {value!r}: expected FORMAT=PATH, e.g. sarif=licensegate.sarif")
        try:
            kind = OutputFormat(name)
        except ValueError:
            _fail(f"--also {value!r}: unknown format {name!r} (one of {known})")
        if os.path.abspath(target) in taken:
            _fail(f"--also {value!r}: {target} is already written by another output")
        taken.add(os.path.abspath(target))
        parsed.append((kind, Path(target)))
    return parsed


def _scan_folder(folder: Path) -> "ScanResult":
    """What `check --scan FOLDER` holds the manifests to; exit 2 when it cannot be read."""
    if not folder.is_dir():
        _fail(f"{folder}: --scan needs a folder")
    # NOTE: imported only for --scan, so a plain `check` never loads the readers.
    from licensegate.scan.walk import scan

    try:
        return scan([folder], root=folder)
    except LicensegateError as err:
        _fail(str(err))


def _with_boms(scanned: "ScanResult | None", boms: list[Path]) -> "ScanResult | None":
    """`check --bom FILE...`: the models each BOM lists, added to the scan; exit 2 if unreadable."""
    # NOTE: imported only for --bom, so a plain `check` never loads the reader.
    from licensegate.scan import bom_input

    # Evidence paths are shown joined to the scanned root: make a BOM's relative to it.
    base = os.path.realpath(scanned.root) if scanned is not None else None
    results = []
    for path in boms:
        shown = path.as_posix()
        if base is not None:
            try:
                shown = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
            except ValueError:  # another drive (Windows)
                shown = Path(os.path.abspath(path)).as_posix()
        try:
            results.append(bom_input.read(path, evidence_path=shown))
        except LicensegateError as err:
            _fail(str(err))
    return bom_input.combine(scanned, results)


def _finish(checked: int, failed: int, errors: list[NoVerdict]) -> None:
    """The errors and the one-line summary on stderr."""
    for failure in errors:
        for error in failure.problems():
            where = f"{error.manifest}:{error.line}" if error.line else error.manifest
            _diagnostic(f"licensegate: error: {where}: {error.message}")
    typer.echo(
        f"licensegate: {checked} checked, {checked - failed} passed, "
        f"{failed} failed, {len(errors)} without verdict",
        err=True,
    )


def _stream(
    outputs: list[tuple[OutputFormat, Path | None]],
    head: "Head",
    outcomes: "Iterable[ManifestResult | NoVerdict]",
    quiet: bool = False,
) -> "Tally":
    """Write every output (the first is --format's, to -o or stdout) as the results arrive.

    Each format's writer gets each result once (formats/writer.py), so text and JSON hold one
    result at a time however many manifests there are; each output goes to a temporary file
    that becomes it (or is copied to stdout) only once complete, so an error midway leaves
    nothing half-written."""
    import contextlib

    from licensegate.formats.github import append_to_step_summary, step_summary_path
    from licensegate.formats.writer import write_outcomes
    from licensegate.safe_write import output_stream

    def echoed() -> "Iterator[ManifestResult | NoVerdict]":
        for outcome in outcomes:
            if isinstance(outcome, ManifestResult):
                _echo_warnings(outcome, quiet)
            yield outcome

    # `--format github` also appends the Markdown report to the Actions step summary, if any.
    summary = step_summary_path() if outputs[0][0] is OutputFormat.GITHUB else None
    markdown = io.StringIO()
    with contextlib.ExitStack() as opened:
        writers = [
            # NOTE: --quiet is the main text report's; a text file from --also is complete.
            kind.writer(opened.enter_context(output_stream(path)), quiet=quiet and index == 0)
            for index, (kind, path) in enumerate(outputs)
        ]
        if summary is not None:
            writers.append(OutputFormat.MARKDOWN.writer(markdown))
        tally = write_outcomes(writers, head, echoed())
    if summary is not None:
        try:
            append_to_step_summary(summary, markdown.getvalue())
        except OSError as err:
            typer.echo(f"licensegate: warning: cannot append the step summary: {err}", err=True)
    return tally


def _echo_warnings(result: ManifestResult, quiet: bool = False) -> None:
    """Sign-off and waiver-expiry warnings on stderr; blocking ones (--require-signoff): errors.
    ``quiet`` keeps only the blocking ones."""
    for warning in result.warnings:
        if quiet and not warning.blocking:
            continue
        kind = "error" if warning.blocking else "warning"
        where = f"{result.manifest}:{warning.line}" if warning.line else result.manifest
        _diagnostic(f"licensegate: {kind}: {where}: {warning.message}")


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
    unreadable: list[NoVerdict] = []
    for path in api.discover(paths, unreadable):
        found += 1
        try:
            build_input(load_manifest(path), library)
        except LicensegateError as err:
            bad += 1
            for problem in [err, *getattr(err, "more", [])]:
                _diagnostic(f"licensegate: error: {problem}")
        else:
            typer.echo(f"{path}: valid")
    for failure in unreadable:
        bad += 1
        _diagnostic(f"licensegate: error: {failure.manifest}: {failure.message}")
    if not found and not unreadable:
        _fail("no manifests found")
    raise typer.Exit(code=2 if bad else 0)


@app.command("input")
def input_command(
    manifest: Annotated[Path, typer.Argument(help="The manifest.")],
    output: OutputOption = None,
    date: DateOption = None,
) -> None:
    """Print the input document the policies evaluate for a manifest (schemas/input.schema.json),
    for `opa eval` and `conftest test`: exit 0, or 2 when the manifest is invalid."""
    import json

    from licensegate import api
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest

    today = _parse_date(date)
    _one_manifest(manifest)
    try:
        document = build_input(load_manifest(manifest), api.load_library(), today)
    except LicensegateError as err:
        _fail(str(err))
    _write(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)


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
    clause: Annotated[
        str,
        typer.Argument(help="A clause id (llama3.1:mau-threshold) or a license id (llama3.1)."),
    ],
) -> None:
    """Show a clause (text, section, quote, when it applies, what to do) or a license's clauses."""
    from licensegate import api, lookup

    try:
        typer.echo(lookup.explain(api.load_library(), clause), nl=False)
    except LicensegateError as err:
        _fail(str(err))


@app.command("models")
def models_command(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Model ids or globs (meta-llama/*); default: the whole catalog."),
    ] = None,
    output_format: Annotated[
        LibraryFormat, typer.Option("--format", "-f", help="text or json.")
    ] = LibraryFormat.TEXT,
) -> None:
    """What the catalog knows: model id, licenses, release date, source (exit 2: unknown id)."""
    from licensegate import api, lookup

    if output_format is LibraryFormat.MARKDOWN:
        _fail("models: --format is text or json")
    try:
        entries = lookup.models(api.load_library(), ids or ())
    except LicensegateError as err:
        _fail(str(err))
    render = lookup.models_json if output_format is LibraryFormat.JSON else lookup.models_text
    typer.echo(render(entries), nl=False)


@app.command("test")
def test_command(
    policy: Annotated[
        list[Path] | None,
        typer.Option("--policy", help="Extra folder of organisation policies and tests."),
    ] = None,
    coverage: Annotated[
        bool,
        typer.Option("--coverage", help="Report Rego line coverage of the policy modules."),
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            help="Exit 1 when total coverage is under PCT percent (implies --coverage).",
            metavar="PCT",
        ),
    ] = None,
    output_format: Annotated[
        LibraryFormat, typer.Option("--format", "-f", help="text or json.")
    ] = LibraryFormat.TEXT,
) -> None:
    """Run the Rego unit tests (test_* rules in *_test.rego) on the embedded engine."""
    from licensegate import api, regotest

    if output_format is LibraryFormat.MARKDOWN:
        _fail("test: --format is text or json")
    measured = None
    try:
        library = api.load_library(policy or ())
        tests = regotest.collect(library)
        if coverage or fail_under is not None:
            from licensegate import regocoverage

            outcomes, raw = regotest.run_regorus_with_coverage(library, tests)
            measured = regocoverage.measure(library, raw)
        else:
            outcomes = regotest.run_regorus(library, tests)
    except LicensegateError as err:
        _fail(str(err))
    failures = [o for o in outcomes if o.status != "passed"]
    passed = len(outcomes) - len(failures)
    too_low = measured is not None and fail_under is not None and measured.below(fail_under)
    if output_format is LibraryFormat.JSON:
        import json

        document: dict[str, object] = {
            "passed": passed,
            "failed": len(failures),
            "failures": [
                {
                    "module": o.test.module,
                    "line": o.test.line,
                    "test": o.test.name,
                    "status": o.status,
                    "detail": o.detail,
                }
                for o in failures
            ],
        }
        if measured is not None:
            document["coverage"] = {
                **regocoverage.as_json(measured),
                "fail_under": fail_under,
                "passed": not too_low,
            }
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for o in failures:
            where = f"{o.test.module}:{o.test.line}"
            typer.echo(f"{o.status.upper()} {where} {o.test.name}: {o.detail}")
        if measured is not None:
            typer.echo(regocoverage.render_text(measured), nl=False)
            if too_low:
                gate = f"--fail-under {fail_under:g}%"
                typer.echo(f"coverage {measured.percent:.2f}% is under {gate}")
        typer.echo(f"{passed} passed, {len(failures)} failed")
    raise typer.Exit(code=1 if failures or too_low else 0)


class ReviewFormat(str, Enum):
    """Formats of `review`."""

    MARKDOWN = "markdown"
    HTML = "html"


def _one_manifest(manifest: Path) -> None:
    if not manifest.exists():
        _fail(f"{manifest}: no such file or directory")
    if manifest.is_dir():
        _fail(f"{manifest}: is a directory; give one manifest file")


@app.command()
def review(
    manifest: Annotated[Path, typer.Argument(help="The manifest to review.")],
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="markdown or html (self-contained).")
    ] = ReviewFormat.MARKDOWN,
    output: OutputOption = None,
    strict: StrictOption = False,
    policy: PolicyOption = None,
    org_policy: OrgPolicyOption = None,
    date: DateOption = None,
) -> None:
    """Write the legal review document of one manifest, for counsel: exit 0, or 2 no verdict."""
    from licensegate import review as review_doc

    today = _parse_date(date)
    _one_manifest(manifest)
    try:
        library, org = _load_library(policy, manifest, org_policy)
        strict = strict or bool(org and org.strict)
        data = review_doc.prepare(manifest, library, strict=strict, today=today)
    except LicensegateError as err:
        _fail(str(err))
    document = review_doc.build(data)
    render = (
        review_doc.render_html if output_format is ReviewFormat.HTML else review_doc.render_markdown
    )
    _write(render(document), output)
    verdict = "fails" if data.result.failed else "passes"
    typer.echo(f"licensegate: review of {manifest} written; the manifest {verdict}", err=True)


@app.command("sign-off")
def sign_off(
    manifest: Annotated[Path, typer.Argument(help="The reviewed manifest.")],
    by: Annotated[str, typer.Option("--by", help="Who approves it (name or e-mail address).")],
    note: Annotated[str, typer.Option("--note", help="A remark kept with the record.")] = "",
    policy: PolicyOption = None,
    org_policy: OrgPolicyOption = None,
    date: DateOption = None,
    sign_with: SignWithOption = None,
) -> None:
    """Record a legal approval of a manifest in <manifest>.signoff.json (append-only).

    Only a manifest that passes under --strict can be signed off: violations must be fixed or
    waived and attestations recorded first. With --sign-with the entry carries an SSH signature,
    so it counts under `check --trusted-ref` before it is merged. Exit 0 recorded, 1 refused,
    2 no verdict.
    """
    from licensegate import pipeline
    from licensegate.signoff import append_signoff, new_signoff

    today = _parse_date(date)
    _one_manifest(manifest)
    if not by.strip():
        _fail("--by must name who signs off")
    try:
        library, _ = _load_library(policy, manifest, org_policy)
        options = pipeline.Options(today=today or dt.date.today(), strict=True)
        judged = pipeline.judge_or_fail(manifest, library, pipeline.make_engine(library), options)
    except LicensegateError as err:
        _fail(str(err))
    if isinstance(judged, NoVerdict):
        where = f"{judged.manifest}:{judged.line}" if judged.line else judged.manifest
        _fail(f"{where}: {judged.message}")
    result = judged.result
    if result.failed:
        open_items = [
            f"{c.id} ({c.subject}): {c.status.value}"
            for c in result.clauses
            if c.status.value in ("violated", "missing-facts", "needs-attestation")
        ]
        typer.echo(
            f"licensegate: error: {manifest} cannot be signed off while clauses are open "
            f"(fix or waive them, record attestations): {'; '.join(open_items)}",
            err=True,
        )
        raise typer.Exit(code=1)
    try:
        entry = new_signoff(result, library.digest, by.strip(), note, manifest=judged.manifest)
        if sign_with is not None:
            from dataclasses import replace

            from licensegate.signing import sign
            from licensegate.signoff import signed_document
            from licensegate.trust import repository_path

            document = signed_document(entry, repository_path(manifest))
            entry = replace(entry, signature=sign(document, sign_with))
        path = append_signoff(manifest, entry)
    except LicensegateError as err:
        _fail(str(err))
    typer.echo(
        f"licensegate: {manifest} signed off by {by.strip()} (manifest {result.digest[:19]}…, "
        f"policies {library.digest[:19]}…); recorded in {path}",
        err=True,
    )


@app.command("approve")
def approve(
    manifest: Annotated[
        Path, typer.Argument(help="The manifest holding the waiver or attestation.")
    ],
    clause: Annotated[str, typer.Option("--clause", help="The clause id it waives or attests.")],
    sign_with: Annotated[
        Path, typer.Option("--sign-with", help="Your SSH private key (ssh-keygen -Y sign).")
    ],
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="The model it is for, when the clause has several."),
    ] = None,
) -> None:
    """Sign a waiver or attestation with your SSH key, into <manifest>.approvals.json.

    Under `check --trusted-ref REF` a waiver or attestation added in a pull request counts only
    when it is already at REF or signed by its own approver (approved_by / by) with a key that
    REF's allowed-signers file allows for that e-mail. Changing the record voids the signature.
    Exit 0 signed, 2 error.
    """
    from licensegate.approvals import KINDS, append_approval, signed_document
    from licensegate.manifest import load_manifest
    from licensegate.signing import sign
    from licensegate.trust import repository_path

    _one_manifest(manifest)
    try:
        loaded = load_manifest(manifest)
        matches = [
            (kind, record)
            for kind, (field, _who) in KINDS.items()
            for record in loaded.data.get(field, [])
            if record.get("clause") == clause
            and (subject is None or record.get("subject") == subject)
        ]
        if not matches:
            _fail(
                f"{manifest}: no waiver or attestation of {clause}"
                + (f" for {subject}" if subject is not None else "")
            )
        if len(matches) > 1:
            subjects = ", ".join(str(record.get("subject", "(all)")) for _, record in matches)
            _fail(
                f"{manifest}: {len(matches)} records of {clause} ({subjects}): "
                "name one with --subject"
            )
        ((kind, record),) = matches
        document = signed_document(kind, repository_path(manifest), record)
        path = append_approval(manifest, kind, record, sign(document, sign_with))
    except LicensegateError as err:
        _fail(str(err))
    approver = record.get(KINDS[kind][1])
    typer.echo(
        f"licensegate: signed the {kind} of {clause}"
        + (f" for {record['subject']}" if record.get("subject") else "")
        + f" (approver {approver}) into {path}; it counts where the trusted ref's allowed "
        f"signers allow this key for {approver}",
        err=True,
    )


class ScanFormat(str, Enum):
    """Formats of `scan`."""

    TEXT = "text"
    JSON = "json"
    CYCLONEDX = "cyclonedx"


@app.command()
def scan(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to scan, inside --root (default: the root)."),
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            help="The repository; evidence paths are relative to it. Default: the current "
            "folder, or the one folder given when it lies outside.",
        ),
    ] = None,
    output_format: Annotated[
        ScanFormat,
        typer.Option("--format", "-f", help="text, json, or cyclonedx (a CycloneDX 1.6 ML-BOM)."),
    ] = ScanFormat.TEXT,
    include_ignored: Annotated[
        bool,
        typer.Option("--include-ignored", help="Also read files git ignores (.gitignore)."),
    ] = False,
    output: OutputOption = None,
) -> None:
    """List every model the repository uses, with the file and line of each reference.

    Reads Python and notebooks, serving configs (vLLM, TGI, LiteLLM, Kubernetes, compose,
    Dockerfiles), Ollama Modelfiles, PEFT adapters, mergekit files, model cards, GGUF headers and
    the Hugging Face cache. Exit 0 when the scan ran (files it could not read are listed as
    warnings), 2 on bad arguments.
    """
    from licensegate.scan import render, walk

    if root is None:
        here = Path.cwd().resolve()
        outside = [p for p in paths or [] if not p.resolve().is_relative_to(here)]
        root = paths[0] if paths and len(paths) == 1 and outside and paths[0].is_dir() else here
    try:
        result = walk.scan(paths or [], root=root, gitignore=not include_ignored)
    except LicensegateError as err:
        _fail(str(err))
    if output_format is ScanFormat.CYCLONEDX:
        from licensegate.scan import cyclonedx

        text = cyclonedx.bom(result)
    elif output_format is ScanFormat.JSON:
        text = render.as_json(result)
    else:
        text = render.text(result)
    _write(text, output)
    for problem in result.problems:
        _diagnostic(f"licensegate: warning: {problem.path}: {problem.message}")


@app.command()
def init(
    path: Annotated[
        Path, typer.Argument(help="The repository to scan and draft a manifest for.")
    ] = Path("."),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the draft ('-': stdout). Default: PATH/licensegate.yaml.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Draft a manifest from a scan: every model found, every fact to fill in left as a TODO.

    The draft fails `check` and `validate` (exit 2) until each TODO is replaced.
    """
    from licensegate.scan import draft, walk

    try:
        result = walk.scan([], root=path)
    except LicensegateError as err:
        _fail(str(err))
    text = draft.draft(result, Path(result.root).name)
    for problem in result.problems:
        _diagnostic(f"licensegate: warning: {problem.path}: {problem.message}")
    if output is not None and str(output) == "-":
        _write(text, None)
        return
    target = output if output is not None else path / "licensegate.yaml"
    if target.exists() and not force:
        _fail(f"{target} exists; use --force to replace it, or -o to write elsewhere")
    _write(text, target)
    todos = text.count('"TODO')
    _diagnostic(f"licensegate: wrote {target}: {todos} TODO(s) to fill in before it can pass")


bundle_app = typer.Typer(
    no_args_is_help=True,
    help="OPA bundles of the policy library, for `opa run --server --bundle` and bundle services.",
)
app.add_typer(bundle_app, name="bundle")


@bundle_app.command("build")
def bundle_build(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the bundle (.tar.gz).")
    ] = Path("bundle.tar.gz"),
    policy: PolicyOption = None,
) -> None:
    """Write an OPA bundle: .manifest (revision = policy digest, roots), policies and data."""
    from licensegate import api, bundle

    try:
        info = bundle.build(api.load_library(policy or ()), output, policy or ())
    except LicensegateError as err:
        _fail(str(err))
    typer.echo(
        f"licensegate: wrote {info.path} ({info.size} bytes): revision {info.revision}, "
        f"roots {', '.join(info.roots)}, {info.policies} policies, {info.data_files} data files",
        err=True,
    )


def main() -> None:
    """Console-script entry point, and the error boundary: whatever goes wrong, the exit code
    is 0, 1 or 2 by DESIGN.md §4, never a traceback and never a 1 that is not a verdict."""
    import signal

    import click

    from licensegate.boundary import DEBUG_ENV, internal_error

    args = sys.argv[1:]
    end = args.index("--") if "--" in args else len(args)
    if "--debug" in args[:end]:
        # NOTE: accepted anywhere before `--`, and passed on through the environment so that
        # batch workers print their tracebacks too.
        os.environ[DEBUG_ENV] = "1"
        args = [arg for arg in args[:end] if arg != "--debug"] + args[end:]
    # NOTE: SIGTERM (CI cancelling a job) unwinds like an exception, so temporary report
    # files are removed by their `finally` and workers are shut down.
    signal.signal(signal.SIGTERM, lambda number, _frame: sys.exit(128 + number))
    try:
        code = app(args=args, prog_name="licensegate", standalone_mode=False)
    except click.ClickException as err:  # usage errors: click's message, exit 2
        err.show()
        code = 2
    except (click.Abort, KeyboardInterrupt):
        _diagnostic("licensegate: interrupted")
        code = 130
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001 -- the boundary: nothing unexpected escapes
        _diagnostic(f"licensegate: {internal_error(err)}")
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
