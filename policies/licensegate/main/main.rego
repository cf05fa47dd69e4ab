# METADATA
# title: licensegate decision
# description: >-
#   The decision for one manifest: every applicable clause of every license that reaches a
#   subject, with attestations and waivers applied. Only the license packages that some subject
#   needs are evaluated (through licensegate.dispatch). An OPA server
#   serving the licensegate bundle answers the same document at data.licensegate.main.findings;
#   the engines evaluate data.licensegate.main.decision, the findings with what they are checked by.
package licensegate.main

import rego.v1

import data.licensegate.lib.finding
import data.licensegate.lib.subjects
import data.licensegate.dispatch
import data.licensegate.orgpolicy

# The library judges a license when licensegate.dispatch (generated from policies/licensegate/licenses)
# lists it; dispatch.findings(license) reads that one package, and is undefined for any other
# license (dispatch.supported and dispatch.findings are generated from the same list). So the
# rules below test whether a license is judged as `_findings_by_license[license]` (its findings, a
# set, never false: defined exactly for the judged ids that reach a subject), not with a helper
# function (a call each time in regorus), not with dispatch.supported (which regorus would build
# anew, 37 ids, at each evaluation), and not with a set of the keys (one rule more to evaluate).

# License ids that reach any subject.
license_ids contains license if {
	some subject in data.licensegate.lib.subjects.all
	some license in subject.licenses
}

# The findings of each license that reaches a subject and that the library judges, computed once
# per evaluation: _raw and _judged_subjects both read them (each dispatch.findings call evaluates a
# license package's clauses again). Read per license rather than gathered into one set first:
# regorus would build that set, and evaluate one rule more, for every evaluation.
_findings_by_license := {license: items |
	some license in license_ids
	items := dispatch.findings(license)
}

_raw contains item if {
	some items in _findings_by_license
	some item in items
}

# The organisation's own findings (licensegate.policy.yaml and org.* packages, DESIGN.md §8):
# none without an organisation policy. They only add, under org: ids. The guard keeps a run
# without one from evaluating the organisation rules at all.
_raw contains item if {
	_org_active
	some item in data.licensegate.orgpolicy.findings
}

_org_active if data.licensegate.org_policy

_org_active if data.licensegate.org.active

# A listed model the catalog does not know and whose license the manifest does not state.
_raw contains finding.new(
	"licensegate", "unknown-model", model.id, "missing-facts",
	sprintf("the catalog does not know %s and the manifest gives no license for it (models[].license)%s", [model.id, _lineage_note(model)]),
	["models", index],
) if {
	some index, model in input.manifest.models
	not index in _subject_indexes
	not _placed(model)
}

# Indexes of the listed models that are subjects, which only a placed model can be: most models
# are, and this set (from a rule evaluated once) spares them another catalog lookup each.
_subject_indexes := {subject.index | some subject in data.licensegate.lib.subjects.models}

# A derived model built from a model the library cannot place.
_raw contains finding.new(
	"licensegate", "unknown-model", subject.id, "missing-facts",
	sprintf("%s is built from %s, whose license is unknown", [subject.id, edge.model]),
	subject.path,
) if {
	some subject in data.licensegate.lib.subjects.derived
	some edge in subject.upstream
	upstream := subjects.listed(edge.model)
	not _placed(upstream)
}

# The library knows the licenses of this listed model. A helper rule keeps calls out of `not`
# (see lib/clauses, _known_text_only).
_placed(model) if subjects.licenses_of(model)

# A license the library has no policy for: it cannot be judged, so it is never a pass.
_raw contains finding.new(
	"licensegate", "unsupported-license", subject.id, "missing-facts",
	sprintf("%s is under %s, which licensegate cannot judge yet%s", [subject.id, license, _why_unsupported(license)]),
	subject.path,
) if {
	some subject in data.licensegate.lib.subjects.all
	some license in subject.licenses
	not _findings_by_license[license]
}

# ---------------------------------------------------------------------------------------------
# `check --scan DIR` (DESIGN.md §7): the repository says which models it really runs. input.scan
# is there only then; licensegate.scan.check_input builds it from the scan, one entry per model
# (`key`: its id lowercased) with the places it is named, and one per model card or GGUF header.

