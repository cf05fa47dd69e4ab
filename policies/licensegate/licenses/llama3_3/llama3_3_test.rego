package licensegate.licenses.llama3_3_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.llama3_3

_id := "meta-llama/Llama-3.3-70B-Instruct"

# Llama 3.3 is text-only; a multimodal model under it is one the catalog does not know.
_vision := "acme/Llama-3.3-Vision-Experimental"

_mistral := "mistralai/Mistral-7B-v0.1"

# A model the catalog does not know, declared under Llama 3.3.
_custom := "acme/Llama-3.3-Custom"

_findings(overrides) := result if {
	result := llama3_3.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_eu_licensee := object.union(testing.licensee, {"domicile": "DE"})

# _uncatalogued(modalities) lists _custom under llama3.3; an empty list states no modalities.
_uncatalogued(modalities) := {"id": _custom, "license": "llama3.3", "uses": ["inference"], "guardrails_modified": false} if {
	count(modalities) == 0
} else := {"id": _custom, "license": "llama3.3", "uses": ["inference"], "guardrails_modified": false, "modalities": modalities}

# _stated(multimodal) lists _custom with models[].multimodal stated, using only text.
_stated(multimodal) := {
	"id": _custom, "license": "llama3.3", "uses": ["inference"], "guardrails_modified": false,
	"modalities": ["text"], "multimodal": multimodal,
}

_teaching(id) := {"id": id, "uses": ["distillation-teacher"], "guardrails_modified": false}

# mau-threshold ----------------------------------------------------------------------------

test_fail_mau_threshold_history_above_limit if {
	findings := _findings({
		"licensee": object.union(testing.licensee, {"mau_history": {"2024-11": 700000001}}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
}

test_success_mau_threshold_history_wins_over_current if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 900000000, "mau_history": {"2024-11": 700000000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2024-11"]
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

test_fail_attribution_display_llama3_wording if {
	product := object.union(_public, {"attribution": [{"text": "Built with Meta Llama 3", "where": "website"}]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

test_success_attribution_display_shown if {
	product := object.union(_public, {"attribution": [{"text": "Built with Llama", "where": "user-interface"}]})
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
		"derived_models": [testing.derived("Acme-Support", [_id], [], "api")],
	})
	testing.statuses(findings, "derivative-naming") == {["Acme-Support", "violated"]}
}

# From 3.1 on the naming duty also covers models trained on outputs.
test_fail_derivative_naming_trained_on_outputs if {
	findings := _findings({
		"models": [_teaching(_id), testing.model(_mistral)],
		"derived_models": [testing.derived("acme/Mistral-Distilled", [_mistral], [_id], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/Mistral-Distilled", "violated"]}
}

test_success_derivative_naming_prefix_after_org if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("acme/Llama-Acme-Support", [_id], [], "weights")],
	})
	testing.statuses(findings, "derivative-naming") == {["acme/Llama-Acme-Support", "satisfied"]}
}

test_success_derivative_naming_quiet_when_not_released if {
	findings := _findings({
		"models": [testing.model(_id)],
		"derived_models": [testing.derived("Acme-Internal", [_id], [], "none")],
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

test_fail_notice_file_other_version if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
	)
	findings := llama3_3.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_notice if {
	text := "Llama 3.3 is licensed under the Llama 3.3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved."
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), text)
	findings := llama3_3.findings with input as document
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

# eu-multimodal ----------------------------------------------------------------------------

test_fail_eu_multimodal_eu_licensee_multimodal_model if {
	findings := _findings({"licensee": _eu_licensee, "models": [_stated(true)]})
	testing.statuses(findings, "eu-multimodal") == {[_custom, "violated"]}
}

test_success_eu_multimodal_us_licensee_multimodal_model if {
	findings := _findings({"models": [_stated(true)]})
	testing.statuses(findings, "eu-multimodal") == {[_custom, "satisfied"]}
}

# The only Llama 3.3 model Meta released is text-only: the EU paragraph has nothing to bite on.
test_success_eu_multimodal_quiet_for_llama3_3_70b if {
	findings := _findings({"licensee": _eu_licensee, "models": [testing.model(_id)]})
	testing.statuses(findings, "eu-multimodal") == set()
}

test_fail_eu_multimodal_unknown_modality if {
	findings := _findings({"licensee": _eu_licensee, "models": [_uncatalogued([])]})
	testing.statuses(findings, "eu-multimodal") == {[_custom, "missing-facts"]}
}

# The modalities a deployment uses never make a model text-only (DESIGN.md §2.1 rule 4).
test_fail_eu_multimodal_text_use_does_not_make_model_text_only if {
	findings := _findings({"licensee": _eu_licensee, "models": [_uncatalogued(["text"])]})
	testing.statuses(findings, "eu-multimodal") == {[_custom, "missing-facts"]}
}

test_fail_eu_multimodal_stated_multimodal_used_for_text if {
	findings := _findings({"licensee": _eu_licensee, "models": [_stated(true)]})
	testing.statuses(findings, "eu-multimodal") == {[_custom, "violated"]}
}

test_success_eu_multimodal_quiet_for_stated_text_only if {
	findings := _findings({"licensee": _eu_licensee, "models": [_stated(false)]})
	testing.statuses(findings, "eu-multimodal") == set()
}

# Réunion is an outermost region of the Union with its own ISO code.
test_fail_eu_multimodal_outermost_region if {
	findings := _findings({"licensee": object.union(_eu_licensee, {"domicile": "RE"}), "models": [_stated(true)]})
	testing.statuses(findings, "eu-multimodal") == {[_custom, "violated"]}
}

# No output-use ban from 3.1 on: a model trained on Llama 3.3 outputs gets naming duties only.
test_success_no_output_use_clause if {
	findings := _findings({
		"models": [_teaching(_id), testing.model(_mistral)],
		"derived_models": [testing.derived("Llama-Student", [_mistral], [_id], "weights")],
	})
	testing.statuses(findings, "output-use") == set()
}

# guardrails ------------------------------------------------------------------------------------

test_fail_guardrails_modified if {
	model := object.union(testing.model(_id), {"guardrails_modified": true})
	findings := _findings({"models": [model]})
	testing.statuses(findings, "guardrails") == {[_id, "violated"]}
}

test_success_guardrails_kept if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "guardrails") == {[_id, "satisfied"]}
}

# Without the fact, the question stays with the acceptable-use attestation (DESIGN.md §2.1 rule 1).
test_success_guardrails_quiet_when_not_stated if {
	findings := _findings({"models": [{"id": _id, "uses": ["inference"]}]})
	testing.statuses(findings, "guardrails") == set()
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}
