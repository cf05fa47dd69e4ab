# METADATA
# title: Subjects
# description: >-
#   The things clauses are judged for: every listed model (by id) and every derived model
#   (by name), each with the license ids that reach it. A model's licenses come from the
#   catalog (data.licensegate.catalog.<publisher>.models) when it knows the id, else from the manifest's
#   `license` together with what it inherits through its base_model chain (`check --scan`).
#   A derived model carries the licenses of everything upstream of it; the host
#   computes that closure into input.upstream so each entry says whether the upstream model's
#   weights or only its outputs went into the derived model.
package licensegate.lib.subjects

import rego.v1

# The catalog is one data document per publisher (policies/licensegate/catalog/<publisher>/),
# each {"models": {lowercase id: entry}}; an id belongs to exactly one of them.
catalog_entry(id) := entry if {
	entry := _listed_catalog[lower(id)]
} else := entry if {
	some publisher in _publishers
	entry := publisher.models[lower(id)]
}

# The catalog entries of the listed models by lowercased id, looked up once per evaluation:
# most lookups are of these, and copying the whole catalog into one index would cost more than
# the lookups it saves (tests/test_catalog_data.py keeps ids unique across publishers).
_listed_catalog := {key: entry |
	some model in input.manifest.models
	key := lower(model.id)
	entry := _catalog_lookup(model.id, key)
}

# A catalog entry sits in the folder named like its id's org as the publisher writes it
# (tests/test_catalog_data.py): look there first, and through every publisher only for an id
# written in another case or one the catalog does not know.
_catalog_lookup(id, key) := entry if {
	entry := _publishers[split(id, "/")[0]].models[key]
} else := entry if {
	some publisher in _publishers
	entry := publisher.models[key]
}

# The catalog document, read once per evaluation: in regorus each read of a data path costs
# more than reading a rule's value.
_publishers := data.licensegate.catalog

_declared(model) := [model.license] if is_string(model.license)

_declared(model) := model.license if is_array(model.license)

# License ids of a listed model: the catalog's when it knows the model (or one of the catalog's
# `alternative_licenses` when the manifest declares it, e.g. an earlier text the licensee
# accepted), else the declared ones. Undefined for a model the library cannot place (reported as
# licensegate:unknown-model).
licenses_of(model) := entry.licenses if {
	# The common case first, without calls (each costs more than these tests in regorus): a
	# listed model the catalog knows, with no alternative_licenses to compare the manifest with.
	entry := _listed_catalog[lower(model.id)]
	not entry.alternative_licenses
} else := licenses if {
	# One catalog lookup, not one per branch: regorus recomputes a function at every call.
	licenses := _cataloged_licenses(catalog_entry(model.id), model)
} else := sort({license | some license in _declared(model)} | {license | some license in lineage(model).licenses}) if {
	lineage(model).resolved == true
	count(lineage(model).licenses) > 0
} else := _declared(model)

# The licenses of a model the catalog knows (`entry`), as licenses_of explains.
_cataloged_licenses(entry, model) := _declared(model) if {
	_declares_alternative(entry, model)
} else := entry.licenses

# `check --scan` only: what the scan's model cards and GGUF headers say a model the catalog does
# not know is built from (licensegate.scan.lineage). A resolved lineage only ever adds licenses
# to the declared ones: a card is written by whoever opens the pull request.
lineage(model) := input.scan.lineage[lower(model.id)] if not catalog_entry(model.id)

_declares_alternative(entry, model) if {
	some alternative in entry.alternative_licenses
	{license | some license in alternative} == {license | some license in _declared(model)}
}

# The listed model with this id (case-insensitive).
listed(id) := model if {
	some model in input.manifest.models
	lower(model.id) == lower(id)
}

# multimodal(model) is true or false when known: from the catalog, else from the manifest's
# models[].multimodal. Never from the modalities a deployment uses (DESIGN.md §2.1 rule 4): using
# only text of a vision model does not make it text-only. Undefined when neither says.
multimodal(model) := value if {
	value := catalog_entry(model.id).multimodal
	is_boolean(value)
} else := model.multimodal if {
	is_boolean(model.multimodal)
}

models contains subject if {
	some index, model in input.manifest.models
	licenses := licenses_of(model)
	subject := {
		"kind": "model",
		"id": model.id,
		"index": index,
		"path": ["models", index],
		"licenses": sort(licenses),
		"uses": model.uses,
	}
}

# input.upstream[name] lists {"model": id, "via": "weights" | "outputs"} for every listed model
# upstream of the derived model (via "outputs" when any step on the way used only outputs).
# `vias` says how each of its licenses reaches it (a set of "weights" and/or "outputs"), computed
# once here: the builders ask for it again and again, and regorus would recompute a function at
# every call. Read it as subject.vias[license], which is undefined for a license not in
# subject.licenses.
derived contains subject if {
	some index, model in input.manifest.derived_models
	upstream := object.get(input.upstream, model.name, [])
	licenses := {license |
		some edge in upstream
		some license in _upstream_licenses[lower(edge.model)]
	}
	subject := {
		"kind": "derived",
		"id": model.name,
		"index": index,
		"path": ["derived_models", index],
		"licenses": sort(licenses),
		"vias": {license: {edge.via |
			some edge in upstream
			license in _upstream_licenses[lower(edge.model)]
		} |
			some license in licenses
		},
		"upstream": upstream,
		"release": model.release,
		"llm": model.llm,
		"modified_files_marked": object.get(model, "modified_files_marked", null),
	}
}

all := models | derived

# licenses_of(listed(id)) for every model that is upstream of a derived model (by lowercased id),
# computed once per evaluation: the derived subjects and every builder's `vias` and
# `upstream_ids` ask for them again and again, and regorus recomputes a function at every call.
# A derived subject's edges are input.upstream's, so every edge that licenses_of can place is
# here; one it cannot place is missing, as licenses_of(listed(id)) would be undefined.
_upstream_licenses := {key: licenses |
	some key in {lower(edge.model) |
		some model in input.manifest.derived_models
		some edge in object.get(input.upstream, model.name, [])
	}
	# listed(key), written out (the key is lowercased already): one call less for each.
	some model in input.manifest.models
	lower(model.id) == key
	licenses := licenses_of(model)
}

# Listed models carrying a license.
models_under(license) := {subject | some subject in models; license in subject.licenses}

# Derived models that a license reaches.
derived_under(license) := {subject | some subject in derived; license in subject.licenses}

# Upstream model ids of a derived model that carry a license and reach it by a given way.
upstream_ids(subject, license, via) := sort({edge.model |
	some edge in subject.upstream
	edge.via == via
	license in _upstream_licenses[lower(edge.model)]
})

# The model name a derived model is released under, without any "org/" prefix.
bare_name(name) := parts[count(parts) - 1] if parts := split(name, "/")
