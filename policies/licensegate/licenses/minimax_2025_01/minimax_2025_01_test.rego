package licensegate.licenses.minimax_2025_01_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.minimax
import data.licensegate.licenses.minimax_2025_01

# The catalog puts MiniMax-Text-01 under the current text; a deployment that accepted the
# January text declares it on a model the catalog does not know (a kept copy of the release).
_id := "acme-registry/MiniMax-Text-01-2501"

_model := {"id": _id, "license": "minimax-2025-01", "uses": ["inference"]}

_teacher := {"id": _id, "license": "minimax-2025-01", "uses": ["synthetic-data"]}

_mistral := "mistralai/Mistral-7B-v0.3"

_findings(overrides) := result if {
	result := minimax_2025_01.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

# Which text governs -----------------------------------------------------------------------

test_success_mau_threshold_declared_first_text_is_judged_by_it_alone if {
	document := testing.doc({"models": [_model]})
	first := minimax_2025_01.findings with input as document
	current := minimax.findings with input as document
	{item.id | some item in first} == {"minimax-2025-01:mau-threshold", "minimax-2025-01:acceptable-use"}
	current == set()
}

test_success_mau_threshold_catalog_model_is_judged_by_current_text if {
	findings := _findings({"models": [testing.model("MiniMaxAI/MiniMax-Text-01")]})
	findings == set()
}

# mau-threshold ----------------------------------------------------------------------------

test_fail_mau_threshold_december_2024_above_limit if {
	licensee := object.union(testing.licensee, {"mau_history": {"2024-12": 100000001}})
	findings := _findings({"licensee": licensee, "models": [_model]})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2024-12"]
}

test_fail_mau_threshold_missing_figure if {
	findings := _findings({"licensee": {"name": "A", "domicile": "SG"}, "models": [_model]})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
}

test_success_mau_threshold_history_wins_over_current if {
	licensee := {"name": "A", "domicile": "SG", "monthly_active_users": 300000000, "mau_history": {"2024-12": 100000000}}
	findings := _findings({"licensee": licensee, "models": [_model]})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
}

# attribution-display ----------------------------------------------------------------------

test_fail_attribution_display_public_without_statement if {
	findings := _findings({"product": _public, "models": [_model]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

test_success_attribution_display_shown if {
	product := object.union(_public, {"attribution": [{"text": "Built with MiniMax AI", "where": "about-page"}]})
	findings := _findings({"product": product, "models": [_model]})
	testing.statuses(findings, "attribution-display") == {[_id, "satisfied"]}
}

test_success_attribution_display_quiet_for_internal_use if {
	findings := _findings({"models": [_model]})
	testing.statuses(findings, "attribution-display") == set()
}

# derivative-naming ------------------------------------------------------------------------

test_fail_derivative_naming_fine_tune_released if {
	findings := _findings({
		"models": [{"id": _id, "license": "minimax-2025-01", "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Support-456B", [_id], [], "api")],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/Support-456B", "violated"]}
}

test_success_derivative_naming_prefix_after_org if {
	findings := _findings({
		"models": [{"id": _id, "license": "minimax-2025-01", "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/MiniMax-Text-01-Support", [_id], [], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/MiniMax-Text-01-Support", "satisfied"]}
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_distilled_into_other_llm if {
	findings := _findings({
		"models": [_teacher, {"id": _mistral, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Mistral-Distilled", [_mistral], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/Mistral-Distilled", "violated"]}
}

test_fail_output_use_undeclared_student if {
	findings := _findings({"models": [_teacher]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

test_success_output_use_self_distillation_of_minimax_weights if {
	findings := _findings({
		"models": [{"id": _id, "license": "minimax-2025-01", "uses": ["fine-tuning", "synthetic-data"]}],
		"derived_models": [testing.derived("acme/MiniMax-Text-01-Tuned", [_id], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/MiniMax-Text-01-Tuned", "satisfied"]}
}

# license-copy and notice-file -------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [_model]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [_model]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

test_fail_notice_file_current_text_wording if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [_model]}),
		"MiniMax AI model is licensed under the MiniMax Model License, Copyright © MiniMax. All Rights Reserved.",
	)
	findings := minimax_2025_01.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_first_text_wording if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [_model]}),
		"MiniMax AI model is licensed under the MiniMax License, Copyright © MiniMax. All Rights Reserved.",
	)
	findings := minimax_2025_01.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_a_person if {
	findings := _findings({"models": [_model]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model(_mistral)]})
	testing.statuses(findings, "acceptable-use") == set()
}
