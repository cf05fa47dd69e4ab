"""Check manifest data against the manifest schema; report the first error in one line.

The schema is ``schemas/manifest.schema.json``. The error reported is the first in document
order, as ``field.path: message`` at the line and column of the field (or of its key, for a key
that is not allowed). A compiled check (:mod:`licensegate.schemafast`) answers for valid manifests
first, so jsonschema is imported only when something is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cache, partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from licensegate.errors import ManifestError
from licensegate.fieldpath import FieldPath, Positions, dotted_path, shorten
from licensegate.resources import schemas_dir
from licensegate.schemafast import Check, compile_check, python_pattern, with_python_patterns

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = ["SCHEMA_FILE", "validate"]

SCHEMA_FILE = "manifest.schema.json"
"""File name of the manifest schema inside the schemas folder."""

_MAX_ERRORS = 1000
_MAX_REPORTED = 20
"""Problems reported per manifest; a hostile file may have thousands."""
_Message = str | Callable[[], str]  # a callable when the message is costly to word
_Problem = tuple[FieldPath, _Message, bool]  # field path, message, found at the key (not value)


def validate(
    data: dict[str, Any], where: str, positions: Positions, key_positions: Positions
) -> None:
    """Check ``data`` against the manifest schema; ``where`` names the file in messages.

    ``positions`` and ``key_positions`` give the (line, column) of each field's value and key.

    Raises:
        ManifestError: The first error in document order; its ``more`` holds the next ones
            (up to :data:`_MAX_REPORTED` in all), so a user fixes them in one round.
    """
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
        raise ManifestError(where, errors[0].message)
    found: list[ManifestError] = []
    seen: set[tuple[int, str]] = set()
    for (line, column), _, path, message in sorted(problems, key=lambda p: (p[0], p[1])):
        text = message if isinstance(message, str) else message()
        prefix = shorten(dotted_path(path))
        text = f"{prefix}: {text}" if prefix else text
        if (line, text) in seen:
            continue
        seen.add((line, text))
        found.append(ManifestError(where, text, line or None, column or None))
    first = found[0]
    first.more = found[1:_MAX_REPORTED]
    raise first


def _nearest(positions: Positions, path: FieldPath) -> tuple[int, int]:
    while True:
        position = positions.get(path)
        if position is not None:
            return position
        if not path:
            return (0, 0)
        path = path[:-1]


# --------------------------------------------------------------------------------------------
# The schema, and the two ways of checking against it


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


@cache
def _fast_check() -> Check:
    return compile_check(_schema())


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator, validators

    # NOTE: the schema's patterns are ECMA-262; Python's `$` would also match before a final
    # newline ("DE\n" as a country). Both checks use the same translated patterns.
    schema = with_python_patterns(_schema())
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


# --------------------------------------------------------------------------------------------
# Explaining a jsonschema error in the manifest's terms


def _explain(error: ValidationError) -> list[_Problem]:
    path: FieldPath = tuple(error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    if "propertyNames" in error.relative_schema_path:
        hint = schema.get("patternErrorMessage", "is not an allowed key")
        return [((*path, instance), f"key {shorten(repr(instance))} {hint}", True)]
    if keyword == "additionalProperties":
        if "propertyNames" in schema:
            return []  # the propertyNames error says it better
        known = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        problems: list[_Problem] = []
        for key in instance:
            if key in known or any(re.search(python_pattern(pattern), key) for pattern in patterns):
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
    if keyword == "maximum":
        return [(path, f"must be at most {value} (2^53 - 1) (got {_describe(instance)})", False)]
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
    close = _close_match(key, known)
    if close is not None:
        return f"unknown key (did you mean {close!r}?)"
    shown = shorten(repr(key))
    if not known:
        return f"unknown key {shown}"
    return f"unknown key {shown} (expected one of: {', '.join(known)}; or an x- key)"


def _suggest(value: Any, allowed: Sequence[Any]) -> str:
    if not isinstance(value, str):
        return ""
    close = _close_match(value, allowed)
    return f"; did you mean {close!r}?" if close is not None else ""


def _close_match(word: str, choices: Sequence[Any]) -> str | None:
    import difflib  # only needed to word an error

    close = difflib.get_close_matches(
        word, [choice for choice in choices if isinstance(choice, str)], n=1, cutoff=0.6
    )
    return close[0] if close else None
