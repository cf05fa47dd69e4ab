"""Look names up in the library: `explain` (a clause or a license), `models` (the catalog).

A typo gets the nearest names (difflib) instead of a bare "unknown", so that a user who types
`llama3.1:mau` or `meta-llama/llama-3.1-8b-instruc` learns what exists.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
from collections.abc import Iterable, Mapping
from typing import Any

from licensegate.errors import LicensegateError
from licensegate.policy import PolicyLibrary


class NotFound(LicensegateError):
    """Nothing in the library has that name; the message names the nearest ones."""


def near(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The closest known names, case-insensitively, best first."""
    by_lower = {item.lower(): item for item in known}
    return [by_lower[m] for m in difflib.get_close_matches(name.lower(), by_lower, n=n, cutoff=0.6)]


def _not_found(kind: str, name: str, known: Iterable[str], see: str) -> NotFound:
    close = near(name, known)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return NotFound(f"unknown {kind} {name}{hint} (see `licensegate {see}`)")


def explain(library: PolicyLibrary, name: str) -> str:
    """`licensegate explain NAME`: a clause id (`llama3.1:mau-threshold`) or a license id."""
    from licensegate import library_docs

    if ":" in name:
        info = library.clause(name)
        if info is None:
            raise _not_found("clause", name, library.clauses, "licenses")
        return library_docs.explain_text(info, library)
    text = library.license(name)
    unsupported = library_docs.unsupported(library)
    if text is None and name in unsupported:
        return f"{name}: not supported: {unsupported[name]}\n"
    if text is None:
        raise _not_found(
            "license", name, [*library.licenses, *unsupported, *library.clauses], "licenses"
        )
    clauses = sorted(
        (info for info in library.clauses.values() if info.license == name),
        key=lambda info: info.line,
    )
    models = sorted(
        entry["id"] for entry in library.catalog.values() if name in entry.get("licenses", ())
    )
    lines = [
        f"{name}: {text.name} ({text.version})",
        f"text:    {text.text}",
        f"policy:  policies/{text.file}",
        f"clauses ({len(clauses)}; `licensegate explain CLAUSE` for one):",
        *(f"  {info.id:<44} {info.section:<24} {info.title}" for info in clauses),
        f"catalog models under it: {len(models)}"
        + (f" (e.g. {', '.join(models[:3])})" if models else ""),
    ]
    if text.out_of_reach:
        lines.append("out of reach (review by hand):")
        lines += [f"  - {item}" for item in text.out_of_reach]
    return "\n".join(lines) + "\n"


def models(library: PolicyLibrary, patterns: Iterable[str] = ()) -> list[Mapping[str, Any]]:
    """Catalog entries, sorted by id; with patterns (ids or globs, any case), only those."""
    entries = sorted(library.catalog.values(), key=lambda entry: str(entry["id"]).lower())
    patterns = list(patterns)
    if not patterns:
        return entries
    chosen: list[Mapping[str, Any]] = []
    for pattern in patterns:
        matched = [e for e in entries if fnmatch.fnmatchcase(e["id"].lower(), pattern.lower())]
        if not matched:
            raise _not_found("model", pattern, (e["id"] for e in entries), "models")
        chosen += [entry for entry in matched if entry not in chosen]
    return chosen


def models_text(entries: Iterable[Mapping[str, Any]]) -> str:
    """One line per model: id, licenses, release date, source."""
    lines = [
        f"{e['id']:<56} {','.join(e.get('licenses') or ['-']):<28} "
        f"{e.get('release_date') or '-':<10}  {e.get('source') or '-'}"
        for e in entries
    ]
    return "\n".join(lines) + "\n"


def models_json(entries: Iterable[Mapping[str, Any]]) -> str:
    """The catalog entries as they are (every field the catalog holds)."""
    return json.dumps({"models": list(entries)}, indent=2, ensure_ascii=False) + "\n"
