"""The deployment in plain words: who runs it, for whom, where, with which models and how."""

from __future__ import annotations

from typing import Any

from licensegate.policy import PolicyLibrary
from licensegate.report import ManifestResult
from licensegate.review.blocks import (
    Bullets,
    Code,
    Document,
    Heading,
    Inline,
    Line,
    Para,
    Strong,
    Table,
)
from licensegate.review.words import (
    AUDIENCE,
    ENVIRONMENT,
    RELEASE,
    USES,
    WHERE,
    country,
    join,
    month,
    number,
    per_license,
    sentence,
    ways,
    yes_no,
)


def deployment(doc: Document, manifest: dict[str, Any], library: PolicyLibrary) -> None:
    licensee = manifest["licensee"]
    product = manifest["product"]
    meta = manifest["metadata"]
    doc.add(Heading(2, "The deployment"))
    owner = f" (contact: {meta['owner']})" if meta.get("owner") else ""
    doc.add(
        Para(
            (
                Strong(licensee["name"]),
                f", whose principal place of business is in {country(licensee['domicile'])}, "
                f"runs the deployment “{meta['name']}”{owner}. It is the licensee: the "
                "organisation that accepts the model licenses.",
            )
        )
    )
    facts: list[Line] = [
        (
            "It is "
            + ("a commercial product" if product["commercial"] else "not a commercial product")
            + f", {ENVIRONMENT.get(product['environment'], product['environment'])}, "
            f"used by {AUDIENCE.get(product['audience'], product['audience'])}.",
        )
    ]
    if "monthly_active_users" in licensee:
        facts.append(
            (
                f"{licensee['name']} and its affiliates had "
                f"{number(licensee['monthly_active_users'])} monthly active users across all "
                "their products and services in the last full month.",
            )
        )
    else:
        facts.append(
            ("The monthly active users of the licensee and its affiliates are not stated.",)
        )
    history = licensee.get("mau_history") or {}
    if history:
        months = "; ".join(f"{month(k)}: {number(history[k])}" for k in sorted(history))
        facts.append((f"Monthly active users in earlier months: {months}.",))
    if "annual_revenue_usd" in licensee:
        facts.append(
            (
                f"Annual revenue of the licensee and its affiliates: "
                f"US${number(licensee['annual_revenue_usd'])}.",
            )
        )
    facts.extend(
        (
            "Registered with the licensor of ",
            Code(str(registration["license"])),
            f" on {registration['date']} ({registration['reference']}).",
        )
        for registration in licensee.get("registrations") or []
    )
    product_figures = []
    if "monthly_active_users" in product:
        product_figures.append(f"{number(product['monthly_active_users'])} monthly active users")
    if "monthly_revenue_usd" in product:
        product_figures.append(f"US${number(product['monthly_revenue_usd'])} monthly revenue")
    if product_figures:
        facts.append((f"This product alone: {join(product_figures)}.",))
    if product.get("countries"):
        where = join([country(code) for code in product["countries"]])
        facts.append((f"The models are used, offered or distributed in {where}.",))
    facts.append(
        (
            "Model weights leave the organisation (for download or on devices)."
            if product.get("ships_weights")
            else "The product does not hand model weights to anyone outside the organisation.",
        )
    )
    statements = product.get("attribution") or []
    if statements:
        shown = join([f"“{s['text']}” {WHERE.get(s['where'], s['where'])}" for s in statements])
        facts.append((f"Shown to users: {shown}.",))
    else:
        facts.append(("No attribution statement is shown to users.",))
    facts.append(
        (
            per_license(
                product.get("license_copies_included"),
                "A copy of each model license goes to everyone who receives weights.",
                "No copy of the model licenses goes with distributed weights.",
                "Whether a copy of the model licenses goes with distributed weights is not stated.",
            ),
        )
    )
    if product.get("notice_file"):
        facts.append(
            ("Notice file shipped with the weights: ", Code(str(product["notice_file"])), ".")
        )
    facts.append(
        (
            per_license(
                product.get("user_terms_include_use_restrictions"),
                "The terms users accept carry the models' use restrictions.",
                "The terms users accept do not carry the models' use restrictions.",
                "Whether the terms users accept carry the models' use restrictions is not stated.",
            ),
        )
    )
    doc.add(Bullets(tuple(facts)))

    doc.add(Heading(3, "Models used"))
    rows = []
    for model in manifest["models"]:
        declared = model.get("license")
        entry = library.catalog.get(model["id"].lower()) or {}
        licenses = [declared] if isinstance(declared, str) else list(declared or [])
        licenses = licenses or [str(lic) for lic in entry.get("licenses", [])]
        uses = [USES.get(u, u) for u in model["uses"]]
        if model.get("guardrails_modified") is True:
            uses.append("with its safety guardrails modified")
        elif model.get("guardrails_modified") is False:
            uses.append("with its safety guardrails unchanged")
        shipped = model.get("ships_weights", product.get("ships_weights") is True)
        if shipped is True:
            uses.append("its weights leave the organisation")
        nature = entry.get("multimodal", model.get("multimodal"))
        kind = {True: "multimodal", False: "text only"}.get(nature, "not stated")
        license_cell: list[Inline] = []
        for position, license_id in enumerate(licenses):
            info = library.license(license_id)
            license_cell += [", "] if position else []
            license_cell += [info.name if info else license_id, " (", Code(license_id), ")"]
        rows.append(
            (
                (Code(model["id"]),),
                tuple(license_cell) or ("unknown: not in the catalog and not declared",),
                (str(entry.get("release_date") or "not in the catalog"),),
                ("; ".join(uses),),
                (kind,),
                (", ".join(model.get("modalities") or []) or "not stated",),
            )
        )
    doc.add(
        Table(
            ("Model", "License", "Released", "Used for", "The model is", "Modalities used"),
            tuple(rows),
        )
    )

    derived = manifest.get("derived_models") or []
    if derived:
        doc.add(Heading(3, "Models the organisation makes"))
        items: list[Line] = []
        for entry in derived:
            parts = []
            if entry.get("base_models"):
                parts.append(f"built from the weights of {join(entry['base_models'])}")
            if entry.get("trained_on_outputs_of"):
                parts.append(f"trained on outputs of {join(entry['trained_on_outputs_of'])}")
            parts.append(join([RELEASE.get(way, way) for way in ways(entry["release"])]))
            if entry.get("llm", True) is False:
                parts.append("not a large language model")
            parts.append(
                yes_no(
                    entry.get("modified_files_marked"),
                    "modified files carry notices that they were changed",
                    "modified files do not carry notices that they were changed",
                    "whether modified files are marked as changed is not stated",
                )
            )
            items.append((Strong(entry["name"]), ": " + "; ".join(parts) + "."))
        doc.add(Bullets(tuple(items)))


def assumptions(doc: Document, result: ManifestResult) -> None:
    """Figures that stood in for a missing one (DESIGN.md §2.1 rule 9), where they were used."""
    stand_ins = sorted(
        {
            (clause.id, clause.message)
            for clause in result.clauses
            if "the highest figure given is" in clause.message
        }
    )
    if not stand_ins:
        return
    doc.add(Heading(3, "Figures that stood in for a missing one"))
    doc.add(
        Para(
            (
                "A release-date test counts users in one calendar month. Where the manifest "
                "gives no figure for that month, the highest figure it gives anywhere stands in, "
                "and only when that figure is at or below the limit. This verdict relies on:",
            )
        )
    )
    doc.add(
        Bullets(
            tuple((Code(clause_id), ": " + sentence(message)) for clause_id, message in stand_ins)
        )
    )
