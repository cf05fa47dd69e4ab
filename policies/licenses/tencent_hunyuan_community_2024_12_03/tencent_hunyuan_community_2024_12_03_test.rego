package licenses.tencent_hunyuan_community_2024_12_03_test

import rego.v1

import data.lib.testing
import data.licenses.tencent_hunyuan_community
import data.licenses.tencent_hunyuan_community_2024_12_03

# The catalog gives HunyuanVideo the text it was released with.
_video := "tencent/HunyuanVideo"

_mistral := "mistralai/Mistral-7B-v0.3"

_licensee := {"name": "Acme Corp", "domicile": "US", "monthly_active_users": 1000000}

_product := object.union(testing.product, {"countries": ["US"]})

_findings(overrides) := result if {
	base := {"licensee": _licensee, "product": _product, "models": [testing.model(_video)]}
	kept := {key: value | some key, value in base; not key in object.keys(overrides)}
	result := tencent_hunyuan_community_2024_12_03.findings with input as testing.doc(object.union(kept, overrides))
}

_public := object.union(_product, {"audience": "public"})

_shipping := object.union(_product, {"ships_weights": true})

# Which text governs ----------------------------------------------------------------------

test_success_acceptable_use_hunyuanvideo_is_judged_by_the_2024_text_alone if {
	document := testing.doc({"licensee": _licensee, "product": _product, "models": [testing.model(_video)]})
	first := tencent_hunyuan_community_2024_12_03.findings with input as document
	current := tencent_hunyuan_community.findings with input as document
	{item.license | some item in first} == {"tencent-hunyuan-community-2024-12-03"}
	current == set()
}

# territory -------------------------------------------------------------------------------

test_fail_territory_licensee_in_south_korea if {
	findings := _findings({"licensee": object.union(_licensee, {"domicile": "KR"})})
	testing.statuses(findings, "territory") == {[_video, "violated"]}
}

test_fail_territory_offered_in_the_eu if {
	findings := _findings({"product": object.union(_public, {"countries": ["US", "NL"]})})
	testing.statuses(findings, "territory") == {[_video, "violated"]}
}

test_fail_territory_countries_not_stated if {
	findings := _findings({"product": testing.product})
	testing.statuses(findings, "territory") == {[_video, "missing-facts"]}
}

test_success_territory_inside if {
	testing.statuses(_findings({}), "territory") == {[_video, "satisfied"]}
}

# mau-threshold: HunyuanVideo was released on 3 December 2024, so November 2024 counts.

test_fail_mau_threshold_november_2024_above_limit if {
	licensee := object.union(_licensee, {"mau_history": {"2024-11": 120000000}})
	findings := _findings({"licensee": licensee})
	testing.statuses(findings, "mau-threshold") == {[_video, "violated"]}
	some item in findings
	item.clause == "mau-threshold"
	item.path == ["licensee", "mau_history", "2024-11"]
}

test_success_mau_threshold_november_2024_at_limit if {
	licensee := object.union(_licensee, {"monthly_active_users": 200000000, "mau_history": {"2024-11": 100000000}})
	findings := _findings({"licensee": licensee})
	testing.statuses(findings, "mau-threshold") == {[_video, "satisfied"]}
}

# output-use ------------------------------------------------------------------------------

test_fail_output_use_synthetic_videos_train_another_model if {
	findings := _findings({
		"models": [
			object.union(testing.model(_video), {"uses": ["synthetic-data"]}),
			{"id": _mistral, "uses": ["fine-tuning"]},
		],
		"derived_models": [testing.derived("acme/Video-Captioner", [_mistral], [_video], "none")],
	})
	testing.statuses(findings, "output-use") == {["acme/Video-Captioner", "needs-attestation"]}
}

test_success_output_use_fine_tune_is_a_model_derivative if {
	findings := _findings({
		"models": [object.union(testing.model(_video), {"uses": ["fine-tuning"]})],
		"derived_models": [testing.derived("acme/HunyuanVideo-Ads", [_video], [], "none")],
	})
	testing.statuses(findings, "output-use") == set()
}

# use-restrictions-flowdown ---------------------------------------------------------------

test_fail_use_restrictions_flowdown_other_license_listed if {
	product := object.union(_public, {"user_terms_include_use_restrictions": ["tencent-hunyuan-community"]})
	findings := _findings({"product": product})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_video, "violated"]}
}

test_success_use_restrictions_flowdown_terms_carry_them if {
	product := object.union(_public, {"user_terms_include_use_restrictions": true})
	findings := _findings({"product": product})
	testing.statuses(findings, "use-restrictions-flowdown") == {[_video, "satisfied"]}
}

# license-copy ----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	findings := _findings({"product": object.union(_shipping, {"license_copies_included": ["tencent-hunyuan-community"]})})
	testing.statuses(findings, "license-copy") == {[_video, "violated"]}
}

test_success_license_copy_shipped_with_copy if {
	product := object.union(_shipping, {"license_copies_included": ["tencent-hunyuan-community-2024-12-03"]})
	findings := _findings({"product": product})
	testing.statuses(findings, "license-copy") == {[_video, "satisfied"]}
}

# modified-files-notice -------------------------------------------------------------------

test_fail_modified_files_notice_published_unmarked if {
	derived := object.union(testing.derived("acme/HunyuanVideo-Ads", [_video], [], "weights"), {"modified_files_marked": false})
	findings := _findings({
		"models": [object.union(testing.model(_video), {"uses": ["fine-tuning"]})],
		"derived_models": [derived],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/HunyuanVideo-Ads", "violated"]}
}

test_success_modified_files_notice_marked if {
	derived := object.union(testing.derived("acme/HunyuanVideo-Ads", [_video], [], "weights"), {"modified_files_marked": true})
	findings := _findings({
		"models": [object.union(testing.model(_video), {"uses": ["fine-tuning"]})],
		"derived_models": [derived],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/HunyuanVideo-Ads", "satisfied"]}
}

# notice-file: the 2024 text's notice says "Copyright © 2024 Tencent".

test_fail_notice_file_carries_the_2025_notice if {
	document := testing.doc({"licensee": _licensee, "product": _shipping, "models": [testing.model(_video)]})
	text := tencent_hunyuan_community.notice
	findings := tencent_hunyuan_community_2024_12_03.findings with input as testing.with_notice(document, text)
	testing.statuses(findings, "notice-file") == {[_video, "violated"]}
}

test_success_notice_file_contains_the_2024_notice if {
	document := testing.doc({"licensee": _licensee, "product": _shipping, "models": [testing.model(_video)]})
	text := tencent_hunyuan_community_2024_12_03.notice
	findings := tencent_hunyuan_community_2024_12_03.findings with input as testing.with_notice(document, text)
	testing.statuses(findings, "notice-file") == {[_video, "satisfied"]}
	contains(text, "Copyright © 2024 Tencent")
}

# acceptable-use --------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	testing.statuses(_findings({}), "acceptable-use") == {[_video, "needs-attestation"]}
}

test_success_acceptable_use_other_license_not_reached if {
	testing.statuses(_findings({"models": [testing.model(_mistral)]}), "acceptable-use") == set()
}

# guardrails ------------------------------------------------------------------------------

test_fail_guardrails_modified if {
	findings := _findings({"models": [object.union(testing.model(_video), {"guardrails_modified": true})]})
	testing.statuses(findings, "guardrails") == {[_video, "violated"]}
}

test_success_guardrails_kept if {
	testing.statuses(_findings({}), "guardrails") == {[_video, "satisfied"]}
}
