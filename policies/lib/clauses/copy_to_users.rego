# METADATA
# title: A copy of the license for everyone a product reaches
# description: >-
#   A license-copy builder for licenses whose copy duty reaches recipients of the weights and
#   users of products or services that use them (Tencent Hunyuan §3(a)). Weight recipients are
#   judged by product.license_copies_included (license_copy_for); third parties who reach a model
#   only as a service receive the copy some other way (linked from the terms they accept), which
#   no manifest field states, so a person attests it. A subject both shipped and served is
#   reported once: a missing copy with the weights first, the service duty once that is fixed.
package lib.clauses

import rego.v1

import data.lib.deployment
import data.lib.finding
import data.lib.subjects

license_copy_to_users(license, vias) := {item |
	some item in license_copy_for(license, vias)
	not _served_id(license, item.subject)
} | {item |
	some item in license_copy_for(license, vias)
	_served_id(license, item.subject)
	item.status != "satisfied"
} | {finding.new(
	license, "license-copy", subject.id, "needs-attestation",
	sprintf("%s reaches third parties as a service (%s): confirm they are given a copy of the Agreement", [
		subject.id, _how_available_as_service(subject),
	]),
	subject.path,
) |
	some subject in _service_users(license)
	not _copy_missing(license, vias, subject.id)
}

# Listed models in a product offered to customers or the public, and derived models offered as a
# service.
_service_users(license) := {subject |
	some subject in subjects.models_under(license)
	_in_product(subject)
	deployment.product_made_available
} | {subject |
	some subject in subjects.derived_under(license)
	deployment.served(subject)
}

_served_id(license, id) if {
	some subject in _service_users(license)
	subject.id == id
}

_copy_missing(license, vias, id) if {
	some item in license_copy_for(license, vias)
	item.subject == id
	item.status != "satisfied"
}

_how_available_as_service(subject) := sprintf("it is released (release: %s)", [release_text(subject)]) if {
	subject.kind == "derived"
} else := sprintf("the product that runs it is offered to %s (product.audience)", [input.manifest.product.audience])
