"""The legal review document: one manifest explained for counsel, in Markdown or HTML.

`licensegate review MANIFEST` builds a :class:`Document` from the manifest, its checked result
and the policy library, and renders it. The document is written for a reader who does not read
YAML: the deployment in plain words, per model the license text and its version, every
applicable clause with its status, section, quote and link, the obligations to fulfil (what to
display where, which files to ship), the attestations and waivers (who, when, until when), the
sign-off history, and a record block with the manifest digest, policy digest and tool version.

Both renderers read the same small block model (headings, paragraphs, lists, tables, quotes),
so the HTML needs nothing beyond the standard library. Output is deterministic for a given
evaluation date (``--date``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensegate import __version__
from licensegate.formats.markdown import code as md_code
from licensegate.formats.markdown import escape as md_escape
from licensegate.formats.markdown import link as md_link
from licensegate.levels import level_of, warning_level
from licensegate.manifest import Manifest
from licensegate.policy import PolicyLibrary
from licensegate.report import STATUS_ORDER, ClauseResult, ManifestResult, Status
from licensegate.signoff import SignOff

# ---------------------------------------------------------------------------------------------
# The block model


@dataclass(frozen=True)
class Code:
    """Inline code: a manifest field, a clause id, a digest."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold text."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link; the label is plain text."""

    label: str
    url: str


Inline = str | Code | Strong | Link
Line = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """A section heading, level 1 to 4."""

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph."""

    parts: Line


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, one line per item."""

    items: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True)
class Quote:
    """A quotation of license text."""

    text: str


Block = Heading | Para | Bullets | Table | Quote


@dataclass
class Document:
    """A titled sequence of blocks."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        """Append blocks in order."""
        self.blocks.extend(blocks)


# ---------------------------------------------------------------------------------------------
# Plain words for manifest values

_MONTHS = (
    "January February March April May June July August September October November December"
).split()

_COUNTRIES = {
    "AT": "Austria", "AU": "Australia", "BE": "Belgium", "BG": "Bulgaria", "BR": "Brazil",
    "CA": "Canada", "CH": "Switzerland", "CN": "China", "CY": "Cyprus", "CZ": "Czechia",
    "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland",
    "FR": "France", "GB": "the United Kingdom", "GR": "Greece", "HR": "Croatia",
    "HU": "Hungary", "IE": "Ireland", "IL": "Israel", "IN": "India", "IS": "Iceland",
    "IT": "Italy", "JP": "Japan", "KR": "South Korea", "LI": "Liechtenstein",
    "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MT": "Malta", "MX": "Mexico",
    "NL": "the Netherlands", "NO": "Norway", "NZ": "New Zealand", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "SE": "Sweden", "SG": "Singapore", "SI": "Slovenia",
    "SK": "Slovakia", "TW": "Taiwan", "UA": "Ukraine", "US": "the United States",
    "ZA": "South Africa",
}  # fmt: skip

_ENVIRONMENT = {
    "production": "in production",
    "staging": "in staging (a pre-production environment)",
    "research": "a research project",
    "evaluation": "an evaluation",
}
_AUDIENCE = {
    "internal": "only people inside the organisation",
    "customers": "the organisation's customers",
    "public": "the general public",
}
_WHERE = {
    "website": "on a website",
    "user-interface": "in the user interface",
    "blogpost": "in a blog post",
    "about-page": "on the about page",
    "documentation": "in the product documentation",
}
_USES = {
    "inference": "running it to serve requests (inference)",
    "fine-tuning": "fine-tuning it into a new model",
    "distillation-teacher": "using its outputs to train another model (distillation)",
    "synthetic-data": "generating synthetic training data with it",
    "training-feedback": "using its outputs as a reward or judge signal in training",
    "evaluation": "evaluating it",
}
_RELEASE = {
    "none": "not released: used inside the organisation only",
    "api": "offered to others as a service (API)",
    "weights": "released with its weights published",
}
_STATUS_WORDS = {
    "violated": "Violated",
    "missing-facts": "Facts missing",
    "needs-attestation": "Needs a person's attestation",
    "satisfied": "Satisfied",
    "waived": "Waived",
}

DISPLAY_CLAUSES = ("attribution-display", "ui-attribution-threshold")
"""Clauses about what to show users, and where."""
FILE_CLAUSES = ("license-copy", "notice-file", "modified-files-notice")
"""Clauses about files that go with distributed weights."""
DUTY_CLAUSES = (
    "derivative-naming",
    "use-restrictions-flowdown",
    "acceptable-use",
    "output-use",
    "guardrails",
    "commercial-registration",
)
"""Other lasting duties the licenses attach to the deployment."""


def country(code_: str) -> str:
    """``US`` -> ``the United States (US)``; unknown codes stay as they are."""
    name = _COUNTRIES.get(code_.upper())
    return f"{name} ({code_})" if name else f"the country with code {code_}"


def number(value: Any) -> str:
    """Thousands separated: 3200000 -> 3,200,000."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def month(key: str) -> str:
    """``2024-06`` -> ``June 2024``."""
    try:
        year, index = key.split("-")
        return f"{_MONTHS[int(index) - 1]} {year}"
    except (ValueError, IndexError):
        return key


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _yes_no(value: Any, yes: str, no: str, unknown: str) -> str:
    if value is True:
        return yes
    if value is False:
        return no
    return unknown


