package licensegate.licenses.tongyi_qianwen_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.tongyi_qianwen

_id := "Qwen/Qwen-14B-Chat"

_mistral := "mistralai/Mistral-7B-v0.3"

_tuned := "acme/Qwen-14B-Chat-Support"

_notice := "Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved."

_findings(overrides) := result if {
	result := tongyi_qianwen.findings with input as testing.doc(overrides)
}

_product(fields) := object.union(testing.product, fields)

_shipping := _product({"ships_weights": true})

_fine_tune(release, marked) := {
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(testing.derived(_tuned, [_id], [], release), {"modified_files_marked": marked})],
}

# product-mau-threshold ----------------------------------------------------------------------

test_fail_product_mau_threshold_above_limit if {
	findings := _findings({"product": _product({"monthly_active_users": 100000001}), "models": [testing.model(_id)]})
	testing.statuses(findings, "product-mau-threshold") == {[_id, "violated"]}
}

# §4 counts the product's users, not the licensee's: a small product of a large licensee passes.
test_success_product_mau_threshold_product_figure_decides if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "CN", "monthly_active_users": 900000000},
		"product": _product({"monthly_active_users": 100000000}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "product-mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "product-mau-threshold"
	item.path == ["product", "monthly_active_users"]
}

test_fail_product_mau_threshold_missing_figure if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "CN", "monthly_active_users": 300000000},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "product-mau-threshold") == {[_id, "missing-facts"]}
}

test_fail_product_mau_threshold_no_figures_at_all if {
	findings := _findings({"licensee": {"name": "A", "domicile": "CN"}, "models": [testing.model(_id)]})
	testing.statuses(findings, "product-mau-threshold") == {[_id, "missing-facts"]}
}

# No product figure, but the licensee's users across all products are within the limit.
test_success_product_mau_threshold_bounded_by_licensee_figure if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "product-mau-threshold") == {[_id, "satisfied"]}
	some item in findings
	item.clause == "product-mau-threshold"
	item.path == ["licensee", "monthly_active_users"]
}

test_success_product_mau_threshold_quiet_for_non_commercial_use if {
	findings := _findings({"product": _product({"commercial": false, "monthly_active_users": 500000000}), "models": [testing.model(_id)]})
	testing.statuses(findings, "product-mau-threshold") == set()
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_other_llm_trained_on_outputs if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _mistral, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Mistral-Student", [_mistral], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/Mistral-Student", "violated"]}
}

test_fail_output_use_undeclared_student if {
	findings := _findings({"models": [{"id": _id, "uses": ["distillation-teacher"]}]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

test_success_output_use_tongyi_qianwen_derivative if {
	findings := _findings({
		"models": [{"id": "Qwen/Qwen-72B-Chat", "uses": ["distillation-teacher"]}, {"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Qwen-14B-Distilled", [_id], ["Qwen/Qwen-72B-Chat"], "weights")],
	})
	testing.statuses(findings, "output-use") == {["acme/Qwen-14B-Distilled", "satisfied"]}
}

test_success_output_use_not_an_llm if {
	student := object.union(testing.derived("acme/intent-classifier", ["google-bert/bert-base"], [_id], "api"), {"llm": false})
	findings := _findings({
		"models": [
			{"id": _id, "uses": ["synthetic-data"]},
			{"id": "google-bert/bert-base", "license": "apache-2.0", "uses": ["fine-tuning"]},
		],
		"derived_models": [student],
	})
	testing.statuses(findings, "output-use") == {["acme/intent-classifier", "satisfied"]}
}

# license-copy, modified-files-notice, notice-file -------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	findings := _findings({"product": object.union(_shipping, {"license_copies_included": false}), "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_success_license_copy_included if {
	findings := _findings({"product": object.union(_shipping, {"license_copies_included": true}), "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

test_success_license_copy_quiet_for_api_only if {
	findings := _findings({"product": _product({"audience": "public"}), "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == set()
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
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == {[_id, "missing-facts"]}
}

# The RESEARCH notice is a different text.
test_fail_notice_file_research_notice_instead if {
	text := concat(" ", [
		"Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT,",
		"Copyright (c) Alibaba Cloud. All Rights Reserved.",
	])
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), text)
	findings := tongyi_qianwen.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc(_fine_tune("weights", true)), _notice)
	findings := tongyi_qianwen.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "satisfied"]}
}
