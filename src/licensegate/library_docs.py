"""Describe the clause library to people: `licenses`, `explain`, and policies/README.md.

A clause's trigger and what satisfies it follow from the shared builder it uses (policies/lib/
clauses): the table below says it once per clause kind, and a package may override it with
`custom.trigger` / `custom.satisfied_by` where its text differs.
"""

from __future__ import annotations

import json
from typing import Any

from licensegate.policy import ClauseInfo, PolicyLibrary

# clause kind -> (what makes it apply, what satisfies it)
KINDS: dict[str, tuple[str, str]] = {
    "mau-threshold": (
        "any listed model under the license",
        "licensee MAU (with affiliates) for the calendar month before the license version's "
        "release date is not above the limit: licensee.mau_history[YYYY-MM], else "
        "licensee.monthly_active_users; neither given is missing-facts",
    ),
    "product-mau-threshold": (
        "a commercial product using the model",
        "the product's monthly active users (product.monthly_active_users) are within the limit",
    ),
    "ui-attribution-threshold": (
        "a commercial product above the license's user or revenue threshold "
        "(product.monthly_active_users, product.monthly_revenue_usd)",
        "a product.attribution entry with the required text, shown on the user interface",
    ),
    "attribution-display": (
        "the product runs the model for customers or the public (product.audience), or a "
        "derived model is released (release: api or weights)",
        "a product.attribution entry containing the required text",
    ),
    "derivative-naming": (
        "a derived model built with the model (or, where the text says so, its outputs) is "
        "released (release: api or weights)",
        "the derived model's name, after any org/ prefix, begins with the required prefix",
    ),
    "output-use": (
        "a derived large language model trained on the model's outputs, or the model used as "
        "a distillation teacher or synthetic-data source",
        "the student is the licensor's model or a derivative of it (built on its weights), or "
        "not an LLM (llm: false); undeclared students are missing-facts",
    ),
    "license-copy": (
        "weights leave the organisation: product.ships_weights for the models the product "
        "runs, or a derived model built on the model's weights published with release: weights",
        "product.license_copies_included: true",
    ),
    "notice-file": (
        "weights leave the organisation (as for license-copy)",
        "product.notice_file names a file beside the manifest that contains the required notice",
    ),
    "modified-files-notice": (
        "a derived model built on the model's weights is published (release: weights)",
        "derived_models[].modified_files_marked: true",
    ),
    "retain-notices": (
        "weights leave the organisation (as for license-copy)",
        "an attestation that the licensor's notices are kept",
    ),
    "use-restrictions-flowdown": (
        "the model reaches third parties: a product for customers or the public, shipped "
        "weights, or a released derived model (hosting counts where the text says so)",
        "product.user_terms_include_use_restrictions: true",
    ),
    "acceptable-use": (
        "any listed model under the license",
        "an attestation by a person who reviewed the use cases against the policy",
    ),
    "eu-multimodal": (
        "a multimodal model (catalog, or models[].modalities) under the license",
        "the licensee's domicile (licensee.domicile) is outside the European Union",
    ),
    "non-commercial": (
        "any use of the model or a model derived from it",
        "product.commercial: false",
    ),
    "non-production": (
        "any use of the model or a model derived from it",
        "product.environment is not production",
    ),
    "guardrails": (
        "any listed model under the license",
        "models[].guardrails_modified: false",
    ),
    "commercial-registration": (
        "commercial use of the model",
        "an attestation that the licensee registered with the licensor",
    ),
    "unknown-model": (
        "a listed model the catalog does not know, with no models[].license",
        "a models[].license, or a model the catalog knows",
    ),
    "unsupported-license": (
        "a model under a license licensegate has no policy for",
        "only a waiver after a review by hand",
    ),
    "no-duties": (
        "a listed or derived model whose licenses are judged but none of whose clauses applies",
        "always: it only records that the model was looked at",
    ),
    "undeclared-model": (
        "`check --scan`: a model the repository uses that the manifest does not list",
        "listing the model under models[] (or as a derived model's name)",
    ),
    "license-conflict": (
        "`check --scan`: a model card or GGUF header that gives a listed model other licenses",
        "nothing: correct the manifest or the model files so they agree",
    ),
    "invalid-input": (
        "the decision evaluated on anything but the documented input document",
        "nothing: build the input with `licensegate input`",
    ),
}


def trigger_of(info: ClauseInfo) -> str:
    """What makes the clause apply."""
    return info.trigger or KINDS.get(info.clause, ("", ""))[0]


def satisfied_by(info: ClauseInfo) -> str:
    """What satisfies the clause."""
    return info.satisfied_by or KINDS.get(info.clause, ("", ""))[1]


