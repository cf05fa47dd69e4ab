package licenses.tencent_hunyuan_community_test

import rego.v1

import data.lib.testing
import data.licenses.tencent_hunyuan_community
import data.licenses.tencent_hunyuan_community_2024_12_03

_a13b := "tencent/Hunyuan-A13B-Instruct"

_mistral := "mistralai/Mistral-7B-v0.3"

# A deployment inside the Territory that says so: the baseline for tests of other clauses.
_licensee := {"name": "Acme Corp", "domicile": "US", "monthly_active_users": 1000000}

_product := object.union(testing.product, {"countries": ["US", "SG"]})

_findings(overrides) := result if {
	base := {"licensee": _licensee, "product": _product, "models": [testing.model(_a13b)]}
	kept := {key: value | some key, value in base; not key in object.keys(overrides)}
	result := tencent_hunyuan_community.findings with input as testing.doc(object.union(kept, overrides))
}

_public := object.union(_product, {"audience": "public"})

_shipping := object.union(_product, {"ships_weights": true})

# Which text governs ----------------------------------------------------------------------

test_success_mau_threshold_catalog_model_is_judged_by_the_2025_text_alone if {
	document := testing.doc({"licensee": _licensee, "product": _product, "models": [testing.model(_a13b)]})
	current := tencent_hunyuan_community.findings with input as document
	first := tencent_hunyuan_community_2024_12_03.findings with input as document
	{item.id | some item in current} == {
		"tencent-hunyuan-community:territory",
		"tencent-hunyuan-community:mau-threshold",
		"tencent-hunyuan-community:acceptable-use",
		"tencent-hunyuan-community:guardrails",
	}
	first == set()
}

# territory -------------------------------------------------------------------------------

test_fail_territory_licensee_in_eu if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "FR"})})
	testing.statuses(findings, "territory") == {[_a13b, "violated"]}
	some item in findings
	item.clause == "territory"
	item.path == ["licensee", "domicile"]
}

test_fail_territory_licensee_in_an_outermost_region if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "RE"})})
	testing.statuses(findings, "territory") == {[_a13b, "violated"]}
}

test_fail_territory_licensee_in_united_kingdom if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "GB"})})
	testing.statuses(findings, "territory") == {[_a13b, "violated"]}
}

test_fail_territory_licensee_in_south_korea if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "KR"})})
	testing.statuses(findings, "territory") == {[_a13b, "violated"]}
}

# A licensee based outside still breaches by offering the product in an excluded country.
test_fail_territory_product_offered_in_excluded_country if {
	findings := _findings({"product": object.union(_public, {"countries": ["US", "KR", "DE"]})})
	testing.statuses(findings, "territory") == {[_a13b, "violated"]}
	some item in findings
	item.clause == "territory"
	item.path == ["product", "countries"]
	contains(item.message, "DE, KR")
}

# The domicile alone never stands in for where the model is used (DESIGN.md §2.1 rule 1).
test_fail_territory_countries_not_stated if {
	findings := _findings({"product": testing.product})
	testing.statuses(findings, "territory") == {[_a13b, "missing-facts"]}
}

# ... but an excluded domicile decides without them.
test_fail_territory_eu_licensee_without_countries if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "IE"}), "product": testing.product})
	testing.statuses(findings, "territory") == {[_a13b, "violated"]}
}

test_fail_territory_reaches_derived_models if {
	findings := _findings({
		"product": object.union(_product, {"countries": ["GB"]}),
		"models": [object.union(testing.model(_a13b), {"uses": ["fine-tuning"]})],
		"derived_models": [testing.derived("acme/Hunyuan-A13B-Support", [_a13b], [], "none")],
	})
	testing.statuses(findings, "territory") == {[_a13b, "violated"], ["acme/Hunyuan-A13B-Support", "violated"]}
}

test_success_territory_inside if {
	findings := _findings({"product": object.union(_public, {"countries": ["US", "JP", "CH", "NO"]})})
	testing.statuses(findings, "territory") == {[_a13b, "satisfied"]}
}

# Greenland is not in the European Union.
test_success_territory_overseas_country_is_inside if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "GL"})})
	testing.statuses(findings, "territory") == {[_a13b, "satisfied"]}
}

# mau-threshold ---------------------------------------------------------------------------

