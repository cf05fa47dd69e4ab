"""Load a deployment manifest: parse YAML or JSON safely, map every field to its line, validate.

Hostile input ends in a :class:`ManifestError` quickly, with the line and column where known:

- the file is at most :data:`MAX_BYTES` and must be UTF-8 (a BOM is fine);
- collections nest at most :data:`MAX_DEPTH` deep, counting what aliases bring in;
- a document uses at most :data:`MAX_ALIASES` aliases and expands to at most :data:`MAX_NODES`
  nodes, so a "billion laughs" bomb is refused while it is being read, before anything expands it;
- one document per file, a mapping at the top, string keys, no duplicate keys;
- only JSON-compatible values: YAML 1.1 surprises (``yes``/``no``/``on``/``off`` as booleans,
  octal ``0123``, sexagesimal ``1:30``, date-times, ``!!binary`` and other tags) are refused with a
  message that says what to write instead. Unquoted dates become ``"YYYY-MM-DD"`` strings.

Then the data is checked against ``schemas/manifest.schema.json``; the first error in document
order is reported as ``path:line:col: field.path: message``.

This module is the public face and sets the limits; the work is done by
:mod:`licensegate.yamlbound` (bytes -> data with positions, enforcing the limits) and
:mod:`licensegate.schemacheck` (schema validation and its messages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from licensegate.errors import ManifestError
from licensegate.fieldpath import FieldPath as FieldPath
from licensegate.fieldpath import dotted_path
from licensegate.schemacheck import SCHEMA_FILE, validate
from licensegate.sha256 import sha256
from licensegate.yamlbound import Limits, read_document

__all__ = [
    "MAX_ALIASES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "SCHEMA_FILE",
    "Manifest",
    "dotted_path",
    "load_manifest",
    "parse_manifest_text",
]

MAX_BYTES = 1024 * 1024
"""Largest manifest accepted, in bytes (checked before the file is read in full)."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings, including what aliases bring in."""
MAX_ALIASES = 100
"""Most alias uses (``*name``) in one document."""
MAX_NODES = 100_000
"""Most nodes (scalars, lists, mappings, keys) in a document, written or expanded from aliases."""


@dataclass(frozen=True)
class Manifest:
    """A manifest that parsed and passed the schema."""

    path: str
    """The path as given by the caller; used in messages and reports."""
    data: dict[str, Any]
    """JSON-compatible content: dates as ``"YYYY-MM-DD"`` strings, all mapping keys strings."""
    digest: str
    """``"sha256:<hex>"`` of the raw bytes."""
    lines: Mapping[FieldPath, int]
    """Field path -> 1-based line of that node (of its key, for mapping entries)."""

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Return the line of ``path``, or of its deepest prefix that exists; None if none does."""
        key = tuple(path)
        while True:
            line = self.lines.get(key)
            if line is not None:
                return line
            if not key:
                return None
            key = key[:-1]


def load_manifest(
    path: Path | str, *, display_path: str | None = None, root: Path | str | None = None
) -> Manifest:
    """Read, parse and validate the manifest at ``path``.

    Args:
        path: The file to read.
        display_path: How to name the file in messages and in ``Manifest.path``
            (default: ``path`` as given).
        root: The folder the file's real path must stay under (default: its repository,
            see :func:`licensegate.safe_read.repository_root`).

    Raises:
        ManifestError: The file is unreadable, a link out of its root, not a regular file,
            too large, malformed or fails the schema.
    """
    from licensegate.safe_read import UnsafeRead, read_file, repository_root

    where = display_path if display_path is not None else str(path)
    file = Path(path)
    try:
        raw = read_file(file, root=root or repository_root(file), limit=MAX_BYTES)
    except FileNotFoundError:
        _fail(where, "no such file")
    except UnsafeRead as err:
        _fail(where, str(err))
    return _parse(raw, where, is_json=file.suffix.lower() == ".json" or _is_json_name(where))


def parse_manifest_text(raw: bytes, display_path: str) -> Manifest:
    """Parse and validate manifest bytes; ``display_path`` names them in messages.

    A ``display_path`` ending in ``.json`` gets JSON syntax checking and JSON error messages.

    Raises:
        ManifestError: The bytes are too many, malformed or fail the schema.
    """
    return _parse(raw, display_path, is_json=_is_json_name(display_path))


# --------------------------------------------------------------------------------------------
# Parsing: the size limit and the digest here; reading and checking in their own modules


def _parse(raw: bytes, where: str, *, is_json: bool) -> Manifest:
    if len(raw) > MAX_BYTES:
        _fail(where, f"is too large ({len(raw)} bytes; the limit is {MAX_BYTES})")
    digest = "sha256:" + sha256(raw).hexdigest()
    limits = Limits(depth=MAX_DEPTH, aliases=MAX_ALIASES, nodes=MAX_NODES)
    document = read_document(raw, where, is_json=is_json, limits=limits)
    # NOTE: text that holds no "TODO" and no backslash cannot spell one: the text is UTF-8, and
    # only an escape (YAML double quotes, JSON) writes a letter other than as itself.
    if b"TODO" in raw or b"\\" in raw:
        _refuse_todos(document.data, where, document.positions)
    validate(document.data, where, document.positions, document.key_positions)
    return Manifest(path=where, data=document.data, digest=digest, lines=document.lines)


def _is_todo(value: str) -> bool:
    return value == "TODO" or value.startswith(("TODO:", "TODO "))


def _refuse_todos(data: Any, where: str, positions: Mapping[FieldPath, tuple[int, int]]) -> None:
    """A fact left as `TODO` (as `licensegate init` drafts them) is an error, wherever it is and
    whatever the schema would say of the string: a draft never passes until a person fills it.
    `x-` fields are the user's own and may say anything."""
    if not _holds_todo(data):
        return
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    found: list[tuple[tuple[int, int], FieldPath, str]] = []
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(
                ((*path, key), item) for key, item in value.items() if not key.startswith("x-")
            )
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and _is_todo(value):
            found.append((positions.get(path, (0, 0)), path, value))
    if found:
        (line, column), path, value = min(found)
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        _fail(
            where,
            f"{dotted_path(path)}: a fact left to fill in{more}: {value[:200]}",
            line or None,
            column or None,
        )


def _holds_todo(data: Any) -> bool:
    """Whether `_refuse_todos` has anything to report: the same walk without building paths,
    which only a manifest with a TODO needs (most have none, and this runs for every one)."""
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                # NOTE: strings are tested here rather than stacked: most values are strings.
                if type(item) is str:
                    if item.startswith("TODO") and _is_todo(item) and not key.startswith("x-"):
                        return True
                elif not key.startswith("x-"):
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and _is_todo(value):
            return True
    return False


def _is_json_name(name: str) -> bool:
    return name.lower().endswith(".json")


def _fail(where: str, message: str, line: int | None = None, column: int | None = None) -> NoReturn:
    raise ManifestError(where, message, line, column)
