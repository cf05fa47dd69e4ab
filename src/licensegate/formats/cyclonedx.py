"""`check --format cyclonedx`: the manifests' models as a CycloneDX 1.6 ML-BOM with the verdicts.

Built by the scan's BOM writer (licensegate.scan.cyclonedx), so `scan` and `check` describe a
model the same way (purl `pkg:huggingface/org/name@revision`, declared licenses from the catalog
and model cards, `pedigree.ancestors`). What `check` adds:

- a component for every model and derived model the manifests list, and with `--scan`/`--bom`
  every model the repository uses, with the scan's evidence occurrences;
- the licenses licensegate judged the component under, with ``acknowledgement: concluded``: the
  catalog's (or the manifest's `license` for a model the catalog does not know, or an
  alternative text the manifest accepts), for a derived model those of everything upstream of
  it, and every license a clause was reported under. A model the library cannot place has none;
- per component, the verdict as properties: ``licensegate:result`` (``pass``/``fail``: whether
  any of its clauses fails, under ``--strict`` as given), ``licensegate:clause:<id>`` = status
  (the most serious when several manifests judge it), ``licensegate:manifest`` = each manifest
  that lists or was held to it;
- in the metadata: ``licensegate:result`` for the whole run (``pass``, ``fail``, or ``error``
  when a manifest got no verdict), ``licensegate:policy-digest``, ``licensegate:strict``,
  ``licensegate:manifest`` = "PATH: pass|fail" per manifest, ``licensegate:clause:<id>`` for
  clauses about no model (an organisation rule on the manifest) and one ``licensegate:error``
  per manifest without a verdict.

Licenses of licensegate's own clauses (``licensegate:*``) and of organisation rules (``org:*``)
are not licenses of a model and are never concluded.

The exit code is the verdict's (0/1/2), whatever the format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from licensegate.levels import level_of
from licensegate.report import STATUS_ORDER, Report, Status


def placed_licenses(model: Mapping[str, Any]) -> list[str]:
    """The licenses a listed model is judged under, as licensegate.lib.subjects.licenses_of decides.

    A test holds this to the Rego (tests/test_check_bom.py) for every example manifest.
    """
    from licensegate.scan.ids import catalog

    raw = model.get("license")
    declared = [raw] if isinstance(raw, str) else [str(x) for x in raw or []]
    entry = catalog().get(str(model["id"]).lower())
    if entry is None:
        return sorted(set(declared))
    alternatives = entry.get("alternative_licenses") or []
    if declared and any(set(alt) == set(declared) for alt in alternatives):
        return sorted(set(declared))
    return sorted({str(x) for x in entry.get("licenses", [])})


def _worst(statuses: Iterable[str]) -> str:
    return min(statuses, key=STATUS_ORDER.index)


def render(report: Report) -> str:
    from licensegate.scan import cyclonedx
    from licensegate.scan.evidence import ScanResult

    listed: list[str] = []
    concluded: dict[str, list[str]] = {}
    ancestors: dict[str, list[str]] = {}
    statuses: dict[str, dict[str, list[str]]] = {}
    failing: dict[str, bool] = {}
    manifests: dict[str, list[str]] = {}

    def note(subject: str, manifest: str) -> str:
        key = subject.lower()
        if manifest not in manifests.setdefault(key, []):
            manifests[key].append(manifest)
        failing.setdefault(key, False)
        return key

    for result in report.results:
        inventory = result.inventory
        models = inventory.get("models", [])
        by_id = {str(m["id"]).lower(): m for m in models}
        for model in models:
            listed.append(model["id"])
            key = note(model["id"], result.manifest)
            concluded.setdefault(key, []).extend(placed_licenses(model))
        for derived in inventory.get("derived_models", []):
            name = derived["name"]
            listed.append(name)
            key = note(name, result.manifest)
            for edge in inventory.get("upstream", {}).get(name, []):
                upstream = by_id.get(str(edge["model"]).lower())
                if upstream is not None:
                    concluded.setdefault(key, []).extend(placed_licenses(upstream))
                if edge.get("via") == "weights":
                    ancestors.setdefault(key, []).append(edge["model"])
        for clause in result.clauses:
            key = note(clause.subject, result.manifest)
            # NOTE: licensegate's own and an organisation's clauses (license_name "licensegate":
            # the library has no license text for them) are no license of the model.
            if clause.license_name != "licensegate":
                concluded.setdefault(key, []).append(clause.license)
            statuses.setdefault(key, {}).setdefault(clause.id, []).append(clause.status.value)
            if level_of(Status(clause.status), result.strict).fails:
                failing[key] = True

    scan = report.scan if isinstance(report.scan, ScanResult) else ScanResult(root=".")
    components = {name.lower() for name in listed}
    components |= {r.model_id.lower() for r in scan.references if r.model_id is not None}
    components |= {card.model_id.lower() for card in scan.cards}
    properties: dict[str, list[tuple[str, str]]] = {}
    for key in manifests:
        pairs = [("licensegate:result", "fail" if failing[key] else "pass")]
        pairs += [
            (f"licensegate:clause:{clause_id}", _worst(values))
            for clause_id, values in sorted(statuses.get(key, {}).items())
        ]
        pairs += [("licensegate:manifest", manifest) for manifest in manifests[key]]
        properties[key] = pairs

    outcome = {0: "pass", 1: "fail"}.get(report.exit_code, "error")
    document = [
        ("licensegate:result", outcome),
        ("licensegate:policy-digest", report.policy_digest),
        ("licensegate:strict", "true" if report.strict else "false"),
    ]
    document += [
        ("licensegate:manifest", f"{result.manifest}: {'fail' if result.failed else 'pass'}")
        for result in report.results
    ]
    # Clauses about no model (an organisation rule on the manifest): in the metadata.
    document += [
        (f"licensegate:clause:{clause_id}", _worst(values))
        for key, clauses in sorted(statuses.items())
        if key not in components
        for clause_id, values in sorted(clauses.items())
    ]
    document += [
        ("licensegate:error", f"{error.manifest}: {error.message}") for error in report.errors
    ]
    return cyclonedx.bom(
        scan,
        {key: sorted(set(value)) for key, value in concluded.items()},
        listed=listed,
        ancestors=ancestors,
        properties=properties,
        document_properties=document,
    )
