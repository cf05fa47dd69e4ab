"""`scan`'s text and JSON formats: each model once, with every place it is named.

Models are grouped case-insensitively (Hugging Face ids are), spelled as first found. Every string
came from the scanned tree, so the text format escapes controls for the terminal; JSON is escaped
by the encoder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from licensegate.escape import terminal
from licensegate.scan.evidence import ModelCard, ModelReference, ScanResult
from licensegate.scan.ids import catalog_ids

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class FoundModel:
    """One model and every reference to it."""

    model_id: str
    in_catalog: bool
    references: tuple[ModelReference, ...]

    @property
    def revisions(self) -> tuple[str, ...]:
        return tuple(sorted({r.revision for r in self.references if r.revision}))


def models(result: ScanResult) -> list[FoundModel]:
    """The resolved references grouped by model, sorted by id."""
    groups: dict[str, list[ModelReference]] = {}
    for reference in result.references:
        if reference.model_id is not None:
            groups.setdefault(reference.model_id.lower(), []).append(reference)
    known = catalog_ids()
    return [
        FoundModel(
            model_id=known.get(key, refs[0].model_id or key),
            in_catalog=key in known,
            references=tuple(sorted(refs, key=lambda r: r.evidence)),
        )
        for key, refs in sorted(groups.items())
    ]


def unresolved(result: ScanResult) -> list[ModelReference]:
    return sorted((r for r in result.references if r.model_id is None), key=lambda r: r.evidence)


def _where(reference: ModelReference) -> str:
    evidence = reference.evidence
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path


def text(result: ScanResult) -> str:
    found = models(result)
    lines = [f"licensegate scan: {len(found)} model(s) in {result.root}"]
    for model in found:
        note = "" if model.in_catalog else "  (not in the catalog)"
        lines += ["", f"{model.model_id}{note}"]
        for reference in model.references:
            pinned = f"  @ {reference.revision}" if reference.revision else ""
            lines.append(f"  {_where(reference)}  {reference.evidence.kind}{pinned}")
    loose = unresolved(result)
    if loose:
        lines += ["", "unresolved (a model is loaded here but its id is not a literal):"]
        lines.extend(
            f"  {_where(r)}  {r.evidence.kind}  {r.expression or ''}".rstrip() for r in loose
        )
    if result.cards:
        lines += ["", "model cards and headers:"]
        for card in result.cards:
            facts = [f"license {', '.join(card.licenses)}" if card.licenses else "no license"]
            if card.license_name:
                facts.append(f"license_name {card.license_name}")
            if card.base_models:
                relation = f" ({card.relation})" if card.relation else ""
                facts.append(f"base_model {', '.join(card.base_models)}{relation}")
            where = card.evidence.path + (f":{card.evidence.line}" if card.evidence.line else "")
            lines.append(f"  {card.model_id}  {where}  {'; '.join(facts)}")
    if result.problems:
        lines += ["", "warnings (not read, so the scan may miss models there):"]
        lines.extend(f"  {problem.path}: {problem.message}" for problem in result.problems)
    return "\n".join(terminal(line) for line in lines) + "\n"


def _reference_json(reference: ModelReference) -> dict[str, Any]:
    return {
        "path": reference.evidence.path,
        "line": reference.evidence.line,
        "kind": reference.evidence.kind,
        "revision": reference.revision,
        "expression": reference.expression,
    }


def _card_json(card: ModelCard) -> dict[str, Any]:
    return {
        "id": card.model_id,
        "path": card.evidence.path,
        "line": card.evidence.line,
        "kind": card.evidence.kind,
        "licenses": list(card.licenses),
        "license_name": card.license_name,
        "license_link": card.license_link,
        "base_models": list(card.base_models),
        "relation": card.relation,
    }


def as_data(result: ScanResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "root": result.root,
        "models": [
            {
                "id": model.model_id,
                "in_catalog": model.in_catalog,
                "revisions": list(model.revisions),
                "evidence": [_reference_json(r) for r in model.references],
            }
            for model in models(result)
        ],
        "unresolved": [_reference_json(r) for r in unresolved(result)],
        "cards": [_card_json(card) for card in result.cards],
        "problems": [{"path": p.path, "message": p.message} for p in result.problems],
    }


def as_json(result: ScanResult) -> str:
    return json.dumps(as_data(result), indent=2) + "\n"
