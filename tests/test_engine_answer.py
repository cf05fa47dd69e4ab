"""The checks every engine answer passes before its findings are believed (DESIGN.md §6).

`licensegate.engine.answer.findings_of` is shared by the embedded and the remote engine; the
remote attacks (a stand-in answering `[]`, forged findings, replays, another revision) are in
test_engine_remote.py. Here: each check on its own, and the embedded engine loaded with a
stand-in policy instead of the library, which must fail the same way.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import EXAMPLES, TODAY
from licensegate.engine.answer import NONCE_KEY, findings_of, new_request
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.errors import EngineError
from licensegate.facts import build_input
from licensegate.manifest import load_manifest
from licensegate.policy import Module, PolicyLibrary

REVISION = "sha256:" + "ab" * 32
DERIVED_EXAMPLE = EXAMPLES / "apache-2.0" / "mixtral-fine-tune-release.licensegate.yaml"
MODEL = "mistralai/Mixtral-8x7B-Instruct-v0.1"
DERIVED = "acme-research/Mixtral-8x7B-Tutor"


def _request() -> dict[str, Any]:
    manifest = {"models": [{"id": MODEL}], "derived_models": [{"name": DERIVED}]}
    return {"manifest": manifest, NONCE_KEY: "n-1"}


def _finding(subject: str, clause: str = "licensegate:no-duties") -> dict[str, Any]:
    return {"id": clause, "status": "satisfied", "subject": subject, "message": "m"}


def _answer(**changes: Any) -> dict[str, Any]:
    findings = [_finding(MODEL), _finding(DERIVED.upper())]  # subjects compare case-insensitively
    return {"revision": REVISION, "nonce": "n-1", "findings": findings, "count": 2, **changes}


def _refused(answer: Any) -> str:
    with pytest.raises(EngineError) as caught:
        findings_of(answer, _request(), revision=REVISION, source="S")
    message = str(caught.value)
    assert message.startswith("S: ") and "\n" not in message
    return message


def test_a_checked_answer_gives_its_findings() -> None:
    answer = _answer()
    assert findings_of(answer, _request(), revision=REVISION, source="S") == answer["findings"]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ([], "not a licensegate decision but an empty list"),
        ([_finding(MODEL), _finding(DERIVED)], "not a licensegate decision but a list"),
        (None, "not a licensegate decision but null"),
        ("all good", "not a licensegate decision but str"),
        (_answer(revision="sha256:" + "cd" * 32), "policy revision cdcdcdcdcdcd, the local"),
        (_answer(revision=None), "policy revision none"),
        ({k: v for k, v in _answer().items() if k != "revision"}, "policy revision none"),
        (_answer(nonce="n-0"), "does not echo this request's nonce"),
        (_answer(nonce=None), "does not echo this request's nonce"),
        (_answer(findings={"a": 1}), "findings are dict, not a list"),
        (_answer(findings=[_finding(MODEL), "x"]), "findings are a list, not a list"),
        (_answer(count=3), "says it has 3 findings but carries 2"),
        (_answer(count=True), "says it has True findings"),
        (_answer(count="2"), "says it has '2' findings"),
        (_answer(findings=[], count=0), "the answer has no findings at all"),
        (_answer(findings=[_finding(DERIVED)], count=1), f"no finding about model {MODEL!r}"),
        (
            _answer(findings=[_finding(MODEL)], count=1),
            f"no finding about derived model {DERIVED!r}",
        ),
        (
            _answer(findings=[_finding(MODEL), {**_finding(DERIVED), "subject": 7}], count=2),
            "no finding about derived model",
        ),
    ],
)
def test_an_answer_that_fails_a_check_is_an_engine_error(answer: Any, reason: str) -> None:
    assert reason in _refused(answer)


def test_invalid_input_answer_needs_no_subjects() -> None:
    # The policies refused the input itself: a failing verdict that judges no model.
    refusal = {"id": "licensegate:invalid-input", "status": "missing-facts", "subject": "input"}
    answer = _answer(findings=[refusal], count=1)
    assert findings_of(answer, _request(), revision=REVISION, source="S") == [refusal]


def test_new_request_adds_a_fresh_nonce_without_changing_the_input() -> None:
    document = {"manifest": {"models": []}}
    first, nonce = new_request(document)
    second, other = new_request(document)
    assert first[NONCE_KEY] == nonce and second[NONCE_KEY] == other
    assert nonce != other and len(nonce) == 32
    assert NONCE_KEY not in document


# -- the embedded engine goes through the same checks -------------------------------------------

_STAND_IN = """package licensegate.main

import rego.v1

license_ids := set()

decision := %s
"""


@pytest.mark.parametrize(
    ("decision", "reason"),
    [
        ("[]", "not a licensegate decision but an empty list"),
        (
            '{"revision": "sha256:old", "nonce": input.nonce, "findings": [], "count": 0}',
            "policy revision old, the local library is",
        ),
        (
            '{"revision": data.licensegate.revision, "nonce": "guessed", "findings": [], "count": 0}',
            "does not echo this request's nonce",
        ),
        (
            '{"revision": data.licensegate.revision, "nonce": input.nonce, "findings": [], "count": 0}',
            "the answer has no findings at all",
        ),
        (
            '{"revision": data.licensegate.revision, "nonce": input.nonce, "count": 1,'
            ' "findings": [{"id": "licensegate:no-duties", "subject": "acme-research/Mixtral-8x7B-Tutor"}]}',
            f"no finding about model {MODEL!r}",
        ),
    ],
)
def test_embedded_engine_with_a_stand_in_policy_is_an_engine_error(
    library: PolicyLibrary, decision: str, reason: str
) -> None:
    stand_in = Module("stand_in.rego", _STAND_IN % decision, "licensegate.main")
    engine = EmbeddedEngine(library, modules=[stand_in])
    document = build_input(load_manifest(DERIVED_EXAMPLE), library, TODAY)
    with pytest.raises(EngineError, match="evaluation failed: ") as caught:
        engine.evaluate(document)
    assert reason in str(caught.value)


def test_embedded_engine_answers_the_library_revision(
    library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    document = build_input(load_manifest(DERIVED_EXAMPLE), library, TODAY)
    findings = engine.evaluate(document)
    assert {MODEL.lower(), DERIVED.lower()} <= {item["subject"].lower() for item in findings}
    assert NONCE_KEY not in document
