"""Build the input document the policies evaluate, from a loaded manifest.

The input is an envelope around the manifest (``input.manifest``) with what Rego cannot work
out for itself: the evaluation date, the Notice file's text, and for every derived model the
listed models upstream of it. Cross-field mistakes that a schema cannot see (a derived model
built from a model that is not listed, a waiver naming a clause that does not exist, a declared
license that contradicts the catalog) are reported here as manifest errors with their line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from licensegate.countries import domicile_problem
from licensegate.errors import ManifestError
from licensegate.manifest import Manifest
from licensegate.policy import PolicyLibrary

NOTICE_LIMIT = 1024 * 1024
"""Largest Notice file read (bytes); a bigger one is an error, not a silent truncation."""

_TYPOGRAPHIC = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def normalise_text(text: str) -> str:
    """Collapse whitespace and make typographic quotes straight, as quote checks do."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def build_input(
    manifest: Manifest, library: PolicyLibrary, today: dt.date | None = None
) -> dict[str, Any]:
    """The input document for one manifest; raises ManifestError on cross-field mistakes."""
    data = _with_defaults(_without_user_keys(manifest.data))
    _check_facts(manifest, data)
    _check_models(manifest, data, library)
    day = today or dt.date.today()
    _check_records(manifest, data, library, day)
    document: dict[str, Any] = {
        "manifest": data,
        "today": day.isoformat(),
        "upstream": _upstream(manifest, data),
        "files": {},
        "folded": {
            "attribution": [fold_text(item["text"]) for item in data["product"]["attribution"]]
        },
    }
    notice = data["product"].get("notice_file")
    if notice is not None:
        document["files"]["notice_file"] = _read_notice(manifest, notice)
    return document


def fold_text(text: str) -> str:
    """``text`` for case-insensitive comparison: NFKC, case-folded, whitespace collapsed.

    Rego's lower() differs between engines outside ASCII (OPA maps "İ" to "i", regorus to
    "i̇"), so the policies compare manifest text only in this folded form, against ASCII
    constants that they lower themselves.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _without_user_keys(value: Any) -> Any:
    """A copy of ``value`` without `x-` keys: they are the user's, never a fact the policies read.

    List positions are kept, so field paths (and their lines) stay valid.
    """
    if isinstance(value, dict):
        # NOTE: leaves (most of a manifest) are kept as they are without a call each: this
        # copy runs for every manifest.
        return {
            key: item if type(item) in _LEAVES else _without_user_keys(item)
            for key, item in value.items()
            if not (isinstance(key, str) and key.startswith("x-"))
        }
    if isinstance(value, list):
        return [item if type(item) in _LEAVES else _without_user_keys(item) for item in value]
    return value


_LEAVES = frozenset({str, int, float, bool, type(None)})
"""Exact types that _without_user_keys returns unchanged (subclasses take the long way)."""


def _with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Fill the defaults DESIGN.md §2 documents, so policies read one shape.

    Only facts whose absence the licenses make irrelevant get a default (DESIGN.md §2.1 rule 1):
    never guardrails_modified, multimodal, license_copies_included or the like.
    """
    product = data["product"]
    product.setdefault("ships_weights", False)
    product.setdefault("attribution", [])
    for derived in data.setdefault("derived_models", []):
        derived.setdefault("base_models", [])
        derived.setdefault("trained_on_outputs_of", [])
        derived.setdefault("llm", True)
        if isinstance(derived["release"], str):
            derived["release"] = [derived["release"]]
    data.setdefault("attestations", [])
    data.setdefault("waivers", [])
    return data


def _error(manifest: Manifest, path: tuple[str | int, ...], message: str) -> ManifestError:
    return ManifestError(manifest.path, message, manifest.line_of(path))


