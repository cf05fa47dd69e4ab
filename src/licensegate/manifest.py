"""Load a deployment manifest: parse YAML or JSON safely, map every field to its line, validate.

The parser is built on PyYAML's event stream (libyaml's ``CParser`` when available), not on its
composer or constructor, so that hostile input ends in a :class:`ManifestError` quickly:

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
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from licensegate.errors import ManifestError
from licensegate.resources import schemas_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

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
SCHEMA_FILE = "manifest.schema.json"
"""File name of the manifest schema inside the schemas folder."""

FieldPath = tuple[str | int, ...]
"""A field's place in the manifest, e.g. ``("derived_models", 0, "name")``."""


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
    """Field path -> 1-based line of that node (of the value, for mapping entries)."""

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


def load_manifest(path: Path | str, *, display_path: str | None = None) -> Manifest:
    """Read, parse and validate the manifest at ``path``.

    Args:
        path: The file to read.
        display_path: How to name the file in messages and in ``Manifest.path``
            (default: ``path`` as given).

    Raises:
        ManifestError: The file is unreadable, too large, malformed or fails the schema.
    """
    where = display_path if display_path is not None else str(path)
    file = Path(path)
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            _fail(where, "is a directory, not a manifest file")
        # NOTE: opening a FIFO or a device could block or never end; manifests are regular files.
        if not stat.S_ISREG(info.st_mode):
            _fail(where, "is not a regular file")
        if info.st_size > MAX_BYTES:
            _fail(where, f"is too large ({info.st_size} bytes; the limit is {MAX_BYTES})")
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        _fail(where, "no such file")
    except PermissionError:
        _fail(where, "permission denied")
    except OSError as err:
        _fail(where, f"cannot read the file: {err.strerror or err}")
    except ValueError as err:  # e.g. a NUL byte in the path
        _fail(where, f"cannot read the file: {err}")
    return _parse(raw, where, is_json=file.suffix.lower() == ".json" or _is_json_name(where))


def parse_manifest_text(raw: bytes, display_path: str) -> Manifest:
    """Parse and validate manifest bytes; ``display_path`` names them in messages.

    A ``display_path`` ending in ``.json`` gets JSON syntax checking and JSON error messages.

    Raises:
        ManifestError: The bytes are too many, malformed or fail the schema.
    """
    return _parse(raw, display_path, is_json=_is_json_name(display_path))


def dotted_path(path: Iterable[str | int]) -> str:
    """Render a field path as users write it.

    ``models[0].uses[1]``, ``licensee.monthly_active_users``, ``licensee.mau_history["2024-06"]``.
    """
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.match(part):
            out.append(f".{part}" if out else part)
        else:
            out.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Reading

_PLAIN_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$-]*$")
_BOM = b"\xef\xbb\xbf"
# NOTE: the characters YAML 1.1 forbids in a stream (PyYAML's reader uses the same set); checked
# here so the message carries a line, whichever parser runs.
# Written as the forbidden set: the complement with its astral range costs 5 ms to compile.
_NON_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


def _is_json_name(name: str) -> bool:
    return name.lower().endswith(".json")


def _fail(where: str, message: str, line: int | None = None, column: int | None = None) -> NoReturn:
    raise ManifestError(where, message, line, column)


def _parse(raw: bytes, where: str, *, is_json: bool) -> Manifest:
    if len(raw) > MAX_BYTES:
        _fail(where, f"is too large ({len(raw)} bytes; the limit is {MAX_BYTES})")
    digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    text = _decode(raw, where)
    if is_json:
        text = _check_json_syntax(text, where)
    try:
        root = _Composer(text, where).compose()
        data, lines, positions, key_positions = _expand(root)
    except ManifestError:
        raise
    except yaml.YAMLError as err:
        _yaml_error(err, text, where, is_json)
    except RecursionError:
        _fail(where, f"is nested too deeply (the limit is {MAX_DEPTH} levels)")
    except MemoryError:
        _fail(where, "is too large to load")
    _validate(data, where, positions, key_positions)
    return Manifest(path=where, data=data, digest=digest, lines=lines)


