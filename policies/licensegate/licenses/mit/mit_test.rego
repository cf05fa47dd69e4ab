package licensegate.licenses.mit_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.apache_2_0
import data.licensegate.licenses.mit

_id := "deepseek-ai/DeepSeek-R1"

_distill_qwen := "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"

_mistral := "mistralai/Mistral-7B-v0.3"

_findings(overrides) := result if {
	result := mit.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

# [id, subject, status] of the license-copy findings of both licenses of the R1 Qwen distills.
# (The tests call the license packages, not licensegate.main: main reads data.licenses, which
# holds these test packages too, and regorus reports that as recursion.)
_copies(overrides) := {[item.id, item.subject, item.status] |
	findings := mit.findings | apache_2_0.findings with input as testing.doc(overrides)
	some item in findings
	item.clause == "license-copy"
}

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_fail_license_copy_unknown if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "missing-facts"]}
}

test_fail_license_copy_derived_weights_published_without_copy if {
	product := object.union(testing.product, {"license_copies_included": false})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/R1-Legal", [_id], [], "weights")],
	})
	testing.statuses(findings, "license-copy") == {["acme/R1-Legal", "violated"]}
}

# R1-Distill-Qwen-7B is MIT and Apache-2.0: shipping it brings both licenses' copy duties.
test_fail_license_copy_r1_distill_qwen_needs_mit_and_apache if {
	_copies({"product": _shipping, "models": [testing.model(_distill_qwen)]}) == {
		["mit:license-copy", _distill_qwen, "missing-facts"],
		["apache-2.0:license-copy", _distill_qwen, "missing-facts"],
	}
}

test_success_license_copy_r1_distill_qwen_both_satisfied if {
	product := object.union(_shipping, {"license_copies_included": true})
	_copies({"product": product, "models": [testing.model(_distill_qwen)]}) == {
		["mit:license-copy", _distill_qwen, "satisfied"],
		["apache-2.0:license-copy", _distill_qwen, "satisfied"],
	}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

test_success_license_copy_quiet_for_api_only if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == set()
}

# The R1 README allows "distillation for training other LLMs": a student trained on R1
# outputs is no copy or portion of the Software, so no MIT duty reaches it.
test_success_license_copy_quiet_for_model_trained_on_outputs if {
	findings := _findings({
		"models": [
			{"id": _id, "uses": ["distillation-teacher"]},
			{"id": _mistral, "uses": ["fine-tuning"]},
		],
		"derived_models": [testing.derived("acme/Mistral-Reasoner-7B", [_mistral], [_id], "weights")],
	})
	findings == set()
}

# MIT has no other condition: a public product with R1 has no MIT finding at all.
test_success_no_other_clauses_for_public_product if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	findings == set()
}

# The MIT condition is generic: each model's own copyright notice, not DeepSeek-R1's for all.
test_fail_license_copy_names_the_models_own_notice if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	some item in findings
	item.clause == "license-copy"
	contains(item.message, "\"Copyright (c) 2023 DeepSeek\"")
}

test_fail_license_copy_for_another_mit_model_does_not_name_deepseek if {
	model := {"id": "acme/phi-mirror", "license": "mit", "uses": ["inference"]}
	findings := _findings({"product": _shipping, "models": [model]})
	some item in findings
	item.clause == "license-copy"
	contains(item.message, "acme/phi-mirror's own LICENSE file")
	not contains(item.message, "DeepSeek")
}
