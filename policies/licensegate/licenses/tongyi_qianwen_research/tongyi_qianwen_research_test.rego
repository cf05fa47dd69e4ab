package licensegate.licenses.tongyi_qianwen_research_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.tongyi_qianwen_research

_id := "Qwen/Qwen-1_8B-Chat"

_mistral := "mistralai/Mistral-7B-v0.3"

_tuned := "lab/Qwen-1_8B-Chat-Eval"

_notice := concat(" ", [
	"Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT,",
	"Copyright (c) Alibaba Cloud. All Rights Reserved.",
])

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_findings(overrides) := result if {
	result := tongyi_qianwen_research.findings with input as testing.doc(overrides)
}

_fine_tune(release, marked) := {
	"product": object.union(_research, {"ships_weights": false}),
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(testing.derived(_tuned, [_id], [], release), {"modified_files_marked": marked})],
}

# non-commercial -----------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

# The derived model is reached too.
test_fail_non_commercial_commercial_fine_tune if {
	findings := _findings(object.union(_fine_tune("api", true), {"product": testing.product}))
	testing.statuses(findings, "non-commercial") == {[_id, "violated"], [_tuned, "violated"]}
}

test_success_non_commercial_research_use if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# output-use ---------------------------------------------------------------------------------

test_fail_output_use_other_llm_trained_on_outputs if {
	findings := _findings({
		"product": _research,
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _mistral, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("lab/Mistral-Student", [_mistral], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["lab/Mistral-Student", "violated"]}
}

test_success_output_use_tongyi_qianwen_derivative if {
	findings := _findings({
		"product": _research,
		"models": [{"id": _id, "uses": ["fine-tuning", "synthetic-data"]}],
		"derived_models": [testing.derived("lab/Qwen-1_8B-Self-Distilled", [_id], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["lab/Qwen-1_8B-Self-Distilled", "satisfied"]}
}

# license-copy, modified-files-notice, notice-file -------------------------------------------

test_fail_license_copy_published_fine_tune_unknown if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "license-copy") == {[_tuned, "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_research, {"license_copies_included": true})
	findings := _findings(object.union(_fine_tune("weights", true), {"product": product}))
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

# The commercial agreement's notice does not do for the RESEARCH agreement.
test_fail_notice_file_commercial_notice_instead if {
	text := "Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved."
	document := testing.with_notice(testing.doc(_fine_tune("weights", true)), text)
	findings := tongyi_qianwen_research.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "violated"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc(_fine_tune("weights", true)), _notice)
	findings := tongyi_qianwen_research.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "satisfied"]}
}

test_success_notice_file_quiet_without_distribution if {
	findings := _findings(_fine_tune("none", true))
	testing.statuses(findings, "notice-file") == set()
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
