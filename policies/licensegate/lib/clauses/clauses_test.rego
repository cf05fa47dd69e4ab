# METADATA
# title: Clause builder tests
# description: >-
#   The shared builders called directly for a license of the tests' own ("lib-test", declared
#   on a model the catalog does not know), so each builder's statuses are pinned apart from any
#   license text: a builder fires when its facts say so and stays quiet when the license does not
#   reach anything it judges.
package licensegate.lib.clauses_test

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.testing

_license := "lib-test"

_model := {"id": "acme/lib-model", "license": "lib-test", "uses": ["inference"], "guardrails_modified": false}

_other := {"id": "acme/other-model", "license": "mit", "uses": ["inference"], "guardrails_modified": false}

_product(overrides) := object.union(testing.product, overrides)

# One listed model under the license, in a product with these fields replaced.
_doc(product) := testing.doc({"models": [_model], "product": _product(product)})

_shipped(product) := _doc(object.union({"ships_weights": true}, product))

_statuses(findings) := {[item.subject, item.status] | some item in findings}

# --- attribution-display

test_display_violated_when_offered_without_the_statement if {
	findings := clauses.display(_license, "Built with Lib") with input as _doc({"audience": "customers"})
	_statuses(findings) == {["acme/lib-model", "violated"]}
	some item in findings
	item.id == "lib-test:attribution-display"
	contains(item.message, "offered to customers (product.audience)")
}

test_display_satisfied_when_the_statement_is_shown if {
	document := _doc({"audience": "public", "attribution": [{"text": "Built with LIB", "where": "footer"}]})
	_statuses(clauses.display(_license, "Built with Lib")) == {["acme/lib-model", "satisfied"]} with input as document
}

test_display_quiet_when_internal if {
	count(clauses.display(_license, "Built with Lib")) == 0 with input as _doc({"audience": "internal"})
}

test_display_quiet_for_another_license if {
	document := testing.doc({"models": [_other], "product": _product({"audience": "customers"})})
	count(clauses.display(_license, "Built with Lib")) == 0 with input as document
}

# --- license-copy

_copy_statuses(product) := result if {
	result := _statuses(clauses.license_copy(_license)) with input as _shipped(product)
}

test_license_copy_by_per_license_fact if {
	_copy_statuses({"license_copies_included": true}) == {["acme/lib-model", "satisfied"]}
	_copy_statuses({"license_copies_included": ["mit"]}) == {["acme/lib-model", "violated"]}
	_copy_statuses({}) == {["acme/lib-model", "missing-facts"]}
}

test_license_copy_says_how_the_list_fell_short if {
	findings := clauses.license_copy(_license) with input as _shipped({"license_copies_included": ["mit"]})
	some item in findings
	contains(item.message, "product.license_copies_included does not list it")
}

test_license_copy_quiet_when_weights_stay_in_house if {
	count(clauses.license_copy(_license)) == 0 with input as _doc({"audience": "public"})
}

# A derived model trained only on outputs gets a copy duty only when the builder counts outputs.
test_license_copy_for_outputs_only_when_asked if {
	document := testing.doc({
		"models": [_model],
		"derived_models": [testing.derived("acme/student", [], ["acme/lib-model"], ["weights"])],
	})
	count(clauses.license_copy(_license)) == 0 with input as document
	_statuses(clauses.license_copy_for(_license, {"weights", "outputs"})) == {["acme/student", "missing-facts"]} with input as document
}

# --- notice-file

_notice_statuses(document) := result if {
	result := _statuses(clauses.notice_file(_license, "Lib notice")) with input as document
}

test_notice_file_statuses if {
	_notice_statuses(_shipped({})) == {["acme/lib-model", "missing-facts"]}
	_notice_statuses(testing.with_notice(_shipped({}), "This is the Lib notice.")) == {["acme/lib-model", "satisfied"]}
	_notice_statuses(testing.with_notice(_shipped({}), "Something else")) == {["acme/lib-model", "violated"]}
}

test_notice_file_missing_or_not_utf8_is_violated if {
	missing := object.union(_shipped({}), {"files": {"notice_file": {"path": "NOTICE", "exists": false}}})
	not_utf8 := object.union(_shipped({}), {"files": {"notice_file": {"path": "NOTICE", "exists": true, "utf8": false, "text": ""}}})
	gone_findings := clauses.notice_file(_license, "Lib notice") with input as missing
	some gone in gone_findings
	gone.message == "the Notice file NOTICE does not exist"
	garbled_findings := clauses.notice_file(_license, "Lib notice") with input as not_utf8
	some garbled in garbled_findings
	garbled.status == "violated"
	contains(garbled.message, "is not UTF-8")
}

test_notice_file_quiet_when_weights_stay_in_house if {
	count(clauses.notice_file(_license, "Lib notice")) == 0 with input as _doc({"audience": "public"})
}

# --- mau-threshold

_mau(licensee) := testing.doc({"models": [_model], "licensee": object.union(testing.licensee, licensee)})

