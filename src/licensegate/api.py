"""The library entry point: find manifests, evaluate them, and assemble the report.

`cli.py` and the tests call `check`; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

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

MANIFEST_NAMES = ("licensegate.yaml", "licensegate.yml")
MANIFEST_SUFFIXES = (".licensegate.yaml", ".licensegate.yml", ".licensegate.json")
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


def load_library(extra_policies: Sequence[Path] = ()) -> PolicyLibrary:
    """The bundled policy library, plus any organisation policy folders."""
    from licensegate.resources import policies_dir

    return PolicyLibrary.load(policies_dir(), extra_policies)


def make_engine(library: PolicyLibrary) -> Engine:
    """The embedded regorus engine loaded with the library."""
    from licensegate.engine.embedded import EmbeddedEngine

    return EmbeddedEngine(library)


def is_manifest_name(name: str) -> bool:
    """`licensegate.yaml` or `*.licensegate.yaml` (also .yml and .json)."""
    return name in MANIFEST_NAMES or name.endswith(MANIFEST_SUFFIXES)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; directories searched (sorted, depth first) for manifest names."""
    for path in paths:
        if path.is_dir():
            yield from sorted(_walk(path))
        else:
            yield path


def _walk(directory: Path) -> Iterator[Path]:
    for child in directory.iterdir():
        if child.is_dir() and not child.is_symlink():
            if child.name not in _SKIPPED_DIRS:
                yield from _walk(child)
        elif child.is_file() and is_manifest_name(child.name):
            yield child


def check(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    library: PolicyLibrary | None = None,
    engine: Engine | None = None,
    today: dt.date | None = None,
) -> Report:
    """Check manifests. Policy and engine errors raise; manifest errors land in the report."""
    library = library or load_library()
    engine = engine or make_engine(library)
    results: list[ManifestResult] = []
    errors: list[ManifestFailure] = []
    found_any = False
    for path in discover(paths):
        found_any = True
        try:
            results.append(check_one(path, library, engine, strict=strict, today=today))
        except ManifestError as err:
            errors.append(ManifestFailure(err.path, err.message, err.line))
    if not found_any:
        errors.extend(
            ManifestFailure(
                str(path), "no manifests found (licensegate.yaml or *.licensegate.yaml)"
            )
            for path in paths
        )
    return Report(library.digest, results, errors, strict=strict)


def check_one(
    path: Path,
    library: PolicyLibrary,
    engine: Engine,
    *,
    strict: bool = False,
    today: dt.date | None = None,
) -> ManifestResult:
    """Load, evaluate and report one manifest."""
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest

    manifest = load_manifest(path)
    document = build_input(manifest, library, today)
    raw = engine.evaluate(document)
    clauses = sorted(
        (_clause_result(item, library, manifest) for item in raw),
        key=lambda c: (
            _subject_rank(document, c.subject),
            STATUS_ORDER.index(c.status.value),
            c.id,
        ),
    )
    return ManifestResult(manifest.path, manifest.digest, clauses, strict=strict)


def _subject_rank(document: dict[str, Any], subject: str) -> int:
    """Listed models first, in manifest order, then derived models in manifest order."""
    data = document["manifest"]
    names = [m["id"] for m in data["models"]] + [d["name"] for d in data["derived_models"]]
    lowered = [name.lower() for name in names]
    return lowered.index(subject.lower()) if subject.lower() in lowered else len(names)


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
    extra: dict[str, Any] = {key: item[key] for key in ("attestation", "waiver") if key in item}
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


__all__ = ["LicensegateError", "check", "check_one", "discover", "load_library", "make_engine"]
