package licensegate.licenses.nvidia_open_model_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.nvidia_open_model as nvidia

_t2w := "nvidia/Cosmos-1.0-Diffusion-7B-Text2World"

_v2w := "nvidia/Cosmos-1.0-Autoregressive-5B-Video2World"

# Text in, text out: not multimodal, so not an "NVIDIA Cosmos Model" under §1.1.
_upsampler := "nvidia/Cosmos-1.0-Prompt-Upsampler-12B-Text2World"

_findings(overrides) := result if {
	result := nvidia.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_cosmos_shown(product) := object.union(product, {"attribution": [{"text": "Built on NVIDIA Cosmos", "where": "documentation"}]})

_notice := "Licensed by NVIDIA Corporation under the NVIDIA Open Model License"

# license-copy and notice-file -------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model(_t2w)]})
	testing.statuses(findings, "license-copy") == {[_t2w, "violated"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_t2w)]})
	testing.statuses(findings, "license-copy") == {[_t2w, "satisfied"]}
}

test_success_license_copy_quiet_for_hosted_service if {
	findings := _findings({"product": _public, "models": [testing.model(_t2w)]})
	testing.statuses(findings, "license-copy") == set()
}

test_fail_notice_file_not_named if {
	findings := _findings({"product": _shipping, "models": [testing.model(_t2w)]})
	testing.statuses(findings, "notice-file") == {[_t2w, "missing-facts"]}
}

test_fail_notice_file_wrong_text if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_t2w)]}), "NVIDIA Cosmos")
	findings := nvidia.findings with input as document
	testing.statuses(findings, "notice-file") == {[_t2w, "violated"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_t2w)]}), _notice)
	findings := nvidia.findings with input as document
	testing.statuses(findings, "notice-file") == {[_t2w, "satisfied"]}
}

# guardrails -------------------------------------------------------------------------------

test_fail_guardrails_modified_ends_rights if {
	model := object.union(testing.model(_t2w), {"guardrails_modified": true})
	findings := _findings({"models": [model]})
	testing.statuses(findings, "guardrails") == {[_t2w, "violated"]}
}

test_success_guardrails_unchanged if {
	findings := _findings({"models": [testing.model(_t2w), testing.model(_upsampler)]})
	testing.statuses(findings, "guardrails") == {[_t2w, "satisfied"], [_upsampler, "satisfied"]}
}

# attribution-display ("Built on NVIDIA Cosmos") --------------------------------------------

test_fail_attribution_display_cosmos_in_public_product if {
	findings := _findings({"product": _public, "models": [testing.model(_t2w)]})
	testing.statuses(findings, "attribution-display") == {[_t2w, "violated"]}
}

# §3.2 reaches an in-house model trained on a Cosmos model's outputs, released or not.
test_fail_attribution_display_internal_model_trained_on_cosmos_outputs if {
	findings := _findings({
		"models": [{"id": _v2w, "uses": ["synthetic-data"]}],
		"derived_models": [object.union(testing.derived("acme/robot-policy", [], [_v2w], "none"), {"llm": false})],
	})
	testing.statuses(findings, "attribution-display") == {[_v2w, "violated"], ["acme/robot-policy", "violated"]}
}

# An uncatalogued model under the license without modalities: is it a Cosmos Model?
test_fail_attribution_display_unknown_modalities if {
	model := {"id": "acme/cosmos-t2w-int8", "license": "nvidia-open-model", "uses": ["inference"]}
	findings := _findings({"product": _public, "models": [model]})
	testing.statuses(findings, "attribution-display") == {["acme/cosmos-t2w-int8", "missing-facts"]}
}

test_success_attribution_display_shown if {
	findings := _findings({
		"product": _cosmos_shown(_public),
		"models": [testing.model(_t2w), {"id": _v2w, "uses": ["fine-tuning"]}],
		"derived_models": [object.union(testing.derived("acme/warehouse-world", [_v2w], [], "none"), {"llm": false})],
	})
	testing.statuses(findings, "attribution-display") == {
		[_t2w, "satisfied"], [_v2w, "satisfied"], ["acme/warehouse-world", "satisfied"],
	}
}

# The prompt upsampler is text-only, so §3.2 does not reach it.
# A model trained on the outputs of an uncatalogued model whose modalities nobody states: it may
# be a Cosmos Model's student, so the attribution duty is missing-facts for both...
test_fail_attribution_display_student_of_unknown_modalities if {
	model := {"id": "acme/world-int8", "license": "nvidia-open-model", "uses": ["synthetic-data"]}
	findings := _findings({
		"models": [model],
		"derived_models": [object.union(testing.derived("acme/robot-policy", [], ["acme/world-int8"], "none"), {"llm": false})],
	})
	testing.statuses(findings, "attribution-display") == {["acme/world-int8", "missing-facts"], ["acme/robot-policy", "missing-facts"]}
	some item in findings
	item.subject == "acme/robot-policy"
	item.clause == "attribution-display"
	item.path == ["derived_models", 0]
}

# ... and satisfied once the attribution is shown anyway.
test_success_attribution_display_shown_for_unknown_modalities if {
	model := {"id": "acme/world-int8", "license": "nvidia-open-model", "uses": ["synthetic-data"]}
	findings := _findings({
		"product": _cosmos_shown(testing.product),
		"models": [model],
		"derived_models": [object.union(testing.derived("acme/robot-policy", [], ["acme/world-int8"], "none"), {"llm": false})],
	})
	testing.statuses(findings, "attribution-display") == {["acme/world-int8", "satisfied"], ["acme/robot-policy", "satisfied"]}
}

test_success_attribution_display_quiet_for_text_only_model if {
	findings := _findings({"product": _public, "models": [testing.model(_upsampler)]})
	testing.statuses(findings, "attribution-display") == set()
}

test_success_attribution_display_stated_text_only if {
	model := {
		"id": "acme/upsampler-int8", "license": "nvidia-open-model", "uses": ["inference"],
		"modalities": ["text"], "multimodal": false, "guardrails_modified": false,
	}
	findings := _findings({"product": _public, "models": [model]})
	testing.statuses(findings, "attribution-display") == set()
}

# Using only text of an uncatalogued model does not tell whether it is a Cosmos Model.
test_fail_attribution_display_text_use_does_not_decide if {
	model := {
		"id": "acme/upsampler-int8", "license": "nvidia-open-model", "uses": ["inference"],
		"modalities": ["text"], "guardrails_modified": false,
	}
	findings := _findings({"product": _public, "models": [model]})
	testing.statuses(findings, "attribution-display") == {["acme/upsampler-int8", "missing-facts"]}
}

# Shipped weights distribute a Cosmos Model even to an internal audience.
test_fail_attribution_display_shipped_weights if {
	product := object.union(testing.product, {"ships_weights": true})
	findings := _findings({"product": product, "models": [testing.model(_t2w)]})
	testing.statuses(findings, "attribution-display") == {[_t2w, "violated"]}
}

# The grant depends on the guardrails: silence is not "unchanged" (DESIGN.md §2.1 rule 1).
test_fail_guardrails_not_stated if {
	findings := _findings({"models": [{"id": _t2w, "uses": ["inference"]}]})
	testing.statuses(findings, "guardrails") == {[_t2w, "missing-facts"]}
}

test_success_attribution_display_quiet_for_internal_inference if {
	findings := _findings({"models": [testing.model(_t2w)]})
	testing.statuses(findings, "attribution-display") == set()
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"models": [testing.model(_t2w)]})
	testing.statuses(findings, "acceptable-use") == {[_t2w, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("databricks/dbrx-instruct")]})
	testing.statuses(findings, "acceptable-use") == set()
}
