"""Generate schemas/input.schema.json: the input document the policies receive (DESIGN.md §8).

The input is built by facts.build_input from a validated manifest, so its `manifest` part is the
manifest schema with what the harness changes applied: `x-` keys removed, the documented
defaults filled in (so those fields are always present), and `derived_models[].release` always a
list. Deriving it from the manifest schema keeps the two from drifting; `make generate` writes
it and a test fails when the committed copy is stale.
"""

from __future__ import annotations

import copy
import json
from typing import Any

SCHEMA_ID = "urn:licensegate:schema:input:v1"

# Fields facts._with_defaults always fills, by their place in the manifest schema.
_ALWAYS_PRESENT = {
    (): ("derived_models", "attestations", "waivers"),
    ("product",): ("ships_weights", "attribution"),
    ("derived_models", "items"): ("base_models", "trained_on_outputs_of", "llm"),
}


def _without_user_keys(node: Any) -> Any:
    """The `^x-` pattern properties dropped: the harness removes those keys before evaluation."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "patternProperties" and isinstance(value, dict):
                value = {k: v for k, v in value.items() if k != "^x-"}
                if not value:
                    continue
            result[key] = _without_user_keys(value)
        return result
    if isinstance(node, list):
        return [_without_user_keys(item) for item in node]
    return node


def _at(schema: dict[str, Any], place: tuple[str, ...]) -> dict[str, Any]:
    node = schema
    for part in place:
        node = node["properties"][part] if part != "items" else node["items"]
    return node


def render(manifest_schema: dict[str, Any]) -> dict[str, Any]:
    """The input schema, from the manifest schema."""
    manifest = _without_user_keys(copy.deepcopy(manifest_schema))
    definitions = manifest.pop("$defs")
    for key in ("$schema", "$id", "title"):
        manifest.pop(key, None)
    manifest["description"] = (
        "The manifest as validated, without x- keys and with the documented defaults filled in."
    )
    for place, fields in _ALWAYS_PRESENT.items():
        node = _at(manifest, place)
        node["required"] = [*node.get("required", []), *fields]
    release = _at(manifest, ("derived_models", "items"))["properties"]["release"]
    (as_list,) = [choice for choice in release.pop("oneOf") if choice.get("type") == "array"]
    release.update(as_list)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "licensegate policy input",
        "description": (
            "The document data.licensegate.main.findings (and .decision, and org.* policies) "
            "evaluate for one "
            "manifest; `licensegate input MANIFEST` prints it. Generated from "
            "manifest.schema.json by `make generate`; do not edit by hand."
        ),
        "type": "object",
        "required": ["manifest", "today", "upstream", "files", "folded"],
        "additionalProperties": False,
        "properties": {
            "manifest": manifest,
            "today": {
                "description": "The evaluation day (check --date, default today).",
                "$ref": "#/$defs/date",
            },
            "upstream": {
                "description": (
                    "For each derived model (by name), the listed models upstream of it and "
                    "whether their weights or only their outputs reached it."
                ),
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["model", "via"],
                        "additionalProperties": False,
                        "properties": {
                            "model": {"$ref": "#/$defs/modelId"},
                            "via": {"enum": ["weights", "outputs"]},
                        },
                    },
                },
            },
            "nonce": {
                "description": (
                    "Added by the engines to each request only (not by `licensegate input`): a "
                    "fresh random string that data.licensegate.main.decision echoes, so an "
                    "answer made for another request is refused (DESIGN.md §6)."
                ),
                "type": "string",
            },
            "files": {
                "description": "Files the manifest names, read by the harness (size-capped).",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "notice_file": {
                        "type": "object",
                        "required": ["path", "exists", "utf8", "text"],
                        "additionalProperties": False,
                        "properties": {
                            "path": {"type": "string"},
                            "exists": {"type": "boolean"},
                            "utf8": {"type": "boolean"},
                            "text": {
                                "description": "Whitespace and typographic quotes normalised.",
                                "type": "string",
                            },
                        },
                    }
                },
            },
            "scan": {
                "description": (
                    "Only with `check --scan DIR` (DESIGN.md §7): the models the repository "
                    "names, and the model cards and GGUF headers found, each with where."
                ),
                "type": "object",
                "required": ["root", "models", "cards"],
                "properties": {
                    "root": {"type": "string"},
                    "models": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "key", "evidence", "evidence_count"],
                            "properties": {
                                "id": {"type": "string"},
                                "key": {"description": "The id lowercased.", "type": "string"},
                                "evidence": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {"$ref": "#/$defs/scanEvidence"},
                                },
                                "evidence_count": {"type": "integer", "minimum": 1},
                            },
                        },
                    },
                    "cards": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "key", "licenses", "base_models", "evidence"],
                            "properties": {
                                "id": {"type": "string"},
                                "key": {"type": "string"},
                                "licenses": {"type": "array", "items": {"type": "string"}},
                                "base_models": {"type": "array", "items": {"type": "string"}},
                                "evidence": {"$ref": "#/$defs/scanEvidence"},
                            },
                        },
                    },
                    "lineage": {
                        "description": (
                            "Per listed model the catalog does not know (key: its id "
                            "lowercased), what its base_model chain through the cards says "
                            "(licensegate.scan.lineage). Lineage only adds licenses."
                        ),
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": [
                                "id",
                                "resolved",
                                "kind",
                                "problem",
                                "licenses",
                                "roots",
                                "chain",
                                "conflicts",
                                "evidence",
                            ],
                            "properties": {
                                "id": {"type": "string"},
                                "resolved": {"type": "boolean"},
                                "kind": {"enum": ["", "cycle", "too-long", "unknown-base"]},
                                "problem": {"type": "string"},
                                "licenses": {"type": "array", "items": {"type": "string"}},
                                "roots": {"type": "array", "items": {"type": "string"}},
                                "chain": {"type": "string"},
                                "conflicts": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["message", "evidence"],
                                        "properties": {
                                            "message": {"type": "string"},
                                            "evidence": {"$ref": "#/$defs/scanEvidence"},
                                        },
                                    },
                                },
                                "evidence": {"$ref": "#/$defs/scanEvidence"},
                            },
                        },
                    },
                },
            },
            "folded": {
                "description": (
                    "Manifest text in comparable form (NFKC, case-folded, whitespace "
                    "collapsed), one entry per product.attribution item, in order."
                ),
                "type": "object",
                "required": ["attribution"],
                "additionalProperties": False,
                "properties": {"attribution": {"type": "array", "items": {"type": "string"}}},
            },
        },
        "$defs": {
            **definitions,
            "scanEvidence": {
                "type": "object",
                "required": ["path", "line", "kind"],
                "properties": {
                    "path": {"type": "string"},
                    "line": {"type": "integer"},
                    "kind": {"type": "string"},
                },
            },
        },
    }


if __name__ == "__main__":
    from licensegate.resources import schemas_dir

    source = json.loads((schemas_dir() / "manifest.schema.json").read_text(encoding="utf-8"))
    print(json.dumps(render(source), indent=2, ensure_ascii=False))