# A model the repository uses that the manifest lists neither as a model nor as a derived model:
# the manifest is not telling the whole story, so nothing else it says can pass.
_raw contains object.union(
	finding.new(
		"licensegate", "undeclared-model", found.id, "violated",
		sprintf("%s names %s (%s), which the manifest does not list under models[]%s", [
			_place(_first_evidence(found)), found.id, _first_evidence(found).kind, _elsewhere(found),
		]),
		["models"],
	),
	{"evidence": _first_evidence(found)},
) if {
	some found in input.scan.models
	not _declared(found.key)
}

_declared(key) if {
	some model in input.manifest.models
	lower(model.id) == key
}

# A derived model's name declares the id it is published under, but never an id the catalog
# knows: that is someone else's model, and naming a "derived model" after it must not hide it.
_declared(key) if {
	some derived in input.manifest.derived_models
	lower(derived.name) == key
	not subjects.catalog_entry(key)
}

# _valid_scan makes sure every model has a place; this keeps the finding defined regardless.
_first_evidence(found) := found.evidence[0] if {
	count(found.evidence) > 0
} else := {"path": "the scanned folder", "line": 0, "kind": "unknown"}

_place(evidence) := sprintf("%s:%d", [evidence.path, evidence.line]) if {
	evidence.line > 0
} else := evidence.path

_elsewhere(found) := sprintf(" (and %d more places)", [found.evidence_count - 1]) if {
	found.evidence_count > 1
} else := ""

# A model card (or GGUF header) in the repository that puts a listed model under other licenses
# than the manifest or the catalog, or a base_model chain that cannot be trusted or that the
# manifest contradicts: contradictory facts are never a quiet pass (DESIGN.md §2.1 rule 3, §7).
# One finding per model, for the first conflict in scan order.
_raw contains object.union(
	finding.new(
		"licensegate", "license-conflict", model.id, "missing-facts",
		conflict.message,
		_license_path(index, model),
	),
	{"evidence": conflict.evidence},
) if {
	# Cards and lineage come only with `check --scan`: without them no model is looked up.
	input.scan
	some index, model in input.manifest.models
	conflicts := array.concat(_card_conflicts(model), _lineage_conflicts(model))
	count(conflicts) > 0
	conflict := conflicts[0]
}

# A card about the model itself, when the model has no resolved lineage (that one is judged
# hop by hop in licensegate.scan.lineage, which also sees the cards about the model).
_card_conflicts(model) := [conflict |
	not _lineage_resolved(model)
	some card in input.scan.cards
	card.key == lower(model.id)
	count(card.licenses) > 0
	not _card_agrees(card, model)
	conflict := {
		"message": sprintf("%s says %s is under %s, but %s has it under %s", [
			_place(card.evidence), model.id, concat(", ", card.licenses),
			_license_source(model), concat(", ", sort(subjects.licenses_of(model))),
		]),
		"evidence": card.evidence,
	}
]

_lineage_resolved(model) if subjects.lineage(model).resolved == true

# Cards on the chain that claim less than their bases carry, then the manifest's own license
# when it leaves out something the lineage carries, then a chain that loops or runs too long.
_lineage_conflicts(model) := array.concat(array.concat(record.conflicts, [conflict |
	record.resolved == true
	declared := {license | some license in _declared_licenses(model)}
	count(declared) > 0
	missing := {license | some license in record.licenses} - declared
	count(missing) > 0
	conflict := {
		"message": sprintf("the manifest puts %s under %s, but its lineage carries %s too: %s", [
			model.id, concat(", ", sort(declared)), concat(", ", sort(missing)), record.chain,
		]),
		"evidence": record.evidence,
	}
]), [conflict |
	record.resolved == false
	record.kind in {"cycle", "too-long"}
	conflict := {"message": sprintf("%s: %s", [record.problem, record.chain]), "evidence": record.evidence}
]) if {
	record := subjects.lineage(model)
} else := []

_declared_licenses(model) := [model.license] if is_string(model.license)

_declared_licenses(model) := model.license if is_array(model.license)

# Why a model with a base_model chain is still unknown: the chain's problem, for the message.
_lineage_note(model) := sprintf("; %s", [subjects.lineage(model).problem]) if {
	subjects.lineage(model).resolved == false
} else := ""

# A card agrees when it names exactly the licenses the model is judged under, or one of the
# texts the catalog accepts for it (its licenses or an alternative_licenses entry).
_card_agrees(card, model) if {
	{license | some license in card.licenses} == {license | some license in subjects.licenses_of(model)}
}

