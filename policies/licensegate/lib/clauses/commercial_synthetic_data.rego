# METADATA
# title: No synthetic data for commercial purposes
# description: >-
#   An output-use builder for texts that forbid generating training data "for commercial
#   purposes" rather than training a particular kind of model (the C4AI / Cohere Labs acceptable
#   use policy). Whether the deployment is commercial decides it: product.commercial: true with
#   the model's outputs training anything (a listed model used as distillation teacher,
#   synthetic-data or training-feedback source; a derived model trained on its outputs) is
#   violated; the same use in a non-commercial deployment is satisfied.
package licensegate.lib.clauses

import rego.v1

import data.licensegate.lib.finding
import data.licensegate.lib.subjects

no_commercial_synthetic_data(license) := {_synthetic_finding(license, subject, "uses") |
	some subject in subjects.models_under(license)
	count(_output_uses & {use | some use in subject.uses}) > 0
} | {_synthetic_finding(license, subject, "trained_on_outputs_of") |
	some subject in subjects.derived_under(license)
	"outputs" in subject.vias[license]
}

_synthetic_finding(license, subject, field) := finding.new(
	license, "output-use", subject.id, "violated",
	sprintf("%s: outputs generate training data in a commercial deployment (product.commercial: true)", [
		_synthetic_what(subject, license),
	]),
	array.concat(subject.path, [field]),
) if {
	_commercial
} else := finding.new(
	license, "output-use", subject.id, "satisfied",
	sprintf("%s: the deployment is not commercial (product.commercial: false)", [_synthetic_what(subject, license)]),
	["product", "commercial"],
)

_synthetic_what(subject, license) := sprintf("%s is trained on outputs of %s", [
	subject.id, concat(", ", subjects.upstream_ids(subject, license, "outputs")),
]) if {
	subject.kind == "derived"
} else := sprintf("%s is used as %s", [
	subject.id, concat(" and ", sort({use | some use in subject.uses; use in _output_uses})),
])
