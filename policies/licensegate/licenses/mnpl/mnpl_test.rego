package licensegate.licenses.mnpl_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.mnpl

_id := "mistralai/Codestral-22B-v0.1"

_apache := "mistralai/Mistral-7B-v0.3"

_findings(overrides) := result if {
	result := mnpl.findings with input as testing.doc(overrides)
}

# A company evaluating Codestral in-house for a future commercial product.
_evaluation := object.union(testing.product, {"environment": "evaluation"})

_shipping := object.union(_evaluation, {"commercial": false, "ships_weights": true})

# non-production ---------------------------------------------------------------------------

test_fail_non_production_production_environment if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "violated"]}
}

test_fail_non_production_staging_for_customers if {
	# Not "production", but customers interact with it directly (§9).
	product := object.union(_evaluation, {"environment": "staging", "audience": "customers"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "violated"]}
}

test_fail_non_production_fine_tune_offered_as_service if {
	product := object.union(_evaluation, {"commercial": false})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Codestral-SQL", [_id], [], "api")],
	})
	testing.statuses(findings, "non-production") == {[_id, "satisfied"], ["acme/Codestral-SQL", "violated"]}
}

test_success_non_production_in_house_evaluation if {
	findings := _findings({"product": _evaluation, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-production") == {[_id, "satisfied"]}
}

test_success_non_production_outputs_are_not_derivatives if {
	# §9: Outputs are not Derivatives, so a student trained on them is not bound.
	findings := _findings({
		"product": _evaluation,
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _apache, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Coder-7B", [_apache], [_id], "api")],
	})
	testing.statuses(findings, "non-production") == {[_id, "satisfied"]}
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# non-commercial ---------------------------------------------------------------------------

test_fail_non_commercial_hosted_for_customers if {
	product := object.union(testing.product, {"audience": "customers"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
	some item in findings
	item.clause == "non-commercial"
	contains(item.message, "product.audience: customers")
}

test_fail_non_commercial_derivative_weights_published if {
	findings := _findings({
		"product": _evaluation,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Codestral-SQL", [_id], [], "weights")],
	})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"], ["acme/Codestral-SQL", "violated"]}
}

test_success_non_commercial_in_house_evaluation_by_company if {
	findings := _findings({"product": _evaluation, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

test_success_non_commercial_personal_project if {
	product := object.union(_evaluation, {"commercial": false, "audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# license-copy and notice-file -------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

test_fail_notice_file_not_named if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == {[_id, "missing-facts"]}
}

test_fail_notice_file_research_license_notice if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Licensed by Mistral AI under the Mistral AI Research License",
	)
	findings := mnpl.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_contains_notice if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Codestral-22B-v0.1 Licensed by Mistral AI under the Mistral AI Non-Production License",
	)
	findings := mnpl.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

# modified-files-notice --------------------------------------------------------------------

test_fail_modified_files_notice_unmarked if {
	derived := object.union(testing.derived("me/Codestral-Lua", [_id], [], "weights"), {"modified_files_marked": false})
	product := object.union(_evaluation, {"commercial": false})
	findings := _findings({"product": product, "models": [{"id": _id, "uses": ["fine-tuning"]}], "derived_models": [derived]})
	testing.statuses(findings, "modified-files-notice") == {["me/Codestral-Lua", "violated"]}
}

test_success_modified_files_notice_marked if {
	derived := object.union(testing.derived("me/Codestral-Lua", [_id], [], "weights"), {"modified_files_marked": true})
	product := object.union(_evaluation, {"commercial": false})
	findings := _findings({"product": product, "models": [{"id": _id, "uses": ["fine-tuning"]}], "derived_models": [derived]})
	testing.statuses(findings, "modified-files-notice") == {["me/Codestral-Lua", "satisfied"]}
	testing.statuses(findings, "license-copy") == set()
}