def _decode(raw: bytes, where: str) -> str:
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = body[err.start : err.start + 1]
        line_start = body.rfind(b"\n", 0, err.start) + 1
        line = body.count(b"\n", 0, err.start) + 1
        column = len(body[line_start : err.start].decode("utf-8", errors="replace")) + 1
        _fail(where, f"is not valid UTF-8 (byte 0x{bad.hex()})", line, column)
    match = _NON_PRINTABLE.search(text)
    if match is not None:
        line, column = _line_col(text, match.start())
        _fail(where, f"contains the control character U+{ord(match.group()):04X}", line, column)
    if not text.strip():
        _fail(where, "is empty")
    return text


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_json_syntax(text: str, where: str) -> str:
    """Check JSON syntax; return the text ready for the YAML parser."""
    # NOTE: JSON goes through the same YAML parser (JSON is YAML, and that gives lines and the same
    # checks); this pass only makes "not JSON at all" errors read like JSON errors.
    try:
        json.loads(text, parse_constant=_reject_json_constant)
    except json.JSONDecodeError as err:
        _fail(where, f"invalid JSON: {err.msg}", err.lineno, err.colno)
    except ValueError as err:  # NaN / Infinity, or a number too long to convert
        _fail(where, f"invalid JSON: {err}")
    except RecursionError:
        pass  # the YAML pass reports the depth with its line
    if "\\u" in text:
        # libyaml refuses surrogate escapes, which json.dumps writes for characters beyond U+FFFF;
        # YAML's own \UXXXXXXXX escape says the same thing.
        text = _JSON_SURROGATE_PAIR.sub(_join_surrogates, text)
    return text


_JSON_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match[2], 16), int(match[3], 16)
    return f"{match[1]}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def _reject_json_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def _yaml_error(err: yaml.YAMLError, text: str, where: str, is_json: bool) -> NoReturn:
    kind = "JSON" if is_json else "YAML"
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None)
    context = getattr(err, "context", None)
    if problem and "nesting depth" in problem:  # libyaml's own limit (1000), hit while scanning
        message = f"nesting is deeper than {MAX_DEPTH} levels"
    elif problem:
        message = f"invalid {kind}: {problem}"
        if context:
            message += f" ({context})"
    else:
        message = f"invalid {kind}: {str(err).splitlines()[0] if str(err) else type(err).__name__}"
    if mark is not None:
        _fail(where, message, mark.line + 1, mark.column + 1)
    position = getattr(err, "position", None)  # yaml.reader.ReaderError
    if isinstance(position, int) and 0 <= position <= len(text):
        _fail(where, message, *_line_col(text, position))
    _fail(where, message)


# --------------------------------------------------------------------------------------------
# Composing: events -> a small node graph, with every limit enforced as events arrive

_SCALAR, _SEQ, _MAP = 0, 1, 2
_KIND_NAMES = {_SCALAR: "a scalar", _SEQ: "a list", _MAP: "a mapping"}
_YAML_TAG = "tag:yaml.org,2002:"
_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")


_NO_PAIRS: list[Any] = []  # shared empty lists; never appended to
_NO_MERGES: list[Any] = []


class _Node:
    __slots__ = ("kind", "value", "line", "column", "size", "height", "pairs", "merges", "is_merge")

    def __init__(self, kind: int, value: Any, line: int, column: int) -> None:
        self.kind = kind
        self.value = value  # scalar: its Python value; list: child nodes
        self.line = line  # 1-based
        self.column = column  # 1-based
        self.size = 1  # nodes in the expanded tree below and including this one
        self.height = 0 if kind == _SCALAR else 1  # collection levels, this one included
        # mapping only: (key, line, col, value) in order, and the sources of '<<' merge keys
        self.pairs: list[tuple[str, int, int, _Node]] = [] if kind == _MAP else _NO_PAIRS
        self.merges: list[_Node] = _NO_MERGES  # replaced by a list on the first merge key
        self.is_merge = False  # scalar: a plain '<<' key


