"""The library entry point: find manifests, evaluate them, and assemble the report.

`cli.py` and the tests call `check`; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensegate.engine import Engine
from licensegate.errors import EngineError, LicensegateError, ManifestError, PolicyError
from licensegate.policy import PolicyLibrary
from licensegate.report import (
    STATUS_ORDER,
    ClauseResult,
    ManifestFailure,
    ManifestResult,
    Report,
    Status,
)

if TYPE_CHECKING:
    from licensegate.engine.remote import OpaOptions
    from licensegate.scan.check_input import ScanFacts
    from licensegate.scan.evidence import ScanResult
    from licensegate.trust import TrustedRef

MANIFEST_NAMES = ("licensegate.yaml", "licensegate.yml")
MANIFEST_SUFFIXES = (".licensegate.yaml", ".licensegate.yml", ".licensegate.json")
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


def load_library(extra_policies: Sequence[Path] = ()) -> PolicyLibrary:
    """The bundled policy library, plus any organisation policy folders."""
    from licensegate.resources import policies_dir

    return PolicyLibrary.load(policies_dir(), extra_policies)


def make_engine(library: PolicyLibrary, opa: OpaOptions | None = None) -> Engine:
    """The embedded regorus engine loaded with the library, or an OPA server when ``opa``."""
    if opa is not None:
        # NOTE: imported only here: opa_client and requests cost ~100 ms of a cold start.
        from licensegate.engine.remote import RemoteEngine

        return RemoteEngine(library, opa)
    from licensegate.engine.embedded import EmbeddedEngine

    return EmbeddedEngine(library)


def is_manifest_name(name: str) -> bool:
    """`licensegate.yaml` or `*.licensegate.yaml` (also .yml and .json)."""
    return name in MANIFEST_NAMES or name.endswith(MANIFEST_SUFFIXES)


def discover(
    paths: Iterable[Path], unreadable: list[ManifestFailure] | None = None
) -> Iterator[Path]:
    """Files as given; directories searched (sorted, depth first) for manifest names.

    A folder that cannot be listed is added to ``unreadable`` (a failure for that folder; the
    rest of the scan goes on), or raises ManifestError when no list is given.
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(_walk(path, unreadable))
        else:
            yield path


