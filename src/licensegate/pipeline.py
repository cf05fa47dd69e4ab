"""One manifest in, one finished result out: the steps every command shares, in one place.

load -> (trust filter) -> facts -> evaluate -> join with clause METADATA -> attestations,
waivers, sign-off state and warnings. `check` (in this process or in `--jobs` workers, see
batch.py), `review`, `sign-off`, the library API (`licensegate.api.check`) and the benchmarks
all call :func:`judge`, :func:`outcome` or :func:`outcomes` (the same steps over a group of
manifests, stage by stage), so no two of them can disagree about a manifest. The steps are also
callable one by one (:func:`prepare`, :func:`join`, :func:`finish`).

This module sits under api.py and batch.py in the import graph (tests/test_imports.py): it
never imports either of them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from licensegate.errors import EngineError, LicensegateError, ManifestError, PolicyError
from licensegate.fieldpath import dotted_path
from licensegate.report import (
    STATUS_ORDER,
    ClauseResult,
    ManifestResult,
    NoVerdict,
    ReportWarning,
    Status,
)

if TYPE_CHECKING:
    from licensegate.engine import Engine
    from licensegate.engine.remote import OpaOptions
    from licensegate.manifest import Manifest
    from licensegate.policy import ClauseInfo, PolicyLibrary
    from licensegate.scan.check_input import ScanFacts
    from licensegate.trust import TrustedRef


_T = TypeVar("_T")

ClauseRow = tuple["ClauseInfo", str, str, str]
"""``PolicyLibrary.clause_row``: the clause, its canonical id, its license text's name, version."""


@dataclass(frozen=True)
class Options:
    """How a run judges every manifest: the same for each one, and picklable for workers
    (except ``trust`` and ``facts``, which keep a run in one process, see api.py)."""

    today: dt.date = field(default_factory=dt.date.today)
    """The evaluation date: one for the whole run, even across midnight."""
    strict: bool = False
    require_signoff: bool = False
    """A missing, outdated or unreadable sign-off record fails the manifest (else it warns)."""
    trust: TrustedRef | None = None
    """Only approvals and sign-offs present at this git ref (or signed) count."""
    facts: ScanFacts | None = None
    """What the repository really uses (`check --scan`, `--bom`)."""


@dataclass(frozen=True)
class Judged:
    """A finished result and the manifest as read from disk (before any trust filter)."""

    manifest: Manifest
    result: ManifestResult


def make_engine(library: PolicyLibrary, opa: OpaOptions | None = None) -> Engine:
    """The embedded regorus engine loaded with the library, or an OPA server when ``opa``."""
    if opa is not None:
        # NOTE: imported only here: opa_client and requests cost ~100 ms of a cold start.
        from licensegate.engine.remote import RemoteEngine

        return RemoteEngine(library, opa)
    from licensegate.engine.embedded import EmbeddedEngine

    return EmbeddedEngine(library)


def outcome(
    path: Path, library: PolicyLibrary, engine: Engine, options: Options
) -> ManifestResult | NoVerdict:
    """:func:`judge`, with a manifest's own problems turned into a NoVerdict for that manifest.

    Policy and engine errors raise: no manifest can be checked, the run ends.
    """
    judged = judge_or_fail(path, library, engine, options)
    return judged if isinstance(judged, NoVerdict) else judged.result


GROUP = 32
"""Manifests :func:`outcomes` takes through each stage together (see there)."""


def outcomes(
    paths: Sequence[Path], library: PolicyLibrary, engine: Engine, options: Options
) -> list[ManifestResult | NoVerdict]:
    """:func:`outcome` of each path, in order, with the same results and errors.

    The group goes through the steps stage by stage: every manifest is read and prepared, then
    every input evaluated, then every result joined and finished. Alternating between the YAML
    reader and the Rego engine for each manifest evicts the other's data from the CPU caches;
    staged, a manifest costs about 15 % less CPU (BENCHMARKS.md). Callers pass at most a few
    dozen paths (GROUP), so results still arrive steadily.

    Policy and engine errors raise, as in :func:`outcome`; a manifest's own problem (or an
    unexpected bug) is a NoVerdict for that manifest at whatever step it shows.
    """
    staged = [_guarded(path, _read, path, library, options) for path in paths]
    raws = [
        item if isinstance(item, NoVerdict) else _guarded(path, engine.evaluate, item[1].document)
        for path, item in zip(paths, staged, strict=True)
    ]
    done: list[ManifestResult | NoVerdict] = []
    for path, item, raw in zip(paths, staged, raws, strict=True):
        if isinstance(raw, NoVerdict):
            done.append(raw)
        else:
            assert not isinstance(item, NoVerdict)  # a NoVerdict was carried over as the raw
            done.append(_guarded(path, _finished, item, raw, library, options))
    return done


