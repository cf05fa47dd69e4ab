"""Organisation Rego (`--policy DIR`, DESIGN.md §8): what it may define, how it reaches a report.

Rego merges every module that declares the same package, so a folder declaring
`package licensegate.licenses.llama3_1` or `package licensegate.lib.deployment` would add rule
bodies to licensegate's own rules: a partial rule such as `is_internal(x) if true` there would
turn a license failure into a pass. An organisation policy may add findings, never remove them, so:

- every licensegate package sits under the one root `licensegate` (the bundle claims no other,
  DESIGN.md §8), and a module may declare no package there, with one exception: a license of the
  organisation's own, `licensegate.licenses.<new id>` (and its `_test`), which is neither a
  bundled license package nor one above or below one;
- `licenses.<id>`, where such a license lived before the roots moved, is refused with the new
  name: a license package there would never be evaluated (its models reported unsupported);
- conftest-style `deny`/`warn`/`violation` rules count only in `org.*`; anywhere else (a license
  package, conftest's `package main`) they would be silently ignored, so they are refused.

Packages under `org.*` are collected by a generated module (`licensegate/org/collect.rego`, one
static reference per package, as dispatch.rego does for licenses) into
`data.licensegate.org.findings`, which the decision adds to the license findings. Each item carries
`origin` (its package); the host accepts it only with an `org:` clause id and a status an
organisation may give (licensegate.api), so an org rule cannot speak for a license clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from licensegate.errors import PolicyError
from licensegate.regometa import ClauseInfo, Module

if TYPE_CHECKING:
    from licensegate.report import ReportWarning

COLLECT_MODULE = "licensegate/org/collect.rego"
"""Where the generated collector lives among the library's modules."""

OWN_ROOT = "licensegate"
"""The one top-level package (and data key) licensegate defines, its bundle's only root."""

_ORG_LICENSE = re.compile(r"^licensegate\.licenses\.[A-Za-z_][A-Za-z0-9_]*$")
"""`licensegate.licenses.<id>`: where an organisation's own license package goes."""

_OLD_LICENSE_ROOT = "licenses"
"""Where license packages lived before the roots moved under `licensegate`."""

CONFTEST_RULES = ("deny", "warn", "violation")
"""conftest's rule names: a failure (deny, violation) or a warning (warn)."""

ORG_STATUSES = ("violated", "missing-facts", "needs-attestation", "satisfied")
"""What an organisation finding may say; `waived` comes only from a manifest waiver."""

_PACKAGE_LINE = re.compile(r"^\s*package\s")
_RULE_HEAD = re.compile(r"^\s*(?:default\s+)?(deny|warn|violation)\b\s*(contains|\[|:?=|if|\{)")


def _line_of(source: str, pattern: re.Pattern[str]) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.search(line):
            return number
    return 1


def guard(module: Module, bundled_packages: Iterable[str]) -> None:
    """Refuse an organisation module that could change licensegate's own rules (PolicyError)."""
    package = module.package
    where = f"{module.name}:{_line_of(module.source, _PACKAGE_LINE)}"
    bundled = tuple(bundled_packages)
    near_bundled = any(
        package == own or package.startswith(own + ".") or own.startswith(package + ".")
        for own in bundled
    )
    under_root = package == OWN_ROOT or package.startswith(OWN_ROOT + ".")
    own_license = _ORG_LICENSE.match(package) is not None
    if near_bundled or (under_root and not own_license):
        raise PolicyError(
            f"{where}: package {package} belongs to licensegate; an organisation policy may add "
            "findings (package org.<name>) or a license of its own "
            "(licensegate.licenses.<new id>), never rules in licensegate's packages"
        )
    if package == _OLD_LICENSE_ROOT or package.startswith(_OLD_LICENSE_ROOT + "."):
        raise PolicyError(
            f"{where}: package {package} is where licensegate's licenses used to live; a license "
            f"of your own is now package {OWN_ROOT}.{package} (findings: package org.<name>)"
        )
    if not package.startswith("org.") and not module.is_test:
        for number, line in enumerate(module.source.splitlines(), start=1):
            match = _RULE_HEAD.match(line)
            if match:
                raise PolicyError(
                    f"{module.name}:{number}: a {match.group(1)} rule in package {package} would "
                    "be ignored: conftest-style rules count only in package org.<name>"
                )


def guard_data(name: str, folder: tuple[str, ...], document: object) -> None:
    """Refuse organisation data under licensegate's root: `data.licensegate` holds the catalog
    (an entry there would give an unknown model a license), the revision, the organisation
    policy and licensegate's packages."""
    keys = tuple(document) if isinstance(document, dict) and not folder else folder[:1]
    for key in keys:
        if key == OWN_ROOT:
            raise PolicyError(
                f"{name}: data.{key} belongs to licensegate (its catalog, revision and "
                "organisation policy, its packages); put organisation data under another "
                "folder, e.g. org/"
            )


def org_packages(modules: Iterable[Module]) -> list[str]:
    """The `org.*` packages among the modules (tests excluded), sorted."""
    return sorted({m.package for m in modules if m.package.startswith("org.") and not m.is_test})


