package licensegate.licenses.flux_1_dev_non_commercial_license_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.flux_1_dev_non_commercial_license as flux

_id := "black-forest-labs/FLUX.1-dev"

_findings(overrides) := result if {
	result := flux.findings with input as testing.doc(overrides)
}

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_shipping := object.union(_research, {"ships_weights": true})

_lora := "lab/flux-dev-botany-lora"

_fine_tune(release, marked) := {
	"product": _research,
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(
		testing.derived(_lora, [_id], [], release),
		{"llm": false, "modified_files_marked": marked},
	)],
}

_student := "lab/tiny-image-model"

_distilled(product) := {
	"product": product,
	"models": [{"id": _id, "uses": ["synthetic-data"]}],
	"derived_models": [object.union(testing.derived(_student, [], [_id], "none"), {"llm": false})],
}

# non-commercial ---------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

# "use to train, fine tune or distill other models for commercial use" is not Non-Commercial.
test_fail_non_commercial_training_a_commercial_student if {
	findings := _findings(_distilled(testing.product))
	testing.statuses(findings, "non-commercial") == {[_id, "violated"], [_student, "violated"]}
}

test_success_non_commercial_research if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# non-production ---------------------------------------------------------------------------

test_fail_non_production_free_production_service if {
	product := object.union(_research, {"environment": "production"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "violated"]}
}

# A non-commercial staging demo open to the public still reaches end users.
test_fail_non_production_public_demo_reaches_end_users if {
	product := object.union(_research, {"environment": "staging", "audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "violated"]}
}

test_fail_non_production_derived_model_served if {
	findings := _findings(_fine_tune("api", true))
	testing.statuses(findings, "non-production") == {[_id, "satisfied"], [_lora, "violated"]}
}

test_success_non_production_research_with_published_lora if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "non-production") == {[_id, "satisfied"], [_lora, "satisfied"]}
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_student_needs_attestation if {
	findings := _findings(_distilled(_research))
	testing.statuses(findings, "output-use") == {[_student, "needs-attestation"]}
}

test_fail_output_use_teacher_without_declared_student if {
	findings := _findings({"product": _research, "models": [{"id": _id, "uses": ["training-feedback"]}]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

test_success_output_use_quiet_for_fine_tune if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "output-use") == set()
}

# guardrails -------------------------------------------------------------------------------

test_fail_guardrails_need_attestation if {
	findings := _findings({"product": _research, "models": [testing.model("black-forest-labs/FLUX.1-Kontext-dev")]})
	testing.statuses(findings, "guardrails") == {["black-forest-labs/FLUX.1-Kontext-dev", "needs-attestation"]}
}

# FLUX.1 [schnell] is Apache-2.0: no content-filter condition.
test_success_guardrails_quiet_for_schnell if {
	findings := _findings({"models": [testing.model("black-forest-labs/FLUX.1-schnell")]})
	testing.statuses(findings, "guardrails") == set()
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

# The August 2024 notice ("Black Forest Labs. Inc.") is not the v1.1.1 notice.
test_fail_notice_file_with_the_2024_notice if {
	old := data.licensegate.licenses.flux_1_dev_non_commercial_license_2024_08.notice
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), old)
	findings := flux.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_the_notice if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), flux.notice)
	findings := flux.findings with input as document
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
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

# A manifest that declares the August 2024 text (the catalog's alternative) is judged by it alone.
test_success_acceptable_use_quiet_for_the_2024_text if {
	model := object.union(testing.model(_id), {"license": "flux-1-dev-non-commercial-license-2024-08"})
	findings := _findings({"product": _research, "models": [model]})
	testing.statuses(findings, "acceptable-use") == set()
}

# DESIGN.md §2.1 rule 8: a fine-tuned model without its derived model declared.
test_fail_modified_files_notice_fine_tune_without_declared_student if {
	model := object.union(testing.model(_id), {"license": "flux-1-dev-non-commercial-license", "uses": ["fine-tuning"]})
	findings := _findings({"product": _research, "models": [model]})
	testing.statuses(findings, "modified-files-notice") == {[_id, "missing-facts"]}
}
