"""The library entry point: find manifests, judge each (licensegate.pipeline), assemble the report.

`cli.py` and the tests call `check`; nothing here prints. Every manifest goes through
:func:`licensegate.pipeline.judge`, in this process or in batch workers (batch.py), so the
report is the one the CLI writes, sign-off state included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from licensegate.engine import Engine
from licensegate.errors import LicensegateError, ManifestError
from licensegate.pipeline import GROUP, Options, internal_failure, make_engine, outcomes
from licensegate.policy import PolicyLibrary
from licensegate.report import ManifestResult, NoVerdict, Report

ManifestFailure = NoVerdict
"""The old name of NoVerdict (a manifest without a verdict): this module is the public API,
and library users test outcomes with ``isinstance(outcome, api.ManifestFailure)``."""

if TYPE_CHECKING:
    from licensegate.engine.remote import OpaOptions
    from licensegate.scan.evidence import ScanResult
    from licensegate.trust import TrustedRef

MANIFEST_NAMES = ("licensegate.yaml", "licensegate.yml")
MANIFEST_SUFFIXES = (".licensegate.yaml", ".licensegate.yml", ".licensegate.json")
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


def load_library(extra_policies: Sequence[Path] = ()) -> PolicyLibrary:
    """The bundled policy library, plus any organisation policy folders."""
    from licensegate.resources import policies_dir

    return PolicyLibrary.load(policies_dir(), extra_policies)


def is_manifest_name(name: str) -> bool:
    """`licensegate.yaml` or `*.licensegate.yaml` (also .yml and .json)."""
    return name in MANIFEST_NAMES or name.endswith(MANIFEST_SUFFIXES)


def discover(paths: Iterable[Path], unreadable: list[NoVerdict] | None = None) -> Iterator[Path]:
    """Files as given; directories searched (sorted, depth first) for manifest names.

    A folder that cannot be listed is added to ``unreadable`` (a failure for that folder; the
    rest of the scan goes on), or raises ManifestError when no list is given.
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(_walk(path, unreadable))
        else:
            yield path


def _walk(directory: Path, unreadable: list[NoVerdict] | None) -> Iterator[Path]:
    try:
        children = list(directory.iterdir())
    except OSError as err:
        failure = NoVerdict(
            str(directory), f"cannot read this folder: {err.strerror or err}; it was not scanned"
        )
        if unreadable is None:
            raise ManifestError(failure.manifest, failure.message) from None
        unreadable.append(failure)
        return
    for child in children:
        if child.is_dir() and not child.is_symlink():
            if child.name not in _SKIPPED_DIRS:
                yield from _walk(child, unreadable)
        elif is_manifest_name(child.name) and not child.is_dir():
            # NOTE: not only regular files: a FIFO, device or link out of the repository under
            # a manifest's name is reported (load_manifest refuses it), never silently skipped.
            yield child


def check(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    library: PolicyLibrary | None = None,
    engine: Engine | None = None,
    today: dt.date | None = None,
    opa: OpaOptions | None = None,
    jobs: int | None = 1,
    trust: TrustedRef | None = None,
    scan: ScanResult | None = None,
    hub: bool = False,
    require_signoff: bool = False,
) -> Report:
    """Check manifests. Policy and engine errors raise; manifest errors land in the report.

    ``opa`` evaluates on an OPA server instead of the embedded engine. ``jobs``: worker
    processes (None: as many as the batch is worth, see ``batch.plan_jobs``); the report is the
    same whatever the number. ``scan``: what the repository really uses (`check --scan`);
    every manifest is held to it (licensegate:undeclared-model, model-not-found). ``hub``:
    lineage may fetch model cards the scan did not find from the Hugging Face Hub. Each result
    carries its sign-off state and expiring waivers as warnings; ``require_signoff`` makes a
    missing, outdated or unreadable sign-off fail the manifest (`check --require-signoff`).
    """
    library = library or load_library()
    results: list[ManifestResult] = []
    errors: list[NoVerdict] = []
    for each in iter_outcomes(
        paths,
        library,
        engine=engine,
        opa=opa,
        jobs=jobs,
        strict=strict,
        today=today,
        trust=trust,
        scan=scan,
        hub=hub,
        require_signoff=require_signoff,
    ):
        if isinstance(each, NoVerdict):
            errors.append(each)
        else:
            results.append(each)
    return Report(
        library.digest,
        results,
        errors,
        strict=strict,
        trust=trust.to_dict() if trust else None,
        scan=scan,
    )