class _Frame:
    __slots__ = ("node", "step", "anchor", "key", "keys")

    def __init__(self, node: _Node, step: str | int | None, anchor: str | None) -> None:
        self.node = node
        self.step = step  # this collection's key or index in its parent (None at the top)
        self.anchor = anchor
        self.key: tuple[str, int, int] | None = None  # mapping: the key waiting for its value
        self.keys: dict[str, int] = {}  # mapping: key -> line, to find duplicates


_MERGE_KEY = ("<<", 0, 0)


@cache
def _yaml_tools() -> tuple[type[Any], Any]:
    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return loader, yaml.constructor.SafeConstructor()


@cache
def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """First character -> (tag, pattern) of the safe loader's implicit resolvers (YAML 1.1)."""
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = yaml.SafeLoader.yaml_implicit_resolvers
    return {key: list(value) for key, value in table.items() if key is not None}


class _Composer:
    """Turns the YAML event stream into a node graph; raises ManifestError for what we refuse.

    Paths are worked out only for messages, so the common case allocates nothing per scalar.
    """

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Node] = {}
        self.open_anchors: set[str] = set()
        self.root: _Node | None = None
        self.nodes = 0
        self.aliases = 0

    def fail(self, message: str, mark: Any = None, path: FieldPath | None = None) -> NoReturn:
        if path:
            message = f"{_shorten(dotted_path(path))}: {message}"
        if mark is None:
            _fail(self.where, message)
        _fail(self.where, message, mark.line + 1, mark.column + 1)

    def frame_path(self) -> FieldPath:
        """Path of the innermost open collection."""
        return tuple(frame.step for frame in self.stack[1:])  # type: ignore[misc]

    def child_step(self) -> str | int | None:
        """Key or index the next node gets in the innermost collection (None for a key)."""
        if not self.stack:
            return None
        frame = self.stack[-1]
        if frame.node.kind == _SEQ:
            return len(frame.node.value)
        return None if frame.key is None else frame.key[0]

    def child_path(self) -> FieldPath:
        """Path of the next node; for a mapping key, the mapping's path."""
        path = self.frame_path()
        step = self.child_step()
        return path if step is None else (*path, step)

    def expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].node.kind == _MAP and self.stack[-1].key is None

    def compose(self) -> _Node:
        loader_class, _ = _yaml_tools()
        loader = loader_class(self.text)
        handlers = {
            yaml.ScalarEvent: self.on_scalar,
            yaml.AliasEvent: self.on_alias,
            yaml.SequenceStartEvent: self.on_start,
            yaml.MappingStartEvent: self.on_start,
        }
        ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        try:
            documents = 0
            while True:
                event = loader.get_event()
                if event is None or isinstance(event, yaml.StreamEndEvent):
                    break
                handler = handlers.get(event.__class__)
                if handler is not None:
                    self.nodes += 1
                    if self.nodes > MAX_NODES:
                        self.fail(f"has more than {MAX_NODES} nodes", event.start_mark)
                    handler(event)
                elif isinstance(event, ends):
                    self.on_end()
                elif isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.fail(
                            "holds more than one YAML document; use one file per manifest",
                            event.start_mark,
                        )
        finally:
            loader.dispose()
        root = self.root
        if root is None or (root.kind == _SCALAR and root.value is None):
            self.fail("is empty")
        if root.kind != _MAP:
            _fail(
                self.where,
                f"the top level must be a mapping of keys to values, not {_KIND_NAMES[root.kind]}",
                root.line,
                root.column,
            )
        return root

    def attach(self, node: _Node, mark: Any) -> None:
        """Add ``node`` to the innermost collection (``mark`` is None for one just closed)."""
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        parent = frame.node
        if parent.kind == _SEQ:
            parent.value.append(node)
        elif frame.key is None:
            self.take_key(frame, node, mark)
            parent.size += 1
            return
        elif frame.key is _MERGE_KEY:
            self.take_merge(frame, node, mark)
            frame.key = None
        else:
            key, key_line, key_column = frame.key
            parent.pairs.append((key, key_line, key_column, node))
            frame.key = None
        parent.size += node.size
        if node.height >= parent.height:
            parent.height = node.height + 1
        if parent.size > MAX_NODES:
            self.fail(
                f"expands to more than {MAX_NODES} nodes (an alias bomb?)", mark or _Mark(node)
            )

    def take_key(self, frame: _Frame, node: _Node, mark: Any) -> None:
        mark = mark or _Mark(node)
        if node.kind != _SCALAR:
            self.fail(
                "mapping keys must be plain strings, not lists or mappings", mark, self.frame_path()
            )
        if node.is_merge:
            if "<<" in frame.keys:
                self.fail(
                    f"duplicate merge key '<<' (first on line {frame.keys['<<']})",
                    mark,
                    self.frame_path(),
                )
            frame.keys["<<"] = node.line
            frame.key = _MERGE_KEY
            return
        key = node.value
        if not isinstance(key, str):
            shown = "null" if key is None else json.dumps(key)
            quoted = json.dumps(
                "" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            )
            self.fail(
                f"key {shown} is {_json_kind(key)}, but keys must be strings; quote it ({quoted})",
                mark,
                self.frame_path(),
            )
        first = frame.keys.get(key)
        if first is not None:
            self.fail(
                f"duplicate key {_shorten(repr(key))} (first on line {first})",
                mark,
                self.frame_path(),
            )
        frame.keys[key] = node.line
        frame.key = (key, node.line, node.column)

    def take_merge(self, frame: _Frame, node: _Node, mark: Any) -> None:
        sources = node.value if node.kind == _SEQ else [node]
        if not all(source.kind == _MAP for source in sources):
            self.fail(
                "a merge key '<<' takes a mapping or a list of mappings",
                mark or _Mark(node),
                self.frame_path(),
            )
        if frame.node.merges is _NO_MERGES:
            frame.node.merges = []
        frame.node.merges.extend(sources)

    # -- events

    def on_start(self, event: Any) -> None:
        mark = event.start_mark
        if self.expecting_key():
            self.fail(
                "mapping keys must be plain strings, not lists or mappings", mark, self.frame_path()
            )
        kind = _SEQ if isinstance(event, yaml.SequenceStartEvent) else _MAP
        tag = event.tag
        if tag is not None and tag != "!" and tag != _YAML_TAG + ("seq" if kind == _SEQ else "map"):
            self.fail(f"the YAML tag {_short_tag(tag)} is not supported", mark, self.child_path())
        if len(self.stack) >= MAX_DEPTH:
            self.fail(f"nesting is deeper than {MAX_DEPTH} levels", mark, self.child_path())
        node = _Node(kind, [] if kind == _SEQ else None, mark.line + 1, mark.column + 1)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(node, self.child_step(), event.anchor))

    def on_end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = frame.node
            self.open_anchors.discard(frame.anchor)
        self.attach(frame.node, None)

    def on_alias(self, event: Any) -> None:
        mark = event.start_mark
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.fail(f"uses more than {MAX_ALIASES} aliases", mark, self.child_path())
        name = event.anchor
        if name in self.open_anchors:
            self.fail(f"alias *{name} refers to a node that contains it", mark, self.child_path())
        node = self.anchors.get(name)
        if node is None:
            self.fail(f"alias *{name} has no anchor &{name} before it", mark, self.child_path())
        if len(self.stack) + node.height > MAX_DEPTH:
            self.fail(
                f"alias *{name} nests deeper than {MAX_DEPTH} levels", mark, self.child_path()
            )
        self.attach(node, mark)

    def on_scalar(self, event: Any) -> None:
        mark = event.start_mark
        node = _Node(_SCALAR, None, mark.line + 1, mark.column + 1)
        tag = event.tag
        value = event.value
        implicit = tag is None or tag == "!"
        if implicit:
            # Same answer as Resolver.resolve (no path resolvers), without its per-call overhead.
            tag = _STR_TAG
            if event.implicit[0]:
                for candidate, pattern in _implicit_resolvers().get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
        if tag == _STR_TAG:
            node.value = value
        else:
            node.value, node.is_merge = self.scalar_value(event, tag, implicit)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        self.attach(node, mark)

    def scalar_value(self, event: Any, tag: str, implicit: bool) -> tuple[Any, bool]:
        _, constructor = _yaml_tools()
        value: str = event.value
        is_key = self.expecting_key()
        plain = implicit and not event.style
        shown = _shorten(repr(value))
        what = f"key {shown}" if is_key else shown
        mark = event.start_mark
        name = tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else None
        node = yaml.ScalarNode(tag, value)
        try:
            if name in ("str", "value") or (name == "merge" and not is_key):
                return value, False
            if name == "merge":
                return "<<", True
            if name == "null":
                return None, False
            if name == "bool":
                if plain and value.lower() not in ("true", "false"):
                    # NOTE: YAML 1.1 reads yes/no/on/off as booleans; a silent change of meaning.
                    self.fail(
                        f"{what} is read as a boolean by YAML 1.1; write true or false "
                        f"(or quote it for text)",
                        mark,
                        self.child_path(),
                    )
                return constructor.construct_yaml_bool(node), False
            if name == "int":
                if plain and _OCTAL.match(value):
                    self.fail(
                        f"{what} has a leading zero, which YAML 1.1 reads as octal; "
                        f"drop the zero (or quote it for text)",
                        mark,
                        self.child_path(),
                    )
                if plain and ":" in value:
                    self.fail(
                        f"{what} is read as a base-60 number by YAML 1.1; quote it for text",
                        mark,
                        self.child_path(),
                    )
                return constructor.construct_yaml_int(node), False
            if name == "float":
                if plain and ":" in value:
                    self.fail(
                        f"{what} is read as a base-60 number by YAML 1.1; quote it for text",
                        mark,
                        self.child_path(),
                    )
                number = constructor.construct_yaml_float(node)
                if not math.isfinite(number):
                    self.fail(f"{what} is not a finite number", mark, self.child_path())
                return number, False
            if name == "timestamp":
                moment = constructor.construct_yaml_timestamp(node)
                if isinstance(moment, datetime):
                    self.fail(
                        f"{what} is a date and time; write a date as YYYY-MM-DD "
                        f"(or quote it for text)",
                        mark,
                        self.child_path(),
                    )
                assert isinstance(moment, date)
                return moment.isoformat(), False
        except ManifestError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError):
            kind = {"timestamp": "date", "int": "whole number", "float": "number"}.get(
                name or "", name or "value"
            )
            self.fail(f"{what} is not a valid {kind}", mark, self.child_path())
        self.fail(f"the YAML tag {_short_tag(tag)} is not supported", mark, self.child_path())


