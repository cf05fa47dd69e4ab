"""The organisation policy file, `licensegate.policy.yaml` (DESIGN.md §8).

Found at the root of the git repository that holds the first checked path, or given with
`--org-policy PATH`. It is read as strictly as a manifest (size cap, one YAML document, no
duplicate keys, no YAML 1.1 surprises) and checked against `schemas/orgpolicy.schema.json`:
an unknown key is an error with its line, never ignored.

It becomes data for the policies (`data.licensegate.org_policy`, judged by
policies/licensegate/orgpolicy): every glob comes with the anchored lowercase regular expression
both engines evaluate the same way (glob.match differs between engines, reference/engines.md)
and the line it was written on, which the findings quote. Its bytes are part of the policy
digest, so a sign-off is outdated when the organisation policy changes.

What it cannot do: remove or soften a license finding. `fail_on` must keep `violated` and
`missing-facts`; `rules[].effective_on` applies only to `org:` clauses.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensegate.errors import LicensegateError, PolicyError
from licensegate.policy import ClauseInfo, PolicyLibrary
from licensegate.sha256 import sha256

if TYPE_CHECKING:
    from licensegate.trust import TrustedRef

POLICY_NAME = "licensegate.policy.yaml"
SCHEMA_FILE = "orgpolicy.schema.json"
MAX_BYTES = 256 * 1024

# The clauses the lists produce: (kind, list) -> (clause, status, title, remediation).
_LIST_CLAUSES = {
    ("licenses", "deny"): ("license-denied", "A license the organisation denies"),
    ("licenses", "allow"): ("license-not-allowed", "Only licenses the organisation allows"),
    ("licenses", "review"): ("license-review", "A license the organisation reviews first"),
    ("models", "deny"): ("model-denied", "A model the organisation denies"),
    ("models", "allow"): ("model-not-allowed", "Only models the organisation allows"),
    ("models", "review"): ("model-review", "A model the organisation reviews first"),
}
_REMEDIATION = {
    "deny": "Use another model, or record a waiver approved under the organisation's process.",
    "allow": "Use an allowed model or license, or have the organisation policy extended.",
    "review": "Have the review done and record it as an attestation of this clause.",
}


@dataclass(frozen=True)
class OrgPolicy:
    """A loaded organisation policy."""

    path: str
    digest: str
    data: dict[str, Any]
    """The document placed at data.licensegate.org_policy."""
    clauses: dict[str, ClauseInfo] = field(default_factory=dict)
    rules: tuple[tuple[str, int], ...] = ()
    """(clause id, line) of every `rules` entry, to check that each names a known clause."""
    strict: bool = False
    """fail_on lists needs-attestation: as check --strict."""
    require_signoff: bool = False


def find(start: Path) -> Path | None:
    """Where `licensegate.policy.yaml` belongs: the root of the git repository holding ``start``
    (None outside a repository). The file need not exist there."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            candidate = folder / POLICY_NAME
            # Named as the user would: relative to the working directory when below it.
            relative = os.path.relpath(candidate)
            return Path(relative) if not relative.startswith("..") else candidate
    return None


def resolve(
    near: Path, explicit: Path | None = None, trust: TrustedRef | None = None
) -> OrgPolicy | None:
    """The policy that applies: ``explicit``, else the one at the git root above ``near``.

    With a trusted ref (DESIGN.md §6), the copy at that ref is the one read whenever it exists
    there: a pull request cannot relax or delete its organisation's policy in the same change.
    A policy that exists only in the change is read from the work tree (it can only add).
    """
    path = explicit if explicit is not None else find(near)
    if path is None:
        return None
    if trust is not None:
        trusted = trust.read(path)
        if trusted is not None:
            return load(path, f"{path}@{trust.ref}", raw=trusted)
    if explicit is None:
        if path.is_symlink():
            raise PolicyError(f"{path}: a symlink; the organisation policy must be a file")
        if not path.exists():
            return None
    elif not path.exists():
        raise PolicyError(f"{path}: no such organisation policy file")
    return load(path)