def _per_license(value: Any, yes: str, no: str, unknown: str) -> str:
    """A per-license fact (true, false or a list of license ids) in words."""
    if isinstance(value, list):
        if not value:
            return no
        return f"{yes.rstrip('.')}, for {_join(value)} only."
    return _yes_no(value, yes, no, unknown)


def _ways(release: Any) -> list[str]:
    """A derived model's release, a single value or a list, as a list."""
    return [release] if isinstance(release, str) else list(release or [])


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------------
# Building the document


@dataclass(frozen=True)
class ReviewInput:
    """Everything the document is made from."""

    manifest: Manifest
    result: ManifestResult
    library: PolicyLibrary
    policy_digest: str
    today: dt.date
    signoffs: Sequence[SignOff] = ()
    strict: bool = False


def build(data: ReviewInput) -> Document:
    """The review document for one manifest."""
    manifest = data.manifest.data
    name = manifest["metadata"]["name"]
    doc = Document(f"License review: {name}")
    doc.add(
        Para(
            (
                f"Generated by licensegate {__version__} on {data.today.isoformat()} from the "
                "deployment manifest ",
                Code(data.result.manifest),
                ". It describes the deployment, the model licenses that apply to it, how each "
                "applicable clause of those licenses is judged, and what has to be done to comply. "
                "Names in code type are fields of the manifest or identifiers of licensegate.",
            )
        )
    )
    _verdict(doc, data)
    _deployment(doc, manifest, data.library)
    _assumptions(doc, data.result)
    _licenses(doc, data)
    _clauses(doc, data.result)
    _obligations(doc, data.result, manifest)
    _records(doc, manifest, data.today)
    _signoff(doc, data)
    _record_block(doc, data)
    return doc


def _status_label(clause: ClauseResult, strict: bool) -> str:
    icon = level_of(clause.status, strict).icon
    return f"{icon} {_STATUS_WORDS[clause.status.value]}"


