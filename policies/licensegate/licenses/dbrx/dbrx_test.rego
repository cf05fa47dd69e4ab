package licensegate.licenses.dbrx_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.dbrx

_id := "databricks/dbrx-instruct"

_mistral := "mistralai/Mistral-7B-v0.3"

_findings(overrides) := result if {
	result := dbrx.findings with input as testing.doc(overrides)
}

_shipping := object.union(testing.product, {"ships_weights": true})

_notice := "DBRX is provided under and subject to the Databricks Open Model License, Copyright © Databricks, Inc. All rights reserved."

# mau-threshold ----------------------------------------------------------------------------

test_fail_mau_threshold_february_2024_above_limit if {
	findings := _findings({
		"licensee": object.union(testing.licensee, {"mau_history": {"2024-02": 700000001}}),
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2024-02"]
}

test_fail_mau_threshold_missing_figure if {
	findings := _findings({"licensee": {"name": "A", "domicile": "US"}, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "missing-facts"]}
}

# The month before the release counts, not the current figure.
test_success_mau_threshold_history_wins_over_current if {
	findings := _findings({
		"licensee": {"name": "A", "domicile": "US", "monthly_active_users": 900000000, "mau_history": {"2024-02": 650000000}},
		"models": [testing.model(_id)],
	})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_mistral_student_trained_on_dbrx_outputs if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _mistral, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Student-7B", [_mistral], [_id], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/Student-7B", "violated"]}
}

test_fail_output_use_teacher_without_declared_student if {
	findings := _findings({"models": [{"id": _id, "uses": ["distillation-teacher"]}]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

# A student built on DBRX Base weights is a DBRX Derivative.
test_success_output_use_dbrx_derivative_student if {
	base := "databricks/dbrx-base"
	findings := _findings({
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": base, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/DBRX-Support", [base], [_id], "api")],
	})
	testing.statuses(findings, "output-use") == {["acme/DBRX-Support", "satisfied"]}
}

test_success_output_use_non_llm_student if {
	student := object.union(testing.derived("acme/Ticket-Classifier", [], [_id], "api"), {"llm": false})
	findings := _findings({"models": [{"id": _id, "uses": ["synthetic-data"]}], "derived_models": [student]})
	testing.statuses(findings, "output-use") == {["acme/Ticket-Classifier", "satisfied"]}
}

# notice-file ------------------------------------------------------------------------------

test_fail_notice_file_not_named if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == {[_id, "missing-facts"]}
}

test_fail_notice_file_llama_notice if {
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_id)]}),
		"Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.",
	)
	findings := dbrx.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "violated"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_id)]}), _notice)
	findings := dbrx.findings with input as document
	testing.statuses(findings, "notice-file") == {[_id, "satisfied"]}
}

test_success_notice_file_quiet_for_hosted_api if {
	findings := _findings({"product": object.union(testing.product, {"audience": "public"}), "models": [testing.model(_id)]})
	testing.statuses(findings, "notice-file") == set()
}

# license-copy -----------------------------------------------------------------------------

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

# modified-files-notice --------------------------------------------------------------------

_fine_tune(marked) := {
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(testing.derived("acme/DBRX-Legal", [_id], [], "weights"), {"modified_files_marked": marked})],
}

test_fail_modified_files_notice_not_marked if {
	findings := _findings(_fine_tune(false))
	testing.statuses(findings, "modified-files-notice") == {["acme/DBRX-Legal", "violated"]}
}

test_success_modified_files_notice_marked if {
	findings := _findings(_fine_tune(true))
	testing.statuses(findings, "modified-files-notice") == {["acme/DBRX-Legal", "satisfied"]}
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model(_mistral)]})
	testing.statuses(findings, "acceptable-use") == set()
}
