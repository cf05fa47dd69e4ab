"""A scan as a CycloneDX 1.6 ML-BOM, written with `cyclonedx-python-lib` (imported only here).

Each model is a `machine-learning-model` component with purl `pkg:huggingface/org/name@revision`
and an occurrence (file, line) for every place it is named. Licenses carry their acknowledgement:
`declared` for what the catalog and model cards state, `concluded` for what a `check` decided
(`concluded`, model id -> license ids). A license that is an SPDX id is written as `id`, any other
(`llama3.1`, `gemma`) as `name`, because the schema only allows SPDX ids in `id`. A model card's
`base_model` chain becomes `pedigree.ancestors`. Local models (a card in `./folder`) are listed
without a purl.

`check --format cyclonedx` (licensegate.formats.cyclonedx) uses the same builder: it adds the
models the manifests list (`listed`, with no occurrence unless a scan saw them), the weights a
derived model starts from (`ancestors`) and the verdict as `properties`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from licensegate import __version__
from licensegate.scan.evidence import ModelCard, ModelReference, ScanResult
from licensegate.scan.ids import catalog_ids, catalog_licenses, normalise

if TYPE_CHECKING:
    from cyclonedx.model.component import Component
    from cyclonedx.model.license import DisjunctiveLicense


def _license(value: str, acknowledgement: str) -> DisjunctiveLicense:
    from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement
    from cyclonedx.spdx import fixup_id

    spdx = fixup_id(value)
    kind = LicenseAcknowledgement(acknowledgement)
    if spdx is not None:
        return DisjunctiveLicense(id=spdx, acknowledgement=kind)
    return DisjunctiveLicense(name=value, acknowledgement=kind)


def _component(
    model_id: str,
    references: Sequence[ModelReference],
    cards: Sequence[ModelCard],
    concluded: Sequence[str],
    extra_ancestors: Sequence[str] = (),
    properties: Sequence[tuple[str, str]] = (),
) -> Component:
    from cyclonedx.model import Property
    from cyclonedx.model.component import Component, ComponentType, Pedigree
    from cyclonedx.model.component_evidence import ComponentEvidence, Occurrence
    from packageurl import PackageURL

    revisions = sorted({r.revision for r in references if r.revision})
    revision = revisions[0] if len(revisions) == 1 else None
    is_hub = normalise(model_id) == model_id
    licenses = []
    declared = list(catalog_licenses(model_id)) if is_hub else []
    for card in cards:
        declared.extend(x for x in card.licenses if x not in declared)
    licenses += [_license(x, "declared") for x in declared]
    licenses += [_license(x, "concluded") for x in concluded]
    places = [r.evidence for r in references] + [c.evidence for c in cards]
    occurrences = [
        Occurrence(location=e.path, line=e.line or None, additional_context=e.kind) for e in places
    ]
    if is_hub:
        org, name = model_id.split("/", 1)
        purl = PackageURL(type="huggingface", namespace=org, name=name, version=revision)
        bom_ref = str(purl)
    else:
        org, name, purl, bom_ref = None, model_id, None, f"local:{model_id}"
    ancestors = []
    bases = {b for card in cards for b in card.base_models} | set(extra_ancestors)
    for base in sorted(bases):
        base_org, _, base_name = base.partition("/") if normalise(base) == base else ("", "", base)
        ancestors.append(
            Component(
                type=ComponentType.MACHINE_LEARNING_MODEL,
                name=base_name,
                group=base_org or None,
                purl=PackageURL(type="huggingface", namespace=base_org, name=base_name)
                if base_org
                else None,
                # bom-refs are unique per BOM: two models may share an ancestor
                bom_ref=f"{bom_ref}#ancestor:{base}",
            )
        )
    return Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=name,
        group=org,
        version=revision,
        purl=purl,
        bom_ref=bom_ref,
        licenses=licenses,
        evidence=ComponentEvidence(occurrences=occurrences) if occurrences else None,
        pedigree=Pedigree(ancestors=ancestors) if ancestors else None,
        properties=[Property(name=name, value=value) for name, value in properties],
    )


def bom(
    result: ScanResult,
    concluded: Mapping[str, Iterable[str]] | None = None,
    *,
    listed: Iterable[str] = (),
    ancestors: Mapping[str, Iterable[str]] | None = None,
    properties: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    document_properties: Sequence[tuple[str, str]] = (),
) -> str:
    """The scan as CycloneDX 1.6 JSON. `concluded`: model id -> licenses a check concluded.

    `listed`: more model ids to describe even where the scan saw none (a manifest's models);
    `ancestors`: model id -> ids whose weights it starts from; `properties`: model id ->
    (name, value) pairs; `document_properties`: pairs for the BOM's metadata. Ids match
    case-insensitively, as the Hub resolves them.
    """
    from cyclonedx.model import Property
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType
    from cyclonedx.output.json import JsonV1Dot6

    def by_key(values: Mapping[str, Iterable[Any]] | None) -> dict[str, list[Any]]:
        merged: dict[str, list[Any]] = {}
        for key, value in (values or {}).items():
            merged.setdefault(key.lower(), []).extend(x for x in value)
        return merged

    verdicts = by_key(concluded)
    bases = by_key(ancestors)
    extras = by_key(properties)
    known = catalog_ids()
    references: dict[str, list[ModelReference]] = {}
    spelling: dict[str, str] = {}
    for reference in result.references:
        if reference.model_id is not None:
            key = reference.model_id.lower()
            references.setdefault(key, []).append(reference)
            spelling.setdefault(key, known.get(key, reference.model_id))
    cards: dict[str, list[ModelCard]] = {}
    for card in result.cards:
        key = card.model_id.lower()
        cards.setdefault(key, []).append(card)
        spelling.setdefault(key, known.get(key, card.model_id))
    for model_id in listed:
        spelling.setdefault(model_id.lower(), known.get(model_id.lower(), model_id))
    document = Bom()
    document.metadata.tools.components.add(
        Component(type=ComponentType.APPLICATION, name="licensegate", version=__version__)
    )
    for name, value in document_properties:
        document.metadata.properties.add(Property(name=name, value=value))
    for key in sorted(spelling):
        document.components.add(
            _component(
                spelling[key],
                references.get(key, []),
                cards.get(key, []),
                list(dict.fromkeys(verdicts.get(key, []))),
                bases.get(key, []),
                extras.get(key, []),
            )
        )
    return str(JsonV1Dot6(document).output_as_string(indent=2)) + "\n"
