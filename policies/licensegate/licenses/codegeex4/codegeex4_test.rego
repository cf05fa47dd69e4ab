package licensegate.licenses.codegeex4_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.codegeex4

_id := "THUDM/codegeex4-all-9b"

_findings(overrides) := result if {
	result := codegeex4.findings with input as testing.doc(overrides)
}

_licensee(facts) := object.union(testing.licensee, facts)

_registered := _licensee({"registrations": [{"license": "codegeex4", "date": "2026-10-01", "reference": "form"}]})

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_built_with := [{"text": "Built with CodeGeeX4", "where": "about-page"}]

# A fine-tune of codegeex4-all-9b under a given name and release.
_fine_tune(name, release) := {
	"licensee": _registered,
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [testing.derived(name, [_id], [], release)],
}

# A student of another model trained on codegeex4 outputs only.
_student := "acme/review-bot-3b"

_distilled(release) := {
	"licensee": _registered,
	"product": object.union(_public, {"attribution": []}),
	"models": [{"id": _id, "uses": ["inference", "synthetic-data"]}],
	"derived_models": [testing.derived(_student, [], [_id], release)],
}

# commercial-registration ------------------------------------------------------------------

test_fail_commercial_registration_unstated if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "missing-facts"]}
}

test_fail_commercial_registration_none_stated if {
	findings := _findings({"licensee": _licensee({"registrations": []}), "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "violated"]}
}

# Registering ChatGLM3 does not register CodeGeeX4: each form names its model.
test_fail_commercial_registration_chatglm3_registration_only if {
	other := _licensee({"registrations": [{"license": "chatglm3", "date": "2026-01-01", "reference": "form"}]})
	findings := _findings({"licensee": other, "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "violated"]}
}

test_success_commercial_registration_registered if {
	findings := _findings({"licensee": _registered, "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "satisfied"]}
}

test_success_commercial_registration_not_needed_for_research if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "satisfied"]}
}

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_fail_license_copy_fine_tune_published_unstated if {
	findings := _findings(_fine_tune("acme/CodeGeeX4-Review-9B", "weights"))
	testing.statuses(findings, "license-copy") == {["acme/CodeGeeX4-Review-9B", "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": ["codegeex4"], "attribution": _built_with})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

# attribution-display ----------------------------------------------------------------------

test_fail_attribution_display_public_service_without_statement if {
	findings := _findings({"licensee": _registered, "product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

# Close is not enough: the text is fixed.
test_fail_attribution_display_other_wording if {
	product := object.union(_public, {"attribution": [{"text": "Powered by CodeGeeX", "where": "user-interface"}]})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
}

test_fail_attribution_display_released_fine_tune if {
	findings := _findings(_fine_tune("acme/CodeGeeX4-Review-9B", "api"))
	testing.statuses(findings, "attribution-display") == {["acme/CodeGeeX4-Review-9B", "violated"]}
}

test_success_attribution_display_shown if {
	product := object.union(_public, {"attribution": _built_with})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == {[_id, "satisfied"]}
}

test_success_attribution_display_quiet_for_internal_use if {
	findings := _findings({"licensee": _registered, "models": [testing.model(_id)]})
	testing.statuses(findings, "attribution-display") == set()
}

# derivative-naming ------------------------------------------------------------------------

test_fail_derivative_naming_fine_tune_released if {
	findings := _findings(_fine_tune("acme/Review-9B", "api"))
	testing.statuses(findings, "derivative-naming") == {["acme/Review-9B", "violated"]}
}

# The prefix is at the beginning of the name, not anywhere in it.
test_fail_derivative_naming_prefix_inside_name if {
	findings := _findings(_fine_tune("acme/Acme-CodeGeeX4-9B", "weights"))
	testing.statuses(findings, "derivative-naming") == {["acme/Acme-CodeGeeX4-9B", "violated"]}
}

test_fail_derivative_naming_trained_without_student if {
	findings := _findings({"licensee": _registered, "models": [{"id": _id, "uses": ["fine-tuning"]}]})
	testing.statuses(findings, "derivative-naming") == {[_id, "missing-facts"]}
}

test_success_derivative_naming_prefix_after_org if {
	findings := _findings(_fine_tune("acme/CodeGeeX4-Review-9B", "weights"))
	testing.statuses(findings, "derivative-naming") == {["acme/CodeGeeX4-Review-9B", "satisfied"]}
}

# The licensor writes its own model in lower case (codegeex4-all-9b).
test_success_derivative_naming_lower_case_prefix if {
	findings := _findings(_fine_tune("acme/codegeex4-review-9b", "api"))
	testing.statuses(findings, "derivative-naming") == {["acme/codegeex4-review-9b", "satisfied"]}
}

test_success_derivative_naming_internal_fine_tune if {
	findings := _findings(_fine_tune("acme/Review-9B", "none"))
	testing.statuses(findings, "derivative-naming") == set()
}

# Outputs are not named by the license: a student trained only on them carries no duty here.
test_success_derivative_naming_output_student_not_reached if {
	findings := _findings(_distilled(["api", "weights"]))
	testing.statuses(findings, "derivative-naming") == set()
	testing.statuses(findings, "attribution-display") == {[_id, "violated"]}
	testing.statuses(findings, "commercial-registration") == {[_id, "satisfied"]}
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_a_person if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("THUDM/chatglm3-6b")]})
	findings == set()
}