# The statuses of an MAU test on June 2024 with a limit of 700, for these licensee facts.
_mau_statuses(licensee) := result if {
	result := _statuses(clauses.mau_at_release(_license, "2024-06", 700)) with input as _mau(licensee)
}

test_mau_at_release_statuses if {
	_mau_statuses({"mau_history": {"2024-06": 701}}) == {["acme/lib-model", "violated"]}
	_mau_statuses({"mau_history": {"2024-06": 700}}) == {["acme/lib-model", "satisfied"]}
	_mau_statuses({"monthly_active_users": 701}) == {["acme/lib-model", "missing-facts"]}
}

test_mau_at_release_without_any_figure if {
	document := testing.doc({"models": [_model], "licensee": {"name": "Acme", "domicile": "US"}})
	findings := clauses.mau_at_release(_license, "2024-06", 700) with input as document
	some item in findings
	item.status == "missing-facts"
	item.path == ["licensee"]
}

test_mau_at_release_quiet_for_another_license if {
	document := testing.doc({"models": [_other]})
	count(clauses.mau_at_release(_license, "2024-06", 700)) == 0 with input as document
}

# --- derivative-naming and modified-files-notice

_released(name, release, marked) := testing.doc({
	"models": [_model],
	"derived_models": [object.union(testing.derived(name, ["acme/lib-model"], [], release), marked)],
})

# Naming statuses when "Lib" is the prefix and `vias` trigger the duty.
_naming_statuses(document, vias) := result if {
	result := _statuses(clauses.name_prefix(_license, `^Lib`, "Lib", vias)) with input as document
}

test_name_prefix_statuses if {
	_naming_statuses(_released("acme/Lib-Tuned", ["api"], {}), {"weights"}) == {["acme/Lib-Tuned", "satisfied"]}
	_naming_statuses(_released("acme/Tuned-Lib", ["weights"], {}), {"weights"}) == {["acme/Tuned-Lib", "violated"]}
}

test_name_prefix_quiet_unless_released_by_a_counted_way if {
	_naming_statuses(_released("acme/Tuned", ["internal"], {}), {"weights"}) == set()
	_naming_statuses(_released("acme/Tuned", ["api"], {}), {"outputs"}) == set()
}

_modified_statuses(release, marked) := result if {
	result := _statuses(clauses.modified_files(_license)) with input as _released("acme/t", release, marked)
}

test_modified_files_statuses if {
	_modified_statuses(["weights"], {"modified_files_marked": true}) == {["acme/t", "satisfied"]}
	_modified_statuses(["weights"], {"modified_files_marked": false}) == {["acme/t", "violated"]}
	_modified_statuses(["weights"], {}) == {["acme/t", "missing-facts"]}
	_modified_statuses(["api"], {}) == set()
}

# --- attestation-only clauses

test_retain_notices_and_acceptable_use_need_attestation if {
	_statuses(clauses.retain_notices(_license)) == {["acme/lib-model", "needs-attestation"]} with input as _shipped({})
	count(clauses.retain_notices(_license)) == 0 with input as _doc({})
	findings := clauses.acceptable_use(_license, "Lib Use Policy") with input as _doc({})
	some item in findings
	item.status == "needs-attestation"
	contains(item.message, "Lib Use Policy")
}

# --- eu-multimodal

_eu(domicile, multimodal) := testing.doc({
	"models": [object.union(_model, multimodal)],
	"licensee": object.union(testing.licensee, {"domicile": domicile}),
})

test_eu_multimodal_statuses if {
	_statuses(clauses.eu_multimodal(_license)) == {["acme/lib-model", "violated"]} with input as _eu("FR", {"multimodal": true})
	_statuses(clauses.eu_multimodal(_license)) == {["acme/lib-model", "missing-facts"]} with input as _eu("FR", {})
	_statuses(clauses.eu_multimodal(_license)) == {["acme/lib-model", "satisfied"]} with input as _eu("US", {"multimodal": true})
}

test_eu_multimodal_quiet_for_a_text_only_model if {
	count(clauses.eu_multimodal(_license)) == 0 with input as _eu("FR", {"multimodal": false})
}

# --- non-commercial and non-production

test_non_commercial_and_non_production_statuses if {
	_statuses(clauses.non_commercial(_license)) == {["acme/lib-model", "violated"]} with input as _doc({"commercial": true})
	_statuses(clauses.non_commercial(_license)) == {["acme/lib-model", "satisfied"]} with input as _doc({"commercial": false})
	_statuses(clauses.non_production(_license)) == {["acme/lib-model", "violated"]} with input as _doc({"environment": "production"})
	_statuses(clauses.non_production(_license)) == {["acme/lib-model", "satisfied"]} with input as _doc({"environment": "research"})
}

test_non_commercial_quiet_for_another_license if {
	document := testing.doc({"models": [_other], "product": _product({"commercial": true})})
	count(clauses.non_commercial(_license)) == 0 with input as document
	count(clauses.non_production(_license)) == 0 with input as document
}