_STR_TAG = _YAML_TAG + "str"


def _shorten(text: str, limit: int = 120) -> str:
    """Keep messages one readable line: long values and paths lose their middle."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]}...{text[-half:]}"


class _Mark:
    """A node's position in the shape of a yaml Mark (0-based), for messages."""

    __slots__ = ("line", "column")

    def __init__(self, node: _Node) -> None:
        self.line = node.line - 1
        self.column = node.column - 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


# --------------------------------------------------------------------------------------------
# Expanding: node graph -> JSON-compatible data and positions (bounded by the composer's limits)

_Positions = dict[FieldPath, tuple[int, int]]


def _expand(root: _Node) -> tuple[dict[str, Any], dict[FieldPath, int], _Positions, _Positions]:
    lines: dict[FieldPath, int] = {}
    positions: _Positions = {}
    key_positions: _Positions = {}

    def build(node: _Node, path: FieldPath) -> Any:
        lines[path] = node.line
        positions[path] = (node.line, node.column)
        if node.kind == _SCALAR:
            return node.value
        if node.kind == _SEQ:
            return [build(child, (*path, index)) for index, child in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key, key_line, key_column, child in _pairs(node):
            child_path = (*path, key)
            key_positions[child_path] = (key_line, key_column)
            result[key] = build(child, child_path)
            # NOTE: report a field at its key, so `licensee:` points at the line that says licensee.
            lines[child_path] = key_line
        return result

    data = build(root, ())
    return data, lines, positions, key_positions


def _pairs(node: _Node) -> Iterator[tuple[str, int, int, _Node]]:
    if not node.merges:
        yield from node.pairs
        return
    # YAML merge keys: explicit keys win, then earlier merge sources over later ones.
    chosen: dict[str, tuple[str, int, int, _Node]] = {}
    for source in reversed(node.merges):
        for pair in _pairs(source):
            chosen[pair[0]] = pair
    for pair in node.pairs:
        chosen[pair[0]] = pair
    yield from chosen.values()


# --------------------------------------------------------------------------------------------
# Validating against the schema


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator, validators

    schema = _schema()
    # NOTE: JSON Schema counts 3.0 as an integer; a manifest count must be written as one.
    strict_types = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    validator_class = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, type_checker=strict_types
    )
    return validator_class(  # type: ignore[no-any-return]
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _is_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


_MAX_ERRORS = 1000
_Message = str | Callable[[], str]  # a callable when the message is costly to word
_Problem = tuple[FieldPath, _Message, bool]  # field path, message, found at the key (not value)


# --------------------------------------------------------------------------------------------
# A fast yes/no check compiled from the same schema. jsonschema spends ~0.6 ms on a valid
# manifest; this answers in a few dozen microseconds. It only ever says "valid" when jsonschema
# would: any keyword or value it does not know makes it answer "not sure" (False), and then
# jsonschema decides and explains. tests/test_manifest.py cross-checks the two.

_Check = Callable[[Any], bool]
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "errorMessage",
        "patternErrorMessage",
        "deprecated",
        "readOnly",
        "writeOnly",
    }
)
_TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


