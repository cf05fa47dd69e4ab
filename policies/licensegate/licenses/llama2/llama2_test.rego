package licensegate.licenses.llama2_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.llama2

_id := "meta-llama/Llama-2-7b-chat-hf"

_teacher := "meta-llama/Llama-2-70b-chat-hf"

_mistral := "mistralai/Mistral-7B-v0.1"

_findings(overrides) := result if {
	result := llama2.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_teaching(id) := {"id": id, "uses": ["distillation-teacher"], "guardrails_modified": false}

# mau-threshold ----------------------------------------------------------------------------

test_fail_mau_threshold_history_above_limit if {
	findings := _findings({
		"licensee": object.union(testing.licensee, {"mau_history": {"2023-06": 700000001}}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
}

test_success_mau_threshold_history_at_limit if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 900000000, "mau_history": {"2023-06": 700000000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2023-06"]
}

# The month before the Llama 2 release counts, not the month before a later Llama release: a
# figure for another month does not decide, and with a figure above the limit the month is asked for.
test_fail_mau_threshold_other_month_in_history_ignored if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 800000000, "mau_history": {"2024-06": 1000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history"]
	contains(item.message, "licensee.mau_history[\"2023-06\"]")
}

test_fail_mau_threshold_missing_figure if {
	findings := _findings({"licensee": {"name": "A", "domicile": "US"}, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_other_llm_trained_on_outputs if {
	findings := _findings({
		"models": [_teaching(_teacher), testing.model(_mistral)],
		"derived_models": [testing.derived("acme/Mistral-Student-7B", [_mistral], [_teacher], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/Mistral-Student-7B", "violated"]}
}

test_fail_output_use_teacher_without_declared_student if {
	findings := _findings({"models": [_teaching(_teacher)]})
	testing.statuses(findings, "output-use") == {[_teacher, "missing-facts"]}
}

test_success_output_use_llama2_fine_tune_on_llama2_outputs if {
	findings := _findings({
		"models": [testing.model(_id), _teaching(_teacher)],
		"derived_models": [testing.derived("Llama-2-Acme-7B", [_id], [_teacher], "api")],
	})
	testing.statuses(findings, "output-use") == {["Llama-2-Acme-7B", "satisfied"]}
}

test_success_output_use_not_a_large_language_model if {
	classifier := object.union(testing.derived("acme/Intent-Classifier", [_mistral], [_teacher], "none"), {"llm": false})
	findings := _findings({"models": [_teaching(_teacher), testing.model(_mistral)], "derived_models": [classifier]})
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

test_fail_license_copy_unknown_for_published_fine_tune if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("acme/Llama-2-Acme-7B", [_id], [], "weights")],
	})
	testing.statuses(findings, "license-copy") == {["acme/Llama-2-Acme-7B", "missing-facts"]}
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

test_fail_notice_file_wrong_text if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
	)
	findings := llama2.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_notice if {
	text := "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved."
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), text)
	findings := llama2.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

test_success_notice_file_quiet_without_distribution if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == set()
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model(_mistral)]})
	testing.statuses(findings, "acceptable-use") == set()
}

# Llama 2 has no display duty and no naming rule ---------------------------------------------

test_success_no_attribution_display_clause if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == set()
}

test_success_no_derivative_naming_clause if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("acme/Acme-Chat-7B", [_id], [], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == set()
}