test_fail_mau_threshold_month_before_release_above_limit if {
	licensee := object.union(_licensee, {"mau_history": {"2025-05": 100000001}})
	findings := _findings({"licensee": licensee})
	testing.statuses(findings, "mau-threshold") == {[_a13b, "violated"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2025-05"]
}

test_fail_mau_threshold_missing_figure if {
	findings := _findings({"licensee": {"name": "A", "domicile": "SG"}})
	testing.statuses(findings, "mau-threshold") == {[_a13b, "missing-facts"]}
}

# Today's figure above the limit does not stand in for May 2025 (DESIGN.md §2.1 rule 9).
test_fail_mau_threshold_current_figure_above_limit_asks_for_the_month if {
	findings := _findings({"licensee": object.union(_licensee, {"monthly_active_users": 150000000})})
	testing.statuses(findings, "mau-threshold") == {[_a13b, "missing-facts"]}
	some item in findings
	item.clause == "mau-threshold"
	contains(item.message, "2025-05")
}

test_success_mau_threshold_history_wins_over_current if {
	licensee := object.union(_licensee, {"monthly_active_users": 300000000, "mau_history": {"2025-05": 100000000}})
	findings := _findings({"licensee": licensee})
	testing.statuses(findings, "mau-threshold") == {[_a13b, "satisfied"]}
}

# A model the catalog does not know is measured at the date the text states (June 27, 2025).
test_success_mau_threshold_undated_model_uses_the_text_date if {
	model := {"id": "acme-registry/hunyuan-mirror", "license": "tencent-hunyuan-community", "uses": ["inference"]}
	licensee := object.union(_licensee, {"monthly_active_users": 300000000, "mau_history": {"2025-05": 90000000}})
	findings := _findings({"licensee": licensee, "models": [model]})
	testing.statuses(findings, "mau-threshold") == {["acme-registry/hunyuan-mirror", "satisfied"]}
}

test_success_mau_threshold_month_before_handles_january if {
	data.lib.clauses.month_before("2025-01-15") == "2024-12"
	data.lib.clauses.month_before("2024-12-03") == "2024-11"
	data.lib.clauses.month_before("2025-10-01") == "2025-09"
	not data.lib.clauses.month_before("2025-13-01")
}

# output-use ------------------------------------------------------------------------------

test_fail_output_use_undeclared_student if {
	findings := _findings({"models": [object.union(testing.model(_a13b), {"uses": ["synthetic-data"]})]})
	testing.statuses(findings, "output-use") == {[_a13b, "missing-facts"]}
}

# Any AI model, not only a language model: llm: false is no way out.
test_fail_output_use_outputs_train_another_model_needs_judgement if {
	derived := object.union(testing.derived("acme/Classifier", [_mistral], [_a13b], "none"), {"llm": false})
	findings := _findings({
		"models": [
			object.union(testing.model(_a13b), {"uses": ["synthetic-data"]}),
			{"id": _mistral, "uses": ["fine-tuning"]},
		],
		"derived_models": [derived],
	})
	testing.statuses(findings, "output-use") == {["acme/Classifier", "needs-attestation"]}
}

test_success_output_use_fine_tune_of_hunyuan_weights_is_a_model_derivative if {
	findings := _findings({
		"models": [object.union(testing.model(_a13b), {"uses": ["fine-tuning", "synthetic-data"]})],
		"derived_models": [testing.derived("acme/Hunyuan-A13B-Tuned", [_a13b], [_a13b], "none")],
	})
	testing.statuses(findings, "output-use") == set()
}

# use-restrictions-flowdown ---------------------------------------------------------------

test_fail_use_restrictions_flowdown_public_service_without_terms if {
	findings := _findings({"product": object.union(_public, {"user_terms_include_use_restrictions": ["llama3.1"]})})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_a13b, "violated"]}
}

test_fail_use_restrictions_flowdown_not_stated if {
	findings := _findings({"product": _public})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_a13b, "missing-facts"]}
}

test_success_use_restrictions_flowdown_terms_carry_them if {
	product := object.union(_public, {"user_terms_include_use_restrictions": ["tencent-hunyuan-community"]})
	findings := _findings({"product": product})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_a13b, "satisfied"]}
}

test_success_use_restrictions_flowdown_quiet_for_internal_use if {
	testing.statuses(_findings({}), "use-restrictions-flowdown") == set()
}