class _Unsupported(Exception):
    """The schema uses something the fast check does not implement."""


@cache
def _fast_check() -> _Check:
    schema = _schema()
    try:
        return _compile(schema, schema.get("$defs", {}), {})
    except _Unsupported:
        return lambda value: False


def _compile(schema: Any, defs: dict[str, Any], done: dict[str, _Check]) -> _Check:
    if schema is True or schema == {}:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise _Unsupported(repr(schema))
    checks: list[_Check] = []
    for keyword, argument in schema.items():
        if keyword in _ANNOTATIONS or keyword == "$defs":
            continue
        checks.append(_compile_keyword(keyword, argument, schema, defs, done))
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _compile_keyword(
    keyword: str,
    argument: Any,
    schema: dict[str, Any],
    defs: dict[str, Any],
    done: dict[str, _Check],
) -> _Check:
    if keyword == "$ref":
        if not (isinstance(argument, str) and argument.startswith("#/$defs/")):
            raise _Unsupported(argument)
        name = argument[len("#/$defs/") :]
        if name not in done:
            if name not in defs:
                raise _Unsupported(argument)
            done[name] = lambda value: False  # a recursive $ref stays "not sure"
            done[name] = _compile(defs[name], defs, done)
        return done[name]
    if keyword == "type":
        tests = [_TYPE_TESTS[name] for name in _as_list(argument) if name in _TYPE_TESTS]
        if len(tests) != len(_as_list(argument)):
            raise _Unsupported(argument)
        return lambda value: any(test(value) for test in tests)
    if keyword in ("const", "enum"):
        allowed = [argument] if keyword == "const" else argument
        if not all(isinstance(item, str) for item in allowed):
            raise _Unsupported(argument)
        choices = frozenset(allowed)
        return lambda value: isinstance(value, str) and value in choices
    if keyword == "pattern":
        pattern = re.compile(argument)
        return lambda value: not isinstance(value, str) or pattern.search(value) is not None
    if keyword == "format":
        if argument != "date":
            raise _Unsupported(argument)
        return lambda value: not isinstance(value, str) or _is_iso_date(value)
    if keyword == "minimum":
        return lambda value: (
            not isinstance(value, (int, float)) or isinstance(value, bool) or value >= argument
        )
    if keyword == "minLength":
        return lambda value: not isinstance(value, str) or len(value) >= argument
    if keyword == "minItems":
        return lambda value: not isinstance(value, list) or len(value) >= argument
    if keyword == "uniqueItems":
        if argument is not True:
            raise _Unsupported(argument)
        return lambda value: (
            not isinstance(value, list)
            or (all(isinstance(item, str) for item in value) and len(set(value)) == len(value))
        )
    if keyword == "required":
        names = tuple(argument)
        return lambda value: not isinstance(value, dict) or all(name in value for name in names)
    if keyword == "items":
        item = _compile(argument, defs, done)
        return lambda value: not isinstance(value, list) or all(item(each) for each in value)
    if keyword == "propertyNames":
        name_check = _compile(argument, defs, done)
        return lambda value: not isinstance(value, dict) or all(name_check(key) for key in value)
    if keyword in ("properties", "patternProperties", "additionalProperties"):
        if keyword != "properties" and "properties" in schema:
            return lambda value: True  # compiled together with "properties"
        if keyword == "patternProperties" and "additionalProperties" in schema:
            return lambda value: True  # compiled together with "additionalProperties"
        return _compile_object(schema, defs, done)
    if keyword in ("anyOf", "oneOf"):
        branches = [_compile(branch, defs, done) for branch in argument]
        if keyword == "anyOf":
            return lambda value: any(branch(value) for branch in branches)
        return lambda value: sum(1 for branch in branches if branch(value)) == 1
    raise _Unsupported(keyword)


