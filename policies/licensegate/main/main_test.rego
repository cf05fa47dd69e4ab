package licensegate.main_test

import rego.v1

import data.licensegate.lib.testing
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

# ---------------------------------------------------------------------------------------------
# check --scan: input.scan as licensegate.scan.check_input builds it.

_place(path, line) := {"path": path, "line": line, "kind": "python"}

_found(id, places) := {"id": id, "key": lower(id), "evidence": places, "evidence_count": count(places)}

_card(id, licenses) := {
	"id": id, "key": lower(id), "licenses": licenses, "base_models": [],
	"evidence": {"path": "models/m/README.md", "line": 3, "kind": "model-card"},
}

_scan(models, cards) := {"root": ".", "models": models, "cards": cards}

_scanned(overrides, scan) := result if {
	result := main.findings with input as object.union(testing.doc(overrides), {"scan": scan})
}

_vision := "meta-llama/Llama-3.2-11B-Vision-Instruct"

test_undeclared_model_is_violated_at_its_evidence if {
	scan := _scan([_found(_vision, [_place("app/serve.py", 12), _place("app/batch.py", 4)])], [])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	_status(findings, "licensegate:undeclared-model", _vision) == {"violated"}
	some item in findings
	item.id == "licensegate:undeclared-model"
	item.evidence == _place("app/serve.py", 12)
	item.path == ["models"]
	contains(item.message, "app/serve.py:12 names meta-llama/Llama-3.2-11B-Vision-Instruct (python)")
	contains(item.message, "(and 1 more places)")
}

test_declared_model_is_not_undeclared_whatever_its_case if {
	scan := _scan([_found(upper(_llama), [_place("app/serve.py", 12)])], [])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	not _has_clause(findings, "licensegate:undeclared-model")
}

test_derived_model_name_declares_its_id if {
	derived := testing.derived("acme/Support-8B", [_llama], [], ["api"])
	scan := _scan([_found("acme/support-8b", [_place("serve.yaml", 3)])], [])
	findings := _scanned({"models": [testing.model(_llama)], "derived_models": [derived]}, scan)
	not _has_clause(findings, "licensegate:undeclared-model")
}

test_derived_model_named_after_a_catalog_model_does_not_declare_it if {
	derived := testing.derived(_vision, [_llama], [], ["api"])
	scan := _scan([_found(_vision, [_place("serve.py", 3)])], [])
	findings := _scanned({"models": [testing.model(_llama)], "derived_models": [derived]}, scan)
	_status(findings, "licensegate:undeclared-model", _vision) == {"violated"}
}

test_same_name_under_another_org_is_undeclared if {
	scan := _scan([_found("evil/Llama-3.1-8B-Instruct", [_place("app.py", 1)])], [])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	_status(findings, "licensegate:undeclared-model", "evil/Llama-3.1-8B-Instruct") == {"violated"}
}

test_undeclared_model_waiver_with_its_subject_applies if {
	waiver := {
		"clause": "licensegate:undeclared-model", "subject": _vision, "reason": "removed next sprint",
		"approved_by": "c@acme.example", "expires": "2027-01-01",
	}
	scan := _scan([_found(_vision, [_place("app.py", 1)])], [])
	findings := _scanned({"models": [testing.model(_llama)], "waivers": [waiver]}, scan)
	_status(findings, "licensegate:undeclared-model", _vision) == {"waived"}
}

test_binary_evidence_shows_the_path_alone if {
	scan := _scan([_found("TheBloke/Foo-GGUF", [{"path": "w/foo.gguf", "line": 0, "kind": "gguf"}])], [])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	some item in findings
	item.id == "licensegate:undeclared-model"
	startswith(item.message, "w/foo.gguf names TheBloke/Foo-GGUF (gguf),")
}

test_scan_entry_without_a_place_is_invalid_input if {
	scan := _scan([{"id": _vision, "key": lower(_vision), "evidence": [], "evidence_count": 0}], [])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	[item.id | some item in findings] == ["licensegate:invalid-input"]
}

