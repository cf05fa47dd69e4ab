# METADATA
# title: Non-production use that reaches no end users
# description: >-
#   A non-production builder for licenses whose scope excludes production and any use that
#   interacts with or affects end users (FLUX.1 [dev]: "use ... in direct interactions with or
#   that has impact on end users ... is not a Non-Commercial Purpose"). A listed model breaches it
#   in a production environment or in a product offered to customers or the public; a derived
#   model breaches it when offered as a service (release: api). Publishing derived weights for
#   download reaches recipients, not end users of a service, and is judged by the distribution
#   clauses instead.
package licensegate.lib.clauses

import rego.v1

import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

non_production_no_end_users(license) := {_end_user_finding(license, subject) |
	some subject in subjects.models_under(license)
} | {_served_finding(license, subject) |
	some subject in subjects.derived_under(license)
	"weights" in subject.vias[license]
}

_end_user_finding(license, subject) := finding.new(
	license, "non-production", subject.id, "violated",
	sprintf("%s runs in production (product.environment: production), which the license does not permit", [subject.id]),
	["product", "environment"],
) if {
	input.manifest.product.environment == "production"
} else := finding.new(
	license, "non-production", subject.id, "violated",
	sprintf("%s serves end users (product.audience: %s), which the license does not permit", [
		subject.id, input.manifest.product.audience,
	]),
	["product", "audience"],
) if {
	"inference" in subject.uses
	data.licensegate.lib.deployment.product_made_available
} else := finding.new(
	license, "non-production", subject.id, "satisfied",
	sprintf("used in %s for an internal audience: not production and no end users", [input.manifest.product.environment]),
	["product", "environment"],
)

_served_finding(license, subject) := finding.new(
	license, "non-production", subject.id, "violated",
	sprintf("%s is offered as a service (release: api) and reaches end users, which the license does not permit", [subject.id]),
	array.concat(subject.path, ["release"]),
) if {
	deployment.served(subject)
} else := finding.new(
	license, "non-production", subject.id, "satisfied",
	sprintf("%s is not offered as a service", [subject.id]),
	array.concat(subject.path, ["release"]),
)

