package licensegate.licenses.tencent_hunyuan_community_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.tencent_hunyuan_community as hunyuan

_id := "tencent/Hunyuan-A13B-Instruct"

_mistral := "mistralai/Mistral-7B-v0.3"

_tuned := "lab/Hunyuan-A13B-Support"

_student := "lab/Mistral-7B-Hunyuan-Distilled"

_notice := concat(" ", [
	"Tencent Hunyuan is licensed under the Tencent Hunyuan Community License Agreement, Copyright © 2025 Tencent.",
	"All Rights Reserved. The trademark rights of \"Tencent Hunyuan\" are owned by Tencent or its affiliate.",
])

_findings(overrides) := result if {
	result := hunyuan.findings with input as testing.doc(overrides)
}

_licensee(domicile) := object.union(testing.licensee, {"domicile": domicile})

_product(fields) := object.union(testing.product, fields)

_fine_tune(release, marked) := {
	"models": [{"id": _id, "uses": ["fine-tuning"], "guardrails_modified": false}],
	"derived_models": [object.union(testing.derived(_tuned, [_id], [], release), {"modified_files_marked": marked})],
}

_distilled(release) := {
	"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _mistral, "uses": ["fine-tuning"]}],
	"derived_models": [testing.derived(_student, [_mistral], [_id], release)],
}

# territory ----------------------------------------------------------------------------------

test_fail_territory_licensee_in_the_eu if {
	findings := _findings({"licensee": _licensee("DE"), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

# The outermost regions of the EU are EU territory.
test_fail_territory_licensee_in_reunion if {
	findings := _findings({"licensee": _licensee("RE"), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

test_fail_territory_licensee_in_the_uk if {
	findings := _findings({"licensee": _licensee("GB"), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

test_fail_territory_licensee_in_south_korea if {
	findings := _findings({"licensee": _licensee("KR"), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

# A public product may reach users in the excluded territory: no field can show it does not.
test_fail_territory_public_product_asks_for_the_fact if {
	findings := _findings({"product": _product({"audience": "public"}), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "missing-facts"]}
}

test_fail_territory_published_derivative if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "territory") == {[_id, "satisfied"], [_tuned, "missing-facts"]}
}

# product.countries decides where the product and the weights go: an excluded country is a
# breach, whatever the domicile (the codes are sorted in the message).
test_fail_territory_public_product_offered_in_excluded_countries if {
	product := _product({"audience": "public", "countries": ["US", "KR", "FR"]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
	some item in findings
	item.clause == "territory"
	item.path == ["product", "countries"]
	contains(item.message, "FR, KR")
}

# An outermost region of the EU listed as a country is EU territory too.
test_fail_territory_countries_list_an_outermost_region if {
	product := _product({"audience": "public", "countries": ["US", "GP"]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

# Internal use is judged by the domicile only until the countries are listed.
test_fail_territory_internal_use_listed_in_the_uk if {
	findings := _findings({"product": _product({"countries": ["US", "GB"]}), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
}

test_fail_territory_published_derivative_distributed_in_the_eu if {
	overrides := object.union(_fine_tune("weights", true), {"product": _product({"countries": ["US", "DE"]})})
	findings := _findings(overrides)
	testing.statuses(findings, "territory") == {[_id, "violated"], [_tuned, "violated"]}
}

# The countries do not override an excluded domicile.
test_fail_territory_eu_licensee_listing_only_territory_countries if {
	product := _product({"audience": "public", "countries": ["US"]})
	findings := _findings({"licensee": _licensee("IE"), "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "violated"]}
	some item in findings
	item.clause == "territory"
	item.path == ["licensee", "domicile"]
}

test_success_territory_public_product_in_listed_territory_countries if {
	product := _product({"audience": "public", "countries": ["US", "JP", "CH", "NO"]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "satisfied"]}
}

test_success_territory_published_derivative_in_listed_countries if {
	overrides := object.union(_fine_tune("weights", true), {"product": _product({"countries": ["US", "SG"]})})
	findings := _findings(overrides)
	testing.statuses(findings, "territory") == {[_id, "satisfied"], [_tuned, "satisfied"]}
}

test_success_territory_internal_use_outside_excluded_territory if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "satisfied"]}
}

# A non-EU European country is inside the Territory.
test_success_territory_switzerland if {
	findings := _findings({"licensee": _licensee("CH"), "models": [testing.model(_id)]})
	testing.statuses(findings, "territory") == {[_id, "satisfied"]}
}

# mau-threshold ------------------------------------------------------------------------------

test_fail_mau_threshold_above_100m_in_may_2025 if {
	licensee := object.union(testing.licensee, {"mau_history": {"2025-05": 100000001}})
	findings := _findings({"licensee": licensee, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "violated"]}
}

test_success_mau_threshold_at_100m if {
	licensee := object.union(testing.licensee, {"mau_history": {"2025-05": 100000000}})
	findings := _findings({"licensee": licensee, "models": [testing.model(_id)]})
	testing.statuses(findings, "mau-threshold") == {[_id, "satisfied"]}
}

# license-copy -------------------------------------------------------------------------------

test_fail_license_copy_published_weights_without_copy if {
	overrides := object.union(_fine_tune("weights", true), {"product": _product({"license_copies_included": false})})
	findings := _findings(overrides)
	testing.statuses(findings, "license-copy") == {[_tuned, "violated"]}
}

# "or products or services using them": users of a service get the Agreement too.
test_fail_license_copy_service_needs_attestation if {
	findings := _findings({"product": _product({"audience": "customers"}), "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "needs-attestation"]}
}

# Model Derivatives include models trained on the Output (§1(g)(iii)).
test_fail_license_copy_published_student if {
	findings := _findings(_distilled("weights"))
	testing.statuses(findings, "license-copy") == {[_student, "missing-facts"]}
}

test_success_license_copy_included if {
	overrides := object.union(_fine_tune("weights", true), {"product": _product({"license_copies_included": true})})
	findings := _findings(overrides)
	testing.statuses(findings, "license-copy") == {[_tuned, "satisfied"]}
}

test_success_license_copy_quiet_for_internal_use if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == set()
}

# modified-files-notice, notice-file ---------------------------------------------------------

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
	findings := hunyuan.findings with input as document
	testing.statuses(findings, "notice-file") == {[_tuned, "satisfied"]}
}

# Distribution through a Hosted Service needs no Notice file.
test_success_notice_file_quiet_for_hosted_service if {
	findings := _findings(_fine_tune("api", true))
	testing.statuses(findings, "notice-file") == set()
}

# use-restrictions-flowdown ------------------------------------------------------------------

test_fail_use_restrictions_flowdown_service_terms_silent if {
	product := _product({"audience": "public", "user_terms_include_use_restrictions": false})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_id, "violated"]}
}

test_success_use_restrictions_flowdown_terms_carry_them if {
	product := _product({"audience": "public", "user_terms_include_use_restrictions": ["tencent-hunyuan-community"]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_id, "satisfied"]}
}

# output-use ---------------------------------------------------------------------------------

test_fail_output_use_student_needs_attestation if {
	findings := _findings(_distilled("none"))
	testing.statuses(findings, "output-use") == {[_student, "needs-attestation"]}
}

test_fail_output_use_teacher_without_student if {
	findings := _findings({"models": [{"id": _id, "uses": ["distillation-teacher"]}]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

# A model built on the weights is a Model Derivative: not "any other AI model".
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
	findings := _findings({"models": [testing.model(_mistral)]})
	testing.statuses(findings, "acceptable-use") == set()
}
