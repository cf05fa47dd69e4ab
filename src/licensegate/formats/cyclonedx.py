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
from typing import Any, TextIO

from licensegate.formats import writer
from licensegate.levels import level_of
from licensegate.report import STATUS_ORDER, ManifestResult, Report, Status


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


class Writer(writer.Writer):
    """Gathers, per model, what every manifest says of it as the results arrive (licenses,
    clause statuses, verdict, manifests; not the clauses themselves), and writes the BOM at the
    end: a component collects what several manifests say."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.head = writer.Head("")
        self.listed: list[str] = []
        self.concluded: dict[str, list[str]] = {}
        self.ancestors: dict[str, list[str]] = {}
        self.statuses: dict[str, dict[str, list[str]]] = {}
        self.failing: dict[str, bool] = {}
        self.manifests: dict[str, list[str]] = {}
        self.verdicts: list[tuple[str, str]] = []

    def begin(self, head: writer.Head) -> None:
        self.head = head

    def _note(self, subject: str, manifest: str) -> str:
        key = subject.lower()
        if manifest not in self.manifests.setdefault(key, []):
            self.manifests[key].append(manifest)
        self.failing.setdefault(key, False)
        return key

    def result(self, result: ManifestResult) -> None:
        concluded = self.concluded
        inventory = result.inventory
        models = inventory.get("models", [])
        by_id = {str(m["id"]).lower(): m for m in models}
        for model in models:
            self.listed.append(model["id"])
            key = self._note(model["id"], result.manifest)
            concluded.setdefault(key, []).extend(placed_licenses(model))
        for derived in inventory.get("derived_models", []):
            name = derived["name"]
            self.listed.append(name)
            key = self._note(name, result.manifest)
            for edge in inventory.get("upstream", {}).get(name, []):
                upstream = by_id.get(str(edge["model"]).lower())
                if upstream is not None:
                    concluded.setdefault(key, []).extend(placed_licenses(upstream))
                if edge.get("via") == "weights":
                    self.ancestors.setdefault(key, []).append(edge["model"])
        for clause in result.clauses:
            key = self._note(clause.subject, result.manifest)
            # NOTE: licensegate's own and an organisation's clauses (license_name "licensegate":
            # the library has no license text for them) are no license of the model.
            if clause.license_name != "licensegate":
                concluded.setdefault(key, []).append(clause.license)
            statuses = self.statuses.setdefault(key, {})
            statuses.setdefault(clause.id, []).append(clause.status.value)
            if level_of(Status(clause.status), result.strict).fails:
                self.failing[key] = True
        self.verdicts.append((result.manifest, "fail" if result.failed else "pass"))

    def end(self, tally: writer.Tally) -> None:
        from licensegate.scan import cyclonedx
        from licensegate.scan.evidence import ScanResult

        head = self.head
        scan = head.scan if isinstance(head.scan, ScanResult) else ScanResult(root=".")
        components = {name.lower() for name in self.listed}
        components |= {r.model_id.lower() for r in scan.references if r.model_id is not None}
        components |= {card.model_id.lower() for card in scan.cards}
        properties: dict[str, list[tuple[str, str]]] = {}
        for key in self.manifests:
            pairs = [("licensegate:result", "fail" if self.failing[key] else "pass")]
            pairs += [
                (f"licensegate:clause:{clause_id}", _worst(values))
                for clause_id, values in sorted(self.statuses.get(key, {}).items())
            ]
            pairs += [("licensegate:manifest", manifest) for manifest in self.manifests[key]]
            properties[key] = pairs

        outcome = {0: "pass", 1: "fail"}.get(tally.exit_code, "error")
        document = [
            ("licensegate:result", outcome),
            ("licensegate:policy-digest", head.policy_digest),
            ("licensegate:strict", "true" if head.strict else "false"),
        ]
        document += [
            ("licensegate:manifest", f"{manifest}: {verdict}")
            for manifest, verdict in self.verdicts
        ]
        # Clauses about no model (an organisation rule on the manifest): in the metadata.
        document += [
            (f"licensegate:clause:{clause_id}", _worst(values))
            for key, clauses in sorted(self.statuses.items())
            if key not in components
            for clause_id, values in sorted(clauses.items())
        ]
        document += [
            ("licensegate:error", f"{error.manifest}: {error.message}") for error in tally.errors
        ]
        self.stream.write(
            cyclonedx.bom(
                scan,
                {key: sorted(set(value)) for key, value in self.concluded.items()},
                listed=self.listed,
                ancestors=self.ancestors,
                properties=properties,
                document_properties=document,
            )
        )


def render(report: Report) -> str:
    """The ML-BOM of a whole report."""
    return writer.render_report(Writer, report)
