# METADATA
# title: The decision the engines answer
# description: >-
#   main.decision carries the policy revision and the request's nonce beside the findings, so the
#   harness can tell an evaluation of this input by these policies from a stand-in or a replay.
package licensegate.main_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.main

_apache_model := "01-ai/Yi-1.5-34B-Chat"

_judged := {
	"models": [
		testing.model(_llama), testing.model(_apache_model),
		{"id": "acme/unknown-model", "uses": ["inference"], "guardrails_modified": false},
	],
	"derived_models": [testing.derived("acme/tuned", [_llama], [], "internal")],
}

_decision(overrides, nonce) := answer if {
	request := object.union(testing.doc(overrides), {"nonce": nonce})
	answer := main.decision with input as request with data.licensegate.revision as "sha256:0123"
}

test_decision_carries_revision_nonce_findings_and_count if {
	answer := _decision(_judged, "n-42")
	answer.revision == "sha256:0123"
	answer.nonce == "n-42"
	answer.findings == _findings(_judged)
	answer.count == count(answer.findings)
	answer.count > 0
}

# The harness's coverage check rests on this: every listed and derived model appears in some
# finding (a clause, no-duties, unknown-model or unsupported-license), whatever it is under.
test_every_listed_and_derived_model_is_in_some_finding if {
	answer := _decision(_judged, "n")
	judged := {lower(item.subject) | some item in answer.findings}
	every id in [_llama, _apache_model, "acme/unknown-model", "acme/tuned"] {
		lower(id) in judged
	}
}

test_decision_without_revision_or_nonce_says_null if {
	answer := main.decision with input as testing.doc(_judged)
	answer.revision == null
	answer.nonce == null
	answer.count == count(answer.findings)
}

test_decision_ignores_a_nonce_that_is_not_a_string if {
	answer := _decision(_judged, {"forged": true})
	answer.nonce == null
}

test_decision_on_invalid_input_still_answers if {
	answer := main.decision with input as {"nonce": "n"} with data.licensegate.revision as "r"
	answer.nonce == "n"
	answer.revision == "r"
	[item.id | some item in answer.findings] == ["licensegate:invalid-input"]
}

test_decision_ignores_a_revision_that_is_not_a_string if {
	answer := main.decision with input as object.union(testing.doc(_judged), {"nonce": "n"})
		with data.licensegate.revision as ["sha256:0123"]
	answer.revision == null
}
