# METADATA
# title: Organisation policy
# description: >-
#   Findings of the organisation's own rules (DESIGN.md §8): the allow, deny and review lists of
#   licensegate.policy.yaml (data.licensegate.org_policy, prepared by orgpolicy.py: each glob
#   comes with an anchored lowercase regex and its line) and the org.* Rego packages (collected
#   at data.licensegate.org.findings). Both only add findings under org: ids. A rule with an
#   effective_on day later than input.today gives warnings instead (status "warn").
package licensegate.orgpolicy

import rego.v1

import data.licensegate.lib.finding
import data.licensegate.lib.subjects

_policy := data.licensegate.org_policy

findings contains _dated(item) if some item in _listed

findings contains _dated(item) if some item in data.licensegate.org.findings

# The entries of one list (licenses or models; allow, deny or review) that match an id.
_hits(kind, list, id) := [entry |
	some entry in _policy[kind][list]
	regex.match(entry.regex, lower(id))
]

_denied(kind, id) if count(_hits(kind, "deny", id)) > 0

_where(entry) := sprintf("%s:%d: %s", [_policy.file, entry.line, entry.glob])

# Every (kind, id, subject) the lists judge: each license of each subject, and each listed model.
# Nothing without a policy file (checked first, so that a run without one pays nothing for it).
_judged contains ["licenses", license, subject] if {
	_policy.file
	some subject in data.licensegate.lib.subjects.all
	some license in subject.licenses
}

_judged contains ["models", subject.id, subject] if {
	_policy.file
	some subject in data.licensegate.lib.subjects.models
}

_noun := {"licenses": "license", "models": "model"}

_listed contains finding.new(
	"org", sprintf("%s-denied", [_noun[kind]]), subject.id, "violated",
	sprintf("%s: %s %s is denied by the organisation policy (%s)", [subject.id, _noun[kind], id, _where(hit)]),
	subject.path,
) if {
	some [kind, id, subject] in _judged
	hit := _hits(kind, "deny", id)[0]
}

_listed contains finding.new(
	"org", sprintf("%s-not-allowed", [_noun[kind]]), subject.id, "violated",
	sprintf("%s: %s %s is not on the organisation's allow list (%s:%d)", [
		subject.id, _noun[kind], id, _policy.file, _policy.lines[kind].allow,
	]),
	subject.path,
) if {
	some [kind, id, subject] in _judged
	is_array(_policy[kind].allow)
	count(_hits(kind, "allow", id)) == 0
	not _denied(kind, id)
}

_listed contains finding.new(
	"org", sprintf("%s-review", [_noun[kind]]), subject.id, "needs-attestation",
	sprintf("%s: %s %s needs the review the organisation policy asks for (%s)", [subject.id, _noun[kind], id, _where(hit)]),
	subject.path,
) if {
	some [kind, id, subject] in _judged
	hit := _hits(kind, "review", id)[0]
	not _denied(kind, id)
}

# effective_on: before that day an org rule warns; from it on, it counts.
_dated(item) := object.union(item, {
	"status": "warn",
	"origin": _policy.file,
	"message": sprintf("%s (takes effect on %s)", [item.message, rule.effective_on]),
}) if {
	some rule in _policy.rules
	rule.clause == item.id
	input.today < rule.effective_on
	item.status in {"violated", "missing-facts", "needs-attestation"}
} else := item
