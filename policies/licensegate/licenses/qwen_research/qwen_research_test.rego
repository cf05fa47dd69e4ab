package licensegate.licenses.qwen_research_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.qwen_research

_id := "Qwen/Qwen2.5-3B-Instruct"

_mistral := "mistralai/Mistral-7B-v0.3"

_tuned := "lab/Qwen2.5-3B-Bio"

_student := "lab/Mistral-7B-Qwen-Distilled"

_notice := "Qwen is licensed under the Qwen RESEARCH LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved."

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_findings(overrides) := result if {
	result := qwen_research.findings with input as testing.doc(overrides)
}

_shown(text, where) := object.union(_research, {"attribution": [{"text": text, "where": where}]})

_fine_tune(release, marked) := {
	"product": _research,
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(testing.derived(_tuned, [_id], [], release), {"modified_files_marked": marked})],
}

# A Mistral model trained on outputs of Qwen2.5-3B, released as `release`.
_distilled(release) := {
	"product": _research,
	"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _mistral, "uses": ["fine-tuning"]}],
	"derived_models": [testing.derived(_student, [_mistral], [_id], release)],
}

_with_product(overrides, product) := object.union(overrides, {"product": product})

# non-commercial -----------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_success_non_commercial_evaluation if {
	product := object.union(_research, {"environment": "evaluation"})
	findings := _findings({"product": product, "models": [{"id": _id, "uses": ["evaluation"]}]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# attribution-display ------------------------------------------------------------------------

test_fail_attribution_display_released_fine_tune_without_statement if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "attribution-display") == {[_tuned, "violated"]}
}

# §4.b reaches models trained on the outputs too: "or any outputs or results therefrom".
test_fail_attribution_display_student_behind_api if {
	findings := _findings(_distilled("api"))
	testing.statuses(findings, "attribution-display") == {[_student, "violated"]}
}

# The statement must be in the related product documentation.
test_fail_attribution_display_shown_only_on_website if {
	findings := _findings(_with_product(_distilled("weights"), _shown("Built with Qwen", "website")))
	testing.statuses(findings, "attribution-display") == {[_student, "violated"]}
	some item in findings
	item.clause == "attribution-display"
	contains(item.message, "not in the product documentation")
}

test_success_attribution_display_built_with_qwen if {
	findings := _findings(_with_product(_fine_tune("weights", true), _shown("Built with Qwen", "documentation")))
	testing.statuses(findings, "attribution-display") == {[_tuned, "satisfied"]}
}

test_success_attribution_display_improved_using_qwen if {
	findings := _findings(_with_product(_distilled("api"), _shown("Improved using Qwen", "documentation")))
	testing.statuses(findings, "attribution-display") == {[_student, "satisfied"]}
}

test_success_attribution_display_quiet_for_unreleased_model if {
	findings := _findings(_distilled("none"))
	testing.statuses(findings, "attribution-display") == set()
}

# Running the model itself in a product creates no model: §4.b does not apply.
test_success_attribution_display_quiet_for_plain_use if {
	product := object.union(_research, {"audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == set()
}

# No output ban in this text.
test_success_no_output_use_clause if {
	findings := _findings(_distilled("weights"))
	testing.statuses(findings, "output-use") == set()
}

# license-copy, modified-files-notice, notice-file -------------------------------------------

test_fail_license_copy_published_fine_tune_without_copy if {
	product := object.union(_research, {"license_copies_included": false})
	findings := _findings(_with_product(_fine_tune("weights", true), product))
	testing.statuses(findings, "license-copy") == {[_tuned, "violated"]}
}

test_success_license_copy_included if {
	product := object.union(_research, {"license_copies_included": true})
	findings := _findings(_with_product(_fine_tune("weights", true), product))
	testing.statuses(findings, "license-copy") == {[_tuned, "satisfied"]}
}

test_fail_modified_files_notice_not_marked if {
	findings := _findings(_fine_tune("weights", false))
	testing.statuses(findings, "modified-files-notice") == {[_tuned, "violated"]}
}

test_success_modified_files_notice_marked if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "modified-files-notice") == {[_tuned, "satisfied"]}
}

test_fail_notice_file_not_named if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "notice-file") == {[_tuned, "missing-facts"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc(_fine_tune("weights", true)), _notice)
	findings := qwen_research.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "satisfied"]}
}

# Non-commercial means research or evaluation purposes only, and the scope of a grant is a fact
# (DESIGN.md §2.1 rule 5): a free production service is outside it.
test_fail_non_commercial_free_production_service if {
	product := object.union(testing.product, {"commercial": false, "environment": "production", "audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

# Staging may or may not be evaluation: the manifest must say which.
test_fail_non_commercial_staging_asks_for_environment if {
	product := object.union(testing.product, {"commercial": false, "environment": "staging"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "missing-facts"]}
}