# license-copy ----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	findings := _findings({"product": object.union(_shipping, {"license_copies_included": false})})
	testing.statuses(findings, "license-copy") == {[_a13b, "violated"]}
}

test_fail_license_copy_service_users_need_attestation if {
	findings := _findings({"product": _public})
	testing.statuses(findings, "license-copy") == {[_a13b, "needs-attestation"]}
}

# A model shipped and served, without a copy in the weights: reported once, as violated.
test_fail_license_copy_shipped_and_served_reported_once if {
	product := object.union(_public, {"ships_weights": true, "license_copies_included": false})
	findings := _findings({"product": product})
	testing.statuses(findings, "license-copy") == {[_a13b, "violated"]}
}

test_success_license_copy_shipped_with_copy if {
	findings := _findings({"product": object.union(_shipping, {"license_copies_included": true})})
	testing.statuses(findings, "license-copy") == {[_a13b, "satisfied"]}
}

test_success_license_copy_quiet_for_internal_use if {
	testing.statuses(_findings({}), "license-copy") == set()
}

# modified-files-notice -------------------------------------------------------------------

test_fail_modified_files_notice_published_unmarked if {
	derived := object.union(testing.derived("acme/Hunyuan-A13B-Law", [_a13b], [], "weights"), {"modified_files_marked": false})
	findings := _findings({
		"models": [object.union(testing.model(_a13b), {"uses": ["fine-tuning"]})],
		"derived_models": [derived],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/Hunyuan-A13B-Law", "violated"]}
}

test_fail_modified_files_notice_fine_tune_without_declared_student if {
	findings := _findings({"models": [object.union(testing.model(_a13b), {"uses": ["fine-tuning"]})]})
	testing.statuses(findings, "modified-files-notice") == {[_a13b, "missing-facts"]}
}

test_success_modified_files_notice_marked if {
	derived := object.union(testing.derived("acme/Hunyuan-A13B-Law", [_a13b], [], "weights"), {"modified_files_marked": true})
	findings := _findings({
		"models": [object.union(testing.model(_a13b), {"uses": ["fine-tuning"]})],
		"derived_models": [derived],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/Hunyuan-A13B-Law", "satisfied"]}
}

# notice-file -----------------------------------------------------------------------------

test_fail_notice_file_missing if {
	findings := _findings({"product": _shipping})
	testing.statuses(findings, "notice-file") == {[_a13b, "missing-facts"]}
}

# The 2024 notice ("Copyright © 2024 Tencent") does not meet the 2025 text.
test_fail_notice_file_carries_the_2024_notice if {
	document := testing.doc({"licensee": _licensee, "product": _shipping, "models": [testing.model(_a13b)]})
	# Bound first: with the rule reference inside the `with` value, regorus left the test undefined.
	text := tencent_hunyuan_community_2024_12_03.notice
	findings := tencent_hunyuan_community.findings with input as testing.with_notice(document, text)
	testing.statuses(findings, "notice-file") == {[_a13b, "violated"]}
}

test_success_notice_file_contains_notice if {
	document := testing.doc({"licensee": _licensee, "product": _shipping, "models": [testing.model(_a13b)]})
	text := concat(" ", ["Usage and Legal Notices:", tencent_hunyuan_community.notice])
	findings := tencent_hunyuan_community.findings with input as testing.with_notice(document, text)
	testing.statuses(findings, "notice-file") == {[_a13b, "satisfied"]}
}

# A Hosted Service is no distribution of weights: no Notice file.
test_success_notice_file_quiet_for_hosted_service if {
	testing.statuses(_findings({"product": _public}), "notice-file") == set()
}

# acceptable-use --------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	testing.statuses(_findings({}), "acceptable-use") == {[_a13b, "needs-attestation"]}
}

test_success_acceptable_use_other_license_not_reached if {
	findings := _findings({"models": [testing.model(_mistral)]})
	testing.statuses(findings, "acceptable-use") == set()
}

# guardrails ------------------------------------------------------------------------------

test_fail_guardrails_modified if {
	findings := _findings({"models": [object.union(testing.model(_a13b), {"guardrails_modified": true})]})
	testing.statuses(findings, "guardrails") == {[_a13b, "violated"]}
}

test_success_guardrails_kept if {
	testing.statuses(_findings({}), "guardrails") == {[_a13b, "satisfied"]}
}
