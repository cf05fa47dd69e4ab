# METADATA
# title: Test fixtures
# description: >-
#   Builders for the input documents of Rego unit tests. Loaded only with the tests (the file
#   ends in _test.rego), never with the policies. The input has the shape facts.py builds:
#   the manifest with defaults filled, today, the derived models' upstream, the Notice file.
package licensegate.lib.testing

import rego.v1

today := "2026-11-29"

licensee := {"name": "Acme Corp", "domicile": "US", "monthly_active_users": 1000000}

product := {
	"commercial": true,
	"environment": "production",
	"audience": "internal",
	"ships_weights": false,
	"attribution": [],
}

# model(id) is a listed model used for inference.
model(id) := {"id": id, "uses": ["inference"], "guardrails_modified": false}

# derived(name, base, outputs, release) is a derived model; `base` and `outputs` are id lists.
derived(name, base, outputs, release) := {
	"name": name,
	"base_models": base,
	"trained_on_outputs_of": outputs,
	"llm": true,
	"release": release,
}

# doc(overrides) is an input document: the baseline manifest with top-level keys replaced by
# `overrides` (a partial manifest), no derived models unless given, and no Notice file.
doc(overrides) := {
	"today": today,
	"manifest": manifest,
	"upstream": {d.name: _edges(d) | some d in object.get(overrides, "derived_models", [])},
	"files": {},
	# The host folds attribution text (NFKC, case-folded); test data is ASCII, so lower() is that.
	"folded": {"attribution": [lower(statement.text) | some statement in manifest.product.attribution]},
} if {
	manifest := _replace_keys(
		{
			"apiVersion": "licensegate/v1",
			"kind": "Deployment",
			"metadata": {"name": "test"},
			"licensee": licensee,
			"product": product,
			"models": [],
			"derived_models": [],
			"attestations": [],
			"waivers": [],
		},
		overrides,
	)
}

# Top-level keys of `overrides` replace those of `base` whole (object.union would merge them,
# and a test could then not drop a field).
_replace_keys(base, overrides) := object.union(
	{key: value | some key, value in base; not key in object.keys(overrides)},
	overrides,
)

# with_notice(document, text) adds a Notice file with the given (normalised) text.
with_notice(document, text) := object.union(
	document,
	{"files": {"notice_file": {"path": "NOTICE", "exists": true, "utf8": true, "text": text}}},
)

# Direct edges only: tests that need chains write input.upstream themselves.
_edges(d) := array.concat(
	[{"model": id, "via": "weights"} | some id in d.base_models],
	[{"model": id, "via": "outputs"} | some id in d.trained_on_outputs_of],
)

# statuses(findings, clause) is the set of [subject, status] pairs for one clause name.
statuses(findings, clause) := {[item.subject, item.status] | some item in findings; item.clause == clause}
