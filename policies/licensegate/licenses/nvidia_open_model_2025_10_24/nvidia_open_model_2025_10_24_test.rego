package licensegate.licenses.nvidia_open_model_2025_10_24_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.nvidia_open_model as january
import data.licensegate.licenses.nvidia_open_model_2025_10_24 as nvidia

_license := "nvidia-open-model-2025-10-24"

# A video model mirrored in the organisation's registry, released under the October 2025 text
# (not in the catalog: the manifest declares the license and whether the model is multimodal).
_video := "acme-registry/world-model-2b"

# A text model under the same text.
_text := "acme-registry/reasoning-8b"

_model(id, multimodal, guardrails) := {
	"id": id,
	"license": _license,
	"uses": ["inference"],
	"multimodal": multimodal,
	"guardrails_modified": guardrails,
}

_findings(overrides) := result if {
	result := nvidia.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_cosmos_shown(product) := object.union(product, {"attribution": [{"text": "Built on NVIDIA Cosmos", "where": "documentation"}]})

_notice := "Licensed by NVIDIA Corporation under the NVIDIA Open Model License"

# Which text governs -----------------------------------------------------------------------

# A model declared under the October text is judged by it alone, not by the January package.
test_success_guardrails_declared_text_is_judged_alone if {
	document := testing.doc({"models": [_model(_text, false, false)]})
	january_findings := january.findings with input as document
	january_findings == set()
	findings := nvidia.findings with input as document
	testing.statuses(findings, "guardrails") == {[_text, "satisfied"]}
}

# guardrails -------------------------------------------------------------------------------

# The October text: a changed Guardrail ends the rights only without a substantially similar one,
# which a person judges.
test_fail_guardrails_modified_needs_a_person if {
	findings := _findings({"models": [_model(_text, false, true)]})
	testing.statuses(findings, "guardrails") == {[_text, "needs-attestation"]}
}

test_fail_guardrails_not_stated if {
	findings := _findings({"models": [{"id": _text, "license": _license, "uses": ["inference"], "multimodal": false}]})
	testing.statuses(findings, "guardrails") == {[_text, "missing-facts"]}
}

test_success_guardrails_unchanged if {
	findings := _findings({"models": [_model(_text, false, false)]})
	testing.statuses(findings, "guardrails") == {[_text, "satisfied"]}
}

# license-copy and notice-file -------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [_model(_text, false, false)]})
	testing.statuses(findings, "license-copy") == {[_text, "violated"]}
}

# A copy list that names only the January text leaves the October copy out.
test_fail_license_copy_list_names_january_text if {
	product := object.union(_shipping, {"license_copies_included": ["nvidia-open-model"]})
	findings := _findings({"product": product, "models": [_model(_text, false, false)]})
	testing.statuses(findings, "license-copy") == {[_text, "violated"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": [_license]})
	findings := _findings({"product": product, "models": [_model(_text, false, false)]})
	testing.statuses(findings, "license-copy") == {[_text, "satisfied"]}
}

test_fail_notice_file_not_named if {
	findings := _findings({"product": _shipping, "models": [_model(_text, false, false)]})
	testing.statuses(findings, "notice-file") == {[_text, "missing-facts"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [_model(_text, false, false)]}), _notice)
	findings := nvidia.findings with input as document
	testing.statuses(findings, "notice-file") == {[_text, "satisfied"]}
}

# attribution-display ----------------------------------------------------------------------

test_fail_attribution_display_cosmos_in_public_product if {
	findings := _findings({"product": _public, "models": [_model(_video, true, false)]})
	testing.statuses(findings, "attribution-display") == {[_video, "violated"]}
}

test_fail_attribution_display_unknown_modalities if {
	model := {"id": _video, "license": _license, "uses": ["inference"], "guardrails_modified": false}
	findings := _findings({"product": _public, "models": [model]})
	testing.statuses(findings, "attribution-display") == {[_video, "missing-facts"]}
}

# "use a NVIDIA Cosmos Model or its outputs to ... improve an AI model", even one kept in-house.
test_fail_attribution_display_internal_student_of_cosmos_outputs if {
	teacher := object.union(_model(_video, true, false), {"uses": ["synthetic-data"]})
	findings := _findings({
		"models": [teacher],
		"derived_models": [testing.derived("acme/robot-policy", [], [_video], "none")],
	})
	testing.statuses(findings, "attribution-display") == {[_video, "violated"], ["acme/robot-policy", "violated"]}
}

test_success_attribution_display_shown if {
	findings := _findings({"product": _cosmos_shown(_public), "models": [_model(_video, true, false)]})
	testing.statuses(findings, "attribution-display") == {[_video, "satisfied"]}
}

# A model trained on the outputs of an uncatalogued model whose modalities nobody states: it may
# be a Cosmos Model's student, so the attribution duty is missing-facts for both...
test_fail_attribution_display_student_of_unknown_modalities if {
	model := {"id": "acme/world-int8", "license": _license, "uses": ["synthetic-data"]}
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
	model := {"id": "acme/world-int8", "license": _license, "uses": ["synthetic-data"]}
	findings := _findings({
		"product": _cosmos_shown(testing.product),
		"models": [model],
		"derived_models": [object.union(testing.derived("acme/robot-policy", [], ["acme/world-int8"], "none"), {"llm": false})],
	})
	testing.statuses(findings, "attribution-display") == {["acme/world-int8", "satisfied"], ["acme/robot-policy", "satisfied"]}
}

test_success_attribution_display_quiet_for_text_only_model if {
	findings := _findings({"product": _public, "models": [_model(_text, false, false)]})
	testing.statuses(findings, "attribution-display") == set()
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"models": [_model(_text, false, false)]})
	testing.statuses(findings, "acceptable-use") == {[_text, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("nvidia/Cosmos-1.0-Diffusion-7B-Text2World")]})
	findings == set()
}