def render_collector(packages: Iterable[str]) -> str:
    """The collector module: every org package's findings, deny, violation and warn, tagged."""
    lines = [
        "# Generated by licensegate from the --policy folders (orgrego.py); not a file on disk.",
        "package licensegate.org",
        "",
        "import rego.v1",
        "",
        "# Tells licensegate.main that there are organisation findings to gather.",
        "active := true",
        "",
    ]
    for package in packages:
        ref = f"data.{package}"
        lines += [
            f'findings contains _finding("{package}", item) if some item in {ref}.findings',
            "",
        ]
        for rule, status in (("deny", "violated"), ("violation", "violated"), ("warn", "warn")):
            lines += [
                f'findings contains _conftest("{package}", "{clause_id(package)}", '
                f'"{status}", entry) if {{',
                f"\tsome entry in {ref}.{rule}",
                "}",
                "",
            ]
    lines += [
        "# A finding in licensegate's shape, accepted only under an org: id with a status an",
        "# organisation may give; anything else is marked so that the host refuses it (exit 2).",
        '_finding(origin, item) := object.union(item, {"origin": origin}) if {',
        "\tis_object(item)",
        '\tstartswith(item.id, "org:")',
        "\titem.status in {" + ", ".join(f'"{status}"' for status in ORG_STATUSES) + "}",
        "\tnot item.waiver",
        "\tnot item.attestation",
        '} else := {"id": "org:invalid", "origin": origin, "status": "invalid", '
        '"subject": "manifest", "message": sprintf("%v", [item]), "path": []}',
        "",
        "# conftest's messages: a string, or an object with msg (and optionally subject, path).",
        "_conftest(origin, id, status, entry) := {",
        '\t"id": id, "origin": origin, "status": status,',
        '\t"subject": "manifest", "message": entry, "path": [],',
        "} if is_string(entry)",
        "",
        "_conftest(origin, id, status, entry) := object.union(",
        '\t{"subject": "manifest", "path": []},',
        '\tobject.union(object.remove(entry, {"msg"}), {',
        '\t\t"id": id, "origin": origin, "status": status,',
        '\t\t"message": entry.msg,',
        "\t}),",
        ") if is_object(entry)",
        "",
    ]
    return "\n".join(lines)


def conftest_clause(package: str, file: str, line: int) -> ClauseInfo:
    """What the report says about a conftest-style rule of an org package."""
    return ClauseInfo(
        license="org",
        clause=clause_id(package).removeprefix("org:"),
        title=f"Organisation policy {package}",
        description=f"deny/violation/warn rules of package {package} ({file}).",
        section="organisation policy",
        quote="",
        source=f"{file}:{line}",
        remediation=f"See the rule in {file}, or ask its owners for a waiver.",
        file=file,
        line=line,
    )


def admit(
    own: list[Module], organisation: list[Module]
) -> tuple[list[Module], dict[str, ClauseInfo]]:
    """Check the organisation's modules and add the collector: (all modules, org clauses)."""
    packages = {m.package for m in own}
    taken = {m.name for m in own} | {COLLECT_MODULE}
    for module in organisation:
        guard(module, packages)
        if module.name in taken:
            raise PolicyError(
                f"{module.name}: has the name of a licensegate module; rename the folder"
            )
    found = org_packages(organisation)
    clauses: dict[str, ClauseInfo] = {}
    for module in organisation:
        if module.package in found:
            for info in documented_clauses(module):
                clauses.setdefault(info.id, info)
    for package in found:
        module = next(m for m in organisation if m.package == package and not m.is_test)
        info = conftest_clause(package, module.name, _line_of(module.source, _RULE_HEAD))
        clauses.setdefault(info.id, info)
    modules = [*own, *organisation]
    if found:
        modules.append(Module(COLLECT_MODULE, render_collector(found), "licensegate.org"))
    return modules, clauses


def clause_id(package: str) -> str:
    """`org.acme.no_nc` -> `org:acme-no-nc` (report clause names have no dots or underscores)."""
    return "org:" + package.removeprefix("org.").replace(".", "-").replace("_", "-").lower()


def documented_clauses(module: Module) -> list[ClauseInfo]:
    """Clauses an org module documents with METADATA (custom.clause) above a findings rule."""
    infos = []
    for line, meta, target in module.metadata():
        custom = meta.get("custom") or {}
        if not target.lstrip().startswith("findings") or not custom.get("clause"):
            continue
        name = str(custom["clause"]).removeprefix("org:")
        if not re.fullmatch(r"[a-z0-9-]+", name):
            raise PolicyError(
                f"{module.name}:{line}: org clause {name!r}: lowercase letters, digits and '-'"
            )
        infos.append(
            ClauseInfo(
                license="org",
                clause=name,
                title=str(meta.get("title") or f"Organisation rule {name}"),
                description=" ".join(str(meta.get("description", "")).split()),
                section=str(custom.get("section") or "organisation policy"),
                quote=" ".join(str(custom.get("quote", "")).split()),
                source=str(custom.get("source") or f"{module.name}:{line}"),
                remediation=" ".join(
                    str(custom.get("remediation") or f"See {module.name}:{line}.").split()
                ),
                file=module.name,
                line=line,
            )
        )
    return infos


def check_finding(item: dict[str, object]) -> None:
    """An org finding the collector marked invalid, or one that claims a non-org clause: exit 2."""
    clause = str(item.get("id", ""))
    if item.get("status") == "invalid" or not clause.startswith("org:"):
        raise PolicyError(
            f"organisation policy {item.get('origin')} emitted a finding licensegate does not "
            f"accept (org: clause ids only; status one of {', '.join(ORG_STATUSES)}; no "
            f"waiver or attestation): {item.get('message') if clause == 'org:invalid' else item}"
        )


def split_warnings(
    raw: list[dict[str, object]],
) -> tuple[list[dict[str, object]], list[ReportWarning]]:
    """conftest `warn` entries become report warnings; everything else stays a finding."""
    from licensegate.report import ReportWarning

    findings, warnings = [], []
    for item in raw:
        if isinstance(item, dict) and item.get("origin") and item.get("status") == "warn":
            warnings.append(ReportWarning("org-warning", f"{item['id']}: {item.get('message')}"))
        else:
            findings.append(item)
    return findings, warnings