def _walk(directory: Path, unreadable: list[ManifestFailure] | None) -> Iterator[Path]:
    try:
        children = list(directory.iterdir())
    except OSError as err:
        failure = ManifestFailure(
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
) -> Report:
    """Check manifests. Policy and engine errors raise; manifest errors land in the report.

    ``opa`` evaluates on an OPA server instead of the embedded engine. ``jobs``: worker
    processes (None: as many as the batch is worth, see ``batch.plan_jobs``); the report is the
    same whatever the number. ``scan``: what the repository really uses (`check --scan`);
    every manifest is held to it (licensegate:undeclared-model, model-not-found). ``hub``:
    lineage may fetch model cards the scan did not find from the Hugging Face Hub.
    """
    library = library or load_library()
    results: list[ManifestResult] = []
    errors: list[ManifestFailure] = []
    for outcome in iter_outcomes(
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
    ):
        if isinstance(outcome, ManifestFailure):
            errors.append(outcome)
        else:
            results.append(outcome)
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
) -> Iterator[ManifestResult | ManifestFailure]:
    """Results and failures one manifest at a time, in discovery order, as `check` sees them.

    A caller that writes each one out as it arrives (licensegate.streaming) holds one result at
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
    for outcome in _outcomes(
        paths, library, engine, opa, jobs, strict=strict, today=today, trust=trust, facts=facts
    ):
        found_any = True
        yield outcome
    if not found_any:
        for path in paths:
            yield ManifestFailure(
                str(path), "no manifests found (licensegate.yaml or *.licensegate.yaml)"
            )


def _outcomes(
    paths: Sequence[Path],
    library: PolicyLibrary,
    engine: Engine | None,
    opa: OpaOptions | None,
    jobs: int | None,
    *,
    strict: bool,
    today: dt.date | None,
    trust: TrustedRef | None = None,
    facts: ScanFacts | None = None,
) -> Iterator[ManifestResult | ManifestFailure]:
    """One outcome per manifest found, in discovery order; in worker processes for batches."""
    unreadable: list[ManifestFailure] = []
    found: Iterable[Path] = discover(paths, unreadable)
    # NOTE: approvals read from a trusted ref are checked in this process (git per manifest).
    # NOTE: a scan is held to every manifest in this process (workers do not carry it).
    if engine is None and jobs != 1 and trust is None and facts is None:
        from licensegate.batch import check_parallel, plan_jobs

        found = list(found)
        workers = plan_jobs(jobs, len(found))
        if workers > 1:
            yield from unreadable
            yield from check_parallel(
                found, library, jobs=workers, opa=opa, strict=strict, today=today
            )
            return
    if engine is None:
        engine = make_engine(library) if opa is None else make_engine(library, opa)
    for path in found:
        yield from _drain(unreadable)
        yield _check_or_fail(
            path, library, engine, strict=strict, today=today, trust=trust, facts=facts
        )
    yield from _drain(unreadable)


def _drain(failures: list[ManifestFailure]) -> Iterator[ManifestFailure]:
    while failures:
        yield failures.pop(0)


def _check_or_fail(
    path: Path,
    library: PolicyLibrary,
    engine: Engine,
    *,
    strict: bool,
    today: dt.date | None,
    trust: TrustedRef | None = None,
    facts: ScanFacts | None = None,
) -> ManifestResult | ManifestFailure:
    try:
        return check_one(
            path, library, engine, strict=strict, today=today, trust=trust, facts=facts
        )
    except ManifestError as err:
        return ManifestFailure.from_error(err)
    except LicensegateError:
        raise  # policy and engine errors: no manifest can be checked, the run ends
    except Exception as err:  # noqa: BLE001 -- one manifest's bug must not end the batch
        return internal_failure(path, err)


def internal_failure(path: Path | str, err: Exception) -> ManifestFailure:
    """An unexpected exception while checking one manifest: no verdict for that manifest."""
    from licensegate.boundary import internal_error

    return ManifestFailure(str(path), internal_error(err))


def check_one(
    path: Path,
    library: PolicyLibrary,
    engine: Engine,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    trust: TrustedRef | None = None,
    facts: ScanFacts | None = None,
) -> ManifestResult:
    """Load, evaluate and report one manifest; with ``trust``, only approvals at its ref apply.

    With ``facts`` (`check --scan`), the policies also see what the repository really uses.
    """
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest

    manifest = load_manifest(path)
    untrusted: list[Any] = []
    if trust is not None:
        from licensegate.trust import filter_manifest

        manifest, untrusted = filter_manifest(manifest, trust)
    document = build_input(manifest, library, today)
    if facts is not None:
        from licensegate.scan.lineage import scan_document

        document["scan"] = scan_document(facts, document["manifest"])
    raw = engine.evaluate(document)
    org_warnings: list[Any] = []
    if any(isinstance(item, dict) and "origin" in item for item in raw):
        from licensegate.orgrego import split_warnings

        raw, org_warnings = split_warnings(raw)
    rank = _subject_ranks(document)
    clauses = sorted(
        (_clause_result(item, library, manifest) for item in raw),
        key=lambda c: (
            rank.get(c.subject.lower(), len(rank)),
            STATUS_ORDER.index(c.status.value),
            c.id,
        ),
    )
    from licensegate.records import unused_records

    warnings = [
        *untrusted,
        *org_warnings,
        *unused_records(document["manifest"], clauses, manifest),
    ]
    if facts is not None:
        warnings += facts.warnings(document["manifest"], manifest)
    return ManifestResult(
        manifest.path,
        manifest.digest,
        clauses,
        strict=strict,
        warnings=warnings,
        inventory=_inventory(document),
    )


def _inventory(document: dict[str, Any]) -> dict[str, Any]:
    """What the manifest lists, as the BOM format needs it (small: ids, licenses, edges)."""
    data = document["manifest"]
    return {
        "models": [
            {"id": model["id"], "license": model.get("license")} for model in data["models"]
        ],
        "derived_models": [{"name": derived["name"]} for derived in data["derived_models"]],
        "upstream": document.get("upstream", {}),
    }


def _subject_ranks(document: dict[str, Any]) -> dict[str, int]:
    """Subject (lower case) -> its place: listed models first, in manifest order, then derived
    models in manifest order. Built once per manifest, so sorting N findings costs N log N."""
    data = document["manifest"]
    names = [m["id"] for m in data["models"]] + [d["name"] for d in data["derived_models"]]
    ranks: dict[str, int] = {}
    for position, name in enumerate(names):
        ranks.setdefault(name.lower(), position)
    return ranks


def dotted(path: Sequence[Any]) -> str:
    """["models", 0, "id"] -> "models[0].id"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _clause_result(item: dict[str, Any], library: PolicyLibrary, manifest: Any) -> ClauseResult:
    if isinstance(item, dict) and "origin" in item:
        from licensegate.orgrego import check_finding

        check_finding(item)
    # NOTE: an engine (above all a remote one) answers anything; a finding of the wrong shape
    # is an engine error, never a traceback and never a verdict.
    if not (
        isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and isinstance(item.get("status"), str)
        and all(isinstance(item.get(key), (str, int, float)) for key in ("subject", "message"))
    ):
        raise EngineError(f"the engine returned a malformed finding: {_clip(repr(item))}")
    try:
        info = library.clause(item["id"])
        status = Status(item["status"])
        if info is None:
            raise KeyError(item["id"])
    except (KeyError, ValueError) as err:
        raise PolicyError(
            f"policy emitted a finding the library does not document: {item!r}"
        ) from err
    path = item.get("path") or []
    if not isinstance(path, list):
        raise EngineError(f"policy emitted a malformed path in {item!r}")
    if "evidence" in item and not isinstance(item["evidence"], dict):
        raise EngineError(f"policy emitted malformed evidence in {item!r}")
    kept = ("attestation", "waiver", "evidence")
    extra: dict[str, Any] = {key: item[key] for key in kept if key in item}
    text = library.license(info.license)
    return ClauseResult(
        id=info.id,
        license=info.license,
        clause=info.clause,
        subject=str(item["subject"]),
        status=status,
        title=info.title,
        section=info.section,
        quote=info.quote,
        source=info.source,
        message=str(item["message"]),
        remediation=info.remediation,
        path=dotted(path),
        line=manifest.line_of(tuple(path)),
        license_name=text.name if text else "licensegate",
        license_version=text.version if text else "",
        extra=extra,
    )


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["LicensegateError", "check", "check_one", "discover", "load_library", "make_engine"]
