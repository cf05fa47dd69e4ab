"""The policy library on disk: Rego modules, their METADATA, the data documents, the digest.

Neither engine can read METADATA at run time (regorus has no `rego.metadata.*`), so the host
parses the `# METADATA` blocks itself. A clause's block sits directly above the first
`findings contains` rule that emits it and carries `custom.clause`; the package block carries
`custom.license` and the license text's name, version and URL (the records are regometa.py's).
The pipeline joins each finding to its block by clause id (pipeline.join).

A license lives in one folder, `policies/licensegate/licenses/<name>/`, where the package is
`licensegate.licenses.<name>` and the name is the license id with "." and "-" turned into "_"
(`llama3.1` -> `licensegate.licenses.llama3_1`, see `package_of`). Nothing lists licenses by
hand: `licensegate.dispatch`, the Rego module that routes a license id to its package, is
generated from these folders (`make generate`, dispatch.py). Only the packages a check meets
are parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from licensegate.errors import PolicyError
from licensegate.regometa import ClauseInfo, LicenseInfo, Module, metadata_blocks
from licensegate.sha256 import sha256

__all__ = ["ClauseInfo", "LicenseInfo", "Module", "PolicyLibrary", "metadata_blocks", "package_of"]

_PACKAGE = re.compile(r"^package\s+([A-Za-z0-9_.]+)\s*$")
# The same test over a whole source whose only line break is "\n": one search instead of
# splitting every module into lines (about 0.8 ms of a cold `check` over 96 files).
_PACKAGE_LINE = re.compile(r"^[^\S\n]*package[^\S\n]+([A-Za-z0-9_.]+)[^\S\n]*$", re.MULTILINE)
_OTHER_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_CLAUSE_RULE = re.compile(r"^findings\s+contains\b")
_REQUIRED_CLAUSE_KEYS = ("clause", "section", "quote", "source", "remediation")


LICENSE_PACKAGES = "licensegate.licenses"
"""The package every license package sits under: all of licensegate's Rego lives under the one
bundle root `licensegate`, so the bundle can share an OPA server with other teams' bundles
(DESIGN.md §8)."""


def package_of(license_id: str) -> str:
    """The Rego package judging a license (licensegate.dispatch is generated with the same rule).

    `+` (Hugging Face's `openrail++`) is spelled out: `licensegate.licenses.openrail_plus_plus`.
    """
    name = license_id.replace(".", "_").replace("-", "_").replace("+", "_plus")
    return f"{LICENSE_PACKAGES}.{name}"


# Clauses the decision package itself emits, for what the library cannot judge.
BUILTIN_CLAUSES = (
    ClauseInfo(
        license="licensegate",
        clause="unknown-model",
        title="Every model has a known license",
        description="The catalog does not know the model and the manifest states no license.",
        section="licensegate",
        quote="",
        source="https://github.com/licensegate/licensegate#supported-licenses",
        remediation=(
            "Give the model's license under models[].license (a license id from "
            "`licensegate licenses`), or use a model the catalog knows."
        ),
        file="licensegate/main/main.rego",
        line=1,
    ),
    ClauseInfo(
        license="licensegate",
        clause="no-duties",
        title="Every model is accounted for",
        description=(
            "The library judges this model's licenses, and none of their clauses applies to "
            "how this deployment uses it: nothing to do, and the report says so."
        ),
        section="licensegate",
        quote="",
        source="https://github.com/licensegate/licensegate#supported-licenses",
        remediation="Nothing to do.",
        file="licensegate/main/main.rego",
        line=1,
    ),
    ClauseInfo(
        license="licensegate",
        clause="unsupported-license",
        title="Every license can be judged",
        description="licensegate has no policy for this license, so it cannot pass it.",
        section="licensegate",
        quote="",
        source="https://github.com/licensegate/licensegate#supported-licenses",
        remediation=(
            "Have counsel review the license by hand and record a waiver for "
            "licensegate:unsupported-license with an expiry date, or choose a supported model."
        ),
        file="licensegate/main/main.rego",
        line=1,
    ),
    ClauseInfo(
        license="licensegate",
        clause="invalid-input",
        title="The decision is asked about a licensegate input document",
        description=(
            "The input is not the document licensegate builds from a manifest "
            "(schemas/input.schema.json), so no clause can be judged."
        ),
        section="licensegate",
        quote="",
        source="https://github.com/licensegate/licensegate#use-with-opa-and-conftest",
        remediation=(
            "Evaluate data.licensegate.main.findings on the input `licensegate input MANIFEST` "
            "prints, not on the manifest itself."
        ),
        file="licensegate/main/main.rego",
        line=1,
    ),
    ClauseInfo(
        license="licensegate",
        clause="undeclared-model",
        title="The manifest lists every model the repository uses",
        description=(
            "`check --scan` found a model in the repository (code, serving configs, adapters, "
            "GGUF files, model folders) that the manifest does not list, so its license was "
            "never judged."
        ),
        section="licensegate",
        quote="",
        source="https://github.com/licensegate/licensegate#keep-the-manifest-true",
        remediation=(
            "List the model under models[] with its uses (or as a derived model's name), or "
            "remove the reference from the repository."
        ),
        file="licensegate/main/main.rego",
        line=1,
    ),
    ClauseInfo(
        license="licensegate",
        clause="license-conflict",
        title="The repository's model cards agree with the manifest",
        description=(
            "A model card or GGUF header found by `check --scan` puts a listed model under other "
            "licenses than the manifest or the catalog, or than its base_model lineage carries "
            "(or that lineage loops or runs too long): contradictory facts are never a pass."
        ),
        section="licensegate",
        quote="",
        source="https://github.com/licensegate/licensegate#keep-the-manifest-true",
        remediation=(
            "Find out which license really applies: correct models[].license, or the model "
            "files, or use the model the card describes."
        ),
        file="licensegate/main/main.rego",
        line=1,
    ),
)


@dataclass
class PolicyLibrary:
    """All Rego modules and data documents under one policies folder."""

    root: Path
    modules: list[Module] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    _digest: str = ""
    _clauses_by_license: dict[str, dict[str, ClauseInfo]] = field(default_factory=dict)
    _license_cache: dict[str, LicenseInfo | None] = field(default_factory=dict)
    org_clauses: dict[str, ClauseInfo] = field(default_factory=dict)
    """Clauses of the organisation's `org.*` packages (orgrego.py), by id."""
    _clause_rows: dict[str, tuple[ClauseInfo, str, str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def load(cls, root: Path, extra: Iterable[Path] = ()) -> PolicyLibrary:
        """Read every ``.rego`` and ``data.json`` below ``root`` (and any extra folders)."""
        extra = tuple(extra)
        library = cls(root=root)
        data_files: list[tuple[str, bytes]] = []
        own = 0  # how many modules are licensegate's: those from `root`, read first
        for base in (root, *extra):
            own = own or (len(library.modules) if base != root else 0)
            if not base.is_dir():
                raise PolicyError(f"{base}: policy folder not found")
            for path in sorted(base.rglob("*")):
                rel = path.relative_to(base).as_posix()
                if base != root:
                    rel = f"{base.name}/{rel}"
                if path.suffix == ".rego":
                    source = _read_text(path)
                    library.modules.append(Module(rel, source, _package_of(rel, source)))
                elif path.name == "data.json":
                    raw = path.read_bytes()
                    parts = path.parent.relative_to(base).parts
                    document = _parse_json(rel, raw)
                    if base != root:
                        from licensegate.orgrego import guard_data

                        guard_data(rel, parts, document)
                    _merge_at(library.data, parts, document)
                    data_files.append((rel, raw))
        if extra:
            from licensegate import orgrego

            # NOTE: before anything else reads them: an org module may not touch licensegate's
            # own packages, and org.* packages reach the decision through one collector module.
            library.modules, library.org_clauses = orgrego.admit(
                library.modules[:own], library.modules[own:]
            )
            # NOTE: organisation folders may add license packages, which the committed dispatch
            # module cannot know: rebuild it for this library (the default library's copy is
            # kept fresh by a test, so the common path parses no METADATA for this).
            library._refresh_dispatch()
        hasher = sha256()
        for module in library.modules:
            hasher.update(module.name.encode() + b"\0" + module.source.encode() + b"\0")
        for rel, raw in data_files:
            hasher.update(rel.encode() + b"\0" + raw + b"\0")
        library._digest = "sha256:" + hasher.hexdigest()
        return library

    def _refresh_dispatch(self) -> None:
        from licensegate.dispatch import MODULE_NAME, render

        source = render(self)
        self.modules = [m for m in self.modules if m.name != MODULE_NAME]
        self.modules.append(Module(MODULE_NAME, source, "licensegate.dispatch"))

    @property
    def digest(self) -> str:
        """sha256 over every module and data file: the policy revision the reports carry."""
        return self._digest

    @property
    def policy_modules(self) -> list[Module]:
        """Modules that make decisions (tests excluded)."""
        return [m for m in self.modules if not m.is_test]

    @property
    def test_modules(self) -> list[Module]:
        """Rego unit-test modules."""
        return [m for m in self.modules if m.is_test]

    @cached_property
    def licenses(self) -> dict[str, LicenseInfo]:
        """Every license the library encodes, by id (reads every license package's METADATA)."""
        found: dict[str, LicenseInfo] = {}
        for module in self.policy_modules:
            if module.package.startswith(LICENSE_PACKAGES + "."):
                info = _license_in(module)
                if info.id in found:
                    raise PolicyError(f"{module.name}: license {info.id} is encoded twice")
                found[info.id] = info
        return found

    def license(self, license_id: str) -> LicenseInfo | None:
        """One license by id, reading only its own package's METADATA."""
        if license_id not in self._license_cache:
            package = package_of(license_id)
            modules = [m for m in self.policy_modules if m.package == package]
            self._license_cache[license_id] = _license_in(modules[0]) if modules else None
        return self._license_cache[license_id]

    @cached_property
    def catalog(self) -> Mapping[str, Mapping[str, Any]]:
        """Known models: lowercase id -> {id, licenses, release_date, modalities, ...}.

        The catalog is one data document per publisher; an id in two of them is an error.
        """
        merged: dict[str, Mapping[str, Any]] = {}
        for publisher, document in self.data.get("licensegate", {}).get("catalog", {}).items():
            for key, entry in document.get("models", {}).items():
                if key in merged:
                    raise PolicyError(f"catalog: {key} is listed under {publisher} and elsewhere")
                merged[key] = entry
        return merged

    @cached_property
    def clauses(self) -> dict[str, ClauseInfo]:
        """Every clause in the library by id, from the METADATA of the license packages."""
        return {**_index(BUILTIN_CLAUSES, self.policy_modules), **self.org_clauses}

    def clause_row(self, clause_id: str) -> tuple[ClauseInfo, str, str, str] | None:
        """A clause with its id, its license text's name and that text's version ("licensegate"
        and "" for clauses of no license), remembered per id: every finding of a check is
        joined with one (pipeline.join), and these depend only on the library."""
        row = self._clause_rows.get(clause_id)
        if row is None:
            info = self.clause(clause_id)
            if info is None:
                return None
            text = self.license(info.license)
            name, version = (text.name, text.version) if text else ("licensegate", "")
            row = self._clause_rows[clause_id] = (info, info.id, name, version)
        return row

    def clause(self, clause_id: str) -> ClauseInfo | None:
        """One clause by id, reading only the METADATA of its license's package.

        A check needs the clauses of the licenses it meets, not the whole library: parsing
        every METADATA block costs more than the evaluation itself.
        """
        license_id = clause_id.split(":", 1)[0]
        if license_id == "org":
            return self.org_clauses.get(clause_id)
        if license_id not in self._clauses_by_license:
            if license_id == "licensegate":
                found = _index(BUILTIN_CLAUSES, [])
            else:
                package = package_of(license_id)
                found = _index((), [m for m in self.policy_modules if m.package == package])
            self._clauses_by_license[license_id] = found
        return self._clauses_by_license[license_id].get(clause_id)


def _index(builtin: Iterable[ClauseInfo], modules: Iterable[Module]) -> dict[str, ClauseInfo]:
    found: dict[str, ClauseInfo] = {info.id: info for info in builtin}
    for module in modules:
        for info in _clauses_in(module):
            if info.id in found:
                raise PolicyError(
                    f"{module.name}:{info.line}: clause {info.id} is documented twice "
                    f"(also {found[info.id].file}:{found[info.id].line})"
                )
            found[info.id] = info
    return found


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PolicyError(f"{path}: cannot read policy: {err}") from err


def _parse_json(name: str, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise PolicyError(f"{name}: invalid JSON data: {err}") from err


def _merge_at(target: dict[str, Any], parts: tuple[str, ...], value: Any) -> None:
    """Place a data.json document at the path of its folder, as OPA bundles do."""
    for part in parts:
        target = target.setdefault(part, {})
    if not isinstance(value, dict):
        raise PolicyError(f"{'/'.join(parts)}/data.json: top level must be an object")
    for key, item in value.items():
        if key in target:
            raise PolicyError(f"{'/'.join(parts)}/data.json: key {key!r} defined twice")
        target[key] = item


def _package_of(name: str, source: str) -> str:
    if not any(brk in source for brk in _OTHER_LINE_BREAKS):
        found = _PACKAGE_LINE.search(source)
        if found:
            return found.group(1)
        raise PolicyError(f"{name}: no package declaration")
    # NOTE: str.splitlines breaks at more than "\n"; such a file takes the line-by-line path.
    for line in source.splitlines():
        match = _PACKAGE.match(line.strip())
        if match:
            return match.group(1)
    raise PolicyError(f"{name}: no package declaration")


def _license_in(module: Module) -> LicenseInfo:
    """The license a package judges, from the METADATA block on its `package` line."""
    for line, meta, target in module.metadata():
        if target.startswith("package "):
            custom = meta.get("custom") or {}
            missing = [key for key in ("license", "name", "version", "text") if not custom.get(key)]
            if missing:
                raise PolicyError(
                    f"{module.name}:{line}: package METADATA lacks custom.{missing[0]}"
                )
            info = LicenseInfo(
                id=str(custom["license"]),
                name=str(custom["name"]),
                version=str(custom["version"]),
                text=str(custom["text"]),
                package=module.package,
                file=module.name,
                out_of_reach=tuple(str(item) for item in custom.get("out_of_reach") or ()),
            )
            if package_of(info.id) != module.package:
                expected = package_of(info.id)
                raise PolicyError(f"{module.name}:{line}: license {info.id} belongs in {expected}")
            return info
    raise PolicyError(f"{module.name}: a license package needs METADATA on its package line")


def _clauses_in(module: Module) -> list[ClauseInfo]:
    license_id: str | None = None
    infos: list[ClauseInfo] = []
    for line, meta, target in module.metadata():
        custom = meta.get("custom") or {}
        if target.startswith("package "):
            license_id = custom.get("license")
            continue
        if not _CLAUSE_RULE.match(target):
            continue
        if license_id is None:
            raise PolicyError(
                f"{module.name}:{line}: clause METADATA before a package `custom.license`"
            )
        missing = [key for key in _REQUIRED_CLAUSE_KEYS if not custom.get(key)]
        if missing or not meta.get("title"):
            raise PolicyError(
                f"{module.name}:{line}: clause METADATA lacks {', '.join(missing or ['title'])}"
            )
        infos.append(
            ClauseInfo(
                license=license_id,
                clause=str(custom["clause"]),
                title=str(meta["title"]),
                description=" ".join(str(meta.get("description", "")).split()),
                section=str(custom["section"]),
                quote=" ".join(str(custom["quote"]).split()),
                source=str(custom["source"]),
                remediation=" ".join(str(custom["remediation"]).split()),
                file=module.name,
                line=line,
                trigger=" ".join(str(custom.get("trigger", "")).split()),
                satisfied_by=" ".join(str(custom.get("satisfied_by", "")).split()),
            )
        )
    return infos
