"""Generate realistic licensegate manifests for benchmarks and batch tests.

The mix: every license the library supports, each through the catalog models published under it
(one to three listed models per manifest, mostly one), with products that range from internal
research to public APIs and downloadable weights, derived models for a third of them (fine-tunes,
distillations, named well or badly), MAU figures on both sides of the 700M test, attribution
shown or not, attestations and waivers (some expired), a NOTICE file in every folder (named by
a quarter of the products), a few models the catalog does not know, and a few non-commercial
(cc-by-nc-4.0) models used for evaluation. About 14% pass (1,000 manifests, seed 5, checked on
2026-11-29): most fail on a missing fact or attestation, as first drafts do.

Deterministic for a seed. Used by the benchmarks (`bench/batch.py` with 10,000 manifests,
`bench/stages.py`, `bench/engines.py`) and by `tests/test_batch.py` and
`tests/test_parity_corpus.py`.

    python bench/generate.py OUT_DIR [COUNT] [SEED]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

PER_FOLDER = 100
"""Manifests per sub-folder (a monorepo has many folders, not one huge one)."""

USES = ["inference", "fine-tuning", "distillation-teacher", "synthetic-data", "evaluation"]
ATTRIBUTION = ["Built with Llama", "Built with Meta Llama 3", "Powered by Qwen", "Built with Gemma"]


def _catalog_by_license(library: Any) -> dict[str, list[dict[str, Any]]]:
    """Catalog models whose every license the library can judge, by (sorted) license set."""
    supported = set(library.licenses)
    models: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(library.catalog):
        entry = library.catalog[key]
        licenses = entry["licenses"]
        if licenses and set(licenses) <= supported:
            models.setdefault(",".join(sorted(licenses)), []).append(dict(entry))
    return models


def _yaml(value: Any, indent: int = 0) -> str:
    """A small YAML writer: enough for manifests (strings are always quoted)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{_key(key)}:")
                lines.append(_yaml(item, indent + 2))
            else:
                lines.append(f"{pad}{_key(key)}: {_scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict):
                first = _yaml(item, indent + 2).lstrip()
                lines.append(f"{pad}- {first}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def _key(key: str) -> str:
    return key if key.replace("_", "").isalpha() else _scalar(key)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[]"
    if isinstance(value, dict):
        return "{}"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def manifest(rng: random.Random, index: int, models: dict[str, list[dict[str, Any]]],
             clauses: set[str]) -> dict[str, Any]:  # fmt: skip
    """One manifest as a dict."""
    license_sets = sorted(models)
    count = rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
    listed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(count):
        entry = rng.choice(models[rng.choice(license_sets)])
        if entry["id"].lower() in seen:
            continue
        seen.add(entry["id"].lower())
        uses = sorted(rng.sample(USES, rng.choices([1, 2, 3], weights=[60, 30, 10])[0]))
        model: dict[str, Any] = {"id": entry["id"], "uses": uses}
        if rng.random() < 0.3:
            model["license"] = (
                entry["licenses"][0] if len(entry["licenses"]) == 1 else entry["licenses"]
            )
        if rng.random() < 0.05:
            model["guardrails_modified"] = True
        listed.append(model)
    roll = rng.random()
    if roll < 0.02:  # a model the catalog does not know, license stated
        listed.append(
            {"id": f"acme/internal-model-{index}", "license": "apache-2.0", "uses": ["inference"]}
        )
    elif roll < 0.03:  # a model the catalog does not know, license not stated
        listed.append({"id": f"someone/mystery-{index}", "uses": ["inference"]})
    elif roll < 0.04:  # a non-commercial license (judged since the CC-BY-NC package)
        listed.append(
            {"id": f"someone/nc-model-{index}", "license": "cc-by-nc-4.0", "uses": ["evaluation"]}
        )

    audience = rng.choice(["internal", "customers", "public"])
    environment = rng.choices(
        ["production", "staging", "research", "evaluation"], weights=[55, 15, 20, 10]
    )[0]
    licensee_mau = rng.choice([0, 1200, 350_000, 4_000_000, 90_000_000, 650_000_000, 900_000_000])
    licensee: dict[str, Any] = {
        "name": f"Org {index % 997}",
        "domicile": rng.choice(["US", "US", "GB", "DE", "FR", "JP", "IN", "CA", "CN", "BR"]),
    }
    if rng.random() < 0.95:
        licensee["monthly_active_users"] = licensee_mau
    if rng.random() < 0.2:
        licensee["mau_history"] = {"2024-06": licensee_mau // 2, "2024-03": licensee_mau // 3}
    product: dict[str, Any] = {
        "commercial": rng.random() < 0.75,
        "environment": environment,
        "audience": audience,
    }
    if rng.random() < 0.5:
        # A product's users are among the licensee's: never more (DESIGN.md §2.1 rule 3).
        figure = rng.choice([100, 20_000, 3_000_000, 150_000_000])
        product["monthly_active_users"] = min(figure, licensee.get("monthly_active_users", figure))
    if rng.random() < 0.2:
        revenue = rng.choice([0, 5_000, 250_000, 30_000_000])
        product["monthly_revenue_usd"] = revenue if product["commercial"] else 0
    if rng.random() < 0.15 and any("inference" in model["uses"] for model in listed):
        product["ships_weights"] = True
    if rng.random() < 0.5:
        product["attribution"] = [
            {"text": rng.choice(ATTRIBUTION),
             "where": rng.choice(["website", "user-interface", "about-page", "documentation"])}
        ]  # fmt: skip
    if rng.random() < 0.5:
        product["license_copies_included"] = rng.random() < 0.8
    if rng.random() < 0.25:
        product["notice_file"] = "NOTICE"
    if rng.random() < 0.4:
        product["user_terms_include_use_restrictions"] = rng.random() < 0.8

    document: dict[str, Any] = {
        "apiVersion": "licensegate/v1",
        "kind": "Deployment",
        "metadata": {"name": f"deployment-{index}", "owner": "ml-platform@acme.example"},
        "licensee": licensee,
        "product": product,
        "models": listed,
    }
    catalogued = [
        m
        for m in listed
        if "/internal-model-" not in m["id"]
        and "/mystery-" not in m["id"]
        and "/nc-model-" not in m["id"]
    ]
    if catalogued and rng.random() < 0.33:
        base = rng.choice(catalogued)["id"]
        derived: dict[str, Any] = {
            "name": rng.choice(
                [f"Llama-Acme-{index}", f"acme-assistant-{index}", f"Qwen-Acme-{index}"]
            ),
            "release": rng.choice(["none", "api", "weights"]),
        }
        if rng.random() < 0.7:
            derived["base_models"] = [base]
        else:
            derived["trained_on_outputs_of"] = [base]
        if rng.random() < 0.3:
            derived["modified_files_marked"] = rng.random() < 0.7
        document["derived_models"] = [derived]
    attestations = []
    waivers = []
    for model in catalogued:
        license_id = model.get("license")
        if not isinstance(license_id, str):
            license_id = _license_of(model, models)
        aup = f"{license_id}:acceptable-use"
        if aup in clauses and rng.random() < 0.6:
            attestations.append(
                {"clause": aup, "subject": model["id"], "by": "counsel@acme.example",
                 "date": "2026-10-01", "statement": "Reviewed against the AUP."}
            )  # fmt: skip
        mau = f"{license_id}:mau-threshold"
        if mau in clauses and licensee_mau > 700_000_000 and rng.random() < 0.5:
            waivers.append({"clause": mau, "subject": model["id"], "reason": "Separate agreement",
                            "approved_by": "counsel@acme.example",
                            "expires": rng.choice(["2027-06-30", "2026-01-31"])})  # fmt: skip
    if attestations:
        document["attestations"] = attestations
    if waivers:
        document["waivers"] = waivers
    return document


def _license_of(model: dict[str, Any], models: dict[str, list[dict[str, Any]]]) -> str:
    for key, entries in models.items():
        if any(entry["id"] == model["id"] for entry in entries):
            return key.split(",")[0]
    return ""


NOTICE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, "
    "Copyright (c) Meta Platforms, Inc. All Rights Reserved.\n"
)


def generate(directory: Path, count: int, seed: int = 5, library: Any = None) -> list[Path]:
    """Write ``count`` manifests below ``directory``; returns their paths in check order."""
    if library is None:
        from licensegate import api

        library = api.load_library()
    rng = random.Random(seed)
    models = _catalog_by_license(library)
    clauses = set(library.clauses)
    paths: list[Path] = []
    for index in range(count):
        folder = directory / f"team-{index // PER_FOLDER:03d}"
        if index % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "NOTICE").write_text(NOTICE, encoding="utf-8")
        path = folder / f"service-{index:05d}.licensegate.yaml"
        path.write_text(_yaml(manifest(rng, index, models, clauses)) + "\n", encoding="utf-8")
        paths.append(path)
    return sorted(paths)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    written = generate(out, total, int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    print(f"{len(written)} manifests in {out}")