def _by_license(library: PolicyLibrary) -> dict[str, list[ClauseInfo]]:
    grouped: dict[str, list[ClauseInfo]] = {license_id: [] for license_id in library.licenses}
    for info in library.clauses.values():
        grouped.setdefault(info.license, []).append(info)
    return {key: sorted(value, key=lambda i: i.line) for key, value in sorted(grouped.items())}


def unsupported(library: PolicyLibrary) -> dict[str, str]:
    """License ids known to be out of reach, with the reason."""
    table = library.data.get("licensegate", {}).get("unsupported", {})
    return {key: str(value.get("reason", "")) for key, value in sorted(table.items())}


def licenses_text(library: PolicyLibrary) -> str:
    """`licensegate licenses`: one block per license, one line per clause."""
    lines: list[str] = []
    for license_id, clauses in _by_license(library).items():
        text = library.license(license_id)
        if text is None:
            continue
        lines.append(f"{license_id}: {text.name} ({text.version})")
        lines.append(f"  {text.text}")
        lines += [f"  {info.id:<40} {info.section:<36} {info.title}" for info in clauses]
        lines.append("")
    for license_id, reason in unsupported(library).items():
        lines.append(f"{license_id}: not supported: {reason}")
    return "\n".join(lines).rstrip() + "\n"


def licenses_json(library: PolicyLibrary) -> str:
    """`licensegate licenses --format json`."""
    document: dict[str, Any] = {"licenses": [], "unsupported": unsupported(library)}
    for license_id, clauses in _by_license(library).items():
        text = library.license(license_id)
        if text is None:
            continue
        document["licenses"].append(
            {
                "id": license_id,
                "name": text.name,
                "version": text.version,
                "text": text.text,
                "clauses": [_clause_dict(info) for info in clauses],
            }
        )
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _clause_dict(info: ClauseInfo) -> dict[str, str]:
    return {
        "id": info.id,
        "title": info.title,
        "section": info.section,
        "quote": info.quote,
        "source": info.source,
        "applies_when": trigger_of(info),
        "satisfied_by": satisfied_by(info),
        "remediation": info.remediation,
    }


def licenses_markdown(library: PolicyLibrary) -> str:
    """policies/README.md: the clause library, generated from METADATA (`make docs`)."""
    out = [
        "# The clause library",
        "",
        "Generated from the policies' METADATA by `make docs` (`licensegate licenses --format "
        "markdown`); do not edit by hand. Each clause cites the license's own section and words.",
        "",
        "| license | text | version | clauses |",
        "|---|---|---|---|",
    ]
    grouped = _by_license(library)
    for license_id, clauses in grouped.items():
        text = library.license(license_id)
        if text is not None:
            out.append(
                f"| [`{license_id}`](#{_anchor(license_id)}) | [{text.name}]({text.text}) "
                f"| {text.version} | {len(clauses)} |"
            )
    for license_id, clauses in grouped.items():
        text = library.license(license_id)
        if text is None:
            continue
        out += ["", f"## {license_id}", "", f"[{text.name}]({text.text}), {text.version}.", ""]
        if text.out_of_reach:
            out += ["**Out of reach** (no manifest fact decides these; review them by hand):", ""]
            out += [f"- {item}" for item in text.out_of_reach]
            out.append("")
        for info in clauses:
            out += [
                f"### `{info.id}` — {info.title}",
                "",
                f"- **Section:** {info.section}",
                f'- **Text:** "{info.quote}" ([source]({info.source}))',
                f"- **Applies when:** {trigger_of(info)}",
                f"- **Satisfied by:** {satisfied_by(info)}",
                f"- **Remediation:** {info.remediation}",
                f"- **Policy:** `policies/{info.file}:{info.line}`",
                "",
            ]
    reasons = unsupported(library)
    if reasons:
        out += ["## Not supported", "", "| license | why |", "|---|---|"]
        out += [f"| `{key}` | {reason} |" for key, reason in reasons.items()]
    return "\n".join(out).rstrip() + "\n"


def _anchor(license_id: str) -> str:
    return license_id.replace(".", "").replace("+", "")


def explain_text(info: ClauseInfo, library: PolicyLibrary) -> str:
    """`licensegate explain CLAUSE`."""
    text = library.license(info.license)
    lines = [f"{info.id}: {info.title}"]
    if text is not None:
        lines.append(f"license:      {text.name} ({text.version})")
    lines.append(f"section:      {info.section}")
    if info.quote:
        lines.append(f'quote:        "{info.quote}"')
    lines += [
        f"source:       {info.source}",
        f"about:        {info.description}",
        f"applies when: {trigger_of(info)}",
        f"satisfied by: {satisfied_by(info)}",
        f"remediation:  {info.remediation}",
        f"policy:       policies/{info.file}:{info.line}",
    ]
    if text is not None and text.out_of_reach:
        lines.append(f"out of reach in {text.id} (review by hand):")
        lines += [f"  - {item}" for item in text.out_of_reach]
    return "\n".join(lines) + "\n"