def _compile_object(
    schema: dict[str, Any], defs: dict[str, Any], done: dict[str, _Check]
) -> _Check:
    properties = {
        name: _compile(sub, defs, done) for name, sub in schema.get("properties", {}).items()
    }
    patterns = [
        (re.compile(pattern), _compile(sub, defs, done))
        for pattern, sub in schema.get("patternProperties", {}).items()
    ]
    extra = schema.get("additionalProperties", True)
    other = _compile(extra, defs, done)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            matched = False
            known = properties.get(key)
            if known is not None:
                if not known(item):
                    return False
                matched = True
            for pattern, sub in patterns:
                if pattern.search(key) is not None:
                    if not sub(item):
                        return False
                    matched = True
            if not matched and not other(item):
                return False
        return True

    return check


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _is_iso_date(value: str) -> bool:
    # NOTE: the same test as jsonschema's "date" format (RFC 3339 full-date), without importing
    # jsonschema (~40 ms) on the fast path; the cross-check in tests/test_manifest.py covers it.
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _validate(
    data: dict[str, Any], where: str, positions: _Positions, key_positions: _Positions
) -> None:
    if _fast_check()(data):
        return
    # NOTE: jsonschema reports in schema order; the first error in document order is wanted. A
    # hostile file can hold ~100k errors and jsonschema builds each slowly, so only the first
    # _MAX_ERRORS are ranked (exact for any real manifest).
    errors = list(islice(_validator().iter_errors(data), _MAX_ERRORS))
    if not errors:
        return
    problems: list[tuple[tuple[int, int], int, FieldPath, _Message]] = []
    for error in errors:
        for path, message, at_key in _explain(error):
            position = key_positions.get(path) if at_key else None
            if position is None:
                position = _nearest(positions, path)
            problems.append((position, len(problems), path, message))
    if not problems:  # pragma: no cover - every error explains itself at least once
        _fail(where, errors[0].message)
    (line, column), _, path, message = min(problems)
    text = message if isinstance(message, str) else message()
    prefix = _shorten(dotted_path(path))
    _fail(where, f"{prefix}: {text}" if prefix else text, line or None, column or None)


