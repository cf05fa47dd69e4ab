"""Read manifest bytes into JSON-compatible data with the line and column of every field.

The reader is built on PyYAML's event stream (libyaml's ``CParser`` when available), not on its
composer or constructor, so that hostile input ends in a :class:`ManifestError` quickly: every
limit in :class:`Limits` is enforced as the events arrive, so a "billion laughs" bomb is refused
while it is being read, before anything expands it. JSON goes through the same parser.

The caller (:mod:`licensegate.manifest`) chooses the limits; this module only enforces them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple, NoReturn

import yaml

from licensegate.errors import ManifestError
from licensegate.fieldpath import FieldPath, Positions, dotted_path, shorten

__all__ = ["Document", "Limits", "read_document"]


@dataclass(frozen=True)
class Limits:
    """How much one document may hold; exceeding any of them is a :class:`ManifestError`."""

    depth: int
    """Deepest nesting of lists and mappings, including what aliases bring in."""
    aliases: int
    """Most alias uses (``*name``)."""
    nodes: int
    """Most nodes (scalars, lists, mappings, keys), written or expanded from aliases."""


class Document(NamedTuple):
    """A manifest read into data, with where each field was written."""

    data: dict[str, Any]
    """JSON-compatible content: dates as ``"YYYY-MM-DD"`` strings, all mapping keys strings."""
    lines: dict[FieldPath, int]
    """Field path -> 1-based line (of the key, for mapping entries)."""
    positions: Positions
    """Field path -> (line, column) of the value."""
    key_positions: Positions
    """Field path -> (line, column) of its key, for mapping entries."""


def read_document(raw: bytes, where: str, *, is_json: bool, limits: Limits) -> Document:
    """Decode, parse and expand ``raw``; ``where`` names it in messages.

    ``raw`` must be UTF-8 (a BOM is fine) and hold one document with a mapping at the top, string
    keys, no duplicate keys and only JSON-compatible values (YAML 1.1 surprises are refused with a
    message that says what to write instead). ``is_json`` makes syntax errors read as JSON errors.

    Raises:
        ManifestError: The bytes break a rule or a limit, with the line and column where known.
    """
    text = _decode(raw, where)
    if is_json:
        text = _check_json_syntax(text, where)
    try:
        # NOTE: most manifests are plain nested mappings, lists and scalars; the one-pass reader
        # builds those directly and declines anything else (anchors, aliases, tags, duplicate
        # or non-string keys, any limit or error), which the composer below then reads and
        # reports exactly as before. Both give the same Document for what both accept.
        plain = _read_plain(text, limits)
        if plain is not None:
            return plain
        return _expand(_Composer(text, where, limits).compose())
    except yaml.YAMLError as err:
        _yaml_error(err, text, where, is_json, limits)
    except RecursionError:
        _fail(where, f"is nested too deeply (the limit is {limits.depth} levels)")
    except MemoryError:
        _fail(where, "is too large to load")


def _fail(where: str, message: str, line: int | None = None, column: int | None = None) -> NoReturn:
    raise ManifestError(where, message, line, column)


def _yaml_error(
    err: yaml.YAMLError, text: str, where: str, is_json: bool, limits: Limits
) -> NoReturn:
    kind = "JSON" if is_json else "YAML"
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None)
    context = getattr(err, "context", None)
    if problem and "nesting depth" in problem:  # libyaml's own limit (1000), hit while scanning
        message = f"nesting is deeper than {limits.depth} levels"
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
# Decoding, and the JSON syntax pass

_BOM = b"\xef\xbb\xbf"
# NOTE: the characters YAML 1.1 forbids in a stream (PyYAML's reader uses the same set); checked
# here so the message carries a line, whichever parser runs.
# Written as the forbidden set: the complement with its astral range costs 5 ms to compile.
_NON_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


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


# --------------------------------------------------------------------------------------------
# The one-pass reader for plain documents


class _Unusual(Exception):
    """The document needs the composer: something the one-pass reader leaves to it."""


_ITEM = object()  # _read_plain's `next_up` in a list: the next node is an item


def _read_plain(text: str, limits: Limits) -> Document | None:
    """The Document of a plain ``text`` in one pass over its events, or None when the text has
    anything unusual (then :class:`_Composer` reads it, and words any error).

    Plain: one document, a mapping at the top, no anchors, aliases or tags, unique string keys,
    scalars that are strings or that YAML 1.1 resolves to a value the composer accepts as it
    is, and every limit kept. Without aliases the composer's expanded size is the node count.
    The composer's lines and positions are filled in the same order (pre-order).
    """
    loader_class, _ = _yaml_tools()
    resolvers = _implicit_resolvers()
    plain_strings = _PLAIN_STRINGS
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    max_nodes, max_depth = limits.nodes, limits.depth
    lines: dict[FieldPath, int] = {}
    positions: Positions = {}
    key_positions: Positions = {}
    root: Any = None
    # NOTE: the innermost open collection lives in locals (one event costs a few lookups, not
    # list indexing): `parent` (None at the top), its path, and what comes next in it: _ITEM in
    # a list; in a mapping None for a key, else the path of the key's value. `outer` saves
    # those of the enclosing collections.
    parent: Any = None
    parent_path: FieldPath = ()
    next_up: Any = None
    outer: list[tuple[Any, FieldPath, Any]] = []
    nodes = documents = 0
    loader = loader_class(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_event:
                nodes += 1
                if nodes > max_nodes or event.anchor is not None or event.tag is not None:
                    raise _Unusual
                value = event.value
                if event.implicit[0] and value not in plain_strings:
                    value = _plain_scalar(event, resolvers)
                mark = event.start_mark
                if next_up is None:  # a mapping key, or a scalar at the top
                    if parent is None or type(value) is not str or value in parent:
                        raise _Unusual
                    line = mark.line + 1
                    next_up = (*parent_path, value)
                    key_positions[next_up] = (line, mark.column + 1)
                    lines[next_up] = line  # a field's line is its key's
                elif next_up is _ITEM:
                    path = (*parent_path, len(parent))
                    line = mark.line + 1
                    lines[path] = line
                    positions[path] = (line, mark.column + 1)
                    parent.append(value)
                else:
                    positions[next_up] = (mark.line + 1, mark.column + 1)
                    parent[next_up[-1]] = value
                    next_up = None
            elif cls is mapping_start or cls is sequence_start:
                nodes += 1
                if nodes > max_nodes or event.anchor is not None or event.tag is not None:
                    raise _Unusual
                if len(outer) >= max_depth:
                    raise _Unusual
                mark = event.start_mark
                line = mark.line + 1
                value = {} if cls is mapping_start else []
                if parent is None:
                    if root is not None or cls is not mapping_start:
                        raise _Unusual
                    path = ()
                    lines[path] = line
                    root = value
                    outer.append((None, (), None))
                elif next_up is _ITEM:
                    path = (*parent_path, len(parent))
                    lines[path] = line
                    parent.append(value)
                    outer.append((parent, parent_path, _ITEM))
                elif next_up is None:  # a collection as a mapping key
                    raise _Unusual
                else:
                    path = next_up
                    parent[path[-1]] = value
                    outer.append((parent, parent_path, None))
                positions[path] = (line, mark.column + 1)
                parent, parent_path = value, path
                next_up = None if cls is mapping_start else _ITEM
            elif cls in ends:
                parent, parent_path, next_up = outer.pop()
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
            elif cls is yaml.StreamEndEvent:
                break
            elif cls is not yaml.StreamStartEvent and cls is not yaml.DocumentEndEvent:
                raise _Unusual  # an alias, or an event this reader does not know
    except (_Unusual, yaml.YAMLError, RecursionError, MemoryError):
        return None
    finally:
        loader.dispose()
    if type(root) is not dict:
        return None
    return Document(root, lines, positions, key_positions)


_PLAIN_STRINGS: set[str] = set()
"""Plain scalars that no implicit resolver matches, so they read as themselves: the keys and
words every manifest repeats skip the resolvers' patterns (bounded; a pure function of the
text)."""


def _plain_scalar(event: Any, resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]) -> Any:
    """An untagged scalar's value, as :meth:`_Composer.on_scalar` reads it; raises _Unusual
    for what the composer refuses or reads specially (it then says why)."""
    value: str = event.value
    if not event.implicit[0]:
        return value
    tag = next((tag for tag, pattern in resolvers.get(value[:1], ()) if pattern.match(value)), None)
    if tag is None:
        if len(value) <= 64 and len(_PLAIN_STRINGS) < 4096:
            _PLAIN_STRINGS.add(value)
        return value
    name = tag[len(_YAML_TAG) :]
    if event.style:  # implicit resolution of a quoted scalar: not what YAML does; leave it
        raise _Unusual
    if name == "null":
        return None
    _, constructor = _yaml_tools()
    node = yaml.ScalarNode(tag, value)
    try:
        if name == "bool" and value.lower() in ("true", "false"):
            return constructor.construct_yaml_bool(node)
        if name == "int" and ":" not in value and not _OCTAL.match(value):
            return constructor.construct_yaml_int(node)
        if name == "float" and ":" not in value:
            number = constructor.construct_yaml_float(node)
            if math.isfinite(number):
                return number
        if name == "timestamp":
            moment = constructor.construct_yaml_timestamp(node)
            if not isinstance(moment, datetime) and isinstance(moment, date):
                return moment.isoformat()
    except (ValueError, TypeError, AttributeError, OverflowError):
        pass
    raise _Unusual


# --------------------------------------------------------------------------------------------
# Composing: events -> a small node graph, with every limit enforced as events arrive

_SCALAR, _SEQ, _MAP = 0, 1, 2
_KIND_NAMES = {_SCALAR: "a scalar", _SEQ: "a list", _MAP: "a mapping"}
_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
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

    def __init__(self, text: str, where: str, limits: Limits) -> None:
        self.text = text
        self.where = where
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Node] = {}
        self.open_anchors: set[str] = set()
        self.root: _Node | None = None
        self.nodes = 0
        self.aliases = 0

    def fail(self, message: str, mark: Any = None, path: FieldPath | None = None) -> NoReturn:
        if path:
            message = f"{shorten(dotted_path(path))}: {message}"
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
        max_nodes = self.limits.nodes
        try:
            documents = 0
            while True:
                event = loader.get_event()
                if event is None or isinstance(event, yaml.StreamEndEvent):
                    break
                handler = handlers.get(event.__class__)
                if handler is not None:
                    self.nodes += 1
                    if self.nodes > max_nodes:
                        self.fail(f"has more than {max_nodes} nodes", event.start_mark)
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
        if parent.size > self.limits.nodes:
            self.fail(
                f"expands to more than {self.limits.nodes} nodes (an alias bomb?)",
                mark or _Mark(node),
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
                f"duplicate key {shorten(repr(key))} (first on line {first})",
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
        if len(self.stack) >= self.limits.depth:
            self.fail(f"nesting is deeper than {self.limits.depth} levels", mark, self.child_path())
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
        if self.aliases > self.limits.aliases:
            self.fail(f"uses more than {self.limits.aliases} aliases", mark, self.child_path())
        name = event.anchor
        if name in self.open_anchors:
            self.fail(f"alias *{name} refers to a node that contains it", mark, self.child_path())
        node = self.anchors.get(name)
        if node is None:
            self.fail(f"alias *{name} has no anchor &{name} before it", mark, self.child_path())
        if len(self.stack) + node.height > self.limits.depth:
            self.fail(
                f"alias *{name} nests deeper than {self.limits.depth} levels",
                mark,
                self.child_path(),
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
        shown = shorten(repr(value))
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
        except (ValueError, TypeError, AttributeError, OverflowError):
            kind = {"timestamp": "date", "int": "whole number", "float": "number"}.get(
                name or "", name or "value"
            )
            self.fail(f"{what} is not a valid {kind}", mark, self.child_path())
        self.fail(f"the YAML tag {_short_tag(tag)} is not supported", mark, self.child_path())


class _Mark:
    """A node's position in the shape of a yaml Mark (0-based), for messages."""

    __slots__ = ("line", "column")

    def __init__(self, node: _Node) -> None:
        self.line = node.line - 1
        self.column = node.column - 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


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


# --------------------------------------------------------------------------------------------
# Expanding: node graph -> JSON-compatible data and positions (bounded by the composer's limits)


def _expand(root: _Node) -> Document:
    lines: dict[FieldPath, int] = {}
    positions: Positions = {}
    key_positions: Positions = {}

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
    return Document(data, lines, positions, key_positions)


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