test_scan_entry_without_a_key_is_invalid_input if {
	scan := _scan([{"id": _vision, "evidence": [_place("a.py", 1)], "evidence_count": 1}], [])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	[item.id | some item in findings] == ["licensegate:invalid-input"]
}

test_no_scan_no_scan_findings if {
	findings := _findings({"models": [testing.model(_llama)]})
	not _has_clause(findings, "licensegate:undeclared-model")
	not _has_clause(findings, "licensegate:license-conflict")
}

test_card_contradicting_the_catalog_is_a_license_conflict if {
	scan := _scan([], [_card(_llama, ["apache-2.0"])])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	_status(findings, "licensegate:license-conflict", _llama) == {"missing-facts"}
	some item in findings
	item.id == "licensegate:license-conflict"
	item.evidence.path == "models/m/README.md"
	item.path == ["models", 0]
	item.message == "models/m/README.md:3 says meta-llama/Llama-3.1-8B-Instruct is under apache-2.0, but the catalog has it under llama3.1"
}

test_card_contradicting_the_manifest_points_at_the_license if {
	model := object.union(testing.model("someone/model-7b"), {"license": "mit"})
	scan := _scan([], [_card("Someone/Model-7B", ["apache-2.0"])])
	findings := _scanned({"models": [model]}, scan)
	some item in findings
	item.id == "licensegate:license-conflict"
	item.status == "missing-facts"
	item.path == ["models", 0, "license"]
	contains(item.message, "but the manifest has it under mit")
}

test_agreeing_or_silent_card_is_no_conflict if {
	scan := _scan([], [_card(_llama, ["llama3.1"]), _card(_llama, [])])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	not _has_clause(findings, "licensegate:license-conflict")
}

# A card that names a text the catalog also accepts (alternative_licenses) agrees, even when
# the manifest did not declare that text; any other text still conflicts.
test_card_naming_a_catalog_alternative_is_no_conflict if {
	scan := _scan([], [_card("01-ai/Yi-34B", ["apache-2.0"])])
	findings := _scanned({"models": [testing.model("01-ai/Yi-34B")]}, scan)
	not _has_clause(findings, "licensegate:license-conflict")
}

test_card_naming_no_accepted_text_conflicts_with_a_catalog_alternative if {
	scan := _scan([], [_card("01-ai/Yi-34B", ["mit"])])
	findings := _scanned({"models": [testing.model("01-ai/Yi-34B")]}, scan)
	_status(findings, "licensegate:license-conflict", "01-ai/Yi-34B") == {"missing-facts"}
}

test_one_conflict_per_model_however_many_cards if {
	scan := _scan([], [_card(_llama, ["apache-2.0"]), _card(_llama, ["mit"])])
	findings := _scanned({"models": [testing.model(_llama)]}, scan)
	count([item | some item in findings; item.id == "licensegate:license-conflict"]) == 1
}

_has_clause(findings, id) if {
	some item in findings
	item.id == id
}

# ---------------------------------------------------------------------------------------------
# Lineage (input.scan.lineage, as licensegate.scan.lineage builds it): licenses a model the
# catalog does not know inherits through its base_model chain.

_support := "acme/Llama-3.1-8B-Support"

_chain := "acme/Llama-3.1-8B-Support (finetune of meta-llama/Llama-3.1-8B-Instruct, from its model card at hub/README.md:3)"

_record(overrides) := object.union(
	{
		"id": _support, "resolved": true, "kind": "", "problem": "", "licenses": ["llama3.1"],
		"roots": [_llama], "chain": _chain, "conflicts": [],
		"evidence": {"path": "hub/README.md", "line": 3, "kind": "model-card"},
	},
	overrides,
)

_with_lineage(model, record) := _scanned(
	{"models": [model]},
	object.union(_scan([], []), {"lineage": {lower(_support): record}}),
)

test_lineage_places_an_unknown_model_and_names_the_chain if {
	findings := _with_lineage(testing.model(_support), _record({}))
	not _has_clause(findings, "licensegate:unknown-model")
	not _has_clause(findings, "licensegate:license-conflict")
	some item in findings
	item.subject == _support
	item.license == "llama3.1"
	endswith(item.message, sprintf(" (licenses inherited: %s)", [_chain]))
}