def _nearest(positions: _Positions, path: FieldPath) -> tuple[int, int]:
    while True:
        position = positions.get(path)
        if position is not None:
            return position
        if not path:
            return (0, 0)
        path = path[:-1]


def _explain(error: ValidationError) -> list[_Problem]:
    path: FieldPath = tuple(error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    if "propertyNames" in error.relative_schema_path:
        hint = schema.get("patternErrorMessage", "is not an allowed key")
        return [((*path, instance), f"key {_shorten(repr(instance))} {hint}", True)]
    if keyword == "additionalProperties":
        if "propertyNames" in schema:
            return []  # the propertyNames error says it better
        known = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        problems: list[_Problem] = []
        for key in instance:
            if key in known or any(re.search(pattern, key) for pattern in patterns):
                continue
            problems.append(((*path, key), partial(_unknown_key, key, known), True))
        return problems
    if keyword == "required":
        return [
            (path, f"missing required key {key!r}", False) for key in value if key not in instance
        ]
    if keyword == "type":
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(value))
        return [(path, f"expected {expected}, got {_describe(instance)}", False)]
    if keyword == "enum":
        message = f"must be one of: {', '.join(map(str, value))} (got {_describe(instance)})"
        return [(path, message + _suggest(instance, value), False)]
    if keyword == "const":
        return [(path, f"must be {value!r} (got {_describe(instance)})", False)]
    if keyword == "pattern":
        hint = schema.get("patternErrorMessage", f"must match the pattern {value}")
        return [(path, f"{hint} (got {_describe(instance)})", False)]
    if keyword == "format":
        return [
            (
                path,
                f"{_describe(instance)} is not a valid {value} (YYYY-MM-DD)"
                if value == "date"
                else f"{_describe(instance)} is not a valid {value}",
                False,
            )
        ]
    if keyword == "minimum":
        return [(path, f"must be {value} or more (got {_describe(instance)})", False)]
    if keyword == "minItems":
        return [
            (
                path,
                "must not be empty" if value == 1 else f"must have at least {value} items",
                False,
            )
        ]
    if keyword == "minLength":
        return [
            (
                path,
                "must not be empty" if value == 1 else f"must be at least {value} characters long",
                False,
            )
        ]
    if keyword == "uniqueItems":
        seen: list[Any] = []
        for index, item in enumerate(instance):
            if item in seen:
                return [((*path, index), f"{_describe(item)} appears more than once", False)]
            seen.append(item)
        return [(path, "items must be unique", False)]
    if keyword in ("anyOf", "oneOf"):
        if "errorMessage" in schema:
            return [(path, schema["errorMessage"], False)]
        return _explain_alternatives(error, path)
    return [(path, error.message, False)]