def iter_outcomes(
    paths: Sequence[Path],
    library: PolicyLibrary,
    *,
    engine: Engine | None = None,
    opa: OpaOptions | None = None,
    jobs: int | None = 1,
    strict: bool = False,
    today: dt.date | None = None,
    trust: TrustedRef | None = None,
    scan: ScanResult | None = None,
    hub: bool = False,
    require_signoff: bool = False,
) -> Iterator[ManifestResult | NoVerdict]:
    """Results and failures one manifest at a time, in discovery order, as `check` sees them.

    A caller that writes each one out as it arrives (licensegate.formats.writer) holds one result at
    a time, however many manifests there are. Paths with no manifest at all yield a failure.
    """
    found_any = False
    facts = None
    if scan is not None:
        # NOTE: imported only for `check --scan`; checked and bounded once for every manifest.
        from licensegate.scan.check_input import ScanFacts

        fetch = None
        if hub:
            from licensegate.scan.hub import HubCards

            fetch = HubCards()
        facts = ScanFacts.of(scan, catalog=library.catalog, fetch=fetch)
    options = Options(
        today=today or dt.date.today(),  # one day for every manifest, even across midnight
        strict=strict,
        require_signoff=require_signoff,
        trust=trust,
        facts=facts,
    )
    for each in _outcomes(paths, library, engine, opa, jobs, options):
        found_any = True
        yield each
    if not found_any:
        for path in paths:
            yield NoVerdict(
                str(path), "no manifests found (licensegate.yaml or *.licensegate.yaml)"
            )


def _outcomes(
    paths: Sequence[Path],
    library: PolicyLibrary,
    engine: Engine | None,
    opa: OpaOptions | None,
    jobs: int | None,
    options: Options,
) -> Iterator[ManifestResult | NoVerdict]:
    """One outcome per manifest found, in discovery order; in worker processes for batches."""
    unreadable: list[NoVerdict] = []
    found: Iterable[Path] = discover(paths, unreadable)
    # NOTE: approvals read from a trusted ref are checked in this process (git per manifest).
    # NOTE: a scan is held to every manifest in this process (workers do not carry it).
    if engine is None and jobs != 1 and options.trust is None and options.facts is None:
        from licensegate.batch import check_parallel, plan_jobs

        found = list(found)
        workers = plan_jobs(jobs, len(found))
        if workers > 1:
            yield from unreadable
            yield from check_parallel(found, library, options, jobs=workers, opa=opa)
            return
    if engine is None:
        engine = make_engine(library) if opa is None else make_engine(library, opa)
    # Manifests go through the pipeline in groups (pipeline.outcomes); each keeps its place
    # among the unreadable paths discovery reported before it.
    group: list[Path] = []
    before: list[list[NoVerdict]] = []
    for path in found:
        before.append(list(_drain(unreadable)))
        group.append(path)
        if len(group) == GROUP:
            yield from _in_order(before, outcomes(group, library, engine, options))
            group, before = [], []
    if group:
        yield from _in_order(before, outcomes(group, library, engine, options))
    yield from _drain(unreadable)


def _in_order(
    before: list[list[NoVerdict]], done: list[ManifestResult | NoVerdict]
) -> Iterator[ManifestResult | NoVerdict]:
    for failures, each in zip(before, done, strict=True):
        yield from failures
        yield each


def _drain(failures: list[NoVerdict]) -> Iterator[NoVerdict]:
    while failures:
        yield failures.pop(0)


def check_one(
    path: Path,
    library: PolicyLibrary,
    engine: Engine,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    trust: TrustedRef | None = None,
    require_signoff: bool = False,
) -> ManifestResult:
    """One manifest judged as `check` judges it (licensegate.pipeline.judge).

    Raises:
        ManifestError: The manifest has no verdict.
    """
    from licensegate.pipeline import judge

    options = Options(
        today=today or dt.date.today(),
        strict=strict,
        require_signoff=require_signoff,
        trust=trust,
    )
    return judge(path, library, engine, options).result


__all__ = [
    "LicensegateError",
    "ManifestError",
    "ManifestFailure",
    "NoVerdict",
    "check",
    "check_one",
    "discover",
    "internal_failure",
    "load_library",
    "make_engine",
]