def load(path: Path, display: str | None = None, raw: bytes | None = None) -> OrgPolicy:
    """Read, check and prepare an organisation policy; PolicyError (with file and line) if bad."""
    from licensegate.yamlbound import Limits, read_document

    where = display or str(path)
    if raw is None:
        raw = _read(path, where)
    elif len(raw) > MAX_BYTES:
        raise PolicyError(f"{where}: too large ({len(raw)} bytes; limit {MAX_BYTES})")
    try:
        document = read_document(
            raw, where, is_json=False, limits=Limits(depth=16, aliases=20, nodes=20_000)
        )
    except LicensegateError as err:
        raise PolicyError(str(err)) from None
    _validate(document.data, where, document.positions, document.key_positions)
    data = document.data
    lines = document.lines
    prepared: dict[str, Any] = {"file": where, "lines": {}, "rules": data.get("rules", [])}
    clauses: dict[str, ClauseInfo] = {}
    for kind in ("licenses", "models"):
        prepared[kind] = {}
        prepared["lines"][kind] = {}
        for name, globs in (data.get(kind) or {}).items():
            line = lines.get((kind, name), 1)
            prepared["lines"][kind][name] = line
            prepared[kind][name] = [
                {"glob": glob, "regex": glob_regex(glob), "line": lines.get((kind, name, i), line)}
                for i, glob in enumerate(globs)
            ]
            clause, title = _LIST_CLAUSES[(kind, name)]
            clauses[f"org:{clause}"] = ClauseInfo(
                license="org",
                clause=clause,
                title=title,
                description=f"{kind}.{name} in the organisation policy {where}.",
                section="organisation policy",
                quote="",
                source=f"{where}:{line}",
                remediation=_REMEDIATION[name],
                file=where,
                line=line,
            )
    seen: dict[str, int] = {}
    for index, rule in enumerate(data.get("rules", [])):
        line = lines.get(("rules", index, "clause"), 1)
        if rule["clause"] in seen:
            raise PolicyError(
                f"{where}:{line}: rules: {rule['clause']} is already set on line "
                f"{seen[rule['clause']]}"
            )
        seen[rule["clause"]] = line
    fail_on = data.get("fail_on", [])
    return OrgPolicy(
        path=where,
        digest="sha256:" + sha256(raw).hexdigest(),
        data=prepared,
        clauses=clauses,
        rules=tuple(seen.items()),
        strict="needs-attestation" in fail_on,
        require_signoff=bool((data.get("require") or {}).get("signoff")),
    )


def attach(library: PolicyLibrary, policy: OrgPolicy) -> None:
    """Give the library the policy as data, its clauses, and a digest that covers it."""
    library.data.setdefault("licensegate", {})["org_policy"] = policy.data
    library.org_clauses.update(policy.clauses)
    for clause, line in policy.rules:
        if clause not in library.org_clauses:
            from licensegate.lookup import near

            close = near(clause, library.org_clauses)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise PolicyError(
                f"{policy.path}:{line}: rules: no organisation rule defines {clause}{hint}"
            )
    joined = f"{library.digest}\0{policy.digest}".encode()
    library._digest = "sha256:" + sha256(joined).hexdigest()


def glob_regex(glob: str) -> str:
    """`meta-llama/*` -> `^meta-llama/[^/]*$`: * and ? stay within one path segment, any case."""
    out = []
    for char in glob.lower():
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char in ".+":
            out.append("\\" + char)
        else:
            out.append(char)
    return "^" + "".join(out) + "$"


def _read(path: Path, where: str) -> bytes:
    """The file, read as manifests are (safe_read: a regular file, bounded, without blocking).
    Where it is found was decided by the caller (the git root, or --org-policy)."""
    from licensegate.safe_read import UnsafeRead, read_file

    try:
        return read_file(path, root=Path(os.path.realpath(path)).parent, limit=MAX_BYTES)
    except UnsafeRead as err:
        raise PolicyError(f"{where}: {err}") from None
    except OSError as err:
        raise PolicyError(f"{where}: cannot read: {err.strerror or err}") from None


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    from licensegate.resources import schemas_dir

    schema = json.loads((schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _validate(data: dict[str, Any], where: str, positions: Any, key_positions: Any) -> None:
    """The first schema error in document order, as `file:line: field: message`."""
    from licensegate.fieldpath import dotted_path

    problems: list[tuple[int, int, str, str]] = []
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        message = error.message
        position = None
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            extra = [key for key in error.instance if key not in known]
            if extra:
                path = (*path, extra[0])
                message = f"unknown key {extra[0]!r} (allowed: {', '.join(known)})"
                position = key_positions.get(path)
        elif (
            error.validator == "contains"
            and path
            and path[-1] == "fail_on"
            or (error.validator == "allOf" and path == ("fail_on",))
        ):
            message = (
                "must list violated and missing-facts: an organisation can add failures "
                "(needs-attestation), never turn license failures into passes"
            )
        probe = path
        while position is None:
            position = positions.get(probe)
            if not probe:
                break
            probe = probe[:-1]
        line = position[0] if position else 1
        problems.append((line, len(problems), dotted_path(path), message))
    if problems:
        line, _, field_path, message = min(problems)
        raise PolicyError(f"{where}:{line}: {field_path + ': ' if field_path else ''}{message}")
