package org.acme.ownership_test

import rego.v1

import data.org.acme.ownership

_doc(metadata) := {"manifest": {
	"metadata": metadata,
	"models": [{"id": "mistralai/Codestral-22B-v0.1", "uses": ["evaluation"]}],
}}

test_a_manifest_without_owner_is_denied if {
	count(ownership.deny) == 1 with input as _doc({"name": "chat"})
}

test_a_manifest_with_owner_is_not if {
	count(ownership.deny) == 0 with input as _doc({"name": "chat", "owner": "ml@acme.example"})
}

test_evaluation_only_models_warn if {
	count(ownership.warn) == 1 with input as _doc({"name": "chat"})
}
