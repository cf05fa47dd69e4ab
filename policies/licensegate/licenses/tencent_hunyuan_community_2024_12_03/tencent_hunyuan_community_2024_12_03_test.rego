package licensegate.licenses.tencent_hunyuan_community_2024_12_03_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.tencent_hunyuan_community_2024_12_03 as hunyuan

_id := "tencent/HunyuanVideo"

_other := "mistralai/Mistral-7B-v0.3"

_tuned := "studio/HunyuanVideo-Anime"

_student := "studio/TinyVideo-Distilled"

_notice := concat(" ", [
	"Tencent Hunyuan is licensed under the Tencent Hunyuan Community License Agreement, Copyright © 2024 Tencent.",
	"All Rights Reserved. The trademark rights of \"Tencent Hunyuan\" are owned by Tencent or its affiliate.",
])

_findings(overrides) := result if {
	result := hunyuan.findings with input as testing.doc(overrides)
}

_product(fields) := object.union(testing.product, fields)

_fine_tune(release, marked) := {
	"models": [{"id": _id, "uses": ["fine-tuning"], "guardrails_modified": false}],
	"derived_models": [object.union(
		testing.derived(_tuned, [_id], [], release),
		{"modified_files_marked": marked, "llm": false},
	)],
}

# territory ----------------------------------------------------------------------------------

test_fail_territory_licensee_in_south_korea if {
	licensee := object.union(testing.licensee, {"domicile": "KR"})
	findings := _findings({"licensee": licensee, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

test_fail_territory_public_product_asks_for_the_fact if {
	findings := _findings({"product": _product({"audience": "public"}), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "missing-facts"]}
}

test_fail_territory_public_product_offered_in_the_netherlands if {
	product := _product({"audience": "public", "countries": ["JP", "NL"]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

test_success_territory_public_product_in_listed_territory_countries if {
	product := _product({"audience": "public", "countries": ["JP", "TW"]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "satisfied"]}
}

test_success_territory_internal_use_in_the_territory if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "satisfied"]}
}

# mau-threshold: this text's release date is December 3, 2024, so the month is 2024-11 -----

test_fail_mau_threshold_above_100m_in_november_2024 if {
	licensee := object.union(testing.licensee, {"mau_history": {"2024-11": 150000000, "2025-05": 1}})
	findings := _findings({"licensee": licensee, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
}

test_success_mau_threshold_below_100m_in_november_2024 if {
	licensee := object.union(testing.licensee, {"mau_history": {"2024-11": 90000000, "2025-05": 150000000}})
	findings := _findings({"licensee": licensee, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
}

# license-copy, modified-files-notice, notice-file -------------------------------------------

test_fail_license_copy_published_weights_without_copy if {
	overrides := object.union(_fine_tune("weights", true), {"product": _product({"license_copies_included": false})})
	findings := _findings(overrides)
	testing.statuses(findings, "license-copy") == {[_tuned, "violated"]}
}

test_success_license_copy_included if {
	overrides := object.union(_fine_tune("weights", true), {"product": _product({"license_copies_included": true})})
	findings := _findings(overrides)
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

# The 2025 Notice (Copyright © 2025) is not this text's Notice.
test_fail_notice_file_with_the_2025_notice if {
	notice_2025 := replace(_notice, "© 2024", "© 2025")
	document := testing.with_notice(testing.doc(_fine_tune("weights", true)), notice_2025)
	findings := hunyuan.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "violated"]}
}

test_success_notice_file_has_notice if {
	document := testing.with_notice(testing.doc(_fine_tune("weights", true)), _notice)
	findings := hunyuan.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "satisfied"]}
}

# use-restrictions-flowdown ------------------------------------------------------------------

test_fail_use_restrictions_flowdown_terms_silent if {
	product := _product({"audience": "customers", "user_terms_include_use_restrictions": false})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_id, "violated"]}
}

test_success_use_restrictions_flowdown_terms_carry_them if {
	product := _product({"audience": "customers", "user_terms_include_use_restrictions": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_id, "satisfied"]}
}

# output-use ---------------------------------------------------------------------------------

test_fail_output_use_student_needs_attestation if {
	overrides := {
		"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _other, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived(_student, [_other], [_id], "none")],
	}
	findings := _findings(overrides)
	testing.statuses(findings, "output-use") == {[_student, "needs-attestation"]}
}

test_success_output_use_quiet_for_fine_tune if {
	findings := _findings(_fine_tune("none", true))
	testing.statuses(findings, "output-use") == set()
}

# guardrails, acceptable-use -----------------------------------------------------------------

test_fail_guardrails_circumvented if {
	findings := _findings({"models": [object.union(testing.model(_id), {"guardrails_modified": true})]})
	testing.statuses(findings, "guardrails") == {[_id, "violated"]}
}

test_success_guardrails_kept if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "guardrails") == {[_id, "satisfied"]}
}

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_models if {
	findings := _findings({"models": [testing.model(_other)]})
	testing.statuses(findings, "acceptable-use") == set()
}