_card_agrees(card, model) if {
	{license | some license in card.licenses} == {license | some license in subjects.catalog_entry(model.id).licenses}
}

_card_agrees(card, model) if {
	some alternative in subjects.catalog_entry(model.id).alternative_licenses
	{license | some license in card.licenses} == {license | some license in alternative}
}

_license_source(model) := "the manifest" if {
	model.license
	not subjects.catalog_entry(model.id)
} else := "the catalog"

_license_path(index, model) := ["models", index, "license"] if {
	model.license
} else := ["models", index]

# Licenses known to be out of reach, with the reason (policies/licensegate/unsupported/<id>/).
_why_unsupported(license) := sprintf(": %s", [data.licensegate.unsupported[license].reason]) if {
	data.licensegate.unsupported[license].reason
} else := ""

# Every model appears in every report: a model whose licenses the library judges but that no
# clause reaches (an Apache-2.0 model used only internally, say) gets one satisfied line that says
# so, instead of silence that reads as "not looked at".
_raw contains finding.new(
	"licensegate", "no-duties", subject.id, "satisfied",
	sprintf("no clause of %s applies to how this deployment uses %s", [concat(", ", sort(subject.licenses)), subject.id]),
	subject.path,
) if {
	some subject in data.licensegate.lib.subjects.all
	count(subject.licenses) > 0
	every license in subject.licenses {
		_findings_by_license[license]
	}
	# Whether some license clause judged this subject (compared as the harness normalised the
	# ids); the id is lowered before `not`, which keeps the call out of the negation.
	id := lower(subject.id)
	not id in _judged_subjects
}

# Subjects (lower case) that some license clause judged: one pass over the findings, not one
# per subject.
_judged_subjects := {lower(item.subject) |
	some items in _findings_by_license
	some item in items
}

# DESIGN.md §2.1 rule 11: evaluated on anything but the input document the harness builds (a raw
# manifest, an empty input), the decision says so instead of answering [] (which reads as a pass).
findings := _applied if {
	_valid_input
} else := [finding.new(
	"licensegate", "invalid-input", "input", "missing-facts",
	_invalid_input_message,
	[],
)]

# The findings with inherited licenses noted and attestations and waivers applied. Without
# inherited licenses _with_lineage answers each finding unchanged, and so does _resolved when no
# record names a clause: then they are not called for every finding.
_applied := [_resolved(_with_lineage(item)) | some item in _raw] if {
	input.scan.lineage
} else := [_resolved(item) | some item in _raw] if {
	# Half the manifests record no attestation or waiver: for them, not even _recorded_clauses
	# (one rule and two comprehensions) is built.
	count(input.manifest.attestations) + count(input.manifest.waivers) > 0
	count(_recorded_clauses) > 0
} else := [item | some item in _raw]

# DESIGN.md §6: what the engines answer the harness (POST /v1/data/licensegate/main/decision on
# an OPA server). Beside the findings it carries the policy revision this server was given
# (data.licensegate.revision: pushed with the policies, in the bundle, set by the embedded engine)
# and echoes input.nonce, a fresh random string the harness puts in each request. An answer
# without both, from a stand-in that never evaluated these policies on this input or from a
# replay, is an engine error (licensegate.engine.answer checks them, the count, and that every
# listed and derived model appears in some finding). `findings` stays the rule to query by hand.
decision := {
	"revision": _revision,
	"nonce": _nonce,
	"findings": findings,
	"count": count(findings),
}

# One read of data.licensegate.revision: in regorus each read of a data path costs more than a rule.
_revision := revision if {
	revision := data.licensegate.revision
	is_string(revision)
} else := null

_nonce := input.nonce if {
	is_string(input.nonce)
} else := null

# A finding about a model whose licenses came through its base_model chain says which chain, so
# the reviewer can check the cards it rests on.
_with_lineage(item) := object.union(item, {"message": sprintf("%s (licenses inherited: %s)", [item.message, record.chain])}) if {
	item.id != "licensegate:license-conflict"
	# Only `check --scan` inherits licenses: without it no model is looked up for each finding.
	input.scan.lineage
	some model in input.manifest.models
	model.id == item.subject
	record := subjects.lineage(model)
	record.resolved == true
} else := item

_invalid_input_message := concat("", [
	"the input is not a licensegate input document (schemas/input.schema.json: manifest, today, upstream, files, ",
	"folded); evaluate the output of `licensegate input MANIFEST`",
])

