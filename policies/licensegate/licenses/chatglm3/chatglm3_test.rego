package licensegate.licenses.chatglm3_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.chatglm3

_id := "THUDM/chatglm3-6b"

_findings(overrides) := result if {
	result := chatglm3.findings with input as testing.doc(overrides)
}

_licensee(facts) := object.union(testing.licensee, facts)

_registered := _licensee({"registrations": [{"license": "chatglm3", "date": "2026-10-01", "reference": "form"}]})

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_shipping := object.union(testing.product, {"ships_weights": true})

_tuned := "acme/chatglm3-6b-support"

_fine_tune(release) := {
	"licensee": _registered,
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [testing.derived(_tuned, [_id], [], release)],
}

# commercial-registration ------------------------------------------------------------------

test_fail_commercial_registration_unstated if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "missing-facts"]}
}

# A registration with another licensor is not a registration for ChatGLM3.
test_fail_commercial_registration_other_licensor_only if {
	other := _licensee({"registrations": [{"license": "yi-2.1", "date": "2026-01-01", "reference": "form"}]})
	findings := _findings({"licensee": other, "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "violated"]}
}

# A fine-tune of the parameters used commercially needs the registration too.
test_fail_commercial_registration_fine_tune_in_production if {
	document := object.union(_fine_tune("api"), {"licensee": _licensee({"registrations": []})})
	findings := _findings(document)
	testing.statuses(findings, "commercial-registration") == {[_id, "violated"], [_tuned, "violated"]}
}

test_success_commercial_registration_registered if {
	findings := _findings({"licensee": _registered, "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "satisfied"]}
}

test_success_commercial_registration_not_needed_for_research if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "commercial-registration") == {[_id, "satisfied"]}
}

# The license covers the parameters: a student trained only on outputs is not a subject.
test_success_commercial_registration_output_student_not_reached if {
	findings := _findings({
		"licensee": _registered,
		"models": [{"id": _id, "uses": ["synthetic-data"]}],
		"derived_models": [testing.derived("acme/tiny-student", [], [_id], "api")],
	})
	testing.statuses(findings, "commercial-registration") == {[_id, "satisfied"]}
}

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

# A copy list that names another license leaves this one's copy out.
test_fail_license_copy_list_omits_chatglm3 if {
	product := object.union(_shipping, {"license_copies_included": ["apache-2.0"]})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_fail_license_copy_fine_tune_published_unstated if {
	findings := _findings(_fine_tune("weights"))
	testing.statuses(findings, "license-copy") == {[_tuned, "missing-facts"]}
}

test_fail_license_copy_trained_without_student if {
	findings := _findings({"licensee": _registered, "models": [{"id": _id, "uses": ["fine-tuning"]}]})
	testing.statuses(findings, "license-copy") == {[_id, "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": ["chatglm3"]})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

# A hosted service hands out no copy of the parameters.
test_success_license_copy_quiet_for_a_service if {
	product := object.union(testing.product, {"audience": "public"})
	findings := _findings({"licensee": _registered, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == set()
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_a_person if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("mistralai/Mistral-7B-Instruct-v0.3")]})
	findings == set()
}
