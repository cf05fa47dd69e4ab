package licensegate.licenses.llama3_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.llama3

_id := "meta-llama/Meta-Llama-3-8B-Instruct"

_teacher := "meta-llama/Meta-Llama-3-70B-Instruct"

_mistral := "mistralai/Mistral-7B-v0.1"

_findings(overrides) := result if {
	result := llama3.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_teaching(id) := {"id": id, "uses": ["distillation-teacher"], "guardrails_modified": false}

_said(text) := object.union(_public, {"attribution": [{"text": text, "where": "about-page"}]})

# mau-threshold ----------------------------------------------------------------------------

test_fail_mau_threshold_history_above_limit if {
	findings := _findings({
		"licensee": object.union(testing.licensee, {"mau_history": {"2024-03": 700000001}}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
}

test_success_mau_threshold_history_wins_over_current if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 900000000, "mau_history": {"2024-03": 700000000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2024-03"]
}

test_fail_mau_threshold_missing_figure if {
	findings := _findings({"licensee": {"name": "A", "domicile": "US"}, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
}

# attribution-display ----------------------------------------------------------------------

test_fail_attribution_display_public_without_statement if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

# "Built with Llama" is the Llama 3.1+ wording; Llama 3 asks for "Built with Meta Llama 3".
test_fail_attribution_display_later_wording if {
	findings := _findings({"product": _said("Built with Llama"), "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

test_success_attribution_display_shown if {
	findings := _findings({"product": _said("Built with Meta Llama 3"), "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "satisfied"]}
}

test_success_attribution_display_quiet_for_internal_use if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == set()
}

# derivative-naming ------------------------------------------------------------------------

test_fail_derivative_naming_fine_tune_released if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("Acme-Support-8B", [_id], [], "api")],
	})
	testing.statuses(findings, "derivative-naming") == {["Acme-Support-8B", "violated"]}
}

# "Llama" alone is the 3.1+ rule; Llama 3 needs "Llama 3", not a longer number.
test_fail_derivative_naming_llama_without_3 if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [
			testing.derived("acme/Llama-Acme-8B", [_id], [], "weights"),
			testing.derived("acme/Llama-30B-Acme", [_id], [], "weights"),
		],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/Llama-Acme-8B", "violated"], ["acme/Llama-30B-Acme", "violated"]}
}

test_success_derivative_naming_prefix_with_separators if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [
			testing.derived("acme/Llama-3-Acme-8B", [_id], [], "weights"),
			testing.derived("Llama3-Acme-Chat", [_id], [], "api"),
			testing.derived("Llama 3 Acme Support", [_id], [], "api"),
		],
	})
	testing.statuses(findings, "derivative-naming") == {
		["acme/Llama-3-Acme-8B", "satisfied"],
		["Llama3-Acme-Chat", "satisfied"],
		["Llama 3 Acme Support", "satisfied"],
	}
}

# The Llama 3 naming sentence covers models made with the Llama Materials, not with outputs.
test_success_derivative_naming_quiet_for_outputs_only if {
	findings := _findings({
		"models": [_teaching(_teacher), testing.model(_mistral)],
		"derived_models": [testing.derived("acme/Mistral-Student-7B", [_mistral], [_teacher], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == set()
}

test_success_derivative_naming_quiet_when_not_released if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("Acme-Internal-8B", [_id], [], "none")],
	})
	testing.statuses(findings, "derivative-naming") == set()
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_mistral_trained_on_llama3_outputs if {
	findings := _findings({
		"models": [_teaching(_id), testing.model(_mistral)],
		"derived_models": [testing.derived("acme/Mistral-Student-7B", [_mistral], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/Mistral-Student-7B", "violated"]}
}

test_fail_output_use_teacher_without_declared_student if {
	findings := _findings({"models": [_teaching(_id)]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

test_success_output_use_llama3_fine_tune_on_llama3_outputs if {
	findings := _findings({
		"models": [testing.model(_id), _teaching(_teacher)],
		"derived_models": [testing.derived("Llama-3-Acme-8B", [_id], [_teacher], "api")],
	})
	testing.statuses(findings, "output-use") == {["Llama-3-Acme-8B", "satisfied"]}
}

test_success_output_use_not_a_large_language_model if {
	classifier := object.union(testing.derived("acme/Intent-Classifier", [_mistral], [_id], "none"), {"llm": false})
	findings := _findings({"models": [_teaching(_id), testing.model(_mistral)], "derived_models": [classifier]})
	testing.statuses(findings, "output-use") == {["acme/Intent-Classifier", "satisfied"]}
}

test_success_output_use_quiet_for_inference if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "output-use") == set()
}

# license-copy and notice-file -------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_fail_license_copy_unknown if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "missing-facts"]}
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

test_fail_notice_file_not_named if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == {[_id, "missing-facts"]}
}

test_fail_notice_file_later_notice if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
	)
	findings := llama3.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_notice if {
	text := "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved."
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), text)
	findings := llama3.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

test_success_notice_file_quiet_without_distribution if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == set()
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("meta-llama/Llama-3.1-8B-Instruct")]})
	testing.statuses(findings, "acceptable-use") == set()
}