def _verdict(doc: Document, data: ReviewInput) -> None:
    result = data.result
    doc.add(Heading(2, "Verdict"))
    failed = result.failed
    counts = ", ".join(f"{result.count(Status(status))} {status}" for status in STATUS_ORDER)
    text: list[Inline] = [Strong("FAIL" if failed else "PASS"), f" ({counts})."]
    if failed:
        text.append(" At least one clause is violated or lacks the facts to decide it.")
    else:
        text.append(" No clause is violated or lacks facts.")
    if result.count(Status.NEEDS_ATTESTATION):
        text.append(
            " Clauses that need a person's attestation fail the check."
            if result.strict
            else " Clauses that need a person's attestation are open until someone records one"
            " (they fail only under --strict)."
        )
    doc.add(Para(tuple(text)))
    open_items = [
        c for c in result.clauses if level_of(c.status, result.strict).name in ("fail", "review")
    ]
    if open_items:
        doc.add(Para(("Open items:",)))
        doc.add(
            Bullets(
                tuple(
                    (
                        Strong(_STATUS_WORDS[c.status.value]),
                        f": {c.title} ({c.license_name or c.license}, {c.section}), for ",
                        c.subject,
                        ".",
                    )
                    for c in open_items
                )
            )
        )
    if result.warnings:
        doc.add(Para(("Warnings:",)))
        doc.add(
            Bullets(
                tuple(
                    (f"{warning_level(w.blocking).icon} ", Code(w.code), f": {w.message}.")
                    for w in result.warnings
                )
            )
        )


