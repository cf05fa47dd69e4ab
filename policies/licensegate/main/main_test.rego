package licensegate.main_test

import rego.v1

import data.lib.testing
import data.licensegate.main

_llama := "meta-llama/Llama-3.1-8B-Instruct"

_findings(overrides) := result if {
	result := main.findings with input as testing.doc(overrides)
}

_status(findings, id, subject) := {item.status | some item in findings; item.id == id; item.subject == subject}

_over_limit := object.union(testing.licensee, {"monthly_active_users": 800000000, "mau_history": {"2024-06": 800000000}})

_waiver(expires) := {"clause": "llama3.1:mau-threshold", "reason": "separate agreement", "approved_by": "c", "expires": expires}

test_only_needed_licenses_are_judged if {
	findings := _findings({"models": [testing.model(_llama)]})
	{item.license | some item in findings} == {"llama3.1"}
}

test_attestation_satisfies_needs_attestation if {
	attestation := {"clause": "llama3.1:acceptable-use", "by": "counsel", "date": "2026-11-01", "statement": "ok"}
	findings := _findings({"models": [testing.model(_llama)], "attestations": [attestation]})
	_status(findings, "llama3.1:acceptable-use", _llama) == {"satisfied"}
	some item in findings
	item.id == "llama3.1:acceptable-use"
	item.attestation == attestation
}

test_attestation_for_another_subject_does_not_apply if {
	attestation := {"clause": "llama3.1:acceptable-use", "subject": "other/model", "by": "c", "date": "2026-11-01", "statement": "ok"}
	findings := _findings({"models": [testing.model(_llama)], "attestations": [attestation]})
	_status(findings, "llama3.1:acceptable-use", _llama) == {"needs-attestation"}
}

test_live_waiver_waives_a_violation if {
	findings := _findings({"licensee": _over_limit, "models": [testing.model(_llama)], "waivers": [_waiver("2027-03-01")]})
	_status(findings, "llama3.1:mau-threshold", _llama) == {"waived"}
}

test_waiver_subject_matches_case_insensitively if {
	waiver := object.union(_waiver("2027-03-01"), {"subject": lower(_llama)})
	findings := _findings({"licensee": _over_limit, "models": [testing.model(_llama)], "waivers": [waiver]})
	_status(findings, "llama3.1:mau-threshold", _llama) == {"waived"}
}

test_expired_waiver_does_not_apply if {
	findings := _findings({"licensee": _over_limit, "models": [testing.model(_llama)], "waivers": [_waiver("2026-11-29")]})
	_status(findings, "llama3.1:mau-threshold", _llama) == {"violated"}
	some item in findings
	item.id == "llama3.1:mau-threshold"
	contains(item.message, "expired on 2026-11-29")
}

test_waiver_does_not_touch_satisfied_clauses if {
	findings := _findings({"models": [testing.model(_llama)], "waivers": [_waiver("2027-03-01")]})
	_status(findings, "llama3.1:mau-threshold", _llama) == {"satisfied"}
}

test_unknown_model_is_missing_facts if {
	findings := _findings({"models": [testing.model("someone/unknown-7b")]})
	_status(findings, "licensegate:unknown-model", "someone/unknown-7b") == {"missing-facts"}
}

test_unsupported_license_is_missing_facts if {
	model := object.union(testing.model("someone/model"), {"license": "grok2-community"})
	findings := _findings({"models": [model]})
	_status(findings, "licensegate:unsupported-license", "someone/model") == {"missing-facts"}
}

test_derived_model_of_an_unknown_model_is_unknown if {
	findings := _findings({
		"models": [testing.model("someone/unknown-7b")],
		"derived_models": [testing.derived("Acme-7B", ["someone/unknown-7b"], [], "api")],
	})
	_status(findings, "licensegate:unknown-model", "Acme-7B") == {"missing-facts"}
}

test_declared_license_reaches_derived_models if {
	model := object.union(testing.model("acme/base"), {"license": "llama3.1"})
	findings := _findings({
		"models": [model],
		"derived_models": [testing.derived("Acme-Chat", ["acme/base"], [], "api")],
	})
	_status(findings, "llama3.1:derivative-naming", "Acme-Chat") == {"violated"}
}

test_declared_alternative_text_replaces_the_catalog_license if {
	model := object.union(testing.model("MiniMaxAI/MiniMax-Text-01"), {"license": "minimax-2025-01"})
	findings := _findings({"models": [model]})
	{item.license | some item in findings} == {"minimax-2025-01"}
}

test_catalog_license_governs_without_a_declaration if {
	findings := _findings({"models": [testing.model("MiniMaxAI/MiniMax-Text-01")]})
	{item.license | some item in findings} == {"minimax"}
}

# DESIGN.md §2.1 rule 11: the decision never answers [] for an input it was not built for.
_invalid(findings) if {
	count(findings) == 1
	findings[0].id == "licensegate:invalid-input"
	findings[0].status == "missing-facts"
}

test_empty_input_is_invalid_input if {
	findings := main.findings with input as {}
	_invalid(findings)
}

test_raw_manifest_is_invalid_input if {
	manifest := testing.doc({"models": [testing.model(_llama)]}).manifest
	findings := main.findings with input as manifest
	_invalid(findings)
}

test_input_without_folded_attribution_is_invalid_input if {
	document := object.remove(testing.doc({"models": [testing.model(_llama)]}), ["folded"])
	findings := main.findings with input as document
	_invalid(findings)
}

test_valid_input_is_judged if {
	findings := main.findings with input as testing.doc({"models": [testing.model(_llama)]})
	count(findings) > 0
	every item in findings {
		item.id != "licensegate:invalid-input"
	}
}