def _check_facts(manifest: Manifest, data: dict[str, Any]) -> None:
    """Facts checked against reality and against each other (DESIGN.md §2.1 rules 2 and 3)."""
    licensee, product = data["licensee"], data["product"]
    problem = domicile_problem(licensee["domicile"])
    if problem:
        raise _error(manifest, ("licensee", "domicile"), f"licensee.domicile: {problem}")
    # A territory clause (Tencent Hunyuan) reads these: EU, UK or an unassigned code must never
    # slip past it as "somewhere else".
    for index, code in enumerate(product.get("countries", [])):
        problem = domicile_problem(code)
        if problem:
            raise _error(manifest, ("product", "countries", index), f"product.countries: {problem}")
    product_mau = product.get("monthly_active_users")
    licensee_mau = licensee.get("monthly_active_users")
    if product_mau is not None and licensee_mau is not None and product_mau > licensee_mau:
        raise _error(
            manifest,
            ("product", "monthly_active_users"),
            f"product.monthly_active_users ({product_mau}) is greater than "
            f"licensee.monthly_active_users ({licensee_mau}), which counts every product of the "
            "licensee and its affiliates: correct one of them",
        )
    revenue = product.get("monthly_revenue_usd")
    if product["commercial"] is False and revenue is not None and revenue > 0:
        raise _error(
            manifest,
            ("product", "commercial"),
            f"product.commercial is false but product.monthly_revenue_usd is {revenue}: a product "
            "that earns revenue is commercial",
        )
    for index, derived in enumerate(data["derived_models"]):
        if "none" in derived["release"] and len(derived["release"]) > 1:
            others = ", ".join(way for way in derived["release"] if way != "none")
            raise _error(
                manifest,
                ("derived_models", index, "release"),
                f"release lists none together with {others}: a model released as a service or "
                "as weights is not internal",
            )
    if product["ships_weights"] is True:
        served = any("inference" in model["uses"] for model in data["models"])
        derived = data["derived_models"]
        unreleased = all(d["release"] == ["none"] for d in derived)
        if not served and unreleased:
            raise _error(
                manifest,
                ("product", "ships_weights"),
                "product.ships_weights is true, but no listed model runs in the product (uses: "
                "inference) and every derived model says release: none; say which weights leave "
                "the organisation",
            )


def _check_models(manifest: Manifest, data: dict[str, Any], library: PolicyLibrary) -> None:
    seen: dict[str, int] = {}
    for index, model in enumerate(data["models"]):
        key = model["id"].lower()
        if key in seen:
            raise _error(manifest, ("models", index, "id"), f"model {model['id']} is listed twice")
        seen[key] = index
        entry = library.catalog.get(key)
        stated = model.get("multimodal")
        if entry is not None and stated is not None and "multimodal" in entry:
            if stated != entry["multimodal"]:
                raise _error(
                    manifest,
                    ("models", index, "multimodal"),
                    f"multimodal: {str(stated).lower()} disagrees with the catalog, which has "
                    f"{model['id']} as {'multimodal' if entry['multimodal'] else 'text-only'}",
                )
        declared = model.get("license")
        if entry is None or declared is None:
            continue
        declared_set = {declared} if isinstance(declared, str) else set(declared)
        # NOTE: a catalog row may list earlier texts a licensee can have accepted instead
        # (MiniMax's January 2025 license); declaring one of those selects it.
        allowed = [set(entry["licenses"])]
        allowed += [set(alternative) for alternative in entry.get("alternative_licenses", [])]
        if declared_set not in allowed:
            raise _error(
                manifest,
                ("models", index, "license"),
                f"license {', '.join(sorted(declared_set))} disagrees with the catalog, which "
                f"has {model['id']} under {' or '.join(', '.join(sorted(a)) for a in allowed)}",
            )
    names: set[str] = set()
    for index, derived in enumerate(data["derived_models"]):
        name = derived["name"]
        if name.lower() in names or name.lower() in seen:
            raise _error(manifest, ("derived_models", index, "name"), f"name {name} is used twice")
        names.add(name.lower())
    for index, derived in enumerate(data["derived_models"]):
        for field in ("base_models", "trained_on_outputs_of"):
            for position, ref in enumerate(derived[field]):
                if ref.lower() not in seen and ref.lower() not in names:
                    raise _error(
                        manifest,
                        ("derived_models", index, field, position),
                        f"{ref} is neither a listed model (models[].id) nor a derived model name",
                    )


def _check_records(
    manifest: Manifest, data: dict[str, Any], library: PolicyLibrary, today: dt.date
) -> None:
    """Records that could hide a breach are errors (DESIGN.md §2.1 rule 10).

    A clause that does not exist would hide a typo; a subject-less waiver of a ``licensegate:*``
    clause would clear every model the library cannot judge, present and future; an attestation
    dated after the evaluation day states something nobody has yet attested.
    """
    for index, record in enumerate(data["waivers"]):
        if record["clause"].startswith("licensegate:") and not record.get("subject"):
            raise _error(
                manifest,
                ("waivers", index, "clause"),
                f"a waiver of {record['clause']} must name its subject (the model it covers): "
                "without one it would clear every model the library cannot judge",
            )
    for index, record in enumerate(data["attestations"]):
        if record["date"] > today.isoformat():
            raise _error(
                manifest,
                ("attestations", index, "date"),
                f"attestation dated {record['date']}, after the evaluation day "
                f"{today.isoformat()}; "
                "an attestation records what someone has already stated",
            )
    for field in ("attestations", "waivers"):
        for index, record in enumerate(data[field]):
            clause = record["clause"]
            if library.clause(clause) is None:
                close = _closest(clause, library.clauses)
                hint = f" (did you mean {close}?)" if close else ""
                raise _error(
                    manifest,
                    (field, index, "clause"),
                    f"{field[:-1]} names clause {clause}, which the library does not have{hint}; "
                    "see `licensegate licenses`",
                )