test_unresolved_lineage_stays_unknown_with_the_reason if {
	record := _record({"resolved": false, "kind": "unknown-base", "licenses": [], "problem": "its base_model chain reaches x/y"})
	findings := _with_lineage(testing.model(_support), record)
	some item in findings
	item.id == "licensegate:unknown-model"
	endswith(item.message, "(models[].license); its base_model chain reaches x/y")
	not _has_clause(findings, "licensegate:license-conflict")
}

test_a_loop_is_unknown_and_a_conflict if {
	record := _record({"resolved": false, "kind": "cycle", "licenses": [], "problem": "the base_model chain of a loops (a -> a)"})
	findings := _with_lineage(testing.model(_support), record)
	_status(findings, "licensegate:unknown-model", _support) == {"missing-facts"}
	_status(findings, "licensegate:license-conflict", _support) == {"missing-facts"}
}

test_a_resolved_lineage_without_licenses_places_nothing if {
	findings := _with_lineage(testing.model(_support), _record({"licenses": []}))
	_status(findings, "licensegate:unknown-model", _support) == {"missing-facts"}
}

test_lineage_only_adds_to_the_manifest_license if {
	model := object.union(testing.model(_support), {"license": "mit"})
	findings := _with_lineage(model, _record({}))
	some item in findings
	item.id == "licensegate:license-conflict"
	item.path == ["models", 0, "license"]
	startswith(item.message, "the manifest puts acme/Llama-3.1-8B-Support under mit, but its lineage carries llama3.1 too")
	some judged in findings
	judged.license == "llama3.1"
	judged.subject == _support
}

test_an_agreeing_manifest_license_is_no_conflict if {
	model := object.union(testing.model(_support), {"license": "llama3.1"})
	findings := _with_lineage(model, _record({}))
	not _has_clause(findings, "licensegate:license-conflict")
}

test_a_card_conflict_on_the_chain_is_one_finding if {
	conflict := {"message": "hub/README.md:3 says it is under mit", "evidence": {"path": "hub/README.md", "line": 3, "kind": "model-card"}}
	record := _record({"conflicts": [conflict], "licenses": ["llama3.1", "mit"]})
	scan := object.union(_scan([], [_card(_support, ["mit"])]), {"lineage": {lower(_support): record}})
	findings := _scanned({"models": [testing.model(_support)]}, scan)
	conflicts := [item | some item in findings; item.id == "licensegate:license-conflict"]
	count(conflicts) == 1
	conflicts[0].message == "hub/README.md:3 says it is under mit"
}

test_lineage_never_touches_a_catalog_model if {
	record := object.union(_record({"licenses": ["apache-2.0"]}), {"id": _llama})
	findings := _scanned(
		{"models": [testing.model(_llama)]},
		object.union(_scan([], []), {"lineage": {lower(_llama): record}}),
	)
	{item.license | some item in findings} == {"llama3.1"}
}

test_a_malformed_lineage_record_is_invalid_input if {
	findings := _with_lineage(testing.model(_support), {"resolved": "yes"})
	_has_clause(findings, "licensegate:invalid-input")
}

# A commercial product with a non-commercial model next to an NVIDIA Cosmos model. Under regorus
# 0.13 the NVIDIA package read a licensegate.lib.clauses rule through its import alias, after which licensegate.lib.clauses
# functions lost their own aliases and sd-turbo came out satisfied (docs/rego-pitfalls.md).
test_non_commercial_model_next_to_a_cosmos_model_is_violated if {
	findings := _findings({
		"product": object.union(testing.product, {"audience": "customers", "environment": "staging"}),
		"models": [
			testing.model("stabilityai/sd-turbo"),
			testing.model("nvidia/Cosmos-1.0-Diffusion-7B-Video2World"),
		],
	})
	testing.statuses(findings, "non-commercial") == {["stabilityai/sd-turbo", "violated"]}
}
