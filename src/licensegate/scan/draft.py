"""`licensegate init`: a draft manifest from a scan, which fails until a person fills it in.

The scan knows which models the code uses and where; it cannot know who the licensee is, where
it is based, whether the product is commercial, who uses it, or what licenses a model outside the
catalog is under. Each such fact is written as a `TODO: ...` string that says what to write, and
`load_manifest` refuses any `TODO` (wherever the schema would have accepted the string), so the
draft cannot pass by accident. What the scan guessed (a model's uses, a card's license) is also a
`TODO` that shows the guess and its evidence: a person confirms it by writing the value.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from licensegate.scan.evidence import ModelCard, ModelReference, ScanResult
from licensegate.scan.ids import catalog, normalise

# What each kind of evidence suggests the model is used for; only ever shown as a guess.
_USE_FROM_KIND = {"peft": "fine-tuning", "mergekit": "fine-tuning"}


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=True)


def _where(reference: ModelReference | ModelCard) -> str:
    evidence = reference.evidence
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:63].strip("-") or "deployment"


def draft(result: ScanResult, name: str) -> str:
    """The draft manifest's YAML text."""
    known = catalog()
    by_model: dict[str, list[ModelReference]] = defaultdict(list)
    for reference in result.references:
        if reference.model_id is not None:
            by_model[reference.model_id.lower()].append(reference)
    cards: dict[str, list[ModelCard]] = defaultdict(list)
    for card in result.cards:
        cards[card.model_id.lower()].append(card)
    lines = [
        f"# Draft written by `licensegate init` from a scan of {_comment(result.root)}.",
        "# Every TODO is a fact the scan cannot know or only guessed: `licensegate check` refuses",
        "# this file (exit 2) until each one is replaced by the real value.",
        "apiVersion: licensegate/v1",
        "kind: Deployment",
        "metadata:",
        f"  name: {_slug(name)}",
        "licensee:",
        "  name: " + _quote("TODO: legal name of the organisation that accepts the licenses"),
        "  domicile: "
        + _quote("TODO: its principal place of business, ISO 3166-1 alpha-2 (US, DE, ...)"),
        "  monthly_active_users: "
        + _quote("TODO: monthly active users of the licensee and affiliates, last full month"),
        "product:",
        "  commercial: " + _quote("TODO: true or false"),
        "  environment: " + _quote("TODO: production, staging, research or evaluation"),
        "  audience: " + _quote("TODO: internal, customers or public"),
        "  monthly_active_users: " + _quote("TODO: monthly active users of this product"),
        "models:",
    ]
    for key in sorted(by_model):
        references = sorted(by_model[key], key=lambda r: r.evidence)
        model_id = str(known[key]["id"]) if key in known else references[0].model_id
        lines.append(f"  - id: {model_id}")
        lines.extend(
            f"    # found at {_comment(_where(reference))} ({reference.evidence.kind})"
            for reference in references[:10]
        )
        if len(references) > 10:
            lines.append(f"    # ... and {len(references) - 10} more places")
        uses = sorted({_USE_FROM_KIND.get(r.evidence.kind, "inference") for r in references})
        lines.append(
            "    uses: "
            + _quote(f"TODO: confirm [{', '.join(uses)}] (guessed from the places above)")
        )
        if key not in known:
            declared = sorted({x for card in cards.get(key, []) for x in card.licenses})
            hint = (
                f"confirm {', '.join(declared)} (its model card says so)"
                if declared
                else "not in the catalog: its license id(s), e.g. apache-2.0"
            )
            lines.append("    license: " + _quote(f"TODO: {hint}"))
    for reference in sorted(
        (r for r in result.references if r.model_id is None), key=lambda r: r.evidence
    ):
        # A model the code loads but the scan could not name: the person names it or removes it.
        lines.append(
            "  - id: "
            + _quote(
                f"TODO: the model loaded at {_where(reference)} "
                f"({(reference.expression or '')[:80]}), or delete this entry"
            )
        )
        lines.append("    uses: " + _quote("TODO: e.g. [inference]"))
    if not by_model and not any(r.model_id is None for r in result.references):
        lines.append("  - id: " + _quote("TODO: the scan found no model; name the one you use"))
        lines.append("    uses: " + _quote("TODO: e.g. [inference]"))
    derived = [card for card in result.cards if card.base_models]
    if derived:
        lines.append("derived_models:")
        for card in derived:
            bases = [b for b in card.base_models if normalise(b) == b]
            lines.append(f"  # from {_comment(_where(card))} ({card.model_id})")
            lines.append(
                "  - name: "
                + _quote(f"TODO: the name {card.model_id} is released under, or delete this entry")
            )
            if bases:
                lines.append(f"    base_models: [{', '.join(bases)}]")
            else:
                lines.append(
                    "    base_models: " + _quote(f"TODO: ids of {', '.join(card.base_models)[:80]}")
                )
            lines.append("    release: " + _quote("TODO: none, api, weights, or a list"))
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """Text from the scanned tree made safe inside a YAML comment: one line, printable."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)[:200]