def _explain_alternatives(error: ValidationError, path: FieldPath) -> list[_Problem]:
    """Explain anyOf/oneOf by the branch whose type fits the value (e.g. string or list)."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    expected: list[str] = []
    for subs in branches.values():
        type_errors = [s for s in subs if s.validator == "type" and not s.relative_path]
        if not type_errors:
            return [problem for sub in subs for problem in _explain(sub)]
        expected.extend(
            _TYPE_WORDS.get(t, t) for e in type_errors for t in _as_list(e.validator_value)
        )
    if not expected:
        return [(path, error.message, False)]
    return [
        (
            path,
            f"expected {' or '.join(dict.fromkeys(expected))}, got {_describe(error.instance)}",
            False,
        )
    ]


_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    return "not a string"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the string {shown!r}"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unknown_key(key: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key (did you mean {close[0]!r}?)"
    allowed = ", ".join(known)
    shown = _shorten(repr(key))
    if not known:
        return f"unknown key {shown}"
    return f"unknown key {shown} (expected one of: {allowed}; or an x- key)"


def _suggest(value: Any, allowed: Sequence[Any]) -> str:
    if not isinstance(value, str):
        return ""
    import difflib

    close = difflib.get_close_matches(
        value, [a for a in allowed if isinstance(a, str)], n=1, cutoff=0.6
    )
    return f"; did you mean {close[0]!r}?" if close else ""
