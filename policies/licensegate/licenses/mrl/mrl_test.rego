package licensegate.licenses.mrl_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.mrl

_id := "mistralai/Mistral-Large-Instruct-2407"

_apache := "mistralai/Mistral-7B-v0.3"

_findings(overrides) := result if {
	result := mrl.findings with input as testing.doc(overrides)
}

# A university lab's in-house research setting.
_lab := object.union(testing.product, {"commercial": false, "environment": "research"})

_shipping := object.union(_lab, {"ships_weights": true})

# non-commercial ---------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_fail_non_commercial_commercial_evaluation_is_not_research if {
	# Testing or a proof of concept meant to generate revenue is not a Research Purpose (§9).
	product := object.union(testing.product, {"environment": "evaluation"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_fail_non_commercial_outputs_train_commercial_model if {
	# §4.2: Outputs are bound by §3 too, so the student inherits the research-only limit.
	findings := _findings({
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _apache, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Support-7B", [_apache], [_id], "api")],
	})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"], ["acme/Support-7B", "violated"]}
}

# The scope of the grant is a fact (DESIGN.md §2.1 rule 5): production is outside Research
# Purposes, whatever the product earns.
test_fail_non_commercial_production_is_violated if {
	product := object.union(_lab, {"environment": "production"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_fail_non_commercial_staging_asks_which_it_is if {
	product := object.union(_lab, {"environment": "staging"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "missing-facts"]}
}

test_fail_non_commercial_public_research_demo_needs_a_person if {
	# §9 excludes any Distribution by a commercial entity, even free or as SaaS.
	product := object.union(_lab, {"audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "needs-attestation"]}
	some item in findings
	contains(item.message, "product.audience: public")
}

test_success_non_commercial_in_house_research if {
	findings := _findings({"product": _lab, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

test_success_non_commercial_in_house_evaluation_of_fine_tune if {
	product := object.union(_lab, {"environment": "evaluation"})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["fine-tuning", "evaluation"]}],
		"derived_models": [testing.derived("lab/Large-Probe", [_id], [], "none")],
	})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"], ["lab/Large-Probe", "satisfied"]}
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

test_success_license_copy_not_asked_for_own_derivative if {
	# §2.3: the licensee's own Derivatives may go out under other terms (modified notice only).
	product := object.union(_lab, {"license_copies_included": false})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("lab/Large-Legal", [_id], [], "weights")],
	})
	testing.statuses(findings, "license-copy") == set()
	testing.statuses(findings, "notice-file") == set()
}

test_fail_notice_file_not_named if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == {[_id, "missing-facts"]}
}

test_fail_notice_file_wrong_license_named if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Licensed by Mistral AI under the Mistral AI Non-Production License",
	)
	findings := mrl.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_contains_notice if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Mistral-Large-Instruct-2407. Licensed by Mistral AI under the Mistral AI Research License",
	)
	findings := mrl.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

# modified-files-notice --------------------------------------------------------------------

test_fail_modified_files_notice_unmarked if {
	derived := object.union(testing.derived("lab/Large-Legal", [_id], [], "weights"), {"modified_files_marked": false})
	findings := _findings({"product": _lab, "models": [{"id": _id, "uses": ["fine-tuning"]}], "derived_models": [derived]})
	testing.statuses(findings, "modified-files-notice") == {["lab/Large-Legal", "violated"]}
}

test_fail_modified_files_notice_unknown if {
	findings := _findings({
		"product": _lab,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("lab/Large-Legal", [_id], [], "weights")],
	})
	testing.statuses(findings, "modified-files-notice") == {["lab/Large-Legal", "missing-facts"]}
}

test_success_modified_files_notice_marked if {
	derived := object.union(testing.derived("lab/Large-Legal", [_id], [], "weights"), {"modified_files_marked": true})
	findings := _findings({"product": _lab, "models": [{"id": _id, "uses": ["fine-tuning"]}], "derived_models": [derived]})
	testing.statuses(findings, "modified-files-notice") == {["lab/Large-Legal", "satisfied"]}
}

test_success_modified_files_notice_quiet_for_outputs_only if {
	findings := _findings({
		"product": _lab,
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _apache, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("lab/Student-7B", [_apache], [_id], "weights")],
	})
	testing.statuses(findings, "modified-files-notice") == set()
}
