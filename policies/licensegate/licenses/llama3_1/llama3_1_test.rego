package licensegate.licenses.llama3_1_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.llama3_1

_id := "meta-llama/Llama-3.1-8B-Instruct"

_findings(overrides) := result if {
	result := llama3_1.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

# mau-threshold ----------------------------------------------------------------------------

test_fail_mau_threshold_history_above_limit if {
	findings := _findings({
		"licensee": object.union(testing.licensee, {"mau_history": {"2024-06": 700000001}}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
}

test_success_mau_threshold_history_wins_over_current if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 900000000, "mau_history": {"2024-06": 700000000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2024-06"]
}

# DESIGN.md §2.1 rule 9: without the month's figure, today's figure above the limit does not
# decide; the month is asked for.
test_fail_mau_threshold_month_asked_when_a_figure_is_above if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 800000000},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history"]
}

# ~900M around June 2024 but no June entry: today's 650M must not stand in for June.
test_fail_mau_threshold_history_above_today_below if {
	findings := _findings({
		"licensee": {
			"name": "A", "domicile": "US", "monthly_active_users": 650000000,
			"mau_history": {"2024-05": 900000000, "2024-07": 880000000},
		},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
	some item in findings
	item.clause == "mau-threshold"
	contains(item.message, "licensee.mau_history[\"2024-05\"]: 900000000")
}

# A product figure counts among the figures given.
test_fail_mau_threshold_product_figure_above if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 650000000},
		"product": object.union(testing.product, {"monthly_active_users": 800000000}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
}

# Every figure given is at or below the limit: the highest stands in, and the finding says so.
test_success_mau_threshold_highest_figure_stands_in if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 650000000, "mau_history": {"2024-09": 690000000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "mau-threshold"
	contains(item.message, "no figure for 2024-06; the highest figure given is licensee.mau_history[\"2024-09\"]")
	item.path == ["licensee", "mau_history", "2024-09"]
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

test_fail_attribution_display_wrong_wording if {
	product := object.union(_public, {"attribution": [{"text": "Built with Meta Llama 3", "where": "website"}]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

test_success_attribution_display_shown if {
	product := object.union(_public, {"attribution": [{"text": "Built with Llama", "where": "about-page"}]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
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

test_fail_derivative_naming_trained_on_outputs if {
	findings := _findings({
		"models": [testing.model(_id), testing.model("mistralai/Mistral-7B-v0.1")],
		"derived_models": [testing.derived("acme/Mistral-Distilled", ["mistralai/Mistral-7B-v0.1"], [_id], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/Mistral-Distilled", "violated"]}
}

test_success_derivative_naming_prefix_after_org if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("acme/Llama-3.1-Acme-8B", [_id], [], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/Llama-3.1-Acme-8B", "satisfied"]}
}

test_success_derivative_naming_quiet_when_not_released if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("Acme-Internal-8B", [_id], [], "none")],
	})
	testing.statuses(findings, "derivative-naming") == set()
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

test_fail_notice_file_wrong_text if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Llama 3 is licensed under the Meta Llama 3 Community License",
	)
	findings := llama3_1.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_notice if {
	text := "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved."
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), text)
	findings := llama3_1.findings with input as document
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
	findings := _findings({"models": [testing.model("mistralai/Mistral-7B-v0.1")]})
	testing.statuses(findings, "acceptable-use") == set()
}

# No output-use ban from 3.1 on: a model trained on 3.1 outputs gets naming duties only.
test_success_no_output_use_clause if {
	findings := _findings({
		"models": [testing.model(_id), testing.model("mistralai/Mistral-7B-v0.1")],
		"derived_models": [testing.derived("Llama-Student", ["mistralai/Mistral-7B-v0.1"], [_id], "weights")],
	})
	testing.statuses(findings, "output-use") == set()
}
