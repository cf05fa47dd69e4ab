package licensegate.orgpolicy_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.main
import data.licensegate.orgpolicy

_llama := "meta-llama/Llama-3.1-8B-Instruct"

_mistral := "mistralai/Mistral-7B-Instruct-v0.3"

_entry(glob, regex) := {"glob": glob, "regex": regex, "line": 5}

_policy(licenses, models, rules) := {
	"file": "licensegate.policy.yaml",
	"lines": {"licenses": {"allow": 3}, "models": {"allow": 4}},
	"licenses": licenses, "models": models, "rules": rules,
}

_findings(policy, models) := result if {
	result := main.findings with input as testing.doc({"models": models})
		with data.licensegate.org_policy as policy
}

_statuses(findings, id) := {item.status | some item in findings; item.id == id}

# Without a policy file, its rules find nothing (org.* packages of --policy folders may).
test_no_policy_file_no_findings if {
	count(orgpolicy._listed) == 0 with input as testing.doc({"models": [testing.model(_llama)]})
}

test_denied_license_is_violated if {
	policy := _policy({"deny": [_entry("llama3.*", `^llama3\.[^/]*$`)]}, {}, [])
	_statuses(_findings(policy, [testing.model(_llama)]), "org:license-denied") == {"violated"}
}

test_deny_of_another_license_stays_quiet if {
	policy := _policy({"deny": [_entry("mnpl", `^mnpl$`)]}, {}, [])
	_statuses(_findings(policy, [testing.model(_llama)]), "org:license-denied") == set()
}

test_model_outside_allow_list_is_violated_inside_is_quiet if {
	policy := _policy({}, {"allow": [_entry("mistralai/*", `^mistralai/[^/]*$`)]}, [])
	_statuses(_findings(policy, [testing.model(_llama)]), "org:model-not-allowed") == {"violated"}
	_statuses(_findings(policy, [testing.model(_mistral)]), "org:model-not-allowed") == set()
}

test_denied_wins_over_review if {
	both := [_entry("llama*", `^llama[^/]*$`)]
	findings := _findings(_policy({"deny": both, "review": both}, {}, []), [testing.model(_llama)])
	_statuses(findings, "org:license-review") == set()
	_statuses(findings, "org:license-denied") == {"violated"}
}

test_review_needs_attestation if {
	policy := _policy({"review": [_entry("llama*", `^llama[^/]*$`)]}, {}, [])
	_statuses(_findings(policy, [testing.model(_llama)]), "org:license-review") == {"needs-attestation"}
}

test_effective_on_later_is_a_warning_then_a_failure if {
	rule := {"clause": "org:license-denied", "effective_on": "2026-11-30"}
	policy := _policy({"deny": [_entry("llama*", `^llama[^/]*$`)]}, {}, [rule])
	_statuses(_findings(policy, [testing.model(_llama)]), "org:license-denied") == {"warn"}
	on_the_day := main.findings with input as object.union(testing.doc({"models": [testing.model(_llama)]}), {"today": "2026-11-30"})
		with data.licensegate.org_policy as policy
	_statuses(on_the_day, "org:license-denied") == {"violated"}
}

test_effective_on_never_touches_a_license_clause if {
	rule := {"clause": "llama3.1:acceptable-use", "effective_on": "2999-01-01"}
	findings := _findings(_policy({}, {}, [rule]), [testing.model(_llama)])
	_statuses(findings, "llama3.1:acceptable-use") == {"needs-attestation"}
}