def _read(path: Path, library: PolicyLibrary, options: Options) -> tuple[Manifest, Prepared]:
    from licensegate.manifest import load_manifest

    loaded = load_manifest(path)
    return loaded, prepare(loaded, library, options)


def _finished(
    read: tuple[Manifest, Prepared], raw: list[Any], library: PolicyLibrary, options: Options
) -> ManifestResult:
    loaded, prepared = read
    return finish(join(prepared, raw, library, options), loaded, library.digest, options)


def _guarded(path: Path, step: Callable[..., _T], *args: Any) -> _T | NoVerdict:
    """One step for one manifest: a manifest error or an unexpected bug is that manifest's
    NoVerdict; policy and engine errors raise (no manifest can be checked, the run ends)."""
    try:
        return step(*args)
    except ManifestError as err:
        return NoVerdict.from_error(err)
    except LicensegateError:
        raise
    except Exception as err:  # noqa: BLE001 -- one manifest's bug must not end the batch
        return internal_failure(path, err)


def judge_or_fail(
    path: Path, library: PolicyLibrary, engine: Engine, options: Options
) -> Judged | NoVerdict:
    """:func:`judge`, or the NoVerdict that a manifest error or an unexpected bug leaves."""
    return _guarded(path, judge, path, library, engine, options)


def internal_failure(path: Path | str, err: Exception) -> NoVerdict:
    """An unexpected exception while checking one manifest: no verdict for that manifest."""
    from licensegate.boundary import internal_error

    return NoVerdict(str(path), internal_error(err))


def judge(path: Path, library: PolicyLibrary, engine: Engine, options: Options) -> Judged:
    """Load, evaluate and finish one manifest. Raises ManifestError when it has no verdict.

    The steps are :func:`outcomes`' own, for one manifest."""
    read = _read(path, library, options)
    return Judged(read[0], _finished(read, engine.evaluate(read[1].document), library, options))


@dataclass(frozen=True)
class Prepared:
    """One manifest ready for the engine: the input document and what the join needs."""

    manifest: Manifest
    """As the policies see it: without approvals a trusted ref does not hold."""
    document: dict[str, Any]
    """The engine's input (facts.build_input, plus ``scan`` under `check --scan`)."""
    warnings: list[ReportWarning]
    """Approvals left out by the trust filter."""


def evaluate(
    loaded: Manifest, library: PolicyLibrary, engine: Engine, options: Options
) -> ManifestResult:
    """The clauses and the warnings about the manifest itself, before any sign-off state."""
    prepared = prepare(loaded, library, options)
    return join(prepared, engine.evaluate(prepared.document), library, options)


def prepare(loaded: Manifest, library: PolicyLibrary, options: Options) -> Prepared:
    """The engine's input for one manifest. With ``options.trust``, only approvals at its ref
    apply; with ``options.facts`` (`check --scan`), the policies also see what the repository
    really uses."""
    from licensegate.facts import build_input

    manifest = loaded
    untrusted: list[ReportWarning] = []
    if options.trust is not None:
        from licensegate.trust import filter_manifest

        manifest, untrusted = filter_manifest(manifest, options.trust)
    document = build_input(manifest, library, options.today)
    if options.facts is not None:
        from licensegate.scan.lineage import scan_document

        document["scan"] = scan_document(options.facts, document["manifest"])
    return Prepared(manifest, document, untrusted)


def join(
    prepared: Prepared, raw: list[Any], library: PolicyLibrary, options: Options
) -> ManifestResult:
    """The engine's raw findings joined with their clauses' METADATA, in report order, and the
    warnings about the manifest itself (unused approvals, org warnings, scan)."""
    manifest, document = prepared.manifest, prepared.document
    org_warnings: list[Any] = []
    if any(isinstance(item, dict) and "origin" in item for item in raw):
        from licensegate.orgrego import split_warnings

        raw, org_warnings = split_warnings(raw)
    rank = _subject_ranks(document)
    clauses = sorted(
        (_clause_result(item, library, manifest) for item in raw),
        key=lambda c: (rank.get(c.subject.lower(), len(rank)), _STATUS_RANK[c.status], c.id),
    )
    from licensegate.records import unused_records

    warnings = [
        *prepared.warnings,
        *org_warnings,
        *unused_records(document["manifest"], clauses, manifest),
    ]
    if options.facts is not None:
        warnings += options.facts.warnings(document["manifest"], manifest)
    return ManifestResult(
        manifest.path,
        manifest.digest,
        clauses,
        strict=options.strict,
        warnings=warnings,
        inventory=_inventory(document),
    )