def _closest(clause: str, known: Any) -> str | None:
    import difflib

    matches = difflib.get_close_matches(clause, list(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _upstream(manifest: Manifest, data: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """For each derived model, the listed models upstream of it and how they reach it.

    An edge through ``trained_on_outputs_of`` anywhere on the way makes the reach "outputs":
    only outputs of that model went into the result. Cycles are manifest errors.

    The walk is iterative (a chain of thousands of derived models cannot exhaust the Python
    stack) and each derived model's reach is computed once (a lattice where every model builds
    on the two before it would otherwise cost Fibonacci-many walks): linear in the edges.
    """
    listed = {model["id"].lower(): model["id"] for model in data["models"]}
    derived = {d["name"].lower(): (i, d) for i, d in enumerate(data["derived_models"])}
    reached: dict[str, set[tuple[str, str]]] = {}

    def derived_refs(name: str) -> list[str]:
        model = derived[name][1]
        refs = [*model["base_models"], *model["trained_on_outputs_of"]]
        return [ref.lower() for ref in refs if ref.lower() not in listed]

    def combine(name: str) -> set[tuple[str, str]]:
        model = derived[name][1]
        edges: set[tuple[str, str]] = set()
        for field, via in (("base_models", "weights"), ("trained_on_outputs_of", "outputs")):
            for ref in model[field]:
                key = ref.lower()
                if key in listed:
                    edges.add((listed[key], via))
                    continue
                for upstream_id, upstream_via in reached[key]:
                    edges.add((upstream_id, "outputs" if via == "outputs" else upstream_via))
        return edges

    for start in derived:
        if start in reached:
            continue
        # Depth-first, post-order: `path` holds the models being walked, each with the
        # derived models it still has to visit; a model is finished once all of them are.
        path: list[str] = [start]
        pending = [iter(derived_refs(start))]
        on_path = {start}
        while path:
            child = next(pending[-1], None)
            if child is None:
                name = path.pop()
                pending.pop()
                on_path.discard(name)
                reached[name] = combine(name)
            elif child in on_path:
                loop = path[path.index(child) :] + [child]
                index, model = derived[child]
                raise _error(
                    manifest,
                    ("derived_models", index, "name"),
                    f"derived model {model['name']} is built from itself "
                    f"({' -> '.join(derived[key][1]['name'] for key in loop)})",
                )
            elif child not in reached:
                path.append(child)
                pending.append(iter(derived_refs(child)))
                on_path.add(child)
    return {
        model["name"]: [{"model": m, "via": v} for m, v in sorted(reached[key])]
        for key, (_, model) in derived.items()
    }


def _read_notice(manifest: Manifest, relative: str) -> dict[str, Any]:
    """The Notice file the manifest names, read only inside the manifest's folder (safe_read)."""
    from licensegate.safe_read import UnsafeRead, read_file

    base = Path(manifest.path).parent
    record: dict[str, Any] = {"path": relative, "exists": False, "utf8": True, "text": ""}
    if re.match(r"^(/|[A-Za-z]:)", relative) or ".." in Path(relative).parts:
        raise _error(
            manifest,
            ("product", "notice_file"),
            f"notice_file {relative} must be a path inside the manifest's folder",
        )
    try:
        raw = read_file(base / relative, root=base, limit=NOTICE_LIMIT)
    except FileNotFoundError:
        return record  # the policies report the missing file
    except UnsafeRead as err:
        raise _error(
            manifest, ("product", "notice_file"), f"notice_file {relative} {err}"
        ) from None
    record["exists"] = True
    try:
        record["text"] = normalise_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        # NOTE: the policies say "not UTF-8" instead of "does not contain the notice".
        record["utf8"] = False
        record["text"] = normalise_text(raw.decode("utf-8", errors="replace"))
    return record
