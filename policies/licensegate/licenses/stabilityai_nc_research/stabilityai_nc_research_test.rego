package licensegate.licenses.stabilityai_nc_research_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.stabilityai_nc_research as ncresearch

_id := "stabilityai/sdxl-turbo"

_findings(overrides) := result if {
	result := ncresearch.findings with input as testing.doc(overrides)
}

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_shipping := object.union(_research, {"ships_weights": true})

_lora := "lab/sdxl-turbo-sketches-lora"

_fine_tune(release, marked) := {
	"product": _research,
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(
		testing.derived(_lora, [_id], [], release),
		{"llm": false, "modified_files_marked": marked},
	)],
}

# non-commercial ---------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_success_non_commercial_research if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# non-production ---------------------------------------------------------------------------

# A free (non-commercial) service in production is still production use.
test_fail_non_production_free_production_service if {
	product := object.union(_research, {"environment": "production"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "violated"]}
}

test_success_non_production_research if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "satisfied"]}
}

# third-party-hosting ----------------------------------------------------------------------

test_fail_third_party_hosting_public_demo if {
	product := object.union(_research, {"audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "third-party-hosting") == {[_id, "violated"]}
}

test_fail_third_party_hosting_derived_model_served if {
	findings := _findings(_fine_tune("api", true))
	testing.statuses(findings, "third-party-hosting") == {[_id, "satisfied"], [_lora, "violated"]}
}

# "Merely distributing ... for download online without offering any related service" is allowed.
test_success_third_party_hosting_weights_published_for_download if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "third-party-hosting") == {[_id, "satisfied"], [_lora, "satisfied"]}
}

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_unknown_for_published_lora if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "license-copy") == {[_lora, "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

# notice-file ------------------------------------------------------------------------------

test_fail_notice_file_community_notice_is_not_this_one if {
	wrong := data.licensegate.licenses.stabilityai_community.notice
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), wrong)
	findings := ncresearch.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_the_notice if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), ncresearch.notice)
	findings := ncresearch.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

# modified-files-notice --------------------------------------------------------------------

test_fail_modified_files_notice_not_stated if {
	findings := _findings(_fine_tune("weights", false))
	testing.statuses(findings, "modified-files-notice") == {[_lora, "violated"]}
}

test_success_modified_files_notice_stated if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "modified-files-notice") == {[_lora, "satisfied"]}
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"product": _research, "models": [testing.model("stabilityai/sd-turbo")]})
	testing.statuses(findings, "acceptable-use") == {["stabilityai/sd-turbo", "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("stabilityai/stable-diffusion-3.5-large")]})
	testing.statuses(findings, "acceptable-use") == set()
}

# DESIGN.md §2.1 rule 8: a fine-tuned model without its derived model declared.
test_fail_license_copy_fine_tune_without_declared_student if {
	findings := _findings({"models": [{"id": _id, "uses": ["fine-tuning"]}]})
	testing.statuses(findings, "license-copy") == {[_id, "missing-facts"]}
}
