# METADATA
# title: licensegate decision
# description: >-
#   The decision for one manifest: every applicable clause of every license that reaches a
#   subject, with attestations and waivers applied. Only the license packages that some subject
#   needs are evaluated (through licensegate.dispatch). An OPA server
#   serving the licensegate bundle answers the same document at data.licensegate.main.findings.
package licensegate.main

import rego.v1

import data.lib.finding
import data.lib.subjects
import data.licensegate.dispatch
import data.licensegate.orgpolicy

# The library judges a license when licensegate.dispatch (generated from policies/licenses)
# lists it; dispatch.findings(license) reads that one package.
_supported(license) if license in dispatch.supported

# License ids that reach any subject.
license_ids contains license if {
	some subject in subjects.all
	some license in subject.licenses
}

_raw contains item if {
	some license in license_ids
	_supported(license)
	some item in dispatch.findings(license)
}

# The organisation's own findings (licensegate.policy.yaml and org.* packages, DESIGN.md §8):
# none without an organisation policy. They only add, under org: ids. The guard keeps a run
# without one from evaluating the organisation rules at all.
_raw contains item if {
	_org_active
	some item in orgpolicy.findings
}

_org_active if data.licensegate.org_policy

_org_active if data.licensegate.org.active

# A listed model the catalog does not know and whose license the manifest does not state.
_raw contains finding.new(
	"licensegate", "unknown-model", model.id, "missing-facts",
	sprintf("the catalog does not know %s and the manifest gives no license for it (models[].license)", [model.id]),
	["models", index],
) if {
	some index, model in input.manifest.models
	not _placed(model)
}

# A derived model built from a model the library cannot place.
_raw contains finding.new(
	"licensegate", "unknown-model", subject.id, "missing-facts",
	sprintf("%s is built from %s, whose license is unknown", [subject.id, edge.model]),
	subject.path,
) if {
	some subject in subjects.derived
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
	some subject in subjects.all
	some license in subject.licenses
	not _supported(license)
}

# Licenses known to be out of reach, with the reason (policies/licensegate/unsupported/<id>/).
_why_unsupported(license) := sprintf(": %s", [data.licensegate.unsupported[license].reason]) if {
	data.licensegate.unsupported[license].reason
} else := ""

# DESIGN.md §2.1 rule 11: evaluated on anything but the input document the harness builds (a raw
# manifest, an empty input), the decision says so instead of answering [] (which reads as a pass).
findings := [_resolved(item) | some item in _raw] if {
	_valid_input
} else := [finding.new(
	"licensegate", "invalid-input", "input", "missing-facts",
	_invalid_input_message,
	[],
)]

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

_resolved(item) := object.union(item, {
	"status": "satisfied",
	"attestation": _attestations(item)[0],
	"message": sprintf("attested by %s on %s: %s", [
		_attestations(item)[0].by, _attestations(item)[0].date, _attestations(item)[0].statement,
	]),
}) if {
	item.status == "needs-attestation"
	count(_attestations(item)) > 0
} else := object.union(item, {
	"status": "waived",
	"waiver": _live_waivers(item)[0],
	"message": sprintf("%s; waived (the waiver stops applying on %s): %s", [
		item.message, _live_waivers(item)[0].expires, _live_waivers(item)[0].reason,
	]),
}) if {
	item.status in {"violated", "missing-facts"}
	count(_live_waivers(item)) > 0
} else := object.union(item, {
	"message": sprintf("%s; the waiver for it expired on %s", [item.message, _expired_waivers(item)[0].expires]),
}) if {
	item.status in {"violated", "missing-facts"}
	count(_expired_waivers(item)) > 0
} else := item
