"""What an engine's answer must show before its findings are believed (DESIGN.md §6).

Both engines evaluate ``data.licensegate.main.decision`` on the input plus a fresh random
``nonce``, and get ``{"revision", "nonce", "findings", "count"}``. The answer counts only when:

- ``revision`` is the local library's digest (the policies that judged are the ones the report
  names: a server with another revision, or one that never loaded licensegate, fails here);
- ``nonce`` is the one sent with this request (an answer made for another input, or replayed
  by a cache or a stand-in, fails here);
- ``findings`` is a list of objects and ``count`` its length (nothing lost on the way);
- every listed model and every derived model of the input is the subject of some finding:
  the policies judge each one at least once (``licensegate:no-duties`` when no clause
  reaches it), so ``[]`` (never right: a manifest lists at least one model) or a list that
  leaves a model out is not an evaluation of this input.

Anything else is an EngineError (exit 2), never a verdict. NOTE: this catches stand-ins,
misconfigured or stale servers and replays, not a server that is itself malicious and speaks
this protocol: the OPA server is trusted, which is what TLS and its token are for.
"""

from __future__ import annotations

import os
from typing import Any

from licensegate.errors import EngineError

NONCE_KEY = "nonce"
"""``input.nonce``: the random string the decision must echo."""
_INVALID_INPUT = "licensegate:invalid-input"


def new_request(input_document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The input with a fresh nonce (a shallow copy: the caller's document is not changed)."""
    # NOTE: what secrets.token_hex(16) returns (os.urandom, hex), without importing `secrets`,
    # whose base64 and hmac imports cost the cold `check` about 2 ms.
    nonce = os.urandom(16).hex()
    return {**input_document, NONCE_KEY: nonce}, nonce


def findings_of(
    answer: Any, request: dict[str, Any], *, revision: str, source: str
) -> list[dict[str, Any]]:
    """The findings of ``answer`` to ``request``, or EngineError naming ``source`` and why."""
    if not isinstance(answer, dict):
        raise EngineError(
            f"{source}: the answer is not a licensegate decision but {_kind(answer)} "
            "(is it serving the licensegate policies?)"
        )
    found = answer.get("revision")
    if found != revision:
        raise EngineError(
            f"{source}: the answer was made by policy revision {_short(found)}, the local "
            f"library is {_short(revision)}; deploy the current bundle"
        )
    if answer.get(NONCE_KEY) != request[NONCE_KEY]:
        raise EngineError(
            f"{source}: the answer does not echo this request's nonce (a replayed or "
            "forged answer, or a cache between licensegate and the server)"
        )
    findings = answer.get("findings")
    if not isinstance(findings, list) or not all(isinstance(item, dict) for item in findings):
        raise EngineError(f"{source}: the answer's findings are {_kind(findings)}, not a list")
    count = answer.get("count")
    if type(count) is not int or count != len(findings):
        raise EngineError(
            f"{source}: the answer says it has {count!r} findings but carries {len(findings)}"
        )
    if not findings:
        # The policies judge every model at least once and a manifest lists at least one: an
        # empty list is what a stand-in says, never what an evaluation says.
        raise EngineError(
            f"{source}: the answer has no findings at all; the policies judge every model, "
            "so this is not an evaluation of this manifest"
        )
    _check_coverage(findings, request, source)
    return findings


def _check_coverage(findings: list[dict[str, Any]], request: dict[str, Any], source: str) -> None:
    """Every listed and derived model is the subject of some finding."""
    if any(item.get("id") == _INVALID_INPUT for item in findings):
        return  # the policies refused the input itself: a failing verdict with no subjects
    judged = {item["subject"].lower() for item in findings if isinstance(item.get("subject"), str)}
    manifest = request.get("manifest") or {}
    expected = [("model", model.get("id")) for model in manifest.get("models", [])] + [
        ("derived model", derived.get("name")) for derived in manifest.get("derived_models", [])
    ]
    for kind, name in expected:
        if not isinstance(name, str) or name.lower() not in judged:
            raise EngineError(
                f"{source}: the answer has no finding about {kind} {_clip(repr(name))}; the "
                "policies judge every model, so this is not an evaluation of this manifest"
            )


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    return "null" if value is None else type(value).__name__


def _short(revision: Any) -> str:
    if not isinstance(revision, str):
        return "none" if revision is None else _clip(repr(revision), 40)
    return _clip(revision.removeprefix("sha256:")[:12], 40)


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
