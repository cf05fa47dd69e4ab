"""A fast yes/no check compiled from the manifest schema, so a valid manifest skips jsonschema.

jsonschema spends ~0.6 ms on a valid manifest (and ~40 ms to import); this answers in a few dozen
microseconds. It only ever says "valid" when jsonschema would: any keyword or value it does not
know makes it answer "not sure" (False), and then jsonschema decides and explains (see
:mod:`licensegate.schemacheck`). tests/test_manifest.py cross-checks the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

__all__ = ["Check", "compile_check", "python_pattern", "with_python_patterns"]

Check = Callable[[Any], bool]
"""True: the value is valid. False: it is invalid, or the check is not sure."""


def compile_check(schema: dict[str, Any]) -> Check:
    """Compile a draft 2020-12 ``schema``; one it cannot handle gives a check that says False."""
    try:
        return _compile(schema, schema.get("$defs", {}), {})
    except _Unsupported:
        return lambda value: False


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
_TYPE_TESTS: dict[str, Check] = {
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


def _compile(schema: Any, defs: dict[str, Any], done: dict[str, Check]) -> Check:
    if schema is True or schema == {}:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise _Unsupported(repr(schema))
    checks: list[Check] = []
    for keyword, argument in schema.items():
        if keyword in _ANNOTATIONS or keyword == "$defs":
            continue
        checks.append(_compile_keyword(keyword, argument, schema, defs, done))
    if len(checks) == 1:
        return checks[0]
    return _all_of(checks)


# NOTE: the combinators below are loops rather than all()/any() over a generator: the check
# runs for every manifest, and a generator per node and keyword was most of its cost.


def _all_of(checks: list[Check]) -> Check:
    every = tuple(checks)

    def check(value: Any) -> bool:
        for each in every:
            if not each(value):
                return False
        return True

    return check


def _any_of(checks: list[Check]) -> Check:
    options = tuple(checks)

    def check(value: Any) -> bool:
        for each in options:
            if each(value):
                return True
        return False

    return check


def _compile_keyword(
    keyword: str,
    argument: Any,
    schema: dict[str, Any],
    defs: dict[str, Any],
    done: dict[str, Check],
) -> Check:
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
        type_names = argument if isinstance(argument, list) else [argument]
        tests = [_TYPE_TESTS[name] for name in type_names if name in _TYPE_TESTS]
        if len(tests) != len(type_names):
            raise _Unsupported(argument)
        return tests[0] if len(tests) == 1 else _any_of(tests)
    if keyword in ("const", "enum"):
        allowed = [argument] if keyword == "const" else argument
        if not all(isinstance(item, str) for item in allowed):
            raise _Unsupported(argument)
        choices = frozenset(allowed)
        return lambda value: isinstance(value, str) and value in choices
    if keyword == "pattern":
        pattern = re.compile(python_pattern(argument))
        return lambda value: not isinstance(value, str) or pattern.search(value) is not None
    if keyword == "format":
        if argument != "date":
            raise _Unsupported(argument)
        return lambda value: not isinstance(value, str) or _is_iso_date(value)
    if keyword == "minimum":
        return lambda value: (
            not isinstance(value, (int, float)) or isinstance(value, bool) or value >= argument
        )
    if keyword == "maximum":
        return lambda value: (
            not isinstance(value, (int, float)) or isinstance(value, bool) or value <= argument
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

        def has_required(value: Any) -> bool:
            if isinstance(value, dict):
                for name in names:
                    if name not in value:
                        return False
            return True

        return has_required
    if keyword == "items":
        item = _compile(argument, defs, done)

        def each_item(value: Any) -> bool:
            if isinstance(value, list):
                for each in value:
                    if not item(each):
                        return False
            return True

        return each_item
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
            return _any_of(branches)
        return lambda value: sum(1 for branch in branches if branch(value)) == 1
    raise _Unsupported(keyword)


def _compile_object(schema: dict[str, Any], defs: dict[str, Any], done: dict[str, Check]) -> Check:
    properties = {
        name: _compile(sub, defs, done) for name, sub in schema.get("properties", {}).items()
    }
    patterns = [
        (re.compile(python_pattern(pattern)), _compile(sub, defs, done))
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


def python_pattern(pattern: str) -> str:
    """A JSON Schema (ECMA-262) ``pattern`` as a Python regular expression with the same meaning.

    ECMA's ``$`` (without the multiline flag) matches only at the very end of the input; Python's
    also matches before a final newline, so ``^[A-Z]{2}$`` would accept ``"DE\\n"``. An unescaped
    ``$`` becomes ``\\Z``; ``.`` excludes every ECMA line terminator (Python's excludes only LF);
    classes such as ``\\d`` are ASCII, as in ECMA. tests/test_schema_patterns.py checks these
    against an ECMA engine.
    """
    if pattern.startswith("(?a:"):
        return pattern  # already translated
    result: list[str] = []
    escaped = False
    in_class = False
    for char in pattern:
        if escaped:
            result.append(char)
            escaped = False
        elif char == "\\":
            result.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            result.append(char)
        elif char == "]":
            in_class = False
            result.append(char)
        elif char == "$" and not in_class:
            result.append("\\Z")
        elif char == "." and not in_class:
            result.append("[^\\n\\r\\u2028\\u2029]")
        else:
            result.append(char)
    # NOTE: a scoped flag, since jsonschema joins patternProperties with "|".
    return "(?a:" + "".join(result) + ")"


def with_python_patterns(schema: Any) -> Any:
    """A copy of ``schema`` whose ``pattern`` and ``patternProperties`` use Python semantics."""
    if isinstance(schema, list):
        return [with_python_patterns(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copied: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "pattern" and isinstance(value, str):
            copied[key] = python_pattern(value)
        elif key == "patternProperties" and isinstance(value, dict):
            copied[key] = {python_pattern(k): with_python_patterns(v) for k, v in value.items()}
        elif key in ("properties", "$defs") and isinstance(value, dict):
            copied[key] = {k: with_python_patterns(v) for k, v in value.items()}
        else:
            copied[key] = with_python_patterns(value)
    return copied


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