# The shape the policies rely on; the harness builds it from a validated manifest (facts.py).
_valid_input if {
	is_object(input.manifest)
	input.manifest.apiVersion == "licensegate/v1"
	input.manifest.kind == "Deployment"
	is_object(input.manifest.licensee)
	is_object(input.manifest.product)
	is_array(input.manifest.models)
	is_array(input.manifest.derived_models)
	is_array(input.manifest.attestations)
	is_array(input.manifest.waivers)
	is_array(input.manifest.product.attribution)
	is_string(input.today)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, input.today)
	is_object(input.upstream)
	is_object(input.files)
	count(input.folded.attribution) == count(input.manifest.product.attribution)
	_valid_scan
}

# input.scan is optional (only `check --scan` adds it); when present, every model it names has a
# key and at least one place, so no undeclared model can drop out for lack of a field.
_valid_scan if not input.scan

_valid_scan if {
	is_array(input.scan.models)
	is_array(input.scan.cards)
	every found in input.scan.models {
		_valid_model_entry(found)
	}
	every card in input.scan.cards {
		_valid_card_entry(card)
	}
	_valid_lineage
}

# input.scan.lineage is there when the harness knows the catalog; each record says whether its
# chain resolved, so a half-built record can never read as a pass.
_valid_lineage if not input.scan.lineage

_valid_lineage if {
	is_object(input.scan.lineage)
	every record in input.scan.lineage {
		is_boolean(record.resolved)
		is_array(record.licenses)
		is_array(record.conflicts)
		is_string(record.chain)
		is_string(record.problem)
		is_string(record.kind)
		_valid_evidence(record.evidence)
	}
}

_valid_model_entry(found) if {
	is_string(found.id)
	is_string(found.key)
	is_number(found.evidence_count)
	is_array(found.evidence)
	count(found.evidence) > 0
	every evidence in found.evidence {
		_valid_evidence(evidence)
	}
}

_valid_card_entry(card) if {
	is_string(card.id)
	is_string(card.key)
	is_array(card.licenses)
	every license in card.licenses {
		is_string(license)
	}
	_valid_evidence(card.evidence)
}

_valid_evidence(evidence) if {
	is_string(evidence.path)
	is_number(evidence.line)
	is_string(evidence.kind)
}

# ---------------------------------------------------------------------------------------------
# Attestations and waivers (DESIGN.md §3). A record without `subject` covers every subject.

_covers(record, item) if {
	record.clause == item.id
	not record.subject
}

_covers(record, item) if {
	record.clause == item.id
	lower(record.subject) == lower(item.subject)
}

# The clause ids that some attestation or waiver names.
_recorded_clauses := {record.clause | some record in input.manifest.attestations} | {record.clause | some record in input.manifest.waivers}

_attestations(item) := [record | some record in input.manifest.attestations; _covers(record, item)]

# `expires` is the first day a waiver no longer applies (DESIGN.md §2.1 rule 10); input.today is the evaluation date (YYYY-MM-DD).
_live_waivers(item) := [record |
	some record in input.manifest.waivers
	_covers(record, item)
	input.today < record.expires
]

_expired_waivers(item) := [record |
	some record in input.manifest.waivers
	_covers(record, item)
	input.today >= record.expires
]

# Each list of records is built once per finding, and only for the statuses it can change, and
# only when some record names the finding's clause (no record covers it otherwise).
_resolved(item) := item if {
	not item.id in _recorded_clauses
} else := _attested(item, _attestations(item)) if {
	item.status == "needs-attestation"
} else := _waived(item, _live_waivers(item)) if {
	item.status in {"violated", "missing-facts"}
} else := item

_attested(item, records) := object.union(item, {
	"status": "satisfied",
	"attestation": records[0],
	"message": sprintf("attested by %s on %s: %s", [records[0].by, records[0].date, records[0].statement]),
}) if {
	count(records) > 0
} else := item

_waived(item, live) := object.union(item, {
	"status": "waived",
	"waiver": live[0],
	"message": sprintf("%s; waived (the waiver stops applying on %s): %s", [item.message, live[0].expires, live[0].reason]),
}) if {
	count(live) > 0
} else := _expired(item, _expired_waivers(item))

_expired(item, expired) := object.union(item, {
	"message": sprintf("%s; the waiver for it expired on %s", [item.message, expired[0].expires]),
}) if {
	count(expired) > 0
} else := item