def _deployment(doc: Document, manifest: dict[str, Any], library: PolicyLibrary) -> None:
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
            + f", {_ENVIRONMENT.get(product['environment'], product['environment'])}, "
            f"used by {_AUDIENCE.get(product['audience'], product['audience'])}.",
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
        facts.append((f"This product alone: {_join(product_figures)}.",))
    facts.append(
        (
            "Model weights leave the organisation (for download or on devices)."
            if product.get("ships_weights")
            else "The product does not hand model weights to anyone outside the organisation.",
        )
    )
    statements = product.get("attribution") or []
    if statements:
        shown = _join([f"“{s['text']}” {_WHERE.get(s['where'], s['where'])}" for s in statements])
        facts.append((f"Shown to users: {shown}.",))
    else:
        facts.append(("No attribution statement is shown to users.",))
    facts.append(
        (
            _per_license(
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
            _per_license(
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
        uses = [_USES.get(u, u) for u in model["uses"]]
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
                parts.append(f"built from the weights of {_join(entry['base_models'])}")
            if entry.get("trained_on_outputs_of"):
                parts.append(f"trained on outputs of {_join(entry['trained_on_outputs_of'])}")
            parts.append(_join([_RELEASE.get(way, way) for way in _ways(entry["release"])]))
            if entry.get("llm", True) is False:
                parts.append("not a large language model")
            parts.append(
                _yes_no(
                    entry.get("modified_files_marked"),
                    "modified files carry notices that they were changed",
                    "modified files do not carry notices that they were changed",
                    "whether modified files are marked as changed is not stated",
                )
            )
            items.append((Strong(entry["name"]), ": " + "; ".join(parts) + "."))
        doc.add(Bullets(tuple(items)))


def _assumptions(doc: Document, result: ManifestResult) -> None:
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
            tuple((Code(clause_id), ": " + _sentence(message)) for clause_id, message in stand_ins)
        )
    )


def _licenses(doc: Document, data: ReviewInput) -> None:
    doc.add(Heading(2, "Licenses"))
    subjects: dict[str, list[str]] = {}
    for clause in data.result.clauses:
        names = subjects.setdefault(clause.license, [])
        if clause.subject not in names:
            names.append(clause.subject)
    judged = [lic for lic in subjects if lic != "licensegate"]
    if not judged:
        doc.add(Para(("No license text that licensegate encodes applies to this deployment.",)))
    for license_id in judged:
        info = data.library.license(license_id)
        title = info.name if info else license_id
        doc.add(Heading(3, title))
        items: list[Line] = [("Identifier: ", Code(license_id))]
        if info is not None:
            items.append((f"Version: {info.version}",))
            items.append(("Text: ", Link(info.text, info.text)))
        items.append(("Applies to: ", _join(subjects[license_id]), "."))
        doc.add(Bullets(tuple(items)))
    if "licensegate" in subjects:
        # The built-in clauses (unknown-model, unsupported-license, undeclared-model,
        # license-conflict): whichever this manifest met, by name.
        builtin = sorted({c.id for c in data.result.clauses if c.license == "licensegate"})
        builtin_names: list[Any] = []
        for index, clause_id in enumerate(builtin):
            if index:
                builtin_names.append(" and " if index == len(builtin) - 1 else ", ")
            builtin_names.append(Code(clause_id))
        doc.add(
            Para(
                (
                    "licensegate could not judge some models, or the repository does not match "
                    "the manifest (see ",
                    *builtin_names,
                    "): review them by hand.",
                )
            )
        )


def _clause_blocks(clause: ClauseResult, strict: bool) -> list[Block]:
    blocks: list[Block] = [Heading(4, f"{_status_label(clause, strict)}: {clause.title}")]
    license_name = clause.license_name or clause.license
    items: list[Line] = [
        (
            "Clause ",
            Code(clause.id),
            f" of the {license_name}, {clause.section} (",
            Link("license text", clause.source),
            ").",
        ),
    ]
    blocks.append(Bullets(tuple(items)))
    if clause.quote:
        blocks.append(Quote(clause.quote))
    # NOTE: an attestation's who, when and statement are already in the finding's message.
    details: list[Line] = [("Finding: ", _sentence(clause.message))]
    waiver = clause.extra.get("waiver")
    if isinstance(waiver, dict):
        details.append(
            (
                f"Waived (the waiver stops applying on {waiver.get('expires', '?')}), approved by "
                f"{waiver.get('approved_by', '?')}: {_sentence(str(waiver.get('reason', '')))}",
            )
        )
    if clause.status not in (Status.SATISFIED, Status.WAIVED):
        details.append((Strong("What to do:"), " ", clause.remediation))
    where = f" (line {clause.line})" if clause.line else ""
    details.append(
        ("Decided by the manifest field ", Code(clause.path or "(whole manifest)"), f"{where}.")
    )
    blocks.append(Bullets(tuple(details)))
    return blocks


def _clauses(doc: Document, result: ManifestResult) -> None:
    doc.add(Heading(2, "Clauses"))
    doc.add(
        Para(
            (
                "Every clause that applies, per model. Statuses: violated (the facts breach the "
                "clause), facts missing (a fact needed to decide it is not stated), needs a "
                "person's attestation (only a person can judge it), satisfied, waived (an "
                "approved, unexpired exception covers it).",
            )
        )
    )
    by_subject: dict[str, list[ClauseResult]] = {}
    for clause in result.clauses:
        by_subject.setdefault(clause.subject, []).append(clause)
    for subject, clauses in by_subject.items():
        doc.add(Heading(3, subject))
        for clause in clauses:
            doc.add(*_clause_blocks(clause, result.strict))
    if not result.clauses:
        doc.add(Para(("No clause applies.",)))


def _obligation_items(
    clauses: Iterable[ClauseResult], names: Sequence[str], strict: bool
) -> tuple[Line, ...]:
    grouped: dict[str, list[ClauseResult]] = {}
    for clause in clauses:
        if clause.clause in names:
            grouped.setdefault(clause.id, []).append(clause)
    items: list[Line] = []
    for group in grouped.values():
        first = group[0]
        statuses = _join(sorted({_status_label(c, strict) for c in group}, key=lambda s: s))
        items.append(
            (
                Strong(first.title),
                f" ({first.license_name or first.license}, {first.section}), for "
                f"{_join([c.subject for c in group])}. Today: {statuses}. How: "
                f"{first.remediation}",
            )
        )
    return tuple(items)


def _obligations(doc: Document, result: ManifestResult, manifest: dict[str, Any]) -> None:
    doc.add(Heading(2, "Obligations to fulfil"))
    doc.add(
        Para(
            (
                "Duties the licenses attach to this deployment, whatever their status today: "
                "they have to stay true for as long as the deployment runs.",
            )
        )
    )
    sections = (
        ("What to display, and where", DISPLAY_CLAUSES, "No applicable clause asks for a display."),
        (
            "Which files to ship with distributed weights",
            FILE_CLAUSES,
            "No applicable clause asks for files to go with the weights.",
        ),
        ("Other duties", DUTY_CLAUSES, "No other duty applies."),
    )
    for title, names, none in sections:
        doc.add(Heading(3, title))
        items = _obligation_items(result.clauses, names, result.strict)
        doc.add(Bullets(items) if items else Para((none,)))
        if names is DISPLAY_CLAUSES and manifest["product"].get("attribution"):
            shown = _join(
                [
                    f"“{s['text']}” {_WHERE.get(s['where'], s['where'])}"
                    for s in manifest["product"]["attribution"]
                ]
            )
            doc.add(Para((f"The manifest declares: {shown}.",)))
        if names is FILE_CLAUSES and manifest["product"].get("notice_file"):
            doc.add(
                Para(
                    (
                        "The manifest names the Notice file ",
                        Code(str(manifest["product"]["notice_file"])),
                        ".",
                    )
                )
            )


def _subject_of(record: dict[str, Any]) -> str:
    return str(record.get("subject") or "all models")


def _records(doc: Document, manifest: dict[str, Any], today: dt.date) -> None:
    doc.add(Heading(2, "Attestations and waivers"))
    doc.add(Heading(3, "Attestations"))
    attestations = manifest.get("attestations") or []
    if attestations:
        doc.add(
            Table(
                ("Clause", "Model", "By", "Date", "Statement"),
                tuple(
                    (
                        (Code(a["clause"]),),
                        (_subject_of(a),),
                        (a["by"],),
                        (str(a["date"]),),
                        (a["statement"],),
                    )
                    for a in attestations
                ),
            )
        )
    else:
        doc.add(Para(("None recorded.",)))
    doc.add(Heading(3, "Waivers"))
    waivers = manifest.get("waivers") or []
    if waivers:
        rows = []
        for w in waivers:
            try:
                days = (dt.date.fromisoformat(str(w["expires"])) - today).days
            except ValueError:
                days = 0
            if days <= 0:
                state = "expired: no longer applies"
            else:
                state = f"in force for {days} more day{'s' if days != 1 else ''}"
            rows.append(
                (
                    (Code(w["clause"]),),
                    (_subject_of(w),),
                    (w["reason"],),
                    (w["approved_by"],),
                    (str(w["expires"]),),
                    (state,),
                )
            )
        doc.add(
            Table(("Clause", "Model", "Reason", "Approved by", "Expires", "State"), tuple(rows))
        )
        doc.add(Para(("A waiver applies up to the day before its expiry date.",)))
    else:
        doc.add(Para(("None recorded.",)))


def _signoff(doc: Document, data: ReviewInput) -> None:
    doc.add(Heading(2, "Sign-off"))
    if not data.signoffs:
        doc.add(
            Para(
                (
                    "No sign-off recorded yet. After review, record one with ",
                    Code(f"licensegate sign-off {data.result.manifest} --by NAME"),
                    ".",
                )
            )
        )
        return
    rows = [
        (
            (entry.by,),
            (entry.at,),
            ("yes" if entry.manifest_digest == data.result.digest else "no, changed since",),
            ("yes" if entry.policy_digest == data.policy_digest else "no, changed since",),
            (entry.note or "",),
        )
        for entry in data.signoffs
    ]
    doc.add(Table(("By", "When (UTC)", "Same manifest", "Same policies", "Note"), tuple(rows)))
    latest = data.signoffs[-1]
    current = (
        latest.manifest_digest == data.result.digest and latest.policy_digest == data.policy_digest
    )
    doc.add(
        Para(
            (
                "The latest sign-off covers exactly this manifest and these policies."
                if current
                else "The manifest or the policies changed after the latest sign-off: it needs "
                "a new one.",
            )
        )
    )


def _record_block(doc: Document, data: ReviewInput) -> None:
    doc.add(Heading(2, "Record"))
    rows = (
        (("Manifest",), (Code(data.result.manifest),)),
        (("Manifest digest",), (Code(data.result.digest),)),
        (("Policy digest",), (Code(data.policy_digest),)),
        (("Tool",), (f"licensegate {__version__}",)),
        (("Evaluated as of",), (data.today.isoformat(),)),
        (("Strict",), ("yes" if data.strict else "no",)),
    )
    doc.add(Table(("Item", "Value"), rows))
    doc.add(
        Para(
            (
                "The digests identify exactly what was reviewed: a sign-off records them, and ",
                Code("licensegate check"),
                " warns when either changes afterwards.",
            )
        )
    )


def prepare(
    path: str | Path,
    library: PolicyLibrary,
    *,
    strict: bool = False,
    today: dt.date | None = None,
) -> ReviewInput:
    """Check one manifest and gather what its review document needs.

    Raises:
        LicensegateError: The manifest has no verdict, or its sign-off record is unreadable.
    """
    from licensegate import api
    from licensegate.errors import ManifestError
    from licensegate.manifest import load_manifest
    from licensegate.signoff import assess, read_signoffs, signoff_path

    day = today or dt.date.today()
    report = api.check([Path(path)], strict=strict, library=library, today=day)
    if report.errors:
        error = report.errors[0]
        raise ManifestError(error.manifest, error.message, error.line)
    report = assess(report, today=day)
    (result,) = report.results
    return ReviewInput(
        manifest=load_manifest(path),
        result=result,
        library=library,
        policy_digest=report.policy_digest,
        today=day,
        signoffs=read_signoffs(signoff_path(result.manifest)),
        strict=strict,
    )


# ---------------------------------------------------------------------------------------------
# Renderers


def _md_inline(parts: Line) -> str:
    out = []
    for part in parts:
        if isinstance(part, Code):
            out.append(md_code(part.text))
        elif isinstance(part, Strong):
            out.append(f"**{md_escape(part.text)}**" if part.text.strip() else "")
        elif isinstance(part, Link):
            out.append(md_link(md_escape(part.label), part.url))
        else:
            out.append(_md_text(part))
    return "".join(out)


def _md_text(text: str) -> str:
    """Escaped plain text that keeps a space at either end (inline parts are joined)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + md_escape(text) + trail


def render_markdown(doc: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    lines = [f"# {md_escape(doc.title)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * block.level} {md_escape(block.text)}", ""]
        elif isinstance(block, Para):
            lines += [_md_inline(block.parts), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md_inline(item)}" for item in block.items] + [""]
        elif isinstance(block, Quote):
            lines += [f"> “{md_escape(block.text)}”", ""]
        else:
            lines.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += [
                "| " + " | ".join(_md_inline(cell) for cell in row) + " |" for row in block.rows
            ]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _html_inline(parts: Line) -> str:
    out = []
    for part in parts:
        if isinstance(part, Code):
            out.append(f"<code>{html.escape(part.text)}</code>")
        elif isinstance(part, Strong):
            out.append(f"<strong>{html.escape(part.text)}</strong>")
        elif isinstance(part, Link):
            # NOTE: only web links become links: a policy's source could be any string.
            if part.url.startswith(("https://", "http://")):
                url = html.escape(part.url, quote=True)
                out.append(f'<a href="{url}">{html.escape(part.label)}</a>')
            else:
                out.append(html.escape(part.label))
        else:
            out.append(html.escape(part))
    return "".join(out)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1b1b1b}"
    "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
    "text-align:left;vertical-align:top}"
    "blockquote{margin:.5rem 0 .5rem 1rem;padding-left:1rem;border-left:4px solid #ccc;"
    "color:#444}code{background:#f3f3f3;padding:0 .2rem;word-break:break-all}"
    "h4{margin-bottom:.2rem}"
)


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page (inline CSS, no scripts, no fetches)."""
    title = html.escape(doc.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            out.append(f"<p>{_html_inline(block.parts)}</p>")
        elif isinstance(block, Bullets):
            out.append("<ul>")
            out += [f"<li>{_html_inline(item)}</li>" for item in block.items]
            out.append("</ul>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote>“{html.escape(block.text)}”</blockquote>")
        else:
            out.append("<table>")
            out.append(
                "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in block.header) + "</tr>"
            )
            out += [
                "<tr>" + "".join(f"<td>{_html_inline(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            ]
            out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
