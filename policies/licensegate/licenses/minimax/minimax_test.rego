package licensegate.licenses.minimax_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.minimax

_text := "MiniMaxAI/MiniMax-Text-01"

_vl := "MiniMaxAI/MiniMax-VL-01"

_findings(overrides) := result if {
	result := minimax.findings with input as testing.doc(overrides)
}

_shipping := object.union(testing.product, {"ships_weights": true})

_notice := "MiniMax AI model is licensed under the MiniMax Model License, Copyright © MiniMax. All Rights Reserved."

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model(_vl)]})
	testing.statuses(findings, "license-copy") == {[_vl, "violated"]}
}

test_fail_license_copy_unknown if {
	findings := _findings({"product": _shipping, "models": [testing.model(_text)]})
	testing.statuses(findings, "license-copy") == {[_text, "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_text)]})
	testing.statuses(findings, "license-copy") == {[_text, "satisfied"]}
}

test_success_license_copy_quiet_for_hosted_service if {
	product := object.union(testing.product, {"audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_text)]})
	testing.statuses(findings, "license-copy") == set()
}

# modified-files-notice --------------------------------------------------------------------

test_fail_modified_files_notice_unmarked if {
	derived := object.union(testing.derived("acme/Text-01-Legal", [_text], [], "weights"), {"modified_files_marked": false})
	findings := _findings({"models": [{"id": _text, "uses": ["fine-tuning"]}], "derived_models": [derived]})
	testing.statuses(findings, "modified-files-notice") == {["acme/Text-01-Legal", "violated"]}
}

test_success_modified_files_notice_marked if {
	derived := object.union(testing.derived("acme/Text-01-Legal", [_text], [], "weights"), {"modified_files_marked": true})
	findings := _findings({"models": [{"id": _text, "uses": ["fine-tuning"]}], "derived_models": [derived]})
	testing.statuses(findings, "modified-files-notice") == {["acme/Text-01-Legal", "satisfied"]}
}

# notice-file ------------------------------------------------------------------------------

test_fail_notice_file_first_text_wording if {
	# The first text's notice ("MiniMax License") is not the current one.
	document := testing.with_notice(
		testing.doc({"product": _shipping, "models": [testing.model(_text)]}),
		"MiniMax AI model is licensed under the MiniMax License, Copyright © MiniMax. All Rights Reserved.",
	)
	findings := minimax.findings with input as document
	testing.statuses(findings, "notice-file") == {[_text, "violated"]}
}

test_success_notice_file_contains_notice if {
	document := testing.with_notice(testing.doc({"product": _shipping, "models": [testing.model(_text)]}), _notice)
	findings := minimax.findings with input as document
	testing.statuses(findings, "notice-file") == {[_text, "satisfied"]}
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_a_person if {
	findings := _findings({"models": [testing.model(_text), testing.model(_vl)]})
	testing.statuses(findings, "acceptable-use") == {[_text, "needs-attestation"], [_vl, "needs-attestation"]}
}

test_success_acceptable_use_only_for_minimax_models if {
	findings := _findings({"models": [testing.model("mistralai/Mistral-7B-v0.3")]})
	testing.statuses(findings, "acceptable-use") == set()
}

# The current text has none of the first text's clauses.
test_success_license_copy_current_text_has_no_threshold_display_naming_or_output_ban if {
	findings := _findings({
		"licensee": {"name": "Big", "domicile": "US", "monthly_active_users": 900000000},
		"product": object.union(testing.product, {"audience": "public"}),
		"models": [testing.model(_text), {"id": "mistralai/Mistral-7B-v0.3", "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Student-7B", ["mistralai/Mistral-7B-v0.3"], [_text], "api")],
	})
	{item.clause | some item in findings} == {"acceptable-use"}
}
