"""Render docs/manifest.md, the manifest reference, from schemas/manifest.schema.json.

The schema is the single source: its descriptions feed both editor completion
(yaml-language-server) and this page. A test fails when the committed page is stale;
`make docs` rewrites it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from licensegate.resources import schemas_dir

HEADER = """\
# Manifest reference (`apiVersion: licensegate/v1`)

Generated from `schemas/manifest.schema.json` by `make docs`; do not edit by hand.
Unknown keys are errors everywhere; keys that start with `x-` are free for your own use.
Editors that speak yaml-language-server complete and check manifests when the file starts with
`# yaml-language-server: $schema=<path to schemas/manifest.schema.json>`.
"""


_DEFS: dict[str, Any] = {}


def _resolved(node: dict[str, Any]) -> dict[str, Any]:
    """A node with its local `$ref` (to `#/$defs/...`) merged in."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {
            **_resolved(_DEFS[ref.removeprefix("#/$defs/")]),
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def _type_of(node: dict[str, Any]) -> str:
    node = _resolved(node)
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        return " \\| ".join(f"`{value}`" for value in node["enum"])
    if "oneOf" in node or "anyOf" in node:
        return " or ".join(_type_of(option) for option in node.get("oneOf", node.get("anyOf", [])))
    kind = node.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array" and isinstance(node.get("items"), dict):
        return f"list of {_type_of(node['items'])}"
    if kind == "string" and node.get("format"):
        return f"string ({node['format']})"
    if kind == "string" and node.get("pattern"):
        return f"string matching `{node['pattern']}`"
    if kind == "integer" and node.get("minimum") == 0:
        return "integer, 0 to 2^53 − 1" if node.get("maximum") == 2**53 - 1 else "integer ≥ 0"
    return str(kind)


def _rows(node: dict[str, Any], prefix: str, out: list[str]) -> None:
    required = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        child = _resolved(child)
        if name == "$schema":
            continue
        path = f"{prefix}{name}"
        description = " ".join(str(child.get("description", "")).split())
        mark = "yes" if name in required else ""
        out.append(f"| `{path}` | {_type_of(child)} | {mark} | {description} |")
        if child.get("type") == "object":
            _rows(child, f"{path}.", out)
        items = _resolved(child["items"]) if isinstance(child.get("items"), dict) else None
        if isinstance(items, dict) and items.get("type") == "object":
            _rows(items, f"{path}[].", out)
        if isinstance(child.get("additionalProperties"), dict) and child.get("type") == "object":
            value = child["additionalProperties"]
            meaning = " ".join(str(value.get("description", "")).split())
            out.append(f"| `{path}.<key>` | {_type_of(value)} | | {meaning} |")


def render(schema_path: Path | None = None) -> str:
    """The Markdown page for the manifest schema."""
    path = schema_path or schemas_dir() / "manifest.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    _DEFS.clear()
    _DEFS.update(schema.get("$defs", {}))
    lines = [HEADER, "| field | type | required | meaning |", "|---|---|---|---|"]
    _rows(schema, "", lines)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
