# METADATA
# title: Subjects tests
# description: >-
#   Which licenses reach a listed or derived model, on a catalog of the test's own (so the
#   tests do not move when the real catalog does).
package licensegate.lib.subjects_test

import rego.v1

import data.licensegate.lib.subjects
import data.licensegate.lib.testing

_catalog := {"acme": {"models": {
	"acme/known": {"id": "Acme/Known", "licenses": ["acme-2"], "multimodal": true},
	"acme/text": {"id": "acme/text", "licenses": ["acme-2"], "multimodal": false},
	"acme/dual": {"id": "acme/dual", "licenses": ["acme-2"], "alternative_licenses": [["acme-1", "acme-aup"]]},
}}}

_model(id, license) := object.union(testing.model(id), {"license": license})

test_catalog_entry_is_case_insensitive if {
	entry := subjects.catalog_entry("ACME/KNOWN") with data.licensegate.catalog as _catalog
	entry.id == "Acme/Known"
	not subjects.catalog_entry("acme/other") with data.licensegate.catalog as _catalog
}

test_licenses_of_an_unknown_model_are_the_declared_ones if {
	subjects.licenses_of({"id": "other/m", "license": "mit"}) == ["mit"] with data.licensegate.catalog as _catalog
	declared := ["mit", "apache-2.0"]
	subjects.licenses_of({"id": "other/m", "license": declared}) == declared with data.licensegate.catalog as _catalog
}

# The catalog wins over a declared license, unless the declaration is one of its alternatives.
test_licenses_of_a_known_model_are_the_catalogs if {
	subjects.licenses_of({"id": "acme/known", "license": "mit"}) == ["acme-2"] with data.licensegate.catalog as _catalog
	subjects.licenses_of({"id": "acme/known"}) == ["acme-2"] with data.licensegate.catalog as _catalog
}

test_licenses_of_a_declared_alternative if {
	alternative := ["acme-aup", "acme-1"]
	subjects.licenses_of({"id": "acme/dual", "license": alternative}) == alternative with data.licensegate.catalog as _catalog
	subjects.licenses_of({"id": "acme/dual", "license": "acme-1"}) == ["acme-2"] with data.licensegate.catalog as _catalog
}

test_licenses_of_an_unplaceable_model_are_undefined if {
	not subjects.licenses_of({"id": "other/m"}) with data.licensegate.catalog as _catalog
}

test_multimodal_from_the_catalog_before_the_manifest if {
	subjects.multimodal({"id": "acme/text", "multimodal": true}) == false with data.licensegate.catalog as _catalog
	subjects.multimodal({"id": "other/m", "multimodal": true}) == true with data.licensegate.catalog as _catalog
	not subjects.multimodal({"id": "other/m"}) with data.licensegate.catalog as _catalog
}

test_models_carry_their_licenses_and_skip_unplaceable_ones if {
	document := testing.doc({"models": [_model("other/m", ["mit", "apache-2.0"]), testing.model("other/unknown")]})
	models := subjects.models with input as document with data.licensegate.catalog as _catalog
	models == {{
		"kind": "model",
		"id": "other/m",
		"index": 0,
		"path": ["models", 0],
		"licenses": ["apache-2.0", "mit"],
		"uses": ["inference"],
	}}
	count(subjects.models_under("mit")) == 1 with input as document with data.licensegate.catalog as _catalog
	count(subjects.models_under("gemma")) == 0 with input as document with data.licensegate.catalog as _catalog
}

test_listed_is_case_insensitive if {
	document := testing.doc({"models": [_model("Other/M", "mit")]})
	subjects.listed("other/m").id == "Other/M" with input as document
	not subjects.listed("other/n") with input as document
}

# A derived model carries every license upstream of it, and knows by which way each reaches it
# (the ids are not in the catalog: the declared licenses count).
test_derived_carries_upstream_licenses_by_way if {
	document := testing.doc({
		"models": [_model("other/base", "mit"), _model("other/teacher", "acme-1")],
		"derived_models": [testing.derived("acme/Student-7B", ["other/base"], ["other/teacher"], ["weights"])],
	})
	[subject] := [s | some s in subjects.derived] with input as document
	subject.licenses == ["acme-1", "mit"]
	subject.path == ["derived_models", 0]
	subject.modified_files_marked == null
	subject.vias == {"mit": {"weights"}, "acme-1": {"outputs"}}
	subjects.upstream_ids(subject, "acme-1", "outputs") == ["other/teacher"] with input as document
	subjects.upstream_ids(subject, "acme-1", "weights") == [] with input as document
	count(subjects.derived_under("mit")) == 1 with input as document
	count(subjects.derived_under("gemma")) == 0 with input as document
	count(subjects.all) == 3 with input as document
}

test_derived_without_upstream_has_no_license if {
	document := testing.doc({"derived_models": [testing.derived("acme/solo", [], [], ["api"])]})
	[subject] := [s | some s in subjects.derived] with input as document
	subject.licenses == []
	count(subjects.derived_under("mit")) == 0 with input as document
}

test_bare_name_drops_the_organisation if {
	subjects.bare_name("acme/Llama-3-Acme") == "Llama-3-Acme"
	subjects.bare_name("Llama-3-Acme") == "Llama-3-Acme"
}