def finish(
    result: ManifestResult, loaded: Manifest, policy_digest: str, options: Options
) -> ManifestResult:
    """The result with its sign-off state and expiring waivers among its warnings.

    With ``options.trust``, only sign-off entries also in the record at its ref (or signed by
    an allowed key) count; a ``signoff-untrusted`` warning says how many were left out.
    """
    from licensegate import signoff

    warnings = list(result.warnings)
    entries: list[signoff.SignOff] | signoff.SignOffError
    try:
        entries = signoff.signoffs_beside(result.manifest)
    except signoff.SignOffError as err:
        entries = err
    if options.trust is not None and isinstance(entries, list):
        from licensegate.trust import trusted_signoffs, untrusted_signoffs

        path = signoff.signoff_path(result.manifest)
        entries, dropped = trusted_signoffs(path, entries, options.trust)
        if dropped:
            warnings.append(untrusted_signoffs(path, dropped, options.trust))
    state = signoff.signoff_state(
        result, policy_digest, entries, require=options.require_signoff, manifest=loaded
    )
    if state is not None:
        warnings.append(state)
    warnings.extend(signoff.expiring_waivers(result, options.today, manifest=loaded))
    return replace(result, warnings=warnings)


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


def _clause_result(item: dict[str, Any], library: PolicyLibrary, manifest: Any) -> ClauseResult:
    """One finding joined with its clause's METADATA (title, quote, remediation...)."""
    if isinstance(item, dict) and "origin" in item:
        from licensegate.orgrego import check_finding

        check_finding(item)
    # NOTE: an engine (above all a remote one) answers anything; a finding of the wrong shape
    # is an engine error, never a traceback and never a verdict.
    if not (
        isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and isinstance(item.get("status"), str)
        and isinstance(item.get("subject"), (str, int, float))
        and isinstance(item.get("message"), (str, int, float))
    ):
        raise EngineError(f"the engine returned a malformed finding: {_clip(repr(item))}")
    try:
        row = library.clause_row(item["id"])
    except (KeyError, ValueError) as err:
        raise _undocumented(item) from err
    status = _STATUSES.get(item["status"])
    if row is None or status is None:
        raise _undocumented(item)
    path = item.get("path") or []
    if not isinstance(path, list) or not all(_is_path_part(part) for part in path):
        raise EngineError(f"policy emitted a malformed path in {item!r}")
    if "evidence" in item and not isinstance(item["evidence"], dict):
        raise EngineError(f"policy emitted malformed evidence in {item!r}")
    extra: dict[str, Any] = {key: item[key] for key in _KEPT if key in item}
    steps = tuple(path)
    return clause_result(
        row,
        str(item["subject"]),
        status,
        str(item["message"]),
        _dotted(steps),
        manifest.line_of(steps),
        extra,
    )


def clause_result(
    row: ClauseRow,
    subject: str,
    status: Status,
    message: str,
    path: str,
    line: int | None,
    extra: dict[str, Any],
) -> ClauseResult:
    """A judged clause: what the finding says, and everything else from the clause's row in the
    library (``PolicyLibrary.clause_row``), which ``--jobs`` workers therefore need not send."""
    info, clause_id, license_name, license_version = row
    return ClauseResult(
        id=clause_id,
        license=info.license,
        clause=info.clause,
        subject=subject,
        status=status,
        title=info.title,
        section=info.section,
        quote=info.quote,
        source=info.source,
        message=message,
        remediation=info.remediation,
        path=path,
        line=line,
        license_name=license_name,
        license_version=license_version,
        extra=extra,
    )


_KEPT = ("attestation", "waiver", "evidence")
"""What a finding carries beyond its clause: the record that changed its status, evidence."""
_STATUSES = {status.value: status for status in Status}
_STATUS_RANK = {status: STATUS_ORDER.index(status.value) for status in Status}


@functools.lru_cache(maxsize=4096)
def _dotted(path: tuple[str | int, ...]) -> str:
    # NOTE: findings name the same few dozen paths in every manifest; bool parts never get
    # here (_is_path_part), so (1,) and (True,) cannot share an entry.
    return dotted_path(path)


def _undocumented(item: dict[str, Any]) -> PolicyError:
    return PolicyError(f"policy emitted a finding the library does not document: {item!r}")


def _is_path_part(part: Any) -> bool:
    """A key (string) or a list index (whole number; JSON's true is not one)."""
    return isinstance(part, str) or (isinstance(part, int) and not isinstance(part, bool))


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "Judged",
    "Options",
    "Prepared",
    "evaluate",
    "finish",
    "internal_failure",
    "join",
    "judge",
    "judge_or_fail",
    "make_engine",
    "outcome",
    "prepare",
]
